// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_slab_common.c - mm/slab_common.c: kmalloc and friends,
 * krealloc, slab caches (constructor, alignment, destroy with objects
 * left), and the reports for double, invalid and wrong-cache frees.
 */
#include "ktest.h"

#include <stdint.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>

TestSuite(slab_common, .init = ktest_boot, .fini = ktest_shutdown);

Test(slab_common, kmalloc_usable_and_ksize)
{
	size_t sizes[] = { 1, 7, 8, 100, 4096, 5000, 1 << 20 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		char *p = kmalloc(sizes[i], GFP_KERNEL);

		cr_assert_not_null(p, "kmalloc(%zu)", sizes[i]);
		memset(p, 0xab, sizes[i]);
		cr_assert_geq(ksize(p), sizes[i]);
		kfree(p);
	}
}

Test(slab_common, kzalloc_and_kcalloc_zero)
{
	unsigned char *p = kmalloc(256, GFP_KERNEL);
	unsigned char *z;
	unsigned int i;

	/* Make it likely the next allocation reuses dirty memory. */
	memset(p, 0xff, 256);
	kfree(p);
	z = kzalloc(256, GFP_KERNEL);
	cr_assert_not_null(z);
	for (i = 0; i < 256; i++)
		cr_assert_eq(z[i], 0, "byte %u", i);
	kfree(z);

	z = kcalloc(16, 16, GFP_KERNEL);
	cr_assert_not_null(z);
	for (i = 0; i < 256; i++)
		cr_assert_eq(z[i], 0, "byte %u", i);
	kfree(z);
}

Test(slab_common, array_overflow_returns_null)
{
	cr_assert_null(kcalloc(SIZE_MAX / 2, 4, GFP_KERNEL));
	cr_assert_null(kmalloc_array(SIZE_MAX, 2, GFP_KERNEL));
	cr_assert_null(kmalloc_array(2, SIZE_MAX / 2 + 1, GFP_KERNEL));
	cr_assert_null(krealloc_array(NULL, SIZE_MAX / 8, 16, GFP_KERNEL));
}

Test(slab_common, kmalloc_zero_is_zero_size_ptr)
{
	void *p = kmalloc(0, GFP_KERNEL);

	cr_assert_eq(p, ZERO_SIZE_PTR);
	cr_assert(ZERO_OR_NULL_PTR(p));
	cr_assert(ZERO_OR_NULL_PTR(NULL));
	cr_assert_eq(ksize(p), 0);
	kfree(p);
	kfree(NULL);
	kfree_sensitive(NULL);
	cr_assert_eq(ksim_report_total(), 0);
}

Test(slab_common, power_of_two_sizes_naturally_aligned)
{
	size_t sizes[] = { 64, 512, 4096, 16384 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		void *p = kmalloc(sizes[i], GFP_KERNEL);

		cr_assert_eq((uintptr_t)p % sizes[i], 0, "kmalloc(%zu) at %p", sizes[i], p);
		kfree(p);
	}
}

Test(slab_common, krealloc_keeps_contents)
{
	unsigned char *p = kmalloc(64, GFP_KERNEL), *q;
	unsigned int i;

	for (i = 0; i < 64; i++)
		p[i] = i;
	q = krealloc(p, 4096, GFP_KERNEL);
	cr_assert_not_null(q);
	for (i = 0; i < 64; i++)
		cr_assert_eq(q[i], i, "byte %u", i);
	memset(q + 64, 0, 4096 - 64);
	/* Shrinking keeps the object, as the kernel does. */
	p = krealloc(q, 16, GFP_KERNEL);
	cr_assert_eq(p, q);
	for (i = 0; i < 16; i++)
		cr_assert_eq(p[i], i);
	/* Size 0 frees. */
	cr_assert_eq(krealloc(p, 0, GFP_KERNEL), ZERO_SIZE_PTR);
	p = krealloc(NULL, 10, GFP_KERNEL);
	cr_assert_not_null(p);
	kfree(p);
	cr_assert_eq(ksim_report_total(), 0);
}

Test(slab_common, too_large_fails_with_warning)
{
	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	cr_assert_null(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN));
	cr_assert_eq(ksim_report_count(KSIM_REPORT_WARN), 0);
	cr_assert_null(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL));
	cr_assert_eq(ksim_report_count(KSIM_REPORT_WARN), 1);
}

