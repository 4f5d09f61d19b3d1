// SPDX-License-Identifier: GPL-2.0

//! `module!`: declares a Rust module the way `module_init`, `module_exit`,
//! `MODULE_*` and `module_param` declare a C one, emitting the same
//! records, so the loader, modpost, `ksim modinfo`, failslab and kmemleak
//! cannot tell the two apart:
//! - `init_module` / `cleanup_module` (what modpost's `<mod>.mod.c` puts in
//!   `__this_module.init` / `.exit`);
//! - `tag=value` strings in `.modinfo` (license, author, description,
//!   alias, firmware, parmtype, parm);
//! - a `struct kernel_param` per parameter in `__param`.
//!
//! Both upstream spellings are accepted: 6.1's byte strings
//! (`name: b"x"`, `author: b"..."`) and mainline's strings
//! (`name: "x"`, `authors: ["..."]`, `params: { ... }`).

/// A string or byte-string literal, as bytes in a constant.  (`module!`
/// takes both spellings; these two impls are what tells them apart.)
#[doc(hidden)]
pub struct Lit<T>(pub T);

impl Lit<&'static str> {
    pub const fn bytes(self) -> &'static [u8] {
        self.0.as_bytes()
    }
}

impl<const N: usize> Lit<&'static [u8; N]> {
    pub const fn bytes(self) -> &'static [u8] {
        self.0
    }
}

/// `parts` joined, then a NUL: exactly `N` bytes or a compile error.
#[doc(hidden)]
pub const fn join<const N: usize>(parts: &[&[u8]]) -> [u8; N] {
    let mut out = [0u8; N];
    let mut at = 0;
    let mut i = 0;
    while i < parts.len() {
        let mut j = 0;
        while j < parts[i].len() {
            out[at] = parts[i][j];
            at += 1;
            j += 1;
        }
        i += 1;
    }
    if at + 1 != N {
        panic!("modinfo length mismatch");
    }
    out
}

/// The length `join` needs for `parts`.
#[doc(hidden)]
pub const fn joined_len(parts: &[&[u8]]) -> usize {
    let mut n = 1;
    let mut i = 0;
    while i < parts.len() {
        n += parts[i].len();
        i += 1;
    }
    n
}

/// One `.modinfo` string: `tag=` followed by the parts, NUL-terminated.
#[doc(hidden)]
#[macro_export]
macro_rules! __modinfo {
    ($($part:expr),+) => {
        const _: () = {
            const PARTS: &[&[u8]] = &[$($part),+];
            const LEN: usize = $crate::macros::joined_len(PARTS);
            #[link_section = ".modinfo"]
            #[used]
            static MODINFO: [u8; LEN] = $crate::macros::join::<LEN>(PARTS);
        };
    };
}

