// SPDX-License-Identifier: GPL-2.0-only
/*
 * lib/idr.c - id allocation: idr (id -> pointer) and ida (ids alone).
 *
 * Both sit on one radix tree of 64-slot nodes.  A tree of height h holds
 * indexes [0, 64^h); a leaf (level 1) holds the entries themselves.  Every
 * node keeps two bitmaps over its slots:
 *	used	leaf: the index is allocated (its entry may be NULL);
 *		inner: the child node exists (holds at least one index).
 *	full	leaf: same as used; inner: the child's subtree has no free
 *		index left.
 * "full" lets the lowest free index be found by following the first clear
 * bit down the tree, so allocation is O(height) however many ids are in
 * use; a node is freed as soon as it holds no index.
 *
 * Indexes are ids minus idr_base.  Nodes come from kzalloc() with the
 * caller's gfp mask, so allocation-failure injection reaches idr_alloc()
 * (-ENOMEM) as in the kernel, and an idr never destroyed shows up as a
 * leak.
 *
 * Locking: an idr is the caller's to serialize (as in the kernel).  An ida
 * takes its own ksim_lock (the shim's plain sleeping lock, usable in any
 * context, invisible to lockdep) kept in struct ida as a bare u32 word,
 * since kernel-world headers cannot see struct ksim_lock.
 */
#include <linux/idr.h>
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/export.h>
#include <linux/bitops.h>
#include <linux/minmax.h>

#include "internal.h"

#define IDR_NODE_SHIFT	6
#define IDR_NODE_SLOTS	(1UL << IDR_NODE_SHIFT)
#define IDR_NODE_MASK	(IDR_NODE_SLOTS - 1)
/* 6 levels of 6 bits cover every u32 id. */
#define IDR_MAX_HEIGHT	6
#define IDR_NONE	(~0UL)

struct ksim_idr_node {
	unsigned long used;
	unsigned long full;
	void *slots[IDR_NODE_SLOTS];
};

static inline unsigned int level_shift(unsigned int level)
{
	return (level - 1) * IDR_NODE_SHIFT;
}

/* Indexes a tree of @height can hold. */
static inline unsigned long capacity(unsigned int height)
{
	return height ? 1UL << (height * IDR_NODE_SHIFT) : 0;
}

static inline unsigned int slot_of(unsigned long index, unsigned int level)
{
	return (index >> level_shift(level)) & IDR_NODE_MASK;
}

/*
 * The lowest free index >= @start in the subtree of @node, which sits at
 * @level and covers indexes from @base.  IDR_NONE when there is none.
 */
static unsigned long subtree_find_free(const struct ksim_idr_node *node,
				       unsigned int level, unsigned long base,
				       unsigned long start)
{
	unsigned int shift = level_shift(level);
	unsigned long i = (start - base) >> shift;
	unsigned long child_base, free, r;

	while (i < IDR_NODE_SLOTS) {
		free = ~node->full & (~0UL << i);
		if (!free)
			return IDR_NONE;
		i = __ffs(free);
		child_base = base + (i << shift);
		if (level == 1)
			return child_base;
		if (!node->slots[i])
			return max(start, child_base);
		/* Only the slot holding @start can be non-full yet fail. */
		r = subtree_find_free(node->slots[i], level - 1, child_base,
				      max(start, child_base));
		if (r != IDR_NONE)
			return r;
		i++;
	}
	return IDR_NONE;
}

static unsigned long find_free(const struct idr *idr, unsigned long start)
{
	unsigned long r;

	if (!idr->idr_top || start >= capacity(idr->idr_height))
		return start;
	r = subtree_find_free(idr->idr_top, idr->idr_height, 0, start);
	return r == IDR_NONE ? capacity(idr->idr_height) : r;
}

/*
 * Nodes tree_insert() must add to hold @index: the new top levels, then
 * every missing node on the path down.  Under the new top levels the path
 * exists only along slot 0, which leads to the old top.
 */
