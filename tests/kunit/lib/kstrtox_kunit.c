// SPDX-License-Identifier: GPL-2.0
/*
 * kstrtox_kunit.c - lib/kstrtox.c as a KUnit suite: strict parsing (bases,
 * one trailing newline, -EINVAL/-ERANGE, signed limits, result untouched
 * on error), kstrtobool and the lenient simple_strto*().  (Formerly the
 * Criterion suite tests/unit/test_kstrtox.c; kernel-API semantics read
 * more naturally as the kernel's own kind of test.)
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/limits.h>
#include <linux/string.h>

#define OK(fn, str, base, type, expect) do {				\
	type __v = 0;							\
	int __r = fn(str, base, &__v);					\
	KUNIT_EXPECT_EQ_MSG(test, __r, 0, #fn "(\"%s\", %d): %d", str, base, __r);	\
	KUNIT_EXPECT_EQ_MSG(test, __v, (type)(expect), #fn "(\"%s\", %d) gave %lld",	\
		     str, base, (long long)__v);			\
} while (0)

#define FAIL(fn, str, base, type, err) do {				\
	type __v = (type)77;						\
	int __r = fn(str, base, &__v);					\
	KUNIT_EXPECT_EQ_MSG(test, __r, err, #fn "(\"%s\", %d): %d, expected %d",	\
		     str, base, __r, err);				\
	KUNIT_EXPECT_EQ_MSG(test, __v, (type)77, #fn "(\"%s\") changed the result", str); \
} while (0)

static void kstrtox_bases_and_prefixes(struct kunit *test)
{
	OK(kstrtouint, "42", 10, unsigned int, 42);
	OK(kstrtouint, "42", 0, unsigned int, 42);
	OK(kstrtouint, "0x1f", 0, unsigned int, 31);
	OK(kstrtouint, "0X1F", 0, unsigned int, 31);
	OK(kstrtouint, "017", 0, unsigned int, 15);
	OK(kstrtouint, "0", 0, unsigned int, 0);
	OK(kstrtouint, "1f", 16, unsigned int, 31);
	OK(kstrtouint, "0x1f", 16, unsigned int, 31);
	OK(kstrtouint, "017", 10, unsigned int, 17);
	OK(kstrtouint, "777", 8, unsigned int, 511);
	OK(kstrtouint, "+42", 10, unsigned int, 42);
	FAIL(kstrtouint, "8", 8, unsigned int, -EINVAL);
	FAIL(kstrtouint, "1f", 10, unsigned int, -EINVAL);
	/* "0x" without a digit is an octal 0 followed by junk. */
	FAIL(kstrtouint, "0x", 0, unsigned int, -EINVAL);
	FAIL(kstrtouint, "0xg", 0, unsigned int, -EINVAL);
	FAIL(kstrtouint, "0x1f", 10, unsigned int, -EINVAL);
}

static void kstrtox_trailing_characters(struct kunit *test)
{
	OK(kstrtoint, "42\n", 10, int, 42);
	FAIL(kstrtoint, "42\n\n", 10, int, -EINVAL);
	FAIL(kstrtoint, "42 ", 10, int, -EINVAL);
	FAIL(kstrtoint, " 42", 10, int, -EINVAL);
	FAIL(kstrtoint, "42x", 10, int, -EINVAL);
	FAIL(kstrtoint, "", 10, int, -EINVAL);
	FAIL(kstrtoint, "\n", 10, int, -EINVAL);
	FAIL(kstrtoint, "-", 10, int, -EINVAL);
	FAIL(kstrtoint, "+", 10, int, -EINVAL);
	FAIL(kstrtoint, "--1", 10, int, -EINVAL);
	FAIL(kstrtoint, "+-1", 10, int, -EINVAL);
	FAIL(kstrtoint, "-+1", 10, int, -EINVAL);
}

static void kstrtox_signs(struct kunit *test)
{
	OK(kstrtoint, "-42", 10, int, -42);
	OK(kstrtoint, "-0", 10, int, 0);
	OK(kstrtoint, "-0x10", 0, int, -16);
	FAIL(kstrtouint, "-1", 10, unsigned int, -EINVAL);
	FAIL(kstrtoull, "-1", 10, unsigned long long, -EINVAL);
	FAIL(kstrtou8, "-0", 10, u8, -EINVAL);
}

