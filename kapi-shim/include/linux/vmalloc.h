/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/vmalloc.h - virtually contiguous allocations (mm/vmalloc.c).
 *
 * Each area is one page-aligned host allocation of exactly the size asked
 * for (valgrind and ASan see its end), tracked like kmalloc.  vmalloc may
 * sleep: calling it in atomic context is reported.
 */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/numa.h>
#include <asm/page.h>

struct page;

void *vmalloc(unsigned long size) __malloc;
void *vzalloc(unsigned long size) __malloc;
void *vmalloc_node(unsigned long size, int node) __malloc;
void *vzalloc_node(unsigned long size, int node) __malloc;
void *vmalloc_user(unsigned long size) __malloc;
void *vmalloc_32(unsigned long size) __malloc;
void *__vmalloc(unsigned long size, gfp_t gfp_mask) __malloc;
void *vmalloc_array(size_t n, size_t size) __malloc;
void *vcalloc(size_t n, size_t size) __malloc;
void *__vmalloc_array(size_t n, size_t size, gfp_t flags) __malloc;
void *__vcalloc(size_t n, size_t size, gfp_t flags) __malloc;
void vfree(const void *addr);
void vfree_atomic(const void *addr);

/* Whether @x lies inside a live vmalloc area. */
bool is_vmalloc_addr(const void *x);
struct page *vmalloc_to_page(const void *addr);
unsigned long vmalloc_to_pfn(const void *addr);

static inline bool is_vmalloc_or_module_addr(const void *x)
{
	return is_vmalloc_addr(x);
}

#endif
