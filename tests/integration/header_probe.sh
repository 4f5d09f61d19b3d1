#!/bin/sh
# scripts/header-probe: at least 95% of the core headers drivers commonly
# include compile on their own, freestanding, against kapi-shim/include.
# (The drivers/ top-100 figure needs the Linux source: KSIM_LINUX_SRC.)
. "$(dirname "$0")/lib.sh"

KSIM_LINUX_SRC=${KSIM_LINUX_SRC:-/nonexistent} scripts/header-probe >"$OUT" 2>"$ERR" ||
	fail "header coverage below the goal"
cat "$OUT"
exit 0
