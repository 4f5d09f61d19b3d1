// SPDX-License-Identifier: GPL-2.0

//! printk from Rust: `pr_emerg!` ... `pr_debug!` and `pr_cont!`.
//!
//! The kernel formats Rust arguments inside vsprintf (`%pA`); the shim's
//! vsprintf has no such extension, so the message is formatted here into a
//! buffer and handed to `_printk` as a string.  A message longer than the
//! buffer goes out in pieces joined with KERN_CONT: never truncated.
//! Like the kernel's, each line is "<module name>: <message>".

use core::ffi::{c_char, c_int};
use core::fmt::{self, Write};

use crate::bindings;

/// The printk levels, as the `KERN_*` prefix bytes.
pub mod format_strings {
    pub const EMERG: u8 = b'0';
    pub const ALERT: u8 = b'1';
    pub const CRIT: u8 = b'2';
    pub const ERR: u8 = b'3';
    pub const WARNING: u8 = b'4';
    pub const NOTICE: u8 = b'5';
    pub const INFO: u8 = b'6';
    pub const DEBUG: u8 = b'7';
    pub const CONT: u8 = b'c';
}

const BUF: usize = 512;

struct LineWriter {
    level: u8,
    prefix: *const c_char,
    first: bool,
    len: usize,
    buf: [u8; BUF],
}

impl LineWriter {
    fn flush(&mut self) {
        if self.len == 0 {
            return;
        }
        // SAFETY: NUL-terminated format strings; the buffer is passed with
        // its length, so it needs no NUL.
        unsafe {
            if self.first && self.level != format_strings::CONT {
                let fmt = [1u8, self.level, b'%', b's', b':', b' ', b'%', b'.', b'*', b's', 0];
                bindings::_printk(fmt.as_ptr() as *const c_char, self.prefix,
                                  self.len as c_int, self.buf.as_ptr());
            } else {
                let fmt = [1u8, format_strings::CONT, b'%', b'.', b'*', b's', 0];
                bindings::_printk(fmt.as_ptr() as *const c_char, self.len as c_int,
                                  self.buf.as_ptr());
            }
        }
        self.first = false;
        self.len = 0;
    }
}

impl Write for LineWriter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for &b in s.as_bytes() {
            if self.len == BUF {
                self.flush();
            }
            self.buf[self.len] = b;
            self.len += 1;
        }
        Ok(())
    }
}

/// Print `args` at `level` ("6" for KERN_INFO...) with the module's name.
/// Public for the macros only.
#[doc(hidden)]
pub fn call_printk(level: u8, module_name: &[u8], args: fmt::Arguments<'_>) {
    let mut w = LineWriter {
        level,
        prefix: module_name.as_ptr() as *const c_char,
        first: true,
        len: 0,
        buf: [0; BUF],
    };
    let _ = w.write_fmt(args);
    w.flush();
}

#[doc(hidden)]
#[macro_export]
macro_rules! print_macro {
    ($level:expr, $($arg:tt)+) => {
        $crate::print::call_printk($level, crate::__LOG_PREFIX, format_args!($($arg)+))
    };
}

/// `pr_emerg!("fmt\n", args...)`: printk at KERN_EMERG.
#[macro_export]
macro_rules! pr_emerg {
    ($($arg:tt)*) => { $crate::print_macro!($crate::print::format_strings::EMERG, $($arg)*) };
}

/// printk at KERN_ALERT.
#[macro_export]
macro_rules! pr_alert {
    ($($arg:tt)*) => { $crate::print_macro!($crate::print::format_strings::ALERT, $($arg)*) };
}

/// printk at KERN_CRIT.
#[macro_export]
macro_rules! pr_crit {
    ($($arg:tt)*) => { $crate::print_macro!($crate::print::format_strings::CRIT, $($arg)*) };
}

/// printk at KERN_ERR.
#[macro_export]
macro_rules! pr_err {
    ($($arg:tt)*) => { $crate::print_macro!($crate::print::format_strings::ERR, $($arg)*) };
}

/// printk at KERN_WARNING.
#[macro_export]
macro_rules! pr_warn {
    ($($arg:tt)*) => { $crate::print_macro!($crate::print::format_strings::WARNING, $($arg)*) };
}

/// printk at KERN_NOTICE.
#[macro_export]
macro_rules! pr_notice {
    ($($arg:tt)*) => { $crate::print_macro!($crate::print::format_strings::NOTICE, $($arg)*) };
}

/// printk at KERN_INFO.
#[macro_export]
macro_rules! pr_info {
    ($($arg:tt)*) => { $crate::print_macro!($crate::print::format_strings::INFO, $($arg)*) };
}

/// printk at KERN_DEBUG, compiled in only with debug assertions (as the
/// kernel's is only with DEBUG or dynamic debug).
#[macro_export]
macro_rules! pr_debug {
    ($($arg:tt)*) => {
        if cfg!(debug_assertions) {
            $crate::print_macro!($crate::print::format_strings::DEBUG, $($arg)*)
        }
    };
}

/// Continue the previous line (KERN_CONT), without the module prefix.
#[macro_export]
macro_rules! pr_cont {
    ($($arg:tt)*) => { $crate::print_macro!($crate::print::format_strings::CONT, $($arg)*) };
}
