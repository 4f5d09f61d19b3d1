// SPDX-License-Identifier: GPL-2.0

//! `struct iov_iter` (mainline's `kernel::iov`): where a `read_iter` puts
//! its data (`IovIterDest`) and where a `write_iter` takes it from
//! (`IovIterSource`), through `copy_to_iter()`/`copy_from_iter()`, so user
//! buffers are reached with the shim's checks (`EFAULT`, short copies).

use core::ffi::c_void;
use core::marker::PhantomData;
use core::mem::MaybeUninit;

use crate::alloc::{Flags, KVec};
use crate::bindings;
use crate::error::{code::*, Result};
use crate::types::Opaque;

/// The data of a `write(2)`: read it with `copy_from_iter*`.
#[repr(transparent)]
pub struct IovIterSource<'data> {
    iov: Opaque<bindings::iov_iter>,
    _source: PhantomData<&'data [u8]>,
}

/// The buffer of a `read(2)`: fill it with `copy_to_iter` or
/// `simple_read_from_buffer`.
#[repr(transparent)]
pub struct IovIterDest<'data> {
    iov: Opaque<bindings::iov_iter>,
    _dest: PhantomData<&'data mut [u8]>,
}

fn count(iov: &Opaque<bindings::iov_iter>) -> usize {
    // SAFETY: a valid iov_iter (from_raw's contract).
    unsafe { bindings::rust_helper_iov_iter_count(iov.get()) }
}

impl<'data> IovIterSource<'data> {
    /// # Safety
    /// `ptr` is a valid source (`ITER_SOURCE`) iterator for `'iov`.
    pub unsafe fn from_raw<'iov>(ptr: *mut bindings::iov_iter) -> &'iov mut IovIterSource<'data> {
        // SAFETY: repr(transparent) over the C object, per the contract.
        unsafe { &mut *ptr.cast() }
    }

    /// Bytes left to read.
    pub fn len(&self) -> usize {
        count(&self.iov)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Copy into `out` and advance; returns how much was copied (short
    /// when the source ends or a user page cannot be read).
    pub fn copy_from_iter(&mut self, out: &mut [u8]) -> usize {
        // SAFETY: u8 and MaybeUninit<u8> have one layout; only written.
        let out = unsafe { &mut *(out as *mut [u8] as *mut [MaybeUninit<u8>]) };
        self.copy_from_iter_raw(out).len()
    }

    /// As `copy_from_iter`, into uninitialised memory; returns the part
    /// of `out` that was filled.
    pub fn copy_from_iter_raw<'o>(&mut self, out: &'o mut [MaybeUninit<u8>]) -> &'o mut [u8] {
        // SAFETY: `out` is writable for its length; the iterator is valid.
        let n = unsafe {
            bindings::copy_from_iter(out.as_mut_ptr().cast::<c_void>(), out.len() as bindings::size_t,
                                     self.iov.get())
        } as usize;
        // SAFETY: copy_from_iter initialised the first `n` bytes.
        unsafe { &mut *(&mut out[..n] as *mut [MaybeUninit<u8>] as *mut [u8]) }
    }

    /// Append all that is left to `out` (growing it with `flags`);
    /// returns the count.  `EFAULT` when nothing could be copied although
    /// something was there.
    pub fn copy_from_iter_vec(&mut self, out: &mut KVec<u8>, flags: Flags) -> Result<usize> {
        let len = self.len();
        out.reserve(len, flags)?;
        let old = out.len();
        let n = self.copy_from_iter_raw(&mut out.spare_capacity_mut()[..len]).len();
        // SAFETY: `n` more bytes were initialised.
        unsafe { out.set_len(old + n) };
        if n == 0 && len != 0 {
            return Err(EFAULT);
        }
        Ok(n)
    }
}

impl<'data> IovIterDest<'data> {
    /// # Safety
    /// `ptr` is a valid destination (`ITER_DEST`) iterator for `'iov`.
    pub unsafe fn from_raw<'iov>(ptr: *mut bindings::iov_iter) -> &'iov mut IovIterDest<'data> {
        // SAFETY: repr(transparent) over the C object, per the contract.
        unsafe { &mut *ptr.cast() }
    }

    /// Room left.
    pub fn len(&self) -> usize {
        count(&self.iov)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Copy `input` out and advance; returns how much was copied.
    pub fn copy_to_iter(&mut self, input: &[u8]) -> usize {
        // SAFETY: `input` is readable for its length; the iterator is valid.
        unsafe {
            bindings::copy_to_iter(input.as_ptr().cast::<c_void>(), input.len() as bindings::size_t,
                                   self.iov.get()) as usize
        }
    }

    /// The kernel's `simple_read_from_buffer` over an iterator: copy
    /// `contents` from `*ppos` on, advance `*ppos`; 0 at or past the end,
    /// `EINVAL` for a negative position, `EFAULT` when nothing could be
    /// copied although something was there.
    pub fn simple_read_from_buffer(&mut self, ppos: &mut i64, contents: &[u8]) -> Result<usize> {
        if *ppos < 0 {
            return Err(EINVAL);
        }
        let pos = *ppos as usize;
        if pos >= contents.len() {
            return Ok(0);
        }
        let want = core::cmp::min(contents.len() - pos, self.len());
        let n = self.copy_to_iter(&contents[pos..pos + want]);
        if n == 0 && want != 0 {
            return Err(EFAULT);
        }
        *ppos += n as i64;
        Ok(n)
    }
}
