// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_timer.c - kernel/time/timer.c: expiry never early and in
 * order, mod/del semantics and return values, del_timer_sync against a
 * running callback, softirq context, and the debugobjects checks.
 */
#include <string.h>

#include "ktest.h"

#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/delay.h>
#include <linux/sched.h>
#include <linux/preempt.h>

#include "internal.h"

TestSuite(timer, .init = ktest_boot, .fini = ktest_shutdown);

struct tt {
	struct timer_list timer;
	int id;
	int fired;
	int started, finished;
	unsigned long fired_at;
	int softirq, task, interrupt;
	char comm[TASK_COMM_LEN];
};

static int order[8];
static int nr_order;

static void record_fn(struct timer_list *t)
{
	struct tt *x = from_timer(x, t, timer);

	x->fired_at = jiffies;
	x->softirq = in_softirq() != 0;
	x->interrupt = in_interrupt() != 0;
	x->task = in_task();
	memcpy(x->comm, current->comm, sizeof(x->comm));
	order[__atomic_fetch_add(&nr_order, 1, __ATOMIC_SEQ_CST)] = x->id;
	__atomic_store_n(&x->fired, x->fired + 1, __ATOMIC_SEQ_CST);
}

static int fired(struct tt *x)
{
	return __atomic_load_n(&x->fired, __ATOMIC_SEQ_CST);
}

Test(timer, fires_not_before_expiry)
{
	struct tt x = { 0 };

	timer_setup(&x.timer, record_fn, 0);
	x.timer.expires = jiffies + 5;
	add_timer(&x.timer);
	cr_assert(timer_pending(&x.timer));
	cr_assert(ktest_wait_for(fired(&x), 5000));
	cr_assert(time_after_eq(x.fired_at, x.timer.expires),
		  "fired at %lu, expires %lu", x.fired_at, x.timer.expires);
	cr_assert(!timer_pending(&x.timer));
}

Test(timer, callback_in_softirq_on_timer_task)
{
	struct tt x = { 0 };

	timer_setup(&x.timer, record_fn, 0);
	mod_timer(&x.timer, jiffies);
	cr_assert(ktest_wait_for(fired(&x), 5000));
	cr_assert(x.softirq);
	cr_assert(x.interrupt);
	cr_assert(!x.task);
	cr_assert_str_eq(x.comm, "ksoftirqd/0");
}

Test(timer, expiry_order)
{
	struct tt x[4];
	unsigned long j = jiffies;
	const unsigned long delay[4] = { 15, 5, 10, 5 };
	int i;

	memset(x, 0, sizeof(x));
	for (i = 0; i < 4; i++) {
		x[i].id = i;
		timer_setup(&x[i].timer, record_fn, 0);
		mod_timer(&x[i].timer, j + delay[i]);
	}
	cr_assert(ktest_wait_for(nr_order == 4, 5000));
	/* by expiry; equal expiries in arming order */
	cr_assert_eq(order[0], 1);
	cr_assert_eq(order[1], 3);
	cr_assert_eq(order[2], 2);
	cr_assert_eq(order[3], 0);
}

Test(timer, mod_timer_return_and_move)
{
	struct tt x = { 0 };

	timer_setup(&x.timer, record_fn, 0);
	cr_assert_eq(mod_timer(&x.timer, jiffies + 100 * HZ), 0);
	cr_assert_eq(mod_timer(&x.timer, jiffies + 2), 1);
	cr_assert(ktest_wait_for(fired(&x), 5000),
		  "a pending timer moved earlier fires then (and wakes the timer task)");
	cr_assert_eq(mod_timer_pending(&x.timer, jiffies + 1), 0);
	ktest_sleep_ms(30);
	cr_assert_eq(fired(&x), 1, "mod_timer_pending does not arm");
}

Test(timer, timer_reduce_only_earlier)
{
	struct tt x = { 0 };
	unsigned long j = jiffies;

	timer_setup(&x.timer, record_fn, 0);
	mod_timer(&x.timer, j + 50 * HZ);
	cr_assert_eq(timer_reduce(&x.timer, j + 100 * HZ), 1);
	cr_assert_eq(x.timer.expires, j + 50 * HZ);
	cr_assert_eq(timer_reduce(&x.timer, j + 40 * HZ), 1);
	cr_assert_eq(x.timer.expires, j + 40 * HZ);
	cr_assert_eq(del_timer(&x.timer), 1);
}

Test(timer, del_timer_prevents_firing)
{
	struct tt x = { 0 };

	timer_setup(&x.timer, record_fn, 0);
	mod_timer(&x.timer, jiffies + 5);
	cr_assert_eq(del_timer(&x.timer), 1);
	cr_assert_eq(del_timer(&x.timer), 0);
	ktest_sleep_ms(60);
	cr_assert_eq(fired(&x), 0);
	cr_assert_eq(del_timer_sync(&x.timer), 0);
}

