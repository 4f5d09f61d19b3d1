/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_PROCESSOR_H
#define _ASM_X86_PROCESSOR_H

/* Brings the jiffies variable up to date (kapi-shim/kernel/time/jiffies.c). */
void ksim_jiffies_update(void);

/*
 * A busy-wait loop's pause.  Where the host runs one task at a time
 * (--backend=det) the loop would wait forever for a task that cannot run,
 * so it is a scheduling point there (ksim_cpu_relax_hook); on threads it
 * is just the PAUSE instruction.  In a module it also refreshes jiffies,
 * so `while (time_before(jiffies, end)) cpu_relax();` ends.
 */
extern void (*ksim_cpu_relax_hook)(void);

static inline void cpu_relax(void)
{
	if (ksim_cpu_relax_hook)
		ksim_cpu_relax_hook();
	else
		__builtin_ia32_pause();
#ifdef __KERNEL__
	ksim_jiffies_update();
#endif
}

#endif
