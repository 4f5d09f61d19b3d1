#!/bin/sh
# tests/fuzz/smoke.sh - short AFL++ campaigns with fixed seeds on every target.
#
#   tests/fuzz/smoke.sh [TARGET...]     (default: every tests/fuzz/<target>.c)
#
# `make fuzz-smoke`, and make check's fuzz group.  Builds the instrumented
# tree without sanitizers (make fuzz-build FUZZ_SAN=), then per target one afl-fuzz run with -s 1:
#   - it must start, run, and find new paths (corpus_found > 0);
#   - it must not crash: a crash of a real target is a bug (its report is
#     printed; keep the input in tests/fuzz/corpus/<target>/ once fixed);
#   - `planted` (the planted-bug driver) must crash, within 60 s: the
#     shallowest planted bug is found.
# Exit 0 pass, 1 fail, 77 skip (AFL++ or clang missing: make deps).
set -u
cd "$(dirname "$0")/../.." || exit 1

SMOKE_TIME=${KSIM_FUZZ_SMOKE_TIME:-15}
PLANTED_TIME=60
# Without ASan/UBSan (make fuzz-build FUZZ_SAN=): ~20 times the executions
# per second of the sanitized tree here, and the planted bugs are ksim's
# own reports (slab redzones, leaks, DMA-API...), which need no sanitizer.
TREE=build-fuzz/afl
OUT=build-fuzz/smoke

for tool in afl-fuzz afl-clang-fast; do
	if ! command -v $tool >/dev/null; then
		echo "skip: $tool not found (make deps installs afl++)"
		exit 77
	fi
done

if [ $# = 0 ]; then
	set -- $(ls tests/fuzz/*.c | sed -n 's|tests/fuzz/\(.*\)\.c|\1|p' |
		grep -vxE 'fuzz_input|fuzz_machine|fuzz_nvme|replay')
fi

mkdir -p "$OUT"
if ! ${MAKE:-make} --no-print-directory fuzz-build FUZZ_SAN= >"$OUT/build.log" 2>&1; then
	tail -30 "$OUT/build.log"
	echo "FAIL: make fuzz-build FUZZ_SAN= (log: $OUT/build.log)"
	exit 1
fi

# stat FILE KEY: one value of afl-fuzz's fuzzer_stats
stat() { sed -n "s/^$2 *: *//p" "$1" | head -1; }

failed=0
for t in "$@"; do
	time=$SMOKE_TIME
	[ "$t" = planted ] && time=$PLANTED_TIME
	out=$OUT/$t
	# planted: stop at the first crash.  All: calibrate fast.
	until_crash=
	[ "$t" = planted ] && until_crash=AFL_BENCH_UNTIL_CRASH=1
	env AFL_FAST_CAL=1 $until_crash tests/fuzz/afl-run.sh --tree "$TREE" --out "$out" --fresh --seed 1 --time "$time" "$t" \
		>"$OUT/$t.log" 2>&1
	rc=$?
	stats=$out/main/fuzzer_stats
	if [ $rc != 0 ] || [ ! -f "$stats" ]; then
		tail -20 "$OUT/$t.log"
		echo "FAIL  $t: afl-fuzz did not run (exit $rc, log $OUT/$t.log)"
		failed=1
		continue
	fi
	execs=$(stat "$stats" execs_done)
	found=$(stat "$stats" corpus_found)
	crashes=$(stat "$stats" saved_crashes)
	speed=$(stat "$stats" execs_per_sec)
	stability=$(stat "$stats" stability)
	summary="$execs execs ($speed/s), $found new paths, $crashes crashes, stability $stability"
	if [ "$t" = planted ]; then
		if [ "${crashes:-0}" -gt 0 ]; then
			first=$(( $(stat "$stats" last_crash) - $(stat "$stats" start_time) ))
			echo "ok    $t: planted bug found after ${first}s; $summary"
			head -3 "$out"/reports/*.txt 2>/dev/null | head -8
		else
			echo "FAIL  $t: no planted bug found in ${PLANTED_TIME}s; $summary"
			failed=1
		fi
		continue
	fi
	if [ "${crashes:-0}" -gt 0 ]; then
		echo "FAIL  $t: $crashes crash(es): a bug; inputs in $out/main/crashes/, reports:"
		cat "$out"/reports/*.txt 2>/dev/null | head -40
		failed=1
	elif [ "${execs:-0}" -eq 0 ] || [ "${found:-0}" -eq 0 ]; then
		echo "FAIL  $t: no new path found; $summary"
		failed=1
	else
		echo "ok    $t: $summary"
	fi
done
exit $failed
