// SPDX-License-Identifier: GPL-2.0
/*
 * sim/host.c - installs a host backend and finds one by name.  Backend-neutral.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

const struct ksim_host_ops *ksim_host;

int ksim_host_init(const struct ksim_host_ops *ops, const struct ksim_host_params *params)
{
	static const struct ksim_host_params defaults;
	int err;

	if (!ops || ops->version != KSIM_HOST_VERSION)
		return -EPROTO;
	err = ops->setup(params ? params : &defaults);
	if (err)
		return err;
	ksim_host = ops;
	return 0;
}

const struct ksim_host_ops *ksim_host_find(const char *name)
{
	if (!name || !*name || !strcmp(name, "threads"))
		return &ksim_host_threads;
	if (!strcmp(name, "det") || !strcmp(name, "deterministic"))
		return &ksim_host_det;
	return NULL;
}

int ksim_host_check_sched(const char *sched, char *why, size_t len)
{
	char *end;
	long depth;

	if (!sched || !*sched || !strcmp(sched, "random"))
		return 0;
	if (!strncmp(sched, "pct:", 4)) {
		depth = strtol(sched + 4, &end, 10);
		if (end != sched + 4 && !*end && depth >= 1 && depth <= 64)
			return 0;
		snprintf(why, len, "'%s': the PCT depth must be a number from 1 to 64", sched);
		return -EINVAL;
	}
	if (!strcmp(sched, "pct"))
		return 0;
	snprintf(why, len, "'%s' is not a strategy (known: random, pct, pct:D)", sched);
	return -EINVAL;
}
