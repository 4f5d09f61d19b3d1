// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_hrtimer.c - kernel/time/hrtimer.c: expiry never early,
 * order by expiry, HRTIMER_RESTART with hrtimer_forward_now, cancel return
 * values, hard vs soft interrupt context, and the forward arithmetic.
 */
#include <string.h>

#include "ktest.h"

#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/preempt.h>

TestSuite(hrtimer, .init = ktest_boot, .fini = ktest_shutdown);

struct ht {
	struct hrtimer timer;
	int id;
	int fired;
	int restarts;		/* how many more times to re-arm */
	ktime_t fired_at;
	int hardirq, softirq;
};

static int order[8];
static int nr_order;

static enum hrtimer_restart record_fn(struct hrtimer *t)
{
	struct ht *x = container_of(t, struct ht, timer);

	x->fired_at = ktime_get();
	x->hardirq = in_hardirq() != 0;
	x->softirq = in_serving_softirq() != 0;
	order[__atomic_fetch_add(&nr_order, 1, __ATOMIC_SEQ_CST)] = x->id;
	__atomic_add_fetch(&x->fired, 1, __ATOMIC_SEQ_CST);
	if (x->restarts-- > 0) {
		hrtimer_forward_now(t, ms_to_ktime(2));
		return HRTIMER_RESTART;
	}
	return HRTIMER_NORESTART;
}

static int fired(struct ht *x)
{
	return __atomic_load_n(&x->fired, __ATOMIC_SEQ_CST);
}

Test(hrtimer, fires_not_before_expiry_in_hardirq)
{
	struct ht x = { 0 };
	ktime_t start;

	hrtimer_init(&x.timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	x.timer.function = record_fn;
	start = ktime_get();
	hrtimer_start(&x.timer, us_to_ktime(1500), HRTIMER_MODE_REL);
	cr_assert(ktest_wait_for(fired(&x) == 1, 5000));
	cr_assert_geq(x.fired_at - start, 1500 * NSEC_PER_USEC);
	cr_assert(x.hardirq);
	cr_assert_not(x.softirq);
	cr_assert(ktest_wait_for(!hrtimer_active(&x.timer), 5000));
	cr_assert_eq(hrtimer_cancel(&x.timer), 0);
}

Test(hrtimer, soft_mode_runs_in_softirq)
{
	struct ht x = { 0 };

	hrtimer_init(&x.timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
	x.timer.function = record_fn;
	hrtimer_start(&x.timer, 0, HRTIMER_MODE_REL_SOFT);
	cr_assert(ktest_wait_for(fired(&x) == 1, 5000));
	cr_assert(x.softirq);
	cr_assert_not(x.hardirq);
}

Test(hrtimer, absolute_expiries_fire_in_order)
{
	struct ht a = { .id = 1 }, b = { .id = 2 }, c = { .id = 3 };
	ktime_t now = ktime_get();

	hrtimer_init(&a.timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	hrtimer_init(&b.timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	hrtimer_init(&c.timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	a.timer.function = b.timer.function = c.timer.function = record_fn;
	/* Wide gaps: starting three timers must not outlast the first. */
	hrtimer_start(&c.timer, now + 900 * NSEC_PER_MSEC, HRTIMER_MODE_ABS);
	hrtimer_start(&a.timer, now + 300 * NSEC_PER_MSEC, HRTIMER_MODE_ABS);
	hrtimer_start(&b.timer, now + 600 * NSEC_PER_MSEC, HRTIMER_MODE_ABS);
	cr_assert(ktest_wait_for(__atomic_load_n(&nr_order, __ATOMIC_SEQ_CST) == 3, 10000));
	cr_assert_eq(order[0], 1);
	cr_assert_eq(order[1], 2);
	cr_assert_eq(order[2], 3);
	cr_assert_geq(a.fired_at, now + 300 * NSEC_PER_MSEC);
	cr_assert_geq(c.fired_at, now + 900 * NSEC_PER_MSEC);
}

Test(hrtimer, restart_rearms_until_done)
{
	struct ht x = { .restarts = 3 };

	hrtimer_init(&x.timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	x.timer.function = record_fn;
	hrtimer_start(&x.timer, ms_to_ktime(1), HRTIMER_MODE_REL);
	cr_assert(ktest_wait_for(fired(&x) == 4, 5000));
	cr_assert(ktest_wait_for(!hrtimer_active(&x.timer), 5000));
	ktest_sleep_ms(10);
	cr_assert_eq(fired(&x), 4);
}

Test(hrtimer, cancel_pending_returns_one)
{
	struct ht x = { 0 };

	hrtimer_init(&x.timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	x.timer.function = record_fn;
	hrtimer_start(&x.timer, ms_to_ktime(10000), HRTIMER_MODE_REL);
	cr_assert_eq(hrtimer_try_to_cancel(&x.timer), 1);
	cr_assert_eq(hrtimer_try_to_cancel(&x.timer), 0);
	hrtimer_start(&x.timer, ms_to_ktime(10000), HRTIMER_MODE_REL);
	cr_assert_eq(hrtimer_cancel(&x.timer), 1);
	cr_assert_not(hrtimer_active(&x.timer));
	cr_assert_eq(fired(&x), 0);
}

Test(hrtimer, forward_counts_overruns)
{
	struct hrtimer t;

	hrtimer_init(&t, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	hrtimer_set_expires(&t, 100);
	/* Not yet expired: nothing to do. */
	cr_assert_eq(hrtimer_forward(&t, 50, 10), 0);
	cr_assert_eq(hrtimer_get_expires(&t), 100);
	/* Just expired: one step. */
	cr_assert_eq(hrtimer_forward(&t, 100, 10), 1);
	cr_assert_eq(hrtimer_get_expires(&t), 110);
	/* Far behind: whole intervals, ending after now. */
	cr_assert_eq(hrtimer_forward(&t, 155, 10), 5);
	cr_assert_eq(hrtimer_get_expires(&t), 160);
	cr_assert_eq(hrtimer_forward(&t, 160, 10), 1);
	cr_assert_eq(hrtimer_get_expires(&t), 170);
}

Test(hrtimer, remaining_shrinks)
{
	struct ht x = { 0 };
	ktime_t left;

	hrtimer_init(&x.timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	x.timer.function = record_fn;
	hrtimer_start(&x.timer, ms_to_ktime(10000), HRTIMER_MODE_REL);
	left = hrtimer_get_remaining(&x.timer);
	cr_assert_leq(left, 10000 * NSEC_PER_MSEC);
	cr_assert_gt(left, 9000 * NSEC_PER_MSEC);
	hrtimer_cancel(&x.timer);
}
