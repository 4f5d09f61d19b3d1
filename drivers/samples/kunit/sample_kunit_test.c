// SPDX-License-Identifier: GPL-2.0
/*
 * sample_kunit_test.c - a first KUnit suite (the README's example): two
 * cases, one of them parameterised.  `./ksim sample_kunit_test.ko` runs
 * it as the module loads and prints KTAP; `--kunit` prints only that.
 */
#include <kunit/test.h>
#include <linux/kstrtox.h>

static void sample_add_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 1 + 1, 2);
}

static const char *const numbers[] = { "1", "0x10", "077" };

KUNIT_ARRAY_PARAM(numbers, numbers, NULL);

static void sample_kstrtouint_test(struct kunit *test)
{
	const char *const *s = test->param_value;
	unsigned int v;

	KUNIT_ASSERT_EQ(test, kstrtouint(*s, 0, &v), 0);
	KUNIT_EXPECT_GT(test, v, 0);
}

static struct kunit_case sample_cases[] = {
	KUNIT_CASE(sample_add_test),
	KUNIT_CASE_PARAM(sample_kstrtouint_test, numbers_gen_params),
	{}
};

static struct kunit_suite sample_suite = {
	.name = "sample",
	.test_cases = sample_cases,
};
kunit_test_suite(sample_suite);

MODULE_DESCRIPTION("A first KUnit suite");
MODULE_LICENSE("GPL");
