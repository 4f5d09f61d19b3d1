// SPDX-License-Identifier: GPL-2.0
/* tests/unit/test_wait.c - kapi-shim/locking/wait.c and linux/wait.h */
#include <linux/kernel.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/err.h>
#include <linux/errno.h>

#include "internal.h"
#include "sim/host.h"
#include "ktest.h"

TestSuite(wait, .init = ktest_boot, .fini = ktest_shutdown);

static DECLARE_WAIT_QUEUE_HEAD(static_wq);

static struct task_struct *spawn(int (*fn)(void *), void *arg)
{
	struct task_struct *t = ksim_task_create(fn, arg, "wait_test");

	cr_assert(!IS_ERR(t));
	return t;
}

static void reap(struct task_struct *t)
{
	ksim_task_join(t);
	put_task_struct(t);
}

struct ctx {
	wait_queue_head_t *wq;
	int cond;
	int state;
	int woken;
	long ret;
	struct task_struct *task;
};

#define LOAD(x)		__atomic_load_n(&(x), __ATOMIC_SEQ_CST)
#define STORE(x, v)	__atomic_store_n(&(x), (v), __ATOMIC_SEQ_CST)

static int wait_event_fn(void *arg)
{
	struct ctx *c = arg;

	STORE(c->state, 1);
	wait_event(*c->wq, LOAD(c->cond));
	STORE(c->state, 2);
	return 0;
}

Test(wait, wait_event_wakes_on_condition_and_wake_up)
{
	struct ctx c = { .wq = &static_wq };
	struct task_struct *t = spawn(wait_event_fn, &c);

	cr_assert(ktest_wait_for(LOAD(c.state) == 1, 5000));
	ktest_sleep_ms(20);
	/* A wake-up without the condition: the waiter sleeps on. */
	wake_up(&static_wq);
	ktest_sleep_ms(20);
	cr_assert_eq(LOAD(c.state), 1);
	cr_assert(waitqueue_active(&static_wq));
	STORE(c.cond, 1);
	wake_up(&static_wq);
	cr_assert(ktest_wait_for(LOAD(c.state) == 2, 5000));
	reap(t);
	cr_assert(!wq_has_sleeper(&static_wq));
}

Test(wait, wait_event_timeout_values)
{
	wait_queue_head_t wq;
	int cond = 0;
	s64 start;
	long ret;

	init_waitqueue_head(&wq);
	start = ksim_host->now_ns();
	ret = wait_event_timeout(wq, cond, msecs_to_jiffies(100));
	cr_assert_eq(ret, 0);
	cr_assert_geq(ksim_host->now_ns() - start, 95 * 1000000LL);
	cond = 1;
	cr_assert_eq(wait_event_timeout(wq, cond, 7), 7, "true at once: full timeout back");
	cr_assert_eq(wait_event_timeout(wq, cond, 0), 1, "true with no time left: 1");
	cr_assert_eq(wait_event_interruptible_timeout(wq, cond, 5), 5);
	cr_assert_eq(wait_event_idle_timeout(wq, cond, 5), 5);
	cond = 0;
	cr_assert_eq(wait_event_idle_timeout(wq, cond, 1), 0);
}

static int timeout_waiter(void *arg)
{
	struct ctx *c = arg;

	STORE(c->state, 1);
	c->ret = wait_event_timeout(*c->wq, LOAD(c->cond), 10 * HZ);
	STORE(c->state, 2);
	return 0;
}

Test(wait, timeout_wait_woken_in_time_returns_time_left)
{
	DECLARE_WAIT_QUEUE_HEAD_ONSTACK(wq);
	struct ctx c = { .wq = &wq };
	struct task_struct *t = spawn(timeout_waiter, &c);

	cr_assert(ktest_wait_for(LOAD(c.state) == 1, 5000));
	ktest_sleep_ms(20);
	STORE(c.cond, 1);
	wake_up_all(&wq);
	cr_assert(ktest_wait_for(LOAD(c.state) == 2, 5000));
	cr_assert_geq(c.ret, 1);
	cr_assert_lt(c.ret, 10L * HZ + 1);
	reap(t);
}

