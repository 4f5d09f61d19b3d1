// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_kunit.c - kapi-shim/lib/kunit: the runner's verdicts and
 * KTAP lines, a failed assertion aborting its case (and only it), the
 * resource API's release order, test-managed memory, the harness's
 * reports and leaks failing the running case, and the kunit.* parameters.
 * The suites are built here, in-process; tests/kunit/ has module suites.
 */
#include "ktest.h"

#include <string.h>

#include <kunit/test.h>
#include <kunit/resource.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <ksim/kunit.h>

#include "internal.h"
#include "lib/kunit/kunit-internal.h"

TestSuite(kunit, .init = ktest_boot, .fini = ktest_shutdown);

static int after_assert;

static void passes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 2 + 2, 4);
	KUNIT_EXPECT_STREQ(test, "a", "a");
}

static void expectation_fails(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 2 + 2, 5);
}

static void assertion_aborts(struct kunit *test)
{
	KUNIT_ASSERT_TRUE(test, false);
	after_assert = 1;
}

static void skips(struct kunit *test)
{
	kunit_skip(test, "because");
}

static struct kunit_case verdict_cases[] = {
	KUNIT_CASE(passes),
	KUNIT_CASE(expectation_fails),
	KUNIT_CASE(assertion_aborts),
	KUNIT_CASE(skips),
	{}
};

static struct kunit_suite verdict_suite = {
	.name = "verdicts",
	.test_cases = verdict_cases,
};

Test(kunit, verdicts_and_ktap_lines)
{
	ksim_kunit_reset();
	after_assert = 0;
	ksim_kunit_run_suite(&verdict_suite, NULL);
	cr_assert_eq(verdict_cases[0].status, KUNIT_SUCCESS);
	cr_assert_eq(verdict_cases[1].status, KUNIT_FAILURE);
	cr_assert_eq(verdict_cases[2].status, KUNIT_FAILURE);
	cr_assert_eq(verdict_cases[3].status, KUNIT_SKIPPED);
	cr_assert_eq(after_assert, 0, "the line after a failed assertion ran");
	cr_assert_eq(kunit_suite_has_succeeded(&verdict_suite), KUNIT_FAILURE);
	cr_assert_eq(ksim_kunit_cases_run(), 4);
	cr_assert_eq(ksim_kunit_cases_failed(), 2);
	cr_assert(ksim_dmesg_contains("    # Subtest: verdicts"));
	cr_assert(ksim_dmesg_contains("    1..4"));
	cr_assert(ksim_dmesg_contains("    ok 1 passes"));
	cr_assert(ksim_dmesg_contains("    # expectation_fails: EXPECTATION FAILED at"));
	cr_assert(ksim_dmesg_contains("    Expected 2 + 2 == 5, but"));
	cr_assert(ksim_dmesg_contains("        2 + 2 == 4 (0x4)"));
	cr_assert(ksim_dmesg_contains("    not ok 2 expectation_fails"));
	cr_assert(ksim_dmesg_contains("    # assertion_aborts: ASSERTION FAILED at"));
	cr_assert(ksim_dmesg_contains("    ok 4 skips # SKIP because"));
	cr_assert(ksim_dmesg_contains("# verdicts: pass:1 fail:2 skip:1 total:4"));
	cr_assert(ksim_dmesg_contains("not ok 1 verdicts"));
}

static char order[8];
static int norder;

static void note_free(struct kunit_resource *res)
{
	order[norder++] = *(char *)res->data;
}

static void resources_released_newest_first(struct kunit *test)
{
	static char a = 'a', b = 'b', c = 'c';
	struct kunit_resource *r;

	r = kunit_alloc_and_get_resource(test, NULL, note_free, GFP_KERNEL, &a);
	KUNIT_ASSERT_NOT_NULL(test, r);
	kunit_put_resource(r);
	KUNIT_ASSERT_NOT_NULL(test, kunit_alloc_resource(test, NULL, note_free, GFP_KERNEL, &b));
	KUNIT_ASSERT_NOT_NULL(test, kunit_alloc_resource(test, NULL, note_free, GFP_KERNEL, &c));
	/* Aborting still releases everything (the catch runs the cleanup). */
	KUNIT_ASSERT_FAILURE(test, "abort with three resources held");
}

