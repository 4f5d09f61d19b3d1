// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/time/hrtimer.c - high-resolution timers.
 *
 * The same shape as timer.c, with nanosecond expiries: one list of pending
 * hrtimers sorted by expiry (on the monotonic clock), and one timer task,
 * "hrtimer/0", that sleeps on the host until the earliest expiry and runs
 * due callbacks one at a time.  Time is the host's (ksim_host->now_ns), so a
 * virtual-time backend moves hrtimers by moving its clock.  A callback that
 * returns HRTIMER_RESTART is queued again at its expiry.
 *
 * CLOCK_REALTIME and CLOCK_TAI absolute expiries are converted to monotonic
 * time when the timer is started (a later wall-clock step does not move it).
 */
#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/sched.h>
#include <linux/hrtimer.h>
#include <linux/string.h>
#include <linux/hardirq.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/export.h>
#include <ksim/report.h>

#include "internal.h"
#include "sim/host.h"
#include "kernel/ksim_time_internal.h"

static struct {
	/* Protects everything below. */
	struct ksim_lock	lock;
	struct list_head	pending;	/* by ksim_entry, earliest first */
	struct hrtimer		*running;
	u32			wake_seq;	/* bumped: re-read the earliest expiry */
	u32			done_seq;	/* bumped after each callback */
	bool			stop;
	struct task_struct	*task;
} hrbase = {
	.lock = KSIM_LOCK_INIT,
};

static void bump(u32 *word)
{
	__atomic_add_fetch(word, 1, __ATOMIC_RELEASE);
	ksim_host->wake(word, INT32_MAX);
}

static bool is_realtime(clockid_t clock)
{
	return clock == CLOCK_REALTIME || clock == CLOCK_TAI;
}

ktime_t hrtimer_cb_get_time(struct hrtimer *timer)
{
	if (is_realtime(timer->ksim_clock))
		return ksim_host->realtime_ns();
	return ksim_host->now_ns();
}
EXPORT_SYMBOL_GPL(hrtimer_cb_get_time);

/* @timer's expiry on the monotonic clock the task sleeps on. */
static s64 mono_expiry(const struct hrtimer *timer)
{
	s64 exp = timer->node.expires;

	if (is_realtime(timer->ksim_clock))
		exp = exp - ksim_host->realtime_ns() + ksim_host->now_ns();
	return exp < 0 ? 0 : exp;
}

void hrtimer_init(struct hrtimer *timer, clockid_t clock_id,
		  enum hrtimer_mode mode)
{
	memset(timer, 0, sizeof(*timer));
	if (clock_id != CLOCK_MONOTONIC && clock_id != CLOCK_BOOTTIME &&
	    clock_id != CLOCK_REALTIME && clock_id != CLOCK_TAI) {
		WARN(1, "hrtimer_init: invalid clock id %d\n", clock_id);
		clock_id = CLOCK_MONOTONIC;
	}
	timer->ksim_clock = clock_id;
	timer->is_soft = !!(mode & HRTIMER_MODE_SOFT);
	timer->is_hard = !(mode & HRTIMER_MODE_SOFT);
	timer->is_rel = !!(mode & HRTIMER_MODE_REL);
	INIT_LIST_HEAD(&timer->ksim_entry);
}
EXPORT_SYMBOL_GPL(hrtimer_init);

static void dequeue(struct hrtimer *timer)
{
	list_del_init(&timer->ksim_entry);
	WRITE_ONCE(timer->state, HRTIMER_STATE_INACTIVE);
}

/* Insert in expiry order (FIFO among equals); true if now the earliest. */
static bool enqueue(struct hrtimer *timer)
{
	s64 exp = mono_expiry(timer);
	struct hrtimer *t;

	list_for_each_entry(t, &hrbase.pending, ksim_entry) {
		if (mono_expiry(t) > exp) {
			list_add_tail(&timer->ksim_entry, &t->ksim_entry);
			goto queued;
		}
	}
	list_add_tail(&timer->ksim_entry, &hrbase.pending);
queued:
	WRITE_ONCE(timer->state, HRTIMER_STATE_ENQUEUED);
	return hrbase.pending.next == &timer->ksim_entry;
}

