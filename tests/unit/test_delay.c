// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_delay.c - kernel/time/delay.c: sleeps and busy delays last
 * at least what was asked, sleeping ones are reported in atomic context,
 * busy ones are not, and a signal cuts msleep_interruptible() short.
 */
#include "ktest.h"

#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/preempt.h>

TestSuite(delay, .init = ktest_boot, .fini = ktest_shutdown);

static s64 elapsed_us(ktime_t start)
{
	return ktime_us_delta(ktime_get(), start);
}

Test(delay, msleep_at_least)
{
	ktime_t t;
	unsigned int ms;

	for (ms = 1; ms <= 21; ms += 5) {
		t = ktime_get();
		msleep(ms);
		cr_assert_geq(elapsed_us(t), ms * 1000, "msleep(%u)", ms);
	}
}

Test(delay, usleep_range_at_least_min)
{
	ktime_t t = ktime_get();

	usleep_range(2000, 3000);
	cr_assert_geq(elapsed_us(t), 2000);
	t = ktime_get();
	fsleep(300);
	cr_assert_geq(elapsed_us(t), 300);
}

Test(delay, busy_delays_at_least)
{
	ktime_t t = ktime_get();

	udelay(500);
	cr_assert_geq(elapsed_us(t), 500);
	t = ktime_get();
	mdelay(2);
	cr_assert_geq(elapsed_us(t), 2000);
	t = ktime_get();
	ndelay(20000);
	cr_assert_geq(elapsed_us(t), 20);
}

Test(delay, busy_delay_allowed_in_atomic)
{
	preempt_disable();
	udelay(10);
	mdelay(1);
	preempt_enable();
	/* ktest_shutdown fails the test on any report */
}

Test(delay, usleep_range_in_atomic_is_reported)
{
	ktest_expect_reports(KSIM_REPORT_ATOMIC_SLEEP, 1);
	preempt_disable();
	usleep_range(100, 200);
	preempt_enable();
	cr_assert(ksim_dmesg_contains("BUG: sleeping function called from invalid context"));
}

Test(delay, msleep_in_atomic_is_reported)
{
	unsigned long n;

	preempt_disable();
	msleep(1);
	preempt_enable();
	n = ksim_report_count(KSIM_REPORT_ATOMIC_SLEEP);
	cr_assert_geq(n, 1);
	ktest_expect_reports(KSIM_REPORT_ATOMIC_SLEEP, n);
	cr_assert(ksim_dmesg_contains("BUG: sleeping function called from invalid context"));
}

Test(delay, msleep_interruptible_stops_at_signal)
{
	ktime_t t = ktime_get();
	unsigned long left;

	ksim_signal_all();
	left = msleep_interruptible(20000);
	cr_assert_gt(left, 0);
	cr_assert_leq(left, 20000);
	cr_assert_lt(elapsed_us(t), 10 * 1000 * 1000);
}

Test(delay, msleep_interruptible_full_without_signal)
{
	ktime_t t = ktime_get();

	cr_assert_eq(msleep_interruptible(10), 0);
	cr_assert_geq(elapsed_us(t), 10000);
}
