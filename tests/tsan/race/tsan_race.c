// SPDX-License-Identifier: GPL-2.0
/*
 * A planted data race for the ThreadSanitizer group: two kthreads bump one
 * counter with plain loads and stores and no lock.  Under `make SAN=thread`
 * TSan must name bump_fn in this file; tests/tsan/threads.sh checks that
 * it does, so a TSan run that reports nothing is known to be able to.
 * (In a plain build the module runs and passes: lost updates are not
 * checked, the race is the point.)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>

static unsigned long bumps;
static int go;
static struct completion done[2];

static int bump_fn(void *arg)
{
	long i = (long)arg;
	int n;

	/* Both start after both exist: nothing orders one's bumps after the other's. */
	while (!READ_ONCE(go))
		schedule_timeout_interruptible(1);
	for (n = 0; n < 1000; n++)
		bumps++;	/* BUG: unlocked read-modify-write from two threads */
	complete(&done[i]);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static int __init tsan_race_init(void)
{
	struct task_struct *t[2];
	long i;

	for (i = 0; i < 2; i++) {
		init_completion(&done[i]);
		t[i] = kthread_run(bump_fn, (void *)i, "tsan_race%ld", i);
		if (IS_ERR(t[i])) {
			if (i)
				kthread_stop(t[0]);
			return PTR_ERR(t[i]);
		}
	}
	WRITE_ONCE(go, 1);
	wait_for_completion(&done[0]);
	wait_for_completion(&done[1]);
	kthread_stop(t[0]);
	kthread_stop(t[1]);
	pr_info("%lu bumps\n", bumps);
	return 0;
}

static void __exit tsan_race_exit(void)
{
}

module_init(tsan_race_init);
module_exit(tsan_race_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ksim test: a data race ThreadSanitizer must report");
