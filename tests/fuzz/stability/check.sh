#!/bin/sh
# tests/fuzz/stability/check.sh - the fuzz targets cover the same edges
# every time they run the same input in one process (AFL++ stability 100%).
#
#   tests/fuzz/stability/check.sh [TARGET...]   (default: every target)
#
# `make fuzz-stability`, and make check's fuzz group.  Builds the targets
# with clang's trace-pc-guard and ASan+UBSan, as the fuzzing build has
# them (make fuzz-build FUZZ_ENGINE=stability; ASan's quarantine moves
# heap objects from one execution to the next, so code that branches on
# where an object lies shows up), then runs each target's regression corpus
# tests/fuzz/corpus/<target>/ three times over in one process
# (tests/fuzz/stability/main.c): an edge whose hit count, in AFL++'s
# buckets, differs from the input's first run fails the test and is printed
# with its source line.  The corpora hold an input for each cause found so
# far (stability-* files).
# KSIM_STABILITY_SAN=  builds without sanitizers (faster to build).
# Exit 0 pass, 1 fail, 77 skip (clang missing: make deps).
set -u
cd "$(dirname "$0")/../../.." || exit 1

if ! command -v clang >/dev/null; then
	echo "skip: clang not found (make deps installs it)"
	exit 77
fi
SAN=${KSIM_STABILITY_SAN-address,undefined}
TREE=build-fuzz/stability$(if [ -n "$SAN" ]; then echo "-$SAN" | tr , -; fi)
LOG=build-fuzz/stability-check
mkdir -p "$LOG"

if [ $# = 0 ]; then
	set -- $(ls tests/fuzz/*.c | sed -n 's|tests/fuzz/\(.*\)\.c|\1|p' |
		grep -vxE 'fuzz_input|fuzz_machine|fuzz_nvme|replay')
fi

if ! ${MAKE:-make} --no-print-directory fuzz-build FUZZ_ENGINE=stability FUZZ_SAN="$SAN" \
		>"$LOG/build.log" 2>&1; then
	tail -30 "$LOG/build.log"
	echo "FAIL: make fuzz-build FUZZ_ENGINE=stability FUZZ_SAN=$SAN (log: $LOG/build.log)"
	exit 1
fi

failed=0
for t in "$@"; do
	bin=$TREE/build/fuzz/$t
	corpus=tests/fuzz/corpus/$t
	if [ ! -d "$corpus" ] || [ -z "$(ls -A "$corpus")" ]; then
		echo "FAIL  $t: no regression corpus in $corpus"
		failed=1
		continue
	fi
	# LeakSanitizer at exit is the corpus replay's business, not this test's.
	ASAN_OPTIONS=detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS} \
		"$bin" -n 3 "$corpus" >"$LOG/$t.out" 2>"$LOG/$t.err"
	rc=$?
	summary=$(grep '^stability: .* input(s)' "$LOG/$t.out")
	case $rc in
	0) echo "ok    $t: $summary" ;;
	1)
		grep -v '^stability: .* input(s)' "$LOG/$t.out" | head -40
		echo "FAIL  $t: $summary"
		failed=1
		;;
	*)
		tail -20 "$LOG/$t.err"
		echo "FAIL  $t: the stability run exited $rc (log: $LOG/$t.err)"
		failed=1
		;;
	esac
done
exit $failed
