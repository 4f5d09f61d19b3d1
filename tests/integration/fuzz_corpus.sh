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
	$KSIM_VALGRIND "$bin" "$dir" >"$OUT" 2>"$ERR" || fail "$bin $dir: exit $?: a finding or a broken input"
	expect_out "no finding"
	n=$((n + 1))
done
[ $n -gt 0 ] || { echo "skip: no corpus in tests/fuzz/corpus/"; exit 77; }
exit 0
