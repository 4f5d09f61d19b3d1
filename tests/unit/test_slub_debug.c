// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_slub_debug.c - mm/slub_debug.c: red zones around kmalloc
 * and kmem_cache objects are checked on free ("Redzone overwritten"); a
 * freed object is poisoned and quarantined, and a write to it is found
 * when it leaves the quarantine ("Poison overwritten", with both sites);
 * freed memory is not handed out again at once; clean use is quiet.  Also
 * prints the cost of a kmalloc+kfree pair with and without the checks.
 */
#include "ktest.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <linux/kernel.h>
#include <linux/slab.h>

#include "mm/ksim_mm.h"

#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#else
#define RUNNING_ON_VALGRIND 0
#endif

/*
 * The planted bad writes are the tools' to report when a tool is watching:
 * memcheck (no-access red zones) and ASan (poisoned red zones) stop at the
 * write itself, before slub_debug's own check could run.
 */
#ifdef __SANITIZE_ADDRESS__
#define UNDER_ASAN 1
#else
#define UNDER_ASAN 0
#endif
#define SKIP_UNDER_TOOLS()						\
	do {								\
		if (RUNNING_ON_VALGRIND || UNDER_ASAN)			\
			cr_skip_test("the planted bad write is reported by %s itself", \
				     UNDER_ASAN ? "ASan" : "memcheck");	\
	} while (0)

TestSuite(slub_debug, .init = ktest_boot, .fini = ktest_shutdown);

/* The bad accesses go through here, so the compiler cannot see them. */
static noinline void poke(void *p, long off, char v)
{
	((volatile char *)p)[off] = v;
}

Test(slub_debug, right_redzone_overwritten_on_kfree)
{
	char *p;

	SKIP_UNDER_TOOLS();
	p = kmalloc(13, GFP_KERNEL);
	cr_assert_not_null(p);
	poke(p, 13, 'X');
	kfree(p);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_SLAB), 1);
	cr_assert(ksim_dmesg_contains("BUG kmalloc-16 (Tainted: G B): Right Redzone overwritten"));
	cr_assert(ksim_dmesg_contains("@offset=13. First byte 0x58 instead of 0xcc"));
	cr_assert(ksim_dmesg_contains("Allocated in "));
	cr_assert(ksim_dmesg_contains("FIX kmalloc-16: Restoring Right Redzone"));
	ktest_expect_reports(KSIM_REPORT_SLAB, 1);
}

Test(slub_debug, left_redzone_of_cache_object)
{
	struct kmem_cache *c;
	char *p;

	SKIP_UNDER_TOOLS();
	c = kmem_cache_create("sd_obj", 40, 0, 0, NULL);
	cr_assert_not_null(c);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	cr_assert_not_null(p);
	poke(p, -3, 0);
	kmem_cache_free(c, p);
	kmem_cache_destroy(c);
	cr_assert(ksim_dmesg_contains("BUG sd_obj (Tainted: G B): Left Redzone overwritten"));
	ktest_expect_reports(KSIM_REPORT_SLAB, 1);
}

Test(slub_debug, use_after_free_write_found_in_poison)
{
	struct kmem_cache *c;
	char *p;

	SKIP_UNDER_TOOLS();
	c = kmem_cache_create("sd_uaf", 32, 0, 0, NULL);
	cr_assert_not_null(c);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	cr_assert_not_null(p);
	kmem_cache_free(c, p);
	poke(p, 5, 0x11);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_SLAB), 0, "found when it leaves the quarantine");
	kmem_cache_destroy(c);	/* drains the quarantine */
	cr_assert_eq(ksim_report_count(KSIM_REPORT_SLAB), 1);
	cr_assert(ksim_dmesg_contains("BUG sd_uaf (Tainted: G B): Poison overwritten"));
	cr_assert(ksim_dmesg_contains("@offset=5. First byte 0x11 instead of 0x6b"));
	cr_assert(ksim_dmesg_contains("Freed in "));
	cr_assert(ksim_dmesg_contains("BUG: KASAN: use-after-free write in freed object"));
	cr_assert(ksim_dmesg_contains("Allocated by task"));
	cr_assert(ksim_dmesg_contains("Freed by task"));
	ktest_expect_reports(KSIM_REPORT_SLAB, 1);
}

Test(slub_debug, kmalloc_uaf_found_at_shutdown)
{
	char *p;

	SKIP_UNDER_TOOLS();
	p = kmalloc(64, GFP_KERNEL);
	cr_assert_not_null(p);
	kfree(p);
	poke(p, 63, 0);
	/* ktest_shutdown() drains the quarantine and checks the count. */
	ktest_expect_reports(KSIM_REPORT_SLAB, 1);
}

Test(slub_debug, freed_memory_is_not_reused_at_once)
{
	void *seen[64];
	int i, j;

	for (i = 0; i < 64; i++) {
		seen[i] = kmalloc(32, GFP_KERNEL);
		cr_assert_not_null(seen[i]);
		kfree(seen[i]);
	}
	for (i = 0; i < 64; i++)
		for (j = i + 1; j < 64; j++)
			cr_assert_neq(seen[i], seen[j], "address %p reused at once", seen[i]);
}

Test(slub_debug, clean_use_is_quiet_and_aligned)
{
	size_t sizes[] = { 1, 8, 13, 16, 64, 96, 100, 128, 192, 256, 4096, 8192, 20000 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned char *p = kmalloc(sizes[i], GFP_KERNEL);

		cr_assert_not_null(p);
		memset(p, 0x5a, sizes[i]);
		if (!(sizes[i] & (sizes[i] - 1)))
			cr_assert_eq((unsigned long)p % sizes[i], 0,
				     "kmalloc(%zu) aligned", sizes[i]);
		p = krealloc(p, sizes[i] * 2, GFP_KERNEL);
		cr_assert_not_null(p);
		kfree(p);
	}
}

#ifdef __SANITIZE_ADDRESS__
/* Under ASan the slab's poisoning is ASan's: the write itself is fatal. */
Test(slub_debug, asan_catches_cache_use_after_free, .exit_code = 1)
{
	struct kmem_cache *c = kmem_cache_create("sd_asan", 48, 0, 0, NULL);
	char *p = kmem_cache_alloc(c, GFP_KERNEL);

	kmem_cache_free(c, p);
	poke(p, 8, 1);
	cr_assert_fail("ASan let a write to a freed kmem_cache object through");
}
#endif

static double pair_ns(size_t size, int loops)
{
	struct timespec a, b;
	int i;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < loops; i++) {
		void *p = kmalloc(size, GFP_KERNEL);

		barrier_data(p);
		kfree(p);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	return ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / loops;
}

/* Not an assertion on speed: prints the figures for the notes. */
Test(slub_debug, cost_of_a_kmalloc_kfree_pair)
{
	size_t sizes[] = { 64, 512, 4096 };
	unsigned int i;

	if (RUNNING_ON_VALGRIND || UNDER_ASAN)
		cr_skip_test("timings under %s say nothing about the plain build",
			     UNDER_ASAN ? "ASan" : "valgrind");
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		double on, off;

		ksim_slub_debug_set(true);
		pair_ns(sizes[i], 20000);		/* warm up */
		on = pair_ns(sizes[i], 100000);
		ksim_slub_debug_set(false);
		pair_ns(sizes[i], 20000);
		off = pair_ns(sizes[i], 100000);
		ksim_slub_debug_set(true);
		fprintf(stderr, "slub_debug: kmalloc(%zu)+kfree: %.0f ns with checks, %.0f ns without\n",
			sizes[i], on, off);
	}
}
