/* SPDX-License-Identifier: GPL-2.0 */
/* linux/list_sort.h - stable merge sort of a list_head list. */
#ifndef _LINUX_LIST_SORT_H
#define _LINUX_LIST_SORT_H

#include <linux/types.h>

struct list_head;

/* > 0 when @a sorts after @b; <= 0 keeps their order (the sort is stable). */
typedef int __attribute__((nonnull(2, 3))) (*list_cmp_func_t)(void *,
		const struct list_head *, const struct list_head *);

__attribute__((nonnull(2, 3)))
void list_sort(void *priv, struct list_head *head, list_cmp_func_t cmp);

#endif
