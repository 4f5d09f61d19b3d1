// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/workqueue.c - workqueues.
 *
 * Every workqueue owns a small pool of worker tasks, started when its
 * first item is queued, and a FIFO of queued items.  A worker takes the first item it may run: not beyond max_active
 * running items, and not an item another worker is still running (the
 * kernel's non-reentrancy guarantee: it stays queued and runs after).
 * Before running an item a worker makes sure an idle worker is left (up to
 * max_active workers), so a work item that waits for another one on the
 * same queue does not deadlock; workers never exit until their workqueue is
 * destroyed.  No concurrency management per CPU: ksim's CPUs are not real.
 *
 * One lock for all workqueue state keeps the invariants easy to see; work
 * items are for reset and error paths, not per I/O, so it is not hot.
 * Every queued instance gets a global sequence number: flush_workqueue()
 * waits until nothing numbered at or below "now" is queued or running on
 * the queue, flush_work() until its one instance is gone.  Waiters sleep on
 * one event word, bumped whenever an instance finishes or is cancelled.
 *
 * cancel_*_sync() follows the kernel: it takes the PENDING bit for itself
 * (so the item cannot be queued again meanwhile), waits for a running
 * instance, then releases it.
 */
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/bug.h>
#include <linux/workqueue.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/export.h>
#include <ksim/report.h>

#include <stdio.h>

#include "internal.h"
#include "sim/host.h"
#include "kernel/ksim_time_internal.h"

/* Workers one workqueue may have; max_active beyond it still queues fine. */
#define WQ_MAX_WORKERS		WQ_DFL_ACTIVE

struct worker {
	struct workqueue_struct	*wq;
	struct task_struct	*task;
	/* The item running now (NULL when idle) and what identifies it. */
	struct work_struct	*current_work;
	work_func_t		current_func;
	u64			current_seq;
	/* Another queue skipped our item: wake every queue when it ends. */
	bool			kick;
	struct list_head	node;		/* wq->workers */
	struct list_head	busy_node;	/* busy_workers, while running */
};

struct workqueue_struct {
	char			name[WQ_NAME_LEN];
	unsigned int		flags;
	int			max_active;
	struct list_head	worklist;	/* queued, by sequence number */
	struct list_head	workers;
	int			nr_workers;	/* including ones being created */
	int			nr_idle;
	int			nr_active;	/* items running */
	int			nr_drainers;
	u32			wake_seq;	/* idle workers sleep on it */
	bool			dying;
	bool			system;		/* the shim's own: host memory */
	struct list_head	node;		/* all_wqs */
	/* As the kernel's: a dynamic class per workqueue, "held" by its workers. */
	struct lock_class_key	key;
	struct lockdep_map	lockdep_map;
};

static struct ksim_lock wq_lock = KSIM_LOCK_INIT;
static LIST_HEAD(all_wqs);
static LIST_HEAD(busy_workers);
static u64 wq_seq;
static u32 wq_event;
static int wq_event_waiters;
static int worker_ids;

struct workqueue_struct *system_wq __read_mostly;
EXPORT_SYMBOL(system_wq);
struct workqueue_struct *system_highpri_wq __read_mostly;
EXPORT_SYMBOL_GPL(system_highpri_wq);
struct workqueue_struct *system_long_wq __read_mostly;
EXPORT_SYMBOL_GPL(system_long_wq);
struct workqueue_struct *system_unbound_wq __read_mostly;
EXPORT_SYMBOL_GPL(system_unbound_wq);
struct workqueue_struct *system_freezable_wq __read_mostly;
EXPORT_SYMBOL_GPL(system_freezable_wq);
struct workqueue_struct *system_power_efficient_wq __read_mostly;
EXPORT_SYMBOL_GPL(system_power_efficient_wq);
struct workqueue_struct *system_freezable_power_efficient_wq __read_mostly;
EXPORT_SYMBOL_GPL(system_freezable_power_efficient_wq);

/* ---- helpers (wq_lock held unless said otherwise) ---- */

static void wq_event_signal(void)
{
	if (!wq_event_waiters)
		return;
	__atomic_add_fetch(&wq_event, 1, __ATOMIC_RELEASE);
	ksim_host->wake(&wq_event, INT32_MAX);
}

/* Sleep until the next wq_event_signal(); drops and retakes wq_lock. */
static void wq_wait_event(void)
{
	u32 seq = __atomic_load_n(&wq_event, __ATOMIC_ACQUIRE);

	wq_event_waiters++;
	ksim_unlock(&wq_lock);
	ksim_host->wait(&wq_event, seq, KSIM_HOST_FOREVER);
	ksim_lock(&wq_lock);
	wq_event_waiters--;
}

static void wake_worker(struct workqueue_struct *wq, int nr)
{
	if (!wq->nr_idle)
		return;
	__atomic_add_fetch(&wq->wake_seq, 1, __ATOMIC_RELEASE);
	ksim_host->wake(&wq->wake_seq, nr);
}

static struct worker *current_worker(void)
{
	struct task_struct *p = current;

	return (p->flags & PF_WQ_WORKER) ? p->worker_private : NULL;
}

static struct worker *find_running(struct work_struct *work)
{
	struct worker *w;

	list_for_each_entry(w, &busy_workers, busy_node)
		if (w->current_work == work && w->current_func == work->func)
			return w;
	return NULL;
}

static bool test_and_set_pending(struct work_struct *work)
{
	return atomic_long_fetch_or(WORK_STRUCT_PENDING, &work->data) &
	       WORK_STRUCT_PENDING;
}

static void set_work_data(struct work_struct *work, long bits)
{
	atomic_long_set(&work->data, bits);
}

static bool is_chained_work(struct workqueue_struct *wq)
{
	struct worker *w = current_worker();

	return w && w->wq == wq;
}

/* Put @work (whose PENDING bit the caller owns) on @wq's list. */
static void start_first_worker(struct workqueue_struct *wq);

static void __queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	/* While draining, only the queue's own items may add more. */
	if (unlikely((wq->flags & __WQ_DRAINING) || wq->dying) &&
	    WARN_ONCE(!is_chained_work(wq), "workqueue: cannot queue %s on wq %s\n",
		      "work", wq->name)) {
		set_work_data(work, 0);
		return;
	}
	work->ksim_wq = wq;
	work->ksim_seq = ++wq_seq;
	list_add_tail(&work->entry, &wq->worklist);
	if (likely(wq->nr_workers)) {
		wake_worker(wq, 1);
		return;
	}
	start_first_worker(wq);
}

