/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/sort.h - in-place array sort (lib/sort.c).  Heapsort, as the
 * kernel's: O(n log n) in the worst case, no recursion, no allocation, and
 * not stable (equal elements may change order).
 */
#ifndef _LINUX_SORT_H
#define _LINUX_SORT_H

#include <linux/types.h>

typedef int (*cmp_func_t)(const void *a, const void *b);
typedef int (*cmp_r_func_t)(const void *a, const void *b, const void *priv);
typedef void (*swap_func_t)(void *a, void *b, int size);
typedef void (*swap_r_func_t)(void *a, void *b, int size, const void *priv);

/* @swap_func may be NULL: elements are then swapped bytewise (or by word). */
void sort_r(void *base, size_t num, size_t size, cmp_r_func_t cmp_func,
	    swap_func_t swap_func, const void *priv);
void sort(void *base, size_t num, size_t size, cmp_func_t cmp_func,
	  swap_func_t swap_func);

#endif
