// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_lockdep_graph.c - locking/lockdep_graph.c: lock classes
 * and the order graph.  Two orders of two locks taken on one thread (no
 * deadlock happens) are reported as a possible circular dependency with
 * both chains; a longer cycle names its chain; consistent orders, trylocks,
 * readers of an rwlock_t, and locks of one class nested are not reported;
 * classes follow the init site, not the instance.
 */
#include "ktest.h"

#include <string.h>

#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/rwlock.h>
#include <linux/rwsem.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "internal.h"

TestSuite(lockdep_graph, .init = ktest_boot, .fini = ktest_shutdown);

static DEFINE_MUTEX(ma);
static DEFINE_MUTEX(mb);
static DEFINE_MUTEX(mc);

/* Take @first, then @second, then let both go. */
static void lock_pair(struct mutex *first, struct mutex *second)
{
	mutex_lock(first);
	mutex_lock(second);
	mutex_unlock(second);
	mutex_unlock(first);
}

static void expect_circular(void)
{
	cr_assert(ksim_dmesg_contains("WARNING: possible circular locking dependency detected"));
	cr_assert(ksim_dmesg_contains("which lock already depends on the new lock."));
	cr_assert(ksim_dmesg_contains("the existing dependency chain (in reverse order) is:"));
	cr_assert(ksim_dmesg_contains("*** DEADLOCK ***"));
	cr_assert_eq(ksim_report_count(KSIM_REPORT_LOCKING), 1);
	ktest_expect_reports(KSIM_REPORT_LOCKING, 1);
}

Test(lockdep_graph, abba_mutexes_reported_without_deadlock)
{
	lock_pair(&ma, &mb);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_LOCKING), 0);

	lock_pair(&mb, &ma);
	expect_circular();
	cr_assert(ksim_dmesg_contains("is trying to acquire lock:"));
	cr_assert(ksim_dmesg_contains("(ma), at: "));
	cr_assert(ksim_dmesg_contains("but task is already holding lock:"));
	cr_assert(ksim_dmesg_contains("-> #1 (mb):"));
	cr_assert(ksim_dmesg_contains("-> #0 (ma):"));
	cr_assert(ksim_dmesg_contains("  lock(mb);"));
	cr_assert(ksim_dmesg_contains("test_lockdep_graph.c"));
}

Test(lockdep_graph, longer_cycle_names_the_chain)
{
	lock_pair(&ma, &mb);
	lock_pair(&mb, &mc);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_LOCKING), 0);
	lock_pair(&mc, &ma);
	expect_circular();
	cr_assert(ksim_dmesg_contains("Chain exists of:"));
	cr_assert(ksim_dmesg_contains("ma --> mb --> mc"));
	cr_assert(ksim_dmesg_contains("-> #2 (mc):"));
	cr_assert(ksim_dmesg_contains("-> #1 (mb):"));
}

Test(lockdep_graph, spinlock_and_mutex_mixed)
{
	static DEFINE_SPINLOCK(s);

	mutex_lock(&ma);
	spin_lock(&s);
	spin_unlock(&s);
	mutex_unlock(&ma);
	spin_lock(&s);
	/* Checked before it would sleep: a mutex under a spinlock, reversed. */
	if (mutex_trylock(&ma))
		mutex_unlock(&ma);
	spin_unlock(&s);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_LOCKING), 0, "a trylock cannot deadlock");
}

Test(lockdep_graph, rwsem_writer_orders)
{
	static DECLARE_RWSEM(ra);
	static DECLARE_RWSEM(rb);

	down_read(&ra);
	down_write(&rb);
	up_write(&rb);
	up_read(&ra);
	down_write(&rb);
	down_read(&ra);
	up_read(&ra);
	up_write(&rb);
	expect_circular();
}

Test(lockdep_graph, rwlock_readers_do_not_order)
{
	static DEFINE_RWLOCK(rw);
	static DEFINE_SPINLOCK(s);

	read_lock(&rw);
	spin_lock(&s);
	spin_unlock(&s);
	read_unlock(&rw);
	spin_lock(&s);
	read_lock(&rw);
	read_unlock(&rw);
	spin_unlock(&s);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_LOCKING), 0);
}

Test(lockdep_graph, consistent_order_is_quiet)
{
	int i;

	for (i = 0; i < 100; i++) {
		mutex_lock(&ma);
		mutex_lock(&mb);
		mutex_lock(&mc);
		mutex_unlock(&mc);
		mutex_unlock(&mb);
		mutex_unlock(&ma);
	}
	cr_assert_eq(ksim_report_count(KSIM_REPORT_LOCKING), 0);
}

