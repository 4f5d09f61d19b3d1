// SPDX-License-Identifier: GPL-2.0

//! A Rust panic in init: indexing past the end of a vector.  In the kernel
//! that is a BUG; ksim must report it as one (demangled backtrace) and
//! stop with its panic exit status.

use kernel::prelude::*;

module! {
    type: RustPanic,
    name: "rust_panic",
    authors: ["ksim developers"],
    description: "Panics in init (planted bug)",
    license: "GPL",
    params: {
        index: usize {
            default: 5,
            description: "Which element to read (3 and up panic)",
        },
    },
}

struct RustPanic;

#[inline(never)]
fn read_element(numbers: &KVec<u32>, index: usize) -> u32 {
    numbers[index]
}

impl kernel::Module for RustPanic {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut numbers = KVec::new();
        for n in [1, 2, 3] {
            numbers.push(n, GFP_KERNEL)?;
        }
        let index = *module_parameters::index.value();
        pr_info!("element {} is {}\n", index, read_element(&numbers, index));
        Ok(RustPanic)
    }
}
