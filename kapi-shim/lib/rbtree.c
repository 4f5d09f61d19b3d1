// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lib/rbtree.c - red-black trees.
 *
 * The rules kept after every insert and erase:
 *  1. every node is red or black, and the root is black;
 *  2. a red node has no red child;
 *  3. every path from a node down to a NULL link crosses the same number
 *     of black nodes.
 * Together they bound the height by 2 * log2(n + 1), so every operation is
 * O(log n).  The colour lives in bit 0 of __rb_parent_color (0 red,
 * 1 black), so a freshly linked node (rb_link_node stores the bare parent
 * pointer) is red, which is what insertion wants.
 */
#include <linux/rbtree.h>
#include <linux/export.h>

#define RB_RED		0UL
#define RB_BLACK	1UL

static inline struct rb_node *parent_of(const struct rb_node *n)
{
	return (struct rb_node *)(n->__rb_parent_color & ~3UL);
}

/* NULL links count as black. */
static inline bool is_red(const struct rb_node *n)
{
	return n && !(n->__rb_parent_color & RB_BLACK);
}

static inline unsigned long color_of(const struct rb_node *n)
{
	return n->__rb_parent_color & RB_BLACK;
}

static inline void set_parent(struct rb_node *n, struct rb_node *p)
{
	n->__rb_parent_color = (unsigned long)p | color_of(n);
}

static inline void set_color(struct rb_node *n, unsigned long color)
{
	n->__rb_parent_color = (n->__rb_parent_color & ~RB_BLACK) | color;
}

/* Make @parent (or the root, when @parent is NULL) point to @new instead of @old. */
static inline void replace_child(struct rb_node *old, struct rb_node *new,
				 struct rb_node *parent, struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/*
 *     x              y
 *    / \            / \
 *   a   y    ->    x   c
 *      / \        / \
 *     b   c      a   b
 */
static void rotate_left(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->rb_right;
	struct rb_node *p = parent_of(x);

	x->rb_right = y->rb_left;
	if (y->rb_left)
		set_parent(y->rb_left, x);
	set_parent(y, p);
	replace_child(x, y, p, root);
	y->rb_left = x;
	set_parent(x, y);
}

/* The mirror image of rotate_left(). */
static void rotate_right(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->rb_left;
	struct rb_node *p = parent_of(x);

	x->rb_left = y->rb_right;
	if (y->rb_right)
		set_parent(y->rb_right, x);
	set_parent(y, p);
	replace_child(x, y, p, root);
	y->rb_right = x;
	set_parent(x, y);
}

/*
 * @node was just linked as a red leaf.  The only rule that can be broken is
 * rule 2, between @node and its parent; push the violation up the tree.
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent, *gparent, *uncle;

	while ((parent = parent_of(node)) && is_red(parent)) {
		/* A red parent is never the root, so the grandparent exists. */
		gparent = parent_of(parent);

		if (parent == gparent->rb_left) {
			uncle = gparent->rb_right;
			if (is_red(uncle)) {
				/* Recolour and continue from the grandparent. */
				set_color(parent, RB_BLACK);
				set_color(uncle, RB_BLACK);
				set_color(gparent, RB_RED);
				node = gparent;
				continue;
			}
			if (node == parent->rb_right) {
				/* Make it the outer grandchild first. */
				rotate_left(parent, root);
				node = parent;
				parent = parent_of(node);
			}
			set_color(parent, RB_BLACK);
			set_color(gparent, RB_RED);
			rotate_right(gparent, root);
		} else {
			uncle = gparent->rb_left;
			if (is_red(uncle)) {
				set_color(parent, RB_BLACK);
				set_color(uncle, RB_BLACK);
				set_color(gparent, RB_RED);
				node = gparent;
				continue;
			}
			if (node == parent->rb_left) {
				rotate_right(parent, root);
				node = parent;
				parent = parent_of(node);
			}
			set_color(parent, RB_BLACK);
			set_color(gparent, RB_RED);
			rotate_left(gparent, root);
		}
	}
	set_color(root->rb_node, RB_BLACK);
}
EXPORT_SYMBOL(rb_insert_color);

/*
 * A black node was taken out from above @node (possibly NULL), whose parent
 * is @parent: every path through @node is one black short.  Either absorb
 * the deficit by turning a red node black, or move it up the tree.
 */
static void erase_fixup(struct rb_node *node, struct rb_node *parent,
			struct rb_root *root)
{
	struct rb_node *sibling;

