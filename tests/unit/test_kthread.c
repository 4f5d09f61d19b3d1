// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_kthread.c - kernel/kthread.c: a created thread waits for
 * its first wake-up, kthread_stop() returns the thread's value (-EINTR if
 * it never ran), names and flags, parking.
 */
#include <string.h>

#include "ktest.h"

#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/sched.h>

TestSuite(kthread, .init = ktest_boot, .fini = ktest_shutdown);

struct kt {
	int ran;
	int counter;
	unsigned int flags;
	char comm[TASK_COMM_LEN];
	void *data;
};

static int load(int *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static int run_once_fn(void *arg)
{
	struct kt *k = arg;

	k->flags = current->flags;
	memcpy(k->comm, current->comm, sizeof(k->comm));
	k->data = kthread_data(current);
	__atomic_store_n(&k->ran, 1, __ATOMIC_SEQ_CST);
	while (!kthread_should_stop())
		msleep(1);
	return 42;
}

Test(kthread, does_not_run_before_wake_up)
{
	struct kt k = { 0 };
	struct task_struct *t = kthread_create(run_once_fn, &k, "ktest");

	cr_assert(!IS_ERR(t));
	ktest_sleep_ms(50);
	cr_assert_eq(load(&k.ran), 0);
	wake_up_process(t);
	cr_assert(ktest_wait_for(load(&k.ran), 5000));
	cr_assert_eq(kthread_stop(t), 42);
}

Test(kthread, run_stop_returns_value_and_sets_flags)
{
	struct kt k = { 0 };
	struct task_struct *t = kthread_run(run_once_fn, &k, "ktest/%d", 3);

	cr_assert(!IS_ERR(t));
	cr_assert(ktest_wait_for(load(&k.ran), 5000));
	cr_assert_eq(kthread_stop(t), 42);
	cr_assert(k.flags & PF_KTHREAD);
	cr_assert_str_eq(k.comm, "ktest/3");
	cr_assert_eq(k.data, &k);
	cr_assert(!kthread_should_stop(), "the test itself is no kthread");
}

Test(kthread, stop_never_woken_returns_eintr)
{
	struct kt k = { 0 };
	struct task_struct *t = kthread_create(run_once_fn, &k, "ktest-idle");

	cr_assert(!IS_ERR(t));
	cr_assert_eq(kthread_stop(t), -EINTR);
	cr_assert_eq(load(&k.ran), 0, "threadfn must not run");
}

Test(kthread, comm_truncated)
{
	struct kt k = { 0 };
	struct task_struct *t = kthread_create(run_once_fn, &k, "ktest/%d-%s", 7,
					       "abcdefghijklmnop");

	cr_assert(!IS_ERR(t));
	cr_assert_str_eq(t->comm, "ktest/7-abcdefg");
	cr_assert_eq(kthread_stop(t), -EINTR);
}

static int return_early_fn(void *arg)
{
	__atomic_store_n(&((struct kt *)arg)->ran, 1, __ATOMIC_SEQ_CST);
	return 7;
}

Test(kthread, stop_after_thread_returned)
{
	struct kt k = { 0 };
	struct task_struct *t = kthread_run(return_early_fn, &k, "ktest-early");

	cr_assert(ktest_wait_for(load(&k.ran), 5000));
	ktest_sleep_ms(20);
	cr_assert_eq(kthread_stop(t), 7);
}

Test(kthread, returned_and_never_stopped_is_reaped)
{
	struct kt k = { 0 };

	kthread_run(return_early_fn, &k, "ktest-orphan");
	cr_assert(ktest_wait_for(load(&k.ran), 5000));
	/* shutdown joins it; valgrind checks nothing is lost */
}

static int parking_fn(void *arg)
{
	struct kt *k = arg;

	while (!kthread_should_stop()) {
		if (kthread_should_park())
			kthread_parkme();
		__atomic_add_fetch(&k->counter, 1, __ATOMIC_SEQ_CST);
		msleep(1);
	}
	return 0;
}

Test(kthread, park_and_unpark)
{
	struct kt k = { 0 };
	struct task_struct *t = kthread_run(parking_fn, &k, "ktest-park");
	int c;

	cr_assert(ktest_wait_for(load(&k.counter) > 2, 5000));
	cr_assert_eq(kthread_park(t), 0);
	c = load(&k.counter);
	ktest_sleep_ms(50);
	cr_assert_eq(load(&k.counter), c, "a parked thread does not run");
	cr_assert_eq(t->__state, TASK_PARKED);
	kthread_unpark(t);
	cr_assert(ktest_wait_for(load(&k.counter) > c + 2, 5000));
	cr_assert_eq(kthread_park(t), 0);
	/* kthread_stop unparks before it stops */
	cr_assert_eq(kthread_stop(t), 0);
}
