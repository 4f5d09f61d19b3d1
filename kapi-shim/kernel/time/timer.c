// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/time/timer.c - struct timer_list.
 *
 * One list of pending timers, sorted by expiry (FIFO among equal expiries),
 * and one timer task, "ksoftirqd/0", that sleeps on the host until the
 * earliest expiry and runs due callbacks one at a time in softirq context.
 * There is no tick: adding a timer that becomes the earliest wakes the task
 * so it can shorten its sleep.  The few dozen timers a driver arms make a
 * sorted list cheaper and simpler than the kernel's timer wheel.
 *
 * Also the debugobjects checks for timers: freeing memory that holds a
 * pending timer, and unloading a module whose timer is still pending.
 */
#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/sched.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <linux/hardirq.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/export.h>
#include <ksim/report.h>

#include "internal.h"
#include "sim/host.h"
#include "kernel/ksim_time_internal.h"

static struct {
	/* Protects everything below except the two wait words' readers. */
	struct ksim_lock	lock;
	struct hlist_head	pending;
	/* The timer whose callback runs now (the timer task's only). */
	struct timer_list	*running;
	void			(*running_fn)(struct timer_list *);
	/* Bumped to wake the timer task (an earlier timer, stop). */
	u32			wake_seq;
	/* Bumped after a callback when someone waits in del_timer_sync. */
	u32			done_seq;
	int			nr_sync_waiters;
	bool			stop;
	struct task_struct	*task;
} base = {
	.lock = KSIM_LOCK_INIT,
};

static void bump(u32 *word)
{
	__atomic_add_fetch(word, 1, __ATOMIC_RELEASE);
	ksim_host->wake(word, INT32_MAX);
}

/* The monotonic time at which jiffies reaches @j, or FOREVER when far off. */
static s64 jiffies_deadline_ns(unsigned long j)
{
	long delta = (long)(j - INITIAL_JIFFIES);

	if (delta < 0)
		return 0;
	if ((u64)delta > (u64)(KSIM_HOST_FOREVER / TICK_NSEC) - 1)
		return KSIM_HOST_FOREVER;
	return (s64)delta * TICK_NSEC;
}

static void detach_timer(struct timer_list *timer)
{
	struct hlist_node *entry = &timer->entry;

	__hlist_del(entry);
	entry->next = NULL;
	WRITE_ONCE(entry->pprev, NULL);
}

/* Insert in expiry order; returns true if @timer is now the earliest. */
static bool enqueue_timer(struct timer_list *timer)
{
	struct hlist_node *pos, *last = NULL;

	hlist_for_each(pos, &base.pending) {
		struct timer_list *t = hlist_entry(pos, struct timer_list, entry);

		if (time_after(t->expires, timer->expires)) {
			hlist_add_before(&timer->entry, pos);
			return base.pending.first == &timer->entry;
		}
		last = pos;
	}
	if (last)
		hlist_add_behind(&timer->entry, last);
	else
		hlist_add_head(&timer->entry, &base.pending);
	return base.pending.first == &timer->entry;
}

enum mod_mode {
	MOD_ANY,		/* mod_timer, add_timer */
	MOD_PENDING_ONLY,	/* mod_timer_pending */
	MOD_REDUCE,		/* timer_reduce: only ever earlier */
};

static int __mod_timer(struct timer_list *timer, unsigned long expires,
		       enum mod_mode mode)
{
	bool earliest = false;
	int was_pending;

	ksim_lock(&base.lock);
	was_pending = timer_pending(timer);
	if (mode == MOD_PENDING_ONLY && !was_pending)
		goto out;
	if (mode == MOD_REDUCE && was_pending &&
	    !time_before(expires, timer->expires))
		goto out;
	/* timer_shutdown() cleared ->function: re-arming is silently ignored. */
	if (!timer->function)
		goto out;
	if (was_pending)
		detach_timer(timer);
	timer->expires = expires;
	earliest = enqueue_timer(timer);
out:
	ksim_unlock(&base.lock);
	if (earliest)
		bump(&base.wake_seq);
	return was_pending;
}

