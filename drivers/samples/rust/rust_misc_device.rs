// SPDX-License-Identifier: GPL-2.0

//! A misc device written in Rust, in the shape of mainline's
//! `samples/rust/rust_misc_device.rs`: `/dev/rust-misc-device`, whose
//! open, read, write, ioctl and release are Rust methods.
//!
//! Each open gets its own state (a value and a buffer) behind the
//! kernel's Mutex, allocated with GFP flags; dropping it is the release.
//! A write replaces the buffer and rewinds the file position; a read
//! returns the buffer from the position on.  Three ioctls, as upstream:
//! `RUST_MISC_DEV_HELLO` (`_IO('|', 0x80)`), `RUST_MISC_DEV_GET_VALUE`
//! (`_IOR('|', 0x81, int)` = 0x80047c81) and `RUST_MISC_DEV_SET_VALUE`
//! (`_IOW('|', 0x82, int)` = 0x40047c82).  A command of this driver's type
//! and number with the wrong argument size is refused with `EINVAL`, an
//! unknown one with `ENOTTY`, a bad user address with `EFAULT`, and a
//! write larger than `max_size` bytes (a parameter) with `EINVAL`.
//!
//!   ./ksim drivers/samples/rust/rust_misc_device.ko \
//!       --exec='ioctl /dev/rust-misc-device 0x40047c82 7; expect 0'

use kernel::fs::{File, Kiocb};
use kernel::ioctl::{_IO, _IOC_NR, _IOC_TYPE, _IOR, _IOW};
use kernel::iov::{IovIterDest, IovIterSource};
use kernel::miscdevice::{MiscDevice, MiscDeviceOptions, MiscDeviceRegistration};
use kernel::prelude::*;
use kernel::sync::Mutex;
use kernel::uaccess::{UserPtr, UserSlice, UserSliceReader, UserSliceWriter};

const RUST_MISC_DEV_TYPE: u32 = b'|' as u32;
const RUST_MISC_DEV_HELLO: u32 = _IO(RUST_MISC_DEV_TYPE, 0x80);
const RUST_MISC_DEV_GET_VALUE: u32 = _IOR::<i32>(RUST_MISC_DEV_TYPE, 0x81);
const RUST_MISC_DEV_SET_VALUE: u32 = _IOW::<i32>(RUST_MISC_DEV_TYPE, 0x82);

module! {
    type: RustMiscDeviceModule,
    name: "rust_misc_device",
    authors: ["ksim developers"],
    description: "Rust misc device sample",
    license: "GPL",
    params: {
        max_size: usize {
            default: 4096,
            description: "Largest write the device accepts, in bytes",
        },
    },
}

struct RustMiscDeviceModule {
    _miscdev: Pin<KBox<MiscDeviceRegistration<RustMiscDevice>>>,
}

impl kernel::Module for RustMiscDeviceModule {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!("Initialising Rust Misc Device Sample\n");
        let options = MiscDeviceOptions { name: c_str!("rust-misc-device") };
        let miscdev = MiscDeviceRegistration::register(options)?;
        pr_info!("/dev/rust-misc-device: misc minor {}\n", miscdev.minor());
        Ok(RustMiscDeviceModule { _miscdev: miscdev })
    }
}

impl Drop for RustMiscDeviceModule {
    fn drop(&mut self) {
        pr_info!("Exiting Rust Misc Device Sample\n");
    }
}

/// What one open of the device holds.
struct Inner {
    value: i32,
    buffer: KVec<u8>,
}

struct RustMiscDevice {
    inner: Mutex<Inner>,
}

#[vtable]
impl MiscDevice for RustMiscDevice {
    type Ptr = Pin<KBox<Self>>;

    fn open(_file: &File, _misc: &MiscDeviceRegistration<Self>) -> Result<Pin<KBox<Self>>> {
        pr_info!("Opening Rust Misc Device Sample\n");
        let inner = new_mutex!(Inner { value: 0, buffer: KVec::new() }, "RustMiscDevice::inner")?;
        Ok(KBox::pin(RustMiscDevice { inner }, GFP_KERNEL)?)
    }

    fn read_iter(mut kiocb: Kiocb<'_, Self::Ptr>, iov: &mut IovIterDest<'_>) -> Result<usize> {
        let me = kiocb.file();
        pr_info!("Reading from Rust Misc Device Sample\n");
        let inner = me.inner.lock();
        // The buffer from the file position on; the position advances.
        iov.simple_read_from_buffer(kiocb.ki_pos_mut(), &inner.buffer)
    }

    fn write_iter(mut kiocb: Kiocb<'_, Self::Ptr>, iov: &mut IovIterSource<'_>) -> Result<usize> {
        let me = kiocb.file();
        pr_info!("Writing to Rust Misc Device Sample\n");
        if iov.len() > *module_parameters::max_size.value() {
            return Err(EINVAL);
        }
        let mut inner = me.inner.lock();
        // Replace the contents; on ENOMEM or EFAULT the buffer is empty.
        inner.buffer.clear();
        let len = iov.copy_from_iter_vec(&mut inner.buffer, GFP_KERNEL)?;
        // Rewind, so that the next read sees the new contents.
        *kiocb.ki_pos_mut() = 0;
        Ok(len)
    }

    fn ioctl(me: Pin<&RustMiscDevice>, _file: &File, cmd: u32, arg: usize) -> Result<isize> {
        pr_info!("IOCTLing Rust Misc Device Sample\n");
        // The argument of the two value commands is a user pointer.
        let arg = UserPtr::from_addr(arg);
        let size = core::mem::size_of::<i32>();
        match cmd {
            RUST_MISC_DEV_GET_VALUE => me.get_value(UserSlice::new(arg, size).writer())?,
            RUST_MISC_DEV_SET_VALUE => me.set_value(UserSlice::new(arg, size).reader())?,
            RUST_MISC_DEV_HELLO => me.hello()?,
            _ if _IOC_TYPE(cmd) == RUST_MISC_DEV_TYPE
                && (_IOC_NR(cmd) == _IOC_NR(RUST_MISC_DEV_GET_VALUE)
                    || _IOC_NR(cmd) == _IOC_NR(RUST_MISC_DEV_SET_VALUE)) =>
            {
                pr_err!("-> IOCTL {:#x}: the argument must be an int\n", cmd);
                return Err(EINVAL);
            }
            _ => {
                pr_err!("-> IOCTL not recognised: {:#x}\n", cmd);
                return Err(ENOTTY);
            }
        };
        Ok(0)
    }
}

impl Drop for RustMiscDevice {
    fn drop(&mut self) {
        pr_info!("Releasing Rust Misc Device Sample\n");
    }
}

impl RustMiscDevice {
    fn set_value(&self, mut reader: UserSliceReader) -> Result<isize> {
        let new_value = reader.read::<i32>()?;
        let mut guard = self.inner.lock();
        pr_info!("-> Copying data from userspace (value: {})\n", new_value);
        guard.value = new_value;
        Ok(0)
    }

    fn get_value(&self, mut writer: UserSliceWriter) -> Result<isize> {
        let guard = self.inner.lock();
        let value = guard.value;
        // Copy to user space without the lock held: a fault may sleep.
        drop(guard);
        pr_info!("-> Copying data to userspace (value: {})\n", value);
        writer.write::<i32>(&value)?;
        Ok(0)
    }

    fn hello(&self) -> Result<isize> {
        pr_info!("-> Hello from the Rust Misc Device\n");
        Ok(0)
    }
}
