// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_string.c - lib/string.c and lib/ctype.c: the kernel-only
 * string functions and their return codes.
 */
#include "ktest.h"

#include <string.h>

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/errno.h>

TestSuite(string, .init = ktest_boot, .fini = ktest_shutdown);

Test(string, strscpy)
{
	char buf[8];

	memset(buf, 'X', sizeof(buf));
	cr_assert_eq(strscpy(buf, "hello", sizeof(buf)), 5);
	cr_assert_str_eq(buf, "hello");
	cr_assert_eq(buf[6], 'X', "strscpy wrote past the NUL");

	cr_assert_eq(strscpy(buf, "abcdefg", 8), 7);
	cr_assert_str_eq(buf, "abcdefg");
	cr_assert_eq(strscpy(buf, "abcdefgh", 8), -E2BIG);
	cr_assert_str_eq(buf, "abcdefg");
	cr_assert_eq(strscpy(buf, "hello world", 6), -E2BIG);
	cr_assert_str_eq(buf, "hello");
	cr_assert_eq(strscpy(buf, "", sizeof(buf)), 0);
	cr_assert_str_eq(buf, "");

	memset(buf, 'X', sizeof(buf));
	cr_assert_eq(strscpy(buf, "abc", 0), -E2BIG);
	cr_assert_eq(buf[0], 'X', "count 0 must not write");
	cr_assert_eq(strscpy(buf, "abc", 1), -E2BIG);
	cr_assert_eq(buf[0], '\0');
}

Test(string, strscpy_pad)
{
	char buf[8];
	int i;

	memset(buf, 'X', sizeof(buf));
	cr_assert_eq(strscpy_pad(buf, "ab", sizeof(buf)), 2);
	cr_assert_str_eq(buf, "ab");
	for (i = 2; i < 8; i++)
		cr_assert_eq(buf[i], 0, "byte %d not zeroed", i);
	memset(buf, 'X', sizeof(buf));
	cr_assert_eq(strscpy_pad(buf, "0123456789", sizeof(buf)), -E2BIG);
	cr_assert_str_eq(buf, "0123456");
}

Test(string, strlcpy_strlcat)
{
	char buf[8];

	cr_assert_eq(strlcpy(buf, "hello world", sizeof(buf)), 11);
	cr_assert_str_eq(buf, "hello w");
	cr_assert_eq(strlcpy(buf, "hi", sizeof(buf)), 2);
	cr_assert_str_eq(buf, "hi");
	buf[0] = 'Q';
	cr_assert_eq(strlcpy(buf, "abc", 0), 3);
	cr_assert_eq(buf[0], 'Q');

	strscpy(buf, "ab", sizeof(buf));
	cr_assert_eq(strlcat(buf, "cd", sizeof(buf)), 4);
	cr_assert_str_eq(buf, "abcd");
	cr_assert_eq(strlcat(buf, "efghij", sizeof(buf)), 10);
	cr_assert_str_eq(buf, "abcdefg");
}

Test(string, memchr_inv)
{
	unsigned char buf[200];
	int start, pos;

	memset(buf, 0xa5, sizeof(buf));
	/* Every alignment of the start and position of the odd byte. */
	for (start = 0; start < 9; start++) {
		cr_assert_null(memchr_inv(buf + start, 0xa5, sizeof(buf) - start));
		for (pos = start; pos < (int)sizeof(buf); pos += 7) {
			buf[pos] = 0;
			cr_assert_eq(memchr_inv(buf + start, 0xa5, sizeof(buf) - start),
				     buf + pos, "start %d pos %d", start, pos);
			buf[pos] = 0xa5;
		}
	}
	cr_assert_null(memchr_inv(buf, 0, 0));
	buf[5] = 1;
	cr_assert_null(memchr_inv(buf, 0xa5, 5));
	cr_assert_eq(memchr_inv(buf, 0xa5 + 256, 6), buf + 5);
}

Test(string, strim_and_spaces)
{
	char s1[] = "  \t hello world \n ";
	char s2[] = "   ";
	char s3[] = "";
	char *p;

	p = strim(s1);
	cr_assert_str_eq(p, "hello world");
	cr_assert_eq(p, s1 + 4);
	p = strim(s2);
	cr_assert_str_eq(p, "");
	cr_assert_eq(strim(s3), s3);
	cr_assert_str_eq(skip_spaces("\n\t x "), "x ");
	p = strstrip((char[]){ " y " });
	cr_assert_str_eq(p, "y");
}

Test(string, sysfs_streq)
{
	cr_assert(sysfs_streq("abc", "abc"));
	cr_assert(sysfs_streq("abc", "abc\n"));
	cr_assert(sysfs_streq("abc\n", "abc"));
	cr_assert(sysfs_streq("", "\n"));
	cr_assert(sysfs_streq("abc\n", "abc\n"));
	cr_assert_not(sysfs_streq("abc", "ab"));
	cr_assert_not(sysfs_streq("ab", "abc"));
	cr_assert_not(sysfs_streq("abc\n\n", "abc"));
	cr_assert_not(sysfs_streq("abc", "abc "));
}

