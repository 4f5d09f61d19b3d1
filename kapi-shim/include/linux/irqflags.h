/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/irqflags.h - local interrupt masking.  In ksim, "interrupts
 * disabled" is a property of the calling task: it makes the task atomic for
 * might_sleep(), and an interrupt (issued by the platform) is not delivered
 * to a task that has them disabled.
 */
#ifndef _LINUX_TRACE_IRQFLAGS_H
#define _LINUX_TRACE_IRQFLAGS_H

#include <linux/typecheck.h>

unsigned long ksim_local_irq_save(void);
void ksim_local_irq_restore(unsigned long flags);
bool ksim_irqs_disabled(void);

#define local_irq_enable()	ksim_local_irq_restore(0)
#define local_irq_disable()	((void)ksim_local_irq_save())
#define local_irq_save(flags)					\
	do {							\
		typecheck(unsigned long, flags);		\
		flags = ksim_local_irq_save();			\
	} while (0)
#define local_irq_restore(flags)				\
	do {							\
		typecheck(unsigned long, flags);		\
		ksim_local_irq_restore(flags);			\
	} while (0)
#define irqs_disabled()		ksim_irqs_disabled()
#define irqs_disabled_flags(flags) ((flags) != 0)
#define raw_local_irq_save(flags)	local_irq_save(flags)
#define raw_local_irq_restore(flags)	local_irq_restore(flags)
#define lockdep_assert_irqs_disabled()	do { } while (0)
#define lockdep_assert_irqs_enabled()	do { } while (0)

#endif
