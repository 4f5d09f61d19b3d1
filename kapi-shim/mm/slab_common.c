// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/mm/slab_common.c - kmalloc, kfree, krealloc and slab caches.
 *
 * No slabs: every object is one host allocation of exactly its size (see
 * linux/slab.h for why), recorded in the table of mm/kmemleak.c.  A cache
 * is a name, an object size, an alignment and a constructor; since objects
 * are never recycled, the constructor runs on every allocation, which is
 * what a driver can rely on (an object fresh from a new slab).
 *
 * Alignment: kmalloc of a power-of-two size is naturally aligned, as the
 * kernel guarantees (drivers rely on kmalloc(PAGE_SIZE) being page
 * aligned); other sizes never straddle a page they need not (see
 * kmalloc_align()).
 */
#include <string.h>

#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/hardirq.h>
#include <linux/kmemleak.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <ksim/report.h>

#include "internal.h"
#include "sim/host.h"
#include "ksim_mm.h"

size_t kmalloc_size_roundup(size_t size)
{
	size_t c;

	if (!size)
		return 0;
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return PAGE_SIZE << get_order(size);
	/* The kmalloc-96 and kmalloc-192 caches sit between the powers of two. */
	if (size > 64 && size <= 96)
		return 96;
	if (size > 128 && size <= 192)
		return 192;
	for (c = KMALLOC_MIN_SIZE; c < size; c <<= 1)
		;
	return c;
}
EXPORT_SYMBOL(kmalloc_size_roundup);

void ksim_kmalloc_cache_name(size_t size, char *buf, size_t len)
{
	size_t c = kmalloc_size_roundup(size);

	if (size > KMALLOC_MAX_CACHE_SIZE)
		ksim_snprintf(buf, len, "kmalloc-large");
	else if (c >= 1024)
		ksim_snprintf(buf, len, "kmalloc-%zuk", c / 1024);
	else
		ksim_snprintf(buf, len, "kmalloc-%zu", c);
}

/*
 * As a slab places its objects: a power-of-two size naturally aligned; any
 * other size up to a page aligned to the next power of two, so that, as
 * in a kernel slab, an object of at most a page never straddles two pages
 * (the kernel's kmalloc-96 and kmalloc-192 slabs are single pages); a
 * larger one page aligned, as the page allocator gives it.  How many pages
 * a DMA mapping of a kmalloc() buffer spans then depends on its size
 * only, not on where the host's heap put it: with the host's 16 bytes the
 * IOMMU's page walk varied with the heap's history, and the fuzz targets
 * with it (AFL++ stability).
 */
static size_t kmalloc_align(size_t size)
{
	if (size > PAGE_SIZE)
		return is_power_of_2(size) ? size : PAGE_SIZE;
	return max_t(size_t, 16, roundup_pow_of_two(size));
}

void *ksim_kmalloc_caller(size_t size, gfp_t flags, unsigned long caller, bool inject)
{
	void *p;

	ksim_mm_might_alloc(flags);
	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	if (unlikely(size > KMALLOC_MAX_SIZE)) {
		/* The page allocator refuses the order, loudly unless asked not to. */
		WARN_ON_ONCE(!(flags & __GFP_NOWARN));
		return NULL;
	}
	if (inject && ksim_mm_should_fail(size, flags, get_order(size), caller))
		return NULL;
	p = ksim_mm_alloc(size, kmalloc_align(size), flags, KSIM_ALLOC_KMALLOC, NULL,
			  caller);
	if (unlikely(!p) && !(flags & __GFP_NOWARN))
		ksim_mm_warn_alloc(flags, get_order(size));
	return p;
}

void *__kmalloc(size_t size, gfp_t flags)
{
	return ksim_kmalloc_caller(size, flags, _RET_IP_, true);
}
EXPORT_SYMBOL(__kmalloc);

void *__kmalloc_node(size_t size, gfp_t flags, int node)
{
	return ksim_kmalloc_caller(size, flags, _RET_IP_, true);
}
EXPORT_SYMBOL(__kmalloc_node);

