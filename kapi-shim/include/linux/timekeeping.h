/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/timekeeping.h - the clocks.  CLOCK_MONOTONIC is the host's
 * monotonic clock counted from boot (0 at boot); there is no suspend, so
 * boottime and the raw clock equal it.  CLOCK_REALTIME is the host's wall
 * clock.  (kernel/time/timekeeping.c)
 */
#ifndef _LINUX_TIMEKEEPING_H
#define _LINUX_TIMEKEEPING_H

#include <linux/types.h>
#include <linux/ktime.h>

ktime_t ktime_get(void);
ktime_t ktime_get_real(void);
ktime_t ktime_get_boottime(void);
ktime_t ktime_get_raw(void);
void ktime_get_ts64(struct timespec64 *ts);
void ktime_get_real_ts64(struct timespec64 *tv);
void ktime_get_raw_ts64(struct timespec64 *ts);
time64_t ktime_get_seconds(void);
time64_t ktime_get_real_seconds(void);
u64 ktime_get_mono_fast_ns(void);
u64 ktime_get_raw_fast_ns(void);
u64 ktime_get_boot_fast_ns(void);
u64 ktime_get_real_fast_ns(void);

static inline ktime_t ktime_get_coarse(void)
{
	return ktime_get();
}

static inline ktime_t ktime_get_coarse_real(void)
{
	return ktime_get_real();
}

static inline ktime_t ktime_get_coarse_boottime(void)
{
	return ktime_get_boottime();
}

static inline u64 ktime_get_ns(void)
{
	return ktime_to_ns(ktime_get());
}

static inline u64 ktime_get_real_ns(void)
{
	return ktime_to_ns(ktime_get_real());
}

static inline u64 ktime_get_boottime_ns(void)
{
	return ktime_to_ns(ktime_get_boottime());
}

static inline u64 ktime_get_raw_ns(void)
{
	return ktime_to_ns(ktime_get_raw());
}

static inline u64 ktime_get_coarse_ns(void)
{
	return ktime_get_ns();
}

static inline u64 ktime_get_coarse_real_ns(void)
{
	return ktime_get_real_ns();
}

static inline void ktime_get_boottime_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get_boottime());
}

static inline void ktime_get_coarse_ts64(struct timespec64 *ts)
{
	ktime_get_ts64(ts);
}

static inline void ktime_get_coarse_real_ts64(struct timespec64 *ts)
{
	ktime_get_real_ts64(ts);
}

static inline time64_t ktime_get_boottime_seconds(void)
{
	return ktime_get_seconds();
}

#endif
