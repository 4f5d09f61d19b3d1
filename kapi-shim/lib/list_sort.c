// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/lib/list_sort.c - list_sort(): a stable bottom-up merge sort.
 * The list is cut open into a NULL-terminated chain through ->next, runs
 * of doubling length are merged (O(n log n) comparisons, no allocation),
 * and the ->prev links and the circle are restored at the end.
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/list_sort.h>
#include <linux/export.h>

/* Merge two sorted chains; on ties @a's element goes first (stability). */
static struct list_head *merge(void *priv, list_cmp_func_t cmp,
			       struct list_head *a, struct list_head *b)
{
	struct list_head *head = NULL, **tail = &head;

	while (a && b) {
		if (cmp(priv, a, b) <= 0) {
			*tail = a;
			a = a->next;
		} else {
			*tail = b;
			b = b->next;
		}
		tail = &(*tail)->next;
	}
	*tail = a ? a : b;
	return head;
}

/* Cut @n elements off the front of @*chain and return them. */
static struct list_head *take(struct list_head **chain, size_t n)
{
	struct list_head *first = *chain, *p = first;

	if (!p)
		return NULL;
	while (--n && p->next)
		p = p->next;
	*chain = p->next;
	p->next = NULL;
	return first;
}

void list_sort(void *priv, struct list_head *head, list_cmp_func_t cmp)
{
	struct list_head *chain, *p, *prev;
	size_t width, n = 0;

	if (list_empty(head) || head->next == head->prev)
		return;
	head->prev->next = NULL;
	chain = head->next;
	for (p = chain; p; p = p->next)
		n++;

	for (width = 1; width < n; width *= 2) {
		struct list_head *sorted = NULL, **tail = &sorted;

		while (chain) {
			struct list_head *a = take(&chain, width);
			struct list_head *b = take(&chain, width);

			*tail = merge(priv, cmp, a, b);
			while (*tail)
				tail = &(*tail)->next;
		}
		chain = sorted;
	}

	/* Rebuild the doubly linked circle. */
	prev = head;
	for (p = chain; p; p = p->next) {
		p->prev = prev;
		prev->next = p;
		prev = p;
	}
	prev->next = head;
	head->prev = prev;
}
EXPORT_SYMBOL(list_sort);
