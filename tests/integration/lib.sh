# tests/integration/lib.sh - helpers for the integration scripts.
# Each script: exit 0 pass, 1 fail, 77 skip (with the reason on the last line).

set -u
KSIM_SRC=${KSIM_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
KSIM_BIN=${KSIM_BIN:-$KSIM_SRC/ksim}
KSIM_OBJTREE=${KSIM_OBJTREE:-$KSIM_SRC}
# The valgrind group runs the same scripts with KSIM_VALGRIND set.
KSIM_VALGRIND=${KSIM_VALGRIND:-}
cd "$KSIM_SRC" || exit 1
OUT=$(mktemp)
ERR=$(mktemp)
trap 'rm -f "$OUT" "$ERR"' EXIT

# mod NAME -> path of a test module, mod_sample NAME -> a sample
mod() { echo "$KSIM_OBJTREE/tests/modules/$1/$2.ko"; }
sample() { echo "$KSIM_OBJTREE/drivers/samples/$1/$2.ko"; }

fail() {
	echo "FAIL: $*"
	echo "--- stdout"; cat "$OUT"
	echo "--- stderr"; cat "$ERR"
	exit 1
}

# ksim_expect STATUS ARGS...: run ksim, check the exit status.
# One ksim run may take this long (seconds) before it counts as hung.
KSIM_RUN_TIMEOUT=${KSIM_RUN_TIMEOUT:-600}

# ksim_run ARGS...: run ksim (under $KSIM_VALGRIND if set) with the time limit.
ksim_run() {
	timeout -k 10 "$KSIM_RUN_TIMEOUT" $KSIM_VALGRIND "$KSIM_BIN" "$@"
}

ksim_expect() {
	want=$1
	shift
	ksim_run "$@" >"$OUT" 2>"$ERR"
	got=$?
	[ "$got" != 124 ] || fail "ksim $*: did not finish within ${KSIM_RUN_TIMEOUT} s"
	[ "$got" = "$want" ] || fail "ksim $*: exit $got, expected $want"
}

expect_out() { grep -qF -- "$1" "$OUT" || fail "stdout lacks: $1"; }
expect_err() { grep -qF -- "$1" "$ERR" || fail "stderr lacks: $1"; }
expect_no_out() { ! grep -qF -- "$1" "$OUT" || fail "stdout has: $1"; }
count_out() { grep -cF -- "$1" "$OUT"; }