void *__kmalloc_track_caller(size_t size, gfp_t flags, unsigned long caller)
{
	return ksim_kmalloc_caller(size, flags, caller, true);
}
EXPORT_SYMBOL(__kmalloc_track_caller);

void *__kmalloc_node_track_caller(size_t size, gfp_t flags, int node,
				  unsigned long caller)
{
	return ksim_kmalloc_caller(size, flags, caller, true);
}
EXPORT_SYMBOL(__kmalloc_node_track_caller);

/* Free a kmalloc or cache object; the object's own cache loses one. */
void ksim_slab_free(const void *objp, const char *api, unsigned long caller)
{
	struct ksim_alloc_info info;

	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return;
	if (ksim_mm_free(objp, KSIM_KINDS_SLAB, api, caller, &info) &&
	    info.kind == KSIM_ALLOC_CACHE)
		atomic_long_dec(&info.cache->nr_objects);
}

void kfree(const void *objp)
{
	ksim_slab_free(objp, "kfree", _RET_IP_);
}
EXPORT_SYMBOL(kfree);

size_t ksize(const void *objp)
{
	struct ksim_alloc_info info;

	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return 0;
	if (!ksim_mm_lookup(objp, &info))
		return 0;
	return info.size;
}
EXPORT_SYMBOL(ksize);

void kfree_sensitive(const void *objp)
{
	size_t ks = ksize(objp);

	if (ks) {
		memset((void *)objp, 0, ks);
		barrier_data((void *)objp);
	}
	ksim_slab_free(objp, "kfree_sensitive", _RET_IP_);
}
EXPORT_SYMBOL(kfree_sensitive);

void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	unsigned long caller = _RET_IP_;
	struct ksim_alloc_info info;
	void *n;

	if (unlikely(!new_size)) {
		ksim_slab_free(p, "krealloc", caller);
		return ZERO_SIZE_PTR;
	}
	if (ZERO_OR_NULL_PTR(p))
		return ksim_kmalloc_caller(new_size, flags, caller, true);
	if (!ksim_mm_lookup(p, &info) || !(KSIM_KIND(info.kind) & KSIM_KINDS_SLAB)) {
		/* Not an object: report it (no kind matches, nothing is freed). */
		ksim_mm_free(p, 0, "krealloc", caller, NULL);
		return NULL;
	}
	/* The kernel keeps an object that is already big enough. */
	if (new_size <= info.size)
		return (void *)p;
	n = ksim_kmalloc_caller(new_size, flags, caller, true);
	if (!n)
		return NULL;
	memcpy(n, p, info.size);
	ksim_slab_free(p, "krealloc", caller);
	return n;
}
EXPORT_SYMBOL(krealloc);

/* ---- caches ---- */

/* SLAB_HWCACHE_ALIGN: a cache line, or the smallest power of two >= size. */
static unsigned int cache_alignment(slab_flags_t flags, unsigned int align,
				    unsigned int size)
{
	unsigned int a = align;

	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned int line = 64;

		while (line / 2 >= size && line > ARCH_SLAB_MINALIGN)
			line /= 2;
		a = max(a, line);
	}
	a = max_t(unsigned int, a, ARCH_SLAB_MINALIGN);
	return ALIGN(a, sizeof(void *));
}

static struct kmem_cache *cache_create(const char *name, unsigned int size,
				       unsigned int align, slab_flags_t flags,
				       unsigned int useroffset, unsigned int usersize,
				       void (*ctor)(void *), unsigned long caller)
{
	struct kmem_cache *s;
	size_t namelen;
	int err = -EINVAL;

	if (!name || in_interrupt() || !size || size > KMALLOC_MAX_SIZE) {
		pr_err("kmem_cache_create(%s) integrity check failed\n",
		       name ? name : "(null)");
		goto fail;
	}
	if (align & (align - 1)) {
		pr_err("kmem_cache_create(%s) alignment %u is not a power of two\n",
		       name, align);
		goto fail;
	}
	if (WARN_ON(useroffset > size || usersize > size - useroffset))
		useroffset = usersize = 0;

	namelen = strlen(name) + 1;
	err = -ENOMEM;
	/* As the kernel's kmem_cache cache, not subject to failslab. */
	s = ksim_mm_alloc(sizeof(*s) + namelen, 0, __GFP_ZERO, KSIM_ALLOC_CACHE_STRUCT,
			  NULL, caller);
	if (!s)
		goto fail;
	memcpy(s + 1, name, namelen);
	s->name = (const char *)(s + 1);
	s->object_size = size;
	s->align = cache_alignment(flags, align, size);
	s->flags = flags;
	s->useroffset = useroffset;
	s->usersize = usersize;
	s->ctor = ctor;
	atomic_long_set(&s->nr_objects, 0);
	return s;

fail:
	if (flags & SLAB_PANIC)
		panic("%s: Failed to create slab '%s'. Error %d\n", __func__,
		      name ? name : "(null)", err);
	pr_warn("kmem_cache_create(%s) failed with error %d\n",
		name ? name : "(null)", err);
	dump_stack();
	return NULL;
}

