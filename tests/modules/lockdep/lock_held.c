// SPDX-License-Identifier: GPL-2.0
/* lock_held - returns from init with a mutex still held. */
#include <linux/module.h>
#include <linux/mutex.h>

static DEFINE_MUTEX(lock_held_mutex);

static int __init lock_held_init(void)
{
	mutex_lock(&lock_held_mutex);
	return 0;
}

static void __exit lock_held_exit(void)
{
}

module_init(lock_held_init);
module_exit(lock_held_exit);
MODULE_LICENSE("GPL");
