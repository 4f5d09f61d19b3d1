// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_interval_tree.c - lib/interval_tree.c and the augmented
 * rbtree: every overlap query matches a brute-force scan, and every node's
 * __subtree_last is the maximum of its subtree, through inserts and removes.
 */
#include "ktest.h"

#include <linux/kernel.h>
#include <linux/interval_tree.h>
#include <linux/rbtree_augmented.h>
#include <linux/prandom.h>

TestSuite(interval_tree, .init = ktest_boot, .fini = ktest_shutdown);

#define N 200
static struct interval_tree_node nodes[N];
static bool in_tree[N];

static unsigned long check_subtree(struct rb_node *rb)
{
	struct interval_tree_node *n;
	unsigned long max;

	if (!rb)
		return 0;
	n = rb_entry(rb, struct interval_tree_node, rb);
	max = n->last;
	max = max_t(unsigned long, max, check_subtree(rb->rb_left));
	max = max_t(unsigned long, max, check_subtree(rb->rb_right));
	cr_assert_eq(n->__subtree_last, max);
	return max;
}

static void check_query(struct rb_root_cached *root, unsigned long s, unsigned long l)
{
	struct interval_tree_node *it;
	int want = 0, got = 0, i;

	for (i = 0; i < N; i++)
		want += in_tree[i] && nodes[i].start <= l && nodes[i].last >= s;
	for (it = interval_tree_iter_first(root, s, l); it;
	     it = interval_tree_iter_next(it, s, l)) {
		cr_assert(it->start <= l && it->last >= s);
		got++;
	}
	cr_assert_eq(got, want, "query [%lu, %lu]", s, l);
}

Test(interval_tree, queries_match_brute_force)
{
	struct rb_root_cached root = RB_ROOT_CACHED;
	struct rnd_state rnd;
	int i, q;

	prandom_seed_state(&rnd, 3);
	for (i = 0; i < N; i++) {
		nodes[i].start = prandom_u32_state(&rnd) % 1000;
		nodes[i].last = nodes[i].start + prandom_u32_state(&rnd) % 50;
		interval_tree_insert(&nodes[i], &root);
		in_tree[i] = true;
	}
	check_subtree(root.rb_root.rb_node);
	for (q = 0; q < 100; q++) {
		unsigned long s = prandom_u32_state(&rnd) % 1100;

		check_query(&root, s, s + prandom_u32_state(&rnd) % 30);
	}
	for (i = 0; i < N; i += 3) {
		interval_tree_remove(&nodes[i], &root);
		in_tree[i] = false;
	}
	check_subtree(root.rb_root.rb_node);
	for (q = 0; q < 100; q++) {
		unsigned long s = prandom_u32_state(&rnd) % 1100;

		check_query(&root, s, s + prandom_u32_state(&rnd) % 30);
	}
}
