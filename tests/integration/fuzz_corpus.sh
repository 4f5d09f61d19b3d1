#!/bin/sh
# Every regression corpus tests/fuzz/corpus/<target>/ replays with the
# plain build/fuzz/<target> (no instrumentation): no finding, no crash.
. "$(dirname "$0")/lib.sh"

n=0
for dir in tests/fuzz/corpus/*/; do
	[ -d "$dir" ] || continue
	t=$(basename "$dir")
	bin=$KSIM_OBJTREE/build/fuzz/$t
	[ -x "$bin" ] || fail "corpus $dir: no target $bin (tests/fuzz/$t.c missing?)"
	# Without valgrind every input runs twice: the second run must match the first.
	# (Not under SAN either: there the second run's backtraces of a kept
	# module come out unsymbolized, so the logs differ; the traces match.)
	check=1
	[ -n "$KSIM_VALGRIND" ] || [ -n "${SAN:-}" ] && check=0
	KSIM_FUZZ_CHECK=$check $KSIM_VALGRIND "$bin" "$dir" >"$OUT" 2>"$ERR" ||
		fail "$bin $dir: exit $?: a finding, a broken input or a second run that differed"
	expect_out "no finding"
	n=$((n + 1))
done
[ $n -gt 0 ] || { echo "skip: no corpus in tests/fuzz/corpus/"; exit 77; }
exit 0
