// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_rbtree.c - lib/rbtree.c: randomized inserts and erases
 * checked against a sorted reference array, with every red-black rule
 * verified after each operation; the cached, comparison-function, replace
 * and post-order APIs.
 */
#include "ktest.h"

#include <stdlib.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/rbtree.h>

TestSuite(rbtree, .init = ktest_boot, .fini = ktest_shutdown);

struct item {
	struct rb_node node;
	int key;
	int seq;
	bool in_tree;
};

#define NODES 600

static struct item items[NODES];
static u64 rng = 0x2545f4914f6cdd1dULL;

static unsigned int rnd(unsigned int n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng % n;
}

static bool item_less(struct rb_node *a, const struct rb_node *b)
{
	return rb_entry(a, struct item, node)->key <
	       rb_entry(b, struct item, node)->key;
}

static int key_cmp(const void *key, const struct rb_node *n)
{
	int k = *(const int *)key, nk = rb_entry(n, struct item, node)->key;

	return k < nk ? -1 : k > nk;
}

static int node_cmp(struct rb_node *a, const struct rb_node *b)
{
	return key_cmp(&rb_entry(a, struct item, node)->key, b);
}

static bool is_black(const struct rb_node *n)
{
	return !n || (n->__rb_parent_color & 1);
}

/* Black height of @n's subtree; fails the test on any broken rule. */
static int check_subtree(const struct rb_node *n, const struct rb_node *parent,
			 int lo, int hi, int *count)
{
	int lh, rh, key;

	if (!n)
		return 1;
	key = rb_entry(n, struct item, node)->key;
	cr_assert_eq(rb_parent(n), parent, "parent pointer of key %d", key);
	cr_assert(key >= lo && key <= hi, "order broken at key %d", key);
	if (!is_black(n))
		cr_assert(is_black(n->rb_left) && is_black(n->rb_right),
			  "red node %d has a red child", key);
	lh = check_subtree(n->rb_left, n, lo, key, count);
	rh = check_subtree(n->rb_right, n, key, hi, count);
	cr_assert_eq(lh, rh, "black heights differ under key %d", key);
	(*count)++;
	return lh + is_black(n);
}

