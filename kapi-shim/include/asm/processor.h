/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_PROCESSOR_H
#define _ASM_X86_PROCESSOR_H

/* Brings the jiffies variable up to date (kapi-shim/kernel/time/jiffies.c). */
void ksim_jiffies_update(void);

/*
 * A kernel busy loop polls with cpu_relax(): in a module it also refreshes
 * jiffies, so `while (time_before(jiffies, end)) cpu_relax();` ends.
 */
static inline void cpu_relax(void)
{
	__builtin_ia32_pause();
#ifdef __KERNEL__
	ksim_jiffies_update();
#endif
}

#endif
