/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/bsearch.h - binary search in a sorted array.  Same meaning as
 * libc's bsearch(), which the shim exports under that name.
 */
#ifndef _LINUX_BSEARCH_H
#define _LINUX_BSEARCH_H

#include <linux/types.h>

typedef int (*cmp_func_t)(const void *a, const void *b);

static __always_inline void *__inline_bsearch(const void *key, const void *base,
					      size_t num, size_t size,
					      cmp_func_t cmp)
{
	const char *pivot;
	int result;

	while (num > 0) {
		pivot = (const char *)base + (num >> 1) * size;
		result = cmp(key, pivot);

		if (result == 0)
			return (void *)pivot;

		if (result > 0) {
			base = pivot + size;
			num--;
		}
		num >>= 1;
	}

	return NULL;
}

/* Compatible with libc's declaration, so host code may see both. */
void *bsearch(const void *key, const void *base, size_t num, size_t size,
	      cmp_func_t cmp);

#endif
