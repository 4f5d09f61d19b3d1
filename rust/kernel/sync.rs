// SPDX-License-Identifier: GPL-2.0

//! Synchronisation over the shim's own primitives, so lockdep (classes,
//! order, held-at-exit) and might_sleep see Rust locks as they see C ones:
//! `Mutex` (struct mutex), `SpinLock` (spinlock_t), their guards,
//! `Completion` (struct completion) and a reference-counted `Arc`.
//!
//! Difference from mainline: mainline pins the C lock inside the Rust
//! value (`new_mutex!` returns a pin-initialiser); here the C object lives
//! in its own kmalloc'd slot, so `new_mutex!(data)` returns a plain
//! `Result<Mutex<T>>` that may be moved freely, and creating a lock can
//! fail with ENOMEM (through `?`).

use core::cell::UnsafeCell;
use core::marker::PhantomData;
use core::ops::{Deref, DerefMut};
use core::ptr::NonNull;
use core::sync::atomic::{AtomicUsize, Ordering};

use crate::alloc::{flags::GFP_KERNEL, AllocError, Flags, KBox};
use crate::bindings;
use crate::error::Result;
use crate::str::CStr;

/// A lockdep class: one static per place a lock is created
/// (`static_lock_class!()`), as C's `mutex_init` hides one per call site.
pub struct LockClassKey(UnsafeCell<bindings::lock_class_key>);

// SAFETY: lockdep owns the key's contents and locks around them.
unsafe impl Sync for LockClassKey {}

impl LockClassKey {
    #[doc(hidden)]
    pub const fn new() -> Self {
        LockClassKey(UnsafeCell::new(bindings::lock_class_key {
            ksim_subkeys: [0; bindings::MAX_LOCKDEP_SUBCLASSES as usize],
        }))
    }

    pub fn as_ptr(&self) -> *mut bindings::lock_class_key {
        self.0.get()
    }
}

/// A `&'static LockClassKey` unique to this place in the source.
#[macro_export]
macro_rules! static_lock_class {
    () => {{
        static CLASS: $crate::sync::LockClassKey = $crate::sync::LockClassKey::new();
        &CLASS
    }};
}

/// The lock's name: the given one, or "file:line" of the macro call.
#[doc(hidden)]
#[macro_export]
macro_rules! optional_name {
    () => { $crate::c_str!(concat!(file!(), ":", line!())) };
    ($name:literal) => { $crate::c_str!($name) };
}

/// What a lock is in C: its C type and how to initialise, take, release
/// and retire it (mainline's `sync::lock::Backend`).
pub trait Backend {
    /// The C lock object.
    type State;
    /// # Safety
    /// `ptr` points to a zeroed `State` that will not move.
    unsafe fn init(ptr: *mut Self::State, name: *const core::ffi::c_char,
                   key: *mut bindings::lock_class_key);
    /// # Safety
    /// `ptr` was initialised by `init`.
    unsafe fn lock(ptr: *mut Self::State);
    /// # Safety
    /// `ptr` is held by the caller.
    unsafe fn unlock(ptr: *mut Self::State);
    /// # Safety
    /// `ptr` is initialised and no longer used.
    unsafe fn destroy(_ptr: *mut Self::State) {}
}

/// `struct mutex`: sleeps while waiting; might_sleep checks the caller.
pub struct MutexBackend;

impl Backend for MutexBackend {
    type State = bindings::mutex;
    unsafe fn init(ptr: *mut Self::State, name: *const core::ffi::c_char,
                   key: *mut bindings::lock_class_key) {
        unsafe { bindings::rust_helper_mutex_init(ptr, name, key) }
    }
    unsafe fn lock(ptr: *mut Self::State) {
        unsafe { bindings::mutex_lock(ptr) }
    }
    unsafe fn unlock(ptr: *mut Self::State) {
        unsafe { bindings::mutex_unlock(ptr) }
    }
    unsafe fn destroy(ptr: *mut Self::State) {
        // Reports a mutex destroyed while locked, as for C.
        unsafe { bindings::mutex_destroy(ptr) }
    }
}

/// `spinlock_t`: no sleeping while it is held (might_sleep reports it).
pub struct SpinLockBackend;

impl Backend for SpinLockBackend {
    type State = bindings::spinlock_t;
    unsafe fn init(ptr: *mut Self::State, name: *const core::ffi::c_char,
                   key: *mut bindings::lock_class_key) {
        unsafe { bindings::rust_helper_spin_lock_init(ptr, name, key) }
    }
    unsafe fn lock(ptr: *mut Self::State) {
        unsafe { bindings::rust_helper_spin_lock(ptr) }
    }
    unsafe fn unlock(ptr: *mut Self::State) {
        unsafe { bindings::rust_helper_spin_unlock(ptr) }
    }
}

