/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_MINMAX_H
#define _LINUX_MINMAX_H

#include <linux/compiler.h>

/*
 * min()/max() evaluate each argument once and, like the kernel's, refuse
 * (with a warning from the pointer comparison) arguments of different types:
 * use min_t()/max_t() to say which type to compare in.
 */
#define __cmp_once(op, x, y, ux, uy) ({		\
	typeof(x) ux = (x);			\
	typeof(y) uy = (y);			\
	(void)(&ux == &uy);			\
	ux op uy ? ux : uy; })

#define min(x, y) __cmp_once(<, x, y, __UNIQUE_ID(min_x), __UNIQUE_ID(min_y))
#define max(x, y) __cmp_once(>, x, y, __UNIQUE_ID(max_x), __UNIQUE_ID(max_y))
#define min3(x, y, z) min((typeof(x))min(x, y), z)
#define max3(x, y, z) max((typeof(x))max(x, y), z)
#define min_not_zero(x, y) ({			\
	typeof(x) __mnz_x = (x);		\
	typeof(y) __mnz_y = (y);		\
	__mnz_x == 0 ? __mnz_y : ((__mnz_y == 0) ? __mnz_x : min(__mnz_x, __mnz_y)); })

#define min_t(type, x, y) ({ type __mt_x = (x); type __mt_y = (y); __mt_x < __mt_y ? __mt_x : __mt_y; })
#define max_t(type, x, y) ({ type __mt_x = (x); type __mt_y = (y); __mt_x > __mt_y ? __mt_x : __mt_y; })
#define umin(x, y) min_t(unsigned long long, x, y)
#define umax(x, y) max_t(unsigned long long, x, y)

#define clamp(val, lo, hi) min((typeof(val))max(val, lo), hi)
#define clamp_t(type, val, lo, hi) min_t(type, max_t(type, val, lo), hi)
#define clamp_val(val, lo, hi) clamp_t(typeof(val), val, lo, hi)

#define swap(a, b) \
	do { typeof(a) __swap_tmp = (a); (a) = (b); (b) = __swap_tmp; } while (0)

#endif
