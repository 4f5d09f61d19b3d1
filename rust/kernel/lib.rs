// SPDX-License-Identifier: GPL-2.0

//! The `kernel` crate: the Rust-for-Linux abstractions over ksim's shim.
//!
//! Rust modules are built against this crate the way C modules are built
//! against `kapi-shim/include`: `#![no_std]`, `core` and `alloc` from the
//! toolchain, and every service (memory, printk, locks, workqueues) reached
//! through the shim's exported C API, so the harness's checks (kmemleak,
//! failslab, lockdep, might_sleep) see Rust code exactly as they see C.
//! The API follows Linux's `rust/kernel` (6.1 and current mainline); what
//! exists and what is missing is listed in rust/README.md.

#![no_std]
#![feature(core_ffi_c)]
#![feature(alloc_error_handler)]
#![feature(generic_associated_types)]
#![deny(unsafe_op_in_unsafe_fn)]

// The toolchain's `alloc` crate; `kernel::alloc` is the kernel's own module.
extern crate alloc as rust_alloc;

#[doc(hidden)]
pub mod bindings;

pub mod alloc;
mod allocator;
pub mod error;
pub mod fs;
pub mod ioctl;
pub mod iov;
#[doc(hidden)]
pub mod macros;
pub mod miscdevice;
pub mod module_param;
pub mod prelude;
pub mod print;
pub mod str;
pub mod sync;
pub mod transmute;
pub mod types;
pub mod uaccess;
pub mod workqueue;

pub use crate::error::{Error, Result};
/// `#[vtable]` (rust/macros).
pub use ::macros::vtable;

/// The `THIS_MODULE` of a Rust module: a pointer to its `struct module`
/// (the one modpost's generated `<mod>.mod.c` defines).
pub struct ThisModule(*mut bindings::module);

// SAFETY: `struct module` is only touched through the shim's own API.
unsafe impl Sync for ThisModule {}

impl ThisModule {
    /// # Safety
    /// `ptr` must be a valid `struct module` for as long as the value lives.
    pub const unsafe fn from_ptr(ptr: *mut bindings::module) -> ThisModule {
        ThisModule(ptr)
    }

    /// The C `struct module *`.
    pub fn as_ptr(&self) -> *mut bindings::module {
        self.0
    }
}

/// A loadable module: `init` is `module_init`, dropping the value is
/// `module_exit`.
pub trait Module: Sized + Sync + Send {
    /// Called when the module is loaded; an error fails the load with it.
    fn init(module: &'static ThisModule) -> error::Result<Self>;
}

/// A Rust panic is a kernel BUG: the message at `KERN_EMERG`, then the
/// shim's BUG report (backtrace, panic, ksim's exit status 3).
#[panic_handler]
fn panic(info: &core::panic::PanicInfo<'_>) -> ! {
    pr_emerg!("{}\n", info);
    let (file, line) = match info.location() {
        Some(loc) => (loc.file(), loc.line()),
        None => ("<unknown>", 0),
    };
    let mut path = [0u8; 256];
    let n = core::cmp::min(file.len(), path.len() - 1);
    path[..n].copy_from_slice(&file.as_bytes()[..n]);
    // SAFETY: both strings are NUL-terminated; ksim_bug does not return.
    unsafe {
        bindings::ksim_bug(
            path.as_ptr() as *const core::ffi::c_char,
            line as core::ffi::c_int,
            b"rust_begin_unwind\0".as_ptr() as *const core::ffi::c_char,
        )
    };
    // ksim_bug() is __noreturn in C; bindgen does not carry that over.
    loop {}
}

/// `core` from the toolchain is built with `panic=unwind`: its cleanup
/// paths name a personality routine and `_Unwind_Resume`.  Kernel Rust
/// never unwinds (a panic is a BUG and the machine stops), so these are
/// never reached; they exist to satisfy the link, and are loud if they are.
#[doc(hidden)]
#[no_mangle]
pub extern "C" fn rust_eh_personality() {
    panic!("rust_eh_personality called: kernel Rust does not unwind");
}

#[doc(hidden)]
#[no_mangle]
pub extern "C" fn _Unwind_Resume() -> ! {
    panic!("_Unwind_Resume called: kernel Rust does not unwind");
}

/// The prefix of the crate's own messages (a module's comes from module!).
#[doc(hidden)]
const __LOG_PREFIX: &[u8] = b"rust_kernel\0";

/// C types for modules (core's are not yet stable in the toolchain's
/// core, so a module could not name them without a feature gate).
#[allow(non_camel_case_types)]
pub mod ffi {
    pub type c_char = i8;
    pub type c_int = i32;
    pub type c_uint = u32;
    pub type c_long = i64;
    pub type c_ulong = u64;
    pub use core::ffi::c_void;
}
