// SPDX-License-Identifier: GPL-2.0

//! Printing from Rust: every level, KERN_CONT continuation, Rust
//! formatting ({}, {:?}, {:#x}, width, padding; no floats, as in the kernel) and C strings.

use kernel::prelude::*;

module! {
    type: RustPrint,
    name: "rust_print",
    authors: ["ksim developers"],
    description: "Rust printing sample",
    license: "GPL",
}

struct RustPrint;

#[derive(Debug)]
#[allow(dead_code)]
struct Point {
    x: i32,
    y: i32,
}

impl kernel::Module for RustPrint {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!("Rust printing macros sample (init)\n");

        pr_emerg!("Emergency message (level {}) without args\n", 0);
        pr_alert!("Alert message (level {}) without args\n", 1);
        pr_crit!("Critical message (level {}) without args\n", 2);
        pr_err!("Error message (level {}) without args\n", 3);
        pr_warn!("Warning message (level {}) without args\n", 4);
        pr_notice!("Notice message (level {}) without args\n", 5);
        pr_info!("Info message (level {}) without args\n", 6);

        pr_info!("A line that ");
        pr_cont!("is continued");
        pr_cont!(" with {}\n", "pr_cont");

        let p = Point { x: 3, y: -4 };
        pr_info!("{:?} {:#x} [{:>6}] [{:<6}] {:05}\n", p, 255u32, "right", "left", -42);
        pr_info!("A C string: {}\n", c_str!("hello from c_str!"));

        let e: Result = Err(EINVAL);
        pr_info!("An error: {:?}\n", e);
        Ok(RustPrint)
    }
}

impl Drop for RustPrint {
    fn drop(&mut self) {
        pr_info!("Rust printing macros sample (exit)\n");
    }
}
