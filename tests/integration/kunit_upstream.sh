#!/bin/sh
# Upstream Linux 6.1 KUnit suites, unmodified: every file listed in
# tests/kunit/upstream-suites.txt is taken from Debian's linux-source-6.1
# at test time, built with `make M=` against the shim, and run with
# `ksim --kunit`.  "pass" entries must build and pass (and kunit.py must
# agree); "missing" entries are expected not to build yet (their missing
# APIs are listed) but must pass if they do build.  Prints a table.
. "$(dirname "$0")/lib.sh"

src=$(tests/kunit/linux-source)
rc=$?
[ $rc = 0 ] || { echo "$src"; exit $rc; }
KUNIT_PY=$src/tools/testing/kunit/kunit.py
WORK=$KSIM_OBJTREE/build/kunit-upstream
rm -rf "$WORK"
mkdir -p "$WORK"

SANV=${SAN:-}
# A sanitizer build puts a module's objects under its own tree (see tests/build/run).
ko() {
	if [ -n "$SANV" ]; then echo "$KSIM_OBJTREE/$1"; else echo "$1"; fi
}

status=0
passed=0
missing=0
grep -v '^#' tests/kunit/upstream-suites.txt | awk 'NF' > "$WORK/list"
while read -r path expect lacks; do
	name=$(basename "$path" .c)
	dir=$WORK/$name
	mkdir -p "$dir"
	cp "$src/$path" "$dir/"
	echo "obj-m := $name.o" > "$dir/Kbuild"
	if ! make -s --no-print-directory -C "$KSIM_SRC" SAN="$SANV" M="$dir" >"$dir/build.log" 2>&1; then
		if [ "$expect" = pass ]; then
			echo "FAIL  $path: does not build"
			sed -n '1,20p' "$dir/build.log"
			status=1
		else
			echo "skip  $path: does not build; ksim lacks $lacks"
			missing=$((missing + 1))
		fi
		continue
	fi
	$KSIM_VALGRIND "$KSIM_BIN" --kunit "$(ko "$dir")/$name.ko" >"$dir/ktap" 2>"$dir/stderr"
	run_rc=$?
	summary=$(grep '^# Totals\|^# [^ ]*: pass:\|^ok\|^not ok' "$dir/ktap" | head -n1)
	if [ $run_rc != 0 ]; then
		echo "FAIL  $path: ksim exit $run_rc ($summary)"
		grep -B3 'not ok' "$dir/ktap" | head -n 30
		tail -n 2 "$dir/stderr"
		status=1
		continue
	fi
	if command -v python3 >/dev/null; then
		python3 "$KUNIT_PY" parse --json="$dir/ktap.json" "$dir/ktap" >"$dir/parse" 2>&1 ||
			{ echo "FAIL  $path: kunit.py parse failed"; cat "$dir/parse"; status=1; continue; }
		python3 tests/kunit/compare-verdicts.py "$dir/ktap" "$dir/ktap.json" >"$dir/compare" ||
			{ echo "FAIL  $path: kunit.py disagrees"; cat "$dir/compare"; status=1; continue; }
	fi
	if [ "$expect" = pass ]; then
		echo "pass  $path ($summary)"
	else
		echo "pass  $path ($summary): now builds and passes, mark it 'pass' in tests/kunit/upstream-suites.txt"
	fi
	passed=$((passed + 1))
done < "$WORK/list"
echo "upstream KUnit suites: $passed pass, $missing do not build yet (APIs ksim lacks)"
exit $status
