// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_workqueue.c - kernel/workqueue.c: process context on
 * kworkers, pending semantics, non-reentrancy, ordering, max_active,
 * flush/cancel/drain guarantees, delayed work, debugobjects.
 */
#include <string.h>

#include "ktest.h"

#include <linux/workqueue.h>
#include <linux/jiffies.h>
#include <linux/delay.h>
#include <linux/sched.h>
#include <linux/preempt.h>

#include "internal.h"

TestSuite(workqueue, .init = ktest_boot, .fini = ktest_shutdown);

static int load(int *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static void store(int *p, int v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

static int inc(int *p)
{
	return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST);
}

static void dec(int *p)
{
	__atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST);
}

static void track_max(int *max, int v)
{
	int cur = load(max);

	while (v > cur && !__atomic_compare_exchange_n(max, &cur, v, false,
						       __ATOMIC_SEQ_CST,
						       __ATOMIC_SEQ_CST))
		;
}

struct item {
	struct work_struct work;
	struct delayed_work dwork;
	int idx;
	int runs;
	int started, finished;
	int task, atomic, worker;
	unsigned long ran_at;
	char comm[TASK_COMM_LEN];
};

static void context_fn(struct work_struct *w)
{
	struct item *it = container_of(w, struct item, work);

	it->task = in_task();
	it->atomic = in_atomic();
	it->worker = !!(current->flags & PF_WQ_WORKER);
	memcpy(it->comm, current->comm, sizeof(it->comm));
	msleep(1);	/* may sleep: no report */
	inc(&it->runs);
}

Test(workqueue, runs_in_process_context_on_kworker)
{
	struct item it = { 0 };

	INIT_WORK(&it.work, context_fn);
	cr_assert(schedule_work(&it.work));
	cr_assert(flush_work(&it.work));
	cr_assert_eq(load(&it.runs), 1);
	cr_assert(it.task);
	cr_assert(!it.atomic);
	cr_assert(it.worker);
	cr_assert(!strncmp(it.comm, "kworker/", 8), "comm %s", it.comm);
	cr_assert(!flush_work(&it.work), "idle: nothing to wait for");
}

static int gate;

static void blocker_fn(struct work_struct *w)
{
	struct item *it = container_of(w, struct item, work);

	store(&it->started, 1);
	while (!load(&gate))
		msleep(1);
	inc(&it->runs);
}

static void count_fn(struct work_struct *w)
{
	inc(&container_of(w, struct item, work)->runs);
}

Test(workqueue, queue_work_false_while_pending)
{
	struct workqueue_struct *wq = alloc_workqueue("ktest", WQ_UNBOUND, 1);
	struct item a = { 0 }, b = { 0 };

	cr_assert_not_null(wq);
	INIT_WORK(&a.work, blocker_fn);
	INIT_WORK(&b.work, count_fn);
	cr_assert(queue_work(wq, &a.work));
	cr_assert(ktest_wait_for(load(&a.started), 5000));
	cr_assert(queue_work(wq, &b.work));
	cr_assert(work_pending(&b.work));
	cr_assert(!queue_work(wq, &b.work));
	store(&gate, 1);
	flush_workqueue(wq);
	cr_assert_eq(load(&b.runs), 1);
	cr_assert(!work_pending(&b.work));
	destroy_workqueue(wq);
}

static int running, overlap, max_running;

static void reentry_fn(struct work_struct *w)
{
	struct item *it = container_of(w, struct item, work);

	if (inc(&running) > 1)
		store(&overlap, 1);
	udelay(200);
	dec(&running);
	inc(&it->runs);
}

Test(workqueue, never_reentrant)
{
	struct workqueue_struct *wq = alloc_workqueue("ktest", WQ_UNBOUND, 4);
	struct item it = { 0 };
	int i, queued = 0;

	INIT_WORK(&it.work, reentry_fn);
	for (i = 0; i < 300; i++) {
		queued += queue_work(wq, &it.work);
		udelay(50);
		if (i % 3 == 0)
			schedule_work(&it.work);	/* another queue, too */
	}
	flush_workqueue(wq);
	flush_work(&it.work);
	cr_assert_eq(load(&overlap), 0, "the item ran twice at once");
	cr_assert_geq(load(&it.runs), queued > 1 ? 2 : 1);
	destroy_workqueue(wq);
}

static int order[1000];
static int nr_order;

