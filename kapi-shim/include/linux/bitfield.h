/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/bitfield.h - register fields described by their mask.
 *
 *	#define CTRL_MODE	GENMASK(6, 4)
 *	reg = FIELD_PREP(CTRL_MODE, 3);		mode = FIELD_GET(CTRL_MODE, reg);
 *
 * As in the kernel, a constant mask must be non-zero and contiguous and a
 * constant value must fit, or the build fails.
 */
#ifndef _LINUX_BITFIELD_H
#define _LINUX_BITFIELD_H

#include <linux/build_bug.h>
#include <linux/types.h>
#include <asm/byteorder.h>

/* Shift of the field: index of the mask's lowest set bit. */
#define __bf_shf(x) (__builtin_ffsll(x) - 1)

/* True (only when provable at compile time) for an empty or split mask. */
#define __bf_bad_mask(m)						\
	__builtin_choose_expr(__is_constexpr(m),			\
		((unsigned long long)(m) == 0 ||			\
		 ((((unsigned long long)(m) +				\
		    ((unsigned long long)(m) & -(unsigned long long)(m))) & \
		   ((unsigned long long)(m) +				\
		    ((unsigned long long)(m) & -(unsigned long long)(m)) - 1)) != 0)), \
		0)

#define __bf_too_big(m, v)						\
	__builtin_choose_expr(__is_constexpr(m) && __is_constexpr(v),	\
		(~((unsigned long long)(m) >> __bf_shf(m)) &		\
		 (unsigned long long)(v)) != 0, 0)

#define FIELD_MAX(_mask)						\
	((typeof(_mask))(BUILD_BUG_ON_ZERO(__bf_bad_mask(_mask)) +	\
			 ((_mask) >> __bf_shf(_mask))))

#define FIELD_FIT(_mask, _val)						\
	(BUILD_BUG_ON_ZERO(__bf_bad_mask(_mask)) +			\
	 !((((typeof(_mask))(_val)) << __bf_shf(_mask)) & ~(_mask)))

#define FIELD_PREP(_mask, _val)						\
	((typeof(_mask))(BUILD_BUG_ON_ZERO(__bf_bad_mask(_mask)) +	\
			 BUILD_BUG_ON_ZERO(__bf_too_big(_mask, _val)) +	\
			 ((((typeof(_mask))(_val)) << __bf_shf(_mask)) & (_mask))))

#define FIELD_GET(_mask, _reg)						\
	((typeof(_mask))(BUILD_BUG_ON_ZERO(__bf_bad_mask(_mask)) +	\
			 (((_reg) & (_mask)) >> __bf_shf(_mask))))

/* Lowest set bit of the field, and the field shifted down to bit 0. */
#define __bf_field_multiplier(field) ((field) & -(field))
#define __bf_field_mask(field) ((field) / __bf_field_multiplier(field))

#define __KSIM_BF_OPS(name, type, base, to, from)				\
static __always_inline type name##_encode_bits(base v, base field)	\
{									\
	return to((v & __bf_field_mask(field)) *			\
		  __bf_field_multiplier(field));			\
}									\
static __always_inline base name##_get_bits(type v, base field)		\
{									\
	return (from(v) & field) / __bf_field_multiplier(field);	\
}									\
static __always_inline type name##_replace_bits(type old, base val,	\
						base field)		\
{									\
	return (old & ~to(field)) | name##_encode_bits(val, field);	\
}									\
static __always_inline void name##p_replace_bits(type *p, base val,	\
						 base field)		\
{									\
	*p = (*p & ~to(field)) | name##_encode_bits(val, field);	\
}

#define __bf_id(x) (x)
__KSIM_BF_OPS(u8, u8, u8, __bf_id, __bf_id)
__KSIM_BF_OPS(u16, u16, u16, __bf_id, __bf_id)
__KSIM_BF_OPS(u32, u32, u32, __bf_id, __bf_id)
__KSIM_BF_OPS(u64, u64, u64, __bf_id, __bf_id)
__KSIM_BF_OPS(le16, __le16, u16, cpu_to_le16, le16_to_cpu)
__KSIM_BF_OPS(le32, __le32, u32, cpu_to_le32, le32_to_cpu)
__KSIM_BF_OPS(le64, __le64, u64, cpu_to_le64, le64_to_cpu)
__KSIM_BF_OPS(be16, __be16, u16, cpu_to_be16, be16_to_cpu)
__KSIM_BF_OPS(be32, __be32, u32, cpu_to_be32, be32_to_cpu)
__KSIM_BF_OPS(be64, __be64, u64, cpu_to_be64, be64_to_cpu)
#undef __KSIM_BF_OPS

#endif
