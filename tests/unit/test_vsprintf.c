// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_vsprintf.c - lib/vsprintf.c: the kernel's printf rules,
 * every %p extension, truncation and return values, and sscanf.
 */
#include "ktest.h"

#include <stdint.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/sprintf.h>
#include <linux/err.h>
#include <linux/bitmap.h>
#include <linux/limits.h>

TestSuite(vsprintf, .init = ktest_boot, .fini = ktest_shutdown);

/*
 * Through a wrapper without a format attribute, so gcc does not object to
 * kernel-only formats (%pe, %hhd of an int, ...).
 */
static int kfmt(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = ksim_vsnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

#define CHECK(expect, fmt, ...) do {					\
	char __b[256];							\
	int __n = kfmt(__b, sizeof(__b), fmt, ##__VA_ARGS__);		\
	cr_expect_str_eq(__b, expect, "format \"%s\"", fmt);		\
	cr_expect_eq(__n, (int)strlen(expect), "format \"%s\": %d", fmt, __n); \
} while (0)

Test(vsprintf, integers)
{
	CHECK("0", "%d", 0);
	CHECK("-1", "%d", -1);
	CHECK("-2147483648", "%d", INT_MIN);
	CHECK("42", "%i", 42);
	CHECK("4294967295", "%u", UINT_MAX);
	CHECK("deadbeef", "%x", 0xdeadbeef);
	CHECK("DEADBEEF", "%X", 0xdeadbeef);
	CHECK("10", "%o", 8);
	CHECK("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK("18446744073709551615", "%llu", ULLONG_MAX);
	CHECK("-9223372036854775808", "%ld", LONG_MIN);
	CHECK("18446744073709551615", "%zu", SIZE_MAX);
	CHECK("-1", "%zd", (ssize_t)-1);
	CHECK("-3", "%td", (ptrdiff_t)-3);
	CHECK("-7", "%jd", (intmax_t)-7);
	CHECK("123456789012", "%Lu", 123456789012ULL);
	/* Narrowing qualifiers truncate the int argument. */
	CHECK("1", "%hhd", 257);
	CHECK("255", "%hhu", -1);
	CHECK("-1", "%hhd", 255);
	CHECK("1", "%hd", 65537);
	CHECK("65535", "%hu", -1);
	CHECK("ffffffff", "%x", -1);
	CHECK("ffff", "%hx", -1);
}

Test(vsprintf, flags_width_precision)
{
	CHECK("   42", "%5d", 42);
	CHECK("42   |", "%-5d|", 42);
	CHECK("00042", "%05d", 42);
	CHECK("-0042", "%05d", -42);
	CHECK("+42", "%+d", 42);
	CHECK(" 42", "% d", 42);
	CHECK("-42", "%+d", -42);
	CHECK("007", "%.3d", 7);
	CHECK("  007", "%5.3d", 7);
	CHECK("0xff", "%#x", 255);
	CHECK("0XFF", "%#X", 255);
	CHECK("010", "%#o", 8);
	CHECK("0x000ff", "%#07x", 255);
	/* Kernel rules: "%#x" of 0 keeps its prefix, precision keeps a digit. */
	CHECK("0x0", "%#x", 0);
	CHECK("0", "%#o", 0);
	CHECK("0", "%.0d", 0);
	CHECK("    42", "%*d", 6, 42);
	CHECK("1   |", "%-*d|", 4, 1);
	CHECK("1   |", "%*d|", -4, 1);
	CHECK("005", "%.*d", 3, 5);
	CHECK("5", "%.*d", -1, 5);
	CHECK("100%", "%d%%", 100);
}

Test(vsprintf, strings_and_chars)
{
	CHECK("abc", "%s", "abc");
	CHECK("  abc", "%5s", "abc");
	CHECK("abc  |", "%-5s|", "abc");
	CHECK("ab", "%.2s", "abc");
	CHECK("   ab", "%5.2s", "abc");
	CHECK("ab", "%.*s", 2, "abcdef");
	CHECK("(null)", "%s", (char *)NULL);
	CHECK("(efault)", "%s", (char *)16);
	CHECK("(efault)", "%s", (char *)ERR_PTR(-EIO));
	CHECK("x", "%c", 'x');
	CHECK("  x|", "%3c|", 'x');
	CHECK("x  |", "%-3c|", 'x');
	CHECK("a", "%c", 'a' + 256);
}

Test(vsprintf, truncation_and_return_values)
{
	char buf[16];

	memset(buf, 'X', sizeof(buf));
	cr_assert_eq(ksim_snprintf(buf, 4, "abcdef"), 6);
	cr_assert_str_eq(buf, "abc");
	cr_assert_eq(buf[4], 'X', "wrote past the size");

	/* kasprintf measures with a NULL buffer of size 0. */
	cr_assert_eq(ksim_snprintf(NULL, 0, "%d-%s", 12345, "abc"), 9);

	memset(buf, 'X', sizeof(buf));
	cr_assert_eq(ksim_snprintf(buf, 1, "abc"), 3);
	cr_assert_eq(buf[0], '\0');
	cr_assert_eq(buf[1], 'X');

	/* Truncated in the middle of a padded number and of an extension. */
	cr_assert_eq(kfmt(buf, 5, "%08d", 42), 8);
	cr_assert_str_eq(buf, "0000");
	cr_assert_eq(kfmt(buf, 3, "%pe", ERR_PTR(-ENOMEM)), 7);
	cr_assert_str_eq(buf, "-E");

	cr_assert_eq(scnprintf(buf, 4, "abcdef"), 3);
	cr_assert_str_eq(buf, "abc");
	cr_assert_eq(scnprintf(buf, sizeof(buf), "ab"), 2);
	cr_assert_eq(scnprintf(buf, 0, "abcdef"), 0);
	cr_assert_eq(scnprintf(buf, 1, "abcdef"), 0);

	cr_assert_eq(ksim_sprintf(buf, "%s=%d", "x", 7), 3);
	cr_assert_str_eq(buf, "x=7");
	cr_assert_eq(kfmt(buf, sizeof(buf), ""), 0);
	cr_assert_str_eq(buf, "");
}

Test(vsprintf, plain_pointers)
{
	CHECK("0000000000001234", "%p", (void *)0x1234);
	CHECK("0000000000001234", "%px", (void *)0x1234);
	CHECK("0000000000001234", "%pK", (void *)0x1234);
	CHECK("0000000000000000", "%p", NULL);
	CHECK("ffff888012345678", "%p", (void *)0xffff888012345678UL);
	/* Letters after %p are an extension and swallowed, punctuation is not. */
	CHECK("0000000000000010.", "%pfoo.", (void *)16);
	CHECK("0000000000000010 foo", "%p foo", (void *)16);
	CHECK("     1234", "%9p", (void *)0x1234);
}

Test(vsprintf, error_pointers)
{
	CHECK("-ENOMEM", "%pe", ERR_PTR(-ENOMEM));
	CHECK("-EINVAL", "%pe", ERR_PTR(-EINVAL));
	CHECK("-EPROBE_DEFER", "%pe", ERR_PTR(-EPROBE_DEFER));
	CHECK("-ETIMEDOUT", "%pe", ERR_PTR(-ETIMEDOUT));
	CHECK("-EAGAIN", "%pe", ERR_PTR(-EWOULDBLOCK));
	CHECK("-EHWPOISON", "%pe", ERR_PTR(-EHWPOISON));
	CHECK("-ENOTSUPP", "%pe", ERR_PTR(-ENOTSUPP));
	/* Not a known code: decimal.  Not an error pointer: a plain %p. */
	CHECK("-1000", "%pe", ERR_PTR(-1000));
	CHECK("0000000000001000", "%pe", (void *)0x1000);
	CHECK("[-ENOSPC]", "[%pe]", ERR_PTR(-ENOSPC));
}

Test(vsprintf, hex_strings)
{
	static const u8 b[] = { 0x01, 0xab, 0xff, 0x00 };
	u8 big[80];
	char out[256];
	int i;

	CHECK("01 ab ff", "%*ph", 3, b);
	CHECK("01:ab:ff", "%*phC", 3, b);
	CHECK("01-ab-ff", "%*phD", 3, b);
	CHECK("01abff00", "%*phN", 4, b);
	CHECK("01", "%ph", b);
	CHECK("", "%*ph", 0, b);
	CHECK("(null)", "%*ph", 3, NULL);

	/* At most 64 bytes. */
	for (i = 0; i < (int)sizeof(big); i++)
		big[i] = i;
	cr_assert_eq(kfmt(out, sizeof(out), "%*phN", 80, big), 128);
	cr_assert_eq(strncmp(out + 124, "3e3f", 4), 0);
}

Test(vsprintf, uuids)
{
	u8 u[16];
	int i;

	for (i = 0; i < 16; i++)
		u[i] = i;
	CHECK("00010203-0405-0607-0809-0a0b0c0d0e0f", "%pU", u);
	CHECK("00010203-0405-0607-0809-0a0b0c0d0e0f", "%pUb", u);
	CHECK("00010203-0405-0607-0809-0A0B0C0D0E0F", "%pUB", u);
	CHECK("03020100-0504-0706-0809-0a0b0c0d0e0f", "%pUl", u);
	CHECK("03020100-0504-0706-0809-0A0B0C0D0E0F", "%pUL", u);
}

Test(vsprintf, network_addresses)
{
	static const u8 ip4[] = { 192, 168, 1, 2 };
	static const u8 ip6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	static const u8 mac[] = { 0x00, 0x11, 0x22, 0x33, 0xaa, 0xbb };
	u32 host = 0xc0a80102;

	CHECK("192.168.1.2", "%pI4", ip4);
	CHECK("192.168.001.002", "%pi4", ip4);
	CHECK("192.168.1.2", "%pI4h", &host);
	CHECK("2001:0db8:0000:0000:0000:0000:0000:0001", "%pI6", ip6);
	CHECK("2001:db8::1", "%pI6c", ip6);
	CHECK("20010db8000000000000000000000001", "%pi6", ip6);
	CHECK("00:11:22:33:aa:bb", "%pM", mac);
	CHECK("bb:aa:33:22:11:00", "%pMR", mac);
	CHECK("00-11-22-33-aa-bb", "%pMF", mac);
	CHECK("00112233aabb", "%pm", mac);
}

Test(vsprintf, addresses_by_reference)
{
	phys_addr_t phys = 0x12345000;
	dma_addr_t dma = 0xfee00000;

	CHECK("0x0000000012345000", "%pa", &phys);
	CHECK("0x0000000012345000", "%pap", &phys);
	CHECK("0x00000000fee00000", "%pad", &dma);
	CHECK("(null)", "%pa", NULL);
}

Test(vsprintf, bitmaps)
{
	DECLARE_BITMAP(bm, 128);

	bitmap_zero(bm, 128);
	__set_bit(0, bm);
	__set_bit(1, bm);
	__set_bit(2, bm);
	__set_bit(3, bm);
	__set_bit(8, bm);
	__set_bit(39, bm);
	CHECK("00000080,0000010f", "%*pb", 64, bm);
	CHECK("80,0000010f", "%*pb", 40, bm);
	CHECK("0f", "%*pb", 7, bm);
	CHECK("0-3,8,39", "%*pbl", 64, bm);
	CHECK("0-3,8", "%*pbl", 39, bm);
	CHECK("", "%*pbl", 0, bm);
	CHECK("", "%*pb", 0, bm);

	bitmap_fill(bm, 128);
	CHECK("0-127", "%*pbl", 128, bm);
	CHECK("1f,ffffffff", "%*pb", 37, bm);
}

static void nested(char *buf, size_t size, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	kfmt(buf, size, "<%pV>", &vaf);
	va_end(args);
}

static void nested2(char *buf, size_t size, const char *fmt, ...)
{
	char inner[64];
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	/* The same va_list may be printed twice: %pV copies it. */
	kfmt(inner, sizeof(inner), "%pV|%pV", &vaf, &vaf);
	va_end(args);
	nested(buf, size, "[%s] %d", inner, 9);
}

Test(vsprintf, nested_va_format)
{
	char buf[64];

	nested(buf, sizeof(buf), "%s=%d %pe", "x", 5, ERR_PTR(-EIO));
	cr_assert_str_eq(buf, "<x=5 -EIO>");
	nested2(buf, sizeof(buf), "%d-%d", 1, 2);
	cr_assert_str_eq(buf, "<[1-2|1-2] 9>");
	nested(buf, 6, "%s", "abcdefgh");
	cr_assert_str_eq(buf, "<abcd");
}

/* A function of the test binary, to be found by name. */
noinline __used int ktest_vsprintf_known_function(int x)
{
	return x * 3 + 1;
}

Test(vsprintf, symbols)
{
	char buf[256];
	void *fn = (void *)ktest_vsprintf_known_function;

	kfmt(buf, sizeof(buf), "%ps", fn);
	cr_assert_str_eq(buf, "ktest_vsprintf_known_function");

	kfmt(buf, sizeof(buf), "%pS", fn);
	cr_assert_eq(strncmp(buf, "ktest_vsprintf_known_function+0x0/0x", 36), 0,
		     "%%pS gave \"%s\"", buf);
	cr_assert_null(strchr(buf, '('), "no source position in %%pS: \"%s\"", buf);

	kfmt(buf, sizeof(buf), "%pSR", (char *)fn + 4);
	cr_assert_eq(strncmp(buf, "ktest_vsprintf_known_function+0x4/0x", 36), 0,
		     "%%pSR gave \"%s\"", buf);

	/* %pB looks up address - 1 and prints the offset of the address itself. */
	kfmt(buf, sizeof(buf), "%pB", (char *)fn + 1);
	cr_assert_eq(strncmp(buf, "ktest_vsprintf_known_function+0x1/0x", 36), 0,
		     "%%pB gave \"%s\"", buf);

	kfmt(buf, sizeof(buf), "[%-32ps]", fn);
	cr_assert_str_eq(buf, "[ktest_vsprintf_known_function   ]");
}

Test(vsprintf, unsupported_conversion_warns_and_stops)
{
	char buf[32];

	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	cr_assert_eq(kfmt(buf, sizeof(buf), "ab%ncd%d", NULL, 5), 2);
	cr_assert_str_eq(buf, "ab");
	cr_assert(ksim_dmesg_contains("Please remove unsupported %n in format string"));
	/* WARN_ONCE: the second one only stops. */
	cr_assert_eq(kfmt(buf, sizeof(buf), "x%fy", 1.0), 1);
	cr_assert_str_eq(buf, "x");
}

Test(vsprintf, num_to_str)
{
	char buf[32];
	int n;

	n = num_to_str(buf, sizeof(buf), 12345, 0);
	cr_assert_eq(n, 5);
	cr_assert_eq(memcmp(buf, "12345", 5), 0);
	n = num_to_str(buf, sizeof(buf), 42, 6);
	cr_assert_eq(n, 6);
	cr_assert_eq(memcmp(buf, "000042", 6), 0);
	cr_assert_eq(num_to_str(buf, 3, 12345, 0), 0);
}

/* ---- sscanf ---- */

static int kscan(const char *buf, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = ksim_vsscanf(buf, fmt, args);
	va_end(args);
	return n;
}

Test(vsprintf, sscanf_conversions)
{
	char s[32], c[4] = { 0 };
	unsigned int x;
	unsigned char hh;
	unsigned long long ull;
	long long ll;
	short h;
	long l;
	int a, b, n;

	cr_assert_eq(kscan("12 abc 0x1f", "%d %s %x", &a, s, &x), 3);
	cr_assert_eq(a, 12);
	cr_assert_str_eq(s, "abc");
	cr_assert_eq(x, 31);

	cr_assert_eq(kscan("0x10 010 -5", "%i %i %i", &a, &b, &n), 3);
	cr_assert_eq(a, 16);
	cr_assert_eq(b, 8);
	cr_assert_eq(n, -5);

	cr_assert_eq(kscan("12345", "%3d%d", &a, &b), 2);
	cr_assert_eq(a, 123);
	cr_assert_eq(b, 45);

	cr_assert_eq(kscan("1:2", "%d:%d", &a, &b), 2);
	cr_assert_eq(kscan("ab", "%c%c", &c[0], &c[1]), 2);
	cr_assert_str_eq(c, "ab");

	cr_assert_eq(kscan("abc def", "%s%n", s, &n), 1);
	cr_assert_eq(n, 3);

	cr_assert_eq(kscan("abcXYZ", "%5[a-z]", s), 1);
	cr_assert_str_eq(s, "abc");
	cr_assert_eq(kscan("abcXYZ", "%10[^X]", s), 1);
	cr_assert_str_eq(s, "abc");

	cr_assert_eq(kscan("300", "%hhu", &hh), 1);
	cr_assert_eq(hh, 44);
	cr_assert_eq(kscan("-7", "%hd", &h), 1);
	cr_assert_eq(h, -7);
	cr_assert_eq(kscan("-123456789012", "%ld", &l), 1);
	cr_assert_eq(l, -123456789012L);
	cr_assert_eq(kscan("18446744073709551615", "%llu", &ull), 1);
	cr_assert_eq(ull, ULLONG_MAX);
	cr_assert_eq(kscan("-9223372036854775807", "%lld", &ll), 1);
	cr_assert_eq(ll, -9223372036854775807LL);

	cr_assert_eq(kscan("1 2", "%*d %d", &a), 1);
	cr_assert_eq(a, 2);
	cr_assert_eq(kscan("50%", "%d%%", &a), 1);
	cr_assert_eq(ksim_sscanf("7 8", "%d %d", &a, &b), 2);
}

Test(vsprintf, sscanf_stops_at_mismatch)
{
	int a = -1, b = -1;

	/* The kernel's sscanf never returns EOF. */
	cr_assert_eq(kscan("", "%d", &a), 0);
	cr_assert_eq(kscan("abc", "%d", &a), 0);
	cr_assert_eq(a, -1);
	cr_assert_eq(kscan("5,x", "%d,%d", &a, &b), 1);
	cr_assert_eq(a, 5);
	cr_assert_eq(b, -1);
	cr_assert_eq(kscan("5;6", "%d,%d", &a, &b), 1);
	/* No '+' sign for numbers, and no '-' for %u. */
	cr_assert_eq(kscan("+5", "%d", &a), 0);
	cr_assert_eq(kscan("-5", "%u", &a), 0);
	cr_assert_eq(kscan("g", "%x", &a), 0);
	cr_assert_eq(kscan("9", "%o", &a), 0);
}
