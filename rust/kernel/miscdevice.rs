// SPDX-License-Identifier: GPL-2.0

//! Misc devices (mainline's `kernel::miscdevice`): a character device on
//! major 10 with a dynamic minor and a node `/dev/<name>`, whose file
//! operations are the methods of a `MiscDevice` implementation.
//!
//! `open` returns the per-open state (`T::Ptr`, usually `Pin<KBox<T>>`),
//! which lives in the file's `private_data` until `release` gets it back;
//! `read_iter`, `write_iter` and `ioctl` borrow it.  Each method's
//! `Result` becomes the operation's C return value (`-errno` on `Err`).
//!
//! As in mainline, the implementation is marked `#[vtable]`: the C table
//! holds only the operations it defines (`open` and `release` always), so
//! the VFS answers for a missing one as it does for C (`EINVAL` for read
//! and write, `ENOTTY` for ioctl); the trait's defaults are never called.
//!
//! Differences from mainline (no pin-init):
//! - `MiscDeviceRegistration::register` returns `Result<Pin<KBox<Self>>>`
//!   (the C `struct miscdevice` must not move while registered; mainline
//!   returns a pin-initialiser placed in the module's own pinned struct).
//! - ksim's misc devices have no `struct device` (`this_device` is NULL),
//!   so there is no `device()` / `dev_info!`; use `pr_info!`.

use core::ffi::{c_int, c_long, c_uint, c_ulong};
use core::marker::PhantomData;
use core::pin::Pin;

use crate::alloc::{flags::GFP_KERNEL, KBox};
use crate::bindings;
use crate::error::{code::*, to_result, Result};
use crate::fs::{File, Kiocb};
use crate::iov::{IovIterDest, IovIterSource};
use crate::str::CStr;
use crate::types::{ForeignOwnable, Opaque};
use crate::vtable;

/// What to register: the node's name (`/dev/<name>`).
#[derive(Copy, Clone)]
pub struct MiscDeviceOptions {
    pub name: &'static CStr,
}

impl MiscDeviceOptions {
    /// The C `struct miscdevice` for these options (dynamic minor, the
    /// file operations of `T`).
    pub fn into_raw<T: MiscDevice>(self) -> bindings::miscdevice {
        // SAFETY: all-zero is a valid miscdevice (NULL pointers, empty list).
        let mut misc: bindings::miscdevice = unsafe { core::mem::zeroed() };
        misc.minor = bindings::MISC_DYNAMIC_MINOR as c_int;
        misc.name = self.name.as_char_ptr();
        misc
    }
}

/// A registered misc device whose operations are `T`'s.  Dropping it
/// deregisters the device (files still open keep the module pinned, as
/// for C, through `fops.owner`).
#[repr(C)]
pub struct MiscDeviceRegistration<T> {
    // First: misc_open() puts this address in file->private_data.
    inner: Opaque<bindings::miscdevice>,
    fops: Opaque<bindings::file_operations>,
    registered: bool,
    _t: PhantomData<T>,
}

// SAFETY: after registration the C side owns the objects and locks around
// them (misc_mtx); the Rust side only reads them.
unsafe impl<T> Send for MiscDeviceRegistration<T> {}
unsafe impl<T> Sync for MiscDeviceRegistration<T> {}

impl<T: MiscDevice> MiscDeviceRegistration<T> {
    /// Register `/dev/<opts.name>`: its opens call `T::open`.  Fails with
    /// what `misc_register` returns (`EEXIST` for a name in use, `EBUSY`
    /// when no minor is free) or `ENOMEM`.
    pub fn register(opts: MiscDeviceOptions) -> Result<Pin<KBox<Self>>> {
        let reg = KBox::new(
            MiscDeviceRegistration {
                inner: Opaque::zeroed(),
                fops: Opaque::zeroed(),
                registered: false,
                _t: PhantomData,
            },
            GFP_KERNEL,
        )?;
        // SAFETY: boxed, so both C objects stay put while registered.
        unsafe {
            reg.fops.get().write(VTable::<T>::build());
            let mut misc = opts.into_raw::<T>();
            misc.fops = reg.fops.get();
            reg.inner.get().write(misc);
        }
        let mut reg = reg;
        // SAFETY: initialised just above.
        to_result(unsafe { bindings::misc_register(reg.inner.get()) })?;
        reg.registered = true;
        // SAFETY: never moved out of its box from here on.
        Ok(unsafe { Pin::new_unchecked(reg) })
    }

    /// The C `struct miscdevice *`.
    pub fn as_raw(&self) -> *mut bindings::miscdevice {
        self.inner.get()
    }

    /// The minor number the misc layer gave the device.
    pub fn minor(&self) -> i32 {
        // SAFETY: registered, so initialised; the minor no longer changes.
        unsafe { (*self.inner.get()).minor }
    }
}

impl<T> Drop for MiscDeviceRegistration<T> {
    fn drop(&mut self) {
        if self.registered {
            // SAFETY: registered in register(); deregistered once.
            unsafe { bindings::misc_deregister(self.inner.get()) };
        }
    }
}

/// A misc device's file operations.  Implement the ones the device has,
/// in an impl block marked `#[vtable]`: only those are in the C table.
#[vtable]
pub trait MiscDevice: Sized {
    /// What one open of the device owns (its per-open state).
    type Ptr: ForeignOwnable + Send + Sync;

