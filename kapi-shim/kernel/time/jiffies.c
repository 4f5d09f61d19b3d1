// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/time/jiffies.c - the tick count, computed from the
 * host's monotonic clock (0 at boot) rather than incremented by a tick, so
 * it costs nothing while the machine idles and a virtual-time backend moves
 * it simply by moving its clock.  Every computation also stores the result
 * in the jiffies/jiffies_64 variables modules read (see linux/jiffies.h).
 */
#include <linux/jiffies.h>
#include <linux/export.h>

#include "sim/host.h"

#undef jiffies
#undef jiffies_64

u64 jiffies_64 = INITIAL_JIFFIES;
EXPORT_SYMBOL(jiffies_64);
unsigned long volatile jiffies = INITIAL_JIFFIES;
EXPORT_SYMBOL(jiffies);

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
