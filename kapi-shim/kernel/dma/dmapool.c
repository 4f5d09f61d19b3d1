// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/dma/dmapool.c - pools of small coherent DMA blocks.
 *
 * A pool carves page-sized (or larger) coherent chunks into blocks of the
 * pool's size and alignment, skipping any block that would cross the
 * pool's boundary.  The layout is computed once: the offsets of the
 * blocks in a chunk; each chunk keeps a bitmap of those in use.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/dmapool.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/export.h>
#include <ksim/report.h>

#include "drivers/pci/ksim-pci.h"
#include "sim/host.h"

#define BITS_PER_UL	(8 * sizeof(unsigned long))

void *ksim_dma_alloc_coherent_caller(struct device *dev, size_t size, dma_addr_t *handle,
				     unsigned long caller);
void ksim_dma_free_coherent_caller(struct device *dev, size_t size, void *cpu,
				   dma_addr_t handle, unsigned long caller);

struct dma_chunk {
	struct dma_chunk *next;
	char *vaddr;
	dma_addr_t dma;
	unsigned int in_use;
	unsigned long busy[];
};

struct dma_pool {
	char name[32];
	struct device *dev;
	size_t size;
	size_t allocation;
	unsigned int nblocks;
	unsigned int *offsets;
	struct ksim_lock lock;
	struct dma_chunk *chunks;
	unsigned long caller;
};

static void __cold pool_report(struct dma_pool *pool, unsigned long caller,
			       const char *fmt, ...)
{
	struct va_format vaf;
	char sym[256];
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	ksim_pci_report_begin();
	dev_err(pool->dev, "%pV", &vaf);
	va_end(args);
	ksim_host->symbolize((void *)caller, sym, sizeof(sym));
	pr_err("caller is %s\n", sym);
	ksim_pci_report_end(KSIM_REPORT_DMA, 2);
}

static struct dma_pool *pool_create(const char *name, struct device *dev, size_t size,
				    size_t align, size_t boundary, unsigned long caller)
{
	struct dma_pool *pool;
	size_t off, allocation;
	unsigned int n = 0;

	if (!dev || !size)
		return NULL;
	if (align == 0)
		align = 1;
	else if (align & (align - 1))
		return NULL;
	size = ALIGN(size, align < 8 ? 8 : align);
	allocation = max_t(size_t, size, PAGE_SIZE);
	if (!boundary)
		boundary = allocation;
	else if ((boundary < size) || (boundary & (boundary - 1)))
		return NULL;

	pool = __kmalloc_track_caller(sizeof(*pool), GFP_KERNEL | __GFP_ZERO, caller);
	if (!pool)
		return NULL;
	strscpy(pool->name, name, sizeof(pool->name));
	pool->dev = dev;
	pool->size = size;
	pool->allocation = allocation;
	pool->caller = caller;
	/* First count the blocks, then record their offsets. */
	for (off = 0; off + size <= allocation; ) {
		if (off / boundary != (off + size - 1) / boundary) {
			off = ALIGN(off + 1, boundary);
			continue;
		}
		n++;
		off += size;
	}
	pool->offsets = ksim_host->mem_alloc(n * sizeof(unsigned int), 0);
	if (!pool->offsets) {
		kfree(pool);
		return NULL;
	}
	pool->nblocks = 0;
	for (off = 0; off + size <= allocation; ) {
		if (off / boundary != (off + size - 1) / boundary) {
			off = ALIGN(off + 1, boundary);
			continue;
		}
		pool->offsets[pool->nblocks++] = off;
		off += size;
	}
	return pool;
}

struct dma_pool *dma_pool_create(const char *name, struct device *dev,
				 size_t size, size_t align, size_t boundary)
{
	return pool_create(name, dev, size, align, boundary, _RET_IP_);
}
EXPORT_SYMBOL(dma_pool_create);

static void pool_destroy(struct dma_pool *pool, unsigned long caller)
{
	struct dma_chunk *c;
	bool busy = false;

	if (unlikely(!pool))
		return;
	while ((c = pool->chunks)) {
		pool->chunks = c->next;
		if (c->in_use && !busy) {
			busy = true;
			pool_report(pool, caller, "dma_pool_destroy %s, %px busy (%u blocks still allocated)\n",
				    pool->name, c->vaddr, c->in_use);
		}
		ksim_dma_free_coherent_caller(pool->dev, pool->allocation, c->vaddr, c->dma, caller);
		ksim_host->mem_free(c);
	}
	ksim_host->mem_free(pool->offsets);
	kfree(pool);
}

void dma_pool_destroy(struct dma_pool *pool)
{
	pool_destroy(pool, _RET_IP_);
}
EXPORT_SYMBOL(dma_pool_destroy);

