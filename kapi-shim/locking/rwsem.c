// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/locking/rwsem.c - reader-writer semaphores.
 *
 * ksim_cnt counts readers, or is -1 for a writer.  A writer that cannot
 * get in announces itself in ksim_writers, and new readers (down_read and
 * down_read_trylock alike) stay out while it is non-zero: the readers
 * inside drain and the writer goes next, so a stream of readers cannot
 * starve it.  Waiters sleep on an event counter bumped by every release;
 * interruptible and killable waiters wake periodically to look for a
 * signal (see KSIM_SIGNAL_POLL_NS).
 */
#include <linux/kernel.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <linux/export.h>

#include "locking.h"

void __init_rwsem(struct rw_semaphore *sem, const char *name,
		  struct lock_class_key *key)
{
	sem->ksim_cnt = 0;
	sem->ksim_writers = 0;
	sem->ksim_seq = 0;
	sem->ksim_sleepers = 0;
	sem->owner = NULL;
	lockdep_init_map_wait(&sem->dep_map, name, key, 0, LD_WAIT_SLEEP);
}
EXPORT_SYMBOL(__init_rwsem);

static bool read_try(struct rw_semaphore *sem)
{
	s32 c = __atomic_load_n(&sem->ksim_cnt, __ATOMIC_RELAXED);

	while (c >= 0 && !__atomic_load_n(&sem->ksim_writers, __ATOMIC_SEQ_CST))
		if (__atomic_compare_exchange_n(&sem->ksim_cnt, &c, c + 1,
						false, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return true;
	return false;
}

static bool write_try(struct rw_semaphore *sem)
{
	s32 c = 0;

	return __atomic_compare_exchange_n(&sem->ksim_cnt, &c, -1, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static void rwsem_wake(struct rw_semaphore *sem)
{
	ksim_ec_notify(&sem->ksim_seq, &sem->ksim_sleepers);
}

/* Spin on @try, then sleep until it succeeds or a signal ends the wait. */
static int rwsem_wait(struct rw_semaphore *sem,
		      bool (*try)(struct rw_semaphore *sem), unsigned int state)
{
	struct task_struct *p = current;
	int i;

	for (i = 0; i < KSIM_LOCK_SPINS; i++) {
		if (try(sem))
			return 0;
		cpu_relax();
	}
	for (;;) {
		u32 seq = ksim_ec_prepare(&sem->ksim_seq, &sem->ksim_sleepers);
		int ret = try(sem) ? 0 : 1;

		if (ret && signal_pending_state(state, p))
			ret = -EINTR;
		if (ret == 1)
			ksim_host->wait(&sem->ksim_seq, seq,
					ksim_lock_deadline(state));
		ksim_ec_finish(&sem->ksim_sleepers);
		if (ret <= 0)
			return ret;
	}
}

static int __down_read(struct rw_semaphore *sem, unsigned int state,
		       int subclass, bool track, unsigned long ip)
{
	might_sleep();
	if (unlikely(!read_try(sem))) {
		int ret;

		if (unlikely(READ_ONCE(sem->owner) == current))
			ksim_lock_recursion(&sem->dep_map, ip);
		if (track)
			ksim_lockdep_before_wait(&sem->dep_map, subclass, 1, ip);
		ret = rwsem_wait(sem, read_try, state);
		if (ret)
			return ret;
	}
	if (track)
		lock_acquire(&sem->dep_map, subclass, 0, 1, 1, NULL, ip);
	return 0;
}

static int __down_write(struct rw_semaphore *sem, unsigned int state,
			int subclass, unsigned long ip)
{
	might_sleep();
	if (unlikely(!write_try(sem))) {
		int ret;

		if (unlikely(READ_ONCE(sem->owner) == current))
			ksim_lock_recursion(&sem->dep_map, ip);
		ksim_lockdep_before_wait(&sem->dep_map, subclass, 0, ip);
		__atomic_fetch_add(&sem->ksim_writers, 1, __ATOMIC_SEQ_CST);
		ret = rwsem_wait(sem, write_try, state);
		__atomic_fetch_sub(&sem->ksim_writers, 1, __ATOMIC_SEQ_CST);
		if (ret) {
			/* Readers we held back may go now. */
			rwsem_wake(sem);
			return ret;
		}
	}
	WRITE_ONCE(sem->owner, current);
	lock_acquire(&sem->dep_map, subclass, 0, 0, 1, NULL, ip);
	return 0;
}

void down_read(struct rw_semaphore *sem)
{
	__down_read(sem, TASK_UNINTERRUPTIBLE, 0, true, _RET_IP_);
}
EXPORT_SYMBOL(down_read);

void down_read_nested(struct rw_semaphore *sem, int subclass)
{
	__down_read(sem, TASK_UNINTERRUPTIBLE, subclass, true, _RET_IP_);
}
EXPORT_SYMBOL(down_read_nested);

int down_read_interruptible(struct rw_semaphore *sem)
{
	return __down_read(sem, TASK_INTERRUPTIBLE, 0, true, _RET_IP_);
}
EXPORT_SYMBOL(down_read_interruptible);

int down_read_killable(struct rw_semaphore *sem)
{
	return __down_read(sem, TASK_KILLABLE, 0, true, _RET_IP_);
}
EXPORT_SYMBOL(down_read_killable);

int down_read_killable_nested(struct rw_semaphore *sem, int subclass)
{
	return __down_read(sem, TASK_KILLABLE, subclass, true, _RET_IP_);
}
EXPORT_SYMBOL(down_read_killable_nested);

void down_read_non_owner(struct rw_semaphore *sem)
{
	__down_read(sem, TASK_UNINTERRUPTIBLE, 0, false, _RET_IP_);
}
EXPORT_SYMBOL(down_read_non_owner);

int down_read_trylock(struct rw_semaphore *sem)
{
	if (!read_try(sem))
		return 0;
	lock_acquire(&sem->dep_map, 0, 1, 1, 1, NULL, _RET_IP_);
	return 1;
}
EXPORT_SYMBOL(down_read_trylock);

void down_write(struct rw_semaphore *sem)
{
	__down_write(sem, TASK_UNINTERRUPTIBLE, 0, _RET_IP_);
}
EXPORT_SYMBOL(down_write);

void down_write_nested(struct rw_semaphore *sem, int subclass)
{
	__down_write(sem, TASK_UNINTERRUPTIBLE, subclass, _RET_IP_);
}
EXPORT_SYMBOL(down_write_nested);

void _down_write_nest_lock(struct rw_semaphore *sem, struct lockdep_map *nest)
{
	__down_write(sem, TASK_UNINTERRUPTIBLE, 0, _RET_IP_);
}
EXPORT_SYMBOL(_down_write_nest_lock);

int down_write_killable(struct rw_semaphore *sem)
{
	return __down_write(sem, TASK_KILLABLE, 0, _RET_IP_);
}
EXPORT_SYMBOL(down_write_killable);

int down_write_killable_nested(struct rw_semaphore *sem, int subclass)
{
	return __down_write(sem, TASK_KILLABLE, subclass, _RET_IP_);
}
EXPORT_SYMBOL(down_write_killable_nested);

int down_write_trylock(struct rw_semaphore *sem)
{
	if (!write_try(sem))
		return 0;
	WRITE_ONCE(sem->owner, current);
	lock_acquire(&sem->dep_map, 0, 1, 0, 1, NULL, _RET_IP_);
	return 1;
}
EXPORT_SYMBOL(down_write_trylock);

static void __up_read(struct rw_semaphore *sem, bool track, unsigned long ip)
{
	s32 c = __atomic_load_n(&sem->ksim_cnt, __ATOMIC_RELAXED);

	do {
		if (KSIM_DEBUG_LOCKS_WARN_ON(c <= 0, ip))
			return;
	} while (!__atomic_compare_exchange_n(&sem->ksim_cnt, &c, c - 1,
					      false, __ATOMIC_RELEASE,
					      __ATOMIC_RELAXED));
	if (track)
		lock_release(&sem->dep_map, ip);
	if (c == 1)
		rwsem_wake(sem);
}

void up_read(struct rw_semaphore *sem)
{
	__up_read(sem, true, _RET_IP_);
}
EXPORT_SYMBOL(up_read);

void up_read_non_owner(struct rw_semaphore *sem)
{
	__up_read(sem, false, _RET_IP_);
}
EXPORT_SYMBOL(up_read_non_owner);

void up_write(struct rw_semaphore *sem)
{
	unsigned long ip = _RET_IP_;

	if (KSIM_DEBUG_LOCKS_WARN_ON(READ_ONCE(sem->ksim_cnt) != -1, ip))
		return;
	KSIM_DEBUG_LOCKS_WARN_ON(READ_ONCE(sem->owner) != current, ip);
	lock_release(&sem->dep_map, ip);
	WRITE_ONCE(sem->owner, NULL);
	__atomic_store_n(&sem->ksim_cnt, 0, __ATOMIC_RELEASE);
	rwsem_wake(sem);
}
EXPORT_SYMBOL(up_write);

void downgrade_write(struct rw_semaphore *sem)
{
	unsigned long ip = _RET_IP_;

	if (KSIM_DEBUG_LOCKS_WARN_ON(READ_ONCE(sem->ksim_cnt) != -1, ip))
		return;
	KSIM_DEBUG_LOCKS_WARN_ON(READ_ONCE(sem->owner) != current, ip);
	lock_release(&sem->dep_map, ip);
	lock_acquire(&sem->dep_map, 0, 0, 1, 1, NULL, ip);
	WRITE_ONCE(sem->owner, NULL);
	__atomic_store_n(&sem->ksim_cnt, 1, __ATOMIC_RELEASE);
	rwsem_wake(sem);
}
EXPORT_SYMBOL(downgrade_write);
