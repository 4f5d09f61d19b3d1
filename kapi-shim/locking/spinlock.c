// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/locking/spinlock.c - raw_spinlock_t and spinlock_t.
 *
 * Context first, then the lock: the _irq forms mask local interrupts, the
 * _bh forms bottom halves, every form disables preemption, so the holder
 * is atomic for might_sleep() exactly as in the kernel.  The lock word is
 * the three-state futex lock: a holder may be preempted by the host, so a
 * contended locker spins for a short while and then sleeps on the word
 * instead of burning the other CPU.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/export.h>

#include "locking.h"

void __raw_spin_lock_init(raw_spinlock_t *lock, const char *name,
			  struct lock_class_key *key, short inner)
{
	lock->ksim_word = 0;
	lock->owner = NULL;
	lockdep_init_map_wait(&lock->dep_map, name, key, 0, inner);
}
EXPORT_SYMBOL(__raw_spin_lock_init);

/* Called with preemption already disabled. */
static __always_inline void spin_acquire(raw_spinlock_t *lock, int subclass,
					 unsigned long ip)
{
	struct task_struct *p = current;

	if (likely(ksim_word_trylock(&lock->ksim_word)))
		goto acquired;
	/* Only the holder stores itself in ->owner. */
	if (unlikely(READ_ONCE(lock->owner) == p))
		ksim_lock_recursion(&lock->dep_map, ip);
	ksim_lockdep_before_wait(&lock->dep_map, subclass, 0, ip);
	if (!ksim_word_spin(&lock->ksim_word))
		ksim_word_lock_slow(&lock->ksim_word, TASK_UNINTERRUPTIBLE);
acquired:
	WRITE_ONCE(lock->owner, p);
	lock_acquire(&lock->dep_map, subclass, 0, 0, 1, NULL, ip);
}

static __always_inline int spin_try_acquire(raw_spinlock_t *lock,
					    unsigned long ip)
{
	if (!ksim_word_trylock(&lock->ksim_word))
		return 0;
	WRITE_ONCE(lock->owner, current);
	lock_acquire(&lock->dep_map, 0, 1, 0, 1, NULL, ip);
	return 1;
}

/*
 * As the kernel's debug spinlocks: an unlock of a free lock is reported and
 * ignored, an unlock by a task that is not the owner is reported and done.
 */
static __always_inline void spin_release(raw_spinlock_t *lock,
					 unsigned long ip)
{
	struct task_struct *p = current;
	struct task_struct *owner = READ_ONCE(lock->owner);

	if (unlikely(!raw_spin_is_locked(lock))) {
		ksim_spin_bug("spinlock", "already unlocked", &lock->dep_map,
			      NULL, ip);
		return;
	}
	if (unlikely(owner != p))
		ksim_spin_bug("spinlock", "wrong owner", &lock->dep_map,
			      owner, ip);
	lock_release(&lock->dep_map, ip);
	WRITE_ONCE(lock->owner, NULL);
	ksim_word_unlock(&lock->ksim_word);
}

void _raw_spin_lock(raw_spinlock_t *lock)
{
	preempt_disable();
	spin_acquire(lock, 0, _RET_IP_);
}
EXPORT_SYMBOL(_raw_spin_lock);

void _raw_spin_lock_nested(raw_spinlock_t *lock, int subclass)
{
	preempt_disable();
	spin_acquire(lock, subclass, _RET_IP_);
}
EXPORT_SYMBOL(_raw_spin_lock_nested);

void _raw_spin_lock_nest_lock(raw_spinlock_t *lock, struct lockdep_map *map)
{
	preempt_disable();
	spin_acquire(lock, 0, _RET_IP_);
}
EXPORT_SYMBOL(_raw_spin_lock_nest_lock);

void _raw_spin_lock_bh(raw_spinlock_t *lock)
{
	local_bh_disable();
	preempt_disable();
	spin_acquire(lock, 0, _RET_IP_);
}
EXPORT_SYMBOL(_raw_spin_lock_bh);

void _raw_spin_lock_irq(raw_spinlock_t *lock)
{
	local_irq_disable();
	preempt_disable();
	spin_acquire(lock, 0, _RET_IP_);
}
EXPORT_SYMBOL(_raw_spin_lock_irq);

