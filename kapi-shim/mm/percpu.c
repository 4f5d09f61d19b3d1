// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/mm/percpu.c - dynamic per-CPU memory (alloc_percpu).
 *
 * One pool of nr_cpu_ids units of KSIM_PERCPU_UNIT bytes, made at the first
 * allocation; an allocation is the same offset range in every unit, so
 * per_cpu_ptr() is plain arithmetic (see linux/percpu.h).  Space within a
 * unit is handed out in 16-byte granules, first fit, tracked by a bitmap;
 * the length of each allocation is kept by its first granule.
 */
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/string.h>
#include <linux/bitmap.h>
#include <linux/export.h>

#include "internal.h"
#include "sim/host.h"

#define GRANULE		16
#define NR_GRANULES	(KSIM_PERCPU_UNIT / GRANULE)

static struct {
	struct ksim_lock	lock;
	char			*base;		/* CPU 0's unit */
	unsigned int		nr_units;
	DECLARE_BITMAP(used, NR_GRANULES);
	u16			len[NR_GRANULES];	/* granules, at a start */
} pool = {
	.lock = KSIM_LOCK_INIT,
};

/* First fit of @n granules aligned to @align granules; -1 when none. */
static long find_space(unsigned long n, unsigned long align)
{
	unsigned long start = 0;

	while (start + n <= NR_GRANULES) {
		unsigned long busy = find_next_bit(pool.used, start + n, start);

		if (busy >= start + n)
			return start;
		start = ALIGN(busy + 1, align);
	}
	return -1;
}

void __percpu *__alloc_percpu_gfp(size_t size, size_t align, gfp_t gfp)
{
	unsigned long n, a;
	void *ret = NULL;
	unsigned int cpu;
	long start;

	if (!size || size > KSIM_PERCPU_UNIT || align > PAGE_SIZE ||
	    (align & (align - 1))) {
		WARN(1, "illegal size (%zu) or align (%zu) for percpu allocation\n",
		     size, align);
		return NULL;
	}
	if (gfpflags_allow_blocking(gfp))
		might_sleep();
	n = DIV_ROUND_UP(size, GRANULE);
	a = align > GRANULE ? align / GRANULE : 1;
	ksim_lock(&pool.lock);
	if (!pool.base) {
		pool.nr_units = nr_cpu_ids;
		pool.base = ksim_host->mem_alloc((size_t)pool.nr_units *
						 KSIM_PERCPU_UNIT, PAGE_SIZE);
		if (!pool.base)
			goto out;
	}
	start = find_space(n, a);
	if (start < 0) {
		pr_warn("percpu: allocation failed, size=%zu align=%zu, pool of %u bytes exhausted\n",
			size, align, KSIM_PERCPU_UNIT);
		goto out;
	}
	bitmap_set(pool.used, start, n);
	pool.len[start] = n;
	ret = pool.base + start * GRANULE;
	for (cpu = 0; cpu < pool.nr_units; cpu++)
		memset(per_cpu_ptr((char *)ret, cpu), 0, n * GRANULE);
out:
	ksim_unlock(&pool.lock);
	return ret;
}
EXPORT_SYMBOL_GPL(__alloc_percpu_gfp);

void __percpu *__alloc_percpu(size_t size, size_t align)
{
	return __alloc_percpu_gfp(size, align, GFP_KERNEL);
}
EXPORT_SYMBOL_GPL(__alloc_percpu);

void free_percpu(void __percpu *ptr)
{
	unsigned long off, start;

	if (!ptr)
		return;
	off = (unsigned long)((char *)ptr - pool.base);
	start = off / GRANULE;
	ksim_lock(&pool.lock);
	if (!pool.base || (char *)ptr < pool.base || off >= KSIM_PERCPU_UNIT ||
	    off % GRANULE || !test_bit(start, pool.used) || !pool.len[start]) {
		ksim_unlock(&pool.lock);
		WARN(1, "free_percpu: %p is not a live per-CPU allocation\n", ptr);
		return;
	}
	bitmap_clear(pool.used, start, pool.len[start]);
	pool.len[start] = 0;
	ksim_unlock(&pool.lock);
}
EXPORT_SYMBOL_GPL(free_percpu);

bool is_kernel_percpu_address(unsigned long addr)
{
	return pool.base && addr >= (unsigned long)pool.base &&
	       addr < (unsigned long)pool.base +
		      (unsigned long)pool.nr_units * KSIM_PERCPU_UNIT;
}
EXPORT_SYMBOL_GPL(is_kernel_percpu_address);