struct obj {
	struct mutex lock;
};

static struct obj *obj_new(void)
{
	struct obj *o = kzalloc(sizeof(*o), GFP_KERNEL);

	cr_assert_not_null(o);
	mutex_init(&o->lock);	/* one init site: one class for every object */
	return o;
}

Test(lockdep_graph, class_is_the_init_site)
{
	struct obj *x = obj_new(), *y = obj_new();

	/* Two instances, one class: x then ma, later ma then y is an inversion. */
	mutex_lock(&x->lock);
	mutex_lock(&ma);
	mutex_unlock(&ma);
	mutex_unlock(&x->lock);
	mutex_lock(&ma);
	mutex_lock(&y->lock);
	mutex_unlock(&y->lock);
	mutex_unlock(&ma);
	expect_circular();
	cr_assert(ksim_dmesg_contains("(&o->lock)"));
	kfree(x);
	kfree(y);
}

Test(lockdep_graph, same_class_nesting_with_subclass)
{
	struct obj *x = obj_new(), *y = obj_new();

	mutex_lock(&x->lock);
	mutex_lock_nested(&y->lock, SINGLE_DEPTH_NESTING);
	mutex_unlock(&y->lock);
	mutex_unlock(&x->lock);
	mutex_lock(&y->lock);
	mutex_lock_nested(&x->lock, SINGLE_DEPTH_NESTING);
	mutex_unlock(&x->lock);
	mutex_unlock(&y->lock);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_LOCKING), 0);
	kfree(x);
	kfree(y);
}

Test(lockdep_graph, only_the_first_inversion_is_reported)
{
	lock_pair(&ma, &mb);
	lock_pair(&mb, &ma);
	lock_pair(&mc, &ma);
	lock_pair(&ma, &mc);
	expect_circular();
	cr_assert_eq(ksim_dmesg_count("possible circular locking dependency"), 1);
}

Test(lockdep_graph, held_lock_at_return_is_named)
{
	mutex_lock(&mc);
	cr_assert(ksim_lockdep_sys_exit());
	cr_assert(ksim_dmesg_contains("WARNING: lock held when returning to user space!"));
	cr_assert(ksim_dmesg_contains("is leaving the kernel with locks still held!"));
	cr_assert(ksim_dmesg_contains(" #0: "));
	cr_assert(ksim_dmesg_contains("(mc), at: "));
	cr_assert_not(ksim_lockdep_sys_exit(), "reported once, then forgotten");
	ktest_expect_reports(KSIM_REPORT_LOCKING, 1);
	mutex_unlock(&mc);
}

static DEFINE_MUTEX(wm);
static int work_runs;

static void takes_wm(struct work_struct *work)
{
	mutex_lock(&wm);
	work_runs++;
	mutex_unlock(&wm);
}

/*
 * The kernel's classic: flush_work() while holding a lock the work function
 * takes.  Reported from the order alone, with no work pending (no hang).
 */
Test(lockdep_graph, flush_work_under_a_lock_its_function_takes)
{
	static DECLARE_WORK(w, takes_wm);

	schedule_work(&w);
	flush_work(&w);
	cr_assert_eq(work_runs, 1);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_LOCKING), 0);
	mutex_lock(&wm);
	flush_work(&w);
	mutex_unlock(&wm);
	expect_circular();
	cr_assert(ksim_dmesg_contains("((work_completion)w)"));
	cr_assert(ksim_dmesg_contains("(wm)"));
}

Test(lockdep_graph, flush_workqueue_under_a_lock_its_work_takes)
{
	struct workqueue_struct *wq = alloc_workqueue("lockdep_wq", 0, 1);
	struct work_struct w;

	cr_assert_not_null(wq);
	INIT_WORK(&w, takes_wm);
	queue_work(wq, &w);
	flush_workqueue(wq);
	mutex_lock(&wm);
	flush_workqueue(wq);
	mutex_unlock(&wm);
	expect_circular();
	cr_assert(ksim_dmesg_contains("(lockdep_wq)"));
	destroy_workqueue(wq);
}

Test(lockdep_graph, might_lock_records_the_order)
{
	mutex_lock(&ma);
	might_lock(&mb);	/* "this path may take mb": mb is not taken */
	cr_assert(!mutex_is_locked(&mb));
	mutex_unlock(&ma);
	lock_pair(&mb, &ma);
	expect_circular();
}