unsigned long _raw_spin_lock_irqsave(raw_spinlock_t *lock)
{
	unsigned long flags = ksim_local_irq_save();

	preempt_disable();
	spin_acquire(lock, 0, _RET_IP_);
	return flags;
}
EXPORT_SYMBOL(_raw_spin_lock_irqsave);

unsigned long _raw_spin_lock_irqsave_nested(raw_spinlock_t *lock, int subclass)
{
	unsigned long flags = ksim_local_irq_save();

	preempt_disable();
	spin_acquire(lock, subclass, _RET_IP_);
	return flags;
}
EXPORT_SYMBOL(_raw_spin_lock_irqsave_nested);

int _raw_spin_trylock(raw_spinlock_t *lock)
{
	preempt_disable();
	if (spin_try_acquire(lock, _RET_IP_))
		return 1;
	preempt_enable();
	return 0;
}
EXPORT_SYMBOL(_raw_spin_trylock);

int _raw_spin_trylock_bh(raw_spinlock_t *lock)
{
	local_bh_disable();
	preempt_disable();
	if (spin_try_acquire(lock, _RET_IP_))
		return 1;
	preempt_enable();
	local_bh_enable();
	return 0;
}
EXPORT_SYMBOL(_raw_spin_trylock_bh);

void _raw_spin_unlock(raw_spinlock_t *lock)
{
	spin_release(lock, _RET_IP_);
	preempt_enable();
}
EXPORT_SYMBOL(_raw_spin_unlock);

void _raw_spin_unlock_bh(raw_spinlock_t *lock)
{
	spin_release(lock, _RET_IP_);
	preempt_enable();
	local_bh_enable();
}
EXPORT_SYMBOL(_raw_spin_unlock_bh);

void _raw_spin_unlock_irq(raw_spinlock_t *lock)
{
	spin_release(lock, _RET_IP_);
	local_irq_enable();
	preempt_enable();
}
EXPORT_SYMBOL(_raw_spin_unlock_irq);

void _raw_spin_unlock_irqrestore(raw_spinlock_t *lock, unsigned long flags)
{
	spin_release(lock, _RET_IP_);
	ksim_local_irq_restore(flags);
	preempt_enable();
}
EXPORT_SYMBOL(_raw_spin_unlock_irqrestore);

/* ---- lib/dec_and_lock.c ---- */

int _atomic_dec_and_lock(atomic_t *atomic, spinlock_t *lock)
{
	/* Not the last reference: no need for the lock. */
	if (atomic_add_unless(atomic, -1, 1))
		return 0;
	preempt_disable();
	spin_acquire(&lock->rlock, 0, _RET_IP_);
	if (atomic_dec_and_test(atomic))
		return 1;
	spin_release(&lock->rlock, _RET_IP_);
	preempt_enable();
	return 0;
}
EXPORT_SYMBOL(_atomic_dec_and_lock);

int _atomic_dec_and_lock_irqsave(atomic_t *atomic, spinlock_t *lock,
				 unsigned long *flags)
{
	if (atomic_add_unless(atomic, -1, 1))
		return 0;
	*flags = ksim_local_irq_save();
	preempt_disable();
	spin_acquire(&lock->rlock, 0, _RET_IP_);
	if (atomic_dec_and_test(atomic))
		return 1;
	spin_release(&lock->rlock, _RET_IP_);
	ksim_local_irq_restore(*flags);
	preempt_enable();
	return 0;
}
EXPORT_SYMBOL(_atomic_dec_and_lock_irqsave);

int _atomic_dec_and_raw_lock(atomic_t *atomic, raw_spinlock_t *lock)
{
	if (atomic_add_unless(atomic, -1, 1))
		return 0;
	preempt_disable();
	spin_acquire(lock, 0, _RET_IP_);
	if (atomic_dec_and_test(atomic))
		return 1;
	spin_release(lock, _RET_IP_);
	preempt_enable();
	return 0;
}
EXPORT_SYMBOL(_atomic_dec_and_raw_lock);
