// SPDX-License-Identifier: GPL-2.0
/*
 * An unlocked check-then-act on a shared counter.  Two kthreads each claim
 * one of MAX_USERS slots: they check the count, allocate their state (may
 * sleep) and then increment.  Both can pass the check before either
 * increments, and the count overshoots; exit's WARN_ON says so.  The fix
 * is a lock around check and increment (or atomic_inc_unless / a cmpxchg).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/slab.h>

#define MAX_USERS 1

static int users;
static void *state[2];
static struct task_struct *threads[2];
static DECLARE_COMPLETION(done0);
static DECLARE_COMPLETION(done1);

static int claim_fn(void *arg)
{
	long i = (long)arg;

	if (READ_ONCE(users) < MAX_USERS) {
		/* BUG: nothing keeps the other thread out between check and increment. */
		state[i] = kzalloc(32, GFP_KERNEL);
		WRITE_ONCE(users, READ_ONCE(users) + 1);
	}
	complete(i ? &done1 : &done0);
	return 0;
}

static int __init racy_counter_init(void)
{
	long i;

	for (i = 0; i < 2; i++) {
		threads[i] = kthread_run(claim_fn, (void *)i, "racy_claim%ld", i);
		if (IS_ERR(threads[i]))
			return PTR_ERR(threads[i]);
	}
	wait_for_completion(&done0);
	wait_for_completion(&done1);
	WARN(users > MAX_USERS, "racy_counter: %d users of %d slots\n", users, MAX_USERS);
	return 0;
}

static void __exit racy_counter_exit(void)
{
	kfree(state[0]);
	kfree(state[1]);
}

module_init(racy_counter_init);
module_exit(racy_counter_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ksim test: a check-then-act race on a counter");