int mod_timer(struct timer_list *timer, unsigned long expires)
{
	return __mod_timer(timer, expires, MOD_ANY);
}
EXPORT_SYMBOL(mod_timer);

int mod_timer_pending(struct timer_list *timer, unsigned long expires)
{
	return __mod_timer(timer, expires, MOD_PENDING_ONLY);
}
EXPORT_SYMBOL(mod_timer_pending);

int timer_reduce(struct timer_list *timer, unsigned long expires)
{
	return __mod_timer(timer, expires, MOD_REDUCE);
}
EXPORT_SYMBOL(timer_reduce);

void add_timer(struct timer_list *timer)
{
	if (WARN_ON_ONCE(timer_pending(timer)))
		return;
	__mod_timer(timer, timer->expires, MOD_ANY);
}
EXPORT_SYMBOL(add_timer);

void add_timer_on(struct timer_list *timer, int cpu)
{
	add_timer(timer);
}
EXPORT_SYMBOL_GPL(add_timer_on);

int del_timer(struct timer_list *timer)
{
	int ret = 0;

	if (!timer_pending(timer))
		return 0;
	ksim_lock(&base.lock);
	if (timer_pending(timer)) {
		detach_timer(timer);
		ret = 1;
	}
	ksim_unlock(&base.lock);
	return ret;
}
EXPORT_SYMBOL(del_timer);

/* Deactivate @timer unless its callback runs: 1/0 as del_timer, -1 if running. */
int try_to_del_timer_sync(struct timer_list *timer)
{
	int ret = -1;

	ksim_lock(&base.lock);
	if (base.running != timer) {
		ret = timer_pending(timer);
		if (ret)
			detach_timer(timer);
	}
	ksim_unlock(&base.lock);
	return ret;
}
EXPORT_SYMBOL(try_to_del_timer_sync);

static bool in_own_callback(struct timer_list *timer)
{
	return current == base.task && READ_ONCE(base.running) == timer;
}

/* Wait until the callback running now (if it is @timer's) has returned. */
static void wait_for_running_timer(struct timer_list *timer)
{
	ksim_lock(&base.lock);
	while (base.running == timer) {
		u32 seq = __atomic_load_n(&base.done_seq, __ATOMIC_ACQUIRE);

		base.nr_sync_waiters++;
		ksim_unlock(&base.lock);
		ksim_host->wait(&base.done_seq, seq, KSIM_HOST_FOREVER);
		ksim_lock(&base.lock);
		base.nr_sync_waiters--;
	}
	ksim_unlock(&base.lock);
}

static int __del_timer_sync(struct timer_list *timer, bool shutdown)
{
	int ret;

	/*
	 * Waiting for the callback from inside it never ends; from a hardirq
	 * it can deadlock against the interrupted callback.  The kernel
	 * warns about both.
	 */
	if (WARN_ON(in_hardirq() && !(timer->flags & TIMER_IRQSAFE)))
		return del_timer(timer);
	if (WARN_ON(in_own_callback(timer)))
		return del_timer(timer);

	for (;;) {
		ret = try_to_del_timer_sync(timer);
		if (shutdown) {
			/* Under the lock, so no re-arm slips in between. */
			ksim_lock(&base.lock);
			WRITE_ONCE(timer->function, NULL);
			ksim_unlock(&base.lock);
		}
		if (ret >= 0)
			return ret;
		wait_for_running_timer(timer);
	}
}

int del_timer_sync(struct timer_list *timer)
{
	return __del_timer_sync(timer, false);
}
EXPORT_SYMBOL(del_timer_sync);

int timer_shutdown_sync(struct timer_list *timer)
{
	return __del_timer_sync(timer, true);
}
EXPORT_SYMBOL_GPL(timer_shutdown_sync);

int timer_shutdown(struct timer_list *timer)
{
	int ret;

	ksim_lock(&base.lock);
	ret = timer_pending(timer);
	if (ret)
		detach_timer(timer);
	WRITE_ONCE(timer->function, NULL);
	ksim_unlock(&base.lock);
	return ret;
}
EXPORT_SYMBOL_GPL(timer_shutdown);

