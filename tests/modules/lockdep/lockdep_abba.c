// SPDX-License-Identifier: GPL-2.0
/*
 * lockdep_abba - takes two locks in one order, then in the other, on one
 * thread: no deadlock happens in this run, but on two CPUs it could, and
 * lockdep must say so ("possible circular locking dependency detected").
 * kind=mutex (default), spinlock or rwsem picks the lock type.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/rwsem.h>
#include <linux/string.h>

static char *kind = "mutex";
module_param(kind, charp, 0444);
MODULE_PARM_DESC(kind, "mutex, spinlock or rwsem");

static DEFINE_MUTEX(abba_a);
static DEFINE_MUTEX(abba_b);
static DEFINE_SPINLOCK(abba_sa);
static DEFINE_SPINLOCK(abba_sb);
static DECLARE_RWSEM(abba_ra);
static DECLARE_RWSEM(abba_rb);

static noinline void mutex_a_then_b(void)
{
	mutex_lock(&abba_a);
	mutex_lock(&abba_b);
	mutex_unlock(&abba_b);
	mutex_unlock(&abba_a);
}

static noinline void mutex_b_then_a(void)
{
	mutex_lock(&abba_b);
	mutex_lock(&abba_a);
	mutex_unlock(&abba_a);
	mutex_unlock(&abba_b);
}

static noinline void spin_a_then_b(void)
{
	spin_lock(&abba_sa);
	spin_lock(&abba_sb);
	spin_unlock(&abba_sb);
	spin_unlock(&abba_sa);
}

static noinline void spin_b_then_a(void)
{
	spin_lock(&abba_sb);
	spin_lock(&abba_sa);
	spin_unlock(&abba_sa);
	spin_unlock(&abba_sb);
}

static noinline void rwsem_a_then_b(void)
{
	down_write(&abba_ra);
	down_read(&abba_rb);
	up_read(&abba_rb);
	up_write(&abba_ra);
}

static noinline void rwsem_b_then_a(void)
{
	down_write(&abba_rb);
	down_write(&abba_ra);
	up_write(&abba_ra);
	up_write(&abba_rb);
}

static int __init abba_init(void)
{
	if (!strcmp(kind, "spinlock")) {
		spin_a_then_b();
		spin_b_then_a();
	} else if (!strcmp(kind, "rwsem")) {
		rwsem_a_then_b();
		rwsem_b_then_a();
	} else {
		mutex_a_then_b();
		mutex_b_then_a();
	}
	pr_info("both orders done, no deadlock in this run\n");
	return 0;
}

static void __exit abba_exit(void)
{
}

module_init(abba_init);
module_exit(abba_exit);
MODULE_LICENSE("GPL");