    /// An open: build the per-open state, or fail the `open(2)`.
    fn open(file: &File, misc: &MiscDeviceRegistration<Self>) -> Result<Self::Ptr>;

    /// The last close: the state comes back to be dropped.
    fn release(device: Self::Ptr, _file: &File) {
        drop(device);
    }

    /// `read(2)`: fill `iov`, advance `*kiocb.ki_pos_mut()`; the count.
    fn read_iter(_kiocb: Kiocb<'_, Self::Ptr>, _iov: &mut IovIterDest<'_>) -> Result<usize> {
        Err(EINVAL)
    }

    /// `write(2)`: consume `iov`; the count.
    fn write_iter(_kiocb: Kiocb<'_, Self::Ptr>, _iov: &mut IovIterSource<'_>) -> Result<usize> {
        Err(EINVAL)
    }

    /// `ioctl(2)`: `arg` is a value or a user address (`UserPtr::from_addr`).
    fn ioctl(
        _device: <Self::Ptr as ForeignOwnable>::Borrowed<'_>,
        _file: &File,
        _cmd: u32,
        _arg: usize,
    ) -> Result<isize> {
        Err(ENOTTY)
    }
}

/// The C `file_operations` of a `MiscDevice`: trampolines that turn C
/// arguments into the Rust types and `Result`s into C return values.
struct VTable<T>(PhantomData<T>);

impl<T: MiscDevice> VTable<T> {
    fn build() -> bindings::file_operations {
        // SAFETY: all-zero is an empty operations table.
        let mut fops: bindings::file_operations = unsafe { core::mem::zeroed() };
        // THIS_MODULE of the module this code is linked into: an open file
        // pins it, and the misc layer finds the module's devices by it.
        fops.owner = unsafe { core::ptr::addr_of_mut!(bindings::__this_module) };
        // open and release always: they own the per-open state.
        fops.open = Some(Self::open);
        fops.release = Some(Self::release);
        // The rest only when implemented (#[vtable]), as C leaves a missing
        // operation NULL and the VFS answers for it.
        if T::HAS_READ_ITER {
            fops.read_iter = Some(Self::read_iter);
        }
        if T::HAS_WRITE_ITER {
            fops.write_iter = Some(Self::write_iter);
        }
        if T::HAS_IOCTL {
            fops.unlocked_ioctl = Some(Self::ioctl);
        }
        fops
    }

    unsafe extern "C" fn open(_inode: *mut bindings::inode, raw_file: *mut bindings::file) -> c_int {
        // SAFETY: misc_open() put the miscdevice, the first field of a
        // live registration, in private_data before calling us.
        let misc = unsafe { &*(*raw_file).private_data.cast::<MiscDeviceRegistration<T>>() };
        // SAFETY: the file is valid for the call.
        let file = unsafe { File::from_raw_file(raw_file) };
        match T::open(file, misc) {
            Ok(ptr) => {
                // SAFETY: the file is ours until release.
                unsafe { (*raw_file).private_data = ptr.into_foreign() };
                0
            }
            Err(err) => err.to_errno(),
        }
    }

    unsafe extern "C" fn release(_inode: *mut bindings::inode, raw_file: *mut bindings::file) -> c_int {
        // SAFETY: open() stored the state; release runs once, last.
        let ptr = unsafe { T::Ptr::from_foreign((*raw_file).private_data) };
        // SAFETY: the file is valid for the call.
        T::release(ptr, unsafe { File::from_raw_file(raw_file) });
        0
    }

    unsafe extern "C" fn read_iter(kiocb: *mut bindings::kiocb, iter: *mut bindings::iov_iter) -> bindings::ssize_t {
        // SAFETY: the VFS passes a valid kiocb of an open file (its
        // private_data set by open) and a destination iterator.
        let (kiocb, iov) = unsafe { (Kiocb::from_raw(kiocb), IovIterDest::from_raw(iter)) };
        ssize(T::read_iter(kiocb, iov))
    }

    unsafe extern "C" fn write_iter(kiocb: *mut bindings::kiocb, iter: *mut bindings::iov_iter) -> bindings::ssize_t {
        // SAFETY: as read_iter, with a source iterator.
        let (kiocb, iov) = unsafe { (Kiocb::from_raw(kiocb), IovIterSource::from_raw(iter)) };
        ssize(T::write_iter(kiocb, iov))
    }

    unsafe extern "C" fn ioctl(raw_file: *mut bindings::file, cmd: c_uint, arg: c_ulong) -> c_long {
        // SAFETY: an open file: private_data holds open()'s state.
        let device = unsafe { T::Ptr::borrow((*raw_file).private_data) };
        // SAFETY: the file is valid for the call.
        let file = unsafe { File::from_raw_file(raw_file) };
        match T::ioctl(device, file, cmd, arg as usize) {
            Ok(ret) => ret as c_long,
            Err(err) => err.to_errno() as c_long,
        }
    }
}

fn ssize(r: Result<usize>) -> bindings::ssize_t {
    match r {
        Ok(n) => n as bindings::ssize_t,
        Err(err) => err.to_errno() as bindings::ssize_t,
    }
}

