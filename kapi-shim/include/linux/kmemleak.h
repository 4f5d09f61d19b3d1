/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/kmemleak.h - telling the leak detector about special objects.
 *
 * ksim does not scan memory for references: every object a module still
 * owns when it unloads, and everything still allocated at exit, is
 * reported.  kmemleak_not_leak() and kmemleak_ignore() exempt an object
 * that is meant to outlive its owner.  The hooks for custom allocators
 * are accepted and do nothing.
 */
#ifndef __KMEMLEAK_H
#define __KMEMLEAK_H

#include <linux/types.h>
#include <linux/gfp.h>

void kmemleak_not_leak(const void *ptr);
void kmemleak_ignore(const void *ptr);

static inline void kmemleak_alloc(const void *ptr, size_t size, int min_count,
				  gfp_t gfp)
{
}
static inline void kmemleak_alloc_percpu(const void __percpu *ptr, size_t size,
					 gfp_t gfp)
{
}
static inline void kmemleak_vmalloc(const void *area, size_t size, gfp_t gfp)
{
}
static inline void kmemleak_free(const void *ptr)
{
}
static inline void kmemleak_free_part(const void *ptr, size_t size)
{
}
static inline void kmemleak_free_percpu(const void __percpu *ptr)
{
}
static inline void kmemleak_update_trace(const void *ptr)
{
}
static inline void kmemleak_scan_area(const void *ptr, size_t size, gfp_t gfp)
{
}
static inline void kmemleak_erase(void **ptr)
{
}
static inline void kmemleak_no_scan(const void *ptr)
{
}
static inline void kmemleak_alloc_phys(phys_addr_t phys, size_t size, gfp_t gfp)
{
}
static inline void kmemleak_free_part_phys(phys_addr_t phys, size_t size)
{
}
static inline void kmemleak_ignore_phys(phys_addr_t phys)
{
}

#endif
