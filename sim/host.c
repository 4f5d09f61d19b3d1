// SPDX-License-Identifier: GPL-2.0
/*
 * sim/host.c - installs a host backend and finds one by name.  Backend-neutral.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host.h"

const struct ksim_host_ops *ksim_host;

int ksim_host_init(const struct ksim_host_ops *ops, const struct ksim_host_params *params)
{
	static const struct ksim_host_params defaults;
	const struct ksim_host_ops *prev = ksim_host;
	int err;

	if (!ops || ops->version != KSIM_HOST_VERSION)
		return -EPROTO;
	/*
	 * Before setup: what it starts (the threads backend's watchdog) uses it.
	 * Atomic: main's signal thread, started before any boot, reads it too.
	 */
	__atomic_store_n(&ksim_host, ops, __ATOMIC_RELEASE);
	err = ops->setup(params ? params : &defaults);
	if (err) {
		__atomic_store_n(&ksim_host, prev, __ATOMIC_RELEASE);
		return err;
	}
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

/* ---- shared by the backends ---- */

void *ksim_host_heap_alloc(size_t size, size_t align)
{
	void *p;

	if (align <= sizeof(void *) * 2)
		return malloc(size ? size : 1);
	if (posix_memalign(&p, align, size ? size : 1))
		return NULL;
	return p;
}

void ksim_host_heap_free(void *ptr)
{
	free(ptr);
}

void ksim_host_write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		buf += n;
		len -= (size_t)n;
	}
}

int ksim_host_trim_stack(void **frames, int nr, void *site)
{
	for (int i = 0; i < nr; i++) {
		if (frames[i] == site) {
			memmove(frames, frames + i, (size_t)(nr - i) * sizeof(*frames));
			return nr - i;
		}
	}
	return nr;
}
