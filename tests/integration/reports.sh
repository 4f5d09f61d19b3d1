#!/bin/sh
# Driver bugs produce kernel-style reports and a non-zero exit.
. "$(dirname "$0")/lib.sh"

# kmemleak at unload: size, call site, hex dump of the first bytes
ksim_expect 1 "$(mod leaky leaky)"
expect_out "unreferenced object 0x"
expect_out "(size 48):"
expect_out "leaky_init"
expect_out "6c 65 61 6b 65 64"
expect_out "ksim: FAILED: 1 module, 1 report (1 leak)"

# WARN and WARN_ON_ONCE: 2 reports for 1 WARN + 3 hits of one WARN_ON_ONCE
ksim_expect 1 "$(mod warner warner)" times=3
expect_out "------------[ cut here ]------------"
expect_out "warner: 3 is more than none"
expect_out "WARNING: CPU: 0 PID:"
expect_out "warner_check"
expect_out "Call Trace:"
expect_out "ksim: FAILED: 1 module, 2 reports (2 WARN)"
[ "$(count_out 'cut here')" = 2 ] || fail "WARN_ON_ONCE fired more than once"
ksim_expect 0 "$(mod warner warner)" times=0

# BUG: an oops, a panic, exit 3
ksim_expect 3 "$(mod buggy buggy)"
expect_out "kernel BUG at"
expect_out "buggy.c"
expect_out "Kernel panic - not syncing: Fatal exception"
expect_out "ksim: kernel panic"

# sleeping in atomic context, reported once per call site
ksim_expect 1 "$(mod atomic_sleep atomic_sleep)"
expect_out "BUG: sleeping function called from invalid context at"
expect_out "in_atomic(): 1"
expect_out "atomic_sleep_init"
[ "$(count_out 'sleeping function called')" = 1 ] || fail "reported more than once"
exit 0