static void order_fn(struct work_struct *w)
{
	struct item *it = container_of(w, struct item, work);

	order[__atomic_fetch_add(&nr_order, 1, __ATOMIC_SEQ_CST)] = it->idx;
}

Test(workqueue, ordered_preserves_order)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("ktest-%s", 0, "ord");
	static struct item items[1000];
	int i;

	cr_assert_not_null(wq);
	for (i = 0; i < 1000; i++) {
		items[i].idx = i;
		INIT_WORK(&items[i].work, order_fn);
		cr_assert(queue_work(wq, &items[i].work));
	}
	flush_workqueue(wq);
	cr_assert_eq(load(&nr_order), 1000);
	for (i = 0; i < 1000; i++)
		cr_assert_eq(order[i], i);
	destroy_workqueue(wq);
}

static int concurrency_target;

static void concurrent_fn(struct work_struct *w)
{
	int n = inc(&running);
	int i;

	track_max(&max_running, n);
	/* hold on until the expected concurrency is reached (or give up) */
	for (i = 0; i < 2000 && load(&running) < concurrency_target; i++)
		msleep(1);
	msleep(5);
	dec(&running);
	inc(&container_of(w, struct item, work)->runs);
}

static void check_max_active(int max_active)
{
	struct workqueue_struct *wq = alloc_workqueue("ktest", WQ_UNBOUND, max_active);
	static struct item items[8];
	int i;

	store(&running, 0);
	store(&max_running, 0);
	concurrency_target = max_active;
	for (i = 0; i < 8; i++) {
		memset(&items[i], 0, sizeof(items[i]));
		INIT_WORK(&items[i].work, concurrent_fn);
		queue_work(wq, &items[i].work);
	}
	flush_workqueue(wq);
	for (i = 0; i < 8; i++)
		cr_assert_eq(load(&items[i].runs), 1);
	cr_assert_eq(load(&max_running), max_active);
	destroy_workqueue(wq);
}

Test(workqueue, max_active_1)
{
	check_max_active(1);
}

Test(workqueue, max_active_4)
{
	check_max_active(4);
}

static void slow_fn(struct work_struct *w)
{
	struct item *it = container_of(w, struct item, work);

	store(&it->started, 1);
	msleep(20);
	store(&it->finished, 1);
	inc(&it->runs);
}

Test(workqueue, flush_workqueue_waits_for_earlier_items)
{
	struct workqueue_struct *wq = alloc_workqueue("ktest", 0, 2);
	struct item it[5];
	int i;

	memset(it, 0, sizeof(it));
	for (i = 0; i < 5; i++) {
		INIT_WORK(&it[i].work, slow_fn);
		queue_work(wq, &it[i].work);
	}
	flush_workqueue(wq);
	for (i = 0; i < 5; i++)
		cr_assert_eq(load(&it[i].finished), 1);
	destroy_workqueue(wq);
}

Test(workqueue, cancel_work_sync_waits_for_running)
{
	struct item it = { 0 };

	INIT_WORK(&it.work, slow_fn);
	schedule_work(&it.work);
	cr_assert(ktest_wait_for(load(&it.started), 5000));
	cr_assert(!cancel_work_sync(&it.work), "running, not pending");
	cr_assert_eq(load(&it.finished), 1);
}

Test(workqueue, cancel_work_sync_pending_returns_true)
{
	struct workqueue_struct *wq = alloc_workqueue("ktest", WQ_UNBOUND, 1);
	struct item a = { 0 }, b = { 0 };

	INIT_WORK(&a.work, blocker_fn);
	INIT_WORK(&b.work, count_fn);
	queue_work(wq, &a.work);
	cr_assert(ktest_wait_for(load(&a.started), 5000));
	queue_work(wq, &b.work);
	cr_assert(cancel_work_sync(&b.work));
	cr_assert(!work_pending(&b.work));
	cr_assert(!cancel_work(&b.work));
	store(&gate, 1);
	destroy_workqueue(wq);
	cr_assert_eq(load(&b.runs), 0);
	cr_assert(queue_work(system_wq, &b.work), "usable again after cancel");
	flush_work(&b.work);
	cr_assert_eq(load(&b.runs), 1);
}

static void dwork_fn(struct work_struct *w)
{
	struct item *it = container_of(to_delayed_work(w), struct item, dwork);

	it->ran_at = jiffies;
	it->task = in_task();
	inc(&it->runs);
}

