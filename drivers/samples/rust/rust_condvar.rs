// SPDX-License-Identifier: GPL-2.0

//! A bounded queue with two condition variables: producers (work items on
//! the module's own workqueue) wait on `not_full`, the consumer (init)
//! waits on `not_empty`, all under one kernel `Mutex`.  With the default
//! capacity of 2 both sides must sleep and wake each other many times, so
//! a lost wake-up hangs the module (under `--backend=det`, a deadlock
//! report) rather than passing by luck.

use kernel::prelude::*;
use kernel::sync::{Arc, CondVar, Mutex};
use kernel::workqueue::OwnedQueue;

module! {
    type: RustCondVar,
    name: "rust_condvar",
    authors: ["ksim developers"],
    description: "Rust CondVar sample: a bounded producer/consumer queue",
    license: "GPL",
    params: {
        producers: u32 {
            default: 3,
            description: "Work items producing values (1..16)",
        },
        items: u32 {
            default: 20,
            description: "Values each producer sends",
        },
        capacity: usize {
            default: 2,
            description: "Slots in the queue (1..64)",
        },
    },
}

struct Queue {
    slots: KVec<u64>,
    capacity: usize,
    /// The consumer is gone (interrupted): producers stop.
    closed: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    not_empty: CondVar,
    not_full: CondVar,
}

struct RustCondVar {
    _wq: OwnedQueue,
}

fn produce(shared: &Shared, producer: u32, items: u32) {
    for i in 0..items {
        let mut q = shared.queue.lock();
        while q.slots.len() == q.capacity && !q.closed {
            shared.not_full.wait(&mut q);
        }
        if q.closed {
            return;
        }
        // Never grows: room for `capacity` was reserved at init.
        let value = u64::from(producer) * 1000 + u64::from(i);
        if q.slots.push(value, GFP_KERNEL).is_err() {
            pr_err!("producer {}: push beyond the reserved capacity\n", producer);
        }
        shared.not_empty.notify_one();
    }
}

impl kernel::Module for RustCondVar {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let producers = *module_parameters::producers.value();
        let items = *module_parameters::items.value();
        let capacity = *module_parameters::capacity.value();
        if !(1..=16).contains(&producers) || !(1..=64).contains(&capacity) {
            pr_err!("producers={} or capacity={} out of range\n", producers, capacity);
            return Err(EINVAL);
        }

        let wq = OwnedQueue::new(c_str!("rust_condvar"), 0, 0)?;
        let shared = Arc::new(
            Shared {
                queue: new_mutex!(
                    Queue { slots: KVec::with_capacity(capacity, GFP_KERNEL)?, capacity, closed: false },
                    "rust_condvar.queue"
                )?,
                not_empty: new_condvar!("rust_condvar.not_empty")?,
                not_full: new_condvar!("rust_condvar.not_full")?,
            },
            GFP_KERNEL,
        )?;

        let total = u64::from(producers) * u64::from(items);
        let mut spawned = 0u64;
        let mut spawn_result = Ok(());
        for p in 0..producers {
            let mine = shared.clone();
            if let Err(e) = wq.try_spawn(GFP_KERNEL, move || produce(&mine, p, items)) {
                // Still consume what the spawned ones send: they would
                // wait on a full queue forever, and dropping the queue
                // waits for them.
                spawn_result = Err(e);
                break;
            }
            spawned += u64::from(items);
        }

        // Consume everything the producers send; woken by each push.
        let (mut got, mut sum, mut sleeps) = (0u64, 0u64, 0u64);
        let mut q = shared.queue.lock();
        while got < spawned {
            while q.slots.is_empty() {
                sleeps += 1;
                if shared.not_empty.wait_interruptible(&mut q) {
                    // Let the producers go before the queue is drained.
                    q.closed = true;
                    shared.not_full.notify_all();
                    return Err(ERESTARTSYS);
                }
            }
            while let Some(v) = q.slots.pop() {
                got += 1;
                sum += v;
            }
            shared.not_full.notify_all();
        }
        drop(q);
        spawn_result?;
        pr_info!("{} producers sent {} of {} values, sum {}, through {} slots\n",
                 producers, got, total, sum, capacity);
        if sleeps == 0 {
            pr_info!("the consumer never had to wait\n");
        }
        Ok(RustCondVar { _wq: wq })
    }
}
