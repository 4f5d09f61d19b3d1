// SPDX-License-Identifier: GPL-2.0
/*
 * kunit_api_test.c - KUnit's own API, every part of it passing: the
 * expectation and assertion families, parameterised cases, skipping,
 * test-managed memory and resources, init/exit and suite_init/suite_exit
 * and test->priv.  Run by tests/integration/kunit.sh; every case must pass.
 */
#include <kunit/test.h>
#include <kunit/resource.h>
#include <kunit/test-bug.h>
#include <linux/err.h>
#include <linux/slab.h>

static int suite_inits, suite_exits;
static int case_inits, case_exits;

static void kunit_api_expect_families(struct kunit *test)
{
	int three = 3;
	const char *s = "ksim";
	void *p = &three;
	void *null = NULL;

	KUNIT_EXPECT_TRUE(test, three == 3);
	KUNIT_EXPECT_FALSE(test, three == 4);
	KUNIT_EXPECT_EQ(test, three, 3);
	KUNIT_EXPECT_NE(test, three, 4);
	KUNIT_EXPECT_LT(test, three, 4);
	KUNIT_EXPECT_LE(test, three, 3);
	KUNIT_EXPECT_GT(test, three, 2);
	KUNIT_EXPECT_GE(test, three, 3);
	KUNIT_EXPECT_PTR_EQ(test, p, (void *)&three);
	KUNIT_EXPECT_PTR_NE(test, p, null);
	KUNIT_EXPECT_NULL(test, null);
	KUNIT_EXPECT_NOT_NULL(test, p);
	KUNIT_EXPECT_NOT_ERR_OR_NULL(test, p);
	KUNIT_EXPECT_STREQ(test, s, "ksim");
	KUNIT_EXPECT_STRNEQ(test, s, "kernel");
	KUNIT_EXPECT_EQ_MSG(test, three, 3, "three is %d", three);
	KUNIT_EXPECT_TRUE_MSG(test, true, "never printed");
	KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(test, p, "p=%p", p);
	KUNIT_SUCCEED(test);
}

static void kunit_api_assert_families(struct kunit *test)
{
	long long big = 1LL << 40;
	const char *s = "ksim";
	void *p = test;

	KUNIT_ASSERT_TRUE(test, big > 0);
	KUNIT_ASSERT_FALSE(test, big < 0);
	KUNIT_ASSERT_EQ(test, big, 1LL << 40);
	KUNIT_ASSERT_NE(test, big, 0);
	KUNIT_ASSERT_LT(test, 0, big);
	KUNIT_ASSERT_LE(test, big, big);
	KUNIT_ASSERT_GT(test, big, 1);
	KUNIT_ASSERT_GE(test, big, big);
	KUNIT_ASSERT_PTR_EQ(test, p, (void *)test);
	KUNIT_ASSERT_PTR_NE(test, p, NULL);
	KUNIT_ASSERT_NULL(test, NULL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	KUNIT_ASSERT_STREQ(test, s, "ksim");
	KUNIT_ASSERT_STRNEQ_MSG(test, s, "linux", "s=%s", s);
}

/* An expression with a side effect is evaluated exactly once. */
static void kunit_api_evaluates_once(struct kunit *test)
{
	int n = 0;

	KUNIT_EXPECT_EQ(test, ++n, 1);
	KUNIT_EXPECT_EQ(test, n, 1);
	KUNIT_EXPECT_STREQ(test, n++ ? "b" : "a", "b");
	KUNIT_EXPECT_EQ(test, n, 2);
}

struct square_case {
	int in;
	int out;
};

static const struct square_case squares[] = {
	{ 0, 0 }, { 2, 4 }, { -3, 9 }, { 12, 144 },
};

static void square_desc(const struct square_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%d squared", c->in);
}

KUNIT_ARRAY_PARAM(squares, squares, square_desc);

static void kunit_api_array_param(struct kunit *test)
{
	const struct square_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, c->in * c->in, c->out);
}

/* A hand-written generator, without descriptions: "param-N". */
static const void *odd_gen(const void *prev, char *desc)
{
	static const int odds[] = { 1, 3, 5 };
	const int *next = prev ? (const int *)prev + 1 : odds;

	return next < odds + ARRAY_SIZE(odds) ? next : NULL;
}

static void kunit_api_generated_param(struct kunit *test)
{
	const int *v = test->param_value;

	KUNIT_EXPECT_EQ(test, *v % 2, 1);
	KUNIT_EXPECT_GE(test, test->param_index, 0);
}

static void kunit_api_kmalloc(struct kunit *test)
{
	u8 *z = kunit_kzalloc(test, 64, GFP_KERNEL);
	u32 *arr = kunit_kmalloc_array(test, 8, sizeof(*arr), GFP_KERNEL);
	u64 *c = kunit_kcalloc(test, 4, sizeof(*c), GFP_KERNEL);
	char *freed = kunit_kmalloc(test, 16, GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, z);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, arr);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, c);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, freed);
	for (i = 0; i < 64; i++)
		KUNIT_EXPECT_EQ(test, z[i], 0);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, c[i], 0);
	/* Freed early; the rest is freed when the case ends (no leak). */
	kunit_kfree(test, freed);
}

