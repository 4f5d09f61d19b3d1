// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/lib/xarray.c - the XArray as a radix tree of 64-slot nodes.
 *
 * xa_head is NULL or the root node; a node with shift s holds, in slot i,
 * the child covering indices [i << s, (i + 1) << s) of its range (a node at
 * shift 0 holds the entries themselves).  The tree grows a new root when an
 * index beyond its reach is stored, and a node that becomes empty is
 * unlinked and freed after an RCU grace period, so xa_load() may walk it
 * under rcu_read_lock() alone.  Each node keeps, per mark, a bitmap of the
 * slots below which some entry has the mark, so marked searches skip
 * unmarked subtrees.  Free-slot search for xa_alloc() is a plain scan.
 */
#include <linux/kernel.h>
#include <linux/xarray.h>
#include <linux/slab.h>
#include <linux/bitops.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/export.h>

#define XA_CHUNK_SHIFT	6
#define XA_CHUNK_SIZE	(1UL << XA_CHUNK_SHIFT)
#define XA_CHUNK_MASK	(XA_CHUNK_SIZE - 1)
#define XA_MAX_MARKS	3

struct xa_node {
	unsigned char	shift;
	unsigned char	offset;		/* in the parent */
	unsigned char	count;		/* non-NULL slots */
	struct xa_node	*parent;
	void __rcu	*slots[XA_CHUNK_SIZE];
	unsigned long	marks[XA_MAX_MARKS];
	struct rcu_head	rcu;
};

/* ---- locking as the array was initialised ---- */

static void lock_xa(struct xarray *xa)
{
	if (xa->xa_flags & XA_FLAGS_LOCK_IRQ)
		xa_lock_irq(xa);
	else if (xa->xa_flags & XA_FLAGS_LOCK_BH)
		xa_lock_bh(xa);
	else
		xa_lock(xa);
}

static void unlock_xa(struct xarray *xa)
{
	if (xa->xa_flags & XA_FLAGS_LOCK_IRQ)
		xa_unlock_irq(xa);
	else if (xa->xa_flags & XA_FLAGS_LOCK_BH)
		xa_unlock_bh(xa);
	else
		xa_unlock(xa);
}

/* ---- nodes ---- */

static unsigned long node_span(const struct xa_node *node)
{
	return node->shift + XA_CHUNK_SHIFT >= BITS_PER_LONG ?
		0 : XA_CHUNK_SIZE << node->shift;	/* 0: everything */
}

static bool root_covers(const struct xa_node *root, unsigned long index)
{
	unsigned long span = node_span(root);

	return !span || index < span;
}

static void node_free_rcu(struct rcu_head *head)
{
	kfree(container_of(head, struct xa_node, rcu));
}

/*
 * A new node, allocated with @gfp.  A sleeping allocation drops the
 * array's lock around it (the caller then re-walks the tree).
 */
static struct xa_node *node_alloc(struct xarray *xa, gfp_t gfp, bool *dropped)
{
	struct xa_node *node;

	if (gfpflags_allow_blocking(gfp)) {
		unlock_xa(xa);
		node = kzalloc(sizeof(*node), gfp);
		lock_xa(xa);
		*dropped = true;
	} else {
		node = kzalloc(sizeof(*node), gfp | __GFP_NOWARN);
	}
	return node;
}

/* Set @mark on the path from @node's slot @offset up to the root. */
static void mark_up(struct xa_node *node, unsigned int offset, unsigned int mark)
{
	while (node) {
		if (test_bit(offset, &node->marks[mark]))
			return;
		__set_bit(offset, &node->marks[mark]);
		offset = node->offset;
		node = node->parent;
	}
}

/* Clear @mark at @node's slot @offset, and above while nothing remains. */
static void unmark_up(struct xa_node *node, unsigned int offset, unsigned int mark)
{
	while (node) {
		__clear_bit(offset, &node->marks[mark]);
		if (node->marks[mark])
			return;
		offset = node->offset;
		node = node->parent;
	}
}

