#!/bin/sh
# KUnit in ksim: suites run as their module loads, KTAP v1 as Linux 6.1
# prints it, --kunit prints only KTAP, kunit.filter_glob selects, the exit
# status says whether a case failed (6) or the harness reported (1), and
# a report from any thread fails the case that was running.
. "$(dirname "$0")/lib.sh"

kmod() { echo "$KSIM_OBJTREE/tests/kunit/$1/$1_test.ko"; }

# verdicts FILE: "indent status name" per result line of the KTAP in FILE
# (ksim's --kunit output), e.g. "4 ok expect_fails" for a case.
verdicts() {
	sed -n 's/^\( *\)\(ok\|not ok\) [0-9]* \([^ #]*\).*/\1|\2|\3/p' "$1" |
		awk -F'|' '{ print length($1), $2, $3 }'
}

# Every case's verdict must be the one its name ends with.
check_names() {
	verdicts "$OUT" | awk '$1 == 4' | while read -r _ status name; do
		case "$name" in
		*_passes|*_fails|*_skips) ;;
		*) continue ;;
		esac
		want=ok
		case "$name" in *_fails) want=not ;; esac
		got=$status
		[ "$got" = "$want" ] || { echo "$name: '$got', expected '$want'"; exit 1; }
	done || fail "a case got the wrong verdict"
}

# The API, all passing: exit 0, KTAP only on stdout.
ksim_expect 0 --kunit "$(kmod kunit_api)"
[ "$(head -n1 "$OUT")" = "KTAP version 1" ] || fail "--kunit output does not start with the KTAP version line"
[ "$(sed -n 2p "$OUT")" = "1..2" ] || fail "no '1..2' plan for two suites"
expect_no_out "ksim:"
expect_no_out "[    "
expect_err "ksim: ok: 1 module, 0 reports, 16 KUnit test cases (0 failed)"
expect_out "    # Subtest: kunit_api"
expect_out "    1..10"
expect_out "        ok 2 2 squared"
expect_out "        ok 3 param-2"
expect_out "    # kunit_api_array_param: pass:4 fail:0 skip:0 total:4"
expect_out "    ok 9 kunit_api_skip_stops_the_case # SKIP skipped on purpose"
expect_out "# kunit_api: pass:8 fail:0 skip:2 total:10"
expect_out "# Totals: pass:13 fail:0 skip:2 total:15"
expect_out "ok 1 kunit_api"
expect_out "ok 2 kunit_api_order"
expect_out "    # kunit_api_priv_and_init: priv holds 42"
[ "$(grep -c '^ok\|^not ok' "$OUT")" = 2 ] || fail "expected two suite results"

# Without --kunit the same lines are in the kernel log, time-stamped.
ksim_expect 0 "$(kmod kunit_api)"
expect_out "] KTAP version 1"
expect_out "]     ok 1 kunit_api_expect_families"
expect_out "ksim: ok: 1 module, 0 reports, 16 KUnit test cases (0 failed)"

# Failures on purpose: every verdict as named, exit 6.
ksim_expect 6 --kunit "$(kmod kunit_fails)"
check_names
expect_out "    # expect_fails: EXPECTATION FAILED at tests/kunit/kunit_fails/kunit_fails_test.c:"
expect_out "    Expected 1 + 1 == 3, but"
expect_out "        1 + 1 == 2 (0x2)"
expect_out "    # expect_fails: still running after the failed expectation"
expect_out "    # assert_fails: ASSERTION FAILED at"
expect_no_out "reached the line after a failed assertion"
expect_out "        not ok 3 param-2"
expect_out "5 is odd"
expect_out "expectation failed in kthread kunit_helper"
expect_out "failed from a work item"
expect_out "    # init_refused_fails: failed to initialize: -22"
expect_out "failed to initialize (-19)"
expect_out "not ok 3 kunit_fails_suite_init"
expect_out "ok 4 kunit_fails_all_skipped # SKIP"
expect_err "ksim: KUnit tests failed: 1 module, 0 reports"

# Harness reports from other threads fail the running case: exit 1.
ksim_expect 1 "$(kmod kunit_harness)"
expect_out "WARN in a kthread"
expect_out "WARN in a work item"
expect_out "WARN in a timer callback"
expect_out "BUG: sleeping function called from invalid context"
expect_out "kmemleak: 1 new suspected memory leaks (test case leak_fails)"
expect_out "# warn_in_timer_fails: ksim reported a problem while this test case ran: 1 WARN"
expect_out "# leak_fails: ksim reported a problem while this test case ran: 1 leak"
ksim_expect 1 --kunit "$(kmod kunit_harness)"
check_names
expect_no_out "WARNING:"
expect_out "run without --kunit to see it"

# kunit.filter_glob: suite glob, then test glob; numbering follows the selection.
ksim_expect 0 --kunit "$(kmod kunit_fails)" 'kunit.filter_glob=kunit_fails.[ps]*'
[ "$(sed -n 2p "$OUT")" = "1..1" ] || fail "filter kept other suites"
expect_out "    1..2"
expect_out "    ok 1 plain_passes"
expect_out "    ok 2 skip_skips # SKIP"
expect_no_out "expect_fails"
ksim_expect 0 --kunit "$(kmod kunit_fails)" 'kunit.filter_glob=kunit_fails.plain_passes'
expect_out "ok 1 kunit_fails"
ksim_expect 0 --kunit "$(kmod kunit_fails)" 'kunit.filter_glob=*skipped'
expect_out "ok 1 kunit_fails_all_skipped # SKIP"
ksim_expect 0 --kunit kunit.filter_glob=nothing "$(kmod kunit_fails)"
[ "$(sed -n 2p "$OUT")" = "1..0" ] || fail "an empty selection is not '1..0'"
ksim_expect 0 kunit.enable=0 "$(kmod kunit_fails)"
expect_out "kunit: disabled"

# Several KUnit modules in one run: one KTAP document, suites numbered on.
ksim_expect 6 --kunit "$(kmod kunit_api)" "$(kmod kunit_fails)"
[ "$(grep -c '^KTAP version 1$' "$OUT")" = 1 ] || fail "more than one top-level KTAP header"
[ "$(sed -n 2p "$OUT")" = "1..6" ] || fail "no '1..6' plan for 2 + 4 suites"
expect_out "ok 2 kunit_api_order"
expect_out "not ok 3 kunit_fails"
expect_out "ok 6 kunit_fails_all_skipped # SKIP"
# With a filter the number of suites is not known up front: no plan line.
ksim_expect 0 --kunit "$(kmod kunit_api)" "$(kmod kunit_fails)" 'kunit.filter_glob=kunit_api*'
[ "$(sed -n 2p "$OUT")" = "    KTAP version 1" ] || fail "a plan line with a filter over several modules"
expect_out "ok 2 kunit_api_order"
expect_no_out "kunit_fails"

# Bad KUnit parameters are bad input.
ksim_expect 2 "$(kmod kunit_api)" kunit.filter=x
expect_err "unknown KUnit parameter 'kunit.filter=x'"
ksim_expect 2 "$(kmod kunit_api)" kunit.stats_enabled=7
expect_err "bad value in 'kunit.stats_enabled=7'"
exit 0