/// Declare the module: see the module documentation.
///
/// ```ignore
/// module! {
///     type: MyModule,
///     name: "my_module",
///     authors: ["Me"],
///     description: "What it does",
///     license: "GPL",
///     params: {
///         level: i32 { default: 3, description: "How much" },
///     },
/// }
/// ```
#[macro_export]
macro_rules! module {
    (type: $type:ty, name: $name:literal, $($rest:tt)*) => {
        /// The module's name, NUL-terminated: the prefix of its pr_*! lines.
        const __LOG_PREFIX: &[u8] = &$crate::macros::join::<
            { $crate::macros::joined_len(&[$crate::macros::Lit($name).bytes()]) }
        >(&[$crate::macros::Lit($name).bytes()]);

        $crate::__module_fields!($($rest)*);

        static mut __MOD: Option<$type> = None;

        // SAFETY: the generated .mod.c defines `__this_module`.
        static THIS_MODULE: $crate::ThisModule = unsafe {
            $crate::ThisModule::from_ptr(core::ptr::addr_of!($crate::bindings::__this_module) as *mut _)
        };

        /// module_init: what modpost's .mod.c stores in `__this_module.init`.
        #[no_mangle]
        pub extern "C" fn init_module() -> $crate::ffi::c_int {
            match <$type as $crate::Module>::init(&THIS_MODULE) {
                Ok(m) => {
                    // SAFETY: the loader runs init and exit once each, in order.
                    unsafe { __MOD = Some(m) };
                    0
                }
                Err(e) => e.to_errno(),
            }
        }

        /// module_exit: dropping the module value.
        #[no_mangle]
        pub extern "C" fn cleanup_module() {
            // SAFETY: as for init_module.
            unsafe { __MOD = None };
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __module_fields {
    () => {};
    (author: $v:literal, $($rest:tt)*) => {
        $crate::__modinfo!(b"author=", $crate::macros::Lit($v).bytes());
        $crate::__module_fields!($($rest)*);
    };
    (authors: [$($v:literal),* $(,)?], $($rest:tt)*) => {
        $( $crate::__modinfo!(b"author=", $crate::macros::Lit($v).bytes()); )*
        $crate::__module_fields!($($rest)*);
    };
    (description: $v:literal, $($rest:tt)*) => {
        $crate::__modinfo!(b"description=", $crate::macros::Lit($v).bytes());
        $crate::__module_fields!($($rest)*);
    };
    (license: $v:literal, $($rest:tt)*) => {
        $crate::__modinfo!(b"license=", $crate::macros::Lit($v).bytes());
        $crate::__module_fields!($($rest)*);
    };
    (alias: [$($v:literal),* $(,)?], $($rest:tt)*) => {
        $( $crate::__modinfo!(b"alias=", $crate::macros::Lit($v).bytes()); )*
        $crate::__module_fields!($($rest)*);
    };
    (firmware: [$($v:literal),* $(,)?], $($rest:tt)*) => {
        $( $crate::__modinfo!(b"firmware=", $crate::macros::Lit($v).bytes()); )*
        $crate::__module_fields!($($rest)*);
    };
    (params: { $($params:tt)* }, $($rest:tt)*) => {
        /// The module's parameters: `module_parameters::name.value()`.
        pub(crate) mod module_parameters {
            $crate::__module_params!($($params)*);
        }
        $crate::__module_fields!($($rest)*);
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __module_params {
    () => {};
    ($pname:ident: $ptype:ident {
        default: $default:expr,
        $(permissions: $perm:expr,)?
        description: $desc:literal $(,)?
    }, $($rest:tt)*) => {
        #[allow(non_upper_case_globals)]
        pub(crate) static $pname: $crate::module_param::ModuleParamAccess<$ptype> =
            $crate::module_param::ModuleParamAccess::new($default);

        $crate::__modinfo!(b"parmtype=", stringify!($pname).as_bytes(), b":",
                           stringify!($ptype).as_bytes());
        $crate::__modinfo!(b"parm=", stringify!($pname).as_bytes(), b":",
                           $crate::macros::Lit($desc).bytes());

        const _: () = {
            const NAME: &[u8] = stringify!($pname).as_bytes();
            static NAME_C: [u8; NAME.len() + 1] =
                $crate::macros::join::<{ NAME.len() + 1 }>(&[NAME]);

            #[link_section = "__param"]
            #[used]
            static PARAM: $crate::module_param::RacyKernelParam =
                $crate::module_param::RacyKernelParam($crate::bindings::kernel_param {
                    name: NAME_C.as_ptr() as *const $crate::ffi::c_char,
                    // SAFETY: only addresses are taken, never values.
                    mod_: unsafe { core::ptr::addr_of!($crate::bindings::__this_module) as *mut _ },
                    ops: unsafe { core::ptr::addr_of!($crate::__param_ops!($ptype)) },
                    perm: 0 $(+ $perm)?,
                    level: -1,
                    flags: 0,
                    __bindgen_anon_1: $crate::bindings::kernel_param__bindgen_ty_1 {
                        arg: core::ptr::addr_of!($pname) as *mut $crate::ffi::c_void,
                    },
                });
        };

        $crate::__module_params!($($rest)*);
    };
}

/// The C `kernel_param_ops` that parses and stores a Rust parameter type.
#[doc(hidden)]
#[macro_export]
macro_rules! __param_ops {
    (i16) => { $crate::bindings::param_ops_short };
    (u16) => { $crate::bindings::param_ops_ushort };
    (i32) => { $crate::bindings::param_ops_int };
    (u32) => { $crate::bindings::param_ops_uint };
    (i64) => { $crate::bindings::param_ops_long };
    (u64) => { $crate::bindings::param_ops_ulong };
    (isize) => { $crate::bindings::param_ops_long };
    (usize) => { $crate::bindings::param_ops_ulong };
    (u8) => { $crate::bindings::param_ops_byte };
    (bool) => { $crate::bindings::param_ops_bool };
}