static unsigned int nodes_needed(const struct idr *idr, unsigned long index,
				 unsigned int *new_height)
{
	unsigned int height = idr->idr_height ? idr->idr_height : 1;
	struct ksim_idr_node *node;
	unsigned int level, need;

	while (index >= capacity(height))
		height++;
	*new_height = height;

	if (!idr->idr_top)
		return height;
	need = height - idr->idr_height;
	for (level = height; level > idr->idr_height; level--)
		if (slot_of(index, level) != 0)
			return need + level - 1;
	node = idr->idr_top;
	for (level = idr->idr_height; level > 1; level--) {
		node = node->slots[slot_of(index, level)];
		if (!node)
			return need + level - 1;
	}
	return need;
}

/* Store @ptr at the free @index, allocating nodes; 0 or -ENOMEM. */
static int tree_insert(struct idr *idr, unsigned long index, void *ptr,
		       gfp_t gfp)
{
	struct ksim_idr_node *spare[2 * IDR_MAX_HEIGHT];
	struct ksim_idr_node *path[IDR_MAX_HEIGHT + 1];
	struct ksim_idr_node *node;
	unsigned int height, need, n, level, slot;

	/* Allocate everything first, so a failure leaves the tree as it was. */
	need = nodes_needed(idr, index, &height);
	for (n = 0; n < need; n++) {
		spare[n] = kzalloc(sizeof(struct ksim_idr_node), gfp);
		if (!spare[n])
			goto nomem;
	}

	if (!idr->idr_top) {
		idr->idr_top = spare[--n];
		idr->idr_height = height;
	}
	while (idr->idr_height < height) {
		node = spare[--n];
		node->slots[0] = idr->idr_top;
		node->used = 1;
		if (idr->idr_top->full == ~0UL)
			node->full = 1;
		idr->idr_top = node;
		idr->idr_height++;
	}

	node = idr->idr_top;
	for (level = idr->idr_height; level > 1; level--) {
		path[level] = node;
		slot = slot_of(index, level);
		if (!node->slots[slot]) {
			node->slots[slot] = spare[--n];
			node->used |= 1UL << slot;
		}
		node = node->slots[slot];
	}
	path[1] = node;
	slot = slot_of(index, 1);
	node->slots[slot] = ptr;
	node->used |= 1UL << slot;
	node->full |= 1UL << slot;

	/* A node that just became full marks its slot in the parent. */
	for (level = 1; level < idr->idr_height; level++) {
		if (path[level]->full != ~0UL)
			break;
		path[level + 1]->full |= 1UL << slot_of(index, level + 1);
	}
	idr->idr_count++;
	return 0;

nomem:
	while (n--)
		kfree(spare[n]);
	return -ENOMEM;
}

/* The leaf holding @index, or NULL. */
static struct ksim_idr_node *find_leaf(const struct idr *idr, unsigned long index)
{
	struct ksim_idr_node *node = idr->idr_top;
	unsigned int level;

	if (!node || index >= capacity(idr->idr_height))
		return NULL;
	for (level = idr->idr_height; level > 1 && node; level--)
		node = node->slots[slot_of(index, level)];
	return node;
}

static bool index_used(const struct idr *idr, unsigned long index)
{
	struct ksim_idr_node *leaf = find_leaf(idr, index);

	return leaf && (leaf->used & (1UL << slot_of(index, 1)));
}

/* Free @index (which must be allocated) and every node left empty. */
static void *tree_remove(struct idr *idr, unsigned long index)
{
	struct ksim_idr_node *path[IDR_MAX_HEIGHT + 1];
	struct ksim_idr_node *node = idr->idr_top;
	unsigned int level, slot;
	void *entry;

	for (level = idr->idr_height; level > 1; level--) {
		path[level] = node;
		node = node->slots[slot_of(index, level)];
	}
	path[1] = node;
	slot = slot_of(index, 1);
	entry = node->slots[slot];
	node->slots[slot] = NULL;
	node->used &= ~(1UL << slot);
	node->full &= ~(1UL << slot);

	for (level = 2; level <= idr->idr_height; level++) {
		slot = slot_of(index, level);
		path[level]->full &= ~(1UL << slot);
		if (!path[level - 1]->used) {
			kfree(path[level - 1]);
			path[level]->slots[slot] = NULL;
			path[level]->used &= ~(1UL << slot);
		}
	}
	if (!idr->idr_top->used) {
		kfree(idr->idr_top);
		idr->idr_top = NULL;
		idr->idr_height = 0;
	}
	idr->idr_count--;
	return entry;
}

