/* SPDX-License-Identifier: GPL-2.0 */
/* linux/bits.h - single bits and contiguous masks. */
#ifndef __LINUX_BITS_H
#define __LINUX_BITS_H

#include <linux/build_bug.h>

#define BITS_PER_BYTE		8
#define BITS_PER_LONG		(__SIZEOF_LONG__ * 8)
#define BITS_PER_LONG_LONG	64
#ifndef __BITS_PER_LONG
#define __BITS_PER_LONG		BITS_PER_LONG
#endif

#define BIT(nr)			(1UL << (nr))
#define BIT_ULL(nr)		(1ULL << (nr))
#define BIT_MASK(nr)		(1UL << ((nr) % BITS_PER_LONG))
#define BIT_WORD(nr)		((nr) / BITS_PER_LONG)
#define BIT_ULL_MASK(nr)	(1ULL << ((nr) % BITS_PER_LONG_LONG))
#define BIT_ULL_WORD(nr)	((nr) / BITS_PER_LONG_LONG)

/*
 * GENMASK(h, l): bits l..h set (h >= l).  Built from two shifts of ~0 so
 * that h == BITS_PER_LONG - 1 never shifts by the full width.  A constant
 * l > h is a build error, as in the kernel.
 */
#define __GENMASK_INPUT_CHECK(h, l)					\
	BUILD_BUG_ON_ZERO(__builtin_choose_expr(			\
		__is_constexpr((l) > (h)), (l) > (h), 0))
#define __GENMASK(h, l) \
	(((~0UL) - (1UL << (l)) + 1) & (~0UL >> (BITS_PER_LONG - 1 - (h))))
#define __GENMASK_ULL(h, l) \
	(((~0ULL) - (1ULL << (l)) + 1) & (~0ULL >> (BITS_PER_LONG_LONG - 1 - (h))))
#define GENMASK(h, l)		(__GENMASK_INPUT_CHECK(h, l) + __GENMASK(h, l))
#define GENMASK_ULL(h, l)	(__GENMASK_INPUT_CHECK(h, l) + __GENMASK_ULL(h, l))

#endif
