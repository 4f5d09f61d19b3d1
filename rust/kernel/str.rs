// SPDX-License-Identifier: GPL-2.0

//! C strings: `CStr` (a NUL-terminated byte string with no inner NUL) and
//! `c_str!("...")`, which builds one at compile time.

use core::ffi::c_char;
use core::fmt;

use crate::error::{code::EINVAL, Error};

/// A borrowed C string: its bytes end with exactly one NUL.
#[repr(transparent)]
pub struct CStr([u8]);

/// Why bytes are not a C string.
#[derive(Debug, Clone, Copy)]
pub enum CStrConvertError {
    /// No NUL at the end.
    NulNotTerminated,
    /// A NUL before the end.
    InteriorNul,
}

impl From<CStrConvertError> for Error {
    fn from(_: CStrConvertError) -> Error {
        EINVAL
    }
}

impl CStr {
    /// Length without the NUL.
    pub const fn len(&self) -> usize {
        self.0.len() - 1
    }

    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Check `bytes` (which must end with NUL and have no other).
    pub const fn from_bytes_with_nul(bytes: &[u8]) -> Result<&Self, CStrConvertError> {
        if bytes.is_empty() || bytes[bytes.len() - 1] != 0 {
            return Err(CStrConvertError::NulNotTerminated);
        }
        let mut i = 0;
        while i + 1 < bytes.len() {
            if bytes[i] == 0 {
                return Err(CStrConvertError::InteriorNul);
            }
            i += 1;
        }
        // SAFETY: checked above; CStr is a transparent [u8].
        Ok(unsafe { Self::from_bytes_with_nul_unchecked(bytes) })
    }

    /// # Safety
    /// `bytes` must end with its only NUL.
    pub const unsafe fn from_bytes_with_nul_unchecked(bytes: &[u8]) -> &CStr {
        unsafe { &*(bytes as *const [u8] as *const CStr) }
    }

    /// # Safety
    /// `ptr` must be a valid NUL-terminated string that outlives `'a`.
    pub unsafe fn from_char_ptr<'a>(ptr: *const c_char) -> &'a Self {
        let mut n = 0;
        while unsafe { *ptr.add(n) } != 0 {
            n += 1;
        }
        unsafe {
            Self::from_bytes_with_nul_unchecked(core::slice::from_raw_parts(ptr as *const u8, n + 1))
        }
    }

    /// For passing to C.
    pub const fn as_char_ptr(&self) -> *const c_char {
        self.0.as_ptr() as *const c_char
    }

    /// The bytes without the NUL.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0[..self.len()]
    }

    /// The bytes with the NUL.
    pub const fn as_bytes_with_nul(&self) -> &[u8] {
        &self.0
    }

    /// As `&str`, if it is UTF-8.
    pub fn to_str(&self) -> Result<&str, core::str::Utf8Error> {
        core::str::from_utf8(self.as_bytes())
    }
}

impl fmt::Display for CStr {
    /// Printable ASCII as is, anything else as `\xNN` (as the kernel's).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for &c in self.as_bytes() {
            if (0x20..0x7f).contains(&c) {
                fmt::Write::write_char(f, c as char)?;
            } else {
                write!(f, "\\x{:02x}", c)?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for CStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        fmt::Display::fmt(self, f)?;
        f.write_str("\"")
    }
}

/// `c_str!("text")`: a `&'static CStr`, checked at compile time.
#[macro_export]
macro_rules! c_str {
    ($str:expr) => {{
        const S: &str = concat!($str, "\0");
        const C: &$crate::str::CStr = match $crate::str::CStr::from_bytes_with_nul(S.as_bytes()) {
            Ok(v) => v,
            Err(_) => panic!("string contains interior NUL"),
        };
        C
    }};
}