struct kmem_cache *kmem_cache_create_usercopy(const char *name, unsigned int size,
					      unsigned int align, slab_flags_t flags,
					      unsigned int useroffset,
					      unsigned int usersize,
					      void (*ctor)(void *))
{
	return cache_create(name, size, align, flags, useroffset, usersize, ctor,
			    _RET_IP_);
}
EXPORT_SYMBOL(kmem_cache_create_usercopy);

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *))
{
	return cache_create(name, size, align, flags, 0, 0, ctor, _RET_IP_);
}
EXPORT_SYMBOL(kmem_cache_create);

void kmem_cache_destroy(struct kmem_cache *s)
{
	unsigned long caller = _RET_IP_;
	char sym[256];

	if (!s)
		return;
	/* A second destroy must not read the freed cache: report it instead. */
	if (!ksim_mm_lookup(s, NULL)) {
		ksim_mm_free(s, 0, "kmem_cache_destroy", caller, NULL);
		return;
	}
	/* As the kernel: objects freed a grace period late are freed before it goes. */
	if (s->flags & SLAB_TYPESAFE_BY_RCU)
		rcu_barrier();
	/* Its freed objects leave the quarantine (checked) before it goes. */
	ksim_slub_drain();
	if (atomic_long_read(&s->nr_objects)) {
		/* The objects stay, and so does the cache, as in the kernel. */
		ksim_mm_report_cache(s);
		ksim_host->symbolize((void *)caller, sym, sizeof(sym));
		WARN(1, "kmem_cache_destroy %s: Slab cache still has objects when called from %s",
		     s->name, sym);
		kmemleak_not_leak(s);
		return;
	}
	ksim_mm_free(s, KSIM_KIND(KSIM_ALLOC_CACHE_STRUCT), "kmem_cache_destroy",
		     caller, NULL);
}
EXPORT_SYMBOL(kmem_cache_destroy);

int kmem_cache_shrink(struct kmem_cache *s)
{
	return 0;
}
EXPORT_SYMBOL(kmem_cache_shrink);

unsigned int kmem_cache_size(struct kmem_cache *s)
{
	return s->object_size;
}
EXPORT_SYMBOL(kmem_cache_size);

static void *cache_alloc(struct kmem_cache *s, gfp_t flags, unsigned long caller)
{
	void *p;

	ksim_mm_might_alloc(flags);
	if (ksim_mm_should_fail(s->object_size, flags, get_order(s->object_size), caller))
		return NULL;
	/* Zeroing comes after the constructor, as on a fresh slab. */
	p = ksim_mm_alloc(s->object_size, s->align, flags & ~__GFP_ZERO,
			  KSIM_ALLOC_CACHE, s, caller);
	if (unlikely(!p)) {
		if (!(flags & __GFP_NOWARN))
			ksim_mm_warn_alloc(flags, get_order(s->object_size));
		return NULL;
	}
	atomic_long_inc(&s->nr_objects);
	if (s->ctor)
		s->ctor(p);
	if (flags & __GFP_ZERO)
		memset(p, 0, s->object_size);
	return p;
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	return cache_alloc(s, flags, _RET_IP_);
}
EXPORT_SYMBOL(kmem_cache_alloc);