static void kmalloc_freed_at_end(struct kunit *test)
{
	void *p = kunit_kmalloc_array(test, 4, 32, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	/* A pointer kunit did not allocate is an error of the test. */
	kunit_kfree(test, &order);
}

static struct kunit_case resource_cases[] = {
	KUNIT_CASE(resources_released_newest_first),
	KUNIT_CASE(kmalloc_freed_at_end),
	{}
};

static struct kunit_suite resource_suite = {
	.name = "resources",
	.test_cases = resource_cases,
};

Test(kunit, resources_released_newest_first_even_on_abort)
{
	norder = 0;
	ksim_kunit_run_suite(&resource_suite, NULL);
	cr_assert_eq(norder, 3);
	cr_assert_eq(memcmp(order, "cba", 3), 0, "released in order %.3s", order);
	cr_assert_eq(resource_cases[1].status, KUNIT_FAILURE);
	cr_assert(ksim_dmesg_contains("was not allocated by kunit_kmalloc"));
}

static void warns(struct kunit *test)
{
	WARN_ON(1);
}

static struct kunit_case report_cases[] = {
	KUNIT_CASE(warns),
	KUNIT_CASE(passes),
	{}
};

static struct kunit_suite report_suite = {
	.name = "reports",
	.test_cases = report_cases,
};

Test(kunit, a_report_fails_the_running_case_only)
{
	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	ksim_kunit_run_suite(&report_suite, NULL);
	cr_assert_eq(report_cases[0].status, KUNIT_FAILURE);
	cr_assert_eq(report_cases[1].status, KUNIT_SUCCESS);
	cr_assert(ksim_dmesg_contains("# warns: ksim reported a problem while this test case ran: 1 WARN"));
}

static const int params[] = { 1, 2, 3 };

KUNIT_ARRAY_PARAM(params, params, NULL);

static void even_only(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, *(const int *)test->param_value % 2, 0);
}

static struct kunit_case param_cases[] = {
	KUNIT_CASE_PARAM(even_only, params_gen_params),
	{}
};

static struct kunit_suite param_suite = {
	.name = "params",
	.test_cases = param_cases,
};

Test(kunit, parameters_each_get_a_result)
{
	ksim_kunit_run_suite(&param_suite, NULL);
	cr_assert_eq(param_cases[0].status, KUNIT_FAILURE);
	cr_assert(ksim_dmesg_contains("        not ok 1 param-0"));
	cr_assert(ksim_dmesg_contains("        ok 2 param-1"));
	cr_assert(ksim_dmesg_contains("        not ok 3 param-2"));
	cr_assert(ksim_dmesg_contains("    # even_only: pass:1 fail:2 skip:0 total:3"));
}

Test(kunit, parameters_of_the_command_line)
{
	cr_assert_eq(ksim_kunit_set_param("filter_glob", "suite.case*"), 0);
	cr_assert_eq(ksim_kunit_set_param("filter_glob", ""), 0);
	cr_assert_eq(ksim_kunit_set_param("filter_glob", NULL), -EINVAL);
	cr_assert_eq(ksim_kunit_set_param("stats_enabled", "2"), 0);
	cr_assert_eq(ksim_kunit_set_param("stats_enabled", "3"), -EINVAL);
	cr_assert_eq(ksim_kunit_set_param("stats_enabled", "x"), -EINVAL);
	cr_assert_eq(ksim_kunit_set_param("enable", "maybe"), -EINVAL);
	cr_assert_eq(ksim_kunit_set_param("enable", "0"), 0);
	cr_assert(!kunit_enabled());
	cr_assert_eq(ksim_kunit_set_param("enable", NULL), 0);
	cr_assert(kunit_enabled());
	cr_assert_eq(ksim_kunit_set_param("filter", "x"), -ENOENT);
	cr_assert_eq(ksim_kunit_set_param("stats_enabled", "1"), 0);
}
