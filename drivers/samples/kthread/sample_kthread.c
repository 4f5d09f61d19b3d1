// SPDX-License-Identifier: GPL-2.0
/*
 * sample_kthread.c - a kernel thread: it produces a few numbers, tells
 * init through a completion, then sleeps until it is told to stop.
 * Unload stops it and prints what the thread function returned.
 *
 *   ./ksim drivers/samples/kthread/sample_kthread.ko count=3
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>

static unsigned int count = 5;
module_param(count, uint, 0444);
MODULE_PARM_DESC(count, "How many numbers the thread produces (default 5)");

static struct task_struct *producer;
static DECLARE_COMPLETION(produced);
static unsigned long sum;

static int sample_producer(void *data)
{
	unsigned int i;

	for (i = 1; i <= count; i++) {
		sum += i * i;
		pr_info("%s produced %u\n", current->comm, i * i);
		msleep(5);
	}
	complete(&produced);

	/* The kthread pattern: sleep until kthread_stop() wakes us. */
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return count;
}

static int __init sample_kthread_init(void)
{
	producer = kthread_run(sample_producer, NULL, "sample_kt/%u", count);
	if (IS_ERR(producer))
		return PTR_ERR(producer);
	wait_for_completion(&produced);
	pr_info("%s produced %u numbers, sum of squares %lu\n",
		producer->comm, count, sum);
	return 0;
}

static void __exit sample_kthread_exit(void)
{
	int ret = kthread_stop(producer);

	pr_info("thread stopped, it returned %d\n", ret);
}

module_init(sample_kthread_init);
module_exit(sample_kthread_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("ksim developers");
MODULE_DESCRIPTION("Sample: a kthread that produces numbers and waits to be stopped");