Test(workqueue, delayed_work_not_before_delay)
{
	struct item it = { 0 };
	unsigned long j0, delay = msecs_to_jiffies(50);

	INIT_DELAYED_WORK(&it.dwork, dwork_fn);
	j0 = jiffies;
	cr_assert(schedule_delayed_work(&it.dwork, delay));
	cr_assert(delayed_work_pending(&it.dwork));
	cr_assert(!schedule_delayed_work(&it.dwork, delay));
	cr_assert(ktest_wait_for(load(&it.runs), 5000));
	cr_assert(time_after_eq(it.ran_at, j0 + delay), "ran at %lu, queued %lu + %lu",
		  it.ran_at, j0, delay);
	cr_assert(it.task);
}

Test(workqueue, mod_delayed_work_moves_it)
{
	struct item it = { 0 };

	INIT_DELAYED_WORK(&it.dwork, dwork_fn);
	cr_assert(!mod_delayed_work(system_wq, &it.dwork, 100 * HZ), "was idle");
	cr_assert(mod_delayed_work(system_wq, &it.dwork, 1), "was pending");
	cr_assert(ktest_wait_for(load(&it.runs), 5000));
	ktest_sleep_ms(20);
	cr_assert_eq(load(&it.runs), 1);
}

Test(workqueue, cancel_delayed_work_sync_prevents_it)
{
	struct item it = { 0 };

	INIT_DELAYED_WORK(&it.dwork, dwork_fn);
	schedule_delayed_work(&it.dwork, msecs_to_jiffies(20));
	cr_assert(cancel_delayed_work_sync(&it.dwork));
	cr_assert(!delayed_work_pending(&it.dwork));
	ktest_sleep_ms(80);
	cr_assert_eq(load(&it.runs), 0);
	cr_assert(!cancel_delayed_work(&it.dwork));
}

Test(workqueue, flush_delayed_work_runs_it_now)
{
	struct item it = { 0 };

	INIT_DELAYED_WORK(&it.dwork, dwork_fn);
	schedule_delayed_work(&it.dwork, 100 * HZ);
	cr_assert(flush_delayed_work(&it.dwork));
	cr_assert_eq(load(&it.runs), 1);
	cr_assert(!delayed_work_pending(&it.dwork));
}

Test(workqueue, destroy_drains)
{
	struct workqueue_struct *wq = alloc_workqueue("ktest-%d", 0, 0, 5);
	struct item it[10];
	int i;

	memset(it, 0, sizeof(it));
	for (i = 0; i < 10; i++) {
		INIT_WORK(&it[i].work, slow_fn);
		queue_work(wq, &it[i].work);
	}
	destroy_workqueue(wq);
	for (i = 0; i < 10; i++)
		cr_assert_eq(load(&it[i].runs), 1);
}

static struct workqueue_struct *chain_wq;

static void chain_fn(struct work_struct *w)
{
	struct item *it = container_of(w, struct item, work);

	if (inc(&it->runs) < 5)
		queue_work(chain_wq, w);	/* chained work is allowed while draining */
}

Test(workqueue, drain_follows_chained_work)
{
	struct item it = { 0 };

	chain_wq = alloc_workqueue("ktest", 0, 1);
	INIT_WORK(&it.work, chain_fn);
	queue_work(chain_wq, &it.work);
	drain_workqueue(chain_wq);
	cr_assert_eq(load(&it.runs), 5);
	destroy_workqueue(chain_wq);
}

static void odebug_work_fn(struct work_struct *w)
{
	inc(&container_of(w, struct item, work)->runs);
}

Test(workqueue, free_of_queued_work_is_reported)
{
	struct workqueue_struct *wq = alloc_workqueue("ktest", WQ_UNBOUND, 1);
	struct item a = { 0 }, b = { 0 };

	ktest_expect_reports(KSIM_REPORT_OBJECT, 1);
	INIT_WORK(&a.work, blocker_fn);
	INIT_WORK(&b.work, odebug_work_fn);
	queue_work(wq, &a.work);
	cr_assert(ktest_wait_for(load(&a.started), 5000));
	queue_work(wq, &b.work);
	ksim_debug_check_free(&b, sizeof(b));
	cr_assert(ksim_dmesg_contains("object type: work_struct hint: odebug_work_fn"));
	cr_assert(!work_pending(&b.work));
	store(&gate, 1);
	destroy_workqueue(wq);
	cr_assert_eq(load(&b.runs), 0);
}
