#!/bin/sh
# The ksim binary itself, with the sample modules, under valgrind memcheck:
# no errors, nothing definitely lost.  (Run by the valgrind group.)
. "$(dirname "$0")/../integration/lib.sh"
if [ -z "$KSIM_VALGRIND" ]; then
	KSIM_VALGRIND="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --suppressions=tests/valgrind.supp"
fi
command -v valgrind >/dev/null || { echo "valgrind is not installed"; exit 77; }
kunit_mod() { echo "$KSIM_OBJTREE/tests/kunit/$1/$1_test.ko"; }

ksim_expect 0 -c configs/default.ini
expect_out "ksim: ok"
for m in drivers/samples/*/; do
	name=$(basename "$m")
	for ko in "$KSIM_OBJTREE/$m"*.ko; do
		[ -f "$ko" ] || continue
		ksim_expect 0 "$ko"
		expect_out "ksim: ok"
	done
done
# The deterministic backend under memcheck: clean, and the same run (the
# same trace hash) as without valgrind; a deadlock report too.
det_mods="$(sample kthread sample_kthread) $(sample workqueue sample_workqueue)"
# shellcheck disable=SC2086
native=$("$KSIM_BIN" --backend=det --seed=3 $det_mods 2>&1 | sed -n 's/^ksim: seed 3, trace //p')
# shellcheck disable=SC2086
ksim_expect 0 --backend=det --seed=3 $det_mods
expect_out "ksim: seed 3, trace $native"
ksim_expect 1 --backend=det --seed=1 "$(mod hang_mutex hang_mutex)"
expect_out "is waiting for mutex hang_lock"
# Tasks as fibers on one thread (registered stacks): clean, the same run again.
# shellcheck disable=SC2086
ksim_expect 0 --backend=det --det-tasks=fibers --seed=3 $det_mods
expect_out "ksim: seed 3, trace $native"
ksim_expect 1 --backend=det --det-tasks=fibers --seed=1 "$(mod hang_mutex hang_mutex)"
expect_out "is waiting for mutex hang_lock"
# KUnit: the try-catch unwinding (longjmp out of a failed assertion) and
# the per-case checks, passing and failing.
for ko in "$KSIM_OBJTREE"/tests/kunit/lib/*.ko "$(kunit_mod kunit_api)"; do
	ksim_expect 0 --kunit "$ko"
done
ksim_expect 6 --kunit "$(kunit_mod kunit_fails)"
ksim_expect 1 --kunit "$(kunit_mod kunit_harness)"
# The user side: processes, a background reader, poll, ioctl (sim/user_exec.c).
ksim_expect 0 -c configs/miscfifo.ini
expect_out "two words"
# A report path under valgrind too: the leak report itself must be clean.
ksim_expect 1 "$(mod leaky leaky)"
expect_out "unreferenced object"

# The users' wrapper: ksim's suppressions by default, a clean run is 0, a
# memcheck error is 99, and a frame in __init code has its file:line (the
# .ko keeps __init code in .text, where valgrind reads line numbers).
KSIM_BIN="$KSIM_BIN" scripts/ksim-valgrind -- "$(sample minimal minimal)" >"$OUT" 2>"$ERR"
[ $? = 0 ] || fail "ksim-valgrind on the minimal sample"
KSIM_BIN="$KSIM_BIN" scripts/ksim-valgrind -- "$(mod slab_debug slab_oob)" where=left >"$OUT" 2>"$ERR"
[ $? = 99 ] || fail "ksim-valgrind did not turn the planted write into exit 99"
expect_err "Invalid write of size 1"
expect_err "(slab_oob.c:"
# Rust modules' leak and panic reports too, when the toolchain built them.
if [ -f "$(mod rust_faults rust_leak)" ]; then
	ksim_expect 1 "$(mod rust_faults rust_leak)"
	expect_out "rust_leak::leak_a_box"
	ksim_expect 3 "$(mod rust_faults rust_panic)"
	expect_out "rust_panic::read_element"
	# The Rust misc device's file operations, user copies and errors.
	ksim_expect 0 "$(sample rust rust_misc_device)" max_size=4 --exec='echo abc > /dev/rust-misc-device;
		cat -n /dev/rust-misc-device; ioctl /dev/rust-misc-device 0x40047c82 7;
		fails EINVAL echo hello > /dev/rust-misc-device'
	expect_out "ksim: ok: 1 module, 0 reports"
fi
exit 0
