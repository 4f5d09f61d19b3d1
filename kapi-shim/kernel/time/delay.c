// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/time/delay.c - busy delays and sleeps.
 *
 * Busy delays spin in the host (a virtual-time backend may just advance
 * its clock).  msleep sleeps through the scheduler in jiffies, as the
 * kernel's timer-based msleep does, re-sleeping after early wake-ups until
 * the full time has passed; usleep_range has hrtimer precision, so it sleeps
 * on the host clock directly instead of rounding up to a 4 ms jiffy.
 */
#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/export.h>

#include "sim/host.h"

void __udelay(unsigned long usecs)
{
	ksim_host->delay_ns((s64)usecs * NSEC_PER_USEC);
	get_jiffies_64();
}
EXPORT_SYMBOL(__udelay);

void __ndelay(unsigned long nsecs)
{
	ksim_host->delay_ns((s64)nsecs);
	get_jiffies_64();
}
EXPORT_SYMBOL(__ndelay);

/* x86's scaled form: @xloops is usecs * 2^32 / 10^6 (0x10c7 per usec). */
void __const_udelay(unsigned long xloops)
{
	ksim_host->delay_ns((s64)(((u64)xloops * NSEC_PER_SEC) >> 32));
	get_jiffies_64();
}
EXPORT_SYMBOL(__const_udelay);

/*
 * Sleep in @state until @deadline_ns (monotonic).  Returns the ns left if a
 * signal ended an interruptible sleep early, else 0.
 */
static s64 sleep_until_ns(s64 deadline_ns, unsigned int state)
{
	s64 now;

	while ((now = ksim_host->now_ns()) < deadline_ns) {
		long timeout;

		if ((state & TASK_INTERRUPTIBLE) && signal_pending(current))
			return deadline_ns - now;
		timeout = nsecs_to_jiffies(deadline_ns - now + TICK_NSEC - 1);
		__set_current_state(state);
		schedule_timeout(timeout ? timeout : 1);
	}
	get_jiffies_64();	/* the modules' jiffies see the time slept */
	return 0;
}

void msleep(unsigned int msecs)
{
	might_sleep();
	sleep_until_ns(ksim_host->now_ns() + (s64)msecs * NSEC_PER_MSEC,
		       TASK_UNINTERRUPTIBLE);
}
EXPORT_SYMBOL(msleep);

unsigned long msleep_interruptible(unsigned int msecs)
{
	s64 left;

	might_sleep();
	left = sleep_until_ns(ksim_host->now_ns() + (s64)msecs * NSEC_PER_MSEC,
			      TASK_INTERRUPTIBLE);
	return DIV_ROUND_UP(left, NSEC_PER_MSEC);
}
EXPORT_SYMBOL(msleep_interruptible);

void usleep_range_state(unsigned long min, unsigned long max,
			unsigned int state)
{
	s64 deadline = ksim_host->now_ns() + (s64)min * NSEC_PER_USEC;

	might_sleep();
	__set_current_state(state);
	ksim_host->sleep_until(deadline);
	__set_current_state(TASK_RUNNING);
	get_jiffies_64();
}
EXPORT_SYMBOL(usleep_range_state);
