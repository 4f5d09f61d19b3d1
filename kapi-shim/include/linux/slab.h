/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/slab.h - kmalloc, kmem_cache and kvmalloc (mm/slab_common.c,
 * mm/util.c).
 *
 * Every object is its own host allocation of exactly the size asked for,
 * so valgrind and ASan see each object's bounds and catch overflows and
 * use after free to the byte.  A side table (mm/kmemleak.c) records each
 * live object with its call site, owning module, task and time: kfree of
 * anything else is reported as a double or invalid free, and what a module
 * leaves behind is reported, kmemleak style, when it unloads.
 *
 * Memory from kmalloc (without __GFP_ZERO) is left uninitialised, so
 * memcheck reports a driver that uses it before writing it (the bug
 * KMSAN finds in the kernel).
 *
 * The inline helpers below call out-of-line functions that take their
 * caller with __builtin_return_address(0): the driver function that used
 * kmalloc(), as _RET_IP_ in the kernel.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/numa.h>
#include <linux/instruction_pointer.h>
#include <asm/page.h>
/* The rest of what 6.1's slab.h reaches (percpu-refcount.h brings RCU). */
#include <linux/bug.h>
#include <linux/cache.h>
#include <linux/overflow.h>
#include <linux/workqueue.h>
#include <linux/rcupdate.h>
#include <linux/percpu.h>

/* kmem_cache_create() flags.  All are accepted; ksim acts on a few. */
#define SLAB_CONSISTENCY_CHECKS	((__force slab_flags_t)0x00000100U)
#define SLAB_RED_ZONE		((__force slab_flags_t)0x00000400U)
#define SLAB_POISON		((__force slab_flags_t)0x00000800U)
#define SLAB_KMALLOC		((__force slab_flags_t)0x00001000U)
/* Align objects to a cache line (64 bytes), or less for small objects. */
#define SLAB_HWCACHE_ALIGN	((__force slab_flags_t)0x00002000U)
#define SLAB_CACHE_DMA		((__force slab_flags_t)0x00004000U)
#define SLAB_CACHE_DMA32	((__force slab_flags_t)0x00008000U)
#define SLAB_STORE_USER		((__force slab_flags_t)0x00010000U)
#define SLAB_RECLAIM_ACCOUNT	((__force slab_flags_t)0x00020000U)
#define SLAB_TEMPORARY		SLAB_RECLAIM_ACCOUNT
/* Creation failure panics (ksim: the machine stops). */
#define SLAB_PANIC		((__force slab_flags_t)0x00040000U)
#define SLAB_TYPESAFE_BY_RCU	((__force slab_flags_t)0x00080000U)
#define SLAB_MEM_SPREAD		((__force slab_flags_t)0x00100000U)
#define SLAB_TRACE		((__force slab_flags_t)0x00200000U)
#define SLAB_DEBUG_OBJECTS	((__force slab_flags_t)0x00400000U)
/* Objects of the cache are never reported as leaks. */
#define SLAB_NOLEAKTRACE	((__force slab_flags_t)0x00800000U)
#define SLAB_FAILSLAB		((__force slab_flags_t)0x02000000U)
#define SLAB_ACCOUNT		((__force slab_flags_t)0x04000000U)
#define SLAB_KASAN		0
#define SLAB_NO_USER_FLAGS	((__force slab_flags_t)0x10000000U)
#define SLAB_DEACTIVATED	((__force slab_flags_t)0x10000000U)

/*
 * kmalloc(0) returns this: not NULL (it is not a failure) and not a
 * dereferenceable object.  kfree() accepts it.
 */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

#define ARCH_KMALLOC_MINALIGN	__alignof__(unsigned long long)
#define ARCH_SLAB_MINALIGN	__alignof__(unsigned long long)
#define KMALLOC_MIN_SIZE	8
#define KMALLOC_SHIFT_LOW	3
#define KMALLOC_SHIFT_HIGH	(PAGE_SHIFT + 1)
#define KMALLOC_SHIFT_MAX	(MAX_ORDER + PAGE_SHIFT - 1)
/* Larger kmalloc() requests fail (with a warning unless __GFP_NOWARN). */
#define KMALLOC_MAX_SIZE	(1UL << KMALLOC_SHIFT_MAX)
#define KMALLOC_MAX_CACHE_SIZE	(1UL << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MAX_ORDER	(KMALLOC_SHIFT_MAX - PAGE_SHIFT)

struct kmem_cache;
struct list_lru;

/* ---- kmalloc ---- */

void *__kmalloc(size_t size, gfp_t flags) __malloc;
void *__kmalloc_node(size_t size, gfp_t flags, int node) __malloc;
void *__kmalloc_track_caller(size_t size, gfp_t flags, unsigned long caller) __malloc;
void *__kmalloc_node_track_caller(size_t size, gfp_t flags, int node,
				  unsigned long caller) __malloc;
