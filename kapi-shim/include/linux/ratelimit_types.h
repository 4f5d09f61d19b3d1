/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_RATELIMIT_TYPES_H
#define _LINUX_RATELIMIT_TYPES_H

#include <linux/types.h>

#define DEFAULT_RATELIMIT_INTERVAL	(5 * CONFIG_HZ)
#define DEFAULT_RATELIMIT_BURST		10

#define RATELIMIT_MSG_ON_RELEASE	1

/*
 * The kernel guards this with a raw spinlock; ksim's __ratelimit() uses
 * the one-word lock below so that printk does not depend on the locking
 * code it is used to debug.
 */
struct ratelimit_state {
	u32		lock;
	int		interval;
	int		burst;
	int		printed;
	int		missed;
	unsigned long	begin;
	unsigned long	flags;
	unsigned int	ksim_boot;	/* the boot its counts are from (ksim_boot_seq) */
};

#define RATELIMIT_STATE_INIT_FLAGS(name, interval_init, burst_init, flags_init) { \
		.interval	= interval_init,				\
		.burst		= burst_init,					\
		.flags		= flags_init,					\
	}
#define RATELIMIT_STATE_INIT(name, interval_init, burst_init) \
	RATELIMIT_STATE_INIT_FLAGS(name, interval_init, burst_init, 0)
#define RATELIMIT_STATE_INIT_DISABLED RATELIMIT_STATE_INIT(ratelimit_state, 0, DEFAULT_RATELIMIT_BURST)
#define DEFINE_RATELIMIT_STATE(name, interval_init, burst_init)		\
	struct ratelimit_state name =					\
		RATELIMIT_STATE_INIT(name, interval_init, burst_init)

int ___ratelimit(struct ratelimit_state *rs, const char *func);
#define __ratelimit(state) ___ratelimit(state, __func__)

#endif
