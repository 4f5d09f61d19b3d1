// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/locking/rcupdate.c - RCU: read-side sections, grace periods,
 * deferred callbacks.
 *
 * Readers count themselves in one of two counters, the one rcu_gp_idx
 * names when their outermost rcu_read_lock() runs (the task remembers
 * which, in its lock state).  A grace period flips rcu_gp_idx and waits
 * for the old counter to drain, twice, so both counters have been empty
 * at some point after synchronize_rcu() was called: every reader that
 * was inside a section then has left it.  Readers entering meanwhile use
 * the other counter and cannot hold the grace period up for long.
 *
 * Callbacks (call_rcu, kfree_rcu) go to a queue served by the "rcu_gp"
 * task, started on first use: it waits for a grace period covering the
 * batch, then runs it in softirq context, as the kernel's RCU_SOFTIRQ
 * does.  ksim_rcu_exit() drains the queue and stops the task.
 */
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/export.h>

#include "internal.h"
#include "locking.h"

/* How often a grace period re-reads a reader counter while it waits. */
#define RCU_GP_POLL_NS	(10 * 1000 * 1000LL)

static u32 rcu_gp_idx;
static u32 rcu_readers[2];
static u32 rcu_gp_waiting;
static struct ksim_lock rcu_gp_mutex = KSIM_LOCK_INIT;

/* The callback queue, FIFO, and its server. */
static struct ksim_lock rcu_cb_lock = KSIM_LOCK_INIT;
static struct rcu_head *rcu_cb_head;
static struct rcu_head **rcu_cb_tail = &rcu_cb_head;
static u32 rcu_cb_queued;	/* callbacks ever queued */
static u32 rcu_cb_done;		/* ... and ever run; futex word */
static u32 rcu_cb_kick;		/* futex word the server sleeps on */
static bool rcu_cb_stop;
static struct task_struct *rcu_gp_task;

void __rcu_read_lock(void)
{
	struct ksim_task_locks *tl = ksim_task_locks(current);

	preempt_disable();
	if (tl->rcu_nesting++ == 0) {
		u32 idx = __atomic_load_n(&rcu_gp_idx, __ATOMIC_SEQ_CST);

		__atomic_fetch_add(&rcu_readers[idx], 1, __ATOMIC_SEQ_CST);
		tl->rcu_idx = idx;
	}
}
EXPORT_SYMBOL_GPL(__rcu_read_lock);

void __rcu_read_unlock(void)
{
	struct ksim_task_locks *tl = ksim_task_locks(current);
	u32 idx = tl->rcu_idx;

	if (KSIM_DEBUG_LOCKS_WARN_ON(tl->rcu_nesting <= 0, _RET_IP_))
		return;
	if (--tl->rcu_nesting == 0 &&
	    __atomic_sub_fetch(&rcu_readers[idx], 1, __ATOMIC_SEQ_CST) == 0 &&
	    __atomic_load_n(&rcu_gp_waiting, __ATOMIC_SEQ_CST))
		ksim_host->wake(&rcu_readers[idx], INT32_MAX);
	preempt_enable();
}
EXPORT_SYMBOL_GPL(__rcu_read_unlock);

int rcu_read_lock_held(void)
{
	return ksim_task_locks(current)->rcu_nesting > 0;
}
EXPORT_SYMBOL_GPL(rcu_read_lock_held);

static void wait_readers(u32 idx)
{
	u32 v;

	while ((v = __atomic_load_n(&rcu_readers[idx], __ATOMIC_SEQ_CST)))
		ksim_host->wait(&rcu_readers[idx], v,
				ksim_host->now_ns() + RCU_GP_POLL_NS);
}

void synchronize_rcu(void)
{
	int i;

	might_sleep();
	/* Waiting for our own section would never end; might_sleep() said so. */
	if (WARN_ON_ONCE(rcu_read_lock_held()))
		return;
	ksim_lock(&rcu_gp_mutex);
	__atomic_fetch_add(&rcu_gp_waiting, 1, __ATOMIC_SEQ_CST);
	for (i = 0; i < 2; i++) {
		u32 idx = __atomic_load_n(&rcu_gp_idx, __ATOMIC_SEQ_CST);

		__atomic_store_n(&rcu_gp_idx, idx ^ 1, __ATOMIC_SEQ_CST);
		wait_readers(idx);
	}
	__atomic_fetch_sub(&rcu_gp_waiting, 1, __ATOMIC_SEQ_CST);
	ksim_unlock(&rcu_gp_mutex);
}
EXPORT_SYMBOL_GPL(synchronize_rcu);

/* kfree_rcu() stores the rcu_head's offset in the object as the function. */
static void rcu_invoke(struct rcu_head *head)
{
	unsigned long offset = (unsigned long)head->func;

	if (offset < 4096)
		kvfree((char *)head - offset);
	else
		head->func(head);
}

