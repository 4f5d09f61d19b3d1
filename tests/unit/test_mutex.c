// SPDX-License-Identifier: GPL-2.0
/* tests/unit/test_mutex.c - kapi-shim/locking/mutex.c */
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/err.h>
#include <linux/errno.h>

#include "internal.h"
#include "ktest.h"

TestSuite(mutex, .init = ktest_boot, .fini = ktest_shutdown);

static struct task_struct *spawn(int (*fn)(void *), void *arg)
{
	struct task_struct *t = ksim_task_create(fn, arg, "mutex_test");

	cr_assert(!IS_ERR(t));
	return t;
}

static void reap(struct task_struct *t)
{
	ksim_task_join(t);
	put_task_struct(t);
}

static DEFINE_MUTEX(static_mutex);

Test(mutex, static_and_dynamic_init)
{
	struct mutex m;

	mutex_init(&m);
	cr_assert_str_eq(m.dep_map.name, "&m");
	cr_assert_not_null(m.dep_map.key);
	cr_assert_str_eq(static_mutex.dep_map.name, "static_mutex");
	cr_assert(!mutex_is_locked(&static_mutex));
	mutex_lock(&static_mutex);
	cr_assert(mutex_is_locked(&static_mutex));
	cr_assert_eq(static_mutex.owner, current);
	mutex_unlock(&static_mutex);
	cr_assert(!mutex_is_locked(&static_mutex));
	cr_assert_null(static_mutex.owner);
	mutex_destroy(&m);
}

Test(mutex, trylock)
{
	DEFINE_MUTEX(m);

	cr_assert_eq(mutex_trylock(&m), 1);
	/* Held, by this task too: trylock fails and reports nothing. */
	cr_assert_eq(mutex_trylock(&m), 0);
	mutex_unlock(&m);
	cr_assert_eq(mutex_trylock(&m), 1);
	mutex_unlock(&m);
}

struct counter {
	struct mutex lock;
	unsigned long value;
	int iters;
};

static int count_fn(void *arg)
{
	struct counter *c = arg;
	int i;

	for (i = 0; i < c->iters; i++) {
		unsigned long v;

		mutex_lock(&c->lock);
		v = c->value;
		/* Widen the window a lost update would need. */
		if ((i & 63) == 0)
			ktest_sleep_ms(0);
		c->value = v + 1;
		mutex_unlock(&c->lock);
	}
	return 0;
}

Test(mutex, mutual_exclusion_under_contention)
{
	static struct counter c = { .lock = __MUTEX_INITIALIZER(c.lock), .iters = 20000 };
	struct task_struct *t[4];
	int i;

	for (i = 0; i < 4; i++)
		t[i] = spawn(count_fn, &c);
	for (i = 0; i < 4; i++)
		reap(t[i]);
	cr_assert_eq(c.value, 4 * 20000UL);
	cr_assert(!mutex_is_locked(&c.lock));
}

struct holder {
	struct mutex *lock;
	int locked;
	int release;
	int unlock;
};

static int hold_fn(void *arg)
{
	struct holder *h = arg;

	mutex_lock(h->lock);
	__atomic_store_n(&h->locked, 1, __ATOMIC_SEQ_CST);
	while (!__atomic_load_n(&h->release, __ATOMIC_SEQ_CST))
		ktest_sleep_ms(1);
	if (h->unlock)
		mutex_unlock(h->lock);
	return 0;
}

static struct task_struct *start_holder(struct holder *h)
{
	struct task_struct *t = spawn(hold_fn, h);

	cr_assert(ktest_wait_for(__atomic_load_n(&h->locked, __ATOMIC_SEQ_CST), 5000));
	return t;
}

Test(mutex, interruptible_with_signal_pending)
{
	DEFINE_MUTEX(m);
	struct holder h = { .lock = &m, .unlock = 1 };
	struct task_struct *t;

	/* Uncontended: a pending signal does not matter (kernel fast path). */
	current->ksim_sigpending = 1;
	cr_assert_eq(mutex_lock_interruptible(&m), 0);
	mutex_unlock(&m);

	current->ksim_sigpending = 0;
	t = start_holder(&h);
	current->ksim_sigpending = 1;
	cr_assert_eq(mutex_lock_interruptible(&m), -EINTR);
	cr_assert_eq(mutex_lock_killable(&m), -EINTR);
	cr_assert_neq(m.owner, current);
	current->ksim_sigpending = 0;
	__atomic_store_n(&h.release, 1, __ATOMIC_SEQ_CST);
	cr_assert_eq(mutex_lock_interruptible(&m), 0);
	cr_assert_eq(m.owner, current);
	mutex_unlock(&m);
	reap(t);
}

struct intr_waiter {
	struct mutex *lock;
	struct task_struct *task;
	int started;
	int ret;
};

static int intr_fn(void *arg)
{
	struct intr_waiter *w = arg;

	w->task = current;
	__atomic_store_n(&w->started, 1, __ATOMIC_SEQ_CST);
	w->ret = mutex_lock_interruptible(w->lock);
	if (!w->ret)
		mutex_unlock(w->lock);
	__atomic_store_n(&w->started, 2, __ATOMIC_SEQ_CST);
	return 0;
}