/* The leaf node holding @index, or NULL. */
static struct xa_node *leaf_of(struct xarray *xa, unsigned long index)
{
	struct xa_node *node = rcu_dereference_raw(xa->xa_head);

	if (!node || !root_covers(node, index))
		return NULL;
	while (node->shift) {
		node = rcu_dereference_raw(node->slots[(index >> node->shift) &
							XA_CHUNK_MASK]);
		if (!node)
			return NULL;
	}
	return node;
}

/* Unlink @node (empty) and every ancestor it leaves empty. */
static void delete_empty(struct xarray *xa, struct xa_node *node)
{
	while (node && !node->count) {
		struct xa_node *parent = node->parent;
		unsigned int m;

		if (parent) {
			RCU_INIT_POINTER(parent->slots[node->offset], NULL);
			parent->count--;
			for (m = 0; m < XA_MAX_MARKS; m++)
				if (test_bit(node->offset, &parent->marks[m]))
					unmark_up(parent, node->offset, m);
		} else {
			RCU_INIT_POINTER(xa->xa_head, NULL);
		}
		call_rcu(&node->rcu, node_free_rcu);
		node = parent;
	}
}

/*
 * The leaf slot for @index, creating nodes (and a taller root) as needed
 * from *@spare.  Returns NULL with *@err = -EAGAIN when it needs a spare
 * node first: the caller allocates one (perhaps dropping the lock, which
 * is why the walk starts over) and calls again.
 */
static struct xa_node *leaf_create(struct xarray *xa, unsigned long index,
				   struct xa_node **spare, int *err)
{
	struct xa_node *node, *fresh;
	unsigned int m;

	for (;;) {
		node = rcu_dereference_protected(xa->xa_head, 1);
		if (node && root_covers(node, index))
			break;
		fresh = *spare;
		if (!fresh)
			goto need_node;
		*spare = NULL;
		if (!node) {
			/* Start as tall as @index needs. */
			while (fresh->shift + XA_CHUNK_SHIFT < BITS_PER_LONG &&
			       index >> (fresh->shift + XA_CHUNK_SHIFT))
				fresh->shift += XA_CHUNK_SHIFT;
		} else {
			fresh->shift = node->shift + XA_CHUNK_SHIFT;
			node->parent = fresh;
			node->offset = 0;
			RCU_INIT_POINTER(fresh->slots[0], node);
			fresh->count = 1;
			for (m = 0; m < XA_MAX_MARKS; m++)
				if (node->marks[m])
					__set_bit(0, &fresh->marks[m]);
		}
		rcu_assign_pointer(xa->xa_head, fresh);
	}
	while (node->shift) {
		unsigned int off = (index >> node->shift) & XA_CHUNK_MASK;
		struct xa_node *child = rcu_dereference_protected(node->slots[off], 1);

		if (!child) {
			fresh = *spare;
			if (!fresh)
				goto need_node;
			*spare = NULL;
			fresh->shift = node->shift - XA_CHUNK_SHIFT;
			fresh->parent = node;
			fresh->offset = off;
			rcu_assign_pointer(node->slots[off], fresh);
			node->count++;
			child = fresh;
		}
		node = child;
	}
	return node;
need_node:
	*err = -EAGAIN;
	return NULL;
}

/* ---- reads ---- */

void *xa_load(struct xarray *xa, unsigned long index)
{
	struct xa_node *leaf;
	void *entry = NULL;

	rcu_read_lock();
	leaf = leaf_of(xa, index);
	if (leaf)
		entry = rcu_dereference_raw(leaf->slots[index & XA_CHUNK_MASK]);
	rcu_read_unlock();
	return xa_is_zero(entry) ? NULL : entry;
}
EXPORT_SYMBOL(xa_load);

/*
 * The first entry at an index in [*@index, @max] (with @mark unless
 * XA_PRESENT) below @node, whose range starts at @base.
 */