int idr_alloc_u32(struct idr *idr, void *ptr, u32 *nextid, unsigned long max,
		  gfp_t gfp)
{
	unsigned int base = idr->idr_base;
	unsigned long start, index;
	int err;

	if (max > U32_MAX)
		max = U32_MAX;
	if (max < base)
		return -ENOSPC;
	start = *nextid < base ? 0 : *nextid - base;
	index = find_free(idr, start);
	if (index > max - base)
		return -ENOSPC;
	err = tree_insert(idr, index, ptr, gfp);
	if (err)
		return err;
	*nextid = index + base;
	return 0;
}
EXPORT_SYMBOL_GPL(idr_alloc_u32);

int idr_alloc(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
	u32 id = start;
	int ret;

	if (WARN_ON_ONCE(start < 0))
		return -EINVAL;
	ret = idr_alloc_u32(idr, ptr, &id, end > 0 ? end - 1 : INT_MAX, gfp);
	if (ret)
		return ret;
	return id;
}
EXPORT_SYMBOL_GPL(idr_alloc);

int idr_alloc_cyclic(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
	u32 id = idr->idr_next;
	int max = end > 0 ? end - 1 : INT_MAX;
	int err;

	if (WARN_ON_ONCE(start < 0))
		return -EINVAL;
	if ((int)id < start)
		id = start;
	err = idr_alloc_u32(idr, ptr, &id, max, gfp);
	if (err == -ENOSPC && id > (u32)start) {
		/* Nothing free above the cursor: wrap around to @start. */
		id = start;
		err = idr_alloc_u32(idr, ptr, &id, max, gfp);
	}
	if (err)
		return err;
	idr->idr_next = id + 1;
	return id;
}
EXPORT_SYMBOL(idr_alloc_cyclic);

void *idr_find(const struct idr *idr, unsigned long id)
{
	struct ksim_idr_node *leaf;
	unsigned long index;

	if (id < idr->idr_base)
		return NULL;
	index = id - idr->idr_base;
	leaf = find_leaf(idr, index);
	return leaf ? leaf->slots[slot_of(index, 1)] : NULL;
}
EXPORT_SYMBOL_GPL(idr_find);

void *idr_remove(struct idr *idr, unsigned long id)
{
	unsigned long index;

	if (id < idr->idr_base)
		return NULL;
	index = id - idr->idr_base;
	if (!index_used(idr, index))
		return NULL;
	return tree_remove(idr, index);
}
EXPORT_SYMBOL_GPL(idr_remove);

void *idr_replace(struct idr *idr, void *ptr, unsigned long id)
{
	struct ksim_idr_node *leaf;
	unsigned long index;
	unsigned int slot;
	void *old;

	if (id < idr->idr_base)
		return ERR_PTR(-ENOENT);
	index = id - idr->idr_base;
	leaf = find_leaf(idr, index);
	slot = slot_of(index, 1);
	if (!leaf || !(leaf->used & (1UL << slot)))
		return ERR_PTR(-ENOENT);
	old = leaf->slots[slot];
	leaf->slots[slot] = ptr;
	return old;
}
EXPORT_SYMBOL(idr_replace);

/* The first non-NULL entry at index >= @start below @node; its index in *@out. */
static void *subtree_next(const struct ksim_idr_node *node, unsigned int level,
			  unsigned long base, unsigned long start,
			  unsigned long *out)
{
	unsigned int shift = level_shift(level);
	unsigned long first = start > base ? (start - base) >> shift : 0;
	unsigned long bits = node->used & (~0UL << first);
	unsigned long i, child_base;
	void *entry;

	while (bits) {
		i = __ffs(bits);
		bits &= bits - 1;
		child_base = base + (i << shift);
		if (level == 1) {
			if (node->slots[i]) {
				*out = child_base;
				return node->slots[i];
			}
			continue;
		}
		entry = subtree_next(node->slots[i], level - 1, child_base,
				     max(start, child_base), out);
		if (entry)
			return entry;
	}
	return NULL;
}

