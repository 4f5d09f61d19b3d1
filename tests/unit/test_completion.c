// SPDX-License-Identifier: GPL-2.0
/* tests/unit/test_completion.c - kapi-shim/locking/completion.c */
#include <linux/kernel.h>
#include <linux/completion.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/hardirq.h>
#include <linux/err.h>
#include <linux/errno.h>

#include "internal.h"
#include "sim/host.h"
#include "ktest.h"

TestSuite(completion, .init = ktest_boot, .fini = ktest_shutdown);

static DECLARE_COMPLETION(static_done);

struct waiter {
	struct completion *c;
	int state;
};

static int wait_fn(void *arg)
{
	struct waiter *w = arg;

	__atomic_store_n(&w->state, 1, __ATOMIC_SEQ_CST);
	wait_for_completion(w->c);
	__atomic_store_n(&w->state, 2, __ATOMIC_SEQ_CST);
	return 0;
}

static struct task_struct *spawn(int (*fn)(void *), void *arg)
{
	struct task_struct *t = ksim_task_create(fn, arg, "compl_test");

	cr_assert(!IS_ERR(t));
	return t;
}

static void reap(struct task_struct *t)
{
	ksim_task_join(t);
	put_task_struct(t);
}

Test(completion, complete_before_wait)
{
	complete(&static_done);
	cr_assert(completion_done(&static_done));
	wait_for_completion(&static_done);
	cr_assert(!completion_done(&static_done));
	cr_assert(!try_wait_for_completion(&static_done));
}

Test(completion, complete_after_wait_wakes_one_per_complete)
{
	DECLARE_COMPLETION_ONSTACK(c);
	struct waiter w[3];
	struct task_struct *t[3];
	int i, n;

	for (i = 0; i < 3; i++) {
		w[i] = (struct waiter){ .c = &c };
		t[i] = spawn(wait_fn, &w[i]);
	}
	for (i = 0; i < 3; i++)
		cr_assert(ktest_wait_for(__atomic_load_n(&w[i].state, __ATOMIC_SEQ_CST) == 1, 5000));
	ktest_sleep_ms(30);
	complete(&c);
	ktest_sleep_ms(100);
	for (n = 0, i = 0; i < 3; i++)
		n += __atomic_load_n(&w[i].state, __ATOMIC_SEQ_CST) == 2;
	cr_assert_eq(n, 1, "one complete() released %d waiters", n);
	complete(&c);
	complete(&c);
	for (i = 0; i < 3; i++)
		reap(t[i]);
	cr_assert(!completion_done(&c));
}

Test(completion, complete_all_releases_current_and_future_waiters)
{
	struct completion c;
	struct waiter w[4];
	struct task_struct *t[4];
	int i;

	init_completion(&c);
	for (i = 0; i < 4; i++) {
		w[i] = (struct waiter){ .c = &c };
		t[i] = spawn(wait_fn, &w[i]);
	}
	for (i = 0; i < 4; i++)
		cr_assert(ktest_wait_for(__atomic_load_n(&w[i].state, __ATOMIC_SEQ_CST) == 1, 5000));
	complete_all(&c);
	for (i = 0; i < 4; i++)
		reap(t[i]);
	for (i = 0; i < 4; i++)
		cr_assert_eq(w[i].state, 2);
	/* Later waits pass too, until reinit. */
	wait_for_completion(&c);
	cr_assert_gt(wait_for_completion_timeout(&c, 1), 0);
	cr_assert(try_wait_for_completion(&c));
	reinit_completion(&c);
	cr_assert(!try_wait_for_completion(&c));
}

Test(completion, timeout_returns_zero_after_the_timeout)
{
	DECLARE_COMPLETION_ONSTACK(c);
	s64 start = ksim_host->now_ns();

	cr_assert_eq(wait_for_completion_timeout(&c, msecs_to_jiffies(100)), 0);
	cr_assert_geq(ksim_host->now_ns() - start, 95 * 1000000LL);
	cr_assert_eq(wait_for_completion_io_timeout(&c, 1), 0);
	complete(&c);
	/* Done already: at least 1 jiffy "left", whatever the timeout. */
	cr_assert_geq(wait_for_completion_timeout(&c, 0), 1);
}

static int complete_later(void *arg)
{
	ktest_sleep_ms(30);
	complete(arg);
	return 0;
}

Test(completion, timeout_wait_completed_in_time)
{
	DECLARE_COMPLETION_ONSTACK(c);
	struct task_struct *t = spawn(complete_later, &c);
	unsigned long left = wait_for_completion_timeout(&c, 10 * HZ);

	cr_assert_geq(left, 1);
	cr_assert_leq(left, 10UL * HZ);
	reap(t);
}

static int complete_in_irq(void *arg)
{
	ktest_sleep_ms(20);
	irq_enter();
	complete(arg);	/* must not sleep (no atomic-sleep report) */
	irq_exit();
	return 0;
}

Test(completion, complete_from_interrupt_context)
{
	DECLARE_COMPLETION_ONSTACK(c);
	struct task_struct *t = spawn(complete_in_irq, &c);

	wait_for_completion(&c);
	reap(t);
}

Test(completion, interruptible_and_killable)
{
	DECLARE_COMPLETION_ONSTACK(c);

	current->ksim_sigpending = 1;
	cr_assert_eq(wait_for_completion_interruptible(&c), -ERESTARTSYS);
	cr_assert_eq(wait_for_completion_killable(&c), -ERESTARTSYS);
	cr_assert_eq(wait_for_completion_interruptible_timeout(&c, HZ), -ERESTARTSYS);
	cr_assert_eq(wait_for_completion_killable_timeout(&c, HZ), -ERESTARTSYS);
	/* A completion that is already there wins over the signal. */
	complete(&c);
	cr_assert_eq(wait_for_completion_interruptible(&c), 0);
	current->ksim_sigpending = 0;
	cr_assert_eq(wait_for_completion_interruptible_timeout(&c, 1), 0);
}

struct intr_waiter {
	struct completion *c;
	struct task_struct *task;
	int state;
	int ret;
};

static int intr_fn(void *arg)
{
	struct intr_waiter *w = arg;

	w->task = current;
	__atomic_store_n(&w->state, 1, __ATOMIC_SEQ_CST);
	w->ret = wait_for_completion_interruptible(w->c);
	__atomic_store_n(&w->state, 2, __ATOMIC_SEQ_CST);
	return 0;
}

Test(completion, signal_wakes_an_interruptible_waiter)
{
	DECLARE_COMPLETION_ONSTACK(c);
	struct intr_waiter w = { .c = &c };
	struct task_struct *t = spawn(intr_fn, &w);

	cr_assert(ktest_wait_for(__atomic_load_n(&w.state, __ATOMIC_SEQ_CST) == 1, 5000));
	ktest_sleep_ms(20);
	__atomic_store_n(&w.task->ksim_sigpending, 1, __ATOMIC_SEQ_CST);
	wake_up_state(w.task, TASK_INTERRUPTIBLE);
	cr_assert(ktest_wait_for(__atomic_load_n(&w.state, __ATOMIC_SEQ_CST) == 2, 5000));
	cr_assert_eq(w.ret, -ERESTARTSYS);
	reap(t);
}