static int counter_init(struct kunit_resource *res, void *context)
{
	int *releases = context;

	res->data = releases;
	return 0;
}

static void counter_free(struct kunit_resource *res)
{
	int *releases = res->data;

	(*releases)++;
}

static void kunit_api_resources(struct kunit *test)
{
	static int releases;
	struct kunit_resource named = { };
	struct kunit_resource *found, *got;

	releases = 0;
	KUNIT_ASSERT_EQ(test, kunit_add_named_resource(test, counter_init, counter_free,
						       &named, "counter", &releases), 0);
	KUNIT_EXPECT_EQ(test, kunit_add_named_resource(test, counter_init, counter_free,
						       &named, "counter", &releases), -EEXIST);
	found = kunit_find_named_resource(test, "counter");
	KUNIT_ASSERT_PTR_EQ(test, found, &named);
	kunit_put_resource(found);
	KUNIT_EXPECT_NULL(test, kunit_find_named_resource(test, "nothing"));

	got = kunit_alloc_and_get_resource(test, counter_init, counter_free, GFP_KERNEL,
					   &releases);
	KUNIT_ASSERT_NOT_NULL(test, got);
	kunit_put_resource(got);

	KUNIT_EXPECT_EQ(test, kunit_destroy_named_resource(test, "counter"), 0);
	KUNIT_EXPECT_EQ(test, releases, 1);
	KUNIT_EXPECT_EQ(test, kunit_destroy_named_resource(test, "counter"), -ENOENT);

	kunit_cleanup(test);
	KUNIT_EXPECT_EQ(test, releases, 2);
}

static void kunit_api_priv_and_init(struct kunit *test)
{
	KUNIT_ASSERT_NOT_NULL(test, test->priv);
	KUNIT_EXPECT_EQ(test, *(int *)test->priv, 42);
	KUNIT_EXPECT_EQ(test, suite_inits, 1);
	KUNIT_EXPECT_EQ(test, case_inits, case_exits + 1);
	kunit_info(test, "priv holds %d", *(int *)test->priv);
}

static void kunit_api_skip_stops_the_case(struct kunit *test)
{
	kunit_skip(test, "skipped on purpose");
	/* Never reached: a failure here would turn the skip into a fail. */
	KUNIT_FAIL(test, "kunit_skip() returned");
}

static void kunit_api_mark_skipped_continues(struct kunit *test)
{
	kunit_mark_skipped(test, "marked, and goes on");
	KUNIT_EXPECT_EQ(test, 1 + 1, 2);
}

static int kunit_api_init(struct kunit *test)
{
	int *v = kunit_kmalloc(test, sizeof(*v), GFP_KERNEL);

	if (!v)
		return -ENOMEM;
	*v = 42;
	test->priv = v;
	case_inits++;
	return 0;
}

static void kunit_api_exit(struct kunit *test)
{
	case_exits++;
}

static int kunit_api_suite_init(struct kunit_suite *suite)
{
	suite_inits++;
	return 0;
}

static void kunit_api_suite_exit(struct kunit_suite *suite)
{
	suite_exits++;
}

static struct kunit_case kunit_api_cases[] = {
	KUNIT_CASE(kunit_api_expect_families),
	KUNIT_CASE(kunit_api_assert_families),
	KUNIT_CASE(kunit_api_evaluates_once),
	KUNIT_CASE_PARAM(kunit_api_array_param, squares_gen_params),
	KUNIT_CASE_PARAM(kunit_api_generated_param, odd_gen),
	KUNIT_CASE(kunit_api_kmalloc),
	KUNIT_CASE(kunit_api_resources),
	KUNIT_CASE(kunit_api_priv_and_init),
	KUNIT_CASE(kunit_api_skip_stops_the_case),
	KUNIT_CASE(kunit_api_mark_skipped_continues),
	{}
};

static struct kunit_suite kunit_api_suite = {
	.name = "kunit_api",
	.init = kunit_api_init,
	.exit = kunit_api_exit,
	.suite_init = kunit_api_suite_init,
	.suite_exit = kunit_api_suite_exit,
	.test_cases = kunit_api_cases,
};

/* A second suite in the same module: one KTAP document, two subtests. */
static void kunit_api_second_suite_sees_first_done(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, suite_exits, 1);
}

static struct kunit_case kunit_api_order_cases[] = {
	KUNIT_CASE(kunit_api_second_suite_sees_first_done),
	{}
};

static struct kunit_suite kunit_api_order_suite = {
	.name = "kunit_api_order",
	.test_cases = kunit_api_order_cases,
};

kunit_test_suites(&kunit_api_suite, &kunit_api_order_suite);

MODULE_DESCRIPTION("KUnit's own API, exercised in ksim");
MODULE_LICENSE("GPL");
