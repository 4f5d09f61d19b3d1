// SPDX-License-Identifier: GPL-2.0

//! A misc device with a planted bug: its ioctl copies to user space while
//! holding a `SpinLock`.  copy_to_user may fault and sleep, so the shim
//! reports "sleeping function called from invalid context" at the Rust
//! call site, as it would for C.  `/dev/rust-misc-atomic`, command
//! `_IOR('|', 0x81, int)` = 0x80047c81; `locked=0` copies after unlocking
//! (no report).

use kernel::fs::File;
use kernel::ioctl::_IOR;
use kernel::miscdevice::{MiscDevice, MiscDeviceOptions, MiscDeviceRegistration};
use kernel::prelude::*;
use kernel::sync::SpinLock;
use kernel::uaccess::{UserPtr, UserSlice};

const GET_VALUE: u32 = _IOR::<i32>(b'|' as u32, 0x81);

module! {
    type: RustMiscAtomic,
    name: "rust_misc_atomic",
    authors: ["ksim developers"],
    description: "A user copy under a SpinLock (planted)",
    license: "GPL",
    params: {
        locked: bool {
            default: true,
            description: "Copy to user space with the spinlock held (the bug)",
        },
    },
}

struct RustMiscAtomic {
    _dev: Pin<KBox<MiscDeviceRegistration<Dev>>>,
}

impl kernel::Module for RustMiscAtomic {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let options = MiscDeviceOptions { name: c_str!("rust-misc-atomic") };
        Ok(RustMiscAtomic { _dev: MiscDeviceRegistration::register(options)? })
    }
}

struct Dev {
    value: SpinLock<i32>,
}

#[vtable]
impl MiscDevice for Dev {
    type Ptr = KBox<Self>;

    fn open(_file: &File, _misc: &MiscDeviceRegistration<Self>) -> Result<KBox<Self>> {
        Ok(KBox::new(Dev { value: new_spinlock!(42, "rust_misc_atomic.value")? }, GFP_KERNEL)?)
    }

    fn ioctl(me: &Dev, _file: &File, cmd: u32, arg: usize) -> Result<isize> {
        if cmd != GET_VALUE {
            return Err(ENOTTY);
        }
        let mut writer = UserSlice::new(UserPtr::from_addr(arg), 4).writer();
        let guard = me.value.lock();
        if *module_parameters::locked.value() {
            copy_value_locked(&mut writer, *guard)?;
        } else {
            let v = *guard;
            drop(guard);
            writer.write(&v)?;
        }
        Ok(0)
    }
}

// Its own function, so the report names it.
#[inline(never)]
fn copy_value_locked(writer: &mut kernel::uaccess::UserSliceWriter, v: i32) -> Result {
    writer.write(&v)
}
