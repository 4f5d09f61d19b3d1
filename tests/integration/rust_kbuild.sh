#!/bin/sh
# Rust modules out of tree, Kbuild style:
#  - Linux 6.1's own samples/rust/rust_minimal.rs, read from Debian's
#    linux-source-6.1 at test time (never kept in the tree), builds
#    unmodified with `obj-m := rust_minimal.o` and `make M=`, and prints
#    what our 6.1-form sample prints (skipped when the package is missing);
#  - an out-of-tree module with the usual KERNELRELEASE Makefile, in
#    mainline's spelling, builds against the already-built kernel crate
#    (not rebuilt) and loads;
#  - a Rust compile error fails the build with rustc's message.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rust.lib"
rust_require_samples
T=$(mktemp -d)
trap 'rm -rf "$T" "$OUT" "$ERR"' EXIT
SANV=${SAN:-}
kbuild() {
	make --no-print-directory -C "$KSIM_SRC" SAN="$SANV" M="$1" >"$OUT" 2>"$ERR"
}
built() {
	if [ -n "$SANV" ]; then echo "$KSIM_OBJTREE/$1"; else echo "$1"; fi
}
# log lines without timestamps and module prefix
lines() { sed -n "s/^\[ *[0-9.]*\] $1: //p" "$OUT"; }

# 1. An out-of-tree module, mainline spelling, Makefile with the guard.
mkdir -p "$T/greeter"
cat >"$T/greeter/Makefile" <<'MK'
ifneq ($(KERNELRELEASE),)
obj-m := greeter.o
else
all:
	$(MAKE) -C $(KSIM) M=$(PWD)
endif
MK
cat >"$T/greeter/greeter.rs" <<'RS'
use kernel::prelude::*;

module! {
    type: Greeter,
    name: "greeter",
    authors: ["a newcomer"],
    description: "says hello",
    license: "GPL",
    params: {
        times: u32 { default: 2, description: "how many greetings" },
    },
}

struct Greeter(KBox<u32>);

impl kernel::Module for Greeter {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let n = *module_parameters::times.value();
        for i in 0..n {
            pr_info!("hello #{}\n", i + 1);
        }
        Ok(Greeter(KBox::new(n, GFP_KERNEL)?))
    }
}

impl Drop for Greeter {
    fn drop(&mut self) {
        pr_info!("goodbye after {}\n", *self.0);
    }
}
RS
rlib="$KSIM_OBJTREE/build/rust/libkernel.rlib"
before=$(stat -c %Y "$rlib")
kbuild "$T/greeter" || fail "make M= of an out-of-tree Rust module failed"
expect_out "RUSTC [M]"
[ "$(stat -c %Y "$rlib")" = "$before" ] || fail "the kernel crate was rebuilt for an external module"
ksim_expect 0 "$(built "$T/greeter/greeter.ko")" times=3
expect_out "greeter: hello #3"
expect_out "greeter: goodbye after 3"
expect_out "ksim: ok: 1 module, 0 reports"

# 2. A compile error is rustc's, and the build fails.
mkdir -p "$T/broken"
echo 'obj-m := broken.o' >"$T/broken/Kbuild"
printf 'use kernel::prelude::*;\nfn f() -> u32 { "not a number" }\n' >"$T/broken/broken.rs"
kbuild "$T/broken" && fail "a Rust module with a type error built"
expect_err "mismatched types"

# 2b. #[vtable]: a misc device with only `open` has only open and release
# in its C table, so the VFS answers for the rest as for C (EINVAL for
# read and write, ENOTTY for ioctl); an impl without #[vtable] is refused.
mkdir -p "$T/openonly"
echo 'obj-m := openonly.o' >"$T/openonly/Kbuild"
cat >"$T/openonly/openonly.rs" <<'RS'
use kernel::fs::File;
use kernel::miscdevice::{MiscDevice, MiscDeviceOptions, MiscDeviceRegistration};
use kernel::prelude::*;
use kernel::sync::Arc;

module! {
    type: OpenOnly,
    name: "openonly",
    license: "GPL",
}

struct OpenOnly {
    _dev: Pin<KBox<MiscDeviceRegistration<Dev>>>,
}

impl kernel::Module for OpenOnly {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let options = MiscDeviceOptions { name: c_str!("openonly") };
        Ok(OpenOnly { _dev: MiscDeviceRegistration::register(options)? })
    }
}

// Per-open state in an Arc this time (ForeignOwnable for Arc).
struct Dev {
    accmode: u32,
}

#[vtable]
impl MiscDevice for Dev {
    type Ptr = Arc<Self>;

    fn open(file: &File, _misc: &MiscDeviceRegistration<Self>) -> Result<Arc<Self>> {
        let accmode = file.flags() & kernel::fs::flags::O_ACCMODE;
        pr_info!("opened, access mode {}\n", accmode);
        Ok(Arc::new(Dev { accmode }, GFP_KERNEL)?)
    }

    fn release(device: Arc<Self>, _file: &File) {
        pr_info!("released, access mode {}\n", device.accmode);
    }
}
RS
kbuild "$T/openonly" || fail "make M= of a #[vtable] misc device failed"
ksim_expect 0 "$(built "$T/openonly/openonly.ko")" --exec='fails EINVAL cat /dev/openonly;
	fails EINVAL echo x > /dev/openonly; fails ENOTTY ioctl /dev/openonly 0x1234'
expect_out "openonly: opened, access mode 0"
expect_out "openonly: released, access mode 1"
expect_out "ksim: ok: 1 module, 0 reports"
sed -i 's/^#\[vtable\]$//' "$T/openonly/openonly.rs"
kbuild "$T/openonly" && fail "an impl of MiscDevice without #[vtable] built"
expect_err "missing: \`USE_VTABLE_ATTR\`"

# 3. Linux 6.1's sample, unmodified.
TARBALL=/usr/src/linux-source-6.1.tar.xz
if [ ! -f "$TARBALL" ]; then
	echo "linux-source-6.1 is not installed: the upstream 6.1 sample was not tried"
	exit 77
fi
mkdir -p "$T/upstream"
tar -xJf "$TARBALL" -C "$T/upstream" --strip-components=3 \
	linux-source-6.1/samples/rust/rust_minimal.rs || fail "cannot extract the 6.1 sample"
echo 'obj-m := rust_minimal.o' >"$T/upstream/Kbuild"
kbuild "$T/upstream" || fail "Linux 6.1's samples/rust/rust_minimal.rs did not build unmodified"
ksim_expect 0 "$(built "$T/upstream/rust_minimal.ko")"
lines rust_minimal >"$T/upstream.log"
expect_out "ksim: ok: 1 module, 0 reports"
ksim_expect 0 modinfo "$(built "$T/upstream/rust_minimal.ko")"
expect_out "author:         Rust for Linux Contributors"
expect_out "license:        GPL"
ksim_expect 0 "$(sample rust rust_minimal_v61)"
lines rust_minimal_v61 >"$T/ours.log"
[ -s "$T/ours.log" ] || fail "no output from our 6.1-form sample"
diff -u "$T/upstream.log" "$T/ours.log" >"$ERR" || fail "6.1 upstream sample and ours print different lines"
exit 0
