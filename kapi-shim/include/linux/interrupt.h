/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/interrupt.h - interrupt handlers (kapi-shim/kernel/irq/).
 *
 * Interrupt numbers come from pci_irq_vector(); each MSI-X vector of a
 * simulated device is routed to its descriptor.  A hard handler runs in
 * hardirq context with interrupts disabled (in_hardirq() is true,
 * might_sleep() reports), never concurrently with itself.  A threaded
 * handler runs in its own task "irq/<nr>-<name>" in process context.
 */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/irqreturn.h>
#include <linux/hardirq.h>
#include <linux/irqflags.h>
/* The rest of what 6.1's interrupt.h includes. */
#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/cpumask.h>
#include <linux/kref.h>
#include <linux/workqueue.h>
#include <linux/atomic.h>
#include <linux/hrtimer.h>

#define IRQF_TRIGGER_NONE	0x00000000
#define IRQF_TRIGGER_RISING	0x00000001
#define IRQF_TRIGGER_FALLING	0x00000002
#define IRQF_TRIGGER_HIGH	0x00000004
#define IRQF_TRIGGER_LOW	0x00000008
#define IRQF_SHARED		0x00000080
#define IRQF_PROBE_SHARED	0x00000100
#define __IRQF_TIMER		0x00000200
#define IRQF_PERCPU		0x00000400
#define IRQF_NOBALANCING	0x00000800
#define IRQF_IRQPOLL		0x00001000
#define IRQF_ONESHOT		0x00002000
#define IRQF_NO_SUSPEND		0x00004000
#define IRQF_FORCE_RESUME	0x00008000
#define IRQF_NO_THREAD		0x00010000
#define IRQF_EARLY_RESUME	0x00020000
#define IRQF_COND_SUSPEND	0x00040000
#define IRQF_NO_AUTOEN		0x00080000
#define IRQF_NO_DEBUG		0x00100000
#define IRQF_TIMER		(__IRQF_TIMER | IRQF_NO_SUSPEND | IRQF_NO_THREAD)

typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

struct device;
struct cpumask;

int __must_check request_threaded_irq(unsigned int irq, irq_handler_t handler,
				      irq_handler_t thread_fn, unsigned long flags,
				      const char *name, void *dev_id);

static inline int __must_check request_irq(unsigned int irq, irq_handler_t handler,
					   unsigned long flags, const char *name,
					   void *dev_id)
{
	return request_threaded_irq(irq, handler, NULL, flags, name, dev_id);
}

const void *free_irq(unsigned int irq, void *dev_id);

int __must_check devm_request_threaded_irq(struct device *dev, unsigned int irq,
					   irq_handler_t handler, irq_handler_t thread_fn,
					   unsigned long irqflags, const char *devname,
					   void *dev_id);
static inline int __must_check devm_request_irq(struct device *dev, unsigned int irq,
						irq_handler_t handler,
						unsigned long irqflags,
						const char *devname, void *dev_id)
{
	return devm_request_threaded_irq(dev, irq, handler, NULL, irqflags,
					 devname, dev_id);
}
void devm_free_irq(struct device *dev, unsigned int irq, void *dev_id);

void disable_irq(unsigned int irq);
void disable_irq_nosync(unsigned int irq);
bool disable_hardirq(unsigned int irq);
void enable_irq(unsigned int irq);
void synchronize_irq(unsigned int irq);
bool synchronize_hardirq(unsigned int irq);

static inline int irq_set_affinity_hint(unsigned int irq, const struct cpumask *m)
{
	return 0;
}
static inline int irq_update_affinity_hint(unsigned int irq, const struct cpumask *m)
{
	return 0;
}
static inline int irq_set_affinity_and_hint(unsigned int irq, const struct cpumask *m)
{
	return 0;
}
static inline int irq_set_affinity(unsigned int irq, const struct cpumask *m)
{
	return 0;
}

#endif