struct excl {
	struct ctx c;
	struct wait_queue_entry we;
};

/* Records the wake-up under the queue lock, before the task can run. */
static int excl_wake(struct wait_queue_entry *we, unsigned int mode,
		     int flags, void *key)
{
	struct excl *x = container_of(we, struct excl, we);
	int ret = autoremove_wake_function(we, mode, flags, key);

	if (ret)
		STORE(x->c.woken, 1);
	return ret;
}

static int exclusive_fn(void *arg)
{
	struct excl *x = arg;

	init_wait(&x->we);
	x->we.func = excl_wake;
	STORE(x->c.state, 1);
	for (;;) {
		prepare_to_wait_exclusive(x->c.wq, &x->we, TASK_UNINTERRUPTIBLE);
		if (LOAD(x->c.woken))
			break;
		schedule();
	}
	finish_wait(x->c.wq, &x->we);
	STORE(x->c.state, 2);
	return 0;
}

Test(wait, wake_up_wakes_one_exclusive_waiter)
{
	DECLARE_WAIT_QUEUE_HEAD_ONSTACK(wq);
	struct excl x[3];
	struct ctx *c[3];
	struct task_struct *t[3];
	int i, n;

	for (i = 0; i < 3; i++) {
		x[i] = (struct excl){ .c = { .wq = &wq } };
		c[i] = &x[i].c;
		t[i] = spawn(exclusive_fn, &x[i]);
	}
	for (i = 0; i < 3; i++)
		cr_assert(ktest_wait_for(LOAD(c[i]->state) == 1, 5000));
	ktest_sleep_ms(50);
	wake_up(&wq);
	ktest_sleep_ms(100);
	for (n = 0, i = 0; i < 3; i++)
		n += LOAD(c[i]->state) == 2;
	cr_assert_eq(n, 1, "wake_up woke %d exclusive waiters", n);
	wake_up_nr(&wq, 2);
	for (i = 0; i < 3; i++)
		cr_assert(ktest_wait_for(LOAD(c[i]->state) == 2, 5000),
			  "waiter %d: state %d, queue %sempty", i, LOAD(c[i]->state),
			  waitqueue_active(&wq) ? "not " : "");
	for (i = 0; i < 3; i++)
		reap(t[i]);
	cr_assert(!waitqueue_active(&wq));
}

static int wake_function_count(struct wait_queue_entry *e, unsigned int mode,
			       int flags, void *key)
{
	int *hits = e->private;

	(*hits)++;
	return 1;
}

Test(wait, non_exclusive_all_woken_before_one_exclusive)
{
	DECLARE_WAIT_QUEUE_HEAD_ONSTACK(wq);
	struct wait_queue_entry e[4];
	int hits[4] = { 0 };
	int i;

	for (i = 0; i < 4; i++) {
		init_waitqueue_func_entry(&e[i], wake_function_count);
		e[i].private = &hits[i];
	}
	add_wait_queue_exclusive(&wq, &e[0]);
	add_wait_queue_exclusive(&wq, &e[1]);
	add_wait_queue(&wq, &e[2]);
	add_wait_queue(&wq, &e[3]);
	wake_up(&wq);
	cr_assert_eq(hits[2], 1);
	cr_assert_eq(hits[3], 1);
	cr_assert_eq(hits[0], 1);
	cr_assert_eq(hits[1], 0, "a second exclusive waiter was woken");
	wake_up_all(&wq);
	cr_assert_eq(hits[1], 1);
	for (i = 0; i < 4; i++)
		remove_wait_queue(&wq, &e[i]);
	cr_assert(!waitqueue_active(&wq));
}