void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t flags, int node)
{
	return cache_alloc(s, flags, _RET_IP_);
}
EXPORT_SYMBOL(kmem_cache_alloc_node);

void *kmem_cache_alloc_lru(struct kmem_cache *s, struct list_lru *lru, gfp_t flags)
{
	return cache_alloc(s, flags, _RET_IP_);
}
EXPORT_SYMBOL(kmem_cache_alloc_lru);

static noinline void report_wrong_cache(struct kmem_cache *s, const char *obj_cache)
{
	pr_err("------------[ cut here ]------------\n");
	pr_err("cache_from_obj: Wrong slab cache. %s but object is from %s\n",
	       s->name, obj_cache);
	ksim_print_task_header(KERN_ERR);
	ksim_dump_stack_skip(KERN_ERR, 1);
	pr_err("---[ end trace 0000000000000000 ]---\n");
	ksim_report(KSIM_REPORT_BAD_FREE);
}

static void cache_free_now(struct kmem_cache *s, void *objp, unsigned long caller)
{
	struct ksim_alloc_info info;
	char name[64];

	if (!ksim_mm_free(objp, KSIM_KINDS_SLAB, "kmem_cache_free", caller, &info))
		return;
	/* Freed into the cache it came from, as the kernel does, but reported. */
	if (info.kind == KSIM_ALLOC_CACHE) {
		ksim_snprintf(name, sizeof(name), "%s", info.cache->name);
		atomic_long_dec(&info.cache->nr_objects);
	} else {
		ksim_kmalloc_cache_name(info.size, name, sizeof(name));
	}
	if (s && info.cache != s)
		report_wrong_cache(s, name);
}

/*
 * SLAB_TYPESAFE_BY_RCU: a freed object may be reused for another object of
 * the same type at once, but its memory stays that type until a grace
 * period has passed, so an RCU reader that still holds a pointer reads a
 * valid (if recycled) object.  ksim has no slabs to recycle from, so it
 * keeps the object whole (not poisoned, not quarantined) and frees it
 * after the grace period.
 */
struct slab_rcu_free {
	struct rcu_head rcu;
	struct kmem_cache *s;
	void *objp;
	unsigned long caller;
};

static void slab_rcu_free_fn(struct rcu_head *head)
{
	struct slab_rcu_free *f = container_of(head, struct slab_rcu_free, rcu);

	cache_free_now(f->s, f->objp, f->caller);
	ksim_host->mem_free(f);
}

static void cache_free(struct kmem_cache *s, void *objp, unsigned long caller)
{
	struct slab_rcu_free *f;

	if (unlikely(!objp))
		return;
	if (s && (s->flags & SLAB_TYPESAFE_BY_RCU) && ksim_mm_lookup(objp, NULL)) {
		f = ksim_host->mem_alloc(sizeof(*f), 0);
		if (f) {
			f->s = s;
			f->objp = objp;
			f->caller = caller;
			call_rcu(&f->rcu, slab_rcu_free_fn);
			return;
		}
		/* No memory for the deferral: wait the grace period here if we may. */
		if (!in_atomic() && !irqs_disabled())
			synchronize_rcu();
	}
	cache_free_now(s, objp, caller);
}

void kmem_cache_free(struct kmem_cache *s, void *objp)
{
	cache_free(s, objp, _RET_IP_);
}
EXPORT_SYMBOL(kmem_cache_free);

void kmem_cache_free_bulk(struct kmem_cache *s, size_t size, void **p)
{
	size_t i;

	for (i = 0; i < size; i++)
		cache_free(s, p[i], _RET_IP_);
}
EXPORT_SYMBOL(kmem_cache_free_bulk);

int kmem_cache_alloc_bulk(struct kmem_cache *s, gfp_t flags, size_t size, void **p)
{
	unsigned long caller = _RET_IP_;
	size_t i;

	for (i = 0; i < size; i++) {
		p[i] = cache_alloc(s, flags, caller);
		if (!p[i])
			goto undo;
	}
	return size;

undo:
	while (i--)
		cache_free(s, p[i], caller);
	return 0;
}
EXPORT_SYMBOL(kmem_cache_alloc_bulk);