Test(slab_common, double_kfree_reported_once)
{
	char *p = kmalloc(48, GFP_KERNEL);
	char *q;

	ktest_expect_reports(KSIM_REPORT_BAD_FREE, 1);
	kfree(p);
	kfree(p);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_BAD_FREE), 1);
	cr_assert(ksim_dmesg_contains("BUG: KASAN: double-free in "));
	cr_assert(ksim_dmesg_contains("slab_common_double_kfree_reported_once"));
	cr_assert(ksim_dmesg_contains("Call Trace:"));
	cr_assert(ksim_dmesg_contains("which belongs to the cache kmalloc-64 of size 48"));
	/* The machine goes on. */
	q = kmalloc(48, GFP_KERNEL);
	cr_assert_not_null(q);
	kfree(q);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_BAD_FREE), 1);
}

Test(slab_common, kfree_of_stack_address_reported)
{
	int local = 0;

	ktest_expect_reports(KSIM_REPORT_BAD_FREE, 1);
	kfree(&local);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_BAD_FREE), 1);
	cr_assert(ksim_dmesg_contains("BUG: KASAN: invalid-free in "));
	cr_assert_eq(local, 0);
}

Test(slab_common, kfree_of_interior_pointer_keeps_object)
{
	char *p = kmalloc(64, GFP_KERNEL);

	ktest_expect_reports(KSIM_REPORT_BAD_FREE, 1);
	memset(p, 1, 64);
	kfree(p + 8);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_BAD_FREE), 1);
	cr_assert_eq(ksize(p), 64);
	kfree(p);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_BAD_FREE), 1);
}

static int ctor_calls;

static void test_ctor(void *obj)
{
	ctor_calls++;
	memset(obj, 0x5c, 40);
}

Test(slab_common, cache_ctor_runs_on_each_allocation)
{
	struct kmem_cache *c = kmem_cache_create("ctor_cache", 40, 0, 0, test_ctor);
	unsigned char *a, *b, *z;
	unsigned int i;

	cr_assert_not_null(c);
	cr_assert_eq(kmem_cache_size(c), 40);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	cr_assert_eq(ctor_calls, 2);
	for (i = 0; i < 40; i++)
		cr_assert_eq(a[i], 0x5c);
	/* Zeroing comes after the constructor. */
	z = kmem_cache_zalloc(c, GFP_KERNEL);
	cr_assert_eq(ctor_calls, 3);
	for (i = 0; i < 40; i++)
		cr_assert_eq(z[i], 0);
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
	kmem_cache_free(c, z);
	kmem_cache_destroy(c);
	cr_assert_eq(ksim_report_total(), 0);
}

struct aligned_thing {
	u64 a;
	u32 b;
} __aligned(32);

Test(slab_common, cache_alignment_honoured)
{
	struct kmem_cache *hw = kmem_cache_create("hw", 100, 0, SLAB_HWCACHE_ALIGN, NULL);
	struct kmem_cache *al = kmem_cache_create("al", 24, 256, 0, NULL);
	struct kmem_cache *ty = KMEM_CACHE(aligned_thing, 0);
	void *objs[3][8];
	int i;

	cr_assert(hw && al && ty);
	for (i = 0; i < 8; i++) {
		objs[0][i] = kmem_cache_alloc(hw, GFP_KERNEL);
		objs[1][i] = kmem_cache_alloc(al, GFP_KERNEL);
		objs[2][i] = kmem_cache_alloc(ty, GFP_KERNEL);
		cr_assert_eq((uintptr_t)objs[0][i] % 64, 0);
		cr_assert_eq((uintptr_t)objs[1][i] % 256, 0);
		cr_assert_eq((uintptr_t)objs[2][i] % 32, 0);
	}
	for (i = 0; i < 8; i++) {
		kmem_cache_free(hw, objs[0][i]);
		kmem_cache_free(al, objs[1][i]);
		kmem_cache_free(ty, objs[2][i]);
	}
	kmem_cache_destroy(hw);
	kmem_cache_destroy(al);
	kmem_cache_destroy(ty);
}

Test(slab_common, cache_destroy_with_live_objects_reports_them)
{
	struct kmem_cache *c = kmem_cache_create("test_cache", 32, 0, 0, NULL);
	u32 *a = kmem_cache_alloc(c, GFP_KERNEL);
	u32 *b = kmem_cache_alloc(c, GFP_KERNEL);
	u32 *d = kmem_cache_alloc(c, GFP_KERNEL);

	ktest_expect_reports(KSIM_REPORT_LEAK, 2);
	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	memset(a, 0x11, 32);
	memset(b, 0x22, 32);
	kmem_cache_free(c, d);
	kmem_cache_destroy(c);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_LEAK), 2);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_WARN), 1);
	cr_assert(ksim_dmesg_contains(
		"kmem_cache_destroy test_cache: Slab cache still has objects"));
	cr_assert(ksim_dmesg_contains("(size 32):"));
	cr_assert(ksim_dmesg_contains("11 11 11 11"));
	cr_assert(ksim_dmesg_contains("22 22 22 22"));
	/* Reported once: shutdown does not count them again (checked by .fini). */
}

