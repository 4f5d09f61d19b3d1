/* SPDX-License-Identifier: GPL-2.0 */
/*
 * asm/timex.h - get_cycles().  ksim's cycle counter is the monotonic clock
 * in nanoseconds (a 1 GHz counter): it follows virtual time, so code that
 * times itself with get_cycles() replays exactly, where the TSC would not.
 */
#ifndef _ASM_X86_TIMEX_H
#define _ASM_X86_TIMEX_H

#include <linux/types.h>

typedef unsigned long long cycles_t;

u64 ktime_get_mono_fast_ns(void);

static inline cycles_t get_cycles(void)
{
	return ktime_get_mono_fast_ns();
}

#define ARCH_HAS_READ_CURRENT_TIMER
#define CLOCK_TICK_RATE		1193182 /* the PIT's rate, as x86 defines it */

#endif
