#!/bin/sh
# ksim's own KUnit suites (tests/kunit/lib: the shim's lib/ behaviour,
# formerly Criterion suites) and the KUnit sample: each module's suites
# run with `ksim --kunit`, exit 0, and every case passes.
. "$(dirname "$0")/lib.sh"

n=0
for ko in "$KSIM_OBJTREE"/tests/kunit/lib/*.ko "$KSIM_OBJTREE"/drivers/samples/kunit/*.ko; do
	[ -f "$ko" ] || fail "no module at $ko (is the tree built?)"
	ksim_expect 0 --kunit "$ko"
	[ "$(head -n1 "$OUT")" = "KTAP version 1" ] || fail "$ko: no KTAP header"
	! grep -q "not ok" "$OUT" || fail "$ko: a case failed"
	grep -q "^ok 1 " "$OUT" || fail "$ko: no suite result"
	n=$((n + 1))
done
[ $n -ge 4 ] || fail "expected at least 4 KUnit modules, ran $n"
echo "$n KUnit modules passed"
exit 0
