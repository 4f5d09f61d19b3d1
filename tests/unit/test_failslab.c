// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_failslab.c - mm/failslab.c and mm/fault_inject.c:
 * allocation failure injection by probability, interval, times, space,
 * after and module; __GFP_NOFAIL and ignore_gfp_wait; the warning line;
 * replay with the same seed; struct fault_attr for drivers.
 */
#include "ktest.h"

#include <string.h>

#include <linux/kernel.h>
#include <linux/fault-inject.h>
#include <linux/gfp.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <ksim/failslab.h>
#include <ksim/module.h>

TestSuite(failslab, .init = ktest_boot, .fini = ktest_shutdown);

#define FAKEMOD __attribute__((section("ksim_fakemod_text"), __noinline__, used))
extern const char __start_ksim_fakemod_text[], __stop_ksim_fakemod_text[];

static struct module fakemod = { .name = "fakemod" };

FAKEMOD void *fakemod_kmalloc(size_t size)
{
	void *p = kmalloc(size, GFP_KERNEL);

	barrier_data(p);
	return p;
}

static void set(const char *key, const char *value)
{
	int err = ksim_failslab_set(key, value);

	cr_assert_eq(err, 0, "ksim_failslab_set(%s, %s): %d", key, value, err);
}

/* Bit i of the result: whether the i-th of @n kmalloc calls failed. */
static u64 fail_pattern(unsigned int n, gfp_t gfp)
{
	u64 pattern = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		void *p = kmalloc(32, gfp);

		if (!p)
			pattern |= 1ull << i;
		kfree(p);
	}
	return pattern;
}

Test(failslab, off_by_default)
{
	cr_assert_eq(fail_pattern(64, GFP_KERNEL), 0);
	cr_assert_eq(ksim_failslab_injected(), 0);
}

Test(failslab, probability_100_fails_every_call)
{
	set("probability", "100");
	set("times", "-1");
	set("verbose", "0");
	cr_assert_eq(fail_pattern(20, GFP_KERNEL), (1ull << 20) - 1);
	cr_assert_eq(ksim_failslab_injected(), 20);
	cr_assert(ksim_dmesg_contains(
		"page allocation failure: order:0, mode:0xcc0(GFP_KERNEL), nodemask=(null)"));
	cr_assert_not(ksim_dmesg_contains("FAULT_INJECTION"));
	/* A failure is not a finding. */
	cr_assert_eq(ksim_report_total(), 0);
}

Test(failslab, times_defaults_to_one)
{
	set("probability", "100");
	cr_assert_eq(fail_pattern(8, GFP_KERNEL), 1);
	cr_assert(ksim_dmesg_contains("FAULT_INJECTION: forcing a failure."));
	cr_assert(ksim_dmesg_contains("name failslab, interval 1, probability 100"));
}

Test(failslab, times_limits_failures)
{
	set("probability", "100");
	set("times", "3");
	set("verbose", "0");
	cr_assert_eq(fail_pattern(10, GFP_KERNEL), 0x7);
	cr_assert_eq(ksim_failslab_injected(), 3);
}

Test(failslab, interval_fails_every_nth)
{
	set("probability", "100");
	set("times", "-1");
	set("interval", "3");
	set("verbose", "0");
	/* Calls 3, 6, 9, 12: bits 2, 5, 8, 11. */
	cr_assert_eq(fail_pattern(12, GFP_KERNEL), 0x924);
}

Test(failslab, after_skips_first_calls)
{
	set("probability", "100");
	set("times", "-1");
	set("after", "5");
	set("verbose", "0");
	cr_assert_eq(fail_pattern(8, GFP_KERNEL), 0xe0);
}

Test(failslab, space_lets_first_bytes_through)
{
	set("probability", "100");
	set("times", "-1");
	set("space", "100");
	set("verbose", "0");
	/* 32-byte calls: 100 -> 68 -> 36 -> 4, then 4 < 32 fails. */
	cr_assert_eq(fail_pattern(5, GFP_KERNEL), 0x18);
}

Test(failslab, nofail_never_fails)
{
	void *p;

	set("probability", "100");
	set("times", "-1");
	set("verbose", "0");
	p = kmalloc(16, GFP_KERNEL | __GFP_NOFAIL);
	cr_assert_not_null(p);
	kfree(p);
	cr_assert_eq(ksim_failslab_injected(), 0);
}

Test(failslab, nowarn_silences_warning)
{
	set("probability", "100");
	set("verbose", "0");
	cr_assert_null(kmalloc(16, GFP_KERNEL | __GFP_NOWARN));
	cr_assert_not(ksim_dmesg_contains("page allocation failure"));
	set("times", "1");
	cr_assert_null(kmalloc(16, GFP_ATOMIC));
	cr_assert(ksim_dmesg_contains("mode:0xa20(GFP_ATOMIC)"));
}

Test(failslab, ignore_gfp_wait_spares_sleeping_calls)
{
	set("probability", "100");
	set("times", "-1");
	set("ignore-gfp-wait", "Y");
	set("verbose", "0");
	cr_assert_eq(fail_pattern(4, GFP_KERNEL), 0);
	cr_assert_eq(fail_pattern(4, GFP_ATOMIC), 0xf);
	cr_assert_eq(fail_pattern(4, GFP_NOWAIT), 0xf);
}

