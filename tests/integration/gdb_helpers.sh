#!/bin/sh
# The debugging guide's gdb recipe works: a breakpoint in a module set
# before ksim loads it (pending) is hit in the module's source, and
# ksim-dmesg prints the kernel log from memory.
. "$(dirname "$0")/lib.sh"
command -v gdb >/dev/null || { echo "gdb is not installed"; exit 77; }
[ -z "$KSIM_VALGRIND" ] || { echo "not under valgrind"; exit 77; }
timeout 300 gdb -q -batch -x scripts/gdb/ksim.py -ex 'break minimal_init' -ex run \
	-ex dmesg -ex 'bt 2' -ex kill \
	--args "$KSIM_BIN" "$(sample minimal minimal)" >"$OUT" 2>"$ERR"
expect_out "Breakpoint 1 (minimal_init) pending."
expect_out "hit Breakpoint 1, minimal_init () at drivers/samples/minimal/minimal.c:"
expect_out "Linux version 6.1.0-ksim"
expect_out "ksim_module_init"
exit 0