/// A lock of kind `B` around `T`.
pub struct Lock<T: ?Sized, B: Backend> {
    state: KBox<UnsafeCell<B::State>>,
    data: UnsafeCell<T>,
}

/// A sleeping lock around `T` (the kernel's `struct mutex`).
pub type Mutex<T> = Lock<T, MutexBackend>;
/// A spinning lock around `T` (the kernel's `spinlock_t`).
pub type SpinLock<T> = Lock<T, SpinLockBackend>;
/// The guard of a `SpinLock`.
pub type SpinGuard<'a, T> = Guard<'a, T, SpinLockBackend>;

// SAFETY: the lock serialises every access to `data`.
unsafe impl<T: ?Sized + Send, B: Backend> Send for Lock<T, B> {}
unsafe impl<T: ?Sized + Send, B: Backend> Sync for Lock<T, B> {}

impl<T, B: Backend> Lock<T, B> {
    /// Use `new_mutex!(data)` / `new_spinlock!(data)` (optionally with a
    /// name): they supply a lockdep class per call site.
    pub fn new(data: T, name: &'static CStr, key: &'static LockClassKey) -> Result<Self> {
        // SAFETY: a zeroed C lock is what its init function expects to fill.
        let state = KBox::new(UnsafeCell::new(unsafe { core::mem::zeroed() }), GFP_KERNEL)?;
        // SAFETY: boxed, so it stays put for the lock's life.
        unsafe { B::init(state.get(), name.as_char_ptr(), key.as_ptr()) };
        Ok(Lock { state, data: UnsafeCell::new(data) })
    }
}

impl<T: ?Sized, B: Backend> Lock<T, B> {
    /// Wait until the lock is ours; the guard releases it.
    pub fn lock(&self) -> Guard<'_, T, B> {
        // SAFETY: initialised in new().
        unsafe { B::lock(self.state.get()) };
        Guard { lock: self, _not_send: PhantomData }
    }
}

impl<T: ?Sized> Lock<T, MutexBackend> {
    /// Take the mutex if it is free.
    pub fn try_lock(&self) -> Option<Guard<'_, T, MutexBackend>> {
        // SAFETY: initialised in new().
        if unsafe { bindings::mutex_trylock(self.state.get()) } != 0 {
            Some(Guard { lock: self, _not_send: PhantomData })
        } else {
            None
        }
    }
}

impl<T: ?Sized, B: Backend> Drop for Lock<T, B> {
    fn drop(&mut self) {
        // SAFETY: nobody holds a guard (guards borrow the lock).
        unsafe { B::destroy(self.state.get()) };
    }
}

/// The lock is held while this lives; dropping it unlocks.
pub struct Guard<'a, T: ?Sized, B: Backend = MutexBackend> {
    lock: &'a Lock<T, B>,
    _not_send: PhantomData<*mut ()>,
}

impl<T: ?Sized, B: Backend> Deref for Guard<'_, T, B> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the lock is held.
        unsafe { &*self.lock.data.get() }
    }
}

impl<T: ?Sized, B: Backend> DerefMut for Guard<'_, T, B> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the lock is held.
        unsafe { &mut *self.lock.data.get() }
    }
}

impl<T: ?Sized, B: Backend> Guard<'_, T, B> {
    /// Run `cb` with the lock released, then take it again (how a
    /// `CondVar` sleeps).
    pub fn do_unlocked<U>(&mut self, cb: impl FnOnce() -> U) -> U {
        // SAFETY: held by this guard; retaken before the guard is used again.
        unsafe { B::unlock(self.lock.state.get()) };
        let ret = cb();
        // SAFETY: initialised in new(); released just above.
        unsafe { B::lock(self.lock.state.get()) };
        ret
    }
}

impl<T: ?Sized, B: Backend> Drop for Guard<'_, T, B> {
    fn drop(&mut self) {
        // SAFETY: held by this guard.
        unsafe { B::unlock(self.lock.state.get()) };
    }
}

/// `new_mutex!(data)` or `new_mutex!(data, "name")`: a `Result<Mutex<T>>`
/// with its own lockdep class.
#[macro_export]
macro_rules! new_mutex {
    ($data:expr $(, $name:literal)? $(,)?) => {
        $crate::sync::Mutex::new($data, $crate::optional_name!($($name)?), $crate::static_lock_class!())
    };
}