/* ---- workers ---- */

static int worker_thread(void *arg);

static int create_worker(struct workqueue_struct *wq)
{
	struct task_struct *task;
	struct worker *w;
	char name[TASK_COMM_LEN];
	int id;

	w = ksim_host->mem_alloc(sizeof(*w), 0);
	if (!w)
		return -ENOMEM;
	memset(w, 0, sizeof(*w));
	w->wq = wq;
	INIT_LIST_HEAD(&w->busy_node);
	id = __atomic_fetch_add(&worker_ids, 1, __ATOMIC_RELAXED);
	if (wq->flags & WQ_UNBOUND)
		snprintf(name, sizeof(name), "kworker/u%u:%d", nr_cpu_ids * 2, id);
	else
		snprintf(name, sizeof(name), "kworker/0:%d%s", id,
			 (wq->flags & WQ_HIGHPRI) ? "H" : "");

	ksim_lock(&wq_lock);
	list_add_tail(&w->node, &wq->workers);
	ksim_unlock(&wq_lock);
	task = ksim_task_create(worker_thread, w, name);
	ksim_lock(&wq_lock);
	if (IS_ERR(task)) {
		list_del(&w->node);
		ksim_unlock(&wq_lock);
		ksim_host->mem_free(w);
		return PTR_ERR(task);
	}
	w->task = task;
	/* free_wq() may be waiting to join it. */
	wq_event_signal();
	ksim_unlock(&wq_lock);
	return 0;
}

/*
 * A workqueue's first worker starts with its first item, not with the
 * queue: most queues of a short run (the system ones, a driver's reset
 * queue) never get one, and each worker is a host thread whose creation
 * is a good part of a machine's start-up.  Called with wq_lock held, from
 * any context the item was queued in; drops it while the thread is
 * created (the item is already on the list for the new worker to find).
 * If the host cannot start a thread the item stays queued and the next
 * one tries again.
 */
