// SPDX-License-Identifier: GPL-2.0
/*
 * sim/host.c - installs a host backend.  Backend-neutral.
 */
#include <errno.h>

#include "host.h"

const struct ksim_host_ops *ksim_host;

int ksim_host_init(const struct ksim_host_ops *ops, uint64_t seed)
{
	if (!ops || ops->version != KSIM_HOST_VERSION)
		return -EPROTO;
	ops->setup(seed);
	ksim_host = ops;
	return 0;
}
