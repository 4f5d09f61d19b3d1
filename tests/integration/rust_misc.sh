#!/bin/sh
# The Rust misc device sample (drivers/samples/rust/rust_misc_device.rs)
# driven from the user side with --exec: open, write, read, ioctl and
# release run as Rust methods; every Rust Err is the errno the process sees;
# each open's state is released, nothing leaks, nothing is reported; the
# same on the deterministic backend (and the same trace for the same seed);
# failslab makes init and open fail with ENOMEM, cleanly; a user copy
# under a SpinLock (tests/modules/rust_faults/rust_misc_atomic) is reported.
# The multi-call cases on one open file (state kept between calls, EFAULT
# from bad user pointers) are tests/host/test_rust_misc_device.c.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rust.lib"
rust_require_samples
MISC=$(sample rust rust_misc_device)
[ -f "$MISC" ] || fail "$MISC was not built"
DEV=/dev/rust-misc-device

# Every operation once; each command is a new process, so a new open.
script="ls; ioctl $DEV 0x7c80; expect 0;
	ioctl $DEV 0x80047c81; expect 0;
	ioctl $DEV 0x40047c82 7; expect 0;
	echo hello > $DEV; cat -n $DEV; expect ''"
ksim_expect 0 "$MISC" --exec="$script"
expect_out "rust_misc_device: Initialising Rust Misc Device Sample"
expect_out "rust_misc_device: /dev/rust-misc-device: misc minor 127"
expect_out "$DEV"
expect_out "rust_misc_device: -> Hello from the Rust Misc Device"
expect_out "rust_misc_device: -> Copying data to userspace (value: 0)"
expect_out "rust_misc_device: -> Copying data from userspace (value: 7)"
expect_out "rust_misc_device: Writing to Rust Misc Device Sample"
expect_out "rust_misc_device: Reading from Rust Misc Device Sample"
expect_out "rust_misc_device: Exiting Rust Misc Device Sample"
expect_out "ksim: ok: 1 module, 0 reports"
opens=$(count_out "Opening Rust Misc Device Sample")
releases=$(count_out "Releasing Rust Misc Device Sample")
[ "$opens" = 5 ] || fail "$opens opens, expected 5"
[ "$releases" = "$opens" ] || fail "$opens opens but $releases releases"

# Error paths: the driver's Err(EINVAL)/Err(ENOTTY) are the process's errno.
ksim_expect 0 "$MISC" max_size=4 --exec="fails EINVAL echo hello > $DEV;
	echo abc > $DEV;
	fails EINVAL ioctl $DEV 0x40027c82 1;
	fails ENOTTY ioctl $DEV 0x7c99"
expect_out "rust_misc_device: -> IOCTL 0x40027c82: the argument must be an int"
expect_out "rust_misc_device: -> IOCTL not recognised: 0x7c99"
expect_out "ksim: ok: 1 module, 0 reports"
# ... and an unmet expectation is a failed user command (exit 7).
ksim_expect 7 "$MISC" --exec="ioctl $DEV 0x7c99"
expect_err "ioctl: Inappropriate ioctl for device (ENOTTY)"

# The ready-made config with a [user] section.
ksim_expect 0 -c configs/rust_misc_device.ini
expect_out "rust_misc_device: -> Copying data from userspace (value: 7)"
expect_out "ksim: ok: 1 module, 0 reports"

# modinfo shows the parameter.
ksim_expect 0 modinfo "$MISC"
expect_out "parm:           max_size:Largest write the device accepts, in bytes (usize)"

# The deterministic backend: the same run, and the same trace for a seed.
ksim_expect 0 --backend=det --seed=5 "$MISC" --exec="$script"
expect_out "rust_misc_device: -> Copying data from userspace (value: 7)"
expect_out "ksim: ok: 1 module, 0 reports"
trace=$(sed -n 's/^ksim: seed 5, trace //p' "$OUT")
[ -n "$trace" ] || fail "no trace hash on the det backend"
ksim_expect 0 --backend=det --seed=5 "$MISC" --exec="$script"
expect_out "ksim: seed 5, trace $trace"

# failslab: the registration's allocation fails -> init returns ENOMEM
# (exit 4); an open's allocation fails -> that open(2) is ENOMEM; no leak.
ksim_expect 4 --failslab=probability=100,module=rust_misc_device "$MISC"
expect_err "Cannot allocate memory"
expect_no_out "misc minor"
expect_no_out "unreferenced object"
ksim_expect 0 --failslab=probability=100,module=rust_misc_device,after=1 "$MISC" \
	--exec="fails ENOMEM ioctl $DEV 0x7c80; ioctl $DEV 0x7c80; expect 0"
expect_out "ksim: ok: 1 module, 0 reports"

# A planted bug: a user copy under a SpinLock is reported at the Rust
# function that made it (the copy itself still succeeds).
ATOMIC=$(mod rust_faults rust_misc_atomic)
ksim_expect 1 "$ATOMIC" --exec='ioctl /dev/rust-misc-atomic 0x80047c81; expect 42'
expect_out "BUG: sleeping function called from invalid context"
expect_out "kernel::uaccess::UserSliceWriter::write_slice+"
expect_out "rust_misc_atomic::copy_value_locked+"
expect_out "<rust_misc_atomic::Dev as kernel::miscdevice::MiscDevice>::ioctl+"
expect_out "1 report (1 sleep in atomic)"
ksim_expect 0 "$ATOMIC" locked=0 --exec='ioctl /dev/rust-misc-atomic 0x80047c81; expect 42'
expect_out "ksim: ok: 1 module, 0 reports"
exit 0