static void kstrtox_limits(struct kunit *test)
{
	OK(kstrtoull, "18446744073709551615", 10, unsigned long long, ULLONG_MAX);
	OK(kstrtoull, "0xffffffffffffffff", 0, unsigned long long, ULLONG_MAX);
	FAIL(kstrtoull, "18446744073709551616", 10, unsigned long long, -ERANGE);
	FAIL(kstrtoull, "0x10000000000000000", 0, unsigned long long, -ERANGE);
	/* Overflow is reported before the junk after it. */
	FAIL(kstrtoull, "99999999999999999999x", 10, unsigned long long, -ERANGE);

	OK(kstrtoll, "9223372036854775807", 10, long long, LLONG_MAX);
	OK(kstrtoll, "-9223372036854775808", 10, long long, LLONG_MIN);
	FAIL(kstrtoll, "9223372036854775808", 10, long long, -ERANGE);
	FAIL(kstrtoll, "-9223372036854775809", 10, long long, -ERANGE);

	OK(kstrtouint, "4294967295", 10, unsigned int, UINT_MAX);
	FAIL(kstrtouint, "4294967296", 10, unsigned int, -ERANGE);
	OK(kstrtoint, "2147483647", 10, int, INT_MAX);
	OK(kstrtoint, "-2147483648", 10, int, INT_MIN);
	FAIL(kstrtoint, "2147483648", 10, int, -ERANGE);
	FAIL(kstrtoint, "-2147483649", 10, int, -ERANGE);

	OK(kstrtou16, "65535", 10, u16, 65535);
	FAIL(kstrtou16, "65536", 10, u16, -ERANGE);
	OK(kstrtos16, "-32768", 10, s16, -32768);
	FAIL(kstrtos16, "32768", 10, s16, -ERANGE);
	FAIL(kstrtos16, "-32769", 10, s16, -ERANGE);
	OK(kstrtou8, "255", 10, u8, 255);
	OK(kstrtou8, "0xff", 16, u8, 255);
	FAIL(kstrtou8, "256", 10, u8, -ERANGE);
	OK(kstrtos8, "-128", 10, s8, -128);
	OK(kstrtos8, "127", 10, s8, 127);
	FAIL(kstrtos8, "128", 10, s8, -ERANGE);
	FAIL(kstrtos8, "-129", 10, s8, -ERANGE);

	OK(kstrtoul, "18446744073709551615", 10, unsigned long, ULONG_MAX);
	OK(kstrtol, "-9223372036854775808", 10, long, LONG_MIN);
	OK(_kstrtoul, "123", 10, unsigned long, 123);
	OK(_kstrtol, "-123", 10, long, -123);
	OK(kstrtou64, "0x8000000000000000", 0, u64, 0x8000000000000000ULL);
	OK(kstrtos64, "-1", 0, s64, -1);
	OK(kstrtou32, "4294967295", 0, u32, 4294967295U);
	OK(kstrtos32, "-2147483648", 0, s32, INT_MIN);
	FAIL(kstrtou32, "4294967296", 0, u32, -ERANGE);
}

static void kstrtox_kstrtobool(struct kunit *test)
{
	static const char *const yes[] = { "y", "Y", "1", "yes", "on", "ON", "oN", "1\n" };
	static const char *const no[] = { "n", "N", "0", "no", "off", "OFF", "oF", "0abc" };
	static const char *const bad[] = { "", "o", "x", "2", " y", "-1" };
	unsigned int i;
	bool v;

	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		v = false;
		KUNIT_EXPECT_EQ_MSG(test, kstrtobool(yes[i], &v), 0, "\"%s\"", yes[i]);
		KUNIT_EXPECT_TRUE_MSG(test, v, "\"%s\" is true", yes[i]);
	}
	for (i = 0; i < ARRAY_SIZE(no); i++) {
		v = true;
		KUNIT_EXPECT_EQ_MSG(test, kstrtobool(no[i], &v), 0, "\"%s\"", no[i]);
		KUNIT_EXPECT_FALSE_MSG(test, v, "\"%s\" is false", no[i]);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		v = true;
		KUNIT_EXPECT_EQ_MSG(test, kstrtobool(bad[i], &v), -EINVAL, "\"%s\"", bad[i]);
		KUNIT_EXPECT_TRUE_MSG(test, v, "\"%s\" left the result alone", bad[i]);
	}
	KUNIT_EXPECT_EQ(test, kstrtobool(NULL, &v), -EINVAL);
	KUNIT_EXPECT_EQ(test, strtobool("y", &v), 0);
}

static void kstrtox_simple_strto(struct kunit *test)
{
	char *end;

	KUNIT_ASSERT_EQ(test, simple_strtoul("0x1fZ", &end, 0), 31);
	KUNIT_ASSERT_EQ(test, *end, 'Z');
	KUNIT_ASSERT_EQ(test, simple_strtoul("0x1f", &end, 16), 31);
	KUNIT_ASSERT_EQ(test, simple_strtoul("1f", &end, 16), 31);
	KUNIT_ASSERT_EQ(test, simple_strtoul("017", &end, 0), 15);
	KUNIT_ASSERT_EQ(test, simple_strtoul("123abc", &end, 10), 123);
	KUNIT_ASSERT_STREQ(test, end, "abc");
	KUNIT_ASSERT_EQ(test, simple_strtol("-12a", &end, 10), -12);
	KUNIT_ASSERT_EQ(test, *end, 'a');
	KUNIT_ASSERT_EQ(test, simple_strtoll("-9223372036854775807", NULL, 10), -9223372036854775807LL);
	KUNIT_ASSERT_EQ(test, simple_strtoull("18446744073709551615", NULL, 0), ULLONG_MAX);
	/* No digits: 0, and the end is the start. */
	KUNIT_ASSERT_EQ(test, simple_strtoul("xyz", &end, 10), 0);
	KUNIT_ASSERT_STREQ(test, end, "xyz");
}

static struct kunit_case kstrtox_cases[] = {
	KUNIT_CASE(kstrtox_bases_and_prefixes),
	KUNIT_CASE(kstrtox_trailing_characters),
	KUNIT_CASE(kstrtox_signs),
	KUNIT_CASE(kstrtox_limits),
	KUNIT_CASE(kstrtox_kstrtobool),
	KUNIT_CASE(kstrtox_simple_strto),
	{}
};

static struct kunit_suite kstrtox_suite = {
	.name = "kstrtox",
	.test_cases = kstrtox_cases,
};

kunit_test_suite(kstrtox_suite);

MODULE_LICENSE("GPL");
