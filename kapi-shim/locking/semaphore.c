// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/locking/semaphore.c - counting semaphores.
 *
 * The count is taken with a compare-and-swap; a task that finds it at zero
 * sleeps on the event counter that up() bumps.  No owner, no lockdep: the
 * kernel does not track semaphores either, and any task may up().
 */
#include <linux/kernel.h>
#include <linux/semaphore.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/errno.h>
#include <linux/export.h>

#include "locking.h"

static bool sem_try(struct semaphore *sem)
{
	s32 c = __atomic_load_n(&sem->count, __ATOMIC_RELAXED);

	while (c > 0)
		if (__atomic_compare_exchange_n(&sem->count, &c, c - 1, false,
						__ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return true;
	return false;
}

/* Sleep until a slot is free, a signal (per @state) or @deadline_ns. */
static int __down(struct semaphore *sem, unsigned int state, s64 deadline_ns)
{
	struct task_struct *p = current;

	might_sleep();
	if (likely(sem_try(sem)))
		return 0;
	for (;;) {
		u32 seq = ksim_ec_prepare(&sem->ksim_seq, &sem->ksim_sleepers);
		int ret = sem_try(sem) ? 0 : 1;
		s64 deadline = ksim_lock_deadline(state);

		if (ret && signal_pending_state(state, p))
			ret = -EINTR;
		else if (ret && ksim_host->now_ns() >= deadline_ns)
			ret = -ETIME;
		if (ret == 1)
			ksim_host->wait(&sem->ksim_seq, seq,
					min(deadline, deadline_ns));
		ksim_ec_finish(&sem->ksim_sleepers);
		if (ret <= 0)
			return ret;
	}
}

void down(struct semaphore *sem)
{
	__down(sem, TASK_UNINTERRUPTIBLE, KSIM_HOST_FOREVER);
}
EXPORT_SYMBOL(down);

int down_interruptible(struct semaphore *sem)
{
	return __down(sem, TASK_INTERRUPTIBLE, KSIM_HOST_FOREVER);
}
EXPORT_SYMBOL(down_interruptible);

int down_killable(struct semaphore *sem)
{
	return __down(sem, TASK_KILLABLE, KSIM_HOST_FOREVER);
}
EXPORT_SYMBOL(down_killable);

int down_trylock(struct semaphore *sem)
{
	return sem_try(sem) ? 0 : 1;
}
EXPORT_SYMBOL(down_trylock);

int down_timeout(struct semaphore *sem, long timeout)
{
	s64 deadline;

	if (timeout < 0)
		timeout = 0;
	deadline = ksim_host->now_ns() + (s64)timeout * (NSEC_PER_SEC / HZ);
	return __down(sem, TASK_UNINTERRUPTIBLE, deadline);
}
EXPORT_SYMBOL(down_timeout);

void up(struct semaphore *sem)
{
	__atomic_fetch_add(&sem->count, 1, __ATOMIC_RELEASE);
	ksim_ec_notify(&sem->ksim_seq, &sem->ksim_sleepers);
}
EXPORT_SYMBOL(up);