static void start_first_worker(struct workqueue_struct *wq)
{
	int err;

	wq->nr_workers = 1;
	ksim_unlock(&wq_lock);
	err = create_worker(wq);
	ksim_lock(&wq_lock);
	if (err) {
		wq->nr_workers = 0;
		pr_err("workqueue %s: cannot start a worker (%d): its items wait\n",
		       wq->name, err);
	}
}

/* The first queued item @wq may start now, or NULL. */
static struct work_struct *pick_work(struct workqueue_struct *wq)
{
	struct work_struct *work;

	if (wq->nr_active >= wq->max_active)
		return NULL;
	list_for_each_entry(work, &wq->worklist, entry) {
		struct worker *busy = find_running(work);

		if (!busy)
			return work;
		/* It runs elsewhere; ask that worker to wake us when done. */
		busy->kick = true;
		if (wq->flags & __WQ_ORDERED)
			return NULL;
	}
	return NULL;
}

static void kick_all_workqueues(void)
{
	struct workqueue_struct *wq;

	list_for_each_entry(wq, &all_wqs, node)
		if (!list_empty(&wq->worklist))
			wake_worker(wq, 1);
}

static void check_leaked_atomic(struct worker *w, int count)
{
	char sym[128];

	if (likely(preempt_count() == count && !irqs_disabled()))
		return;
	ksim_host->symbolize((void *)w->current_func, sym, sizeof(sym));
	pr_err("BUG: workqueue leaked lock or atomic: %s/0x%08x/%d\n",
	       current->comm, preempt_count(), current->pid);
	pr_err("     last function: %s\n", sym);
	ksim_print_task_header(KERN_ERR);
	ksim_dump_stack_skip(KERN_ERR, 1);
	ksim_report(KSIM_REPORT_LOCKING);
}

/* Run @work on @w.  Called and returns with wq_lock held. */
static void process_one_work(struct worker *w, struct work_struct *work)
{
	struct workqueue_struct *wq = w->wq;
	struct lockdep_map lockdep_map;
	bool spawn;
	int count;

	list_del_init(&work->entry);
	w->current_work = work;
	w->current_func = work->func;
	w->current_seq = work->ksim_seq;
	list_add(&w->busy_node, &busy_workers);
	wq->nr_active++;
	/* From here the item may be queued again; it will wait for us. */
	atomic_long_andnot(WORK_STRUCT_PENDING, &work->data);

	/* Keep an idle worker around while more items could run. */
	spawn = !wq->nr_idle && wq->nr_workers < min(wq->max_active, WQ_MAX_WORKERS) &&
		wq->nr_active < wq->max_active;
	if (spawn)
		wq->nr_workers++;
	ksim_unlock(&wq_lock);

	if (spawn && create_worker(wq)) {
		ksim_lock(&wq_lock);
		wq->nr_workers--;
		ksim_unlock(&wq_lock);
	}
	count = preempt_count();
	/*
	 * The function may free @work: lockdep gets a copy of its map, as in
	 * the kernel's process_one_work().
	 */
	lockdep_map = (struct lockdep_map){
		.key = work->lockdep_map.key,
		/* a class cache that a canceller's lock_map_acquire() may be filling */
		.ksim_class = READ_ONCE(work->lockdep_map.ksim_class),
		.name = work->lockdep_map.name,
		.wait_type_outer = work->lockdep_map.wait_type_outer,
		.wait_type_inner = work->lockdep_map.wait_type_inner,
		.lock_type = work->lockdep_map.lock_type,
		.ksim_subclass = work->lockdep_map.ksim_subclass,
	};
	lock_map_acquire(&wq->lockdep_map);
	lock_map_acquire(&lockdep_map);
	w->current_func(work);
	lock_map_release(&lockdep_map);
	lock_map_release(&wq->lockdep_map);
	check_leaked_atomic(w, count);

	ksim_lock(&wq_lock);
	list_del_init(&w->busy_node);
	w->current_work = NULL;
	w->current_func = NULL;
	w->current_seq = 0;
	wq->nr_active--;
	if (w->kick) {
		w->kick = false;
		kick_all_workqueues();
	}
	wq_event_signal();
}

