/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/mm_types.h - struct page, cut down to what drivers touch.
 *
 * ksim keeps one struct page per page frame that anybody asked about, in a
 * table keyed by pfn (mm/page_alloc.c), so virt_to_page() works on any
 * address and page_address(virt_to_page(p)) + offset_in_page(p) == p.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>

struct address_space;

struct page {
	unsigned long flags;
	union {
		struct list_head lru;
		struct list_head buddy_list;
	};
	struct address_space *mapping;
	unsigned long index;
	unsigned long private;
	atomic_t _mapcount;
	/*
	 * References: 1 for a page the shim made on demand (it belongs to
	 * some allocation), 1 for a fresh alloc_pages() page; put_page()
	 * to zero frees an alloc_pages() allocation.
	 */
	atomic_t _refcount;
	/* ksim: this frame's number, so page_address() needs no lookup. */
	unsigned long ksim_pfn;
	/* ksim: table chaining (mm/page_alloc.c). */
	struct page *ksim_next;
};

/* Folios are not simulated; the type exists for signatures. */
struct folio;

#endif
