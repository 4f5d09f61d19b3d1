// SPDX-License-Identifier: GPL-2.0-only
/*
 * lib/hexdump.c - hex digits and the kernel's hex dump format:
 *
 *	00000010: 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f  ................
 *
 * The ASCII column starts at rowsize * 2 + rowsize / groupsize + 1, so the
 * columns line up even on a short last line.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/ctype.h>
#include <linux/string.h>
#include <linux/minmax.h>
#include <linux/log2.h>
#include <linux/export.h>
#include <asm/unaligned.h>

const char hex_asc[] = "0123456789abcdef";
EXPORT_SYMBOL(hex_asc);
const char hex_asc_upper[] = "0123456789ABCDEF";
EXPORT_SYMBOL(hex_asc_upper);

/* 0..15 for a hex digit of either case, -1 for anything else. */
int hex_to_bin(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch |= 0x20;
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}
EXPORT_SYMBOL(hex_to_bin);

/* @count bytes from 2 * @count hex digits; -EINVAL on a non-digit. */
int hex2bin(u8 *dst, const char *src, size_t count)
{
	int hi, lo;

	while (count--) {
		hi = hex_to_bin(*src++);
		if (hi < 0)
			return -EINVAL;
		lo = hex_to_bin(*src++);
		if (lo < 0)
			return -EINVAL;
		*dst++ = (hi << 4) | lo;
	}
	return 0;
}
EXPORT_SYMBOL(hex2bin);

/* Lower-case hex of @count bytes, no NUL; returns the end of the output. */
char *bin2hex(char *dst, const void *src, size_t count)
{
	const unsigned char *p = src;

	while (count--) {
		*dst++ = hex_asc_hi(*p);
		*dst++ = hex_asc_lo(*p);
		p++;
	}
	return dst;
}
EXPORT_SYMBOL(bin2hex);

/* Render a whole line into @out (large enough for 32 bytes); returns its length. */
static int render_line(const u8 *ptr, size_t len, int rowsize, int groupsize,
		       char *out, bool ascii)
{
	int ngroups = len / groupsize;
	int ascii_column = rowsize * 2 + rowsize / groupsize + 1;
	int n = 0, j;

	for (j = 0; j < ngroups; j++) {
		const u8 *g = ptr + j * groupsize;

		if (j)
			out[n++] = ' ';
		switch (groupsize) {
		case 8:
			n += ksim_sprintf(out + n, "%16.16llx",
					  (unsigned long long)get_unaligned((const u64 *)g));
			break;
		case 4:
			n += ksim_sprintf(out + n, "%8.8x", get_unaligned((const u32 *)g));
			break;
		case 2:
			n += ksim_sprintf(out + n, "%4.4x", get_unaligned((const u16 *)g));
			break;
		default:
			out[n++] = hex_asc_hi(*g);
			out[n++] = hex_asc_lo(*g);
			break;
		}
	}
	if (ascii && len) {
		while (n < ascii_column)
			out[n++] = ' ';
		for (j = 0; j < (int)len; j++)
			out[n++] = (ptr[j] < 0x80 && isprint(ptr[j])) ? ptr[j] : '.';
	}
	out[n] = '\0';
	return n;
}

/*
 * One line of at most @rowsize (16 or 32) bytes.  Multi-byte groups are
 * read in CPU byte order, as the kernel prints them.  Returns the length
 * of the line, even when @linebuf was too small to hold it all.
 */
int hex_dump_to_buffer(const void *buf, size_t len, int rowsize, int groupsize,
		       char *linebuf, size_t linebuflen, bool ascii)
{
	char line[32 * 3 + 2 + 32 + 1];
	int n;

	if (rowsize != 16 && rowsize != 32)
		rowsize = 16;
	if (len > rowsize)
		len = rowsize;
	if (!is_power_of_2(groupsize) || groupsize > 8)
		groupsize = 1;
	if (len % groupsize)
		groupsize = 1;

	n = render_line(buf, len, rowsize, groupsize, line, ascii);
	if (linebuflen) {
		size_t copy = min_t(size_t, n, linebuflen - 1);

		memcpy(linebuf, line, copy);
		linebuf[copy] = '\0';
	}
	return n;
}
EXPORT_SYMBOL(hex_dump_to_buffer);

void print_hex_dump(const char *level, const char *prefix_str, int prefix_type,
		    int rowsize, int groupsize, const void *buf, size_t len,
		    bool ascii)
{
	const u8 *ptr = buf;
	char linebuf[32 * 3 + 2 + 32 + 1];
	size_t i, linelen;

	if (rowsize != 16 && rowsize != 32)
		rowsize = 16;

	for (i = 0; i < len; i += rowsize) {
		linelen = min_t(size_t, len - i, rowsize);
		hex_dump_to_buffer(ptr + i, linelen, rowsize, groupsize,
				   linebuf, sizeof(linebuf), ascii);

		switch (prefix_type) {
		case DUMP_PREFIX_ADDRESS:
			printk("%s%s%p: %s\n", level, prefix_str, ptr + i, linebuf);
			break;
		case DUMP_PREFIX_OFFSET:
			printk("%s%s%.8zx: %s\n", level, prefix_str, i, linebuf);
			break;
		default:
			printk("%s%s%s\n", level, prefix_str, linebuf);
			break;
		}
	}
}
EXPORT_SYMBOL(print_hex_dump);
