/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_MATH_H
#define _LINUX_MATH_H

#include <linux/types.h>

#define __round_mask(x, y) ((__typeof__(x))((y) - 1))
/* Round up/down to a power of two. */
#define round_up(x, y) ((((x) - 1) | __round_mask(x, y)) + 1)
#define round_down(x, y) ((x) & ~__round_mask(x, y))

#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define DIV_ROUND_DOWN_ULL(ll, d) ({ unsigned long long _tmp = (ll); _tmp / (d); })
#define DIV_ROUND_UP_ULL(ll, d) DIV_ROUND_DOWN_ULL((unsigned long long)(ll) + (d) - 1, (d))
#define DIV_ROUND_CLOSEST(x, divisor) ({				\
	typeof(x) __x = x;						\
	typeof(divisor) __d = divisor;					\
	(((typeof(x))-1) > 0 || ((typeof(divisor))-1) > 0 ||		\
	 (((__x) > 0) == ((__d) > 0))) ?				\
		(((__x) + ((__d) / 2)) / (__d)) :			\
		(((__x) - ((__d) / 2)) / (__d));			\
})
#define DIV_ROUND_CLOSEST_ULL(x, divisor) ({ \
	typeof(divisor) __d = divisor; unsigned long long _tmp = (x) + (__d) / 2; _tmp / __d; })

/* Round up/down to any multiple. */
#define roundup(x, y) ({ typeof(y) __y = y; (((x) + (__y - 1)) / __y) * __y; })
#define rounddown(x, y) ({ typeof(x) __x = (x); __x - (__x % (y)); })

#define mult_frac(x, n, d) ({				\
	typeof(x) x_ = (x);				\
	typeof(n) n_ = (n);				\
	typeof(d) d_ = (d);				\
	typeof(x_) q = x_ / d_;				\
	typeof(x_) r = x_ % d_;				\
	q * n_ + r * n_ / d_; })

/*
 * abs() as a macro would break libc's declaration of abs() in host-world
 * code that includes both, so it is the kernel's only in kernel world.
 */
#ifdef __KERNEL__
#define abs(x) __builtin_choose_expr(sizeof(x) == sizeof(long long),	\
	__builtin_llabs((long long)(x)),				\
	__builtin_choose_expr(sizeof(x) == sizeof(long),		\
		__builtin_labs((long)(x)), __builtin_abs((int)(x))))
#endif
#define abs_diff(a, b) ({ typeof(a) __a = (a); typeof(b) __b = (b); \
	(void)(&__a == &__b); __a > __b ? (__a - __b) : (__b - __a); })

static inline u32 reciprocal_scale(u32 val, u32 ep_ro)
{
	return (u32)(((u64)val * ep_ro) >> 32);
}

#endif
