#!/bin/sh
# The kernel's own KTAP parser agrees with ksim: `kunit.py parse` and its
# --json, from Debian's linux-source-6.1 (tools/testing/kunit, extracted
# into the build tree at test time), read ksim's output, both the --kunit
# KTAP and the time-stamped kernel log, and give every suite and test case
# the verdict ksim gave it; kunit.py's exit status says failure exactly
# when ksim's does.
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
src=$(tests/kunit/linux-source)
rc=$?
[ $rc = 0 ] || { echo "$src"; exit $rc; }
KUNIT_PY=$src/tools/testing/kunit/kunit.py
[ -f "$KUNIT_PY" ] || fail "$KUNIT_PY missing after extraction"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK" "$OUT" "$ERR"' EXIT

# check NAME STATUS [MODULE...]: the run of the modules (default: tests/kunit/NAME)
# with --kunit and without.
check() {
	name=$1
	want=$2
	shift 2
	[ $# -gt 0 ] || set -- "$KSIM_OBJTREE/tests/kunit/$name/${name}_test.ko"
	set -- "$name" "$want" "$@"
	ksim_expect "$2" --kunit "$3" ${4:+"$4"}
	cp "$OUT" "$WORK/$1.ktap"
	ksim_expect "$2" "$3" ${4:+"$4"}
	cp "$OUT" "$WORK/$1.log"
	for f in "$WORK/$1.ktap" "$WORK/$1.log"; do
		python3 "$KUNIT_PY" parse --json="$f.json" "$f" >"$f.parse" 2>&1
		parse_rc=$?
		if [ "$2" = 0 ]; then
			[ $parse_rc = 0 ] || { cat "$f.parse"; fail "kunit.py parse $f: exit $parse_rc, ksim passed"; }
		else
			[ $parse_rc != 0 ] || { cat "$f.parse"; fail "kunit.py parse $f: exit 0, ksim failed"; }
		fi
		grep -q "Testing complete" "$f.parse" || { cat "$f.parse"; fail "kunit.py did not finish on $f"; }
		! grep -q "ERROR\|CRASHED\|could not find any KTAP" "$f.parse" ||
			{ cat "$f.parse"; fail "kunit.py found errors in $f"; }
		python3 tests/kunit/compare-verdicts.py "$WORK/$1.ktap" "$f.json" ||
			fail "kunit.py disagrees with ksim on $f"
	done
}

check kunit_api 0
check kunit_fails 6
check kunit_harness 1
# Several modules: one document, which the parser reads to the end.
check two_modules 6 "$KSIM_OBJTREE/tests/kunit/kunit_api/kunit_api_test.ko" \
	"$KSIM_OBJTREE/tests/kunit/kunit_fails/kunit_fails_test.ko"
exit 0