static int worker_thread(void *arg)
{
	struct worker *w = arg;
	struct workqueue_struct *wq = w->wq;
	struct task_struct *tsk = current;

	tsk->flags |= PF_KTHREAD | PF_WQ_WORKER;
	tsk->worker_private = w;

	ksim_lock(&wq_lock);
	for (;;) {
		struct work_struct *work = pick_work(wq);
		u32 seq;

		if (work) {
			process_one_work(w, work);
			continue;
		}
		if (wq->dying)
			break;
		wq->nr_idle++;
		seq = __atomic_load_n(&wq->wake_seq, __ATOMIC_ACQUIRE);
		ksim_unlock(&wq_lock);
		WRITE_ONCE(tsk->ksim_idle, 1);
		ksim_host->wait(&wq->wake_seq, seq, KSIM_HOST_FOREVER);
		WRITE_ONCE(tsk->ksim_idle, 0);
		ksim_lock(&wq_lock);
		wq->nr_idle--;
	}
	ksim_unlock(&wq_lock);
	return 0;
}

/* ---- creating and destroying ---- */

static int clamp_max_active(int max_active, unsigned int flags, const char *name)
{
	int lim = (flags & WQ_UNBOUND) ?
		  max_t(int, WQ_MAX_ACTIVE, WQ_MAX_UNBOUND_PER_CPU * nr_cpu_ids) :
		  WQ_MAX_ACTIVE;

	if (max_active < 1 || max_active > lim)
		pr_warn("workqueue: max_active %d requested for %s is out of range, clamping between %d and %d\n",
			max_active, name, 1, lim);
	return clamp_val(max_active, 1, lim);
}

static struct workqueue_struct *__alloc_workqueue(struct workqueue_struct *wq,
						  unsigned int flags,
						  int max_active)
{
	INIT_LIST_HEAD(&wq->worklist);
	INIT_LIST_HEAD(&wq->workers);
	INIT_LIST_HEAD(&wq->node);
	/* An unbound queue with max_active 1 is ordered, as in the kernel. */
	if ((flags & WQ_UNBOUND) && max_active == 1)
		flags |= __WQ_ORDERED;
	wq->flags = flags & ~__WQ_DRAINING;
	wq->max_active = clamp_max_active(max_active ?: WQ_DFL_ACTIVE, flags,
					  wq->name);
	lockdep_register_key(&wq->key);
	lockdep_init_map(&wq->lockdep_map, wq->name, &wq->key, 0);
	/* No worker yet: the first item starts one (start_first_worker()). */
	ksim_lock(&wq_lock);
	list_add_tail(&wq->node, &all_wqs);
	ksim_unlock(&wq_lock);
	return wq;
}

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags,
					 int max_active, ...)
{
	struct workqueue_struct *wq;
	va_list args;

	might_sleep();
	wq = __kmalloc_track_caller(sizeof(*wq), GFP_KERNEL, _RET_IP_);
	if (!wq)
		return NULL;
	memset(wq, 0, sizeof(*wq));
	va_start(args, max_active);
	vsnprintf(wq->name, sizeof(wq->name), fmt, args);
	va_end(args);
	if (!__alloc_workqueue(wq, flags, max_active)) {
		kfree(wq);
		return NULL;
	}
	return wq;
}
EXPORT_SYMBOL_GPL(alloc_workqueue);

static struct workqueue_struct *alloc_system_wq(const char *name,
						unsigned int flags,
						int max_active)
{
	struct workqueue_struct *wq = ksim_host->mem_alloc(sizeof(*wq), 0);

	if (!wq)
		return NULL;
	memset(wq, 0, sizeof(*wq));
	snprintf(wq->name, sizeof(wq->name), "%s", name);
	wq->system = true;
	if (!__alloc_workqueue(wq, flags, max_active)) {
		ksim_host->mem_free(wq);
		return NULL;
	}
	return wq;
}

static bool has_inflight_upto(struct workqueue_struct *wq, u64 seq)
{
	struct worker *w;

	if (!list_empty(&wq->worklist) &&
	    list_first_entry(&wq->worklist, struct work_struct, entry)->ksim_seq <= seq)
		return true;
	list_for_each_entry(w, &wq->workers, node)
		if (w->current_work && w->current_seq <= seq)
			return true;
	return false;
}

