// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_kmemleak.c - mm/kmemleak.c: what a module leaves behind
 * is reported when it unloads (call site, size, hex dump), once; what is
 * still allocated at shutdown is reported then; kmemleak_not_leak()
 * exempts an object.
 *
 * A fake module: functions placed in their own text section, registered
 * with ksim_module_add() over that section's range, so allocations they
 * make belong to the module.
 */
#include "ktest.h"

#include <stdio.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/kmemleak.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <ksim/failslab.h>
#include <ksim/module.h>

TestSuite(kmemleak, .init = ktest_boot, .fini = ktest_shutdown);

#define FAKEMOD __attribute__((section("ksim_fakemod_text"), __noinline__, used))
extern const char __start_ksim_fakemod_text[], __stop_ksim_fakemod_text[];

static struct module fakemod = { .name = "fakemod" };

FAKEMOD void *fakemod_alloc(size_t size)
{
	unsigned char *p = kmalloc(size, GFP_KERNEL);
	size_t i;

	/* Not a tail call: the return address stays in this function. */
	for (i = 0; p && i < size; i++)
		p[i] = i + 1;
	barrier_data(p);
	return p;
}

static void fakemod_load(void)
{
	int err = ksim_module_add(&fakemod, (unsigned long)__start_ksim_fakemod_text,
				  (unsigned long)__stop_ksim_fakemod_text, "GPL");

	cr_assert_eq(err, 0, "ksim_module_add: %d", err);
}

Test(kmemleak, module_unload_reports_what_it_left)
{
	char needle[96];
	void *a, *b, *freed;

	ktest_expect_reports(KSIM_REPORT_LEAK, 2);
	fakemod_load();
	a = fakemod_alloc(64);
	b = fakemod_alloc(100);
	freed = fakemod_alloc(8);
	kfree(freed);
	ksim_module_remove(&fakemod);

	cr_assert_eq(ksim_report_count(KSIM_REPORT_LEAK), 2);
	snprintf(needle, sizeof(needle), "unreferenced object 0x%016lx (size 64):",
		 (unsigned long)a);
	cr_assert(ksim_dmesg_contains(needle), "%s", needle);
	snprintf(needle, sizeof(needle), "unreferenced object 0x%016lx (size 100):",
		 (unsigned long)b);
	cr_assert(ksim_dmesg_contains(needle), "%s", needle);
	cr_assert(ksim_dmesg_contains("  comm \""));
	cr_assert(ksim_dmesg_contains("hex dump (first 32 bytes):"));
	cr_assert(ksim_dmesg_contains(
		"01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10  ................"));
	cr_assert(ksim_dmesg_contains("backtrace:"));
	cr_assert(ksim_dmesg_contains("fakemod_alloc"));
	cr_assert_eq(ksim_dmesg_count("unreferenced object"), 2);
	cr_assert(ksim_dmesg_contains("kmemleak: 2 new suspected memory leaks"));
	/* The objects stay allocated; shutdown frees them without a second report. */
}

Test(kmemleak, module_unload_ignores_other_owners)
{
	void *mine, *exempt;

	fakemod_load();
	mine = kmalloc(32, GFP_KERNEL);
	exempt = fakemod_alloc(16);
	kmemleak_not_leak(exempt);
	ksim_module_remove(&fakemod);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_LEAK), 0);
	cr_assert_not(ksim_dmesg_contains("unreferenced object"));
	kfree(mine);
	/* @exempt is left for shutdown, which must not report it either. */
}

Test(kmemleak, track_caller_names_the_given_site)
{
	void *p;

	ktest_expect_reports(KSIM_REPORT_LEAK, 1);
	fakemod_load();
	/* As a shim helper would: the allocation is charged to @caller. */
	p = __kmalloc_track_caller(24, GFP_KERNEL, (unsigned long)fakemod_alloc + 1);
	cr_assert_not_null(p);
	memset(p, 0, 24);
	ksim_module_remove(&fakemod);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_LEAK), 1);
	cr_assert(ksim_dmesg_contains("(size 24):"));
	cr_assert(ksim_dmesg_contains("fakemod_alloc"));
}

Test(kmemleak, stack_option_records_frames)
{
	cr_assert_eq(ksim_kmemleak_set("stack", "2"), -EINVAL);
	cr_assert_eq(ksim_kmemleak_set("depth", "1"), -ENOENT);
	cr_assert_eq(ksim_kmemleak_set("stack", "1"), 0);

	ktest_expect_reports(KSIM_REPORT_LEAK, 1);
	fakemod_load();
	fakemod_alloc(40);
	ksim_module_remove(&fakemod);
	cr_assert(ksim_dmesg_contains("fakemod_alloc"));
	/* The caller of the module function is in the stack too. */
	cr_assert(ksim_dmesg_contains("kmemleak_stack_option_records_frames"));
	cr_assert_geq(ksim_dmesg_count("    [<"), 2);
}

Test(kmemleak, leak_at_shutdown_is_reported)
{
	char *p = kmalloc(77, GFP_KERNEL);

	memset(p, 'x', 77);
	ktest_expect_reports(KSIM_REPORT_LEAK, 1);
	/* Checked by ktest_shutdown(): exactly one leak report. */
}

Test(kmemleak, freed_objects_are_not_leaks)
{
	struct kmem_cache *c = kmem_cache_create("kml", 16, 0, 0, NULL);
	void *a = kmalloc(10, GFP_KERNEL), *b = kmem_cache_alloc(c, GFP_KERNEL);

	kfree(a);
	kmem_cache_free(c, b);
	kmem_cache_destroy(c);
	/* ktest_shutdown() checks that no leak was reported. */
}

Test(kmemleak, noleaktrace_cache_objects_exempt)
{
	struct kmem_cache *c = kmem_cache_create("quiet", 16, 0, SLAB_NOLEAKTRACE, NULL);
	void *obj = kmem_cache_alloc(c, GFP_KERNEL);

	cr_assert_not_null(obj);
	kmemleak_not_leak(c);
	/* Neither the object nor the (exempted) cache is reported at shutdown. */
}
