// SPDX-License-Identifier: GPL-2.0
/* tests/unit/test_rwsem.c - kapi-shim/locking/rwsem.c */
#include <linux/kernel.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/err.h>
#include <linux/errno.h>

#include "internal.h"
#include "ktest.h"

TestSuite(rwsem, .init = ktest_boot, .fini = ktest_shutdown);

static struct task_struct *spawn(int (*fn)(void *), void *arg)
{
	struct task_struct *t = ksim_task_create(fn, arg, "rwsem_test");

	cr_assert(!IS_ERR(t));
	return t;
}

static void reap(struct task_struct *t)
{
	ksim_task_join(t);
	put_task_struct(t);
}

struct job {
	struct rw_semaphore *sem;
	int write;
	int state;	/* 1 trying, 2 holds, 3 done */
	int release;
};

static int job_fn(void *arg)
{
	struct job *j = arg;

	__atomic_store_n(&j->state, 1, __ATOMIC_SEQ_CST);
	if (j->write)
		down_write(j->sem);
	else
		down_read(j->sem);
	__atomic_store_n(&j->state, 2, __ATOMIC_SEQ_CST);
	while (!__atomic_load_n(&j->release, __ATOMIC_SEQ_CST))
		ktest_sleep_ms(1);
	if (j->write)
		up_write(j->sem);
	else
		up_read(j->sem);
	__atomic_store_n(&j->state, 3, __ATOMIC_SEQ_CST);
	return 0;
}

#define STATE(j)	__atomic_load_n(&(j).state, __ATOMIC_SEQ_CST)
#define RELEASE(j)	__atomic_store_n(&(j).release, 1, __ATOMIC_SEQ_CST)

Test(rwsem, readers_share)
{
	DECLARE_RWSEM(sem);
	struct job r = { .sem = &sem };
	struct task_struct *t;

	down_read(&sem);
	t = spawn(job_fn, &r);
	cr_assert(ktest_wait_for(STATE(r) == 2, 5000), "second reader blocked");
	cr_assert(rwsem_is_locked(&sem));
	lockdep_assert_held_read(&sem);
	up_read(&sem);
	RELEASE(r);
	reap(t);
	cr_assert(!rwsem_is_locked(&sem));
}

Test(rwsem, writer_excludes)
{
	DECLARE_RWSEM(sem);
	struct job r = { .sem = &sem }, w = { .sem = &sem, .write = 1 };
	struct task_struct *tr, *tw;

	down_write(&sem);
	lockdep_assert_held_write(&sem);
	tr = spawn(job_fn, &r);
	tw = spawn(job_fn, &w);
	cr_assert(ktest_wait_for(STATE(r) == 1 && STATE(w) == 1, 5000));
	ktest_sleep_ms(50);
	cr_assert_eq(STATE(r), 1, "reader got in under a writer");
	cr_assert_eq(STATE(w), 1, "writer got in under a writer");
	cr_assert_eq(down_read_trylock(&sem), 0);
	cr_assert_eq(down_write_trylock(&sem), 0);
	up_write(&sem);
	cr_assert(ktest_wait_for(STATE(r) == 2 || STATE(w) == 2, 5000));
	cr_assert(!(STATE(r) == 2 && STATE(w) == 2), "reader and writer together");
	RELEASE(r);
	RELEASE(w);
	reap(tr);
	reap(tw);
	cr_assert(!rwsem_is_locked(&sem));
}

Test(rwsem, waiting_writer_blocks_new_readers)
{
	DECLARE_RWSEM(sem);
	struct job w = { .sem = &sem, .write = 1 }, r = { .sem = &sem };
	struct task_struct *tw, *tr;

	down_read(&sem);
	tw = spawn(job_fn, &w);
	cr_assert(ktest_wait_for(STATE(w) == 1, 5000));
	ktest_sleep_ms(30);	/* let the writer announce itself */
	cr_assert_eq(STATE(w), 1);
	tr = spawn(job_fn, &r);
	cr_assert(ktest_wait_for(STATE(r) == 1, 5000));
	ktest_sleep_ms(50);
	cr_assert_eq(STATE(r), 1, "a new reader passed a waiting writer");
	cr_assert_eq(down_read_trylock(&sem), 0);
	up_read(&sem);
	/* The writer goes first, then the reader. */
	cr_assert(ktest_wait_for(STATE(w) == 2, 5000));
	cr_assert_eq(STATE(r), 1);
	RELEASE(w);
	cr_assert(ktest_wait_for(STATE(r) == 2, 5000));
	RELEASE(r);
	reap(tw);
	reap(tr);
}

Test(rwsem, downgrade_lets_readers_in)
{
	DECLARE_RWSEM(sem);
	struct job r = { .sem = &sem }, w = { .sem = &sem, .write = 1 };
	struct task_struct *tr, *tw;

	down_write(&sem);
	tr = spawn(job_fn, &r);
	cr_assert(ktest_wait_for(STATE(r) == 1, 5000));
	ktest_sleep_ms(20);
	cr_assert_eq(STATE(r), 1);
	downgrade_write(&sem);
	cr_assert_eq(lockdep_is_held_type(&sem, 1), LOCK_STATE_HELD);
	cr_assert(ktest_wait_for(STATE(r) == 2, 5000), "reader not let in by downgrade");
	tw = spawn(job_fn, &w);
	cr_assert(ktest_wait_for(STATE(w) == 1, 5000));
	ktest_sleep_ms(20);
	cr_assert_eq(STATE(w), 1, "writer got in beside readers");
	up_read(&sem);
	RELEASE(r);
	cr_assert(ktest_wait_for(STATE(w) == 2, 5000));
	RELEASE(w);
	reap(tr);
	reap(tw);
}

Test(rwsem, killable_and_interruptible_with_signal)
{
	DECLARE_RWSEM(sem);
	struct job w = { .sem = &sem, .write = 1 };
	struct task_struct *t = spawn(job_fn, &w);

	cr_assert(ktest_wait_for(STATE(w) == 2, 5000));
	current->ksim_sigpending = 1;
	cr_assert_eq(down_read_killable(&sem), -EINTR);
	cr_assert_eq(down_read_interruptible(&sem), -EINTR);
	cr_assert_eq(down_write_killable(&sem), -EINTR);
	cr_assert_eq(sem.ksim_writers, 0u, "a writer that gave up stays counted");
	current->ksim_sigpending = 0;
	RELEASE(w);
	cr_assert_eq(down_write_killable(&sem), 0);
	up_write(&sem);
	reap(t);
}

Test(rwsem, up_read_of_free_rwsem_is_reported)
{
	struct rw_semaphore sem;

	init_rwsem(&sem);
	cr_assert_str_eq(sem.dep_map.name, "&sem");
	ktest_expect_reports(KSIM_REPORT_LOCKING, 1);
	up_read(&sem);
	cr_assert(!rwsem_is_locked(&sem));
}

Test(rwsem, recursive_write_panics, .exit_code = 3)
{
	DECLARE_RWSEM(sem);

	down_write(&sem);
	down_write_nested(&sem, 1);
	cr_assert_fail("down_write on a held rwsem returned");
}
