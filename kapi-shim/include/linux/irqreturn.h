/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_IRQRETURN_H
#define _LINUX_IRQRETURN_H

/* What an interrupt handler did. */
enum irqreturn {
	IRQ_NONE		= (0 << 0),	/* not our interrupt */
	IRQ_HANDLED		= (1 << 0),	/* handled by this device */
	IRQ_WAKE_THREAD		= (1 << 1),	/* run the threaded handler */
};

typedef enum irqreturn irqreturn_t;
#define IRQ_RETVAL(x)	((x) ? IRQ_HANDLED : IRQ_NONE)

#endif