static void *find_in(struct xa_node *node, unsigned long base,
		     unsigned long *index, unsigned long max, xa_mark_t mark)
{
	unsigned int off = *index > base ? (*index - base) >> node->shift : 0;

	for (; off < XA_CHUNK_SIZE; off++) {
		unsigned long start = base + ((unsigned long)off << node->shift);
		void *slot;

		if (start > max || (off && start == 0))
			break;
		if (mark != XA_PRESENT &&
		    !test_bit(off, &node->marks[(__force unsigned int)mark]))
			continue;
		slot = rcu_dereference_raw(node->slots[off]);
		if (!slot)
			continue;
		if (!node->shift) {
			if (xa_is_zero(slot))
				continue;
			*index = start;
			return slot;
		}
		slot = find_in(slot, start, index, max, mark);
		if (slot)
			return slot;
	}
	return NULL;
}

void *xa_find(struct xarray *xa, unsigned long *indexp, unsigned long max,
	      xa_mark_t filter)
{
	struct xa_node *root;
	unsigned long index = *indexp;
	void *entry = NULL;

	if (index > max)
		return NULL;
	rcu_read_lock();
	root = rcu_dereference_raw(xa->xa_head);
	if (root && root_covers(root, index))
		entry = find_in(root, 0, &index, max, filter);
	rcu_read_unlock();
	if (entry)
		*indexp = index;
	return entry;
}
EXPORT_SYMBOL(xa_find);

void *xa_find_after(struct xarray *xa, unsigned long *indexp,
		    unsigned long max, xa_mark_t filter)
{
	unsigned long index = *indexp + 1;
	void *entry;

	if (!index || index > max)
		return NULL;
	entry = xa_find(xa, &index, max, filter);
	if (entry)
		*indexp = index;
	return entry;
}
EXPORT_SYMBOL(xa_find_after);

unsigned int xa_extract(struct xarray *xa, void **dst, unsigned long start,
			unsigned long max, unsigned int n, xa_mark_t filter)
{
	unsigned int i = 0;
	void *entry;

	if (!n)
		return 0;
	for (entry = xa_find(xa, &start, max, filter); entry && i < n;
	     entry = xa_find_after(xa, &start, max, filter))
		dst[i++] = entry;
	return i;
}
EXPORT_SYMBOL(xa_extract);

/* ---- marks ---- */

static bool valid_mark(xa_mark_t mark)
{
	return !WARN_ON_ONCE((__force unsigned int)mark >= XA_MAX_MARKS);
}

bool xa_get_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct xa_node *leaf;
	bool ret = false;

	if (!valid_mark(mark))
		return false;
	rcu_read_lock();
	leaf = leaf_of(xa, index);
	if (leaf)
		ret = test_bit(index & XA_CHUNK_MASK,
			       &leaf->marks[(__force unsigned int)mark]);
	rcu_read_unlock();
	return ret;
}
EXPORT_SYMBOL(xa_get_mark);

void __xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct xa_node *leaf = leaf_of(xa, index);

	if (!valid_mark(mark) || !leaf ||
	    !rcu_dereference_protected(leaf->slots[index & XA_CHUNK_MASK], 1))
		return;		/* no entry: no mark, as in the kernel */
	mark_up(leaf, index & XA_CHUNK_MASK, (__force unsigned int)mark);
}
EXPORT_SYMBOL(__xa_set_mark);

void __xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct xa_node *leaf = leaf_of(xa, index);

	if (!valid_mark(mark) || !leaf)
		return;
	if (test_bit(index & XA_CHUNK_MASK, &leaf->marks[(__force unsigned int)mark]))
		unmark_up(leaf, index & XA_CHUNK_MASK, (__force unsigned int)mark);
}
EXPORT_SYMBOL(__xa_clear_mark);

void xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	lock_xa(xa);
	__xa_set_mark(xa, index, mark);
	unlock_xa(xa);
}
EXPORT_SYMBOL(xa_set_mark);

void xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	lock_xa(xa);
	__xa_clear_mark(xa, index, mark);
	unlock_xa(xa);
}
EXPORT_SYMBOL(xa_clear_mark);

/* ---- updates (xa_lock held) ---- */

static bool track_free(const struct xarray *xa)
{
	return xa->xa_flags & XA_FLAGS_TRACK_FREE;
}

