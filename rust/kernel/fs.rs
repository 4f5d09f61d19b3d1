// SPDX-License-Identifier: GPL-2.0

//! Files as a driver sees them (mainline's `kernel::fs`): `File` (a
//! `struct file` the VFS owns and lends to a file operation) and `Kiocb`
//! (the I/O control block of a `read_iter`/`write_iter` call, with the
//! file position and the driver's per-open data).

use core::marker::PhantomData;
use core::ptr::NonNull;

use crate::bindings;
use crate::types::{ForeignOwnable, Opaque};

/// The `f_flags` bits (`O_NONBLOCK`...), from the shim's `<uapi/.../fcntl.h>`.
pub mod flags {
    use crate::bindings;
    pub const O_RDONLY: u32 = bindings::O_RDONLY;
    pub const O_WRONLY: u32 = bindings::O_WRONLY;
    pub const O_RDWR: u32 = bindings::O_RDWR;
    pub const O_ACCMODE: u32 = bindings::O_ACCMODE;
    pub const O_APPEND: u32 = bindings::O_APPEND;
    pub const O_NONBLOCK: u32 = bindings::O_NONBLOCK;
}

/// An open file, borrowed for the length of a file operation.
#[repr(transparent)]
pub struct File(Opaque<bindings::file>);

// SAFETY: the VFS lets any task use an open file; the fields read here
// (f_flags) are read as the kernel reads them, without a lock.
unsafe impl Send for File {}
unsafe impl Sync for File {}

impl File {
    /// # Safety
    /// `ptr` is a valid `struct file` for `'a`.
    pub unsafe fn from_raw_file<'a>(ptr: *const bindings::file) -> &'a File {
        // SAFETY: repr(transparent) over the C object, per the contract.
        unsafe { &*ptr.cast() }
    }

    /// The C `struct file *`.
    pub fn as_ptr(&self) -> *mut bindings::file {
        self.0.get()
    }

    /// `f_flags`: the access mode and status flags (`flags::O_NONBLOCK`...).
    pub fn flags(&self) -> u32 {
        // SAFETY: valid while borrowed; a racing F_SETFL is tolerated as in C.
        unsafe { core::ptr::read_volatile(core::ptr::addr_of!((*self.as_ptr()).f_flags)) }
    }
}

/// The I/O control block of one `read_iter`/`write_iter` call; `T` is the
/// owner type the driver keeps in the file's `private_data`.
pub struct Kiocb<'a, T> {
    inner: NonNull<bindings::kiocb>,
    _phantom: PhantomData<&'a T>,
}

impl<'a, T: ForeignOwnable> Kiocb<'a, T> {
    /// # Safety
    /// `kiocb` is valid for `'a` and its file's `private_data` holds a
    /// `T` given away with `into_foreign`, alive for `'a`.
    pub unsafe fn from_raw(kiocb: *mut bindings::kiocb) -> Self {
        Kiocb {
            // SAFETY: the VFS never passes a null kiocb.
            inner: unsafe { NonNull::new_unchecked(kiocb) },
            _phantom: PhantomData,
        }
    }

    /// The C `struct kiocb *`.
    pub fn as_raw(&self) -> *mut bindings::kiocb {
        self.inner.as_ptr()
    }

    /// The driver's per-open data.
    pub fn file(&self) -> T::Borrowed<'a> {
        // SAFETY: ki_filp and its private_data are valid for 'a (from_raw).
        unsafe { T::borrow((*(*self.as_raw()).ki_filp).private_data) }
    }

    /// The file position this call starts at.
    pub fn ki_pos(&self) -> i64 {
        // SAFETY: valid for 'a.
        unsafe { (*self.as_raw()).ki_pos }
    }

    /// The file position, to update (the VFS stores it back in the file).
    pub fn ki_pos_mut(&mut self) -> &mut i64 {
        // SAFETY: valid for 'a, and only this call touches it.
        unsafe { &mut (*self.as_raw()).ki_pos }
    }
}
