/* SPDX-License-Identifier: GPL-2.0 */
/*
 * asm/div64.h - do_div(n, base): divides the u64 lvalue @n by the u32
 * @base in place and evaluates to the remainder (as 64-bit ports do).
 */
#ifndef _ASM_GENERIC_DIV64_H
#define _ASM_GENERIC_DIV64_H

#include <linux/types.h>

#define do_div(n, base) ({					\
	u32 __base = (base);					\
	u32 __rem;						\
	__rem = ((u64)(n)) % __base;				\
	(n) = ((u64)(n)) / __base;				\
	__rem;							\
})

#endif
