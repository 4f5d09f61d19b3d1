#!/bin/sh
# A crash input found by fuzzing replays under gdb: the same report, and gdb
# stops at the finding's abort() with the driver's frames on the stack (the
# planted target's first bug: a device-reported count used as an index).
. "$(dirname "$0")/lib.sh"
# Under SAN, ASan stops a planted overflow at the write with its own
# report, before ksim's slab checks: the texts below are the plain build's.
[ -n "${SAN:-}" ] && { echo "SKIP: SAN=${SAN:-}: the expected report texts are the plain build's (ASan reports the planted bugs in its own words)"; exit 77; }

FUZZ="$KSIM_OBJTREE/build/fuzz/planted"
CRASH="$KSIM_SRC/tests/fuzz/planted/crashes/1-channel-count"
command -v gdb >/dev/null || { echo "SKIP: gdb is not installed"; exit 77; }
[ -x "$FUZZ" ] || { echo "SKIP: $FUZZ is not built"; exit 77; }
[ -n "$KSIM_VALGRIND" ] && { echo "SKIP: gdb and valgrind do not nest"; exit 77; }
trap 'rm -f "$OUT" "$ERR"' EXIT
unset KSIM_FUZZ_MODULES KSIM_FUZZ_CONSOLE

timeout 300 gdb -nx -batch -ex run -ex bt --args "$FUZZ" "$CRASH" >"$OUT" 2>&1
expect_out "ksim-fuzz: finding:"
expect_out "Right Redzone overwritten"
expect_out "SIGABRT"
expect_out "fuzz_finding"
expect_out "LLVMFuzzerTestOneInput"
# ... and twice in one process the run is the same (nothing leaks between executions).
KSIM_FUZZ_CHECK=1 "$KSIM_OBJTREE/build/fuzz/nvme-device" "$KSIM_SRC/tests/fuzz/corpus/nvme-device" \
	>"$OUT" 2>"$ERR" || { cat "$ERR"; fail "nvme-device corpus: the second run of an input differed"; }
expect_out "no finding"
exit 0
