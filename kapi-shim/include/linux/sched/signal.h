/* SPDX-License-Identifier: GPL-2.0 */
/* linux/sched/signal.h - signal_pending() and friends live in sched.h here. */
#ifndef _LINUX_SCHED_SIGNAL_H
#define _LINUX_SCHED_SIGNAL_H

#include <linux/sched.h>

#endif
