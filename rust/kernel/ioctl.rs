// SPDX-License-Identifier: GPL-2.0

//! ioctl numbers (mainline's `kernel::ioctl`): the `_IO`/`_IOR`/`_IOW`/
//! `_IOWR` encoders and `_IOC_*` decoders of `<uapi/asm-generic/ioctl.h>`,
//! with the bit layout taken from the shim's header through bindgen.  The
//! argument type of `_IOR::<T>` gives the size, as C's `sizeof(type)`.

#![allow(non_snake_case)]

use crate::bindings;

/// Build an ioctl number from its four fields.
pub const fn _IOC(dir: u32, ty: u32, nr: u32, size: usize) -> u32 {
    assert!(dir <= bindings::_IOC_DIRMASK);
    assert!(ty <= bindings::_IOC_TYPEMASK);
    assert!(nr <= bindings::_IOC_NRMASK);
    assert!(size <= bindings::_IOC_SIZEMASK as usize);
    (dir << bindings::_IOC_DIRSHIFT)
        | (ty << bindings::_IOC_TYPESHIFT)
        | (nr << bindings::_IOC_NRSHIFT)
        | ((size as u32) << bindings::_IOC_SIZESHIFT)
}

/// No argument data.
pub const fn _IO(ty: u32, nr: u32) -> u32 {
    _IOC(bindings::_IOC_NONE, ty, nr, 0)
}

/// The driver writes a `T` to user space.
pub const fn _IOR<T>(ty: u32, nr: u32) -> u32 {
    _IOC(bindings::_IOC_READ, ty, nr, core::mem::size_of::<T>())
}

/// The driver reads a `T` from user space.
pub const fn _IOW<T>(ty: u32, nr: u32) -> u32 {
    _IOC(bindings::_IOC_WRITE, ty, nr, core::mem::size_of::<T>())
}

/// Both ways.
pub const fn _IOWR<T>(ty: u32, nr: u32) -> u32 {
    _IOC(bindings::_IOC_READ | bindings::_IOC_WRITE, ty, nr, core::mem::size_of::<T>())
}

/// `_IOC_NONE`, `_IOC_READ`, `_IOC_WRITE` or both.
pub const fn _IOC_DIR(nr: u32) -> u32 {
    (nr >> bindings::_IOC_DIRSHIFT) & bindings::_IOC_DIRMASK
}

/// The type (the "magic" character).
pub const fn _IOC_TYPE(nr: u32) -> u32 {
    (nr >> bindings::_IOC_TYPESHIFT) & bindings::_IOC_TYPEMASK
}

/// The number within the type.
pub const fn _IOC_NR(nr: u32) -> u32 {
    (nr >> bindings::_IOC_NRSHIFT) & bindings::_IOC_NRMASK
}

/// The size of the argument data.
pub const fn _IOC_SIZE(nr: u32) -> usize {
    ((nr >> bindings::_IOC_SIZESHIFT) & bindings::_IOC_SIZEMASK) as usize
}

pub use bindings::{_IOC_NONE, _IOC_READ, _IOC_WRITE};
