#!/bin/sh
# Kbuild's reflexes for an external module, with KDIR pointing at ksim:
# `make -C <ksim> M=$PWD modules` builds it, `... clean` removes that
# directory's products and nothing of ksim's own build, `... modules_install`
# installs under INSTALL_MOD_PATH; a standard out-of-tree Makefile (the
# KERNELRELEASE guard, $(MAKE) -C $(KDIR) M=$(PWD) modules) drives all three.
. "$(dirname "$0")/lib.sh"
T=$(mktemp -d)
trap 'rm -rf "$T" "$OUT" "$ERR"' EXIT
SANV=${SAN:-}
objdir() {
	if [ -n "$SANV" ]; then echo "$KSIM_OBJTREE/$1"; else echo "$1"; fi
}

mkdir -p "$T/oot"
cat >"$T/oot/Makefile" <<'MK'
ifneq ($(KERNELRELEASE),)
obj-m := habit.o
else
KDIR ?= /lib/modules/$(shell uname -r)/build
PWD := $(shell pwd)
all:
	$(MAKE) -C $(KDIR) M=$(PWD) modules
clean:
	$(MAKE) -C $(KDIR) M=$(PWD) clean
install:
	$(MAKE) -C $(KDIR) M=$(PWD) modules_install
endif
MK
cat >"$T/oot/habit.c" <<'C'
#include <linux/module.h>
static int __init habit_init(void) { pr_info("habit: loaded\n"); return 0; }
static void __exit habit_exit(void) { }
module_init(habit_init);
module_exit(habit_exit);
MODULE_LICENSE("GPL");
C
ko=$(objdir "$T/oot")/habit.ko
stamp=$(stat -c %Y "$KSIM_BIN")

make --no-print-directory -C "$T/oot" KDIR="$KSIM_SRC" SAN="$SANV" >"$OUT" 2>"$ERR" ||
	fail "the standard out-of-tree Makefile did not build"
[ -f "$ko" ] || fail "no $ko after make"
ksim_expect 0 "$ko"
expect_out "habit: loaded"

# The direct form, as Kbuild documents it.
rm -f "$ko"
make --no-print-directory -C "$KSIM_SRC" SAN="$SANV" M="$T/oot" modules >"$OUT" 2>"$ERR" ||
	fail "make -C ksim M=dir modules failed"
[ -f "$ko" ] || fail "make -C ksim M=dir modules built nothing"

make --no-print-directory -C "$T/oot" KDIR="$KSIM_SRC" SAN="$SANV" install \
	INSTALL_MOD_PATH="$T/root" >"$OUT" 2>"$ERR" || fail "modules_install failed"
[ -f "$T/root/lib/modules/6.1.0-ksim/updates/habit.ko" ] ||
	fail "modules_install did not install under INSTALL_MOD_PATH/lib/modules/6.1.0-ksim/updates"

make --no-print-directory -C "$T/oot" KDIR="$KSIM_SRC" SAN="$SANV" clean >"$OUT" 2>"$ERR" ||
	fail "make clean failed"
[ ! -f "$ko" ] || fail "clean left $ko"
[ -f "$T/oot/habit.c" ] || fail "clean removed the source"
[ -x "$KSIM_BIN" ] || fail "clean M=dir removed ksim itself"
[ -d "$KSIM_OBJTREE/build" ] || fail "clean M=dir removed ksim's build tree"
[ "$(stat -c %Y "$KSIM_BIN")" = "$stamp" ] || fail "ksim was rebuilt or touched"
exit 0
