// SPDX-License-Identifier: GPL-2.0

//! Allocation with GFP flags (current mainline API): `KBox::new(x, flags)`,
//! `KVec::push(x, flags)`, each returning `AllocError` (which `?` turns
//! into `ENOMEM`); and the 6.1 API's fallible extensions of `alloc`'s
//! `Vec` (`try_push`, `try_with_capacity`).
//!
//! Every allocation is a kmalloc/krealloc of the shim: tracked with its
//! call site by kmemleak, failable by failslab, checked by might_sleep
//! when `flags` may sleep.

use core::fmt;
use core::marker::PhantomData;
use core::mem;
use core::ops::{Deref, DerefMut};
use core::pin::Pin;
use core::ptr::{self, NonNull};

use crate::allocator::krealloc_aligned;
use crate::bindings;
use rust_alloc::collections::TryReserveError;
use rust_alloc::vec::Vec;

/// GFP flags, as the kernel's `gfp_t`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Flags(u32);

impl Flags {
    /// The raw `gfp_t` value.
    pub fn as_raw(self) -> u32 {
        self.0
    }
}

impl core::ops::BitOr for Flags {
    type Output = Self;
    fn bitor(self, rhs: Self) -> Self {
        Flags(self.0 | rhs.0)
    }
}

/// The allocation flags: `use kernel::alloc::flags::*` (in the prelude).
pub mod flags {
    use super::Flags;
    use crate::bindings;

    /// May sleep and reclaim: process context only.
    pub const GFP_KERNEL: Flags = Flags(bindings::GFP_KERNEL);
    /// Never sleeps: interrupt context, under spinlocks.
    pub const GFP_ATOMIC: Flags = Flags(bindings::GFP_ATOMIC);
    /// Never sleeps and does not dip into reserves.
    pub const GFP_NOWAIT: Flags = Flags(bindings::GFP_NOWAIT);
    /// Zero the memory.
    pub const __GFP_ZERO: Flags = Flags(bindings::__GFP_ZERO);
    /// No warning when the allocation fails.
    pub const __GFP_NOWARN: Flags = Flags(bindings::__GFP_NOWARN);
}

/// An allocation failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AllocError;

/// A kmalloc'd box (mainline's `KBox`).
pub struct KBox<T: ?Sized>(NonNull<T>, PhantomData<T>);

// SAFETY: a KBox owns its T like Box does.
unsafe impl<T: ?Sized + Send> Send for KBox<T> {}
unsafe impl<T: ?Sized + Sync> Sync for KBox<T> {}

// The allocation paths are inlined into their caller, as kmalloc() is in
// C: the shim records its caller as the allocation site, so kmemleak and
// failslab name the module's own function and line, not this file.
#[inline(always)]
fn alloc_for<T>(flags: Flags) -> Result<NonNull<T>, AllocError> {
    if mem::size_of::<T>() == 0 {
        return Ok(NonNull::dangling());
    }
    // SAFETY: a fresh allocation (null `old`).
    let p = unsafe {
        krealloc_aligned(ptr::null_mut(), mem::size_of::<T>(), mem::align_of::<T>(), flags.0)
    };
    NonNull::new(p as *mut T).ok_or(AllocError)
}

impl<T> KBox<T> {
    /// Allocate with `flags` and move `x` in.
    #[inline(always)]
    pub fn new(x: T, flags: Flags) -> Result<Self, AllocError> {
        let p = alloc_for::<T>(flags)?;
        // SAFETY: `p` is valid for a write of T.
        unsafe { p.as_ptr().write(x) };
        Ok(KBox(p, PhantomData))
    }

    /// `new`, pinned.
    pub fn pin(x: T, flags: Flags) -> Result<Pin<Self>, AllocError> {
        // SAFETY: the value never moves out of its allocation.
        Ok(unsafe { Pin::new_unchecked(Self::new(x, flags)?) })
    }