/// `new_spinlock!(data)` or `new_spinlock!(data, "name")`.
#[macro_export]
macro_rules! new_spinlock {
    ($data:expr $(, $name:literal)? $(,)?) => {
        $crate::sync::SpinLock::new($data, $crate::optional_name!($($name)?), $crate::static_lock_class!())
    };
}

/// A one-shot event (the kernel's `struct completion`).
pub struct Completion {
    c: KBox<UnsafeCell<bindings::completion>>,
}

// SAFETY: struct completion is made for cross-task use.
unsafe impl Send for Completion {}
unsafe impl Sync for Completion {}

impl Completion {
    pub fn new(flags: Flags) -> Result<Self> {
        // SAFETY: the zeroed completion is initialised right below.
        let c = KBox::new(UnsafeCell::new(unsafe { core::mem::zeroed() }), flags)?;
        unsafe { bindings::rust_helper_init_completion(c.get()) };
        Ok(Completion { c })
    }

    /// Wake one waiter (or the next one to wait).
    pub fn complete(&self) {
        unsafe { bindings::complete(self.c.get()) }
    }

    /// Wake every waiter, now and later.
    pub fn complete_all(&self) {
        unsafe { bindings::complete_all(self.c.get()) }
    }

    /// Sleep until completed.
    pub fn wait(&self) {
        unsafe { bindings::wait_for_completion(self.c.get()) }
    }
}

// repr(C): `from_raw` finds the header from the data's address.
#[repr(C)]
struct ArcInner<T: ?Sized> {
    refs: AtomicUsize,
    data: T,
}

/// A reference-counted pointer whose allocation takes GFP flags
/// (mainline's `Arc::new(x, flags)`).
pub struct Arc<T: ?Sized> {
    inner: NonNull<ArcInner<T>>,
    _owns: PhantomData<ArcInner<T>>,
}

// SAFETY: as alloc's Arc.
unsafe impl<T: ?Sized + Send + Sync> Send for Arc<T> {}
unsafe impl<T: ?Sized + Send + Sync> Sync for Arc<T> {}

impl<T> Arc<T> {
    #[inline(always)]
    pub fn new(data: T, flags: Flags) -> Result<Self, AllocError> {
        let b = KBox::new(ArcInner { refs: AtomicUsize::new(1), data }, flags)?;
        // SAFETY: into_raw never returns null.
        let inner = unsafe { NonNull::new_unchecked(KBox::into_raw(b)) };
        Ok(Arc { inner, _owns: PhantomData })
    }
}

impl<T> Arc<T> {
    /// Give up this reference as a pointer to the data (for a C slot);
    /// `from_raw` takes it back.
    pub fn into_raw(this: Self) -> *const T {
        // SAFETY: alive while `this` is, and `this` is forgotten below.
        let data = unsafe { core::ptr::addr_of!((*this.inner.as_ptr()).data) };
        core::mem::forget(this);
        data
    }

    /// # Safety
    /// `ptr` came from `into_raw` and its reference is taken back once.
    pub unsafe fn from_raw(ptr: *const T) -> Self {
        // The data follows the count, aligned for T (repr(C)).
        let align = core::mem::align_of::<T>();
        let offset = (core::mem::size_of::<AtomicUsize>() + align - 1) & !(align - 1);
        // SAFETY: ptr is `offset` bytes into an ArcInner<T>, per the contract.
        let inner = unsafe { (ptr as *const u8).sub(offset) } as *mut ArcInner<T>;
        // SAFETY: not null: it came from a live allocation.
        Arc { inner: unsafe { NonNull::new_unchecked(inner) }, _owns: PhantomData }
    }
}

impl<T: ?Sized> Arc<T> {
    /// Whether two Arcs share one allocation.
    pub fn ptr_eq(a: &Self, b: &Self) -> bool {
        a.inner.as_ptr() as *const u8 == b.inner.as_ptr() as *const u8
    }
}

impl<T: ?Sized> Clone for Arc<T> {
    fn clone(&self) -> Self {
        // SAFETY: alive while `self` is.
        let old = unsafe { self.inner.as_ref() }.refs.fetch_add(1, Ordering::Relaxed);
        if old > isize::MAX as usize {
            panic!("Arc reference count overflow");
        }
        Arc { inner: self.inner, _owns: PhantomData }
    }
}

impl<T: ?Sized> Deref for Arc<T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: alive while `self` is.
        unsafe { &self.inner.as_ref().data }
    }
}

