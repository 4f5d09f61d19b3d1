// SPDX-License-Identifier: GPL-2.0
/* tests/unit/test_semaphore.c - kapi-shim/locking/semaphore.c */
#include <linux/kernel.h>
#include <linux/semaphore.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/err.h>
#include <linux/errno.h>

#include "internal.h"
#include "sim/host.h"
#include "ktest.h"

TestSuite(semaphore, .init = ktest_boot, .fini = ktest_shutdown);

static DEFINE_SEMAPHORE(binary);
static DEFINE_SEMAPHORE(counting, 3);

Test(semaphore, define_forms)
{
	cr_assert_eq(binary.count, 1);
	cr_assert_eq(counting.count, 3);
}

Test(semaphore, counting_and_trylock)
{
	struct semaphore s;

	sema_init(&s, 2);
	cr_assert_eq(down_trylock(&s), 0);
	down(&s);
	cr_assert_eq(down_trylock(&s), 1, "third down on a count of 2");
	up(&s);
	cr_assert_eq(down_trylock(&s), 0);
	up(&s);
	up(&s);
	cr_assert_eq(s.count, 2);
}

struct downer {
	struct semaphore *sem;
	int state;
};

static int down_fn(void *arg)
{
	struct downer *d = arg;

	__atomic_store_n(&d->state, 1, __ATOMIC_SEQ_CST);
	down(d->sem);
	__atomic_store_n(&d->state, 2, __ATOMIC_SEQ_CST);
	return 0;
}

Test(semaphore, up_from_another_task_wakes_exactly_as_many)
{
	struct semaphore s;
	struct downer d[3];
	struct task_struct *t[3];
	int i, n;

	sema_init(&s, 0);
	for (i = 0; i < 3; i++) {
		d[i] = (struct downer){ .sem = &s };
		t[i] = ksim_task_create(down_fn, &d[i], "sem_test");
		cr_assert(!IS_ERR(t[i]));
	}
	ktest_sleep_ms(50);
	for (i = 0; i < 3; i++)
		cr_assert_eq(__atomic_load_n(&d[i].state, __ATOMIC_SEQ_CST), 1);
	up(&s);
	up(&s);
	ktest_sleep_ms(100);
	for (n = 0, i = 0; i < 3; i++)
		n += __atomic_load_n(&d[i].state, __ATOMIC_SEQ_CST) == 2;
	cr_assert_eq(n, 2, "%d downs passed after two ups", n);
	up(&s);
	for (i = 0; i < 3; i++) {
		ksim_task_join(t[i]);
		put_task_struct(t[i]);
	}
	cr_assert_eq(s.count, 0);
}

Test(semaphore, timeout_and_signals)
{
	struct semaphore s;
	s64 start;

	sema_init(&s, 0);
	start = ksim_host->now_ns();
	cr_assert_eq(down_timeout(&s, msecs_to_jiffies(100)), -ETIME);
	cr_assert_geq(ksim_host->now_ns() - start, 95 * 1000000LL);
	current->ksim_sigpending = 1;
	cr_assert_eq(down_interruptible(&s), -EINTR);
	cr_assert_eq(down_killable(&s), -EINTR);
	current->ksim_sigpending = 0;
	up(&s);
	cr_assert_eq(down_timeout(&s, 1), 0);
}