    /// Move the value out and free the box.
    pub fn into_inner(b: Self) -> T {
        let raw = KBox::into_raw(b);
        // SAFETY: `raw` came from a KBox and is read exactly once.
        unsafe {
            let x = raw.read();
            free_raw(raw);
            x
        }
    }
}

unsafe fn free_raw<T: ?Sized>(p: *mut T) {
    if mem::size_of_val(unsafe { &*p }) != 0 {
        unsafe { bindings::kfree(p as *const core::ffi::c_void) };
    }
}

impl<T: ?Sized> KBox<T> {
    /// Give up ownership; `from_raw` takes it back.
    pub fn into_raw(b: Self) -> *mut T {
        let p = b.0.as_ptr();
        mem::forget(b);
        p
    }

    /// # Safety
    /// `p` must come from `KBox::into_raw` and not be owned elsewhere.
    pub unsafe fn from_raw(p: *mut T) -> Self {
        KBox(unsafe { NonNull::new_unchecked(p) }, PhantomData)
    }
}

impl<T: ?Sized> Deref for KBox<T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: owned and initialised.
        unsafe { self.0.as_ref() }
    }
}

impl<T: ?Sized> DerefMut for KBox<T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: owned and initialised.
        unsafe { self.0.as_mut() }
    }
}

