// SPDX-License-Identifier: GPL-2.0

//! Kernel errors: `Error` is a negative errno, `Result<T>` the kernel's
//! result type, `code::*` the errno constants (values from the shim's
//! `<linux/errno.h>` through bindgen).

use core::fmt;

use crate::alloc::AllocError;
use crate::bindings;

/// A kernel error: an errno in `1..=4095`, kept as its negative value.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Error(core::ffi::c_int);

/// `Result` with `Error` as its error type.
pub type Result<T = (), E = Error> = core::result::Result<T, E>;

macro_rules! declare_err {
    ($($name:ident),* $(,)?) => {
        /// The errno constants, as `Error` values.
        pub mod code {
            use super::Error;
            $(
                #[doc = concat!("`-", stringify!($name), "`")]
                pub const $name: Error = Error(-(crate::bindings::$name as core::ffi::c_int));
            )*
        }

        fn errno_name(errno: core::ffi::c_int) -> Option<&'static str> {
            $(
                if errno == crate::bindings::$name as core::ffi::c_int {
                    return Some(stringify!($name));
                }
            )*
            None
        }
    };
}

declare_err!(
    EPERM, ENOENT, ESRCH, EINTR, EIO, ENXIO, E2BIG, ENOEXEC, EBADF, ECHILD, EAGAIN,
    ENOMEM, EACCES, EFAULT, ENOTBLK, EBUSY, EEXIST, EXDEV, ENODEV, ENOTDIR, EISDIR,
    EINVAL, ENFILE, EMFILE, ENOTTY, ETXTBSY, EFBIG, ENOSPC, ESPIPE, EROFS, EMLINK,
    EPIPE, EDOM, ERANGE, EOVERFLOW, ETIMEDOUT, ENOSYS, ENOTSUPP, EOPNOTSUPP,
    ERESTARTSYS, ENODATA, ECANCELED, EALREADY, EINPROGRESS, EPROTO, EBADMSG,
);

impl Error {
    /// An `Error` from a C errno (negative, as C functions return it).
    /// Anything outside `-4095..=-1` is a bug in the caller: it becomes
    /// `EINVAL` with a warning, as the kernel's `from_errno` does.
    pub fn from_errno(errno: core::ffi::c_int) -> Error {
        if !(-4095..=-1).contains(&errno) {
            crate::pr_warn!("attempted to create an Error from invalid errno {}\n", errno);
            return code::EINVAL;
        }
        Error(errno)
    }

    /// The negative errno, for returning to C.
    pub fn to_errno(self) -> core::ffi::c_int {
        self.0
    }

    /// "ENOMEM" and the like, when known.
    pub fn name(&self) -> Option<&'static str> {
        errno_name(-self.0)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => f.write_str(name),
            None => write!(f, "Error({})", self.0),
        }
    }
}

impl From<AllocError> for Error {
    fn from(_: AllocError) -> Error {
        code::ENOMEM
    }
}

impl From<rust_alloc::collections::TryReserveError> for Error {
    fn from(_: rust_alloc::collections::TryReserveError) -> Error {
        code::ENOMEM
    }
}

impl From<core::fmt::Error> for Error {
    fn from(_: core::fmt::Error) -> Error {
        code::EINVAL
    }
}

impl From<core::str::Utf8Error> for Error {
    fn from(_: core::str::Utf8Error) -> Error {
        code::EINVAL
    }
}

impl From<core::num::TryFromIntError> for Error {
    fn from(_: core::num::TryFromIntError) -> Error {
        code::EINVAL
    }
}

/// A C return value (0 or a negative errno) as a `Result`.
pub fn to_result(ret: core::ffi::c_int) -> Result {
    if ret < 0 { Err(Error::from_errno(ret)) } else { Ok(()) }
}

/// A C pointer that may be an `ERR_PTR` as a `Result`.
pub fn from_err_ptr<T>(ptr: *mut T) -> Result<*mut T> {
    let v = ptr as isize;
    if (-4095..0).contains(&v) { Err(Error::from_errno(v as core::ffi::c_int)) } else { Ok(ptr) }
}

#[allow(dead_code)]
const _: () = assert!(bindings::ENOMEM == 12);
