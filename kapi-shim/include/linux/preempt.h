/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/preempt.h - the preemption count and the context it encodes.
 *
 * Each ksim task carries its own count, laid out as the kernel's is:
 * bits 0-7 preemption disable depth (spinlocks), 8-15 softirq (bit 8:
 * serving a softirq such as a timer callback; +2 per local_bh_disable),
 * 16-19 hardirq (an interrupt handler runs), 20 NMI.  might_sleep() and
 * in_interrupt() read it.
 */
#ifndef __LINUX_PREEMPT_H
#define __LINUX_PREEMPT_H

#include <linux/compiler.h>
#include <linux/types.h>

#define PREEMPT_BITS	8
#define SOFTIRQ_BITS	8
#define HARDIRQ_BITS	4
#define NMI_BITS	4

#define PREEMPT_SHIFT	0
#define SOFTIRQ_SHIFT	(PREEMPT_SHIFT + PREEMPT_BITS)
#define HARDIRQ_SHIFT	(SOFTIRQ_SHIFT + SOFTIRQ_BITS)
#define NMI_SHIFT	(HARDIRQ_SHIFT + HARDIRQ_BITS)

#define __IRQ_MASK(x)	((1UL << (x)) - 1)
#define PREEMPT_MASK	(__IRQ_MASK(PREEMPT_BITS) << PREEMPT_SHIFT)
#define SOFTIRQ_MASK	(__IRQ_MASK(SOFTIRQ_BITS) << SOFTIRQ_SHIFT)
#define HARDIRQ_MASK	(__IRQ_MASK(HARDIRQ_BITS) << HARDIRQ_SHIFT)
#define NMI_MASK	(__IRQ_MASK(NMI_BITS) << NMI_SHIFT)

#define PREEMPT_OFFSET	(1UL << PREEMPT_SHIFT)
#define SOFTIRQ_OFFSET	(1UL << SOFTIRQ_SHIFT)
#define HARDIRQ_OFFSET	(1UL << HARDIRQ_SHIFT)
#define NMI_OFFSET	(1UL << NMI_SHIFT)
#define SOFTIRQ_DISABLE_OFFSET	(2 * SOFTIRQ_OFFSET)
#define PREEMPT_DISABLE_OFFSET	PREEMPT_OFFSET
#define PREEMPT_LOCK_OFFSET	PREEMPT_DISABLE_OFFSET

/* Out of line in kernel/sched/core.c: they work on the calling task. */
int ksim_preempt_count(void);
void preempt_count_add(int val);
void preempt_count_sub(int val);
#define preempt_count() ksim_preempt_count()

#define nmi_count()		(preempt_count() & NMI_MASK)
#define hardirq_count()		(preempt_count() & HARDIRQ_MASK)
#define softirq_count()		(preempt_count() & SOFTIRQ_MASK)
#define irq_count()		(nmi_count() | hardirq_count() | softirq_count())

#define in_nmi()		(nmi_count())
#define in_hardirq()		(hardirq_count())
#define in_irq()		in_hardirq()
#define in_serving_softirq()	(softirq_count() & SOFTIRQ_OFFSET)
#define in_softirq()		(softirq_count())
#define in_interrupt()		(irq_count())
#define in_task()		(!(in_nmi() | in_hardirq() | in_serving_softirq()))
#define in_atomic()		((preempt_count() & ~0UL) != 0)
#define preemptible()		(preempt_count() == 0 && !irqs_disabled())

#define preempt_disable()	do { preempt_count_add(1); barrier(); } while (0)
#define preempt_enable()	do { barrier(); preempt_count_sub(1); } while (0)
#define preempt_enable_no_resched() preempt_enable()
#define preempt_disable_notrace() preempt_disable()
#define preempt_enable_notrace() preempt_enable()
#define migrate_disable()	preempt_disable()
#define migrate_enable()	preempt_enable()

#include <linux/irqflags.h>

#endif
