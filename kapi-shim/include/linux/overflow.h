/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * linux/overflow.h - arithmetic that says when it wrapped, and size
 * helpers that saturate at SIZE_MAX so a huge count makes the allocation
 * fail instead of coming out too small.
 */
#ifndef __LINUX_OVERFLOW_H
#define __LINUX_OVERFLOW_H

#include <linux/compiler.h>
#include <linux/limits.h>
#include <linux/types.h>

#define is_signed_type(type)	(((type)(-1)) < (__force type)1)
#define is_unsigned_type(type)	(!is_signed_type(type))
#define __type_half_max(type)	((type)1 << (8 * sizeof(type) - 1 - is_signed_type(type)))
#define type_max(T)		((T)((__type_half_max(T) - 1) + __type_half_max(T)))
#define type_min(T)		((T)((T)-type_max(T) - (T)1))

/*
 * check_*_overflow(a, b, d): *d = a op b (wrapped to *d's type); true when
 * the exact result does not fit.  As in the kernel, a, b and *d must have
 * the same type.
 */
#define check_add_overflow(a, b, d) __must_check_overflow(({		\
	typeof(a) __a = (a);						\
	typeof(b) __b = (b);						\
	typeof(d) __d = (d);						\
	(void)(&__a == &__b);						\
	(void)(&__a == __d);						\
	__builtin_add_overflow(__a, __b, __d);				\
}))

#define check_sub_overflow(a, b, d) __must_check_overflow(({		\
	typeof(a) __a = (a);						\
	typeof(b) __b = (b);						\
	typeof(d) __d = (d);						\
	(void)(&__a == &__b);						\
	(void)(&__a == __d);						\
	__builtin_sub_overflow(__a, __b, __d);				\
}))

#define check_mul_overflow(a, b, d) __must_check_overflow(({		\
	typeof(a) __a = (a);						\
	typeof(b) __b = (b);						\
	typeof(d) __d = (d);						\
	(void)(&__a == &__b);						\
	(void)(&__a == __d);						\
	__builtin_mul_overflow(__a, __b, __d);				\
}))

static inline bool __must_check __must_check_overflow(bool overflow)
{
	return unlikely(overflow);
}

/*
 * check_shl_overflow(a, s, d): *d = a << s; true (and *d = 0 or the
 * truncated value, as the kernel leaves it) when bits were lost, s is
 * negative or too large, or a is negative.
 */
/* "x >= 0" and "x < 0" that do not warn when x is unsigned (-Wtype-limits). */
#define __ksim_not_negative(x)	((x) > 0 || (x) == 0)
#define __ksim_negative(x)	(!__ksim_not_negative(x))

#define check_shl_overflow(a, s, d) __must_check_overflow(({		\
	typeof(a) _a = a;						\
	typeof(s) _s = s;						\
	typeof(d) _d = d;						\
	u64 _a_full = _a;						\
	/* Only shifts the type can hold are done: no undefined shift. */	\
	unsigned int _to_shift =					\
		__ksim_not_negative(_s) && _s < 8 * sizeof(*_d) ? _s : 0; \
	*_d = (_a_full << _to_shift);					\
	(_to_shift != _s || __ksim_negative(*_d) || __ksim_negative(_a) || \
	 (*_d >> _to_shift) != _a);					\
}))

/* a * b, or SIZE_MAX when that overflows. */
static inline size_t __must_check size_mul(size_t factor1, size_t factor2)
{
	size_t bytes;

	if (check_mul_overflow(factor1, factor2, &bytes))
		return SIZE_MAX;
	return bytes;
}

static inline size_t __must_check size_add(size_t addend1, size_t addend2)
{
	size_t bytes;

	if (check_add_overflow(addend1, addend2, &bytes))
		return SIZE_MAX;
	return bytes;
}

/* SIZE_MAX stays SIZE_MAX, so a saturated size is never made small again. */
static inline size_t __must_check size_sub(size_t minuend, size_t subtrahend)
{
	size_t bytes;

	if (minuend == SIZE_MAX || subtrahend == SIZE_MAX ||
	    check_sub_overflow(minuend, subtrahend, &bytes))
		return SIZE_MAX;
	return bytes;
}

#define array_size(a, b)	size_mul(a, b)
#define array3_size(a, b, c)	size_mul(size_mul(a, b), c)

/* Bytes in @count elements of the flexible array @member of *@p. */
#define flex_array_size(p, member, count)				\
	__builtin_choose_expr(__is_constexpr(count),			\
		(count) * sizeof(*(p)->member) + __must_be_array((p)->member), \
		size_mul(count, sizeof(*(p)->member) + __must_be_array((p)->member)))

/* Bytes in *@p with @count elements in its trailing flexible array. */
#define struct_size(p, member, count)					\
	__builtin_choose_expr(__is_constexpr(count),			\
		sizeof(*(p)) + flex_array_size(p, member, count),	\
		size_add(sizeof(*(p)), flex_array_size(p, member, count)))

#define struct_size_t(type, member, count) \
	struct_size((type *)NULL, member, count)

#endif