void __flush_workqueue(struct workqueue_struct *wq)
{
	u64 target;

	might_sleep();
	/* Waiting for our own item to finish would never end. */
	if (WARN_ONCE(is_chained_work(wq),
		      "workqueue: %s flushed from one of its own work items\n",
		      wq->name))
		return;
	lock_map_acquire(&wq->lockdep_map);
	lock_map_release(&wq->lockdep_map);
	ksim_lock(&wq_lock);
	target = wq_seq;
	while (has_inflight_upto(wq, target))
		wq_wait_event();
	ksim_unlock(&wq_lock);
}
EXPORT_SYMBOL(__flush_workqueue);

void drain_workqueue(struct workqueue_struct *wq)
{
	unsigned int tries = 0;
	bool busy;

	ksim_lock(&wq_lock);
	if (!wq->nr_drainers++)
		wq->flags |= __WQ_DRAINING;
	ksim_unlock(&wq_lock);
	/* Items may queue more (chained work): flush until nothing is left. */
	do {
		__flush_workqueue(wq);
		ksim_lock(&wq_lock);
		busy = !list_empty(&wq->worklist) || wq->nr_active;
		ksim_unlock(&wq_lock);
		if (busy && ++tries % 100 == 10)
			pr_warn("workqueue %s: %s() isn't complete after %u tries\n",
				wq->name, __func__, tries);
	} while (busy && !is_chained_work(wq));
	ksim_lock(&wq_lock);
	if (!--wq->nr_drainers)
		wq->flags &= ~__WQ_DRAINING;
	ksim_unlock(&wq_lock);
}
EXPORT_SYMBOL_GPL(drain_workqueue);

static bool dwork_targets_wq(struct timer_list *t, void *wq)
{
	struct delayed_work *dwork;

	if (t->function != delayed_work_timer_fn)
		return false;
	dwork = from_timer(dwork, t, timer);
	if (dwork->wq != wq)
		return false;
	atomic_long_set(&dwork->work.data, 0);
	return true;
}

static bool all_workers_started(struct workqueue_struct *wq)
{
	struct worker *w;

	list_for_each_entry(w, &wq->workers, node)
		if (!w->task)
			return false;
	return true;
}

static void free_wq(struct workqueue_struct *wq)
{
	struct worker *w, *tmp;

	lockdep_unregister_key(&wq->key);
	ksim_lock(&wq_lock);
	wq->dying = true;
	list_del_init(&wq->node);
	wake_worker(wq, INT32_MAX);
	/* A worker still being started has no task to join yet. */
	while (!all_workers_started(wq))
		wq_wait_event();
	ksim_unlock(&wq_lock);
	/* Idle workers see ->dying and exit; nothing is queued any more. */
	list_for_each_entry_safe(w, tmp, &wq->workers, node) {
		ksim_task_join(w->task);
		put_task_struct(w->task);
		list_del(&w->node);
		ksim_host->mem_free(w);
	}
	if (wq->system)
		ksim_host->mem_free(wq);
	else
		kfree(wq);
}

void destroy_workqueue(struct workqueue_struct *wq)
{
	int nr;

	might_sleep();
	if (WARN(is_chained_work(wq), "workqueue %s: destroyed from its own work item\n",
		 wq->name))
		return;
	drain_workqueue(wq);
	/* A delayed item still armed would later queue on freed memory. */
	nr = ksim_timers_cancel_if(dwork_targets_wq, wq);
	WARN(nr && !wq->system,
	     "workqueue %s: destroyed with %d delayed work item(s) still pending\n",
	     wq->name, nr);
	free_wq(wq);
}
EXPORT_SYMBOL_GPL(destroy_workqueue);

void workqueue_set_max_active(struct workqueue_struct *wq, int max_active)
{
	ksim_lock(&wq_lock);
	wq->max_active = clamp_max_active(max_active, wq->flags, wq->name);
	wake_worker(wq, INT32_MAX);
	ksim_unlock(&wq_lock);
}
EXPORT_SYMBOL_GPL(workqueue_set_max_active);

/* ---- queueing ---- */

bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	if (test_and_set_pending(work))
		return false;
	ksim_lock(&wq_lock);
	__queue_work(wq, work);
	ksim_unlock(&wq_lock);
	return true;
}
EXPORT_SYMBOL(queue_work_on);

bool queue_work_node(int node, struct workqueue_struct *wq,
		     struct work_struct *work)
{
	return queue_work_on(WORK_CPU_UNBOUND, wq, work);
}
EXPORT_SYMBOL_GPL(queue_work_node);

