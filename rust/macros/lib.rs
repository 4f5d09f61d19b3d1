// SPDX-License-Identifier: GPL-2.0

//! The kernel crate's procedural macros (mainline's `rust/macros`), built
//! by rustc alone as a `proc-macro` crate (no syn, no quote: Debian's
//! toolchain and no crate registry).  Today one: `#[vtable]`.

// cargo passes `--extern proc_macro`; with rustc alone the crate is named here.
extern crate proc_macro;

use proc_macro::{Delimiter, Group, TokenStream, TokenTree};

/// `#[vtable]` on a trait of operations and on each implementation, as in
/// mainline: the trait gets `const HAS_<METHOD>: bool = false;` for each
/// of its methods, an implementation `const HAS_<METHOD>: bool = true;`
/// for each method it defines, so the C table built from the trait holds
/// only the operations the driver has (a missing one is NULL in C, and
/// the kernel's own default applies).  The trait also declares
/// `const USE_VTABLE_ATTR: ();`, which only the attribute supplies, so an
/// implementation without `#[vtable]` does not compile.
#[proc_macro_attribute]
pub fn vtable(_attr: TokenStream, item: TokenStream) -> TokenStream {
    let mut tokens: Vec<TokenTree> = item.into_iter().collect();
    let is_trait = tokens.iter().any(|t| matches!(t, TokenTree::Ident(i) if i.to_string() == "trait"));
    let body_at = match tokens
        .iter()
        .rposition(|t| matches!(t, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace))
    {
        Some(i) => i,
        None => return error("#[vtable] goes on a trait or an impl block"),
    };
    let body = match &tokens[body_at] {
        TokenTree::Group(g) => g.clone(),
        _ => unreachable!(),
    };

    // The names after `fn` at the top level of the body (a method's own
    // body is a nested group, so its contents are never seen here).
    let items: Vec<TokenTree> = body.stream().into_iter().collect();
    let mut methods = Vec::new();
    let mut consts = Vec::new();
    for w in items.windows(2) {
        if let (TokenTree::Ident(kw), TokenTree::Ident(name)) = (&w[0], &w[1]) {
            match kw.to_string().as_str() {
                "fn" => methods.push(name.to_string()),
                "const" => consts.push(name.to_string()),
                _ => {}
            }
        }
    }

    let mut extra = String::new();
    for m in &methods {
        let name = format!("HAS_{}", m.to_uppercase());
        if consts.contains(&name) {
            continue; // written by hand: keep it
        }
        if is_trait {
            extra.push_str(&format!(
                "/// Whether the implementation defines `{m}` (set by `#[vtable]`).\n\
                 const {name}: bool = false;\n"
            ));
        } else {
            extra.push_str(&format!("const {name}: bool = true;\n"));
        }
    }
    if is_trait {
        extra.push_str("#[doc(hidden)]\nconst USE_VTABLE_ATTR: ();\n");
    } else {
        extra.push_str("const USE_VTABLE_ATTR: () = ();\n");
    }

    let mut stream = body.stream();
    stream.extend(extra.parse::<TokenStream>().expect("generated constants parse"));
    let mut new_body = Group::new(Delimiter::Brace, stream);
    new_body.set_span(body.span());
    tokens[body_at] = TokenTree::Group(new_body);
    tokens.into_iter().collect()
}

fn error(msg: &str) -> TokenStream {
    format!("compile_error!({:?});", msg).parse().expect("compile_error! parses")
}