void hrtimer_start_range_ns(struct hrtimer *timer, ktime_t tim,
			    u64 range_ns, const enum hrtimer_mode mode)
{
	bool earliest;

	if (WARN_ONCE(!timer->function, "hrtimer_start: timer %p has no function\n",
		      timer))
		return;
	if (mode & HRTIMER_MODE_REL)
		tim = ktime_add_safe(tim, hrtimer_cb_get_time(timer));
	hrtimer_set_expires_range_ns(timer, tim, range_ns);
	ksim_lock(&hrbase.lock);
	if (timer->state & HRTIMER_STATE_ENQUEUED)
		dequeue(timer);
	earliest = enqueue(timer);
	ksim_unlock(&hrbase.lock);
	if (earliest)
		bump(&hrbase.wake_seq);
}
EXPORT_SYMBOL_GPL(hrtimer_start_range_ns);

int hrtimer_try_to_cancel(struct hrtimer *timer)
{
	int ret = 0;

	ksim_lock(&hrbase.lock);
	if (timer->state & HRTIMER_STATE_ENQUEUED) {
		dequeue(timer);
		ret = 1;
	}
	if (hrbase.running == timer)
		ret = -1;
	ksim_unlock(&hrbase.lock);
	return ret;
}
EXPORT_SYMBOL_GPL(hrtimer_try_to_cancel);

bool hrtimer_callback_running(struct hrtimer *timer)
{
	return READ_ONCE(hrbase.running) == timer;
}
EXPORT_SYMBOL_GPL(hrtimer_callback_running);

int hrtimer_cancel(struct hrtimer *timer)
{
	int ret;

	for (;;) {
		u32 seq = __atomic_load_n(&hrbase.done_seq, __ATOMIC_ACQUIRE);

		ret = hrtimer_try_to_cancel(timer);
		if (ret >= 0)
			return ret;
		/* Cancelling from the callback itself would wait forever. */
		if (WARN_ON_ONCE(current == hrbase.task))
			return 1;
		ksim_host->wait(&hrbase.done_seq, seq, KSIM_HOST_FOREVER);
	}
}
EXPORT_SYMBOL_GPL(hrtimer_cancel);

bool hrtimer_active(const struct hrtimer *timer)
{
	return (READ_ONCE(timer->state) & HRTIMER_STATE_ENQUEUED) ||
	       READ_ONCE(hrbase.running) == timer;
}
EXPORT_SYMBOL_GPL(hrtimer_active);

u64 hrtimer_forward(struct hrtimer *timer, ktime_t now, ktime_t interval)
{
	ktime_t delta = ktime_sub(now, hrtimer_get_expires(timer));
	u64 orun = 1;

	if (delta < 0)
		return 0;
	if (WARN_ON(timer->state & HRTIMER_STATE_ENQUEUED))
		return 0;
	if (interval < 1)
		interval = 1;	/* the kernel's minimum resolution guard */
	if (delta >= interval) {
		orun = (u64)delta / (u64)interval;
		hrtimer_add_expires_ns(timer, orun * (u64)interval);
		if (hrtimer_get_expires(timer) > now)
			return orun;
		orun++;
	}
	hrtimer_add_expires(timer, interval);
	return orun;
}
EXPORT_SYMBOL_GPL(hrtimer_forward);

ktime_t __hrtimer_get_remaining(const struct hrtimer *timer, bool adjust)
{
	return hrtimer_expires_remaining(timer);
}
EXPORT_SYMBOL_GPL(__hrtimer_get_remaining);

