/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* uapi/linux/swab.h - byte swapping, as constants and as functions. */
#ifndef _UAPI_LINUX_SWAB_H
#define _UAPI_LINUX_SWAB_H

#include <uapi/linux/types.h>

#define ___constant_swab16(x) ((__u16)(				\
	(((__u16)(x) & (__u16)0x00ffU) << 8) |			\
	(((__u16)(x) & (__u16)0xff00U) >> 8)))
#define ___constant_swab32(x) ((__u32)(				\
	(((__u32)(x) & (__u32)0x000000ffUL) << 24) |		\
	(((__u32)(x) & (__u32)0x0000ff00UL) <<  8) |		\
	(((__u32)(x) & (__u32)0x00ff0000UL) >>  8) |		\
	(((__u32)(x) & (__u32)0xff000000UL) >> 24)))
#define ___constant_swab64(x) ((__u64)__builtin_bswap64((__u64)(x)))
#define ___constant_swahw32(x) ((__u32)(			\
	(((__u32)(x) & (__u32)0x0000ffffUL) << 16) |		\
	(((__u32)(x) & (__u32)0xffff0000UL) >> 16)))
#define ___constant_swahb32(x) ((__u32)(			\
	(((__u32)(x) & (__u32)0x00ff00ffUL) << 8) |		\
	(((__u32)(x) & (__u32)0xff00ff00UL) >> 8)))

static inline __attribute__((__const__)) __u16 __fswab16(__u16 val)
{
	return __builtin_bswap16(val);
}

static inline __attribute__((__const__)) __u32 __fswab32(__u32 val)
{
	return __builtin_bswap32(val);
}

static inline __attribute__((__const__)) __u64 __fswab64(__u64 val)
{
	return __builtin_bswap64(val);
}

static inline __attribute__((__const__)) __u32 __fswahw32(__u32 val)
{
	return ___constant_swahw32(val);
}

static inline __attribute__((__const__)) __u32 __fswahb32(__u32 val)
{
	return ___constant_swahb32(val);
}

/* The builtins fold constants, so one spelling serves both cases. */
#define __swab16(x) ((__u16)__builtin_bswap16((__u16)(x)))
#define __swab32(x) ((__u32)__builtin_bswap32((__u32)(x)))
#define __swab64(x) ((__u64)__builtin_bswap64((__u64)(x)))
#define __swahw32(x) ((__u32)___constant_swahw32(x))
#define __swahb32(x) ((__u32)___constant_swahb32(x))

static inline __u16 __swab16p(const __u16 *p) { return __swab16(*p); }
static inline __u32 __swab32p(const __u32 *p) { return __swab32(*p); }
static inline __u64 __swab64p(const __u64 *p) { return __swab64(*p); }
static inline __u32 __swahw32p(const __u32 *p) { return __swahw32(*p); }
static inline __u32 __swahb32p(const __u32 *p) { return __swahb32(*p); }
static inline void __swab16s(__u16 *p) { *p = __swab16(*p); }
static inline void __swab32s(__u32 *p) { *p = __swab32(*p); }
static inline void __swab64s(__u64 *p) { *p = __swab64(*p); }
static inline void __swahw32s(__u32 *p) { *p = __swahw32(*p); }
static inline void __swahb32s(__u32 *p) { *p = __swahb32(*p); }

#endif
