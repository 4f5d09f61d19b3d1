#!/bin/sh
# The ksim binary itself, with the sample modules, under valgrind memcheck:
# no errors, nothing definitely lost.  (Run by the valgrind group.)
. "$(dirname "$0")/../integration/lib.sh"
if [ -z "$KSIM_VALGRIND" ]; then
	KSIM_VALGRIND="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --suppressions=tests/valgrind.supp"
fi
command -v valgrind >/dev/null || { echo "valgrind is not installed"; exit 77; }

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
# A report path under valgrind too: the leak report itself must be clean.
ksim_expect 1 "$(mod leaky leaky)"
expect_out "unreferenced object"
# Rust modules' leak and panic reports too, when the toolchain built them.
if [ -f "$(mod rust_faults rust_leak)" ]; then
	ksim_expect 1 "$(mod rust_faults rust_leak)"
	expect_out "rust_leak::leak_a_box"
	ksim_expect 3 "$(mod rust_faults rust_panic)"
	expect_out "rust_panic::read_element"
fi
exit 0
