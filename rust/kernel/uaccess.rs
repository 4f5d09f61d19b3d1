// SPDX-License-Identifier: GPL-2.0

//! User memory (mainline's `kernel::uaccess`): a `UserSlice` is an
//! address and a length in the calling process's address space, read once
//! through a `UserSliceReader` and written through a `UserSliceWriter`.
//! Every byte goes through `copy_from_user()`/`copy_to_user()` (in ksim:
//! the process's simulated address space), so a bad address is `EFAULT`,
//! never a host access, and copying under a spinlock is reported as
//! sleeping in atomic context, as for C.
//!
//! Reading or writing past the slice's length is `EFAULT` too (what the
//! kernel's own abstraction returns), and the reader and writer advance,
//! so a slice is consumed once (no time-of-check/time-of-use double read).

use core::ffi::{c_ulong, c_void};
use core::mem::{size_of, MaybeUninit};

use crate::alloc::{Flags, KVec};
use crate::bindings;
use crate::error::{code::EFAULT, Result};
use crate::transmute::{AsBytes, FromBytes};

/// A user-space address (`void __user *`).
#[repr(transparent)]
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub struct UserPtr(*mut c_void);

impl UserPtr {
    /// From an integer, as an ioctl's `arg` comes.
    pub fn from_addr(addr: usize) -> Self {
        UserPtr(addr as *mut c_void)
    }

    /// From a `void __user *` a C caller passed.
    pub fn from_ptr(ptr: *mut c_void) -> Self {
        UserPtr(ptr)
    }

    /// The address as an integer.
    pub fn addr(self) -> usize {
        self.0 as usize
    }

    /// As `const void __user *`.
    pub fn as_const_ptr(self) -> *const c_void {
        self.0
    }

    /// As `void __user *`.
    pub fn as_mut_ptr(self) -> *mut c_void {
        self.0
    }

    /// `self + n` bytes (user addresses are only ever checked by the copy).
    pub fn wrapping_byte_add(self, n: usize) -> Self {
        UserPtr((self.0 as usize).wrapping_add(n) as *mut c_void)
    }
}

/// `length` bytes of user memory at `ptr`.
pub struct UserSlice {
    ptr: UserPtr,
    length: usize,
}

impl UserSlice {
    /// The slice; nothing is checked until bytes are copied.
    pub fn new(ptr: UserPtr, length: usize) -> Self {
        UserSlice { ptr, length }
    }

    /// Append all of it to `buf` (allocating with `flags`).
    pub fn read_all(self, buf: &mut KVec<u8>, flags: Flags) -> Result {
        self.reader().read_all(buf, flags)
    }

    /// A reader over the whole slice.
    pub fn reader(self) -> UserSliceReader {
        UserSliceReader { ptr: self.ptr, length: self.length }
    }

    /// A writer over the whole slice.
    pub fn writer(self) -> UserSliceWriter {
        UserSliceWriter { ptr: self.ptr, length: self.length }
    }

    /// A reader and a writer over the same bytes (an `_IOWR` argument).
    pub fn reader_writer(self) -> (UserSliceReader, UserSliceWriter) {
        (
            UserSliceReader { ptr: self.ptr, length: self.length },
            UserSliceWriter { ptr: self.ptr, length: self.length },
        )
    }
}

/// Reads a `UserSlice` from the front; what is read is consumed.
pub struct UserSliceReader {
    ptr: UserPtr,
    length: usize,
}

impl UserSliceReader {
    /// Bytes left.
    pub fn len(&self) -> usize {
        self.length
    }

    /// Nothing left.
    pub fn is_empty(&self) -> bool {
        self.length == 0
    }

    /// Drop `n` bytes unread (`EFAULT` when fewer are left).
    pub fn skip(&mut self, n: usize) -> Result {
        if n > self.length {
            return Err(EFAULT);
        }
        self.ptr = self.ptr.wrapping_byte_add(n);
        self.length -= n;
        Ok(())
    }