void *__xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	struct xa_node *leaf, *spare = NULL;
	unsigned int off = index & XA_CHUNK_MASK, m;
	bool dropped = false;
	void *old;
	int err;

	if (WARN_ON_ONCE(xa_is_internal(entry) && !xa_is_zero(entry)))
		return xa_mk_internal(-EINVAL);
	/* An allocating array keeps index 0 busy with a zero entry. */
	if (!entry && track_free(xa) && (xa->xa_flags & XA_FLAGS_ZERO_BUSY) &&
	    index == 0)
		entry = XA_ZERO_ENTRY;
	if (!entry) {
		leaf = leaf_of(xa, index);
		if (!leaf)
			return NULL;
		old = rcu_dereference_protected(leaf->slots[off], 1);
		if (!old)
			return NULL;
		RCU_INIT_POINTER(leaf->slots[off], NULL);
		leaf->count--;
		for (m = 0; m < XA_MAX_MARKS; m++)
			if (test_bit(off, &leaf->marks[m]))
				unmark_up(leaf, off, m);
		delete_empty(xa, leaf);
		return xa_is_zero(old) ? NULL : old;
	}
	for (;;) {
		leaf = leaf_create(xa, index, &spare, &err);
		if (leaf)
			break;
		spare = node_alloc(xa, gfp, &dropped);
		if (!spare)
			return xa_mk_internal(-ENOMEM);
	}
	kfree(spare);
	old = rcu_dereference_protected(leaf->slots[off], 1);
	rcu_assign_pointer(leaf->slots[off], entry);
	if (!old)
		leaf->count++;
	return xa_is_zero(old) ? NULL : old;
}
EXPORT_SYMBOL(__xa_store);

void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	void *curr;

	lock_xa(xa);
	curr = __xa_store(xa, index, entry, gfp);
	unlock_xa(xa);
	return curr;
}
EXPORT_SYMBOL(xa_store);

void *__xa_erase(struct xarray *xa, unsigned long index)
{
	return __xa_store(xa, index, NULL, 0);
}
EXPORT_SYMBOL(__xa_erase);

void *xa_erase(struct xarray *xa, unsigned long index)
{
	void *entry;

	lock_xa(xa);
	entry = __xa_erase(xa, index);
	unlock_xa(xa);
	return entry;
}
EXPORT_SYMBOL(xa_erase);

/* The raw slot content (XA_ZERO_ENTRY included), lock held. */
static void *raw_load(struct xarray *xa, unsigned long index)
{
	struct xa_node *leaf = leaf_of(xa, index);

	return leaf ? rcu_dereference_protected(leaf->slots[index & XA_CHUNK_MASK], 1)
		    : NULL;
}

void *__xa_cmpxchg(struct xarray *xa, unsigned long index, void *old,
		   void *entry, gfp_t gfp)
{
	/* Compared raw, so xa_reserve()/xa_release() see XA_ZERO_ENTRY. */
	void *curr = raw_load(xa, index);

	if (curr == old) {
		void *res = __xa_store(xa, index, entry, gfp);

		if (xa_is_err(res))
			return res;
	}
	return xa_is_zero(curr) ? NULL : curr;
}
EXPORT_SYMBOL(__xa_cmpxchg);

void *xa_cmpxchg(struct xarray *xa, unsigned long index, void *old,
		 void *entry, gfp_t gfp)
{
	void *curr;

	lock_xa(xa);
	curr = __xa_cmpxchg(xa, index, old, entry, gfp);
	unlock_xa(xa);
	return curr;
}
EXPORT_SYMBOL(xa_cmpxchg);

int __xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	void *curr;

	if (!entry)
		entry = XA_ZERO_ENTRY;
	if (raw_load(xa, index))
		return -EBUSY;
	curr = __xa_store(xa, index, entry, gfp);
	return xa_err(curr);
}
EXPORT_SYMBOL(__xa_insert);

int xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	int err;

	lock_xa(xa);
	err = __xa_insert(xa, index, entry, gfp);
	unlock_xa(xa);
	return err;
}
EXPORT_SYMBOL(xa_insert);

