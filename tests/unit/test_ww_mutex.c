// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_ww_mutex.c - linux/ww_mutex.h: a younger context that
 * holds a lock backs off with -EDEADLK from a lock an older one holds,
 * -EALREADY on a lock it holds, and the back-off/slow-path retry lets two
 * contexts taking two locks in opposite orders both finish.
 */
#include "ktest.h"

#include <linux/ww_mutex.h>
#include <linux/kthread.h>
#include <linux/delay.h>

TestSuite(ww_mutex, .init = ktest_boot, .fini = ktest_shutdown);

static DEFINE_WD_CLASS(test_class);
static struct ww_mutex m1, m2;

Test(ww_mutex, younger_holder_backs_off)
{
	struct ww_acquire_ctx old, young;

	ww_mutex_init(&m1, &test_class);
	ww_mutex_init(&m2, &test_class);
	ww_acquire_init(&old, &test_class);
	ww_acquire_init(&young, &test_class);
	cr_assert_eq(ww_mutex_lock(&m1, &old), 0);
	cr_assert_eq(ww_mutex_lock(&m1, &old), -EALREADY);
	cr_assert_eq(ww_mutex_lock(&m2, &young), 0);
	cr_assert_eq(ww_mutex_lock(&m1, &young), -EDEADLK);
	cr_assert_not(ww_mutex_trylock(&m1, &young));
	ww_mutex_unlock(&m2);
	ww_mutex_unlock(&m1);
	ww_acquire_fini(&old);
	ww_acquire_fini(&young);
}

/* Take @a then @b under a context, with the documented back-off loop. */
static void lock_pair(struct ww_mutex *a, struct ww_mutex *b, int *rounds)
{
	struct ww_acquire_ctx ctx;
	struct ww_mutex *first = a, *second = b;
	int ret;

	ww_acquire_init(&ctx, &test_class);
	ret = ww_mutex_lock(first, &ctx);
	for (;;) {
		msleep(5);	/* let the other side take its first lock */
		ret = ww_mutex_lock(second, &ctx);
		if (ret != -EDEADLK)
			break;
		(*rounds)++;
		ww_mutex_unlock(first);
		ww_mutex_lock_slow(second, &ctx);
		swap(first, second);
	}
	ww_acquire_done(&ctx);
	ww_mutex_unlock(a);
	ww_mutex_unlock(b);
	ww_acquire_fini(&ctx);
}

static int rounds_b;

static int other_order(void *unused)
{
	lock_pair(&m2, &m1, &rounds_b);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

Test(ww_mutex, opposite_orders_both_finish)
{
	struct task_struct *t;
	int rounds_a = 0;

	ww_mutex_init(&m1, &test_class);
	ww_mutex_init(&m2, &test_class);
	t = kthread_run(other_order, NULL, "ww-other");
	cr_assert(!IS_ERR(t));
	lock_pair(&m1, &m2, &rounds_a);
	kthread_stop(t);
	/* Both held their first lock before asking for the second: one backed off. */
	cr_assert_geq(rounds_a + rounds_b, 1);
	cr_assert_not(ww_mutex_is_locked(&m1));
	cr_assert_not(ww_mutex_is_locked(&m2));
}
