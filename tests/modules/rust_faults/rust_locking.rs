// SPDX-License-Identifier: GPL-2.0

//! Locking bugs in Rust, which the shim's checks must see as they see C's:
//! `bug=1` allocates with GFP_KERNEL (may sleep) under a `SpinLock`
//! (might_sleep report); `bug=2` locks a `Mutex` it already holds
//! (lockdep: possible recursive locking, named by the Rust lock's name);
//! `bug=0` does it right.  (The shim has no lock-order checker yet, so
//! an ABBA pair would go unreported for C and Rust alike.)

use kernel::prelude::*;

module! {
    type: RustLocking,
    name: "rust_locking",
    authors: ["ksim developers"],
    description: "Locking bugs in Rust (planted)",
    license: "GPL",
    params: {
        bug: u32 {
            default: 0,
            description: "0: none, 1: sleep under a spinlock, 2: recursive mutex",
        },
    },
}

struct RustLocking;

impl kernel::Module for RustLocking {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let bug = *module_parameters::bug.value();
        let counter = new_spinlock!(0u32, "rust_locking.counter")?;
        let a = new_mutex!(KVec::<u32>::new(), "rust_locking.a")?;
        let b = new_mutex!(KVec::<u32>::new(), "rust_locking.b")?;

        {
            let mut n = counter.lock();
            *n += 1;
            let flags = if bug == 1 { GFP_KERNEL } else { GFP_ATOMIC };
            let tmp = KBox::new(*n, flags)?;
            pr_info!("under the spinlock: {}\n", *tmp);
        }

        {
            let mut ga = a.lock();
            let mut gb = b.lock();
            ga.push(1, GFP_KERNEL)?;
            gb.push(2, GFP_KERNEL)?;
        }
        if bug == 2 {
            let _first = a.lock();
            let _again = a.lock();
        }
        pr_info!("done\n");
        Ok(RustLocking)
    }
}
