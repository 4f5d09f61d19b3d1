// SPDX-License-Identifier: GPL-2.0
/* tests/unit/test_rcupdate.c - kapi-shim/locking/rcupdate.c */
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>

#include "internal.h"
#include "ktest.h"

TestSuite(rcupdate, .init = ktest_boot, .fini = ktest_shutdown);

void ksim_rcu_exit(void);

#define LOAD(x)		__atomic_load_n(&(x), __ATOMIC_SEQ_CST)
#define STORE(x, v)	__atomic_store_n(&(x), (v), __ATOMIC_SEQ_CST)

struct reader {
	int state;
	int leave;
	s64 inner_left_ns;	/* when the nested section ended */
};

/* How long the reader stays in its outer section after leaving the inner one. */
#define OUTER_HOLD_MS 50

static int reader_fn(void *arg)
{
	struct reader *r = arg;

	rcu_read_lock();
	rcu_read_lock();	/* nesting */
	STORE(r->state, 1);
	while (!LOAD(r->leave))
		ktest_sleep_ms(1);	/* host sleep: not a kernel sleep */
	rcu_read_unlock();
	STORE(r->inner_left_ns, ktime_get_ns());
	STORE(r->state, 2);
	ktest_sleep_ms(OUTER_HOLD_MS);	/* still inside the outer section */
	rcu_read_unlock();
	STORE(r->state, 3);
	return 0;
}

struct syncer {
	int done;
	s64 done_ns;
};

static int sync_fn(void *arg)
{
	struct syncer *s = arg;

	synchronize_rcu();
	STORE(s->done_ns, ktime_get_ns());
	STORE(s->done, 1);
	return 0;
}

Test(rcupdate, synchronize_waits_for_a_reader_in_progress)
{
	struct reader r = { 0 };
	struct syncer s = { 0 };
	struct task_struct *tr, *ts;

	tr = ksim_task_create(reader_fn, &r, "rcu_reader");
	cr_assert(!IS_ERR(tr));
	cr_assert(ktest_wait_for(LOAD(r.state) == 1, 5000));
	ts = ksim_task_create(sync_fn, &s, "rcu_sync");
	cr_assert(!IS_ERR(ts));
	ktest_sleep_ms(100);
	cr_assert_eq(LOAD(s.done), 0, "grace period ended under a reader");
	/* New readers do not hold the grace period up. */
	rcu_read_lock();
	rcu_read_unlock();
	STORE(r.leave, 1);
	cr_assert(ktest_wait_for(LOAD(s.done) == 1, 5000));
	/*
	 * The grace period may end as soon as the outer unlock runs, before
	 * the reader records state 3; it may not end during the hold.
	 */
	cr_assert_geq(LOAD(s.done_ns) - LOAD(r.inner_left_ns), OUTER_HOLD_MS * 1000000LL,
		      "grace period ended inside the outer section");
	ksim_task_join(tr);
	put_task_struct(tr);
	ksim_task_join(ts);
	put_task_struct(ts);
}

Test(rcupdate, read_section_is_atomic)
{
	cr_assert(!rcu_read_lock_held());
	rcu_read_lock();
	cr_assert(rcu_read_lock_held());
	cr_assert(in_atomic());
	rcu_read_unlock();
	cr_assert(!in_atomic());
	cr_assert(!rcu_read_lock_held());
	synchronize_rcu();	/* no readers: returns */
}

Test(rcupdate, sleeping_in_a_read_section_reports)
{
	ktest_expect_reports(KSIM_REPORT_ATOMIC_SLEEP, 1);
	rcu_read_lock();
	might_sleep();
	rcu_read_unlock();
}

struct cb {
	struct rcu_head rcu;
	int *order;
	int *next;
	int id;
};

static void cb_fn(struct rcu_head *head)
{
	struct cb *c = container_of(head, struct cb, rcu);

	c->order[__atomic_fetch_add(c->next, 1, __ATOMIC_SEQ_CST)] = c->id;
	/* Callbacks run in softirq context. */
	if (!in_serving_softirq())
		c->order[0] = -1;
}

Test(rcupdate, call_rcu_runs_after_a_grace_period_in_order)
{
	static int order[4], next;
	static struct cb c[3];
	struct reader r = { 0 };
	struct task_struct *tr;
	int i;

	tr = ksim_task_create(reader_fn, &r, "rcu_reader");
	cr_assert(!IS_ERR(tr));
	cr_assert(ktest_wait_for(LOAD(r.state) == 1, 5000));
	for (i = 0; i < 3; i++) {
		c[i] = (struct cb){ .order = order, .next = &next, .id = i + 1 };
		call_rcu(&c[i].rcu, cb_fn);
	}
	ktest_sleep_ms(100);
	cr_assert_eq(LOAD(next), 0, "callback ran under a reader");
	STORE(r.leave, 1);
	rcu_barrier();
	cr_assert_eq(LOAD(next), 3);
	cr_assert_eq(order[0], 1);
	cr_assert_eq(order[1], 2);
	cr_assert_eq(order[2], 3);
	ksim_task_join(tr);
	put_task_struct(tr);
	ksim_rcu_exit();
}

struct obj {
	int payload;
	struct rcu_head rcu;
};

static struct obj *gp;

Test(rcupdate, pointers_and_kfree_rcu)
{
	struct obj *o = kmalloc(sizeof(*o), GFP_KERNEL), *p;

	cr_assert_not_null(o);
	o->payload = 42;
	rcu_assign_pointer(gp, o);
	rcu_read_lock();
	p = rcu_dereference(gp);
	cr_assert_eq(p->payload, 42);
	rcu_read_unlock();
	cr_assert_eq(rcu_access_pointer(gp), o);
	RCU_INIT_POINTER(gp, NULL);
	kfree_rcu(o, rcu);
	o = kmalloc(sizeof(*o), GFP_KERNEL);
	cr_assert_not_null(o);
	kfree_rcu(o);	/* headless: waits in the caller */
	rcu_barrier();
	ksim_rcu_exit();
	/* Nothing leaked: ktest_shutdown's leak check passes. */
}