/* ---- the timer task ---- */

static void call_timer_fn(struct timer_list *timer,
			  void (*fn)(struct timer_list *))
{
	int count = preempt_count();

	ksim_softirq_enter();
	get_jiffies_64();	/* as the tick does before running timers */
	fn(timer);
	ksim_softirq_exit();
	if (unlikely(preempt_count() != count)) {
		char sym[128];

		ksim_host->symbolize((void *)fn, sym, sizeof(sym));
		WARN_ONCE(1, "timer: %s preempt leak: %08x -> %08x\n",
			  sym, count, preempt_count());
	}
}

/* Run the earliest timer if it is due; false when none is. */
static bool run_one_timer(void)
{
	void (*fn)(struct timer_list *);
	struct timer_list *timer;

	if (hlist_empty(&base.pending))
		return false;
	timer = hlist_entry(base.pending.first, struct timer_list, entry);
	if (time_before(jiffies, timer->expires))
		return false;
	detach_timer(timer);
	fn = timer->function;
	base.running = timer;
	base.running_fn = fn;
	ksim_unlock(&base.lock);

	call_timer_fn(timer, fn);

	ksim_lock(&base.lock);
	base.running = NULL;
	base.running_fn = NULL;
	if (base.nr_sync_waiters)
		bump(&base.done_seq);
	return true;
}

static int timer_task_fn(void *unused)
{
	ksim_lock(&base.lock);
	while (!base.stop) {
		u32 seq;
		s64 deadline = KSIM_HOST_FOREVER;

		if (run_one_timer())
			continue;
		if (!hlist_empty(&base.pending)) {
			struct timer_list *first = hlist_entry(base.pending.first,
							       struct timer_list, entry);

			deadline = jiffies_deadline_ns(first->expires);
		}
		seq = __atomic_load_n(&base.wake_seq, __ATOMIC_ACQUIRE);
		ksim_unlock(&base.lock);
		WRITE_ONCE(current->ksim_idle, 1);
		ksim_host->wait(&base.wake_seq, seq, deadline);
		WRITE_ONCE(current->ksim_idle, 0);
		ksim_lock(&base.lock);
	}
	ksim_unlock(&base.lock);
	return 0;
}

/* ---- debugobjects ---- */

void ksim_odebug_report_free(const char *type, const void *obj,
			     const void *hint)
{
	char sym[256];

	ksim_host->symbolize((void *)hint, sym, sizeof(sym));
	pr_warn("------------[ cut here ]------------\n");
	pr_err("ODEBUG: free active (active state 0) object: %016lx object type: %s hint: %s\n",
	       (unsigned long)obj, type, sym);
	pr_warn("WARNING: CPU: 0 PID: %d at lib/debugobjects.c:509 debug_print_object\n",
		current->pid);
	ksim_print_modules(KERN_WARNING);
	add_taint(TAINT_WARN, LOCKDEP_STILL_OK);
	ksim_print_task_header(KERN_WARNING);
	ksim_dump_stack_skip(KERN_WARNING, 2);
	pr_warn("---[ end trace 0000000000000000 ]---\n");
	ksim_report(KSIM_REPORT_OBJECT);
}

int ksim_timers_cancel_if(bool (*match)(struct timer_list *timer, void *arg),
			  void *arg)
{
	struct hlist_node *pos, *n;
	int nr = 0;

	ksim_lock(&base.lock);
	hlist_for_each_safe(pos, n, &base.pending) {
		struct timer_list *t = hlist_entry(pos, struct timer_list, entry);

		if (match(t, arg)) {
			detach_timer(t);
			nr++;
		}
	}
	ksim_unlock(&base.lock);
	return nr;
}

