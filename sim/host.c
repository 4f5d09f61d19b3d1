// SPDX-License-Identifier: GPL-2.0
/*
 * sim/host.c - installs a host backend and finds one by name.  Backend-neutral.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif

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

/*
 * Areas of a megabyte or more - a deep tag set's request slots, a big
 * vmalloc - are their own mapping, 2 MiB aligned and advised for huge
 * pages.  Fresh anonymous memory is already zero, so vzalloc() and
 * kvzalloc() skip their memset; and one 2 MiB fault replaces 512 small
 * ones, which on a virtual machine cost ~14 us each (a 1023-deep NVMe
 * tag set: 400 faults, a third of the machine's start-up).  The memory
 * tools keep the C heap: ASan's and memcheck's red zones around a heap
 * block are what find an overrun past the end of the area.
 */
#define HOST_HUGE_PAGE	(2UL << 20)

static bool host_heap_watched(void)
{
#if defined(__SANITIZE_ADDRESS__)
	return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	return true;
#endif
#endif
#ifdef RUNNING_ON_VALGRIND
	if (RUNNING_ON_VALGRIND)
		return true;
#endif
	return false;
}

static size_t host_map_span(size_t size)
{
	return (size + HOST_HUGE_PAGE - 1) & ~(HOST_HUGE_PAGE - 1);
}

void *ksim_host_map_zeroed(size_t size, size_t align)
{
	size_t span = host_map_span(size), slack, head;
	uintptr_t base, start;
	void *p;

	if (size < KSIM_HOST_MAP_MIN || host_heap_watched())
		return NULL;
	if (align < HOST_HUGE_PAGE)
		align = HOST_HUGE_PAGE;
	if (align & (align - 1) || span + align < span)
		return NULL;
	/* Over-map by the alignment, then trim both ends to the span. */
	slack = align;
	p = mmap(NULL, span + slack, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	base = (uintptr_t)p;
	start = (base + align - 1) & ~(uintptr_t)(align - 1);
	head = start - base;
	if (head)
		munmap(p, head);
	if (slack - head)
		munmap((void *)(start + span), slack - head);
	/* Advice only: without THP the area is ordinary pages. */
	madvise((void *)start, span, MADV_HUGEPAGE);
	return (void *)start;
}

void ksim_host_unmap(void *p, size_t size)
{
	if (p)
		munmap(p, host_map_span(size));
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
