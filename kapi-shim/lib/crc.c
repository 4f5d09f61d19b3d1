// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/lib/crc.c - the table-driven CRCs of crc32.h, crc32c.h,
 * crc-t10dif.h, crc16.h and crc-itu-t.h.  Every table is computed by the
 * compiler from its polynomial (the T256/STEP8 macros below), so the
 * exported ones can be const as the kernel's are, and no table is typed in.
 * Each function is the raw update: the caller chooses seed and final xor.
 *
 * zlib's crc32() covers only one of these (crc32_le, with inversion), so
 * the whole family is here rather than half in zlib.
 */
#include <linux/kernel.h>
#include <linux/crc32.h>
#include <linux/crc32c.h>
#include <linux/crc-t10dif.h>
#include <linux/crc16.h>
#include <linux/crc-itu-t.h>
#include <linux/export.h>

/* Apply a table-generating step eight times (one byte, one bit each). */
#define STEP8(S, c) S(S(S(S(S(S(S(S(c))))))))
/* Entries f(0) .. f(255). */
#define T4(f, b)	f(b), f((b) + 1), f((b) + 2), f((b) + 3)
#define T16(f, b)	T4(f, b), T4(f, (b) + 4), T4(f, (b) + 8), T4(f, (b) + 12)
#define T64(f, b)	T16(f, b), T16(f, (b) + 16), T16(f, (b) + 32), T16(f, (b) + 48)
#define T256(f)		T64(f, 0), T64(f, 64), T64(f, 128), T64(f, 192)

/*
 * Each step names its argument twice (the shifted value, and the bit that
 * selects the polynomial as an all-ones or all-zeros mask), so STEP8
 * expands to 2^8 copies per entry.  Written with ?: it named it three
 * times: 3^8 copies, and clang needed 10 GB to fold the tables.
 */
/* Reflected (LSB-first) steps: shift right, xor the reversed polynomial. */
#define RSTEP(c, poly)	(((c) >> 1) ^ ((0u - ((c) & 1u)) & (poly)))
#define R32(c)	RSTEP(c, 0xEDB88320u)
#define R32C(c)	RSTEP(c, 0x82F63B78u)
#define R16(c)	RSTEP(c, 0xA001u)
/* Normal (MSB-first) steps on a value already in the top bits. */
#define N32(c)	(((c) << 1) ^ ((0u - ((c) >> 31)) & 0x04C11DB7u))
#define N16STEP(c, poly) ((((c) << 1) ^ ((0u - (((c) >> 15) & 1u)) & (poly))) & 0xffffu)
#define N16T(c)	N16STEP(c, 0x8BB7u)
#define N16I(c)	N16STEP(c, 0x1021u)

#define E_R32(i)	STEP8(R32, (u32)(i))
#define E_R32C(i)	STEP8(R32C, (u32)(i))
#define E_R16(i)	((u16)STEP8(R16, (u32)(i)))
#define E_N32(i)	STEP8(N32, (u32)(i) << 24)
#define E_N16T(i)	((u16)STEP8(N16T, (u32)(i) << 8))
#define E_N16I(i)	((u16)STEP8(N16I, (u32)(i) << 8))

static const u32 crc32_le_table[256] = { T256(E_R32) };
static const u32 crc32c_table[256] = { T256(E_R32C) };
static const u32 crc32_be_table[256] = { T256(E_N32) };
static const u16 t10dif_table[256] = { T256(E_N16T) };
u16 const crc16_table[256] = { T256(E_R16) };
EXPORT_SYMBOL(crc16_table);
u16 const crc_itu_t_table[256] = { T256(E_N16I) };
EXPORT_SYMBOL(crc_itu_t_table);

static u32 reflected32(const u32 *table, u32 crc, const u8 *p, size_t len)
{
	while (len--)
		crc = (crc >> 8) ^ table[(crc ^ *p++) & 0xff];
	return crc;
}

u32 crc32_le(u32 crc, unsigned char const *p, size_t len)
{
	return reflected32(crc32_le_table, crc, p, len);
}
EXPORT_SYMBOL(crc32_le);

u32 __crc32c_le(u32 crc, unsigned char const *p, size_t len)
{
	return reflected32(crc32c_table, crc, p, len);
}
EXPORT_SYMBOL(__crc32c_le);

u32 crc32_be(u32 crc, unsigned char const *p, size_t len)
{
	while (len--)
		crc = (crc << 8) ^ crc32_be_table[((crc >> 24) ^ *p++) & 0xff];
	return crc;
}
EXPORT_SYMBOL(crc32_be);

u32 crc32c(u32 crc, const void *address, unsigned int length)
{
	return __crc32c_le(crc, address, length);
}
EXPORT_SYMBOL(crc32c);

const char *crc32c_impl(void)
{
	return "crc32c-generic";
}
EXPORT_SYMBOL(crc32c_impl);

/* A raw CRC is linear: feeding zeros shifts a state without data. */
static u32 shift_zeros(const u32 *table, u32 crc, size_t len)
{
	while (len--)
		crc = (crc >> 8) ^ table[crc & 0xff];
	return crc;
}

u32 crc32_le_combine(u32 crc1, u32 crc2, size_t len2)
{
	return shift_zeros(crc32_le_table, crc1, len2) ^ crc2;
}
EXPORT_SYMBOL(crc32_le_combine);

u32 __crc32c_le_combine(u32 crc1, u32 crc2, size_t len2)
{
	return shift_zeros(crc32c_table, crc1, len2) ^ crc2;
}
EXPORT_SYMBOL(__crc32c_le_combine);

u32 __crc32c_le_shift(u32 crc, size_t len)
{
	return shift_zeros(crc32c_table, crc, len);
}
EXPORT_SYMBOL(__crc32c_le_shift);

__u16 crc_t10dif_generic(__u16 crc, const unsigned char *p, size_t len)
{
	while (len--)
		crc = (crc << 8) ^ t10dif_table[((crc >> 8) ^ *p++) & 0xff];
	return crc;
}
EXPORT_SYMBOL(crc_t10dif_generic);

__u16 crc_t10dif_update(__u16 crc, const unsigned char *p, size_t len)
{
	return crc_t10dif_generic(crc, p, len);
}
EXPORT_SYMBOL(crc_t10dif_update);

__u16 crc_t10dif(const unsigned char *p, size_t len)
{
	return crc_t10dif_generic(0, p, len);
}
EXPORT_SYMBOL(crc_t10dif);

u16 crc16(u16 crc, const u8 *p, size_t len)
{
	while (len--)
		crc = crc16_byte(crc, *p++);
	return crc;
}
EXPORT_SYMBOL(crc16);

u16 crc_itu_t(u16 crc, const u8 *p, size_t len)
{
	while (len--)
		crc = crc_itu_t_byte(crc, *p++);
	return crc;
}
EXPORT_SYMBOL(crc_itu_t);
