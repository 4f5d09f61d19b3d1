// SPDX-License-Identifier: GPL-2.0

//! The smallest Rust module in Linux 6.1's spelling: byte-string keys in
//! `module!`, alloc's `Vec` grown with the fallible `try_push`.

use kernel::prelude::*;

module! {
    type: RustMinimalV61,
    name: b"rust_minimal_v61",
    author: b"ksim developers",
    description: b"Rust minimal sample, Linux 6.1 API",
    license: b"GPL",
}

struct RustMinimalV61 {
    numbers: Vec<i32>,
}

impl kernel::Module for RustMinimalV61 {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!("Rust minimal sample (init)\n");
        pr_info!("Am I built-in? {}\n", !cfg!(MODULE));

        let mut numbers = Vec::new();
        for n in [72, 108, 200] {
            numbers.try_push(n)?;
        }

        Ok(RustMinimalV61 { numbers })
    }
}

impl Drop for RustMinimalV61 {
    fn drop(&mut self) {
        pr_info!("My numbers are {:?}\n", self.numbers);
        pr_info!("Rust minimal sample (exit)\n");
    }
}
