// SPDX-License-Identifier: GPL-2.0

//! Workqueues: run a closure on a kernel worker, as mainline's
//! `Queue::try_spawn`.  Each spawned closure rides in its own kmalloc'd
//! work item (a `struct work_struct` and the closure), freed after it ran,
//! so kmemleak sees one that never ran and failslab can fail the spawn.

use core::ffi::c_int;

use crate::alloc::{AllocError, Flags, KBox};
use crate::bindings;
use crate::error::{code::ENOMEM, Result};
use crate::str::CStr;

/// A workqueue owned by someone else (`system()`), or borrowed from an
/// `OwnedQueue`.
#[repr(transparent)]
pub struct Queue(*mut bindings::workqueue_struct);

// SAFETY: workqueues are made to be used from any task.
unsafe impl Send for Queue {}
unsafe impl Sync for Queue {}

#[repr(C)]
struct ClosureWork<F> {
    // First: the C side gets a pointer to it and we get the item back.
    work: bindings::work_struct,
    func: Option<F>,
}

unsafe extern "C" fn run_closure<F: FnOnce() + Send + 'static>(work: *mut bindings::work_struct) {
    // SAFETY: `work` is the first field of a ClosureWork<F> leaked by
    // try_spawn; the workqueue runs it once, so it is taken back once.
    let mut item = unsafe { KBox::from_raw(work as *mut ClosureWork<F>) };
    if let Some(f) = item.func.take() {
        f();
    }
}

impl Queue {
    /// Queue `func` to run once on this workqueue.
    pub fn try_spawn<F: FnOnce() + Send + 'static>(&self, flags: Flags, func: F)
        -> Result<(), AllocError> {
        // SAFETY: INIT_WORK below fills the zeroed work_struct.
        let item = KBox::new(ClosureWork { work: unsafe { core::mem::zeroed() }, func: Some(func) },
                             flags)?;
        let raw = KBox::into_raw(item);
        // SAFETY: `raw` lives until run_closure frees it.
        unsafe {
            bindings::rust_helper_init_work(&mut (*raw).work, run_closure::<F>);
            bindings::rust_helper_queue_work(self.0, &mut (*raw).work);
        }
        Ok(())
    }

    /// Wait for everything queued so far to finish.
    pub fn flush(&self) {
        // SAFETY: a live workqueue.
        unsafe { bindings::__flush_workqueue(self.0) }
    }
}

/// The kernel's `system_wq`.
pub fn system() -> &'static Queue {
    // SAFETY: `Queue` is `#[repr(transparent)]` over one pointer and
    // `system_wq` is a static holding such a pointer, set at boot before
    // any module loads and never changed.
    unsafe { &*(core::ptr::addr_of!(bindings::system_wq) as *const Queue) }
}

/// A workqueue this module created; destroyed (after draining) on drop.
pub struct OwnedQueue(Queue);

impl OwnedQueue {
    /// `alloc_workqueue(name, flags, max_active)`.
    pub fn new(name: &CStr, flags: u32, max_active: c_int) -> Result<Self> {
        // SAFETY: "%s" with a NUL-terminated string.
        let wq = unsafe {
            bindings::alloc_workqueue(b"%s\0".as_ptr() as *const _, flags, max_active,
                                      name.as_char_ptr())
        };
        if wq.is_null() {
            return Err(ENOMEM);
        }
        Ok(OwnedQueue(Queue(wq)))
    }
}

impl core::ops::Deref for OwnedQueue {
    type Target = Queue;
    fn deref(&self) -> &Queue {
        &self.0
    }
}

impl Drop for OwnedQueue {
    fn drop(&mut self) {
        // SAFETY: ours, created in new().
        unsafe { bindings::destroy_workqueue(self.0 .0) }
    }
}
