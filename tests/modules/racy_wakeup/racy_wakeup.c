// SPDX-License-Identifier: GPL-2.0
/*
 * A lost wake-up.  init waits for a kthread to say it is ready, but tests
 * the flag before it sets its task state, and allocates a record (which
 * may sleep, so others run) in between: when the kthread sets the flag and
 * wakes init in that window, the wake-up finds init still running and is
 * lost, and init then sleeps forever.  Most interleavings are fine; the
 * deterministic backend's --explore finds the bad one and the hung-task
 * report names it.
 *
 * The right order is set_current_state() first, then the test (or simply
 * wait_event()/a completion).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/jiffies.h>

struct waiter {
	struct task_struct *task;
	unsigned long since;
};

static struct task_struct *waker;
static struct task_struct *sleeper;
static int ready;

static int waker_fn(void *unused)
{
	WRITE_ONCE(ready, 1);
	wake_up_process(sleeper);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ);
	return 0;
}

static int __init racy_wakeup_init(void)
{
	struct waiter *w;

	sleeper = current;
	waker = kthread_run(waker_fn, NULL, "racy_waker");
	if (IS_ERR(waker))
		return PTR_ERR(waker);
	if (!READ_ONCE(ready)) {
		/* BUG: the flag is tested before the task state is set. */
		w = kzalloc(sizeof(*w), GFP_KERNEL);
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule();
		kfree(w);
	}
	pr_info("the kthread is ready\n");
	return 0;
}

static void __exit racy_wakeup_exit(void)
{
	kthread_stop(waker);
}

module_init(racy_wakeup_init);
module_exit(racy_wakeup_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ksim test: a lost wake-up only some interleavings show");
