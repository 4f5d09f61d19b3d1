/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/spinlock.h - spinlocks, with the kernel's context rules: holding
 * one makes the task atomic (preemption off, so might_sleep() reports),
 * the _irq/_irqsave forms also disable local interrupts, the _bh forms
 * bottom halves; unlocking undoes them in reverse.  Taking a spinlock the
 * task already holds is reported as recursive locking and panics;
 * unlocking one that is not held, or held by another task, is reported.
 * (kapi-shim/locking/spinlock.c)
 */
#ifndef __LINUX_SPINLOCK_H
#define __LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/typecheck.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/bottom_half.h>
#include <linux/lockdep.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/spinlock_types.h>
#include <asm/processor.h>

/* ---- raw_spinlock_t: the out-of-line operations ---- */

void __raw_spin_lock_init(raw_spinlock_t *lock, const char *name,
			  struct lock_class_key *key, short inner);

void _raw_spin_lock(raw_spinlock_t *lock);
void _raw_spin_lock_nested(raw_spinlock_t *lock, int subclass);
void _raw_spin_lock_nest_lock(raw_spinlock_t *lock, struct lockdep_map *map);
void _raw_spin_lock_bh(raw_spinlock_t *lock);
void _raw_spin_lock_irq(raw_spinlock_t *lock);
unsigned long _raw_spin_lock_irqsave(raw_spinlock_t *lock);
unsigned long _raw_spin_lock_irqsave_nested(raw_spinlock_t *lock, int subclass);
int _raw_spin_trylock(raw_spinlock_t *lock);
int _raw_spin_trylock_bh(raw_spinlock_t *lock);
void _raw_spin_unlock(raw_spinlock_t *lock);
void _raw_spin_unlock_bh(raw_spinlock_t *lock);
void _raw_spin_unlock_irq(raw_spinlock_t *lock);
void _raw_spin_unlock_irqrestore(raw_spinlock_t *lock, unsigned long flags);

#define raw_spin_lock_init(lock)					\
do {									\
	static struct lock_class_key __key;				\
									\
	__raw_spin_lock_init((lock), #lock, &__key, LD_WAIT_SPIN);	\
} while (0)

#define raw_spin_is_locked(lock) \
	(__atomic_load_n(&(lock)->ksim_word, __ATOMIC_RELAXED) != 0)
#define raw_spin_is_contended(lock) \
	(__atomic_load_n(&(lock)->ksim_word, __ATOMIC_RELAXED) == 2)

#define raw_spin_lock(lock)		_raw_spin_lock(lock)
#define raw_spin_lock_nested(lock, subclass) \
	_raw_spin_lock_nested(lock, subclass)
#define raw_spin_lock_nest_lock(lock, nest_lock)			\
do {									\
	typecheck(struct lockdep_map *, &(nest_lock)->dep_map);	\
	_raw_spin_lock_nest_lock(lock, &(nest_lock)->dep_map);		\
} while (0)
#define raw_spin_lock_bh(lock)		_raw_spin_lock_bh(lock)
#define raw_spin_lock_irq(lock)		_raw_spin_lock_irq(lock)
#define raw_spin_lock_irqsave(lock, flags)				\
do {									\
	typecheck(unsigned long, flags);				\
	flags = _raw_spin_lock_irqsave(lock);				\
} while (0)
#define raw_spin_lock_irqsave_nested(lock, flags, subclass)		\
do {									\
	typecheck(unsigned long, flags);				\
	flags = _raw_spin_lock_irqsave_nested(lock, subclass);		\
} while (0)
#define raw_spin_trylock(lock)		_raw_spin_trylock(lock)
#define raw_spin_trylock_bh(lock)	_raw_spin_trylock_bh(lock)
#define raw_spin_trylock_irq(lock) ({					\
	local_irq_disable();						\
	_raw_spin_trylock(lock) ? 1 : ({ local_irq_enable(); 0; });	\
})
#define raw_spin_trylock_irqsave(lock, flags) ({			\
	local_irq_save(flags);						\
	_raw_spin_trylock(lock) ? 1 : ({ local_irq_restore(flags); 0; }); \
})
#define raw_spin_unlock(lock)		_raw_spin_unlock(lock)
#define raw_spin_unlock_bh(lock)	_raw_spin_unlock_bh(lock)
#define raw_spin_unlock_irq(lock)	_raw_spin_unlock_irq(lock)
#define raw_spin_unlock_irqrestore(lock, flags)			\
do {									\
	typecheck(unsigned long, flags);				\
	_raw_spin_unlock_irqrestore(lock, flags);			\
} while (0)

