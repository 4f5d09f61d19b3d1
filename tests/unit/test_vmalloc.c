// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_vmalloc.c - mm/vmalloc.c: areas are page aligned and
 * recognised by is_vmalloc_addr() until freed, vzalloc zeroes, array
 * sizes that overflow fail, virt_to_page works inside an area, large
 * areas (their own host mappings) behave like small ones, and frees
 * through the wrong API are reported without losing the memory.
 */
#include "ktest.h"

#include <stdint.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

TestSuite(vmalloc, .init = ktest_boot, .fini = ktest_shutdown);

Test(vmalloc, area_is_page_aligned_and_known)
{
	size_t size = 3 * PAGE_SIZE + 5;
	char *p = vmalloc(size);
	char *k = kmalloc(64, GFP_KERNEL);

	cr_assert_not_null(p);
	cr_assert_eq((uintptr_t)p % PAGE_SIZE, 0);
	memset(p, 0x42, size);
	cr_assert(is_vmalloc_addr(p));
	cr_assert(is_vmalloc_addr(p + size - 1));
	cr_assert_not(is_vmalloc_addr(k));
	cr_assert_not(is_vmalloc_addr(NULL));
	cr_assert_not(virt_addr_valid(p));
	cr_assert(virt_addr_valid(k));
	vfree(p);
	cr_assert_not(is_vmalloc_addr(p));
	kfree(k);
}

Test(vmalloc, vzalloc_and_vcalloc_zero)
{
	unsigned char *p = vzalloc(10000);
	unsigned char *q = vcalloc(100, 30);
	unsigned int i;

	cr_assert(p && q);
	for (i = 0; i < 10000; i++)
		cr_assert_eq(p[i], 0);
	for (i = 0; i < 3000; i++)
		cr_assert_eq(q[i], 0);
	vfree(p);
	vfree(q);
}

/*
 * Areas of a megabyte or more are host mappings of their own, zero when
 * new (vzalloc writes nothing): they must still be zero, whole, known
 * to is_vmalloc_addr() and freed like any area - and so must big kmalloc
 * and kvzalloc blocks, which take the same path.
 */
Test(vmalloc, large_areas_zeroed_known_and_freed)
{
	size_t size = 3 * 1024 * 1024 + 5, i;
	unsigned char *v = vzalloc(size);
	unsigned char *k = kzalloc(2 * 1024 * 1024, GFP_KERNEL);
	unsigned char *kv = kvzalloc(1024 * 1024, GFP_KERNEL);

	cr_assert(v && k && kv);
	cr_assert_eq((uintptr_t)v % PAGE_SIZE, 0);
	for (i = 0; i < size; i += 997)
		cr_assert_eq(v[i], 0, "byte %zu", i);
	cr_assert_eq(v[size - 1], 0);
	for (i = 0; i < 2 * 1024 * 1024; i += 4093)
		cr_assert_eq(k[i], 0, "kzalloc byte %zu", i);
	for (i = 0; i < 1024 * 1024; i += 4093)
		cr_assert_eq(kv[i], 0, "kvzalloc byte %zu", i);
	memset(v, 0x5a, size);
	memset(k, 0x5a, 2 * 1024 * 1024);
	cr_assert(is_vmalloc_addr(v) && is_vmalloc_addr(v + size - 1));
	cr_assert_not(is_vmalloc_addr(k));
	vfree(v);
	cr_assert_not(is_vmalloc_addr(v));
	kfree(k);
	kvfree(kv);
	/* A second one after the first is gone: zero again, not the old bytes. */
	v = vzalloc(size);
	cr_assert_not_null(v);
	for (i = 0; i < size; i += 997)
		cr_assert_eq(v[i], 0, "byte %zu of a new area", i);
	vfree(v);
}

Test(vmalloc, large_area_left_at_shutdown_is_a_leak)
{
	unsigned char *v = vmalloc(2 * 1024 * 1024);

	cr_assert_not_null(v);
	memset(v, 1, 2 * 1024 * 1024);
	ktest_expect_reports(KSIM_REPORT_LEAK, 1);
	/* Checked by ktest_shutdown(): one leak report, the mapping released. */
}

Test(vmalloc, array_overflow_returns_null)
{
	cr_assert_null(vmalloc_array(SIZE_MAX / 2, 3));
	cr_assert_null(vcalloc(SIZE_MAX, 2));
	vfree(NULL);
	cr_assert_eq(ksim_report_total(), 0);
}

Test(vmalloc, virt_to_page_round_trip_inside_area)
{
	char *p = vmalloc(5 * PAGE_SIZE);
	char *at = p + 2 * PAGE_SIZE + 123;
	struct page *pg = vmalloc_to_page(at);

	cr_assert_eq(pg, virt_to_page(at));
	cr_assert_eq((char *)page_address(pg) + offset_in_page(at), at);
	cr_assert_eq(vmalloc_to_pfn(at), page_to_pfn(pg));
	vfree(p);
}

Test(vmalloc, vfree_of_kmalloc_memory_reported)
{
	char *k = kmalloc(128, GFP_KERNEL);

	ktest_expect_reports(KSIM_REPORT_BAD_FREE, 1);
	vfree(k);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_BAD_FREE), 1);
	cr_assert(ksim_dmesg_contains("Trying to vfree() nonexistent vm area"));
	/* The object was not released: it can still be used and freed properly. */
	memset(k, 0, 128);
	kfree(k);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_BAD_FREE), 1);
}

Test(vmalloc, kfree_of_vmalloc_memory_reported)
{
	char *v = vmalloc(PAGE_SIZE);

	ktest_expect_reports(KSIM_REPORT_BAD_FREE, 1);
	kfree(v);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_BAD_FREE), 1);
	cr_assert(ksim_dmesg_contains("kfree() of an object allocated by vmalloc()"));
	cr_assert(is_vmalloc_addr(v));
	vfree(v);
}

Test(vmalloc, double_vfree_reported)
{
	char *v = vmalloc(PAGE_SIZE);

	ktest_expect_reports(KSIM_REPORT_BAD_FREE, 1);
	vfree(v);
	vfree(v);
	cr_assert(ksim_dmesg_contains("BUG: KASAN: double-free in "));
}

Test(vmalloc, vmalloc_in_atomic_context_reported)
{
	void *p;

	ktest_expect_reports(KSIM_REPORT_ATOMIC_SLEEP, 1);
	preempt_disable();
	p = vmalloc(100);
	preempt_enable();
	cr_assert_eq(ksim_report_count(KSIM_REPORT_ATOMIC_SLEEP), 1);
	vfree(p);
}
