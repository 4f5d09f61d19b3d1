// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_page_alloc.c - mm/page_alloc.c: blocks aligned to their
 * size, zeroed pages, struct page for any address with a working
 * page_address/virt_to_page round trip, page references, and the reports
 * for an impossible order and a double free.
 */
#include "ktest.h"

#include <stdint.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>

TestSuite(page_alloc, .init = ktest_boot, .fini = ktest_shutdown);

static char static_buf[3 * 4096];

static void check_round_trip(const void *p)
{
	struct page *pg = virt_to_page(p);

	cr_assert_not_null(pg);
	cr_assert_eq((const char *)page_address(pg) + offset_in_page(p), (const char *)p,
		     "round trip of %p", p);
	cr_assert_eq(pfn_to_page(page_to_pfn(pg)), pg);
	cr_assert_eq(page_to_pfn(pg), (uintptr_t)p >> PAGE_SHIFT);
}

Test(page_alloc, blocks_aligned_to_their_size)
{
	unsigned int order;

	for (order = 0; order <= 5; order++) {
		struct page *pg = alloc_pages(GFP_KERNEL, order);
		char *va;

		cr_assert_not_null(pg, "order %u", order);
		va = page_address(pg);
		cr_assert_eq((uintptr_t)va % (PAGE_SIZE << order), 0, "order %u: %p",
			     order, va);
		memset(va, 0xee, PAGE_SIZE << order);
		cr_assert_eq(page_count(pg), 1);
		__free_pages(pg, order);
	}
}

Test(page_alloc, get_free_pages_and_zeroed_page)
{
	unsigned long a = __get_free_pages(GFP_KERNEL, 2);
	unsigned long z = get_zeroed_page(GFP_KERNEL);
	unsigned int i;

	cr_assert(a && z);
	cr_assert_eq(a % (4 * PAGE_SIZE), 0);
	for (i = 0; i < PAGE_SIZE; i++)
		cr_assert_eq(((unsigned char *)z)[i], 0);
	free_pages(a, 2);
	free_page(z);
	free_page(0);
	cr_assert_eq(ksim_report_total(), 0);
}

Test(page_alloc, round_trip_for_any_memory)
{
	char *k = kmalloc(300, GFP_KERNEL);
	struct page *pg = alloc_pages(GFP_KERNEL, 1);
	char local[64];

	check_round_trip(k);
	check_round_trip(k + 299);
	check_round_trip((char *)page_address(pg) + PAGE_SIZE + 17);
	check_round_trip(static_buf + 5000);
	check_round_trip(local + 3);
	cr_assert_eq(virt_to_page(page_address(pg)), pg);
	cr_assert(virt_addr_valid(k));
	kfree(k);
	__free_pages(pg, 1);
}

Test(page_alloc, same_page_same_struct_page)
{
	char *p = (char *)__get_free_page(GFP_KERNEL);

	cr_assert_eq(virt_to_page(p), virt_to_page(p + PAGE_SIZE - 1));
	cr_assert_neq(virt_to_page(p), virt_to_page(p + PAGE_SIZE));
	free_page((unsigned long)p);
}

Test(page_alloc, reference_keeps_block_alive)
{
	struct page *pg = alloc_page(GFP_KERNEL);
	char *va = page_address(pg);

	get_page(pg);
	cr_assert_eq(page_count(pg), 2);
	__free_page(pg);
	/* Still ours: the reference taken above holds it. */
	memset(va, 1, PAGE_SIZE);
	put_page(pg);
	/* Freed now; ktest_shutdown() checks nothing leaked or was reported. */
}

Test(page_alloc, impossible_order_warns)
{
	struct page *pg;

	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	cr_assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER));
	cr_assert_eq(ksim_report_count(KSIM_REPORT_WARN), 0);
	cr_assert_null(alloc_pages(GFP_KERNEL, MAX_ORDER));
	cr_assert_eq(ksim_report_count(KSIM_REPORT_WARN), 1);
	pg = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);
	cr_assert_not_null(pg);
	__free_pages(pg, MAX_ORDER - 1);
}

Test(page_alloc, double_free_pages_reported)
{
	unsigned long a = __get_free_page(GFP_KERNEL);

	ktest_expect_reports(KSIM_REPORT_BAD_FREE, 1);
	free_page(a);
	free_page(a);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_BAD_FREE), 1);
	cr_assert(ksim_dmesg_contains("BUG: KASAN: double-free in "));
}

Test(page_alloc, alloc_pages_exact)
{
	char *p = alloc_pages_exact(3 * PAGE_SIZE + 1, GFP_KERNEL | __GFP_ZERO);
	unsigned int i;

	cr_assert_not_null(p);
	cr_assert_eq((uintptr_t)p % PAGE_SIZE, 0);
	for (i = 0; i < 4 * PAGE_SIZE; i++)
		cr_assert_eq(p[i], 0);
	free_pages_exact(p, 3 * PAGE_SIZE + 1);
}

Test(page_alloc, get_order_values)
{
	cr_assert_eq(get_order(1), 0);
	cr_assert_eq(get_order(PAGE_SIZE), 0);
	cr_assert_eq(get_order(PAGE_SIZE + 1), 1);
	cr_assert_eq(get_order(2 * PAGE_SIZE), 1);
	cr_assert_eq(get_order(2 * PAGE_SIZE + 1), 2);
	cr_assert_eq(get_order(1 << 20), 8);
	cr_assert_eq(PAGE_ALIGN(1), PAGE_SIZE);
	cr_assert_eq(PAGE_SIZE, 4096);
	cr_assert_eq(offset_in_page((void *)0x12345), 0x345);
}
