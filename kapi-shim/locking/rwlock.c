// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/locking/rwlock.c - rwlock_t, the reader-writer spinlock.
 *
 * ksim_cnt counts readers, or is -1 while a writer holds the lock.  Like
 * the kernel's rwlock_t it prefers readers: a reader gets in whenever no
 * writer holds the lock, so read_lock() nests (in an interrupt handler
 * too) without deadlocking on a waiting writer.  Contended lockers spin,
 * then sleep on the event counter that every unlock bumps.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/export.h>

#include "locking.h"

void __rwlock_init(rwlock_t *lock, const char *name, struct lock_class_key *key)
{
	lock->ksim_cnt = 0;
	lock->ksim_seq = 0;
	lock->ksim_sleepers = 0;
	lock->owner = NULL;
	lockdep_init_map_wait(&lock->dep_map, name, key, 0, LD_WAIT_CONFIG);
}
EXPORT_SYMBOL(__rwlock_init);

static bool read_try(rwlock_t *lock)
{
	s32 c = __atomic_load_n(&lock->ksim_cnt, __ATOMIC_RELAXED);

	while (c >= 0)
		if (__atomic_compare_exchange_n(&lock->ksim_cnt, &c, c + 1,
						false, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return true;
	return false;
}

static bool write_try(rwlock_t *lock)
{
	s32 c = 0;

	return __atomic_compare_exchange_n(&lock->ksim_cnt, &c, -1, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* Spin on @try, then sleep on the event counter until it succeeds. */
static void rw_wait(rwlock_t *lock, bool (*try)(rwlock_t *lock),
		    unsigned long ip)
{
	int i;

	if (unlikely(READ_ONCE(lock->owner) == current))
		ksim_lock_recursion(&lock->dep_map, ip);
	for (i = 0; i < KSIM_LOCK_SPINS; i++) {
		if (try(lock))
			return;
		cpu_relax();
	}
	for (;;) {
		u32 seq = ksim_ec_prepare(&lock->ksim_seq, &lock->ksim_sleepers);
		bool ok = try(lock);

		if (!ok)
			ksim_host->wait(&lock->ksim_seq, seq, KSIM_HOST_FOREVER);
		ksim_ec_finish(&lock->ksim_sleepers);
		if (ok)
			return;
	}
}

static __always_inline void read_acquire(rwlock_t *lock, unsigned long ip)
{
	if (unlikely(!read_try(lock)))
		rw_wait(lock, read_try, ip);
	lock_acquire(&lock->dep_map, 0, 0, 2, 1, NULL, ip);
}

static __always_inline void write_acquire(rwlock_t *lock, int subclass,
					  unsigned long ip)
{
	if (unlikely(!write_try(lock))) {
		ksim_lockdep_before_wait(&lock->dep_map, subclass, 0, ip);
		rw_wait(lock, write_try, ip);
	}
	WRITE_ONCE(lock->owner, current);
	lock_acquire(&lock->dep_map, subclass, 0, 0, 1, NULL, ip);
}

static __always_inline void read_release(rwlock_t *lock, unsigned long ip)
{
	s32 c = __atomic_load_n(&lock->ksim_cnt, __ATOMIC_RELAXED);

	do {
		if (unlikely(c <= 0)) {
			ksim_spin_bug("rwlock", "already unlocked",
				      &lock->dep_map, READ_ONCE(lock->owner), ip);
			return;
		}
	} while (!__atomic_compare_exchange_n(&lock->ksim_cnt, &c, c - 1,
					      false, __ATOMIC_RELEASE,
					      __ATOMIC_RELAXED));
	lock_release(&lock->dep_map, ip);
	if (c == 1)
		ksim_ec_notify(&lock->ksim_seq, &lock->ksim_sleepers);
}

static __always_inline void write_release(rwlock_t *lock, unsigned long ip)
{
	struct task_struct *owner = READ_ONCE(lock->owner);

	if (unlikely(READ_ONCE(lock->ksim_cnt) != -1)) {
		ksim_spin_bug("rwlock", "already unlocked", &lock->dep_map,
			      NULL, ip);
		return;
	}
	if (unlikely(owner != current))
		ksim_spin_bug("rwlock", "wrong owner", &lock->dep_map, owner, ip);
	lock_release(&lock->dep_map, ip);
	WRITE_ONCE(lock->owner, NULL);
	__atomic_store_n(&lock->ksim_cnt, 0, __ATOMIC_RELEASE);
	ksim_ec_notify(&lock->ksim_seq, &lock->ksim_sleepers);
}

void _raw_read_lock(rwlock_t *lock)
{
	preempt_disable();
	read_acquire(lock, _RET_IP_);
}
EXPORT_SYMBOL(_raw_read_lock);

void _raw_read_lock_bh(rwlock_t *lock)
{
	local_bh_disable();
	preempt_disable();
	read_acquire(lock, _RET_IP_);
}
EXPORT_SYMBOL(_raw_read_lock_bh);

void _raw_read_lock_irq(rwlock_t *lock)
{
	local_irq_disable();
	preempt_disable();
	read_acquire(lock, _RET_IP_);
}
EXPORT_SYMBOL(_raw_read_lock_irq);

unsigned long _raw_read_lock_irqsave(rwlock_t *lock)
{
	unsigned long flags = ksim_local_irq_save();

	preempt_disable();
	read_acquire(lock, _RET_IP_);
	return flags;
}
EXPORT_SYMBOL(_raw_read_lock_irqsave);

int _raw_read_trylock(rwlock_t *lock)
{
	preempt_disable();
	if (read_try(lock)) {
		lock_acquire(&lock->dep_map, 0, 1, 2, 1, NULL, _RET_IP_);
		return 1;
	}
	preempt_enable();
	return 0;
}
EXPORT_SYMBOL(_raw_read_trylock);

void _raw_read_unlock(rwlock_t *lock)
{
	read_release(lock, _RET_IP_);
	preempt_enable();
}
EXPORT_SYMBOL(_raw_read_unlock);

void _raw_read_unlock_bh(rwlock_t *lock)
{
	read_release(lock, _RET_IP_);
	preempt_enable();
	local_bh_enable();
}
EXPORT_SYMBOL(_raw_read_unlock_bh);

void _raw_read_unlock_irq(rwlock_t *lock)
{
	read_release(lock, _RET_IP_);
	local_irq_enable();
	preempt_enable();
}
EXPORT_SYMBOL(_raw_read_unlock_irq);

void _raw_read_unlock_irqrestore(rwlock_t *lock, unsigned long flags)
{
	read_release(lock, _RET_IP_);
	ksim_local_irq_restore(flags);
	preempt_enable();
}
EXPORT_SYMBOL(_raw_read_unlock_irqrestore);

void _raw_write_lock(rwlock_t *lock)
{
	preempt_disable();
	write_acquire(lock, 0, _RET_IP_);
}
EXPORT_SYMBOL(_raw_write_lock);

void _raw_write_lock_nested(rwlock_t *lock, int subclass)
{
	preempt_disable();
	write_acquire(lock, subclass, _RET_IP_);
}
EXPORT_SYMBOL(_raw_write_lock_nested);

void _raw_write_lock_bh(rwlock_t *lock)
{
	local_bh_disable();
	preempt_disable();
	write_acquire(lock, 0, _RET_IP_);
}
EXPORT_SYMBOL(_raw_write_lock_bh);

void _raw_write_lock_irq(rwlock_t *lock)
{
	local_irq_disable();
	preempt_disable();
	write_acquire(lock, 0, _RET_IP_);
}
EXPORT_SYMBOL(_raw_write_lock_irq);

unsigned long _raw_write_lock_irqsave(rwlock_t *lock)
{
	unsigned long flags = ksim_local_irq_save();

	preempt_disable();
	write_acquire(lock, 0, _RET_IP_);
	return flags;
}
EXPORT_SYMBOL(_raw_write_lock_irqsave);

int _raw_write_trylock(rwlock_t *lock)
{
	preempt_disable();
	if (write_try(lock)) {
		WRITE_ONCE(lock->owner, current);
		lock_acquire(&lock->dep_map, 0, 1, 0, 1, NULL, _RET_IP_);
		return 1;
	}
	preempt_enable();
	return 0;
}
EXPORT_SYMBOL(_raw_write_trylock);

void _raw_write_unlock(rwlock_t *lock)
{
	write_release(lock, _RET_IP_);
	preempt_enable();
}
EXPORT_SYMBOL(_raw_write_unlock);

void _raw_write_unlock_bh(rwlock_t *lock)
{
	write_release(lock, _RET_IP_);
	preempt_enable();
	local_bh_enable();
}
EXPORT_SYMBOL(_raw_write_unlock_bh);

void _raw_write_unlock_irq(rwlock_t *lock)
{
	write_release(lock, _RET_IP_);
	local_irq_enable();
	preempt_enable();
}
EXPORT_SYMBOL(_raw_write_unlock_irq);

void _raw_write_unlock_irqrestore(rwlock_t *lock, unsigned long flags)
{
	write_release(lock, _RET_IP_);
	ksim_local_irq_restore(flags);
	preempt_enable();
}
EXPORT_SYMBOL(_raw_write_unlock_irqrestore);
