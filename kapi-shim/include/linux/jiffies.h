/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/jiffies.h - the tick counter.
 *
 * ksim has no periodic tick: jiffies is computed from the host's monotonic
 * clock on every read, so it costs a clock read and never drifts.  As in the
 * kernel it starts at INITIAL_JIFFIES, five minutes before the 32-bit wrap,
 * so code that compares jiffies with < instead of time_after() breaks early.
 */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/types.h>
#include <linux/limits.h>
#include <linux/math.h>
#include <linux/typecheck.h>
#include <linux/time64.h>

#define HZ		CONFIG_HZ
#define USER_HZ		100
/* Nanoseconds per jiffy; exact for the HZ values ksim supports. */
#define TICK_NSEC	((NSEC_PER_SEC + HZ / 2) / HZ)
#define TICK_USEC	((USEC_PER_SEC + HZ / 2) / HZ)

/* The kernel's value: jiffies wraps (32 bits) 300 seconds after boot. */
#define INITIAL_JIFFIES ((unsigned long)(unsigned int)(-300 * HZ))

/* The 64-bit tick count: INITIAL_JIFFIES + whole ticks since boot. */
u64 get_jiffies_64(void);

/*
 * In kernel world jiffies and jiffies_64 are real variables, as in 6.1
 * (drivers take their address, and name locals and parameters "jiffies").
 * With no periodic tick they are brought up to date wherever kernel code can
 * watch time pass: get_jiffies_64(), cpu_relax(), every clock read, every
 * sleep, delay and schedule_timeout return, before each timer callback and
 * interrupt handler.  A loop that spins on jiffies with none of those in it
 * spins forever here, as it would in a kernel with interrupts disabled.
 * The shim's own code (host world) always reads the clock.
 */
#ifdef __KERNEL__
extern u64 jiffies_64;
extern unsigned long volatile jiffies;
#else
#define jiffies_64	get_jiffies_64()
#define jiffies		((unsigned long)get_jiffies_64())
#endif

/* Comparisons that stay right across the wrap (as long as |a - b| < LONG_MAX). */
#define time_after(a, b)					\
	(typecheck(unsigned long, a) &&				\
	 typecheck(unsigned long, b) &&				\
	 ((long)((b) - (a)) < 0))
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)					\
	(typecheck(unsigned long, a) &&				\
	 typecheck(unsigned long, b) &&				\
	 ((long)((a) - (b)) >= 0))
#define time_before_eq(a, b)	time_after_eq(b, a)
#define time_in_range(a, b, c)	(time_after_eq(a, b) && time_before_eq(a, c))
#define time_in_range_open(a, b, c) (time_after_eq(a, b) && time_before(a, c))

#define time_after64(a, b)					\
	(typecheck(__u64, a) &&					\
	 typecheck(__u64, b) &&					\
	 ((__s64)((b) - (a)) < 0))
#define time_before64(a, b)	time_after64(b, a)
#define time_after_eq64(a, b)					\
	(typecheck(__u64, a) &&					\
	 typecheck(__u64, b) &&					\
	 ((__s64)((a) - (b)) >= 0))
#define time_before_eq64(a, b)	time_after_eq64(b, a)
#define time_in_range64(a, b, c) (time_after_eq64(a, b) && time_before_eq64(a, c))

#define time_is_before_jiffies(a)	time_after(jiffies, a)
#define time_is_before_jiffies64(a)	time_after64(get_jiffies_64(), a)
#define time_is_after_jiffies(a)	time_before(jiffies, a)
#define time_is_after_jiffies64(a)	time_before64(get_jiffies_64(), a)
#define time_is_before_eq_jiffies(a)	time_after_eq(jiffies, a)
#define time_is_before_eq_jiffies64(a)	time_after_eq64(get_jiffies_64(), a)
#define time_is_after_eq_jiffies(a)	time_before_eq(jiffies, a)
#define time_is_after_eq_jiffies64(a)	time_before_eq64(get_jiffies_64(), a)

