// SPDX-License-Identifier: GPL-2.0
/*
 * spin_held - returns from init with a spinlock held (interrupts off):
 * the report must name the spinlock and the init function, not whatever
 * later code first notices that preemption is still disabled.
 */
#include <linux/module.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(spin_held_lock);

static int __init spin_held_init(void)
{
	spin_lock_irq(&spin_held_lock);
	return 0;
}

static void __exit spin_held_exit(void)
{
}

module_init(spin_held_init);
module_exit(spin_held_exit);
MODULE_LICENSE("GPL");
