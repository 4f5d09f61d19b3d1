// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/time/jiffies.c - the tick count, computed from the
 * host's monotonic clock (0 at boot) rather than incremented by a tick, so
 * it costs nothing while the machine idles and a virtual-time backend moves
 * it simply by moving its clock.
 */
#include <linux/jiffies.h>
#include <linux/export.h>

#include "sim/host.h"

u64 get_jiffies_64(void)
{
	return (u64)INITIAL_JIFFIES + (u64)ksim_host->now_ns() / TICK_NSEC;
}
EXPORT_SYMBOL(get_jiffies_64);