/* The largest relative timeout: conversions saturate here. */
#define MAX_JIFFY_OFFSET ((LONG_MAX >> 1) - 1)
#define MAX_SEC_IN_JIFFIES \
	(long)((u64)((u64)MAX_JIFFY_OFFSET * TICK_NSEC) / NSEC_PER_SEC)

static inline unsigned int jiffies_to_msecs(const unsigned long j)
{
	return (unsigned int)((u64)j * MSEC_PER_SEC / HZ);
}

static inline unsigned int jiffies_to_usecs(const unsigned long j)
{
	return (unsigned int)((u64)j * USEC_PER_SEC / HZ);
}

static inline u64 jiffies_to_nsecs(const unsigned long j)
{
	return (u64)j * TICK_NSEC;
}

static inline u64 jiffies64_to_nsecs(u64 j)
{
	return j * TICK_NSEC;
}

static inline u64 jiffies64_to_msecs(u64 j)
{
	return j * MSEC_PER_SEC / HZ;
}

/*
 * Relative times in jiffies round up, so a timeout is never shorter than
 * asked: msecs_to_jiffies(1) is 1 at HZ=250.  Negative (as int) inputs
 * mean "forever" and give MAX_JIFFY_OFFSET.
 */
static inline unsigned long msecs_to_jiffies(const unsigned int m)
{
	if ((int)m < 0)
		return MAX_JIFFY_OFFSET;
	return (unsigned long)DIV_ROUND_UP((u64)m * HZ, MSEC_PER_SEC);
}

static inline unsigned long usecs_to_jiffies(const unsigned int u)
{
	if ((int)u < 0)
		return MAX_JIFFY_OFFSET;
	return (unsigned long)DIV_ROUND_UP((u64)u * HZ, USEC_PER_SEC);
}

/* Absolute-ish conversions round down, as the kernel's do. */
static inline u64 nsecs_to_jiffies64(u64 n)
{
	return n / TICK_NSEC;
}

static inline unsigned long nsecs_to_jiffies(u64 n)
{
	return (unsigned long)nsecs_to_jiffies64(n);
}

static inline u64 jiffies_64_to_clock_t(u64 x)
{
	return x * USER_HZ / HZ;
}

static inline unsigned long timespec64_to_jiffies(const struct timespec64 *ts)
{
	u64 ns;

	if (ts->tv_sec >= MAX_SEC_IN_JIFFIES)
		return MAX_JIFFY_OFFSET;
	ns = (u64)ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
	return (unsigned long)DIV_ROUND_UP(ns, TICK_NSEC);
}

static inline void jiffies_to_timespec64(const unsigned long j,
					 struct timespec64 *ts)
{
	u64 ns = jiffies_to_nsecs(j);

	ts->tv_sec = ns / NSEC_PER_SEC;
	ts->tv_nsec = ns % NSEC_PER_SEC;
}

/*
 * round_jiffies - round an absolute time to a whole second, so timers that
 * need no precision expire together.  Rounds down when within a quarter
 * second past a boundary, else up; never returns a time already passed.
 */
static inline unsigned long __ksim_round_jiffies(unsigned long j, bool up)
{
	unsigned long orig = j;
	unsigned long rem = j % HZ;

	if (rem < HZ / 4 && !up)
		j -= rem;
	else
		j += HZ - rem;
	if (time_is_after_jiffies(j))
		return j;
	return orig;
}

static inline unsigned long round_jiffies(unsigned long j)
{
	return __ksim_round_jiffies(j, false);
}

static inline unsigned long round_jiffies_up(unsigned long j)
{
	return __ksim_round_jiffies(j, true);
}

static inline unsigned long round_jiffies_relative(unsigned long j)
{
	unsigned long now = jiffies;

	return __ksim_round_jiffies(j + now, false) - now;
}

static inline unsigned long round_jiffies_up_relative(unsigned long j)
{
	unsigned long now = jiffies;

	return __ksim_round_jiffies(j + now, true) - now;
}

#endif
