#!/bin/sh
# The fuzzing build (make fuzz-build FUZZ_SAN=, the tree make fuzz-smoke
# uses too, so make check builds one instrumented tree, not two): a module
# built with afl-clang-fast passes modpost and the loader's symbol check (the
# coverage runtime's __afl_* / __sanitizer_cov_* symbols come from the
# main binary, as the kernel's modpost lets compiler runtime symbols
# through), binds to the runtime in an instrumented ksim and runs; a plain
# ksim, which has no coverage runtime, refuses it with the symbol's name.
. "$(dirname "$0")/lib.sh"

command -v afl-clang-fast >/dev/null || { echo "skip: afl-clang-fast not found (make deps installs afl++)"; exit 77; }

TREE=build-fuzz/afl
mkdir -p build-fuzz
${MAKE:-make} --no-print-directory fuzz-build FUZZ_SAN= >build-fuzz/fuzz_build-test.log 2>&1 ||
	{ tail -30 build-fuzz/fuzz_build-test.log; fail "make fuzz-build (log build-fuzz/fuzz_build-test.log)"; }
ko=$TREE/drivers/samples/minimal/minimal.ko

# The module really is instrumented: it references the coverage runtime.
nm -u "$ko" >"$OUT"
expect_out "__afl_area_ptr"
expect_out "__sanitizer_cov_trace_pc_guard_init"

# modpost of the plain build accepts the instrumented object.
dir=$(mktemp -d)
trap 'rm -rf "$dir" "$OUT" "$ERR"' EXIT
cp "$TREE/drivers/samples/minimal/minimal.o" "$dir/"
"$KSIM_OBJTREE/build/modpost" -i "$KSIM_OBJTREE/Module.symvers" -o "$dir/Module.symvers" "$dir/minimal.o" \
	>"$OUT" 2>"$ERR" || fail "modpost refused the instrumented module"
[ -s "$dir/minimal.mod.c" ] || fail "modpost wrote no minimal.mod.c"

# The instrumented ksim loads and runs it.  __AFL_DEFER_FORKSRV: outside
# afl-fuzz, keep AFL++'s runtime from starting a fork server (it would
# refuse a module dlopen()ed after it).  use_sigaltstack=0: see
# tests/fuzz/afl-run.sh.
__AFL_DEFER_FORKSRV=1 ASAN_OPTIONS=detect_leaks=0:use_sigaltstack=0 \
	"$TREE/ksim" "$ko" count=2 >"$OUT" 2>"$ERR" || fail "instrumented ksim could not run $ko"
expect_out "minimal: count=2"
expect_out "ksim: ok: 1 module, 0 reports"

# A plain ksim: the loader's check lets the runtime's symbols through to
# dlopen, which names the one it cannot bind.
ksim_expect 2 "$ko"
grep -qE "undefined symbol: (__afl_|__sanitizer_cov_)" "$ERR" || fail "the refusal does not name the coverage symbol"
exit 0