/* The first unused index in [min, max], or -EBUSY. */
static int find_free(struct xarray *xa, u32 min, u32 max, u32 *id)
{
	u64 i;

	for (i = min; i <= max; i++) {
		if (!raw_load(xa, i)) {
			*id = (u32)i;
			return 0;
		}
	}
	return -EBUSY;
}

int __xa_alloc(struct xarray *xa, u32 *id, void *entry,
	       struct xa_limit limit, gfp_t gfp)
{
	void *curr;
	int err;

	if (WARN_ON_ONCE(!track_free(xa)))
		return -EINVAL;
	if (WARN_ON_ONCE(xa_is_internal(entry)))
		return -EINVAL;
	if ((xa->xa_flags & XA_FLAGS_ZERO_BUSY) && limit.min == 0)
		limit.min = 1;
	err = find_free(xa, limit.min, limit.max, id);
	if (err)
		return err;
	curr = __xa_store(xa, *id, entry ? entry : XA_ZERO_ENTRY, gfp);
	return xa_err(curr);
}
EXPORT_SYMBOL(__xa_alloc);

int xa_alloc(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit,
	     gfp_t gfp)
{
	int err;

	lock_xa(xa);
	err = __xa_alloc(xa, id, entry, limit, gfp);
	unlock_xa(xa);
	return err;
}
EXPORT_SYMBOL(xa_alloc);

/* 0, or 1 when the search wrapped past @limit.max; -EBUSY when full. */
int __xa_alloc_cyclic(struct xarray *xa, u32 *id, void *entry,
		      struct xa_limit limit, u32 *next, gfp_t gfp)
{
	u32 min = limit.min;
	int ret;

	limit.min = max(min, *next);
	ret = __xa_alloc(xa, id, entry, limit, gfp);
	if ((xa->xa_flags & XA_FLAGS_ALLOC_WRAPPED) && ret == 0) {
		xa->xa_flags &= ~XA_FLAGS_ALLOC_WRAPPED;
		ret = 1;
	}
	if (ret < 0 && limit.min > min) {
		limit.min = min;
		ret = __xa_alloc(xa, id, entry, limit, gfp);
		if (ret == 0)
			ret = 1;
	}
	if (ret >= 0) {
		*next = *id + 1;
		if (*next == 0)
			xa->xa_flags |= XA_FLAGS_ALLOC_WRAPPED;
	}
	return ret;
}
EXPORT_SYMBOL(__xa_alloc_cyclic);

int xa_alloc_cyclic(struct xarray *xa, u32 *id, void *entry,
		    struct xa_limit limit, u32 *next, gfp_t gfp)
{
	int ret;

	lock_xa(xa);
	ret = __xa_alloc_cyclic(xa, id, entry, limit, next, gfp);
	unlock_xa(xa);
	return ret;
}
EXPORT_SYMBOL(xa_alloc_cyclic);

void *xa_store_range(struct xarray *xa, unsigned long first,
		     unsigned long last, void *entry, gfp_t gfp)
{
	unsigned long i = first;
	void *curr = NULL;

	lock_xa(xa);
	do {
		curr = __xa_store(xa, i, entry, gfp);
		if (xa_is_err(curr))
			break;
	} while (i++ != last);
	unlock_xa(xa);
	return xa_is_err(curr) ? curr : NULL;
}
EXPORT_SYMBOL(xa_store_range);

static void free_tree(struct xa_node *node)
{
	unsigned int i;

	if (node->shift)
		for (i = 0; i < XA_CHUNK_SIZE; i++)
			if (node->slots[i])
				free_tree(rcu_dereference_protected(node->slots[i], 1));
	call_rcu(&node->rcu, node_free_rcu);
}

void xa_destroy(struct xarray *xa)
{
	struct xa_node *root;

	lock_xa(xa);
	root = rcu_dereference_protected(xa->xa_head, 1);
	RCU_INIT_POINTER(xa->xa_head, NULL);
	unlock_xa(xa);
	if (root)
		free_tree(root);
}
EXPORT_SYMBOL(xa_destroy);
