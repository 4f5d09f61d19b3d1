// SPDX-License-Identifier: GPL-2.0
/* Sleeping under a spinlock: the might_sleep() report must fire, once. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/delay.h>

static DEFINE_SPINLOCK(lock);

static int __init atomic_sleep_init(void)
{
	void *p;
	int i;

	for (i = 0; i < 2; i++) {
		spin_lock(&lock);
		p = kmalloc(16, GFP_KERNEL);	/* may sleep: wrong under a spinlock */
		spin_unlock(&lock);
		kfree(p);
	}
	return 0;
}

static void __exit atomic_sleep_exit(void)
{
}

module_init(atomic_sleep_init);
module_exit(atomic_sleep_exit);
MODULE_LICENSE("GPL");
