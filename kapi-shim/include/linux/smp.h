/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/smp.h - which CPU runs the caller.  Each ksim task belongs to one
 * simulated CPU, fixed when it is created (round robin over nr_cpu_ids), so
 * per-CPU choices (blk-mq's queue map) spread over tasks as they would over
 * CPUs; a cross-CPU function call simply runs the function here.
 */
#ifndef __LINUX_SMP_H
#define __LINUX_SMP_H

#include <linux/types.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>

/* The calling task's simulated CPU (kernel/sched/core.c). */
int ksim_smp_processor_id(void);
#define raw_smp_processor_id()		ksim_smp_processor_id()
#define smp_processor_id()		raw_smp_processor_id()
#define __smp_processor_id()		raw_smp_processor_id()

#define get_cpu()		({ preempt_disable(); smp_processor_id(); })
#define put_cpu()		preempt_enable()

typedef void (*smp_call_func_t)(void *info);

/* @func runs on the calling task, with interrupts off as on a remote CPU. */
static inline int smp_call_function_single(int cpu, smp_call_func_t func,
					   void *info, int wait)
{
	unsigned long flags;

	local_irq_save(flags);
	func(info);
	local_irq_restore(flags);
	return 0;
}

static inline void on_each_cpu(smp_call_func_t func, void *info, int wait)
{
	smp_call_function_single(0, func, info, wait);
}

static inline void smp_call_function(smp_call_func_t func, void *info, int wait)
{
}

#endif
