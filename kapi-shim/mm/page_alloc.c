// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/mm/page_alloc.c - the page allocator and struct page.
 *
 * alloc_pages(gfp, order) is one host allocation of PAGE_SIZE << order
 * bytes aligned to its own size, as a buddy block is, tracked for leaks
 * and bad frees like any object.
 *
 * struct page: the kernel has one per page frame, in a table indexed by
 * pfn.  ksim makes them on first use, for any address (kmalloc'd,
 * vmalloc'd, page-allocated, static), in a hash keyed by pfn, so that
 * virt_to_page() and the scatterlist code built on it work on whatever a
 * driver passes.  Lookups take no lock: entries are published with a
 * release store and live until shutdown.
 */
#include <string.h>

#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/export.h>
#include <linux/list.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <ksim/report.h>

#include "internal.h"
#include "sim/host.h"
#include "ksim_mm.h"

#define PFN_HASH_BITS	16
#define PFN_HASH_SIZE	(1u << PFN_HASH_BITS)

static struct page *pfn_hash[PFN_HASH_SIZE];
static struct ksim_lock pfn_lock;
/* One bit per non-empty bucket (under pfn_lock): exit visits only those. */
static u64 pfn_used[PFN_HASH_SIZE / 64];

static unsigned int pfn_bucket(unsigned long pfn)
{
	return (unsigned int)(((u64)pfn * 0x9e3779b97f4a7c15ull) >> (64 - PFN_HASH_BITS));
}

static struct page *pfn_find(unsigned int b, unsigned long pfn)
{
	struct page *p;

	for (p = __atomic_load_n(&pfn_hash[b], __ATOMIC_ACQUIRE); p; p = p->ksim_next)
		if (p->ksim_pfn == pfn)
			return p;
	return NULL;
}

struct page *ksim_pfn_to_page(unsigned long pfn)
{
	unsigned int b = pfn_bucket(pfn);
	struct page *p = pfn_find(b, pfn);

	if (likely(p))
		return p;

	ksim_lock(&pfn_lock);
	p = pfn_find(b, pfn);
	if (!p) {
		p = ksim_host->mem_alloc(sizeof(*p), 0);
		if (p) {
			memset(p, 0, sizeof(*p));
			p->ksim_pfn = pfn;
			INIT_LIST_HEAD(&p->lru);
			/* Memory somebody owns: one reference, as a slab page has. */
			atomic_set(&p->_refcount, 1);
			atomic_set(&p->_mapcount, -1);
			p->ksim_next = pfn_hash[b];
			pfn_used[b / 64] |= 1ull << (b % 64);
			__atomic_store_n(&pfn_hash[b], p, __ATOMIC_RELEASE);
		}
	}
	ksim_unlock(&pfn_lock);
	return p;
}
EXPORT_SYMBOL(ksim_pfn_to_page);

bool ksim_virt_addr_valid(const void *addr)
{
	return (unsigned long)addr >= PAGE_SIZE && !is_vmalloc_addr(addr);
}
EXPORT_SYMBOL(ksim_virt_addr_valid);

void ksim_page_reset(void *addr)
{
	struct page *page = virt_to_page(addr);

	if (page) {
		atomic_set(&page->_refcount, 1);
		page->private = 0;
		page->mapping = NULL;
		page->index = 0;
	}
}

static void *pages_alloc(gfp_t gfp, unsigned int order, unsigned long caller)
{
	size_t size = PAGE_SIZE << order;
	struct page *page;
	void *p;

	/* The buddy allocator has no larger blocks. */
	if (order >= MAX_ORDER) {
		WARN_ON_ONCE(!(gfp & __GFP_NOWARN));
		return NULL;
	}
	ksim_mm_might_alloc(gfp);
	if (ksim_mm_should_fail(size, gfp, order, caller))
		return NULL;
	p = ksim_mm_alloc(size, size, gfp, KSIM_ALLOC_PAGES, NULL, caller);
	if (!p) {
		if (!(gfp & __GFP_NOWARN))
			ksim_mm_warn_alloc(gfp, order);
		return NULL;
	}
	page = virt_to_page(p);
	atomic_set(&page->_refcount, 1);
	return p;
}

static void pages_free(void *addr, const char *api, unsigned long caller)
{
	if (ksim_mm_free(addr, KSIM_KIND(KSIM_ALLOC_PAGES), api, caller, NULL))
		ksim_page_reset(addr);
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	void *p = pages_alloc(gfp, order, _RET_IP_);

	return p ? virt_to_page(p) : NULL;
}
EXPORT_SYMBOL(alloc_pages);

unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	return (unsigned long)pages_alloc(gfp_mask, order, _RET_IP_);
}
EXPORT_SYMBOL(__get_free_pages);

unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return (unsigned long)pages_alloc(gfp_mask | __GFP_ZERO, 0, _RET_IP_);
}
EXPORT_SYMBOL(get_zeroed_page);

/* The last reference goes: the block is freed (or someone dropped too many). */
static void page_put_last(struct page *page, const char *api, unsigned long caller)
{
	void *addr = page_address(page);
	struct ksim_alloc_info info;

	if (ksim_mm_lookup(addr, &info) && info.kind == KSIM_ALLOC_PAGES) {
		pages_free(addr, api, caller);
		return;
	}
	pr_err("BUG: Bad page state: pfn:%#lx refcount dropped to 0 but the page is not an alloc_pages() block\n",
	       page_to_pfn(page));
	ksim_print_task_header(KERN_ERR);
	ksim_dump_stack_skip(KERN_ERR, 1);
	atomic_set(&page->_refcount, 1);
	ksim_report(KSIM_REPORT_BAD_FREE);
}

void __put_page(struct page *page)
{
	page_put_last(page, "put_page", _RET_IP_);
}
EXPORT_SYMBOL(__put_page);

static void free_pages_caller(struct page *page, unsigned int order, const char *api,
			      unsigned long caller)
{
	void *addr = page_address(page);

	/* A second free finds no live block: the table names it a double free. */
	if (!ksim_mm_lookup(addr, NULL)) {
		ksim_mm_free(addr, KSIM_KIND(KSIM_ALLOC_PAGES), api, caller, NULL);
		return;
	}
	if (atomic_dec_and_test(&page->_refcount))
		pages_free(addr, api, caller);
}

void __free_pages(struct page *page, unsigned int order)
{
	free_pages_caller(page, order, "__free_pages", _RET_IP_);
}
EXPORT_SYMBOL(__free_pages);

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		free_pages_caller(virt_to_page(addr), order, "free_pages", _RET_IP_);
}
EXPORT_SYMBOL(free_pages);

void *alloc_pages_exact(size_t size, gfp_t gfp_mask)
{
	unsigned long caller = _RET_IP_;
	unsigned int order = get_order(size);

	if (WARN_ON_ONCE(gfp_mask & __GFP_COMP))
		gfp_mask &= ~__GFP_COMP;
	if (order >= MAX_ORDER) {
		WARN_ON_ONCE(!(gfp_mask & __GFP_NOWARN));
		return NULL;
	}
	ksim_mm_might_alloc(gfp_mask);
	if (ksim_mm_should_fail(size, gfp_mask, order, caller))
		return NULL;
	return ksim_mm_alloc(PAGE_ALIGN(size), PAGE_SIZE, gfp_mask,
			     KSIM_ALLOC_PAGES_EXACT, NULL, caller);
}
EXPORT_SYMBOL(alloc_pages_exact);

void free_pages_exact(void *virt, size_t size)
{
	if (virt)
		ksim_mm_free(virt, KSIM_KIND(KSIM_ALLOC_PAGES_EXACT), "free_pages_exact",
			     _RET_IP_, NULL);
}
EXPORT_SYMBOL(free_pages_exact);

void ksim_page_table_exit(void)
{
	unsigned int w;

	ksim_lock(&pfn_lock);
	for (w = 0; w < PFN_HASH_SIZE / 64; w++) {
		while (pfn_used[w]) {
			unsigned int b = w * 64 + (unsigned int)__builtin_ctzll(pfn_used[w]);
			struct page *p = pfn_hash[b], *next;

			pfn_used[w] &= pfn_used[w] - 1;
			pfn_hash[b] = NULL;
			for (; p; p = next) {
				next = p->ksim_next;
				ksim_host->mem_free(p);
			}
		}
	}
	ksim_unlock(&pfn_lock);
}