void delayed_work_timer_fn(struct timer_list *t)
{
	struct delayed_work *dwork = from_timer(dwork, t, timer);

	ksim_lock(&wq_lock);
	__queue_work(dwork->wq, &dwork->work);
	ksim_unlock(&wq_lock);
}
EXPORT_SYMBOL(delayed_work_timer_fn);

static void __queue_delayed_work(int cpu, struct workqueue_struct *wq,
				 struct delayed_work *dwork, unsigned long delay)
{
	struct timer_list *timer = &dwork->timer;
	struct work_struct *work = &dwork->work;

	WARN_ON_ONCE(!wq);
	/* INIT_WORK on a delayed_work, or a timer the driver reused. */
	WARN_ON_ONCE(timer->function != delayed_work_timer_fn);
	WARN_ON_ONCE(timer_pending(timer));
	WARN_ON_ONCE(!list_empty(&work->entry));

	dwork->wq = wq;
	dwork->cpu = cpu;
	if (!delay) {
		__queue_work(wq, work);
		return;
	}
	timer->expires = jiffies + delay;
	add_timer(timer);
}

bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq,
			   struct delayed_work *dwork, unsigned long delay)
{
	if (test_and_set_pending(&dwork->work))
		return false;
	ksim_lock(&wq_lock);
	__queue_delayed_work(cpu, wq, dwork, delay);
	ksim_unlock(&wq_lock);
	return true;
}
EXPORT_SYMBOL(queue_delayed_work_on);

/*
 * Take @work's PENDING bit from whatever state it is in (wq_lock held):
 * 0 it was idle, 1 it was pending (queued or timer armed) and is now
 * neither, -ENOENT a cancel_*_sync() owns it, -EAGAIN it is in transit
 * (its timer fires right now, or a queue_work() is half done): retry.
 */
static int try_to_grab_pending(struct work_struct *work, bool is_dwork)
{
	long old = atomic_long_fetch_or(WORK_STRUCT_PENDING, &work->data);

	if (!(old & WORK_STRUCT_PENDING))
		return 0;
	if (old & WORK_STRUCT_KSIM_CANCELING)
		return -ENOENT;
	if (is_dwork && del_timer(&to_delayed_work(work)->timer))
		return 1;
	if (!list_empty(&work->entry)) {
		list_del_init(&work->entry);
		wq_event_signal();
		return 1;
	}
	return -EAGAIN;
}

/* As above, retrying the transient states; returns with wq_lock held. */
static int grab_pending_locked(struct work_struct *work, bool is_dwork)
{
	int ret;

	for (;;) {
		ksim_lock(&wq_lock);
		ret = try_to_grab_pending(work, is_dwork);
		if (ret != -EAGAIN)
			return ret;
		ksim_unlock(&wq_lock);
		ksim_host->yield();
	}
}

bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq,
			 struct delayed_work *dwork, unsigned long delay)
{
	int ret = grab_pending_locked(&dwork->work, true);

	if (ret >= 0)
		__queue_delayed_work(cpu, wq, dwork, delay);
	ksim_unlock(&wq_lock);
	/* -ENOENT (being cancelled) reads as true, as the kernel's does. */
	return ret;
}
EXPORT_SYMBOL_GPL(mod_delayed_work_on);

/* ---- flushing and cancelling ---- */

/* Whether the instance @seq of @work is still queued or running. */
static bool instance_inflight(struct workqueue_struct *wq,
			      struct work_struct *work, u64 seq)
{
	struct work_struct *pos;
	struct worker *w;

	list_for_each_entry(w, &busy_workers, busy_node)
		if (w->current_seq == seq)
			return true;
	/* Compare list nodes rather than read @work: it may be freed by now. */
	if (wq)
		list_for_each_entry(pos, &wq->worklist, entry)
			if (pos == work && pos->ksim_seq == seq)
				return true;
	return false;
}

/* flush_work() with wq_lock held (dropped while waiting). */
static bool __flush_work(struct work_struct *work)
{
	struct workqueue_struct *wq = NULL;
	struct worker *running;
	u64 seq;

	if (!list_empty(&work->entry)) {
		wq = work->ksim_wq;
		seq = work->ksim_seq;
	} else if ((running = find_running(work))) {
		if (WARN_ONCE(running == current_worker(),
			      "workqueue: work item flushing itself\n"))
			return false;
		seq = running->current_seq;
	} else {
		return false;
	}
	while (instance_inflight(wq, work, seq))
		wq_wait_event();
	return true;
}