Test(string, match_string)
{
	static const char *const modes[] = { "off", "on", "auto" };
	static const char *const holes[] = { "a", NULL, "c" };

	cr_assert_eq(match_string(modes, ARRAY_SIZE(modes), "on"), 1);
	cr_assert_eq(match_string(modes, ARRAY_SIZE(modes), "auto"), 2);
	cr_assert_eq(match_string(modes, ARRAY_SIZE(modes), "on\n"), -EINVAL);
	cr_assert_eq(match_string(modes, 2, "auto"), -EINVAL);
	/* A NULL entry ends the array, even with n = -1. */
	cr_assert_eq(match_string(holes, -1, "c"), -EINVAL);
	cr_assert_eq(match_string(holes, -1, "a"), 0);

	cr_assert_eq(sysfs_match_string(modes, "auto\n"), 2);
	cr_assert_eq(sysfs_match_string(modes, "of"), -EINVAL);
	cr_assert_eq(__sysfs_match_string(modes, 3, "off"), 0);
}

Test(string, search_and_replace)
{
	char s[] = "a.b.c";
	char *end;
	char mem[] = "xxyz";

	end = strreplace(s, '.', '/');
	cr_assert_str_eq(s, "a/b/c");
	cr_assert_eq(end, s + 5);

	cr_assert_null(strnstr("hello", "ll", 3));
	cr_assert_str_eq(strnstr("hello", "ll", 4), "llo");
	cr_assert_str_eq(strnstr("hello", "", 0), "hello");
	cr_assert_null(strnchr("hello", 2, 'l'));
	cr_assert_str_eq(strnchr("hello", 3, 'l'), "llo");
	cr_assert_null(strnchr("he", 10, 'x'));
	/* The terminator is part of the string, as in lib/string.c. */
	{
		const char *he = "he";

		cr_assert_eq(strnchr(he, 10, '\0'), he + 2);
		cr_assert_null(strnchr(he, 2, '\0'));
	}
	cr_assert_str_eq(strnchrnul("hello", 2, 'l'), "llo");
	cr_assert_eq(memscan(mem, 'y', 4), mem + 2);
	cr_assert_eq(memscan(mem, 'q', 4), mem + 4);

	cr_assert_eq(str_has_prefix("device:1", "device:"), 7);
	cr_assert_eq(str_has_prefix("dev", "device"), 0);
	cr_assert_str_eq(kbasename("/a/b/c.ko"), "c.ko");
	cr_assert_str_eq(kbasename("c.ko"), "c.ko");
}

Test(string, memset_helpers)
{
	u16 a16[5];
	u32 a32[5];
	u64 a64[5];
	char secret[16];
	int i;

	cr_assert_eq(memset16(a16, 0xbeef, 4), a16);
	a16[4] = 0;
	memset32(a32, 0xdeadbeef, 5);
	memset64(a64, 0x0123456789abcdefULL, 5);
	for (i = 0; i < 4; i++)
		cr_assert_eq(a16[i], 0xbeef);
	cr_assert_eq(a16[4], 0);
	for (i = 0; i < 5; i++) {
		cr_assert_eq(a32[i], 0xdeadbeef);
		cr_assert_eq(a64[i], 0x0123456789abcdefULL);
	}
	memset(secret, 's', sizeof(secret));
	memzero_explicit(secret, sizeof(secret));
	cr_assert_null(memchr_inv(secret, 0, sizeof(secret)));

	memcpy_and_pad(secret, 8, "abc", 3, '-');
	cr_assert_eq(memcmp(secret, "abc-----", 8), 0);
}

Test(string, ctype_table)
{
	/* The kernel classifies ISO 8859-1, not just ASCII. */
	cr_assert(_ctype[' '] & _S);
	cr_assert(_ctype['\t'] & _S);
	cr_assert(_ctype[0xa0] & _S);
	cr_assert(_ctype['a'] & _L);
	cr_assert(_ctype['a'] & _X);
	cr_assert_not(_ctype['g'] & _X);
	cr_assert(_ctype['Z'] & _U);
	cr_assert(_ctype[0xc9] & _U);
	cr_assert(_ctype[0xe9] & _L);
	cr_assert(_ctype[0xd7] & _P);
	cr_assert(_ctype['5'] & _D);
	cr_assert(_ctype[0x7f] & _C);
	cr_assert(_ctype['~'] & _P);
	cr_assert(isodigit('7'));
	cr_assert_not(isodigit('8'));
	cr_assert_eq(_tolower('Q'), 'q');
}
