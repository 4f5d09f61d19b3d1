// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/locking/mutex.c - struct mutex on a futex word.
 *
 * The word is the three-state futex lock (0 free, 1 locked, 2 locked with
 * sleepers): one compare-and-swap to lock, one exchange to unlock, and a
 * wake only when somebody slept.  A contended locker spins first: on this
 * 2-CPU machine most critical sections are shorter than a sleep and a
 * wake.  Owner and held-lock tracking give the debug reports.
 */
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <linux/export.h>

#include "locking.h"

void __mutex_init(struct mutex *lock, const char *name,
		  struct lock_class_key *key)
{
	lock->ksim_word = 0;
	lock->owner = NULL;
	lockdep_init_map_wait(&lock->dep_map, name, key, 0, LD_WAIT_SLEEP);
}
EXPORT_SYMBOL(__mutex_init);

void mutex_destroy(struct mutex *lock)
{
	KSIM_DEBUG_LOCKS_WARN_ON(mutex_is_locked(lock), _RET_IP_);
}
EXPORT_SYMBOL_GPL(mutex_destroy);

static __always_inline void mutex_acquired(struct mutex *lock,
					   struct task_struct *p,
					   unsigned int subclass, int trylock,
					   unsigned long ip)
{
	WRITE_ONCE(lock->owner, p);
	lock_acquire(&lock->dep_map, subclass, trylock, 0, 1, NULL, ip);
}

/*
 * Only the owner ever stores itself in ->owner, so finding ourselves there
 * means we hold the mutex: waiting for it would wait forever.
 */
static int __mutex_lock(struct mutex *lock, unsigned int state,
			unsigned int subclass, unsigned long ip)
{
	struct task_struct *p = current;

	might_sleep();
	if (likely(ksim_word_trylock(&lock->ksim_word)))
		goto acquired;
	if (unlikely(READ_ONCE(lock->owner) == p))
		ksim_lock_recursion(&lock->dep_map, ip);
	ksim_lockdep_before_wait(&lock->dep_map, subclass, 0, ip);
	if (ksim_word_spin(&lock->ksim_word))
		goto acquired;
	WRITE_ONCE(p->ksim_blocked_on, lock);
	WRITE_ONCE(p->ksim_sleep_start, ksim_host->now_ns() | 1);
	if (!ksim_word_lock_slow(&lock->ksim_word, state)) {
		WRITE_ONCE(p->ksim_blocked_on, NULL);
		WRITE_ONCE(p->ksim_sleep_start, 0);
		return -EINTR;
	}
	WRITE_ONCE(p->ksim_blocked_on, NULL);
	WRITE_ONCE(p->ksim_sleep_start, 0);
acquired:
	mutex_acquired(lock, p, subclass, 0, ip);
	return 0;
}

void mutex_lock(struct mutex *lock)
{
	__mutex_lock(lock, TASK_UNINTERRUPTIBLE, 0, _RET_IP_);
}
EXPORT_SYMBOL(mutex_lock);

void mutex_lock_nested(struct mutex *lock, unsigned int subclass)
{
	__mutex_lock(lock, TASK_UNINTERRUPTIBLE, subclass, _RET_IP_);
}
EXPORT_SYMBOL_GPL(mutex_lock_nested);

void _mutex_lock_nest_lock(struct mutex *lock, struct lockdep_map *nest_lock)
{
	__mutex_lock(lock, TASK_UNINTERRUPTIBLE, 0, _RET_IP_);
}
EXPORT_SYMBOL_GPL(_mutex_lock_nest_lock);

int mutex_lock_interruptible(struct mutex *lock)
{
	return __mutex_lock(lock, TASK_INTERRUPTIBLE, 0, _RET_IP_);
}
EXPORT_SYMBOL(mutex_lock_interruptible);

int mutex_lock_interruptible_nested(struct mutex *lock, unsigned int subclass)
{
	return __mutex_lock(lock, TASK_INTERRUPTIBLE, subclass, _RET_IP_);
}
EXPORT_SYMBOL_GPL(mutex_lock_interruptible_nested);

int mutex_lock_killable(struct mutex *lock)
{
	return __mutex_lock(lock, TASK_KILLABLE, 0, _RET_IP_);
}
EXPORT_SYMBOL(mutex_lock_killable);

int mutex_lock_killable_nested(struct mutex *lock, unsigned int subclass)
{
	return __mutex_lock(lock, TASK_KILLABLE, subclass, _RET_IP_);
}
EXPORT_SYMBOL_GPL(mutex_lock_killable_nested);

void mutex_lock_io(struct mutex *lock)
{
	__mutex_lock(lock, TASK_UNINTERRUPTIBLE, 0, _RET_IP_);
}
EXPORT_SYMBOL_GPL(mutex_lock_io);

void mutex_lock_io_nested(struct mutex *lock, unsigned int subclass)
{
	__mutex_lock(lock, TASK_UNINTERRUPTIBLE, subclass, _RET_IP_);
}
EXPORT_SYMBOL_GPL(mutex_lock_io_nested);

int mutex_trylock(struct mutex *lock)
{
	if (!ksim_word_trylock(&lock->ksim_word))
		return 0;
	mutex_acquired(lock, current, 0, 1, _RET_IP_);
	return 1;
}
EXPORT_SYMBOL(mutex_trylock);

static void __mutex_unlock(struct mutex *lock, unsigned long ip)
{
	struct task_struct *owner = READ_ONCE(lock->owner);

	/* As the kernel's debug mutexes: complain, then release anyway. */
	if (KSIM_DEBUG_LOCKS_WARN_ON(!mutex_is_locked(lock), ip))
		return;
	KSIM_DEBUG_LOCKS_WARN_ON(owner != current, ip);
	lock_release(&lock->dep_map, ip);
	WRITE_ONCE(lock->owner, NULL);
	ksim_word_unlock(&lock->ksim_word);
}

void mutex_unlock(struct mutex *lock)
{
	__mutex_unlock(lock, _RET_IP_);
}
EXPORT_SYMBOL(mutex_unlock);

int atomic_dec_and_mutex_lock(atomic_t *cnt, struct mutex *lock)
{
	/* Not the last reference: no need for the lock. */
	if (atomic_add_unless(cnt, -1, 1))
		return 0;
	__mutex_lock(lock, TASK_UNINTERRUPTIBLE, 0, _RET_IP_);
	if (!atomic_dec_and_test(cnt)) {
		__mutex_unlock(lock, _RET_IP_);
		return 0;
	}
	return 1;
}
EXPORT_SYMBOL(atomic_dec_and_mutex_lock);
