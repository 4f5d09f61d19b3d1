// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/time/timekeeping.c - the clocks.  Monotonic time is the
 * host's monotonic clock counted from boot; with no suspend, boottime and
 * the raw clock are the same clock.  Real time is the host's wall clock.
 */
#include <linux/timekeeping.h>
#include <linux/export.h>

#include "sim/host.h"

void ksim_jiffies_update(void);

/* A monotonic read, which also brings the modules' jiffies up to date. */
static s64 mono_now(void)
{
	s64 ns = ksim_host->now_ns();

	ksim_jiffies_update();
	return ns;
}

ktime_t ktime_get(void)
{
	return mono_now();
}
EXPORT_SYMBOL_GPL(ktime_get);

ktime_t ktime_get_real(void)
{
	return ksim_host->realtime_ns();
}
EXPORT_SYMBOL_GPL(ktime_get_real);

ktime_t ktime_get_boottime(void)
{
	return mono_now();
}
EXPORT_SYMBOL_GPL(ktime_get_boottime);

ktime_t ktime_get_raw(void)
{
	return mono_now();
}
EXPORT_SYMBOL_GPL(ktime_get_raw);

void ktime_get_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(mono_now());
}
EXPORT_SYMBOL_GPL(ktime_get_ts64);

void ktime_get_real_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ksim_host->realtime_ns());
}
EXPORT_SYMBOL(ktime_get_real_ts64);

void ktime_get_raw_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(mono_now());
}
EXPORT_SYMBOL(ktime_get_raw_ts64);

time64_t ktime_get_seconds(void)
{
	return mono_now() / NSEC_PER_SEC;
}
EXPORT_SYMBOL_GPL(ktime_get_seconds);

time64_t ktime_get_real_seconds(void)
{
	return ksim_host->realtime_ns() / NSEC_PER_SEC;
}
EXPORT_SYMBOL_GPL(ktime_get_real_seconds);

/* The NMI-safe accessors: every clock read here is already lock-free. */
u64 ktime_get_mono_fast_ns(void)
{
	return mono_now();
}
EXPORT_SYMBOL_GPL(ktime_get_mono_fast_ns);

u64 ktime_get_raw_fast_ns(void)
{
	return mono_now();
}
EXPORT_SYMBOL_GPL(ktime_get_raw_fast_ns);

u64 ktime_get_boot_fast_ns(void)
{
	return mono_now();
}
EXPORT_SYMBOL_GPL(ktime_get_boot_fast_ns);

u64 ktime_get_real_fast_ns(void)
{
	return ksim_host->realtime_ns();
}
EXPORT_SYMBOL_GPL(ktime_get_real_fast_ns);
