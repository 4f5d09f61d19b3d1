// SPDX-License-Identifier: GPL-2.0

//! Kernel types that are not of one subsystem: `ForeignOwnable`, the
//! contract by which a Rust owner is parked in a C `void *` slot (a file's
//! `private_data`) and taken back, and `Opaque`, a C object the Rust side
//! never reads directly.

use core::cell::UnsafeCell;
use core::ffi::c_void;
use core::mem::MaybeUninit;
use core::pin::Pin;

use crate::alloc::KBox;
use crate::sync::Arc;

/// An owning pointer that can live in a C `void *` for a while
/// (mainline's `kernel::types::ForeignOwnable`).
///
/// `into_foreign` gives up ownership to C; `borrow` looks at the value
/// while C still owns it; `from_foreign` takes ownership back, once.
pub trait ForeignOwnable: Sized {
    /// What `borrow` hands out while C owns the value.
    type Borrowed<'a>;

    /// Give the value to C as a pointer.
    fn into_foreign(self) -> *mut c_void;

    /// Take the value back.
    ///
    /// # Safety
    /// `ptr` came from `into_foreign` of this type and is taken back once;
    /// no borrow from `borrow` outlives this call.
    unsafe fn from_foreign(ptr: *mut c_void) -> Self;

    /// Look at the value while C owns it.
    ///
    /// # Safety
    /// `ptr` came from `into_foreign` and `from_foreign` is not called on
    /// it while the borrow lives.
    unsafe fn borrow<'a>(ptr: *mut c_void) -> Self::Borrowed<'a>;
}

impl<T: 'static> ForeignOwnable for KBox<T> {
    type Borrowed<'a> = &'a T;

    fn into_foreign(self) -> *mut c_void {
        KBox::into_raw(self).cast()
    }

    unsafe fn from_foreign(ptr: *mut c_void) -> Self {
        // SAFETY: from into_raw(), per the contract.
        unsafe { KBox::from_raw(ptr.cast()) }
    }

    unsafe fn borrow<'a>(ptr: *mut c_void) -> &'a T {
        // SAFETY: alive until from_foreign, per the contract.
        unsafe { &*ptr.cast::<T>() }
    }
}

impl<T: 'static> ForeignOwnable for Pin<KBox<T>> {
    type Borrowed<'a> = Pin<&'a T>;

    fn into_foreign(self) -> *mut c_void {
        // SAFETY: the value stays where it is until from_foreign.
        KBox::into_raw(unsafe { Pin::into_inner_unchecked(self) }).cast()
    }

    unsafe fn from_foreign(ptr: *mut c_void) -> Self {
        // SAFETY: it was pinned when given away and never moved since.
        unsafe { Pin::new_unchecked(KBox::from_raw(ptr.cast())) }
    }

    unsafe fn borrow<'a>(ptr: *mut c_void) -> Pin<&'a T> {
        // SAFETY: pinned and alive until from_foreign.
        unsafe { Pin::new_unchecked(&*ptr.cast::<T>()) }
    }
}

impl<T: 'static> ForeignOwnable for Arc<T> {
    type Borrowed<'a> = &'a T;

    fn into_foreign(self) -> *mut c_void {
        Arc::into_raw(self) as *mut c_void
    }

    unsafe fn from_foreign(ptr: *mut c_void) -> Self {
        // SAFETY: from into_raw(), per the contract.
        unsafe { Arc::from_raw(ptr as *const T) }
    }

    unsafe fn borrow<'a>(ptr: *mut c_void) -> &'a T {
        // SAFETY: the reference given away keeps it alive.
        unsafe { &*(ptr as *const T) }
    }
}

impl ForeignOwnable for () {
    type Borrowed<'a> = ();

    fn into_foreign(self) -> *mut c_void {
        core::ptr::NonNull::dangling().as_ptr()
    }

    unsafe fn from_foreign(_: *mut c_void) -> Self {}

    unsafe fn borrow<'a>(_: *mut c_void) -> Self::Borrowed<'a> {}
}

/// A C object owned by C code: Rust never assumes it is initialised or
/// unaliased, it only passes its address (mainline's `types::Opaque`).
#[repr(transparent)]
pub struct Opaque<T>(MaybeUninit<UnsafeCell<T>>);

impl<T> Opaque<T> {
    /// An uninitialised object, for C to fill.
    pub const fn uninit() -> Self {
        Opaque(MaybeUninit::uninit())
    }

    /// A zeroed object (what a C `= { }` gives a static).
    pub fn zeroed() -> Self {
        Opaque(MaybeUninit::zeroed())
    }

    /// Its address, for C.
    pub const fn get(&self) -> *mut T {
        UnsafeCell::raw_get(self.0.as_ptr())
    }

    /// The `Opaque` at the address of a C object.
    pub const fn raw_get(this: *const Self) -> *mut T {
        UnsafeCell::raw_get(this.cast::<UnsafeCell<T>>())
    }
}
