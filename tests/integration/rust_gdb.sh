#!/bin/sh
# gdb on a Rust module: a breakpoint by Rust path (set before the module
# is loaded), its arguments, the Rust frames of the backtrace and their
# source lines; a breakpoint by file:line in a sample.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/rust.lib"
rust_require_samples
command -v gdb >/dev/null || { echo "gdb is not installed"; exit 77; }
# gdb runs the program itself; valgrind would be in the way.
gdbrun() {
	timeout 300 gdb -q -batch -nx -ex 'set breakpoint pending on' \
		-ex 'set debuginfod enabled off' "$@" >"$OUT" 2>"$ERR"
}

gdbrun -ex 'break rust_panic::read_element' -ex run -ex 'bt 6' -ex kill \
	--args "$KSIM_BIN" "$(mod rust_faults rust_panic)" index=4
expect_out "hit Breakpoint 1, "
# (the sanitized build may stop in code inlined at the function's start)
expect_out "rust_panic::read_element (numbers="
expect_out "index=4) at tests/modules/rust_faults/rust_panic.rs:"
expect_out "in rust_panic::{impl#0}::init"
expect_out "in rust_panic::init_module () at rust/kernel/macros.rs:"

gdbrun -ex 'break rust_minimal.rs:40' -ex run -ex 'print numbers.len' -ex kill \
	--args "$KSIM_BIN" "$(sample rust rust_minimal)"
expect_out "hit Breakpoint 1, rust_minimal::{impl#0}::init"
expect_out "\$1 = 3"
exit 0