Test(wait, interruptible_returns_erestartsys_on_signal)
{
	DECLARE_WAIT_QUEUE_HEAD_ONSTACK(wq);
	int cond = 0;

	current->ksim_sigpending = 1;
	cr_assert_eq(wait_event_interruptible(wq, cond), -ERESTARTSYS);
	cr_assert_eq(wait_event_killable(wq, cond), -ERESTARTSYS);
	cr_assert_eq(wait_event_interruptible_timeout(wq, cond, HZ), -ERESTARTSYS);
	cond = 1;
	cr_assert_eq(wait_event_interruptible(wq, cond), 0);
	current->ksim_sigpending = 0;
	cr_assert(!waitqueue_active(&wq));
	cr_assert_eq(get_current_state(), TASK_RUNNING);
}

static int intr_fn(void *arg)
{
	struct ctx *c = arg;

	c->task = current;
	STORE(c->state, 1);
	c->ret = wait_event_interruptible(*c->wq, LOAD(c->cond));
	STORE(c->state, 2);
	return 0;
}

Test(wait, signal_ends_a_sleeping_interruptible_wait)
{
	DECLARE_WAIT_QUEUE_HEAD_ONSTACK(wq);
	struct ctx c = { .wq = &wq };
	struct task_struct *t = spawn(intr_fn, &c);

	cr_assert(ktest_wait_for(LOAD(c.state) == 1, 5000));
	ktest_sleep_ms(20);
	STORE(c.task->ksim_sigpending, 1);
	wake_up_state(c.task, TASK_INTERRUPTIBLE);
	cr_assert(ktest_wait_for(LOAD(c.state) == 2, 5000));
	cr_assert_eq(c.ret, -ERESTARTSYS);
	reap(t);
	cr_assert(!waitqueue_active(&wq));
}

struct locked_ctx {
	wait_queue_head_t wq;
	spinlock_t lock;
	int cond;
	int state;
};

static int lock_irq_fn(void *arg)
{
	struct locked_ctx *c = arg;

	spin_lock_irq(&c->lock);
	STORE(c->state, 1);
	wait_event_lock_irq(c->wq, c->cond, c->lock);
	/* The lock is held again here. */
	if (spin_is_locked(&c->lock) && irqs_disabled())
		STORE(c->state, 2);
	spin_unlock_irq(&c->lock);
	return 0;
}

Test(wait, wait_event_lock_irq_drops_and_retakes_the_lock)
{
	static struct locked_ctx c;
	struct task_struct *t;

	init_waitqueue_head(&c.wq);
	spin_lock_init(&c.lock);
	t = spawn(lock_irq_fn, &c);
	cr_assert(ktest_wait_for(LOAD(c.state) == 1, 5000));
	ktest_sleep_ms(20);
	spin_lock_irq(&c.lock);	/* only possible if the waiter dropped it */
	c.cond = 1;
	spin_unlock_irq(&c.lock);
	wake_up(&c.wq);
	reap(t);
	cr_assert_eq(c.state, 2);
}

static int woken_fn(void *arg)
{
	struct ctx *c = arg;
	DEFINE_WAIT_FUNC(w, woken_wake_function);

	add_wait_queue(c->wq, &w);
	STORE(c->state, 1);
	while (!LOAD(c->cond))
		wait_woken(&w, TASK_UNINTERRUPTIBLE, MAX_SCHEDULE_TIMEOUT);
	remove_wait_queue(c->wq, &w);
	STORE(c->state, 2);
	return 0;
}

Test(wait, wait_woken)
{
	DECLARE_WAIT_QUEUE_HEAD_ONSTACK(wq);
	struct ctx c = { .wq = &wq };
	struct task_struct *t = spawn(woken_fn, &c);

	cr_assert(ktest_wait_for(LOAD(c.state) == 1, 5000));
	STORE(c.cond, 1);
	wake_up(&wq);
	cr_assert(ktest_wait_for(LOAD(c.state) == 2, 5000));
	reap(t);
}
