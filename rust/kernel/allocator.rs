// SPDX-License-Identifier: GPL-2.0

//! The global allocator of `alloc` (used by `Vec`, `Box`, `String` of the
//! 6.1 API): kmalloc with GFP_KERNEL, so every Rust allocation is a tracked
//! slab object that kmemleak reports and failslab can fail.
//!
//! Modules are linked by `ld -r`, not by rustc, so rustc's allocator shim
//! (`__rust_alloc` -> `__rg_alloc`) is never generated: the entry points
//! `alloc` calls are defined here, as Linux's rust/kernel/allocator.rs does.

use core::alloc::{GlobalAlloc, Layout};
use core::ffi::c_void;
use core::ptr;

use crate::bindings;

/// kmalloc returns memory aligned for any C object (host malloc: 16 bytes).
pub(crate) const KMALLOC_ALIGN: usize = 16;

struct KernelAllocator;

/// Allocate `size` bytes for `align` with `flags`, or null.  An alignment
/// kmalloc does not give is an allocation failure, never misaligned memory.
/// Inlined so that krealloc's caller (the recorded allocation site) is the
/// function that allocated.
#[inline(always)]
pub(crate) unsafe fn krealloc_aligned(old: *mut u8, size: usize, align: usize,
                                      flags: bindings::gfp_t) -> *mut u8 {
    if align > KMALLOC_ALIGN {
        return ptr::null_mut();
    }
    // SAFETY: `old` is null or came from kmalloc/krealloc.
    unsafe { bindings::krealloc(old as *const c_void, size as _, flags) as *mut u8 }
}

unsafe impl GlobalAlloc for KernelAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { __rust_alloc(layout.size(), layout.align()) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { __rust_dealloc(ptr, layout.size(), layout.align()) }
    }
}

#[global_allocator]
static ALLOCATOR: KernelAllocator = KernelAllocator;

#[no_mangle]
unsafe extern "C" fn __rust_alloc(size: usize, align: usize) -> *mut u8 {
    unsafe { krealloc_aligned(ptr::null_mut(), size, align, bindings::GFP_KERNEL) }
}

#[no_mangle]
unsafe extern "C" fn __rust_dealloc(ptr: *mut u8, _size: usize, _align: usize) {
    unsafe { bindings::kfree(ptr as *const c_void) }
}

#[no_mangle]
unsafe extern "C" fn __rust_realloc(ptr: *mut u8, _old: usize, align: usize,
                                    new_size: usize) -> *mut u8 {
    unsafe { krealloc_aligned(ptr, new_size, align, bindings::GFP_KERNEL) }
}

#[no_mangle]
unsafe extern "C" fn __rust_alloc_zeroed(size: usize, align: usize) -> *mut u8 {
    unsafe {
        krealloc_aligned(ptr::null_mut(), size, align,
                         bindings::GFP_KERNEL | bindings::__GFP_ZERO)
    }
}

/// An infallible allocation (`Vec::push`, `Box::new`) that failed: the
/// kernel has no such thing, so it is a BUG, as in Linux.
#[no_mangle]
extern "C" fn __rust_alloc_error_handler(size: usize, _align: usize) -> ! {
    panic!("infallible allocation of {} bytes failed (use try_push/KBox::new)", size);
}

#[alloc_error_handler]
fn oom(layout: Layout) -> ! {
    __rust_alloc_error_handler(layout.size(), layout.align())
}
