/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/math64.h - 64-bit division helpers (6.1 API).  On x86-64 every one
 * is a plain C division: no libgcc helper (__udivti3 and friends) is ever
 * called, so a module can link them.
 */
#ifndef _LINUX_MATH64_H
#define _LINUX_MATH64_H

#include <linux/types.h>
#include <linux/math.h>
#include <asm/div64.h>

#define div64_long(x, y) div64_s64((x), (y))
#define div64_ul(x, y)   div64_u64((x), (y))

/* Quotient, with the remainder in *@remainder. */
static inline u64 div_u64_rem(u64 dividend, u32 divisor, u32 *remainder)
{
	*remainder = dividend % divisor;
	return dividend / divisor;
}

static inline s64 div_s64_rem(s64 dividend, s32 divisor, s32 *remainder)
{
	*remainder = dividend % divisor;
	return dividend / divisor;
}

static inline u64 div64_u64_rem(u64 dividend, u64 divisor, u64 *remainder)
{
	*remainder = dividend % divisor;
	return dividend / divisor;
}

static inline u64 div64_u64(u64 dividend, u64 divisor)
{
	return dividend / divisor;
}

static inline s64 div64_s64(s64 dividend, s64 divisor)
{
	return dividend / divisor;
}

static inline u64 div_u64(u64 dividend, u32 divisor)
{
	return dividend / divisor;
}

static inline s64 div_s64(s64 dividend, s32 divisor)
{
	return dividend / divisor;
}

/* (a * mul) >> shift without losing the product's high bits. */
static inline u64 mul_u64_u32_shr(u64 a, u32 mul, unsigned int shift)
{
	u32 ah = a >> 32, al = (u32)a;
	u64 ret;

	ret = ((u64)al * mul) >> shift;
	if (ah)
		ret += ((u64)ah * mul) << (32 - shift);
	return ret;
}

static inline u64 mul_u32_u32(u32 a, u32 b)
{
	return (u64)a * b;
}

/* (a * b) >> shift, the 128-bit product done in 64-bit halves. */
static inline u64 mul_u64_u64_shr(u64 a, u64 b, unsigned int shift)
{
	u64 al = (u32)a, ah = a >> 32, bl = (u32)b, bh = b >> 32;
	u64 ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	u64 mid = (ll >> 32) + (u32)lh + (u32)hl;
	u64 lo = (mid << 32) | (u32)ll;
	u64 hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);

	if (!shift)
		return lo;
	if (shift >= 64)
		return hi >> (shift - 64);
	return (hi << (64 - shift)) | (lo >> shift);
}

/* a * mul / divisor, exact while the result fits in 64 bits. */
static inline u64 mul_u64_u32_div(u64 a, u32 mul, u32 divisor)
{
	u64 q = a / divisor, r = a % divisor;

	return q * mul + r * mul / divisor;
}

#define DIV64_U64_ROUND_UP(ll, d)	\
	({ u64 _tmp = (d); div64_u64((ll) + _tmp - 1, _tmp); })
#define DIV64_U64_ROUND_CLOSEST(dividend, divisor)	\
	({ u64 _tmp = (divisor); div64_u64((dividend) + _tmp / 2, _tmp); })
#define DIV_U64_ROUND_CLOSEST(dividend, divisor)	\
	({ u32 _tmp = (divisor); div_u64((u64)(dividend) + _tmp / 2, _tmp); })
#define DIV_S64_ROUND_CLOSEST(dividend, divisor)(			\
{									\
	s64 __x = (dividend);						\
	s32 __d = (divisor);						\
	((__x > 0) == (__d > 0)) ?					\
		div_s64((__x + (__d / 2)), __d) :			\
		div_s64((__x - (__d / 2)), __d);			\
}									\
)

#endif