bool flush_work(struct work_struct *work)
{
	bool ret;

	might_sleep();
	lock_map_acquire(&work->lockdep_map);
	lock_map_release(&work->lockdep_map);
	ksim_lock(&wq_lock);
	ret = __flush_work(work);
	ksim_unlock(&wq_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(flush_work);

static bool __cancel_work(struct work_struct *work, bool is_dwork)
{
	int ret = grab_pending_locked(work, is_dwork);

	if (ret >= 0)
		set_work_data(work, 0);
	ksim_unlock(&wq_lock);
	return ret > 0;
}

static bool __cancel_work_sync(struct work_struct *work, bool is_dwork)
{
	struct worker *running;
	int ret;

	might_sleep();
	for (;;) {
		ret = grab_pending_locked(work, is_dwork);
		if (ret != -ENOENT)
			break;
		/* Another cancel owns it: wait for that one to finish. */
		while (atomic_long_read(&work->data) & WORK_STRUCT_KSIM_CANCELING)
			wq_wait_event();
		ksim_unlock(&wq_lock);
	}
	set_work_data(work, WORK_STRUCT_PENDING | WORK_STRUCT_KSIM_CANCELING);
	/* As the kernel's: once the item is ours, waiting for it is a flush. */
	lock_map_acquire(&work->lockdep_map);
	lock_map_release(&work->lockdep_map);
	while ((running = find_running(work)) && running != current_worker())
		wq_wait_event();
	set_work_data(work, 0);
	wq_event_signal();
	ksim_unlock(&wq_lock);
	return ret > 0;
}

bool cancel_work(struct work_struct *work)
{
	return __cancel_work(work, false);
}
EXPORT_SYMBOL(cancel_work);

bool cancel_work_sync(struct work_struct *work)
{
	return __cancel_work_sync(work, false);
}
EXPORT_SYMBOL_GPL(cancel_work_sync);

bool cancel_delayed_work(struct delayed_work *dwork)
{
	return __cancel_work(&dwork->work, true);
}
EXPORT_SYMBOL(cancel_delayed_work);

bool cancel_delayed_work_sync(struct delayed_work *dwork)
{
	return __cancel_work_sync(&dwork->work, true);
}
EXPORT_SYMBOL(cancel_delayed_work_sync);

bool flush_delayed_work(struct delayed_work *dwork)
{
	bool ret;

	might_sleep();
	/* Waits for a firing timer, so the item is queued by the time we look. */
	if (!del_timer_sync(&dwork->timer))
		return flush_work(&dwork->work);
	/* Queue and look in one go: a worker may not finish it unseen. */
	ksim_lock(&wq_lock);
	__queue_work(dwork->wq, &dwork->work);
	ret = __flush_work(&dwork->work);
	ksim_unlock(&wq_lock);
	return ret;
}
EXPORT_SYMBOL(flush_delayed_work);

struct work_struct *current_work(void)
{
	struct worker *w = current_worker();

	return w ? READ_ONCE(w->current_work) : NULL;
}
EXPORT_SYMBOL(current_work);

bool current_is_workqueue_rescuer(void)
{
	return false;
}
EXPORT_SYMBOL(current_is_workqueue_rescuer);

bool workqueue_congested(int cpu, struct workqueue_struct *wq)
{
	bool ret;

	ksim_lock(&wq_lock);
	ret = !list_empty(&wq->worklist) && wq->nr_active >= wq->max_active;
	ksim_unlock(&wq_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(workqueue_congested);

unsigned int work_busy(struct work_struct *work)
{
	unsigned int ret = 0;

	if (work_pending(work))
		ret |= WORK_BUSY_PENDING;
	ksim_lock(&wq_lock);
	if (find_running(work))
		ret |= WORK_BUSY_RUNNING;
	ksim_unlock(&wq_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(work_busy);

/* ---- debugobjects and module unload ---- */

void ksim_delayed_work_disarmed(struct timer_list *timer)
{
	struct delayed_work *dwork = from_timer(dwork, timer, timer);

	atomic_long_set(&dwork->work.data, 0);
}

/* Unlink and return the first queued item @match accepts, or NULL. */
static struct work_struct *grab_queued_if(bool (*match)(struct work_struct *, void *),
					  void *arg, work_func_t *func)
{
	struct workqueue_struct *wq;
	struct work_struct *work;

	ksim_lock(&wq_lock);
	list_for_each_entry(wq, &all_wqs, node) {
		list_for_each_entry(work, &wq->worklist, entry) {
			if (!match(work, arg))
				continue;
			list_del_init(&work->entry);
			set_work_data(work, 0);
			*func = work->func;
			wq_event_signal();
			ksim_unlock(&wq_lock);
			return work;
		}
	}
	ksim_unlock(&wq_lock);
	return NULL;
}

struct range {
	unsigned long start, end;
};

static bool work_in_range(struct work_struct *work, void *arg)
{
	struct range *r = arg;
	unsigned long addr = (unsigned long)work;

	/*
	 * Both comparisons, always ('&', not '&&'): with a short circuit the
	 * code run would depend on where the heap put the object, and a
	 * fuzzer would see the same input cover different edges.
	 */
	return (addr + sizeof(*work) > r->start) & (addr < r->end);
}

/* kfree() of memory that holds a queued work item (debugobjects). */
static void work_free_check(const void *addr, size_t size)
{
	struct range r = { (unsigned long)addr, (unsigned long)addr + size };
	struct work_struct *work;
	work_func_t func;

	while ((work = grab_queued_if(work_in_range, &r, &func)))
		ksim_odebug_report_free("work_struct", work, func);
}

static bool work_of_module(struct work_struct *work, void *mod)
{
	return ksim_module_of((unsigned long)work->func) == mod;
}

static bool module_work_running(struct module *mod)
{
	struct worker *w;

	list_for_each_entry(w, &busy_workers, busy_node)
		if (ksim_module_of((unsigned long)w->current_func) == mod)
			return true;
	return false;
}

/*
 * A module going away with work still queued: it would run unmapped code.
 * Report it as debugobjects reports freeing an active object, drop it, and
 * wait for the module's items that are running right now.
 */
void ksim_workqueue_module_unload(struct module *mod)
{
	struct work_struct *work;
	work_func_t func;

	while ((work = grab_queued_if(work_of_module, mod, &func)))
		ksim_odebug_report_free("work_struct", work, func);
	ksim_lock(&wq_lock);
	while (module_work_running(mod))
		wq_wait_event();
	ksim_unlock(&wq_lock);
}

/* ---- boot and shutdown ---- */

static struct workqueue_struct **const system_wqs[] = {
	&system_wq, &system_highpri_wq, &system_long_wq, &system_unbound_wq,
	&system_freezable_wq, &system_power_efficient_wq,
	&system_freezable_power_efficient_wq,
};

int ksim_workqueue_init(void)
{
	/* Worker names count from 0 on every boot (in-process reboots: tests, fuzzing). */
	worker_ids = 0;
	system_wq = alloc_system_wq("events", 0, 0);
	system_highpri_wq = alloc_system_wq("events_highpri", WQ_HIGHPRI, 0);
	system_long_wq = alloc_system_wq("events_long", 0, 0);
	system_unbound_wq = alloc_system_wq("events_unbound", WQ_UNBOUND,
					    WQ_MAX_ACTIVE);
	system_freezable_wq = alloc_system_wq("events_freezable", WQ_FREEZABLE, 0);
	system_power_efficient_wq = alloc_system_wq("events_power_efficient",
						    WQ_POWER_EFFICIENT, 0);
	system_freezable_power_efficient_wq =
		alloc_system_wq("events_freezable_power_efficient",
				WQ_FREEZABLE | WQ_POWER_EFFICIENT, 0);
	ksim_register_free_check(work_free_check);
	for (size_t i = 0; i < ARRAY_SIZE(system_wqs); i++)
		if (!*system_wqs[i])
			return -ENOMEM;
	return 0;
}

void ksim_workqueue_exit(void)
{
	size_t i;

	for (i = ARRAY_SIZE(system_wqs); i-- > 0; ) {
		if (*system_wqs[i])
			destroy_workqueue(*system_wqs[i]);
		*system_wqs[i] = NULL;
	}
	ksim_kthreads_exit();
}