/* Run the earliest hrtimer if it is due; false when none is. */
static bool run_one(void)
{
	enum hrtimer_restart (*fn)(struct hrtimer *);
	enum hrtimer_restart restart;
	struct hrtimer *timer;
	int count;

	if (list_empty(&hrbase.pending))
		return false;
	timer = list_first_entry(&hrbase.pending, struct hrtimer, ksim_entry);
	if (mono_expiry(timer) > ksim_host->now_ns())
		return false;
	dequeue(timer);
	fn = timer->function;
	hrbase.running = timer;
	ksim_unlock(&hrbase.lock);

	count = preempt_count();
	get_jiffies_64();
	if (timer->is_soft)
		ksim_softirq_enter();
	else
		irq_enter();
	restart = fn(timer);
	if (timer->is_soft)
		ksim_softirq_exit();
	else
		irq_exit();
	if (unlikely(preempt_count() != count)) {
		char sym[128];

		ksim_host->symbolize((void *)fn, sym, sizeof(sym));
		WARN_ONCE(1, "hrtimer: %s preempt leak: %08x -> %08x\n",
			  sym, count, preempt_count());
	}

	ksim_lock(&hrbase.lock);
	/* Re-armed from its own callback: the new start wins. */
	if (restart == HRTIMER_RESTART && !(timer->state & HRTIMER_STATE_ENQUEUED))
		enqueue(timer);
	hrbase.running = NULL;
	bump(&hrbase.done_seq);
	return true;
}

static int hrtimer_task_fn(void *unused)
{
	ksim_lock(&hrbase.lock);
	while (!hrbase.stop) {
		s64 deadline = KSIM_HOST_FOREVER;
		u32 seq;

		if (run_one())
			continue;
		if (!list_empty(&hrbase.pending))
			deadline = mono_expiry(list_first_entry(&hrbase.pending,
						struct hrtimer, ksim_entry));
		seq = __atomic_load_n(&hrbase.wake_seq, __ATOMIC_ACQUIRE);
		ksim_unlock(&hrbase.lock);
		ksim_host->wait(&hrbase.wake_seq, seq, deadline);
		ksim_lock(&hrbase.lock);
	}
	ksim_unlock(&hrbase.lock);
	return 0;
}

/*
 * A module going away with an hrtimer of its own still queued: report it
 * (as debugobjects would on the freed module memory) and dequeue it so the
 * timer task never calls into unmapped code.
 */
static struct hrtimer *first_of_module(struct module *mod)
{
	struct hrtimer *t;

	list_for_each_entry(t, &hrbase.pending, ksim_entry)
		if (ksim_module_of((unsigned long)t->function) == mod)
			return t;
	return NULL;
}

void ksim_hrtimers_module_unload(struct module *mod)
{
	struct hrtimer *t, *running;

	ksim_lock(&hrbase.lock);
	while ((t = first_of_module(mod))) {
		dequeue(t);
		ksim_unlock(&hrbase.lock);
		ksim_odebug_report_free("hrtimer", t, t->function);
		ksim_lock(&hrbase.lock);
	}
	running = hrbase.running;
	if (running && ksim_module_of((unsigned long)running->function) != mod)
		running = NULL;
	ksim_unlock(&hrbase.lock);
	if (running)
		hrtimer_cancel(running);
}

int ksim_hrtimers_init(void)
{
	struct task_struct *task;

	INIT_LIST_HEAD(&hrbase.pending);
	hrbase.running = NULL;
	hrbase.stop = false;
	task = ksim_task_create(hrtimer_task_fn, NULL, "hrtimer/0");
	if (IS_ERR(task))
		return PTR_ERR(task);
	hrbase.task = task;
	return 0;
}

void ksim_hrtimers_exit(void)
{
	struct hrtimer *t, *n;

	if (!hrbase.task)
		return;
	ksim_lock(&hrbase.lock);
	hrbase.stop = true;
	ksim_unlock(&hrbase.lock);
	bump(&hrbase.wake_seq);
	ksim_task_join(hrbase.task);
	put_task_struct(hrbase.task);
	hrbase.task = NULL;
	/* Timers still armed at shutdown simply never fire. */
	ksim_lock(&hrbase.lock);
	list_for_each_entry_safe(t, n, &hrbase.pending, ksim_entry)
		dequeue(t);
	ksim_unlock(&hrbase.lock);
}