    /// A second reader at the same place (for reading twice on purpose).
    pub fn clone_reader(&self) -> UserSliceReader {
        UserSliceReader { ptr: self.ptr, length: self.length }
    }

    /// Fill `out` from the slice: `EFAULT` when the slice is shorter or
    /// any byte cannot be read (the uncopied part of `out` is zeroed by
    /// copy_from_user, so `out` is initialised either way).
    pub fn read_raw(&mut self, out: &mut [MaybeUninit<u8>]) -> Result {
        let len = out.len();
        if len > self.length {
            return Err(EFAULT);
        }
        // SAFETY: `out` is `len` writable bytes; the user address is
        // checked and translated by copy_from_user.
        let left = unsafe {
            bindings::rust_helper_copy_from_user(out.as_mut_ptr().cast(),
                                                 self.ptr.as_const_ptr(), len as c_ulong)
        };
        if left != 0 {
            return Err(EFAULT);
        }
        self.ptr = self.ptr.wrapping_byte_add(len);
        self.length -= len;
        Ok(())
    }

    /// Fill `out` from the slice (as `read_raw`).
    pub fn read_slice(&mut self, out: &mut [u8]) -> Result {
        // SAFETY: u8 and MaybeUninit<u8> have one layout; read_raw only writes.
        let out = unsafe {
            core::slice::from_raw_parts_mut(out.as_mut_ptr().cast::<MaybeUninit<u8>>(), out.len())
        };
        self.read_raw(out)
    }

    /// One `T` from the slice (`EFAULT` when shorter than `T`).
    pub fn read<T: FromBytes>(&mut self) -> Result<T> {
        let mut v = MaybeUninit::<T>::uninit();
        // SAFETY: the bytes of `v`, written by read_raw before any use.
        let bytes = unsafe {
            core::slice::from_raw_parts_mut(v.as_mut_ptr().cast::<MaybeUninit<u8>>(),
                                            size_of::<T>())
        };
        self.read_raw(bytes)?;
        // SAFETY: all bytes written; T: FromBytes accepts any pattern.
        Ok(unsafe { v.assume_init() })
    }

    /// Append everything left to `buf`, growing it with `flags`.
    pub fn read_all(mut self, buf: &mut KVec<u8>, flags: Flags) -> Result {
        let len = self.length;
        buf.reserve(len, flags)?;
        let old = buf.len();
        self.read_raw(&mut buf.spare_capacity_mut()[..len])?;
        // SAFETY: `len` more bytes are initialised.
        unsafe { buf.set_len(old + len) };
        Ok(())
    }
}

/// Writes a `UserSlice` from the front; what is written is consumed.
pub struct UserSliceWriter {
    ptr: UserPtr,
    length: usize,
}

impl UserSliceWriter {
    /// Bytes of room left.
    pub fn len(&self) -> usize {
        self.length
    }

    /// No room left.
    pub fn is_empty(&self) -> bool {
        self.length == 0
    }

    /// Copy `data` out: `EFAULT` when the slice is shorter or any byte
    /// cannot be written.
    pub fn write_slice(&mut self, data: &[u8]) -> Result {
        let len = data.len();
        if len > self.length {
            return Err(EFAULT);
        }
        // SAFETY: `data` is `len` readable bytes; the user address is
        // checked and translated by copy_to_user.
        let left = unsafe {
            bindings::rust_helper_copy_to_user(self.ptr.as_mut_ptr(), data.as_ptr().cast(),
                                               len as c_ulong)
        };
        if left != 0 {
            return Err(EFAULT);
        }
        self.ptr = self.ptr.wrapping_byte_add(len);
        self.length -= len;
        Ok(())
    }

    /// Copy one `T` out (`EFAULT` when the slice is shorter than `T`).
    pub fn write<T: AsBytes>(&mut self, value: &T) -> Result {
        // SAFETY: T: AsBytes, so all size_of::<T>() bytes are initialised.
        let bytes = unsafe {
            core::slice::from_raw_parts((value as *const T).cast::<u8>(), size_of::<T>())
        };
        self.write_slice(bytes)
    }
}
