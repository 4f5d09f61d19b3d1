// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/hung_task.c - the hung-task report (the kernel's
 * khungtaskd), made when the host says nothing can make progress.
 *
 * The deterministic backend knows at once: every task is blocked and no
 * timer is pending, so the machine is deadlocked.  The threads backend's
 * watchdog says the same after hung_task_timeout_secs of real time with
 * every task blocked and no wait returning.  Either way each blocked task
 * that is not an idle worker gets the kernel's "INFO: task ... blocked for
 * more than N seconds." block with its stack, the mutex it waits for and
 * its owner, and the locks it holds; then ksim stops with a report, as
 * with hung_task_panic=1: a machine that cannot move cannot finish a run.
 */
#include <linux/kernel.h>
#include <linux/time64.h>
#include <linux/sched.h>
#include <linux/mutex.h>
#include <linux/export.h>
#include <ksim/report.h>
#include <ksim/boot.h>

#include "internal.h"
#include "sim/host.h"

struct hung_scan {
	bool deadlock;
	s64 timeout;
	unsigned int shown, idle, foreign;
};

static s64 hung_timeout_ns;
static void (*hung_notifier)(void);

void ksim_set_hung_notifier(void (*fn)(void))
{
	hung_notifier = fn;
}

/* Set by the main thread while the threads backend's watchdog reads it. */
void ksim_hung_task_set_timeout(s64 ns)
{
	WRITE_ONCE(hung_timeout_ns, ns);
}

/* Asleep in D state (or on a mutex) for the timeout: what khungtaskd reports. */
static bool task_stuck(struct task_struct *p, s64 now, s64 timeout)
{
	unsigned int state = READ_ONCE(p->__state);
	s64 since = READ_ONCE(p->ksim_sleep_start);

	if (READ_ONCE(p->ksim_idle) || !since)
		return false;
	if (!((state & TASK_UNINTERRUPTIBLE) && !(state & TASK_NOLOAD)) &&
	    !READ_ONCE(p->ksim_blocked_on))
		return false;
	return now - since >= timeout;
}

static void show_blocked(const struct ksim_host_blocked *b, void *arg)
{
	struct hung_scan *scan = arg;
	struct task_struct *p = b->priv;
	struct mutex *m;

	if (!p) {
		/* A host task with no kernel identity: a device model's worker. */
		scan->foreign++;
		return;
	}
	if (READ_ONCE(p->ksim_idle)) {
		scan->idle++;
		return;
	}
	if (!scan->deadlock && !task_stuck(p, ksim_host->now_ns(), scan->timeout))
		return;
	scan->shown++;
	/* As the kernel: the timeout, or (a deadlock, found at once) how long it has been. */
	pr_err("INFO: task %s:%d blocked for more than %lld seconds.\n", p->comm, p->pid,
	       (long long)((scan->deadlock ? b->blocked_ns : scan->timeout) / NSEC_PER_SEC));
	pr_err("      Not tainted 6.1.0-ksim\n");
	pr_err("\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.\n");
	pr_err("task:%-15s state:%c stack:0     pid:%-5d ppid:0      flags:0x%08x\n",
	       p->comm, (READ_ONCE(p->__state) & TASK_UNINTERRUPTIBLE) ||
	       READ_ONCE(p->ksim_blocked_on) ? 'D' : 'S', p->pid, p->flags);
	pr_err("Call Trace:\n");
	pr_err(" <TASK>\n");
	ksim_print_frames(KERN_ERR, b->frames, b->nr_frames);
	pr_err(" </TASK>\n");
	m = READ_ONCE(p->ksim_blocked_on);
	if (m) {
		struct task_struct *owner = READ_ONCE(m->owner);

		if (owner)
			pr_err("%s/%d is waiting for mutex %s (%px), held by %s/%d\n",
			       p->comm, p->pid, m->dep_map.name ? m->dep_map.name : "?",
			       m, owner->comm, owner->pid);
		else
			pr_err("%s/%d is waiting for mutex %s (%px)\n", p->comm, p->pid,
			       m->dep_map.name ? m->dep_map.name : "?", m);
	}
	ksim_lockdep_show_held(p);
}

/* Is any task stuck?  Cheap: the task list only, no stacks. */
static bool any_task_stuck(s64 timeout)
{
	s64 now = ksim_host->now_ns();
	struct task_struct *p;
	bool stuck = false;

	ksim_for_each_task(p) {
		if (task_stuck(p, now, timeout)) {
			stuck = true;
			break;
		}
	}
	ksim_for_each_task_end();
	return stuck;
}

void ksim_hung_task_detected(bool deadlock)
{
	struct hung_scan scan = { .deadlock = deadlock, .timeout = READ_ONCE(hung_timeout_ns) };

	if (!deadlock && (!scan.timeout || !any_task_stuck(scan.timeout)))
		return;
	if (deadlock)
		pr_err("ksim: deadlock: every task is blocked and no timer is pending, nothing can run again\n");
	ksim_host->for_each_blocked(show_blocked, &scan);
	if (!scan.shown && !deadlock)
		return;		/* woke up meanwhile */
	if (scan.idle || scan.foreign)
		pr_err("ksim: %u idle worker%s and %u device task%s blocked too (not shown)\n",
		       scan.idle, scan.idle == 1 ? "" : "s", scan.foreign,
		       scan.foreign == 1 ? "" : "s");
	ksim_report(KSIM_REPORT_HUNG);
	ksim_printk_flush();
	if (hung_notifier)
		hung_notifier();
	ksim_host->halt(1);
}
