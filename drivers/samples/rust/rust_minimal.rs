// SPDX-License-Identifier: GPL-2.0

//! The smallest Rust module, written the way current mainline writes it:
//! string keys and an `authors` list in `module!`, a parameter, a `KVec`
//! grown with explicit GFP flags, and `Drop` as the exit function.

use kernel::prelude::*;

module! {
    type: RustMinimal,
    name: "rust_minimal",
    authors: ["ksim developers"],
    description: "Rust minimal sample",
    license: "GPL",
    params: {
        test_parameter: i64 {
            default: 1,
            description: "A number printed at init (default 1)",
        },
    },
}

struct RustMinimal {
    numbers: KVec<i32>,
}

impl kernel::Module for RustMinimal {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!("Rust minimal sample (init)\n");
        pr_info!("Am I built-in? {}\n", !cfg!(MODULE));
        pr_info!("test_parameter: {}\n", *module_parameters::test_parameter.value());

        // Each push may allocate: a failure is ENOMEM out of init, and the
        // vector built so far is freed on the way out.
        let mut numbers = KVec::new();
        for n in [72, 108, 200] {
            numbers.push(n, GFP_KERNEL)?;
        }

        Ok(RustMinimal { numbers })
    }
}

impl Drop for RustMinimal {
    fn drop(&mut self) {
        pr_info!("My numbers are {:?}\n", self.numbers);
        pr_info!("Rust minimal sample (exit)\n");
    }
}
