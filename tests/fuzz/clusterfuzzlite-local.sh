#!/bin/sh
# tests/fuzz/clusterfuzzlite-local.sh - run .clusterfuzzlite/build.sh here,
# as ClusterFuzzLite/OSS-Fuzz would with the libFuzzer engine and ASan,
# then run each built target from $OUT (modules found beside it, with
# KSIM_FUZZ_OBJTREE unset and the object tree moved away) for a few seconds.
#
#   tests/fuzz/clusterfuzzlite-local.sh [SECONDS]     (default 10 per target)
#
# Not part of make check (it is a whole build); exit 0 pass, 1 fail, 77 skip.
set -u
cd "$(dirname "$0")/../.." || exit 1
secs=${1:-10}
command -v clang >/dev/null || { echo "skip: clang not found (make deps installs it)"; exit 77; }

OUT=$(mktemp -d /tmp/ksim-cflout.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
export CC=clang OUT SRC=$(cd .. && pwd)
export CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link"
export LIB_FUZZING_ENGINE=-fsanitize=fuzzer
if ! .clusterfuzzlite/build.sh >build-fuzz/cfl-build.log 2>&1; then
	tail -30 build-fuzz/cfl-build.log
	echo "FAIL: .clusterfuzzlite/build.sh (log build-fuzz/cfl-build.log)"
	exit 1
fi
ls "$OUT"
# The object tree out of the way: the targets must use what is in $OUT.
mv build-fuzz/cfl build-fuzz/cfl.moved
trap 'mv build-fuzz/cfl.moved build-fuzz/cfl; rm -rf "$OUT"' EXIT
unset KSIM_FUZZ_OBJTREE
failed=0 n=0
for bin in "$OUT"/*; do
	[ -f "$bin" ] && [ -x "$bin" ] || continue
	t=$(basename "$bin")
	mkdir -p "$OUT/corpus-$t"
	if ASAN_OPTIONS=detect_leaks=0:use_sigaltstack=0 "$bin" -seed=1 -max_total_time="$secs" \
		-print_final_stats=1 "$OUT/corpus-$t" >"$OUT/$t.log" 2>&1; then
		echo "ok    $t: $(grep -c . "$OUT/$t.log") log lines, $(sed -n 's/^stat::number_of_executed_units: *//p' "$OUT/$t.log") executions, $(sed -n 's/^stat::average_exec_per_sec: *//p' "$OUT/$t.log") exec/s"
		n=$((n + 1))
	else
		tail -20 "$OUT/$t.log"
		echo "FAIL  $t (from $OUT, object tree moved away)"
		failed=1
	fi
done
[ $n -gt 0 ] || [ $failed = 1 ] || { echo "FAIL: build.sh put no target in \$OUT"; failed=1; }
exit $failed