impl<T: ?Sized> Drop for KBox<T> {
    fn drop(&mut self) {
        // SAFETY: owned; dropped once, then freed.
        unsafe {
            ptr::drop_in_place(self.0.as_ptr());
            free_raw(self.0.as_ptr());
        }
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for KBox<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: ?Sized + fmt::Display> fmt::Display for KBox<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

/// A kmalloc'd vector whose growth takes GFP flags (mainline's `KVec`).
pub struct KVec<T> {
    ptr: NonNull<T>,
    len: usize,
    cap: usize,
}

// SAFETY: a KVec owns its elements like Vec does.
unsafe impl<T: Send> Send for KVec<T> {}
unsafe impl<T: Sync> Sync for KVec<T> {}

impl<T> KVec<T> {
    /// An empty vector; allocates nothing.
    pub const fn new() -> Self {
        KVec { ptr: NonNull::dangling(), len: 0, cap: 0 }
    }

    /// An empty vector with room for `n` elements.
    #[inline(always)]
    pub fn with_capacity(n: usize, flags: Flags) -> Result<Self, AllocError> {
        let mut v = Self::new();
        v.reserve(n, flags)?;
        Ok(v)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn capacity(&self) -> usize {
        if mem::size_of::<T>() == 0 { usize::MAX } else { self.cap }
    }

    /// Make room for `additional` more elements (doubling, like Vec).
    #[inline(always)]
    pub fn reserve(&mut self, additional: usize, flags: Flags) -> Result<(), AllocError> {
        let need = self.len.checked_add(additional).ok_or(AllocError)?;
        if need <= self.capacity() {
            return Ok(());
        }
        let cap = core::cmp::max(core::cmp::max(self.cap * 2, need), 4);
        let bytes = cap.checked_mul(mem::size_of::<T>()).ok_or(AllocError)?;
        if bytes > isize::MAX as usize {
            return Err(AllocError);
        }
        let old = if self.cap == 0 { ptr::null_mut() } else { self.ptr.as_ptr() as *mut u8 };
        // SAFETY: `old` is null or this vector's own allocation; on failure
        // krealloc leaves it untouched, so the vector stays valid.
        let p = unsafe { krealloc_aligned(old, bytes, mem::align_of::<T>(), flags.0) };
        self.ptr = NonNull::new(p as *mut T).ok_or(AllocError)?;
        self.cap = cap;
        Ok(())
    }

    /// Append `v`, growing with `flags`; on failure `v` is dropped.
    #[inline(always)]
    pub fn push(&mut self, v: T, flags: Flags) -> Result<(), AllocError> {
        self.reserve(1, flags)?;
        // SAFETY: reserve() made room for one more.
        unsafe { self.ptr.as_ptr().add(self.len).write(v) };
        self.len += 1;
        Ok(())
    }

    pub fn pop(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        // SAFETY: the element at `len` was initialised and is now outside.
        Some(unsafe { self.ptr.as_ptr().add(self.len).read() })
    }

    /// Drop the elements from `len` on.
    pub fn truncate(&mut self, len: usize) {
        while self.len > len {
            drop(self.pop());
        }
    }

    pub fn clear(&mut self) {
        self.truncate(0);
    }

    pub fn as_slice(&self) -> &[T] {
        self
    }

    pub fn as_mut_slice(&mut self) -> &mut [T] {
        self
    }

    /// The first element's address (dangling when nothing is allocated).
    pub fn as_ptr(&self) -> *const T {
        self.ptr.as_ptr()
    }

    pub fn as_mut_ptr(&mut self) -> *mut T {
        self.ptr.as_ptr()
    }

    /// The room after the last element, to be filled and then claimed
    /// with `set_len` (how user copies land in a vector).
    pub fn spare_capacity_mut(&mut self) -> &mut [mem::MaybeUninit<T>] {
        // SAFETY: [len, cap) is allocated and owned by this vector.
        unsafe {
            core::slice::from_raw_parts_mut(self.ptr.as_ptr().add(self.len).cast(),
                                            self.capacity() - self.len)
        }
    }

    /// # Safety
    /// `new_len <= capacity()`, and elements below it are initialised.
    pub unsafe fn set_len(&mut self, new_len: usize) {
        self.len = new_len;
    }
}

impl<T: Clone> KVec<T> {
    /// Append clones of every element of `other`.
    pub fn extend_from_slice(&mut self, other: &[T], flags: Flags) -> Result<(), AllocError> {
        self.reserve(other.len(), flags)?;
        for x in other {
            self.push(x.clone(), flags)?;
        }
        Ok(())
    }
}

impl<T> Default for KVec<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Deref for KVec<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        // SAFETY: `len` elements are initialised.
        unsafe { core::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }
}

impl<T> DerefMut for KVec<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        // SAFETY: `len` elements are initialised and owned.
        unsafe { core::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }
}

impl<'a, T> IntoIterator for &'a KVec<T> {
    type Item = &'a T;
    type IntoIter = core::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<T> Drop for KVec<T> {
    fn drop(&mut self) {
        self.clear();
        if self.cap != 0 && mem::size_of::<T>() != 0 {
            // SAFETY: this vector's own allocation.
            unsafe { bindings::kfree(self.ptr.as_ptr() as *const core::ffi::c_void) };
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for KVec<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

/// The 6.1 API: fallible growth of `alloc`'s `Vec` (Linux 6.1 patched its
/// own copy of `alloc` for these; here they are an extension trait in the
/// prelude, over the stable `try_reserve`).
pub trait VecExt<T>: Sized {
    /// `Vec::with_capacity`, returning an error instead of a BUG.
    fn try_with_capacity(capacity: usize) -> Result<Self, TryReserveError>;
    /// `Vec::push`, returning an error instead of a BUG.
    fn try_push(&mut self, value: T) -> Result<(), TryReserveError>;
    /// Append clones of `other`, or fail without changing the vector.
    fn try_extend_from_slice(&mut self, other: &[T]) -> Result<(), TryReserveError>
    where
        T: Clone;
}

impl<T> VecExt<T> for Vec<T> {
    fn try_with_capacity(capacity: usize) -> Result<Self, TryReserveError> {
        let mut v = Vec::new();
        v.try_reserve(capacity)?;
        Ok(v)
    }

    fn try_push(&mut self, value: T) -> Result<(), TryReserveError> {
        self.try_reserve(1)?;
        self.push(value);
        Ok(())
    }

    fn try_extend_from_slice(&mut self, other: &[T]) -> Result<(), TryReserveError>
    where
        T: Clone,
    {
        self.try_reserve(other.len())?;
        self.extend_from_slice(other);
        Ok(())
    }
}