static int rcu_gp_kthread(void *unused)
{
	for (;;) {
		u32 kick = __atomic_load_n(&rcu_cb_kick, __ATOMIC_SEQ_CST);
		struct rcu_head *list;
		bool stop;
		u32 n = 0;

		ksim_lock(&rcu_cb_lock);
		list = rcu_cb_head;
		rcu_cb_head = NULL;
		rcu_cb_tail = &rcu_cb_head;
		stop = rcu_cb_stop;
		ksim_unlock(&rcu_cb_lock);
		if (!list) {
			if (stop)
				return 0;
			ksim_host->wait(&rcu_cb_kick, kick, KSIM_HOST_FOREVER);
			continue;
		}
		/* Every callback in the batch was queued before this. */
		synchronize_rcu();
		ksim_softirq_enter();
		while (list) {
			struct rcu_head *next = list->next;

			rcu_invoke(list);
			list = next;
			n++;
		}
		ksim_softirq_exit();
		__atomic_fetch_add(&rcu_cb_done, n, __ATOMIC_SEQ_CST);
		ksim_host->wake(&rcu_cb_done, INT32_MAX);
	}
}

static void rcu_kick(void)
{
	__atomic_fetch_add(&rcu_cb_kick, 1, __ATOMIC_SEQ_CST);
	ksim_host->wake(&rcu_cb_kick, 1);
}

/* Called with rcu_cb_lock held; the server starts on first use. */
static void rcu_start_server(void)
{
	struct task_struct *t;

	if (rcu_gp_task)
		return;
	t = ksim_task_create(rcu_gp_kthread, NULL, "rcu_gp");
	if (IS_ERR(t)) {
		pr_err("rcu: cannot start the rcu_gp task (%ld): callbacks wait for rcu_barrier()\n",
		       PTR_ERR(t));
		return;
	}
	rcu_gp_task = t;
}

void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	head->func = func;
	head->next = NULL;
	ksim_lock(&rcu_cb_lock);
	*rcu_cb_tail = head;
	rcu_cb_tail = &head->next;
	rcu_cb_queued++;
	rcu_start_server();
	ksim_unlock(&rcu_cb_lock);
	rcu_kick();
}
EXPORT_SYMBOL_GPL(call_rcu);

void kvfree_call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	if (head) {
		call_rcu(head, func);
		return;
	}
	/* kfree_rcu(ptr) without an rcu_head: @func is the object. */
	might_sleep();
	synchronize_rcu();
	kvfree((void *)func);
}
EXPORT_SYMBOL_GPL(kvfree_call_rcu);

/* Run the queue in the caller (no server task, or it is gone). */
static void rcu_drain_here(void)
{
	struct rcu_head *list;
	u32 n = 0;

	ksim_lock(&rcu_cb_lock);
	list = rcu_cb_head;
	rcu_cb_head = NULL;
	rcu_cb_tail = &rcu_cb_head;
	ksim_unlock(&rcu_cb_lock);
	if (!list)
		return;
	synchronize_rcu();
	ksim_softirq_enter();
	for (; list; n++) {
		struct rcu_head *next = list->next;

		rcu_invoke(list);
		list = next;
	}
	ksim_softirq_exit();
	__atomic_fetch_add(&rcu_cb_done, n, __ATOMIC_SEQ_CST);
}

void rcu_barrier(void)
{
	u32 target, done;
	bool server;

	might_sleep();
	ksim_lock(&rcu_cb_lock);
	target = rcu_cb_queued;
	server = rcu_gp_task != NULL;
	ksim_unlock(&rcu_cb_lock);
	if (!server) {
		rcu_drain_here();
		return;
	}
	while ((s32)((done = __atomic_load_n(&rcu_cb_done, __ATOMIC_SEQ_CST)) -
		     target) < 0)
		ksim_host->wait(&rcu_cb_done, done, KSIM_HOST_FOREVER);
}
EXPORT_SYMBOL_GPL(rcu_barrier);

/*
 * At shutdown (before the leak check): run every queued callback, stop
 * the server task and forget it, so a later boot starts afresh.
 */
void ksim_rcu_exit(void)
{
	struct task_struct *t;

	ksim_lock(&rcu_cb_lock);
	t = rcu_gp_task;
	rcu_cb_stop = true;
	ksim_unlock(&rcu_cb_lock);
	if (t) {
		rcu_kick();
		ksim_task_join(t);
		put_task_struct(t);
	}
	rcu_drain_here();
	ksim_lock(&rcu_cb_lock);
	rcu_gp_task = NULL;
	rcu_cb_stop = false;
	ksim_unlock(&rcu_cb_lock);
}