static void check_tree(const struct rb_root *root, int nr)
{
	int count = 0;

	cr_assert(is_black(root->rb_node), "red root");
	check_subtree(root->rb_node, NULL, INT_MIN, INT_MAX, &count);
	cr_assert_eq(count, nr);
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* In-order walks both ways equal the sorted reference. */
static void check_order(const struct rb_root *root, int *ref, int nr)
{
	struct rb_node *n;
	int i = 0;

	qsort(ref, nr, sizeof(int), cmp_int);
	for (n = rb_first(root); n; n = rb_next(n), i++)
		cr_assert_eq(rb_entry(n, struct item, node)->key, ref[i]);
	cr_assert_eq(i, nr);
	for (n = rb_last(root); n; n = rb_prev(n))
		cr_assert_eq(rb_entry(n, struct item, node)->key, ref[--i]);
	cr_assert_eq(i, 0);
}

Test(rbtree, randomized_against_reference)
{
	struct rb_root root = RB_ROOT;
	int ref[NODES], nr = 0, op, i, j;

	for (i = 0; i < NODES; i++) {
		items[i].key = i * 7 % 1000;	/* distinct keys */
		items[i].in_tree = false;
		RB_CLEAR_NODE(&items[i].node);
		cr_assert(RB_EMPTY_NODE(&items[i].node));
	}
	cr_assert(RB_EMPTY_ROOT(&root));
	cr_assert_null(rb_first(&root));

	for (op = 0; op < 4000; op++) {
		struct item *it = &items[rnd(NODES)];

		/* Insert more than erase at first, then drain. */
		if (!it->in_tree && (op < 2500 || rnd(4) == 0)) {
			struct rb_node **link = &root.rb_node, *parent = NULL;

			while (*link) {
				parent = *link;
				link = it->key < rb_entry(parent, struct item, node)->key ?
				       &parent->rb_left : &parent->rb_right;
			}
			rb_link_node(&it->node, parent, link);
			rb_insert_color(&it->node, &root);
			it->in_tree = true;
			cr_assert_not(RB_EMPTY_NODE(&it->node));
			nr++;
		} else if (it->in_tree) {
			rb_erase(&it->node, &root);
			RB_CLEAR_NODE(&it->node);
			it->in_tree = false;
			nr--;
		} else {
			continue;
		}
		check_tree(&root, nr);
		if (op % 97 == 0) {
			for (i = 0, j = 0; i < NODES; i++)
				if (items[i].in_tree)
					ref[j++] = items[i].key;
			check_order(&root, ref, nr);
		}
	}
	for (i = 0; i < NODES; i++) {
		if (items[i].in_tree) {
			rb_erase(&items[i].node, &root);
			nr--;
			check_tree(&root, nr);
		}
	}
	cr_assert(RB_EMPTY_ROOT(&root));
}

Test(rbtree, sequential_worst_cases)
{
	struct rb_root root = RB_ROOT;
	int i, depth;
	struct rb_node *n;

	/* Ascending inserts: the height must stay logarithmic. */
	for (i = 0; i < NODES; i++) {
		items[i].key = i;
		rb_add(&items[i].node, &root, item_less);
	}
	check_tree(&root, NODES);
	for (depth = 0, n = rb_first(&root); n; n = rb_parent(n))
		depth++;
	cr_assert_leq(depth, 2 * 10, "leftmost depth %d for %d nodes", depth, NODES);
	/* Erase the root each time. */
	for (i = NODES; i > 0; i--) {
		rb_erase(root.rb_node, &root);
		check_tree(&root, i - 1);
	}
}

Test(rbtree, find_and_duplicates)
{
	struct rb_root root = RB_ROOT;
	struct item dup[6];
	struct rb_node *n;
	static const int keys[] = { 5, 3, 5, 8, 5, 1 }, fives[] = { 0, 2, 4 };
	int i, key, seen;

	for (i = 0; i < 6; i++) {
		dup[i].key = keys[i];
		dup[i].seq = i;
		rb_add(&dup[i].node, &root, item_less);
	}
	check_tree(&root, 6);
	key = 5;
	n = rb_find(&key, &root, key_cmp);
	cr_assert_not_null(n);
	cr_assert_eq(rb_entry(n, struct item, node)->key, 5);
	/* Equal keys keep insertion order: the first 5 was inserted first. */
	n = rb_find_first(&key, &root, key_cmp);
	cr_assert_eq(rb_entry(n, struct item, node)->seq, 0);
	seen = 0;
	rb_for_each(n, &key, &root, key_cmp) {
		cr_assert_eq(rb_entry(n, struct item, node)->seq, fives[seen]);
		seen++;
	}
	cr_assert_eq(seen, 3);
	key = 4;
	cr_assert_null(rb_find(&key, &root, key_cmp));
	cr_assert_null(rb_find_first(&key, &root, key_cmp));

	/* rb_find_add: an equal key is returned, not inserted. */
	items[0].key = 8;
	cr_assert_eq(rb_find_add(&items[0].node, &root, node_cmp), &dup[3].node);
	items[0].key = 9;
	cr_assert_null(rb_find_add(&items[0].node, &root, node_cmp));
	cr_assert_eq(rb_last(&root), &items[0].node);
	check_tree(&root, 7);
}

Test(rbtree, cached_root)
{
	struct rb_root_cached root = RB_ROOT_CACHED;
	int i;

	items[0].key = 50;
	cr_assert_eq(rb_add_cached(&items[0].node, &root, item_less), &items[0].node);
	items[1].key = 60;
	cr_assert_null(rb_add_cached(&items[1].node, &root, item_less));
	items[2].key = 10;
	cr_assert_eq(rb_add_cached(&items[2].node, &root, item_less), &items[2].node);
	cr_assert_eq(rb_first_cached(&root), &items[2].node);

	cr_assert_eq(rb_erase_cached(&items[2].node, &root), &items[0].node);
	cr_assert_eq(rb_first_cached(&root), &items[0].node);
	cr_assert_null(rb_erase_cached(&items[1].node, &root));
	cr_assert_eq(rb_first_cached(&root), &items[0].node);

	/* Replace the leftmost: the cache follows. */
	items[3].key = 50;
	rb_replace_node_cached(&items[0].node, &items[3].node, &root);
	cr_assert_eq(rb_first_cached(&root), &items[3].node);
	cr_assert_eq(root.rb_root.rb_node, &items[3].node);

	for (i = 10; i < 40; i++) {
		items[i].key = 100 - i;
		rb_add_cached(&items[i].node, &root, item_less);
		cr_assert_eq(rb_first_cached(&root), rb_first(&root.rb_root));
	}
	check_tree(&root.rb_root, 31);
	while (!RB_EMPTY_ROOT(&root.rb_root)) {
		rb_erase_cached(rb_first_cached(&root), &root);
		cr_assert_eq(rb_first_cached(&root), rb_first(&root.rb_root));
	}
}

Test(rbtree, replace_node)
{
	struct rb_root root = RB_ROOT;
	struct item repl;
	int i;

	for (i = 0; i < 31; i++) {
		items[i].key = i;
		rb_add(&items[i].node, &root, item_less);
	}
	/* An inner node, the root and a leaf. */
	repl.key = 15;
	rb_replace_node(&items[15].node, &repl.node, &root);
	check_tree(&root, 31);
	cr_assert_eq(rb_next(&items[14].node), &repl.node);
	cr_assert_eq(rb_prev(&items[16].node), &repl.node);
	items[15].key = rb_entry(root.rb_node, struct item, node)->key;
	rb_replace_node(root.rb_node, &items[15].node, &root);
	cr_assert_eq(root.rb_node, &items[15].node);
	check_tree(&root, 31);
}

Test(rbtree, postorder)
{
	struct rb_root root = RB_ROOT;
	struct item *pos, *n;
	bool visited[100] = { false };
	int i, count = 0;

	cr_assert_null(rb_first_postorder(&root));
	for (i = 0; i < 100; i++) {
		items[i].key = (i * 37) % 100;
		rb_add(&items[i].node, &root, item_less);
	}
	rbtree_postorder_for_each_entry_safe(pos, n, &root, node) {
		/* Children come before their parent. */
		if (pos->node.rb_left)
			cr_assert(visited[rb_entry(pos->node.rb_left, struct item, node)->key]);
		if (pos->node.rb_right)
			cr_assert(visited[rb_entry(pos->node.rb_right, struct item, node)->key]);
		cr_assert_not(visited[pos->key]);
		visited[pos->key] = true;
		/* The loop must survive the entry being scribbled on (freed). */
		memset(&pos->node, 0x6b, sizeof(pos->node));
		count++;
	}
	cr_assert_eq(count, 100);
}
