/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/highmem.h - temporary mappings of pages.  ksim, like x86-64, has no
 * highmem: every page is always mapped, so kmap_local_page() and friends
 * return page_address(); the unmap calls still check what they are given.
 * kmap_atomic() disables preemption as in the kernel, so might_sleep()
 * under it is reported.
 */
#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H

#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/preempt.h>

static inline void *kmap(struct page *page)
{
	might_sleep();
	return page_address(page);
}

static inline void kunmap(struct page *page)
{
}

static inline void *kmap_local_page(struct page *page)
{
	return page_address(page);
}

/* Takes any address inside the mapping, as the kernel's does. */
#define kunmap_local(addr)						\
do {									\
	BUILD_BUG_ON(__same_type((addr), struct page *));		\
	(void)(addr);							\
} while (0)

static inline void *kmap_atomic(struct page *page)
{
	preempt_disable();
	return page_address(page);
}

#define kunmap_atomic(addr)						\
do {									\
	BUILD_BUG_ON(__same_type((addr), struct page *));		\
	(void)(addr);							\
	preempt_enable();						\
} while (0)

static inline struct page *kmap_to_page(void *addr)
{
	return virt_to_page(addr);
}

static inline void clear_highpage(struct page *page)
{
	void *kaddr = kmap_local_page(page);

	memset(kaddr, 0, PAGE_SIZE);
	kunmap_local(kaddr);
}

static inline void zero_user_segments(struct page *page,
				      unsigned int start1, unsigned int end1,
				      unsigned int start2, unsigned int end2)
{
	void *kaddr = kmap_local_page(page);

	BUG_ON(end1 > PAGE_SIZE || end2 > PAGE_SIZE);
	if (end1 > start1)
		memset(kaddr + start1, 0, end1 - start1);
	if (end2 > start2)
		memset(kaddr + start2, 0, end2 - start2);
	kunmap_local(kaddr);
}

static inline void zero_user_segment(struct page *page, unsigned int start,
				     unsigned int end)
{
	zero_user_segments(page, start, end, 0, 0);
}

static inline void zero_user(struct page *page, unsigned int start,
			     unsigned int size)
{
	zero_user_segments(page, start, start + size, 0, 0);
}

static inline void copy_highpage(struct page *to, struct page *from)
{
	memcpy(page_address(to), page_address(from), PAGE_SIZE);
}

static inline void memcpy_page(struct page *dst_page, size_t dst_off,
			       struct page *src_page, size_t src_off,
			       size_t len)
{
	VM_BUG_ON(dst_off + len > PAGE_SIZE || src_off + len > PAGE_SIZE);
	memcpy((char *)page_address(dst_page) + dst_off,
	       (char *)page_address(src_page) + src_off, len);
}

static inline void memset_page(struct page *page, size_t offset, int val,
			       size_t len)
{
	VM_BUG_ON(offset + len > PAGE_SIZE);
	memset((char *)page_address(page) + offset, val, len);
}

static inline void memcpy_from_page(char *to, struct page *page,
				    size_t offset, size_t len)
{
	VM_BUG_ON(offset + len > PAGE_SIZE);
	memcpy(to, (char *)page_address(page) + offset, len);
}

static inline void memcpy_to_page(struct page *page, size_t offset,
				  const char *from, size_t len)
{
	VM_BUG_ON(offset + len > PAGE_SIZE);
	memcpy((char *)page_address(page) + offset, from, len);
}

static inline void memzero_page(struct page *page, size_t offset, size_t len)
{
	memset_page(page, offset, 0, len);
}

#endif
