// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_list_sort.c - lib/list_sort.c: sorted, stable, the
 * ->prev links and the circle intact, for every length up to 70.
 */
#include "ktest.h"

#include <linux/list.h>
#include <linux/list_sort.h>
#include <linux/prandom.h>

TestSuite(list_sort, .init = ktest_boot, .fini = ktest_shutdown);

struct el {
	struct list_head list;
	int key;
	int seq;
};

static int cmp(void *priv, const struct list_head *a, const struct list_head *b)
{
	(*(int *)priv)++;
	return list_entry(a, struct el, list)->key - list_entry(b, struct el, list)->key;
}

Test(list_sort, sorted_stable_and_linked)
{
	static struct el els[70];
	struct rnd_state rnd;
	int n, i, calls;

	prandom_seed_state(&rnd, 1);
	for (n = 0; n <= 70; n++) {
		LIST_HEAD(head);
		struct el *e, *last = NULL;
		struct list_head *p;

		for (i = 0; i < n; i++) {
			els[i].key = prandom_u32_state(&rnd) % 8;
			els[i].seq = i;
			list_add_tail(&els[i].list, &head);
		}
		calls = 0;
		list_sort(&calls, &head, cmp);
		i = 0;
		list_for_each_entry(e, &head, list) {
			if (last) {
				cr_assert_leq(last->key, e->key);
				if (last->key == e->key)
					cr_assert_lt(last->seq, e->seq, "not stable at n=%d", n);
			}
			last = e;
			i++;
		}
		cr_assert_eq(i, n);
		for (p = &head; p->next != &head; p = p->next)
			cr_assert_eq(p->next->prev, p);
		cr_assert_eq(head.prev, p);
	}
}