/* Detach and return the first pending timer @match accepts, or NULL. */
static struct timer_list *grab_pending_if(bool (*match)(struct timer_list *, void *),
					  void *arg, void (**fn)(struct timer_list *))
{
	struct timer_list *found = NULL;
	struct hlist_node *pos;

	ksim_lock(&base.lock);
	hlist_for_each(pos, &base.pending) {
		struct timer_list *t = hlist_entry(pos, struct timer_list, entry);

		if (match(t, arg)) {
			detach_timer(t);
			*fn = t->function;
			found = t;
			break;
		}
	}
	ksim_unlock(&base.lock);
	return found;
}

struct range {
	unsigned long start, end;
};

static bool timer_in_range(struct timer_list *t, void *arg)
{
	struct range *r = arg;
	unsigned long addr = (unsigned long)t;

	/*
	 * Both comparisons, always ('&', not '&&'): with a short circuit the
	 * code run would depend on where the heap put the object, and a
	 * fuzzer would see the same input cover different edges.
	 */
	return (addr + sizeof(*t) > r->start) & (addr < r->end);
}

/* kfree() of memory that holds a pending timer (debugobjects). */
static void timer_free_check(const void *addr, size_t size)
{
	struct range r = { (unsigned long)addr, (unsigned long)addr + size };
	void (*fn)(struct timer_list *);
	struct timer_list *t;

	/* Most frees happen with no timer armed at all. */
	if (!READ_ONCE(base.pending.first))
		return;
	while ((t = grab_pending_if(timer_in_range, &r, &fn))) {
		if (fn == delayed_work_timer_fn)
			ksim_delayed_work_disarmed(t);
		ksim_odebug_report_free("timer_list", t, fn);
	}
}

/* The code a timer leads to: its callback, or a delayed work's function. */
static unsigned long timer_owner_addr(struct timer_list *t)
{
	if (t->function == delayed_work_timer_fn) {
		struct delayed_work *dwork = from_timer(dwork, t, timer);

		return (unsigned long)dwork->work.func;
	}
	return (unsigned long)t->function;
}

static bool timer_of_module(struct timer_list *t, void *mod)
{
	return ksim_module_of(timer_owner_addr(t)) == mod;
}

/*
 * A module going away with a timer still armed: the callback would run in
 * unmapped code, and a timer in the module's own data is freed memory.
 * Report it as debugobjects would and cancel it; also wait for a callback
 * of the module that runs right now.
 */
void ksim_timers_module_unload(struct module *mod)
{
	void (*fn)(struct timer_list *);
	struct timer_list *t;

	while ((t = grab_pending_if(timer_of_module, mod, &fn))) {
		const void *hint = fn;

		if (fn == delayed_work_timer_fn) {
			hint = container_of(t, struct delayed_work, timer)->work.func;
			ksim_delayed_work_disarmed(t);
		}
		ksim_odebug_report_free("timer_list", t, hint);
	}
	ksim_lock(&base.lock);
	t = base.running;
	fn = base.running_fn;
	ksim_unlock(&base.lock);
	if (t && ksim_module_of((unsigned long)fn) == mod)
		wait_for_running_timer(t);
}

/* ---- boot and shutdown ---- */

int ksim_timers_init(void)
{
	struct task_struct *task;

	INIT_HLIST_HEAD(&base.pending);
	base.running = NULL;
	base.stop = false;
	base.nr_sync_waiters = 0;
	task = ksim_task_create(timer_task_fn, NULL, "ksoftirqd/0");
	if (IS_ERR(task))
		return PTR_ERR(task);
	base.task = task;
	ksim_register_free_check(timer_free_check);
	return 0;
}

void ksim_timers_exit(void)
{
	struct hlist_node *pos, *n;

	if (!base.task)
		return;
	ksim_lock(&base.lock);
	base.stop = true;
	ksim_unlock(&base.lock);
	bump(&base.wake_seq);
	ksim_task_join(base.task);
	put_task_struct(base.task);
	base.task = NULL;
	/* Timers still armed at shutdown simply never fire. */
	ksim_lock(&base.lock);
	hlist_for_each_safe(pos, n, &base.pending)
		detach_timer(hlist_entry(pos, struct timer_list, entry));
	ksim_unlock(&base.lock);
}
