// SPDX-License-Identifier: GPL-2.0

//! `use kernel::prelude::*;`: what both the 6.1 and the mainline samples
//! expect in scope.

pub use core::pin::Pin;

pub use rust_alloc::{boxed::Box, string::String, vec, vec::Vec};

pub use crate::alloc::{flags::*, KBox, KVec, VecExt};
pub use crate::error::{code::*, Error, Result};
pub use crate::str::CStr;
pub use crate::{c_str, module, new_condvar, new_mutex, new_spinlock};
pub use crate::{pr_alert, pr_cont, pr_crit, pr_debug, pr_emerg, pr_err, pr_info, pr_notice, pr_warn};
pub use crate::{Module, ThisModule};
pub use ::macros::vtable;
