/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/timerqueue.h - the node an hrtimer is queued by.  ksim keeps only
 * the node and its expiry (kernel/time/hrtimer.c orders its own list).
 */
#ifndef _LINUX_TIMERQUEUE_H
#define _LINUX_TIMERQUEUE_H

#include <linux/rbtree.h>
#include <linux/ktime.h>

struct timerqueue_node {
	struct rb_node	node;
	ktime_t		expires;
};

struct timerqueue_head {
	struct rb_root_cached rb_root;
};

#endif
