/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/mm.h - pages as drivers see them: sizes and alignment, the
 * page <-> address conversions, page references.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/align.h>
#include <linux/atomic.h>
#include <linux/gfp.h>
#include <linux/mm_types.h>
#include <linux/mmzone.h>
#include <linux/numa.h>
#include <linux/slab.h>
#include <asm/page.h>

#define PAGE_ALIGN(addr)	ALIGN(addr, PAGE_SIZE)
#define PAGE_ALIGN_DOWN(addr)	ALIGN_DOWN(addr, PAGE_SIZE)
#define PAGE_ALIGNED(addr)	IS_ALIGNED((unsigned long)(addr), PAGE_SIZE)
#define offset_in_page(p)	((unsigned long)(p) & ~PAGE_MASK)
#define PFN_ALIGN(x)		(((unsigned long)(x) + (PAGE_SIZE - 1)) & PAGE_MASK)
#define PFN_UP(x)		(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x)		((x) >> PAGE_SHIFT)
#define PFN_PHYS(x)		((phys_addr_t)(x) << PAGE_SHIFT)
#define PHYS_PFN(x)		((unsigned long)((x) >> PAGE_SHIFT))

static inline unsigned long page_to_pfn(const struct page *page)
{
	return page->ksim_pfn;
}

static inline void *page_address(const struct page *page)
{
	return (void *)(page->ksim_pfn << PAGE_SHIFT);
}
#define lowmem_page_address(page)	page_address(page)
#define page_to_virt(page)		page_address(page)
#define page_to_phys(page)		((phys_addr_t)page_to_pfn(page) << PAGE_SHIFT)
#define phys_to_page(phys)		pfn_to_page((phys) >> PAGE_SHIFT)
#define nth_page(page, n)		pfn_to_page(page_to_pfn(page) + (n))
#define page_to_nid(page)		0
#define set_page_private(page, v)	((page)->private = (v))
#define page_private(page)		((page)->private)

static inline int page_ref_count(const struct page *page)
{
	return atomic_read(&page->_refcount);
}
#define page_count(page)		page_ref_count(page)

static inline void get_page(struct page *page)
{
	atomic_inc(&page->_refcount);
}

/* Drops the last reference of an alloc_pages() block: frees it. */
void __put_page(struct page *page);
static inline void put_page(struct page *page)
{
	if (atomic_dec_and_test(&page->_refcount))
		__put_page(page);
}

static inline bool page_is_pfmemalloc(const struct page *page)
{
	return false;
}

#define PageHighMem(page)	0
#define PageSlab(page)		0
#define PageCompound(page)	0
#define PageTail(page)		0
#define PageReserved(page)	0
#define compound_head(page)	(page)

#define virt_to_head_page(addr)	virt_to_page(addr)

/* Also in linux/vmalloc.h; the kernel declares it here. */
bool is_vmalloc_addr(const void *x);

/* The kvmalloc family lives in linux/slab.h since Linux 5.19. */

#endif
