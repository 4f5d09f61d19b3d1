/* SPDX-License-Identifier: GPL-2.0 */
/* linux/irq.h - only what drivers include it for. */
#ifndef _LINUX_IRQ_H
#define _LINUX_IRQ_H

#include <linux/interrupt.h>

#define NR_IRQS 4096

#endif
