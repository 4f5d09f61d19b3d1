/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/delay.h - waiting for a while.
 *
 * udelay/ndelay/mdelay spin without giving up the CPU and are allowed in
 * atomic context.  msleep and friends sleep through the scheduler (at least
 * the time asked, rounded up to jiffies as in the kernel); usleep_range is
 * hrtimer-precise.  All sleeping variants call might_sleep().
 * (kernel/time/delay.c)
 */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

#include <linux/types.h>
#include <linux/math.h>
#include <linux/sched.h>

/* The kernel refuses constant udelay()s longer than this at build time. */
#define MAX_UDELAY_MS	5

void __udelay(unsigned long usecs);
void __ndelay(unsigned long nsecs);
void __const_udelay(unsigned long xloops);

#define udelay(n)	__udelay(n)
#define ndelay(n)	__ndelay(n)
#define mdelay(n)						\
	do {							\
		unsigned long __ms = (n);			\
									\
		while (__ms--)					\
			__udelay(1000);				\
	} while (0)

void msleep(unsigned int msecs);
unsigned long msleep_interruptible(unsigned int msecs);
void usleep_range_state(unsigned long min, unsigned long max,
			unsigned int state);

static inline void usleep_range(unsigned long min, unsigned long max)
{
	usleep_range_state(min, max, TASK_UNINTERRUPTIBLE);
}

static inline void usleep_idle_range(unsigned long min, unsigned long max)
{
	usleep_range_state(min, max, TASK_IDLE);
}

static inline void ssleep(unsigned int seconds)
{
	msleep(seconds * 1000);
}

/* The kernel's advice, encoded: spin for tiny waits, sleep for long ones. */
static inline void fsleep(unsigned long usecs)
{
	if (usecs <= 10)
		udelay(usecs);
	else if (usecs <= 20000)
		usleep_range(usecs, 2 * usecs);
	else
		msleep(DIV_ROUND_UP(usecs, 1000));
}

#endif
