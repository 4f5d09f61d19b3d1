/* SPDX-License-Identifier: GPL-2.0 */
/*
 * asm/page.h - page size and the linear map.
 *
 * ksim's "physical" address space is the host's virtual one: __pa() and
 * __va() are the identity, and a page frame number is an address shifted
 * by PAGE_SHIFT.  Pages are 4 KiB as on x86-64.  The struct page behind a
 * pfn is made on first use (mm/page_alloc.c), for any address: kmalloc'd,
 * vmalloc'd, page-allocated or even static memory.
 */
#ifndef _ASM_X86_PAGE_H
#define _ASM_X86_PAGE_H

#include <linux/types.h>

/* Host world: <sys/user.h> may have defined the same values already. */
#ifndef PAGE_SHIFT
#define PAGE_SHIFT	12
#endif
#ifndef PAGE_SIZE
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#endif
#ifndef PAGE_MASK
#define PAGE_MASK	(~(PAGE_SIZE-1))
#endif

struct page;

/* The struct page of @pfn, made on first use; never NULL (mm/page_alloc.c). */
struct page *ksim_pfn_to_page(unsigned long pfn);

#define __pa(x)			((phys_addr_t)(unsigned long)(x))
#define __va(x)			((void *)(unsigned long)(x))
#define __pa_symbol(x)		__pa(x)
#define __phys_addr(x)		__pa(x)
#define virt_to_pfn(kaddr)	(__pa(kaddr) >> PAGE_SHIFT)
#define pfn_to_kaddr(pfn)	__va((phys_addr_t)(pfn) << PAGE_SHIFT)
#define virt_to_page(kaddr)	ksim_pfn_to_page(virt_to_pfn(kaddr))
#define pfn_to_page(pfn)	ksim_pfn_to_page(pfn)
#define pfn_valid(pfn)		((pfn) != 0)

/* Every pointer the shim hands out is in the "linear map" except vmalloc's. */
bool ksim_virt_addr_valid(const void *addr);
#define virt_addr_valid(kaddr)	ksim_virt_addr_valid((const void *)(kaddr))

/*
 * get_order - the smallest order with (PAGE_SIZE << order) >= @size.
 * As in the kernel, get_order(0) is BITS_PER_LONG - PAGE_SHIFT.
 */
static inline __attribute__((__const__)) int get_order(unsigned long size)
{
	size--;
	size >>= PAGE_SHIFT;
	if (!size)
		return 0;
	return 64 - __builtin_clzl(size);
}

#endif
