// SPDX-License-Identifier: GPL-2.0

//! Module parameters as mainline's `module!` declares them:
//! `params: { name: i64 { default: 1, description: "..." }, }` gives
//! `module_parameters::name.value()`.  The value is stored where a C
//! `module_param` would keep it and parsed by the shim's own
//! `param_ops_*` (long for i64, int for i32, bool for bool...), so
//! `ksim ... name=value` and `ksim modinfo` work as for C modules.
//! Supported types: i16 u16 i32 u32 i64 u64 isize usize u8 bool.

use core::cell::UnsafeCell;

use crate::bindings;

/// A parameter's storage.  The loader writes it (through `param_ops_*`)
/// before `init` runs and nothing writes it afterwards (there is no sysfs),
/// so shared reads are sound.
#[repr(transparent)]
pub struct ModuleParamAccess<T> {
    value: UnsafeCell<T>,
}

// SAFETY: written only before init, by the loader (see above).
unsafe impl<T> Sync for ModuleParamAccess<T> {}

impl<T> ModuleParamAccess<T> {
    #[doc(hidden)]
    pub const fn new(default: T) -> Self {
        ModuleParamAccess { value: UnsafeCell::new(default) }
    }

    /// The value (as given on the command line, or the default).
    pub fn value(&self) -> &T {
        // SAFETY: see the type's comment.
        unsafe { &*self.value.get() }
    }

    /// The same, under the name newer mainline gives it.
    pub fn value_ref(&self) -> &T {
        self.value()
    }
}

/// A `struct kernel_param` in the `__param` section: raw pointers only to
/// statics, never changed.
#[doc(hidden)]
#[repr(transparent)]
pub struct RacyKernelParam(pub bindings::kernel_param);

// SAFETY: see above.
unsafe impl Sync for RacyKernelParam {}