static struct dma_chunk *chunk_alloc(struct dma_pool *pool, unsigned long caller)
{
	size_t words = DIV_ROUND_UP(pool->nblocks, BITS_PER_UL);
	struct dma_chunk *c;

	c = ksim_host->mem_alloc(sizeof(*c) + words * sizeof(long), 0);
	if (!c)
		return NULL;
	memset(c, 0, sizeof(*c) + words * sizeof(long));
	c->vaddr = ksim_dma_alloc_coherent_caller(pool->dev, pool->allocation, &c->dma, caller);
	if (!c->vaddr) {
		ksim_host->mem_free(c);
		return NULL;
	}
	return c;
}

void *dma_pool_alloc(struct dma_pool *pool, gfp_t mem_flags, dma_addr_t *handle)
{
	struct dma_chunk *c;
	unsigned int i;
	void *p = NULL;

	might_sleep_if(gfpflags_allow_blocking(mem_flags));
	ksim_lock(&pool->lock);
	for (c = pool->chunks; c; c = c->next)
		if (c->in_use < pool->nblocks)
			break;
	if (!c) {
		c = chunk_alloc(pool, _RET_IP_);
		if (!c)
			goto out;
		c->next = pool->chunks;
		pool->chunks = c;
	}
	for (i = 0; i < pool->nblocks; i++) {
		if (c->busy[i / BITS_PER_UL] & (1UL << (i % BITS_PER_UL)))
			continue;
		c->busy[i / BITS_PER_UL] |= 1UL << (i % BITS_PER_UL);
		c->in_use++;
		p = c->vaddr + pool->offsets[i];
		*handle = c->dma + pool->offsets[i];
		break;
	}
out:
	ksim_unlock(&pool->lock);
	if (p && (mem_flags & __GFP_ZERO))
		memset(p, 0, pool->size);
	return p;
}
EXPORT_SYMBOL(dma_pool_alloc);

void dma_pool_free(struct dma_pool *pool, void *vaddr, dma_addr_t dma)
{
	struct dma_chunk *c;
	unsigned int i;
	size_t off;

	ksim_lock(&pool->lock);
	for (c = pool->chunks; c; c = c->next)
		if ((char *)vaddr >= c->vaddr && (char *)vaddr < c->vaddr + pool->allocation)
			break;
	if (!c) {
		ksim_unlock(&pool->lock);
		pool_report(pool, _RET_IP_, "dma_pool_free %s, %px/%#llx (bad vaddr)\n",
			    pool->name, vaddr, (unsigned long long)dma);
		return;
	}
	off = (char *)vaddr - c->vaddr;
	for (i = 0; i < pool->nblocks && pool->offsets[i] != off; i++)
		;
	if (i == pool->nblocks || c->dma + off != dma) {
		ksim_unlock(&pool->lock);
		pool_report(pool, _RET_IP_, "dma_pool_free %s, %px (bad vaddr)/%#llx\n",
			    pool->name, vaddr, (unsigned long long)dma);
		return;
	}
	if (!(c->busy[i / BITS_PER_UL] & (1UL << (i % BITS_PER_UL)))) {
		ksim_unlock(&pool->lock);
		pool_report(pool, _RET_IP_, "dma_pool_free %s, dma %#llx already free\n",
			    pool->name, (unsigned long long)dma);
		return;
	}
	c->busy[i / BITS_PER_UL] &= ~(1UL << (i % BITS_PER_UL));
	c->in_use--;
	ksim_unlock(&pool->lock);
}
EXPORT_SYMBOL(dma_pool_free);

static void dmam_pool_release(struct device *dev, void *res)
{
	pool_destroy(*(struct dma_pool **)res, 0);
}

static int dmam_pool_match(struct device *dev, void *res, void *match_data)
{
	return *(struct dma_pool **)res == match_data;
}

struct dma_pool *dmam_pool_create(const char *name, struct device *dev,
				  size_t size, size_t align, size_t allocation)
{
	struct dma_pool **ptr, *pool;

	ptr = devres_alloc(dmam_pool_release, sizeof(*ptr), GFP_KERNEL);
	if (!ptr)
		return NULL;
	pool = *ptr = pool_create(name, dev, size, align, allocation, _RET_IP_);
	if (pool)
		devres_add(dev, ptr);
	else
		devres_free(ptr);
	return pool;
}
EXPORT_SYMBOL(dmam_pool_create);

void dmam_pool_destroy(struct dma_pool *pool)
{
	struct device *dev = pool->dev;

	WARN_ON(devres_release(dev, dmam_pool_release, dmam_pool_match, pool));
}
EXPORT_SYMBOL(dmam_pool_destroy);
