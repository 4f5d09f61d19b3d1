// SPDX-License-Identifier: GPL-2.0

//! Memory a Rust module forgets: a `KBox` turned into a raw pointer and
//! an alloc `Vec` passed to `mem::forget`.  kmemleak must report both at
//! unload, each with the Rust function that allocated it.

use kernel::prelude::*;

module! {
    type: RustLeak,
    name: "rust_leak",
    authors: ["ksim developers"],
    description: "Leaks two allocations (planted bug)",
    license: "GPL",
}

struct RustLeak;

#[inline(never)]
fn leak_a_box() -> Result {
    let b = KBox::new([0x5au8; 48], GFP_KERNEL)?;
    let _ = KBox::into_raw(b);
    Ok(())
}

#[inline(never)]
fn leak_a_vec() -> Result {
    let mut v = Vec::try_with_capacity(16)?;
    v.try_push(7u64)?;
    core::mem::forget(v);
    Ok(())
}

impl kernel::Module for RustLeak {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        leak_a_box()?;
        leak_a_vec()?;
        Ok(RustLeak)
    }
}