void kfree(const void *objp);
void kfree_sensitive(const void *objp);
#define kzfree(p) kfree_sensitive(p)
/* The usable size of a kmalloc'd object: in ksim, the size asked for. */
size_t ksize(const void *objp);
/* The size kmalloc(@size) really reserves in the kernel (its size class). */
size_t kmalloc_size_roundup(size_t size);
void *krealloc(const void *objp, size_t new_size, gfp_t flags) __must_check;

static __always_inline __malloc void *kmalloc(size_t size, gfp_t flags)
{
	return __kmalloc(size, flags);
}

static __always_inline __malloc void *kmalloc_node(size_t size, gfp_t flags, int node)
{
	return __kmalloc_node(size, flags, node);
}

static __always_inline __malloc void *kzalloc(size_t size, gfp_t flags)
{
	return __kmalloc(size, flags | __GFP_ZERO);
}

static __always_inline __malloc void *kzalloc_node(size_t size, gfp_t flags, int node)
{
	return __kmalloc_node(size, flags | __GFP_ZERO, node);
}

/* n * size, or NULL when the product overflows. */
static __always_inline __malloc void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return __kmalloc(bytes, flags);
}

static __always_inline __malloc void *kmalloc_array_node(size_t n, size_t size,
							 gfp_t flags, int node)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return __kmalloc_node(bytes, flags, node);
}

static __always_inline __malloc void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

static __always_inline __malloc void *kcalloc_node(size_t n, size_t size, gfp_t flags,
						   int node)
{
	return kmalloc_array_node(n, size, flags | __GFP_ZERO, node);
}

static __always_inline void * __must_check krealloc_array(void *p, size_t new_n,
							  size_t new_size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(new_n, new_size, &bytes)))
		return NULL;
	return krealloc(p, bytes, flags);
}

#define kmalloc_track_caller(size, flags) \
	__kmalloc_node_track_caller(size, flags, NUMA_NO_NODE, _RET_IP_)
#define kmalloc_node_track_caller(size, flags, node) \
	__kmalloc_node_track_caller(size, flags, node, _RET_IP_)

/* ---- slab caches ---- */

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *));
struct kmem_cache *kmem_cache_create_usercopy(const char *name, unsigned int size,
					      unsigned int align, slab_flags_t flags,
					      unsigned int useroffset,
					      unsigned int usersize,
					      void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
int kmem_cache_shrink(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags) __malloc;
void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t flags, int node) __malloc;
void *kmem_cache_alloc_lru(struct kmem_cache *s, struct list_lru *lru,
			   gfp_t gfpflags) __malloc;
void kmem_cache_free(struct kmem_cache *s, void *objp);
void kmem_cache_free_bulk(struct kmem_cache *s, size_t size, void **p);
int kmem_cache_alloc_bulk(struct kmem_cache *s, gfp_t flags, size_t size, void **p);
unsigned int kmem_cache_size(struct kmem_cache *s);

static __always_inline void *kmem_cache_zalloc(struct kmem_cache *k, gfp_t flags)
{
	return kmem_cache_alloc(k, flags | __GFP_ZERO);
}

/* A cache for struct __struct, named after it, aligned as the type. */
#define KMEM_CACHE(__struct, __flags)					\
	kmem_cache_create(#__struct, sizeof(struct __struct),		\
			  __alignof__(struct __struct), (__flags), NULL)

#define KMEM_CACHE_USERCOPY(__struct, __flags, __field)			\
	kmem_cache_create_usercopy(#__struct,				\
			sizeof(struct __struct),			\
			__alignof__(struct __struct), (__flags),	\
			__builtin_offsetof(struct __struct, __field),	\
			sizeof(((struct __struct *)0)->__field), NULL)

/* ---- kvmalloc: kmalloc, falling back to vmalloc (mm/util.c) ---- */

void *kvmalloc_node(size_t size, gfp_t flags, int node) __malloc;
void kvfree(const void *addr);
void kvfree_sensitive(const void *addr, size_t len);
void *kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags) __must_check;

static __always_inline __malloc void *kvmalloc(size_t size, gfp_t flags)
{
	return kvmalloc_node(size, flags, NUMA_NO_NODE);
}

static __always_inline __malloc void *kvzalloc_node(size_t size, gfp_t flags, int node)
{
	return kvmalloc_node(size, flags | __GFP_ZERO, node);
}

static __always_inline __malloc void *kvzalloc(size_t size, gfp_t flags)
{
	return kvmalloc_node(size, flags | __GFP_ZERO, NUMA_NO_NODE);
}

static __always_inline __malloc void *kvmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return kvmalloc_node(bytes, flags, NUMA_NO_NODE);
}

static __always_inline __malloc void *kvcalloc(size_t n, size_t size, gfp_t flags)
{
	return kvmalloc_array(n, size, flags | __GFP_ZERO);
}

#endif
