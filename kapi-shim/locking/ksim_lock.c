// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/locking/ksim_lock.c - the shim's internal lock (internal.h).
 *
 * The classic three-state futex mutex: 0 free, 1 locked, 2 locked and
 * maybe contended.  Only a holder that saw 2 pays for a wake.  A short spin
 * first, because the critical sections it protects are a few instructions
 * and a sleep/wake pair costs tens of microseconds on a 2-CPU machine.
 */
#include <linux/compiler.h>
#include <asm/processor.h>

#include "internal.h"
#include "sim/host.h"

#define KSIM_LOCK_SPINS 100

bool ksim_trylock(struct ksim_lock *lock)
{
	u32 expected = 0;

	return __atomic_compare_exchange_n(&lock->word, &expected, 1, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void ksim_lock(struct ksim_lock *lock)
{
	int i;

	for (i = 0; i < KSIM_LOCK_SPINS; i++) {
		if (ksim_trylock(lock))
			return;
		cpu_relax();
	}
	/* Announce a waiter; whoever unlocks from 2 will wake one of us. */
	while (__atomic_exchange_n(&lock->word, 2, __ATOMIC_ACQUIRE) != 0)
		ksim_host->wait(&lock->word, 2, KSIM_HOST_FOREVER);
}

void ksim_unlock(struct ksim_lock *lock)
{
	if (__atomic_exchange_n(&lock->word, 0, __ATOMIC_RELEASE) == 2)
		ksim_host->wake(&lock->word, 1);
}
