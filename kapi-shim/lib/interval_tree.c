// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/lib/interval_tree.c - the interval tree of linux/interval_tree.h
 * on the augmented rbtree (max of `last` over each subtree).
 */
#include <linux/kernel.h>
#include <linux/interval_tree.h>
#include <linux/rbtree_augmented.h>
#include <linux/export.h>

#define ITLAST(n) ((n)->last)

RB_DECLARE_CALLBACKS_MAX(static, it_augment, struct interval_tree_node, rb,
			 unsigned long, __subtree_last, ITLAST)

static struct interval_tree_node *it_entry(struct rb_node *rb)
{
	return rb ? rb_entry(rb, struct interval_tree_node, rb) : NULL;
}

void interval_tree_insert(struct interval_tree_node *node,
			  struct rb_root_cached *root)
{
	struct rb_node **link = &root->rb_root.rb_node, *parent = NULL;
	bool leftmost = true;

	while (*link) {
		struct interval_tree_node *p = it_entry(*link);

		parent = *link;
		if (node->start < p->start) {
			link = &parent->rb_left;
		} else {
			link = &parent->rb_right;
			leftmost = false;
		}
	}
	node->__subtree_last = node->last;
	rb_link_node(&node->rb, parent, link);
	rb_insert_augmented_cached(&node->rb, root, leftmost, &it_augment);
}
EXPORT_SYMBOL_GPL(interval_tree_insert);

void interval_tree_remove(struct interval_tree_node *node,
			  struct rb_root_cached *root)
{
	rb_erase_augmented_cached(&node->rb, root, &it_augment);
}
EXPORT_SYMBOL_GPL(interval_tree_remove);

/*
 * The leftmost node at or below @node overlapping [start, last]: skip a
 * subtree whose largest `last` ends before @start, and stop at nodes
 * starting after @last (everything to their right does too).
 */
static struct interval_tree_node *subtree_search(struct interval_tree_node *node,
						 unsigned long start,
						 unsigned long last)
{
	while (node) {
		struct interval_tree_node *left = it_entry(node->rb.rb_left);

		if (left && left->__subtree_last >= start) {
			node = left;	/* an overlap, if any, is on the left */
			continue;
		}
		if (node->start > last)
			return NULL;
		if (node->last >= start)
			return node;
		node = it_entry(node->rb.rb_right);
		if (node && node->__subtree_last < start)
			return NULL;
	}
	return NULL;
}

struct interval_tree_node *interval_tree_iter_first(struct rb_root_cached *root,
						    unsigned long start,
						    unsigned long last)
{
	struct interval_tree_node *node = it_entry(root->rb_root.rb_node);

	if (!node || node->__subtree_last < start)
		return NULL;
	return subtree_search(node, start, last);
}
EXPORT_SYMBOL_GPL(interval_tree_iter_first);

struct interval_tree_node *interval_tree_iter_next(struct interval_tree_node *node,
						   unsigned long start,
						   unsigned long last)
{
	struct rb_node *rb;

	/* In start order from @node; stop once starts pass @last. */
	for (rb = rb_next(&node->rb); rb; rb = rb_next(rb)) {
		struct interval_tree_node *n = it_entry(rb);

		if (n->start > last)
			return NULL;
		if (n->last >= start)
			return n;
	}
	return NULL;
}
EXPORT_SYMBOL_GPL(interval_tree_iter_next);
