// SPDX-License-Identifier: GPL-2.0

//! Types that may be copied to and from raw bytes (user memory, devices):
//! `FromBytes` (every bit pattern is a valid value) and `AsBytes` (no
//! padding, so no uninitialised byte leaks out), as mainline's
//! `kernel::transmute`.

/// Every bit pattern of `size_of::<Self>()` bytes is a valid `Self`.
///
/// # Safety
/// Implement only for types with no invalid bit patterns (integers,
/// arrays of them), never for `bool`, `char`, references or enums.
pub unsafe trait FromBytes {}

/// `Self` has no padding and no interior mutability: its bytes may be
/// copied out as they are.
///
/// # Safety
/// Implement only for types whose every byte is initialised.
pub unsafe trait AsBytes {}

macro_rules! impl_bytes {
    ($($t:ty),*) => {
        $(
            // SAFETY: primitive integers: any bits are valid, no padding.
            unsafe impl FromBytes for $t {}
            unsafe impl AsBytes for $t {}
        )*
    };
}

impl_bytes!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

// SAFETY: an array of such values has neither padding nor invalid patterns.
unsafe impl<T: FromBytes, const N: usize> FromBytes for [T; N] {}
unsafe impl<T: AsBytes, const N: usize> AsBytes for [T; N] {}