static void slow_fn(struct timer_list *t)
{
	struct tt *x = from_timer(x, t, timer);

	__atomic_store_n(&x->started, 1, __ATOMIC_SEQ_CST);
	mdelay(100);	/* busy: allowed in softirq */
	__atomic_store_n(&x->finished, 1, __ATOMIC_SEQ_CST);
}

Test(timer, del_timer_sync_waits_for_callback)
{
	struct tt x = { 0 };

	timer_setup(&x.timer, slow_fn, 0);
	mod_timer(&x.timer, jiffies);
	cr_assert(ktest_wait_for(__atomic_load_n(&x.started, __ATOMIC_SEQ_CST), 5000));
	cr_assert_eq(del_timer_sync(&x.timer), 0);
	cr_assert_eq(__atomic_load_n(&x.finished, __ATOMIC_SEQ_CST), 1,
		     "del_timer_sync returned while the callback ran");
}

static void rearm_fn(struct timer_list *t)
{
	struct tt *x = from_timer(x, t, timer);

	if (x->fired + 1 < 5)
		mod_timer(t, jiffies + 1);
	__atomic_store_n(&x->fired, x->fired + 1, __ATOMIC_SEQ_CST);
}

Test(timer, self_rearming)
{
	struct tt x = { 0 };

	timer_setup(&x.timer, rearm_fn, 0);
	mod_timer(&x.timer, jiffies + 1);
	cr_assert(ktest_wait_for(fired(&x) == 5, 5000));
	ktest_sleep_ms(40);
	cr_assert_eq(fired(&x), 5);
	cr_assert(!timer_pending(&x.timer));
}

static void sleepy_fn(struct timer_list *t)
{
	struct tt *x = from_timer(x, t, timer);

	usleep_range(100, 200);
	__atomic_store_n(&x->fired, 1, __ATOMIC_SEQ_CST);
}

Test(timer, sleeping_in_callback_is_reported)
{
	struct tt x = { 0 };

	ktest_expect_reports(KSIM_REPORT_ATOMIC_SLEEP, 1);
	timer_setup(&x.timer, sleepy_fn, 0);
	mod_timer(&x.timer, jiffies);
	cr_assert(ktest_wait_for(fired(&x), 5000));
	cr_assert(ksim_dmesg_contains("BUG: sleeping function called from invalid context"));
	cr_assert(ksim_dmesg_contains("ksoftirqd/0"));
}

static void self_sync_fn(struct timer_list *t)
{
	struct tt *x = from_timer(x, t, timer);

	del_timer_sync(t);
	__atomic_store_n(&x->fired, 1, __ATOMIC_SEQ_CST);
}

Test(timer, del_timer_sync_from_own_callback_warns)
{
	struct tt x = { 0 };

	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	timer_setup(&x.timer, self_sync_fn, 0);
	mod_timer(&x.timer, jiffies);
	cr_assert(ktest_wait_for(fired(&x), 5000), "no deadlock");
}

Test(timer, shutdown_prevents_rearm)
{
	struct tt x = { 0 };

	timer_setup(&x.timer, record_fn, 0);
	mod_timer(&x.timer, jiffies + HZ);
	cr_assert_eq(timer_shutdown_sync(&x.timer), 1);
	cr_assert_eq(mod_timer(&x.timer, jiffies + 1), 0);
	cr_assert(!timer_pending(&x.timer));
	ktest_sleep_ms(30);
	cr_assert_eq(fired(&x), 0);
}

static void odebug_target_fn(struct timer_list *t)
{
	struct tt *x = from_timer(x, t, timer);

	__atomic_store_n(&x->fired, 1, __ATOMIC_SEQ_CST);
}

Test(timer, free_of_pending_timer_is_reported)
{
	struct tt x = { 0 };

	ktest_expect_reports(KSIM_REPORT_OBJECT, 1);
	timer_setup(&x.timer, odebug_target_fn, 0);
	mod_timer(&x.timer, jiffies + 2);
	/* what kfree() does before it releases the memory */
	ksim_debug_check_free(&x, sizeof(x));
	cr_assert(!timer_pending(&x.timer), "the timer was deactivated");
	cr_assert(ksim_dmesg_contains("ODEBUG: free active (active state 0) object:"));
	cr_assert(ksim_dmesg_contains("object type: timer_list hint: odebug_target_fn"));
	ktest_sleep_ms(40);
	cr_assert_eq(fired(&x), 0);
	/* memory that holds no pending timer is fine */
	ksim_debug_check_free(&x, sizeof(x));
}