Test(mutex, signal_ends_an_interruptible_sleep)
{
	DEFINE_MUTEX(m);
	struct intr_waiter w = { .lock = &m, .ret = 1 };
	struct task_struct *t;

	mutex_lock(&m);
	t = spawn(intr_fn, &w);
	cr_assert(ktest_wait_for(__atomic_load_n(&w.started, __ATOMIC_SEQ_CST) == 1, 5000));
	ktest_sleep_ms(30);
	cr_assert_eq(__atomic_load_n(&w.started, __ATOMIC_SEQ_CST), 1, "waiter did not block");
	__atomic_store_n(&w.task->ksim_sigpending, 1, __ATOMIC_SEQ_CST);
	cr_assert(ktest_wait_for(__atomic_load_n(&w.started, __ATOMIC_SEQ_CST) == 2, 5000));
	cr_assert_eq(w.ret, -EINTR);
	mutex_unlock(&m);
	reap(t);
}

Test(mutex, waiter_gets_the_lock_after_unlock)
{
	DEFINE_MUTEX(m);
	struct intr_waiter w = { .lock = &m, .ret = 1 };
	struct task_struct *t;

	mutex_lock(&m);
	t = spawn(intr_fn, &w);
	cr_assert(ktest_wait_for(__atomic_load_n(&w.started, __ATOMIC_SEQ_CST) == 1, 5000));
	ktest_sleep_ms(30);
	cr_assert_eq(__atomic_load_n(&w.started, __ATOMIC_SEQ_CST), 1, "waiter did not block");
	mutex_unlock(&m);
	cr_assert(ktest_wait_for(__atomic_load_n(&w.started, __ATOMIC_SEQ_CST) == 2, 5000));
	cr_assert_eq(w.ret, 0);
	reap(t);
}

Test(mutex, unlock_by_non_owner_is_reported)
{
	DEFINE_MUTEX(m);
	struct holder h = { .lock = &m, .unlock = 0 };
	struct task_struct *t;

	ktest_expect_reports(KSIM_REPORT_LOCKING, 1);
	t = start_holder(&h);
	mutex_unlock(&m);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_LOCKING), 1);
	cr_assert(ksim_dmesg_contains("DEBUG_LOCKS_WARN_ON(owner != current)"));
	cr_assert(ksim_dmesg_contains("------------[ cut here ]------------"));
	/* As in the kernel, the mutex was released anyway. */
	cr_assert(!mutex_is_locked(&m));
	__atomic_store_n(&h.release, 1, __ATOMIC_SEQ_CST);
	reap(t);
}

Test(mutex, unlock_of_unlocked_mutex_is_reported)
{
	DEFINE_MUTEX(m);

	ktest_expect_reports(KSIM_REPORT_LOCKING, 1);
	mutex_unlock(&m);
	cr_assert(ksim_dmesg_contains("DEBUG_LOCKS_WARN_ON(!mutex_is_locked(lock))"));
	cr_assert(!mutex_is_locked(&m));
}

Test(mutex, destroy_of_locked_mutex_is_reported)
{
	struct mutex m;

	mutex_init(&m);
	mutex_destroy(&m);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_LOCKING), 0);
	ktest_expect_reports(KSIM_REPORT_LOCKING, 1);
	mutex_lock(&m);
	mutex_destroy(&m);
	cr_assert(ksim_dmesg_contains("DEBUG_LOCKS_WARN_ON(mutex_is_locked(lock))"));
	mutex_unlock(&m);
}

static noinline void take_again(struct mutex *m)
{
	mutex_lock(m);
}

Test(mutex, recursive_lock_panics, .exit_code = 3)
{
	DEFINE_MUTEX(m);

	mutex_lock(&m);
	take_again(&m);
	cr_assert_fail("mutex_lock on a held mutex returned");
}

Test(mutex, lock_under_spinlock_reports_atomic_sleep)
{
	DEFINE_MUTEX(m);

	ktest_expect_reports(KSIM_REPORT_ATOMIC_SLEEP, 1);
	preempt_disable();
	mutex_lock(&m);
	mutex_unlock(&m);
	preempt_enable();
	cr_assert(ksim_dmesg_contains("BUG: sleeping function called from invalid context"));
}

Test(mutex, atomic_dec_and_mutex_lock)
{
	DEFINE_MUTEX(m);
	atomic_t cnt = ATOMIC_INIT(2);

	cr_assert_eq(atomic_dec_and_mutex_lock(&cnt, &m), 0);
	cr_assert_eq(atomic_read(&cnt), 1);
	cr_assert(!mutex_is_locked(&m));
	cr_assert_eq(atomic_dec_and_mutex_lock(&cnt, &m), 1);
	cr_assert_eq(atomic_read(&cnt), 0);
	cr_assert(mutex_is_locked(&m));
	cr_assert_eq(m.owner, current);
	mutex_unlock(&m);
}

Test(mutex, lockdep_assert_held)
{
	DEFINE_MUTEX(m);

	mutex_lock_nested(&m, SINGLE_DEPTH_NESTING);
	lockdep_assert_held(&m);
	cr_assert_eq(lockdep_is_held(&m), LOCK_STATE_HELD);
	mutex_unlock(&m);
	cr_assert_eq(lockdep_is_held(&m), LOCK_STATE_NOT_HELD);
	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	lockdep_assert_held(&m);
}
