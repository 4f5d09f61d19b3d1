// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_string_helpers.c - lib/string_helpers.c and errname:
 * sizes in both unit systems with three significant digits, case helpers.
 */
#include "ktest.h"

#include <linux/string_helpers.h>
#include <linux/errname.h>
#include <linux/errno.h>

TestSuite(string_helpers, .init = ktest_boot, .fini = ktest_shutdown);

static const char *size(u64 n, u64 blk, enum string_size_units u)
{
	static char buf[32];

	string_get_size(n, blk, u, buf, sizeof(buf));
	return buf;
}

Test(string_helpers, get_size)
{
	cr_assert_str_eq(size(1, 512, STRING_UNITS_10), "512 B");
	cr_assert_str_eq(size(3, 512, STRING_UNITS_10), "1.54 kB");
	cr_assert_str_eq(size(8192, 512, STRING_UNITS_2), "4.00 MiB");
	cr_assert_str_eq(size(2097152, 512, STRING_UNITS_10), "1.07 GB");
	cr_assert_str_eq(size(2097152, 512, STRING_UNITS_2), "1.00 GiB");
	cr_assert_str_eq(size(12345, 1, STRING_UNITS_10), "12.3 kB");
	cr_assert_str_eq(size(123456, 1, STRING_UNITS_10), "123 kB");
	cr_assert_str_eq(size(0, 512, STRING_UNITS_2), "0 B");
	cr_assert_str_eq(size(5, 0, STRING_UNITS_2), "0 B");
	/* Past 2^64 bytes: the factors are scaled first. */
	cr_assert_str_eq(size(1ull << 40, 1ull << 40, STRING_UNITS_2), "1.00 YiB");
}

Test(string_helpers, case_and_words)
{
	char buf[16];

	string_upper(buf, "nvMe0");
	cr_assert_str_eq(buf, "NVME0");
	string_lower(buf, "NVMe0");
	cr_assert_str_eq(buf, "nvme0");
	cr_assert_str_eq(str_yes_no(true), "yes");
	cr_assert_str_eq(str_enabled_disabled(false), "disabled");
}

Test(string_helpers, errname)
{
	cr_assert_str_eq(errname(-EIO), "-EIO");
	cr_assert_str_eq(errname(ENOMEM), "ENOMEM");
	cr_assert_str_eq(errname(-EPROBE_DEFER), "-EPROBE_DEFER");
	cr_assert_null(errname(-4000));
}
