// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_hexdump.c - lib/hexdump.c: the exact kernel hex dump
 * line format (group sizes, ASCII column, truncation return value),
 * print_hex_dump through printk, and the hex digit helpers.
 */
#include "ktest.h"

#include <string.h>

#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/sprintf.h>
#include <linux/errno.h>

TestSuite(hexdump, .init = ktest_boot, .fini = ktest_shutdown);

static u8 seq[64];

static void fill(void)
{
	int i;

	for (i = 0; i < 64; i++)
		seq[i] = i;
}

#define LINE(expect, len, rowsize, groupsize, ascii) do {		\
	char __b[200];							\
	int __n = hex_dump_to_buffer(seq, len, rowsize, groupsize,	\
				     __b, sizeof(__b), ascii);		\
	cr_expect_str_eq(__b, expect);					\
	cr_expect_eq(__n, (int)strlen(expect));				\
} while (0)

Test(hexdump, line_format)
{
	fill();
	LINE("00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f", 16, 16, 1, false);
	LINE("00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f  ................",
	     16, 16, 1, true);
	LINE("03020100 07060504 0b0a0908 0f0e0d0c", 16, 16, 4, false);
	LINE("0100 0302 0504 0706", 8, 16, 2, false);
	LINE("0706050403020100 0f0e0d0c0b0a0908", 16, 16, 8, false);
	/* A length that is not a multiple of the group falls back to bytes. */
	LINE("00 01 02 03 04 05", 6, 16, 4, false);
	/* Invalid group size and row size. */
	LINE("00 01 02", 3, 16, 3, false);
	LINE("00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f", 20, 7, 1, false);
	/* Short line: the ASCII column stays where a full row puts it. */
	LINE("00 01 02                                         ...", 3, 16, 1, true);
	LINE("03020100                             ....", 4, 16, 4, true);
	LINE("", 0, 16, 1, true);
}

Test(hexdump, ascii_column)
{
	char b[200];
	const char *text = "Hi!\x7f\x80 ok~";

	hex_dump_to_buffer(text, 10, 16, 1, b, sizeof(b), true);
	cr_assert_str_eq(b, "48 69 21 7f 80 20 6f 6b 7e 00                    Hi!.. ok~.");

	fill();
	hex_dump_to_buffer(seq + 32, 32, 32, 1, b, sizeof(b), true);
	cr_assert_eq(strlen(b), 32 * 3 - 1 + 2 + 32);
	cr_assert_str_eq(b + 97, " !\"#$%&'()*+,-./0123456789:;<=>?");
}

Test(hexdump, truncated_buffer_reports_full_length)
{
	char b[10];

	fill();
	memset(b, 'X', sizeof(b));
	cr_assert_eq(hex_dump_to_buffer(seq, 16, 16, 1, b, sizeof(b), true), 65);
	cr_assert_eq(strlen(b), 9);
	cr_assert_eq(hex_dump_to_buffer(seq, 16, 16, 4, b, sizeof(b), false), 35);
	cr_assert_eq(hex_dump_to_buffer(seq, 16, 16, 1, b, 0, false), 47);
}

Test(hexdump, print_hex_dump_lines)
{
	char want[128];

	fill();
	print_hex_dump(KERN_INFO, "pfx: ", DUMP_PREFIX_OFFSET, 16, 1, seq, 20, true);
	cr_assert(ksim_dmesg_contains(
		"pfx: 00000000: 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f  ................"));
	cr_assert(ksim_dmesg_contains(
		"pfx: 00000010: 10 11 12 13                                      ...."));

	print_hex_dump(KERN_INFO, "raw ", DUMP_PREFIX_NONE, 32, 4, seq, 64, false);
	cr_assert(ksim_dmesg_contains(
		"raw 03020100 07060504 0b0a0908 0f0e0d0c 13121110 17161514 1b1a1918 1f1e1d1c"));
	cr_assert_eq(ksim_dmesg_count("raw "), 2);

	print_hex_dump(KERN_INFO, "at ", DUMP_PREFIX_ADDRESS, 16, 1, seq + 16, 4, false);
	ksim_snprintf(want, sizeof(want), "at %016lx: 10 11 12 13", (unsigned long)(seq + 16));
	cr_assert(ksim_dmesg_contains(want), "no line \"%s\"", want);

	print_hex_dump_bytes("bytes: ", DUMP_PREFIX_NONE, "AB", 2);
	cr_assert(ksim_dmesg_contains("bytes: 41 42"));
}

Test(hexdump, hex_helpers)
{
	u8 bin[4];
	char hex[9] = { 0 };

	cr_assert_eq(hex_to_bin('0'), 0);
	cr_assert_eq(hex_to_bin('9'), 9);
	cr_assert_eq(hex_to_bin('a'), 10);
	cr_assert_eq(hex_to_bin('F'), 15);
	cr_assert_eq(hex_to_bin('g'), -1);
	cr_assert_eq(hex_to_bin(' '), -1);
	cr_assert_eq(hex_to_bin(0xc6), -1);

	cr_assert_eq(hex2bin(bin, "DeadBeef", 4), 0);
	cr_assert_eq(bin[0], 0xde);
	cr_assert_eq(bin[3], 0xef);
	cr_assert_eq(hex2bin(bin, "12x4", 2), -EINVAL);

	cr_assert_eq(bin2hex(hex, "\x01\xab\xff\x10", 4), hex + 8);
	cr_assert_str_eq(hex, "01abff10");
	cr_assert_eq(hex_asc[10], 'a');
	cr_assert_eq(hex_asc_upper[10], 'A');
	cr_assert_eq(hex_asc_hi(0x5c), '5');
	cr_assert_eq(hex_asc_lo(0x5c), 'c');
}
