// SPDX-License-Identifier: GPL-2.0
/*
 * A hang that every schedule shows: a kthread takes a mutex and then waits
 * for a completion nobody completes; init then waits for the mutex.  The
 * deterministic backend finds the deadlock at once (every task blocked, no
 * timer pending); the threads backend's watchdog after hung_task_timeout_secs.
 * The report must name the mutex and its owner.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/completion.h>

static DEFINE_MUTEX(hang_lock);
static DECLARE_COMPLETION(holding);
static DECLARE_COMPLETION(never);
static struct task_struct *holder;

static int holder_fn(void *unused)
{
	mutex_lock(&hang_lock);
	complete(&holding);
	/* BUG: nobody ever completes this, and the mutex stays held. */
	wait_for_completion(&never);
	mutex_unlock(&hang_lock);
	return 0;
}

static int __init hang_mutex_init(void)
{
	holder = kthread_run(holder_fn, NULL, "hang_holder");
	if (IS_ERR(holder))
		return PTR_ERR(holder);
	wait_for_completion(&holding);
	pr_info("waiting for the mutex the kthread holds\n");
	mutex_lock(&hang_lock);
	mutex_unlock(&hang_lock);
	return 0;
}

static void __exit hang_mutex_exit(void)
{
}

module_init(hang_mutex_init);
module_exit(hang_mutex_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ksim test: a task blocked forever on a mutex");
