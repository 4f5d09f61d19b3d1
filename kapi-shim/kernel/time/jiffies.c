// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/time/jiffies.c - the tick count, computed from the
 * host's monotonic clock (0 at boot) rather than incremented by a tick, so
 * it costs nothing while the machine idles and a virtual-time backend moves
 * it simply by moving its clock.  Every computation also stores the result
 * in the jiffies/jiffies_64 variables modules read (see linux/jiffies.h).
 */
#include <linux/compiler.h>
#include <linux/jiffies.h>
#include <linux/export.h>

#include "sim/host.h"

#undef jiffies
#undef jiffies_64

u64 jiffies_64 = INITIAL_JIFFIES;
EXPORT_SYMBOL(jiffies_64);
unsigned long volatile jiffies = INITIAL_JIFFIES;
EXPORT_SYMBOL(jiffies);

#ifdef KSIM_TSAN
/*
 * Modules read jiffies and jiffies_64 with plain (volatile) loads, as
 * kernel code does everywhere, while the shim updates them with atomic
 * stores from any task.  The kernel declares that race benign by making
 * jiffies volatile (a whole aligned word, never torn on x86-64, and every
 * reader expects a value that is already stale); TSan does not treat
 * volatile as atomic, so tell it, for these two words only.
 */
void AnnotateBenignRaceSized(const char *file, int line, const volatile void *mem,
			     unsigned long size, const char *desc);

static void __attribute__((constructor)) jiffies_tsan_benign(void)
{
	AnnotateBenignRaceSized(__FILE__, __LINE__, &jiffies, sizeof(jiffies),
				"jiffies: volatile, read unlocked by design");
	AnnotateBenignRaceSized(__FILE__, __LINE__, &jiffies_64, sizeof(jiffies_64),
				"jiffies_64: read unlocked by design");
}
#endif

u64 get_jiffies_64(void)
{
	u64 j = (u64)INITIAL_JIFFIES + (u64)ksim_host->now_ns() / TICK_NSEC;

	/* Racing updaters store values read at nearly the same time. */
	__atomic_store_n(&jiffies_64, j, __ATOMIC_RELAXED);
	__atomic_store_n(&jiffies, (unsigned long)j, __ATOMIC_RELAXED);
	return j;
}
EXPORT_SYMBOL(get_jiffies_64);

void ksim_jiffies_update(void)
{
	get_jiffies_64();
}
EXPORT_SYMBOL(ksim_jiffies_update);