	while (node != root->rb_node && !is_red(node)) {
		/*
		 * The sibling exists: its side has at least one black node
		 * more than ours.  A NULL @node with a NULL left link is the
		 * left child for the same reason.
		 */
		if (node == parent->rb_left) {
			sibling = parent->rb_right;
			if (is_red(sibling)) {
				set_color(sibling, RB_BLACK);
				set_color(parent, RB_RED);
				rotate_left(parent, root);
				sibling = parent->rb_right;
			}
			if (!is_red(sibling->rb_left) && !is_red(sibling->rb_right)) {
				set_color(sibling, RB_RED);
				node = parent;
				parent = parent_of(node);
				continue;
			}
			if (!is_red(sibling->rb_right)) {
				set_color(sibling->rb_left, RB_BLACK);
				set_color(sibling, RB_RED);
				rotate_right(sibling, root);
				sibling = parent->rb_right;
			}
			set_color(sibling, color_of(parent));
			set_color(parent, RB_BLACK);
			set_color(sibling->rb_right, RB_BLACK);
			rotate_left(parent, root);
		} else {
			sibling = parent->rb_left;
			if (is_red(sibling)) {
				set_color(sibling, RB_BLACK);
				set_color(parent, RB_RED);
				rotate_right(parent, root);
				sibling = parent->rb_left;
			}
			if (!is_red(sibling->rb_left) && !is_red(sibling->rb_right)) {
				set_color(sibling, RB_RED);
				node = parent;
				parent = parent_of(node);
				continue;
			}
			if (!is_red(sibling->rb_left)) {
				set_color(sibling->rb_right, RB_BLACK);
				set_color(sibling, RB_RED);
				rotate_left(sibling, root);
				sibling = parent->rb_left;
			}
			set_color(sibling, color_of(parent));
			set_color(parent, RB_BLACK);
			set_color(sibling->rb_left, RB_BLACK);
			rotate_right(parent, root);
		}
		/* The deficit is gone. */
		return;
	}
	if (node)
		set_color(node, RB_BLACK);
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *child, *parent, *succ;
	unsigned long removed_color;

	if (!node->rb_left || !node->rb_right) {
		/* At most one child: it takes @node's place. */
		child = node->rb_left ? node->rb_left : node->rb_right;
		parent = parent_of(node);
		removed_color = color_of(node);
		replace_child(node, child, parent, root);
		if (child)
			set_parent(child, parent);
	} else {
		/*
		 * Two children: the in-order successor (leftmost of the right
		 * subtree, which has no left child) takes @node's place and
		 * colour; the tree loses a node where the successor was.
		 */
		succ = node->rb_right;
		while (succ->rb_left)
			succ = succ->rb_left;
		removed_color = color_of(succ);
		child = succ->rb_right;

		if (parent_of(succ) == node) {
			parent = succ;
		} else {
			parent = parent_of(succ);
			parent->rb_left = child;
			if (child)
				set_parent(child, parent);
			succ->rb_right = node->rb_right;
			set_parent(node->rb_right, succ);
		}
		replace_child(node, succ, parent_of(node), root);
		succ->__rb_parent_color = node->__rb_parent_color;
		succ->rb_left = node->rb_left;
		set_parent(node->rb_left, succ);
	}

	if (removed_color == RB_BLACK)
		erase_fixup(child, parent, root);
}
EXPORT_SYMBOL(rb_erase);

struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_left)
		n = n->rb_left;
	return n;
}
EXPORT_SYMBOL(rb_first);

struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_right)
		n = n->rb_right;
	return n;
}
EXPORT_SYMBOL(rb_last);

struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;

	/* Smallest node of the right subtree, if there is one... */
	if (node->rb_right) {
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}

	/* ...else the first ancestor we reach from its left side. */
	while ((parent = parent_of(node)) && node == parent->rb_right)
		node = parent;
	return parent;
}
EXPORT_SYMBOL(rb_next);

struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;

	if (node->rb_left) {
		node = node->rb_left;
		while (node->rb_right)
			node = node->rb_right;
		return (struct rb_node *)node;
	}

	while ((parent = parent_of(node)) && node == parent->rb_left)
		node = parent;
	return parent;
}
EXPORT_SYMBOL(rb_prev);

void rb_replace_node(struct rb_node *victim, struct rb_node *new,
		     struct rb_root *root)
{
	struct rb_node *parent = parent_of(victim);

	*new = *victim;
	if (victim->rb_left)
		set_parent(victim->rb_left, new);
	if (victim->rb_right)
		set_parent(victim->rb_right, new);
	replace_child(victim, new, parent, root);
}
EXPORT_SYMBOL(rb_replace_node);

/*
 * The RCU flavour publishes @new only once it is complete, so a lockless
 * reader sees either the old node or the whole new one.
 */
void rb_replace_node_rcu(struct rb_node *victim, struct rb_node *new,
			 struct rb_root *root)
{
	struct rb_node *parent = parent_of(victim);
	struct rb_node **link;

	*new = *victim;
	if (victim->rb_left)
		set_parent(victim->rb_left, new);
	if (victim->rb_right)
		set_parent(victim->rb_right, new);
	if (!parent)
		link = &root->rb_node;
	else if (parent->rb_left == victim)
		link = &parent->rb_left;
	else
		link = &parent->rb_right;
	__atomic_store_n(link, new, __ATOMIC_RELEASE);
}
EXPORT_SYMBOL(rb_replace_node_rcu);

/* The first node of @node's subtree in post-order: keep going down, left first. */
static struct rb_node *deepest_left(const struct rb_node *node)
{
	for (;;) {
		if (node->rb_left)
			node = node->rb_left;
		else if (node->rb_right)
			node = node->rb_right;
		else
			return (struct rb_node *)node;
	}
}

struct rb_node *rb_next_postorder(const struct rb_node *node)
{
	const struct rb_node *parent;

	if (!node)
		return NULL;
	parent = parent_of(node);

	/* From a left child, the right subtree comes before the parent. */
	if (parent && node == parent->rb_left && parent->rb_right)
		return deepest_left(parent->rb_right);
	return (struct rb_node *)parent;
}
EXPORT_SYMBOL(rb_next_postorder);

struct rb_node *rb_first_postorder(const struct rb_root *root)
{
	if (!root->rb_node)
		return NULL;
	return deepest_left(root->rb_node);
}
EXPORT_SYMBOL(rb_first_postorder);