Test(slab_common, cache_free_into_wrong_cache_reported)
{
	struct kmem_cache *c1 = kmem_cache_create("cache_one", 32, 0, 0, NULL);
	struct kmem_cache *c2 = kmem_cache_create("cache_two", 32, 0, 0, NULL);
	void *obj = kmem_cache_alloc(c1, GFP_KERNEL);

	ktest_expect_reports(KSIM_REPORT_BAD_FREE, 1);
	kmem_cache_free(c2, obj);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_BAD_FREE), 1);
	cr_assert(ksim_dmesg_contains(
		"cache_from_obj: Wrong slab cache. cache_two but object is from cache_one"));
	/* Freed into its own cache: both destroy cleanly. */
	kmem_cache_destroy(c1);
	kmem_cache_destroy(c2);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_WARN), 0);
}

Test(slab_common, cache_create_bad_arguments)
{
	cr_assert_null(kmem_cache_create("zero", 0, 0, 0, NULL));
	cr_assert_null(kmem_cache_create(NULL, 16, 0, 0, NULL));
	cr_assert_null(kmem_cache_create("huge", KMALLOC_MAX_SIZE + 1, 0, 0, NULL));
	cr_assert(ksim_dmesg_contains("kmem_cache_create(zero) integrity check failed"));
	kmem_cache_destroy(NULL);
	cr_assert_eq(ksim_report_total(), 0);
}

Test(slab_common, cache_bulk_alloc_and_free)
{
	struct kmem_cache *c = kmem_cache_create("bulk", 24, 0, 0, NULL);
	void *objs[16];

	cr_assert_eq(kmem_cache_alloc_bulk(c, GFP_KERNEL, 16, objs), 16);
	kmem_cache_free_bulk(c, 16, objs);
	kmem_cache_destroy(c);
	cr_assert_eq(ksim_report_total(), 0);
}

Test(slab_common, sleeping_allocation_in_atomic_context_reported)
{
	void *p, *q;

	ktest_expect_reports(KSIM_REPORT_ATOMIC_SLEEP, 1);
	preempt_disable();
	p = kmalloc(16, GFP_ATOMIC);
	q = kmalloc(16, GFP_KERNEL);
	preempt_enable();
	cr_assert_eq(ksim_report_count(KSIM_REPORT_ATOMIC_SLEEP), 1);
	kfree(p);
	kfree(q);
}

Test(slab_common, cache_destroyed_twice_reported)
{
	struct kmem_cache *c = kmem_cache_create("twice", 16, 0, 0, NULL);

	ktest_expect_reports(KSIM_REPORT_BAD_FREE, 1);
	kmem_cache_destroy(c);
	kmem_cache_destroy(c);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_BAD_FREE), 1);
	cr_assert(ksim_dmesg_contains("kmem_cache_destroy(): object already free"));
}

Test(slab_common, kmem_cache_free_of_kmalloc_object_reported)
{
	struct kmem_cache *c = kmem_cache_create("cachex", 64, 0, 0, NULL);
	void *k = kmalloc(64, GFP_KERNEL);

	ktest_expect_reports(KSIM_REPORT_BAD_FREE, 1);
	kmem_cache_free(c, k);
	cr_assert(ksim_dmesg_contains("Wrong slab cache. cachex but object is from kmalloc-64"));
	kmem_cache_destroy(c);
}

struct tsr_obj {
	int key;
	char pad[60];
};

/* A reader that found the object before it was freed still reads that type. */
Test(slab_common, typesafe_by_rcu_keeps_memory_until_grace_period)
{
	struct kmem_cache *s = kmem_cache_create("tsr", sizeof(struct tsr_obj), 0,
						 SLAB_TYPESAFE_BY_RCU, NULL);
	struct tsr_obj *p;

	cr_assert_not_null(s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	cr_assert_not_null(p);
	p->key = 42;
	rcu_read_lock();
	kmem_cache_free(s, p);
	/* Not poisoned, not gone: the grace period has not passed. */
	cr_assert_eq(READ_ONCE(p->key), 42);
	rcu_read_unlock();
	synchronize_rcu();
	/* destroy waits for the deferred free: no object is left, no WARN. */
	kmem_cache_destroy(s);
}