/* ---- spinlock_t ---- */

static __always_inline raw_spinlock_t *spinlock_check(spinlock_t *lock)
{
	return &lock->rlock;
}

#define spin_lock_init(_lock)						\
do {									\
	static struct lock_class_key __key;				\
									\
	__raw_spin_lock_init(spinlock_check(_lock), #_lock, &__key,	\
			     LD_WAIT_CONFIG);				\
} while (0)

static __always_inline void spin_lock(spinlock_t *lock)
{
	_raw_spin_lock(&lock->rlock);
}

static __always_inline void spin_lock_bh(spinlock_t *lock)
{
	_raw_spin_lock_bh(&lock->rlock);
}

static __always_inline int spin_trylock(spinlock_t *lock)
{
	return _raw_spin_trylock(&lock->rlock);
}

static __always_inline void spin_lock_irq(spinlock_t *lock)
{
	_raw_spin_lock_irq(&lock->rlock);
}

static __always_inline void spin_unlock(spinlock_t *lock)
{
	_raw_spin_unlock(&lock->rlock);
}

static __always_inline void spin_unlock_bh(spinlock_t *lock)
{
	_raw_spin_unlock_bh(&lock->rlock);
}

static __always_inline void spin_unlock_irq(spinlock_t *lock)
{
	_raw_spin_unlock_irq(&lock->rlock);
}

static __always_inline void spin_unlock_irqrestore(spinlock_t *lock,
						   unsigned long flags)
{
	_raw_spin_unlock_irqrestore(&lock->rlock, flags);
}

static __always_inline int spin_trylock_bh(spinlock_t *lock)
{
	return _raw_spin_trylock_bh(&lock->rlock);
}

static __always_inline int spin_trylock_irq(spinlock_t *lock)
{
	return raw_spin_trylock_irq(&lock->rlock);
}

static __always_inline int spin_is_locked(spinlock_t *lock)
{
	return raw_spin_is_locked(&lock->rlock);
}

static __always_inline int spin_is_contended(spinlock_t *lock)
{
	return raw_spin_is_contended(&lock->rlock);
}

#define spin_lock_irqsave(lock, flags)					\
	raw_spin_lock_irqsave(spinlock_check(lock), flags)
#define spin_lock_irqsave_nested(lock, flags, subclass)		\
	raw_spin_lock_irqsave_nested(spinlock_check(lock), flags, subclass)
#define spin_trylock_irqsave(lock, flags)				\
	raw_spin_trylock_irqsave(spinlock_check(lock), flags)
#define spin_lock_nested(lock, subclass)				\
	_raw_spin_lock_nested(spinlock_check(lock), subclass)
#define spin_lock_nest_lock(lock, nest_lock)				\
	raw_spin_lock_nest_lock(spinlock_check(lock), nest_lock)

#define assert_raw_spin_locked(lock)	BUG_ON(!raw_spin_is_locked(lock))
#define assert_spin_locked(lock)	assert_raw_spin_locked(&(lock)->rlock)

/* Decrement @atomic; if it hit 0, return 1 with @lock held. */
int _atomic_dec_and_lock(atomic_t *atomic, spinlock_t *lock);
#define atomic_dec_and_lock(atomic, lock) \
	__cond_lock(lock, _atomic_dec_and_lock(atomic, lock))
int _atomic_dec_and_lock_irqsave(atomic_t *atomic, spinlock_t *lock,
				 unsigned long *flags);
#define atomic_dec_and_lock_irqsave(atomic, lock, flags) \
	__cond_lock(lock, _atomic_dec_and_lock_irqsave(atomic, lock, &(flags)))
int _atomic_dec_and_raw_lock(atomic_t *atomic, raw_spinlock_t *lock);
#define atomic_dec_and_raw_lock(atomic, lock) \
	__cond_lock(lock, _atomic_dec_and_raw_lock(atomic, lock))

/* Waits until @lock is free (without taking it). */
#define spin_unlock_wait(lock)						\
do {									\
	while (spin_is_locked(lock))					\
		cpu_relax();						\
} while (0)

#include <linux/rwlock.h>

#endif
