// SPDX-License-Identifier: GPL-2.0
/* kernel/panic.c: WARN, BUG and panic reports, taint. */
#include <string.h>

#include "ktest.h"
#include <linux/kernel.h>
#include <linux/bug.h>

TestSuite(panic, .init = ktest_boot, .fini = ktest_shutdown);

Test(panic, warn_on_reports_and_returns_the_condition)
{
	int hit;

	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	hit = WARN_ON(2 > 1);
	cr_assert_eq(hit, 1);
	cr_assert_eq(WARN_ON(0), 0);
	cr_assert(ksim_dmesg_contains("------------[ cut here ]------------"));
	cr_assert(ksim_dmesg_contains("WARNING: CPU: 0 PID:"));
	cr_assert(ksim_dmesg_contains("test_panic.c:"), "names the file");
	cr_assert(ksim_dmesg_contains("Call Trace:"));
	cr_assert(ksim_dmesg_contains("---[ end trace"));
	cr_assert(test_taint(TAINT_WARN));
}

static int warn_once_site(int v)
{
	return WARN_ON_ONCE(v);
}

Test(panic, warn_on_once_reports_once_but_returns_each_time)
{
	int i, hits = 0;

	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	for (i = 0; i < 5; i++)
		hits += warn_once_site(1);
	cr_assert_eq(hits, 5);
	cr_assert_eq(ksim_dmesg_count("cut here"), 1);
}

Test(panic, warn_prints_its_message)
{
	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	WARN(1, "value %d is bad\n", 7);
	cr_assert(ksim_dmesg_contains("value 7 is bad"));
}

Test(panic, warn_once_with_message)
{
	int i;

	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	for (i = 0; i < 3; i++)
		WARN_ONCE(i >= 0, "once %d\n", i);
	cr_assert_eq(ksim_dmesg_count("once "), 1);
}

Test(panic, bug_on_false_does_nothing)
{
	BUG_ON(0);
	cr_assert(!ksim_dmesg_contains("kernel BUG"));
}

Test(panic, bug_stops_the_machine_with_status_3, .exit_code = 3)
{
	BUG();
}

Test(panic, panic_stops_the_machine_with_status_3, .exit_code = 3)
{
	panic("test panic %d", 1);
}

Test(panic, no_report_no_taint)
{
	cr_assert_eq(ksim_report_total(), 0);
	cr_assert(!test_taint(TAINT_WARN));
}
