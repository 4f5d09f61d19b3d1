/* SPDX-License-Identifier: GPL-2.0 */
#ifndef LINUX_HARDIRQ_H
#define LINUX_HARDIRQ_H

#include <linux/preempt.h>

/* Entered and left by the platform around an interrupt handler. */
void irq_enter(void);
void irq_exit(void);

#endif