void *idr_get_next_ul(struct idr *idr, unsigned long *nextid)
{
	unsigned long base = idr->idr_base;
	unsigned long start, index;
	void *entry;

	start = *nextid < base ? 0 : *nextid - base;
	if (!idr->idr_top || start >= capacity(idr->idr_height))
		return NULL;
	entry = subtree_next(idr->idr_top, idr->idr_height, 0, start, &index);
	if (entry)
		*nextid = index + base;
	return entry;
}
EXPORT_SYMBOL(idr_get_next_ul);

void *idr_get_next(struct idr *idr, int *nextid)
{
	unsigned long id = *nextid < 0 ? 0 : *nextid;
	void *entry = idr_get_next_ul(idr, &id);

	if (WARN_ON_ONCE(id > INT_MAX))
		return NULL;
	if (entry)
		*nextid = id;
	return entry;
}
EXPORT_SYMBOL(idr_get_next);

int idr_for_each(const struct idr *idr,
		 int (*fn)(int id, void *p, void *data), void *data)
{
	unsigned long index = 0;
	void *entry;
	int ret;

	while (idr->idr_top && index < capacity(idr->idr_height)) {
		entry = subtree_next(idr->idr_top, idr->idr_height, 0, index,
				     &index);
		if (!entry)
			break;
		ret = fn(index + idr->idr_base, entry, data);
		if (ret)
			return ret;
		index++;
	}
	return 0;
}
EXPORT_SYMBOL(idr_for_each);

static void free_subtree(struct ksim_idr_node *node, unsigned int level)
{
	unsigned long bits = node->used;

	if (level > 1) {
		while (bits) {
			free_subtree(node->slots[__ffs(bits)], level - 1);
			bits &= bits - 1;
		}
	}
	kfree(node);
}

void idr_destroy(struct idr *idr)
{
	if (idr->idr_top)
		free_subtree(idr->idr_top, idr->idr_height);
	idr->idr_top = NULL;
	idr->idr_height = 0;
	idr->idr_count = 0;
}
EXPORT_SYMBOL(idr_destroy);

/* ---- ida ---- */

static_assert(sizeof(struct ksim_lock) == sizeof(u32), "ida_lock holds a ksim_lock");

static inline struct ksim_lock *ida_lock(const struct ida *ida)
{
	return (struct ksim_lock *)&ida->ida_lock;
}

int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max,
		    gfp_t gfp)
{
	u32 id = min;
	int err;

	if ((int)min < 0)
		return -ENOSPC;
	if ((int)max < 0)
		max = INT_MAX;

	ksim_lock(ida_lock(ida));
	err = idr_alloc_u32(&ida->ida_idr, NULL, &id, max, gfp);
	ksim_unlock(ida_lock(ida));
	return err ? err : (int)id;
}
EXPORT_SYMBOL(ida_alloc_range);

void ida_free(struct ida *ida, unsigned int id)
{
	bool used;

	ksim_lock(ida_lock(ida));
	used = (int)id >= 0 && index_used(&ida->ida_idr, id);
	if (used)
		tree_remove(&ida->ida_idr, id);
	ksim_unlock(ida_lock(ida));

	WARN(!used, "ida_free called for id=%d which is not allocated.\n", id);
}
EXPORT_SYMBOL(ida_free);

void ida_destroy(struct ida *ida)
{
	ksim_lock(ida_lock(ida));
	idr_destroy(&ida->ida_idr);
	ksim_unlock(ida_lock(ida));
}
EXPORT_SYMBOL(ida_destroy);

bool ida_is_empty(const struct ida *ida)
{
	return READ_ONCE(ida->ida_idr.idr_count) == 0;
}
EXPORT_SYMBOL(ida_is_empty);
