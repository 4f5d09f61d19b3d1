/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_BH_H
#define _LINUX_BH_H

#include <linux/preempt.h>

/* Softirqs (timer callbacks) wait while a task has bottom halves disabled. */
void local_bh_disable(void);
void local_bh_enable(void);

#endif