impl<T: ?Sized> Drop for Arc<T> {
    fn drop(&mut self) {
        // SAFETY: alive until the last reference goes, then freed once.
        if unsafe { self.inner.as_ref() }.refs.fetch_sub(1, Ordering::Release) == 1 {
            core::sync::atomic::fence(Ordering::Acquire);
            drop(unsafe { KBox::from_raw(self.inner.as_ptr()) });
        }
    }
}


/// A condition variable over the shim's wait queues (mainline's
/// `sync::CondVar`): `wait` releases the guard's lock, sleeps until a
/// `notify_*` (or a spurious wake-up: always wait in a loop on the
/// condition), and takes the lock again.  Waiters queue exclusively, so
/// `notify_one` wakes one of them.
///
/// As with `Mutex`, the C wait queue head lives in its own allocation, so
/// `new_condvar!()` returns a `Result<CondVar>` (no pin-init here).
pub struct CondVar {
    head: KBox<UnsafeCell<bindings::wait_queue_head>>,
}

// SAFETY: wait queues are made for cross-task use; the head has its own lock.
unsafe impl Send for CondVar {}
unsafe impl Sync for CondVar {}

impl CondVar {
    /// Use `new_condvar!()` (optionally with a name): it supplies a
    /// lockdep class for the wait queue's lock per call site.
    pub fn new(name: &'static CStr, key: &'static LockClassKey) -> Result<Self> {
        // SAFETY: a zeroed head is what __init_waitqueue_head expects to fill.
        let head = KBox::new(UnsafeCell::new(unsafe { core::mem::zeroed() }), GFP_KERNEL)?;
        // SAFETY: boxed, so it stays put for the condvar's life.
        unsafe { bindings::__init_waitqueue_head(head.get(), name.as_char_ptr(), key.as_ptr()) };
        Ok(CondVar { head })
    }

    fn wait_internal<T: ?Sized, B: Backend>(&self, state: core::ffi::c_int,
                                            guard: &mut Guard<'_, T, B>,
                                            timeout: core::ffi::c_long) -> core::ffi::c_long {
        // SAFETY: zeroed then initialised by the helper; it lives on this
        // stack frame until finish_wait has taken it off the queue.
        let mut wait: bindings::wait_queue_entry = unsafe { core::mem::zeroed() };
        unsafe {
            bindings::rust_helper_init_wait(&mut wait);
            // Queued (and the task state set) before the lock is released,
            // so a notify after the unlock is never missed.
            bindings::prepare_to_wait_exclusive(self.head.get(), &mut wait, state);
        }
        // SAFETY: sleeping with the lock released, as the kernel's does.
        let left = guard.do_unlocked(|| unsafe { bindings::schedule_timeout(timeout) });
        // SAFETY: queued above.
        unsafe { bindings::finish_wait(self.head.get(), &mut wait) };
        left
    }

    /// Sleep (uninterruptibly) until notified.
    pub fn wait<T: ?Sized, B: Backend>(&self, guard: &mut Guard<'_, T, B>) {
        self.wait_internal(bindings::TASK_UNINTERRUPTIBLE as core::ffi::c_int, guard,
                           core::ffi::c_long::MAX);
    }

    /// Sleep until notified or a signal arrives; true when a signal is
    /// pending (the caller usually returns `ERESTARTSYS`).
    #[must_use = "a pending signal should end the wait"]
    pub fn wait_interruptible<T: ?Sized, B: Backend>(&self, guard: &mut Guard<'_, T, B>) -> bool {
        self.wait_internal(bindings::TASK_INTERRUPTIBLE as core::ffi::c_int, guard,
                           core::ffi::c_long::MAX);
        // SAFETY: no arguments; reads the current task's state.
        unsafe { bindings::rust_helper_signal_pending_current() }
    }

    /// Wake one waiter.
    pub fn notify_one(&self) {
        // SAFETY: initialised in new().
        unsafe { bindings::__wake_up(self.head.get(), bindings::TASK_NORMAL, 1, core::ptr::null_mut()) };
    }

    /// Wake every waiter.
    pub fn notify_all(&self) {
        // SAFETY: initialised in new().
        unsafe { bindings::__wake_up(self.head.get(), bindings::TASK_NORMAL, 0, core::ptr::null_mut()) };
    }
}

/// `new_condvar!()` or `new_condvar!("name")`: a `Result<CondVar>` with
/// its own lockdep class.
#[macro_export]
macro_rules! new_condvar {
    ($($name:literal)? $(,)?) => {
        $crate::sync::CondVar::new($crate::optional_name!($($name)?), $crate::static_lock_class!())
    };
}