Test(failslab, module_filter)
{
	int i;

	cr_assert_eq(ksim_module_add(&fakemod, (unsigned long)__start_ksim_fakemod_text,
				     (unsigned long)__stop_ksim_fakemod_text, "GPL"), 0);
	set("probability", "100");
	set("times", "-1");
	set("verbose", "0");
	set("module", "nonexistent");
	cr_assert_eq(fail_pattern(8, GFP_KERNEL), 0);
	for (i = 0; i < 4; i++) {
		void *p = fakemod_kmalloc(8);

		cr_assert_not_null(p);
		kfree(p);
	}

	set("module", "fakemod");
	cr_assert_eq(fail_pattern(8, GFP_KERNEL), 0);
	for (i = 0; i < 4; i++)
		cr_assert_null(fakemod_kmalloc(8));
	cr_assert_eq(ksim_failslab_injected(), 4);
	ksim_module_remove(&fakemod);
}

Test(failslab, covers_every_allocator)
{
	struct kmem_cache *c = kmem_cache_create("fs", 32, 0, 0, NULL);

	cr_assert_not_null(c);
	set("probability", "100");
	set("times", "-1");
	set("verbose", "0");
	cr_assert_null(kmem_cache_alloc(c, GFP_KERNEL));
	cr_assert_null(vmalloc(8192));
	cr_assert_null(kvmalloc(1 << 20, GFP_KERNEL));
	cr_assert_null(alloc_pages(GFP_KERNEL, 1));
	cr_assert_eq(__get_free_page(GFP_KERNEL), 0);
	cr_assert_null(kstrdup("abc", GFP_KERNEL));
	cr_assert_eq(ksim_failslab_injected(), 6);
	ksim_failslab_reset();
	kmem_cache_destroy(c);
}

Test(failslab, reset_restores_defaults)
{
	set("probability", "100");
	set("times", "-1");
	set("verbose", "0");
	cr_assert_eq(fail_pattern(2, GFP_KERNEL), 3);
	ksim_failslab_reset();
	cr_assert_eq(ksim_failslab_injected(), 0);
	cr_assert_eq(fail_pattern(8, GFP_KERNEL), 0);
}

Test(failslab, bad_keys_and_values)
{
	cr_assert_eq(ksim_failslab_set("bogus", "1"), -ENOENT);
	cr_assert_eq(ksim_failslab_set("probability", "101"), -EINVAL);
	cr_assert_eq(ksim_failslab_set("probability", "ten"), -EINVAL);
	cr_assert_eq(ksim_failslab_set("probability", "-1"), -EINVAL);
	cr_assert_eq(ksim_failslab_set("times", "-2"), -EINVAL);
	cr_assert_eq(ksim_failslab_set("verbose", "3"), -EINVAL);
	cr_assert_eq(ksim_failslab_set("ignore_gfp_wait", "maybe"), -EINVAL);
	cr_assert_eq(ksim_failslab_set("interval", NULL), -EINVAL);
	cr_assert_eq(ksim_failslab_set("ignore_gfp_wait", "N"), 0);
	cr_assert_eq(ksim_failslab_set("module", ""), 0);
	/* Nothing was enabled by the failed calls. */
	cr_assert_eq(fail_pattern(8, GFP_KERNEL), 0);
}

static u64 pattern_with_seed(u64 seed)
{
	struct ksim_boot_params params = { .seed = seed };
	u64 pattern;

	ksim_kernel_shutdown();
	cr_assert_eq(ksim_kernel_boot(&params), 0);
	ksim_failslab_reset();
	set("probability", "50");
	set("times", "-1");
	set("verbose", "0");
	pattern = fail_pattern(64, GFP_KERNEL);
	ksim_failslab_reset();
	return pattern;
}

Test(failslab, same_seed_replays_same_failures)
{
	u64 a = pattern_with_seed(1234);
	u64 b = pattern_with_seed(1234);
	u64 c = pattern_with_seed(99);

	cr_assert_eq(a, b, "%#llx != %#llx", (unsigned long long)a, (unsigned long long)b);
	/* Some but not all calls fail at 50%. */
	cr_assert_neq(a, 0);
	cr_assert_neq(a, ~0ull);
	cr_assert_neq(a, c);
}

static DECLARE_FAULT_ATTR(driver_attr);

Test(failslab, fault_attr_for_drivers)
{
	struct fault_attr every = FAULT_ATTR_INITIALIZER;
	char spec[] = "1,100,0,-1";
	int i;

	/* Off until a probability is set. */
	cr_assert_not(should_fail(&driver_attr, 1));
	driver_attr.probability = 100;
	driver_attr.verbose = 0;
	/* times defaults to 1. */
	cr_assert(should_fail(&driver_attr, 1));
	cr_assert_not(should_fail(&driver_attr, 1));

	cr_assert_eq(setup_fault_attr(&every, spec), 1);
	every.verbose = 0;
	for (i = 0; i < 10; i++)
		cr_assert(should_fail(&every, 1));
}
