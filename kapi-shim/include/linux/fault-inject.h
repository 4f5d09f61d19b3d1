/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/fault-inject.h - fault injection attributes (mm/fault_inject.c).
 *
 * A driver may declare its own struct fault_attr and ask should_fail()
 * at the places it wants to fail, as in the kernel.  The fields mean what
 * the kernel's debugfs files of the same name mean: fail with
 * @probability percent, only every @interval-th call, at most @times times
 * (-1: no limit), only after @space bytes were asked for.  The random
 * draws come from the host's seeded generator, so a seed replays them.
 */
#ifndef _LINUX_FAULT_INJECT_H
#define _LINUX_FAULT_INJECT_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/ratelimit_types.h>

struct dentry;

struct fault_attr {
	unsigned long probability;
	unsigned long interval;
	atomic_t times;
	atomic_t space;
	unsigned long verbose;
	bool task_filter;
	unsigned long stacktrace_depth;
	unsigned long require_start;
	unsigned long require_end;
	unsigned long reject_start;
	unsigned long reject_end;

	unsigned long count;
	struct ratelimit_state ratelimit_state;
	struct dentry *dname;
	/* ksim: the name printed with "FAULT_INJECTION: forcing a failure." */
	const char *ksim_name;
};

#define FAULT_ATTR_INITIALIZER {					\
		.interval = 1,						\
		.times = ATOMIC_INIT(1),				\
		.require_end = ~0UL,					\
		.stacktrace_depth = 32,					\
		.ratelimit_state = RATELIMIT_STATE_INIT_DISABLED,	\
		.verbose = 2,						\
		.dname = NULL,						\
	}

#define DECLARE_FAULT_ATTR(name) struct fault_attr name = FAULT_ATTR_INITIALIZER

/* Parse "<interval>,<probability>,<space>,<times>" (a boot option). */
int setup_fault_attr(struct fault_attr *attr, char *str);
/* Whether this call, asking for @size bytes, must fail. */
bool should_fail(struct fault_attr *attr, ssize_t size);

#endif
