// SPDX-License-Identifier: GPL-2.0

//! State and locking in a Rust module: work items on the module's own
//! workqueue fill a vector kept under a kernel `Mutex` (allocating with
//! GFP_KERNEL while holding it, as a sleeping lock allows), count under a
//! `SpinLock` (no sleeping there), and the last one signals a
//! `Completion`.  Every error, in init or in a worker, comes back through
//! `?`, and what was built so far is dropped in reverse order.

use kernel::prelude::*;
use kernel::sync::{Arc, Completion, Mutex, SpinLock};
use kernel::workqueue::OwnedQueue;

module! {
    type: RustSync,
    name: "rust_sync",
    authors: ["ksim developers"],
    description: "Rust locking sample: Mutex, SpinLock, workqueue, Completion",
    license: "GPL",
    params: {
        workers: u32 {
            default: 4,
            description: "Work items to run (1..64)",
        },
        per_worker: u32 {
            default: 8,
            description: "Values each work item pushes",
        },
    },
}

struct Shared {
    /// Every value the workers produced, in the order they pushed them.
    values: Mutex<KVec<u64>>,
    /// Workers still running, and the first error one of them hit.
    state: SpinLock<(u32, Result)>,
    all_done: Completion,
}

struct RustSync {
    shared: Arc<Shared>,
    // Dropped last: destroy_workqueue() drains it first.
    _wq: OwnedQueue,
}

fn produce(shared: &Shared, worker: u32, count: u32) -> Result {
    for i in 0..count {
        let mut values = shared.values.lock();
        values.push(u64::from(worker) * 1000 + u64::from(i), GFP_KERNEL)?;
    }
    Ok(())
}

fn worker_done(shared: &Shared, result: Result) {
    let mut state = shared.state.lock();
    if state.1.is_ok() {
        state.1 = result;
    }
    state.0 -= 1;
    if state.0 == 0 {
        shared.all_done.complete();
    }
}

impl kernel::Module for RustSync {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let workers = *module_parameters::workers.value();
        let per_worker = *module_parameters::per_worker.value();
        if !(1..=64).contains(&workers) {
            pr_err!("workers={} is outside 1..64\n", workers);
            return Err(EINVAL);
        }

        let wq = OwnedQueue::new(c_str!("rust_sync"), 0, 0)?;
        let shared = Arc::new(
            Shared {
                values: new_mutex!(KVec::new(), "rust_sync.values")?,
                state: new_spinlock!((workers, Ok(())), "rust_sync.state")?,
                all_done: Completion::new(GFP_KERNEL)?,
            },
            GFP_KERNEL,
        )?;

        for w in 0..workers {
            let mine = shared.clone();
            if let Err(e) = wq.try_spawn(GFP_KERNEL, move || {
                let r = produce(&mine, w, per_worker);
                worker_done(&mine, r);
            }) {
                // The items not spawned will never report: account for them.
                for _ in w..workers {
                    worker_done(&shared, Err(e.into()));
                }
                break;
            }
        }
        shared.all_done.wait();
        shared.state.lock().1?;

        let values = shared.values.lock();
        let sum: u64 = values.iter().sum();
        pr_info!("{} workers pushed {} values, sum {}\n", workers, values.len(), sum);
        drop(values);

        Ok(RustSync { shared, _wq: wq })
    }
}

impl Drop for RustSync {
    fn drop(&mut self) {
        let values = self.shared.values.lock();
        pr_info!("exit: {} values still held\n", values.len());
    }
}
