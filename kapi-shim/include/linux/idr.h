/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * linux/idr.h - small integer ids (lib/idr.c).
 *
 * An idr maps ids to pointers and hands out the lowest free id in a range.
 * As in the kernel, the caller serializes every call on one idr (a lock of
 * its own); idr_find() may race only with nothing that frees the entry.
 *
 * An ida hands out ids with no pointer attached and locks internally, so
 * ida_alloc()/ida_free() may be called from any context (with a gfp mask
 * that fits the context).
 *
 * ksim keeps both in a radix tree of 64-way nodes of its own (not the
 * kernel's xarray): each node has a bitmap of full subtrees, so finding the
 * lowest free id costs O(log64 n) whatever the number of ids in use.
 */
#ifndef __IDR_H__
#define __IDR_H__

#include <linux/types.h>
#include <linux/bug.h>
#include <linux/limits.h>
#include <linux/gfp.h>

struct ksim_idr_node;

struct idr {
	struct ksim_idr_node *idr_top;	/* NULL when no id was ever allocated */
	unsigned int idr_height;	/* levels below idr_top, 0 for none */
	unsigned int idr_base;		/* lowest id idr_alloc() returns */
	unsigned int idr_next;		/* where idr_alloc_cyclic() resumes */
	unsigned int idr_count;		/* ids allocated */
};

#define IDR_INIT_BASE(name, base) {					\
	.idr_top = NULL, .idr_height = 0, .idr_base = (base),		\
	.idr_next = 0, .idr_count = 0,					\
}
#define IDR_INIT(name)	IDR_INIT_BASE(name, 0)
#define DEFINE_IDR(name)	struct idr name = IDR_INIT(name)

static inline void idr_init_base(struct idr *idr, int base)
{
	*idr = (struct idr)IDR_INIT_BASE(*idr, base);
}

static inline void idr_init(struct idr *idr)
{
	idr_init_base(idr, 0);
}

static inline unsigned int idr_get_cursor(const struct idr *idr)
{
	return READ_ONCE(idr->idr_next);
}

static inline void idr_set_cursor(struct idr *idr, unsigned int val)
{
	WRITE_ONCE(idr->idr_next, val);
}

/* Nothing to preallocate: the tree allocates with the caller's gfp mask. */
static inline void idr_preload(gfp_t gfp_mask)
{
}

static inline void idr_preload_end(void)
{
}

/*
 * Store @ptr (may be NULL, which reserves the id) under the lowest free id
 * in [@start, @end); @end <= 0 means up to INT_MAX.  Returns the id,
 * -ENOSPC when the range is full, -ENOMEM, -EINVAL for @start < 0.
 */
int idr_alloc(struct idr *idr, void *ptr, int start, int end, gfp_t gfp);
/* Like idr_alloc() with an inclusive u32 @max; the id is stored in *@nextid. */
int __must_check idr_alloc_u32(struct idr *idr, void *ptr, u32 *nextid,
			       unsigned long max, gfp_t gfp);
/* Like idr_alloc(), starting after the last id it handed out and wrapping. */
int idr_alloc_cyclic(struct idr *idr, void *ptr, int start, int end, gfp_t gfp);
/* Remove @id; returns what it held (NULL if it was not allocated). */
void *idr_remove(struct idr *idr, unsigned long id);
void *idr_find(const struct idr *idr, unsigned long id);
/* Call @fn for every non-NULL entry in id order; stop at a non-zero return. */
int idr_for_each(const struct idr *idr,
		 int (*fn)(int id, void *p, void *data), void *data);
/* The first non-NULL entry at or after *@nextid, storing its id there. */
void *idr_get_next(struct idr *idr, int *nextid);
void *idr_get_next_ul(struct idr *idr, unsigned long *nextid);
/* Returns the old pointer, or ERR_PTR(-ENOENT) if @id is not allocated. */
void *idr_replace(struct idr *idr, void *ptr, unsigned long id);
/* Free the idr's own memory; the entries are the caller's. */
void idr_destroy(struct idr *idr);

static inline bool idr_is_empty(const struct idr *idr)
{
	return idr->idr_count == 0;
}

#define idr_for_each_entry(idr, entry, id)			\
	for (id = 0; ((entry) = idr_get_next(idr, &(id))) != NULL; id += 1U)

#define idr_for_each_entry_ul(idr, entry, tmp, id)			\
	for (tmp = 0, id = 0;						\
	     ((entry) = tmp <= id ? idr_get_next_ul(idr, &(id)) : NULL) != NULL; \
	     tmp = id, ++id)

#define idr_for_each_entry_continue(idr, entry, id)			\
	for ((entry) = idr_get_next((idr), &(id));			\
	     entry;							\
	     ++id, (entry) = idr_get_next((idr), &(id)))

#define idr_for_each_entry_continue_ul(idr, entry, tmp, id)		\
	for (tmp = id;							\
	     ((entry) = tmp <= id ? idr_get_next_ul(idr, &(id)) : NULL) != NULL; \
	     tmp = id, ++id)

/* ---- ida ---- */

struct ida {
	struct idr ida_idr;
	u32 ida_lock;		/* a struct ksim_lock word (lib/idr.c) */
};

#define IDA_INIT(name)	{ .ida_idr = IDR_INIT(name.ida_idr), .ida_lock = 0 }
#define DEFINE_IDA(name)	struct ida name = IDA_INIT(name)

static inline void ida_init(struct ida *ida)
{
	idr_init(&ida->ida_idr);
	ida->ida_lock = 0;
}

/*
 * The lowest free id in [@min, @max] (@max above INT_MAX means INT_MAX).
 * Returns it, -ENOSPC when the range is full, -ENOMEM.
 */
int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max,
		    gfp_t gfp);
/* WARNs, as the kernel does, when @id is not allocated. */
void ida_free(struct ida *ida, unsigned int id);
void ida_destroy(struct ida *ida);
bool ida_is_empty(const struct ida *ida);

static inline int ida_alloc(struct ida *ida, gfp_t gfp)
{
	return ida_alloc_range(ida, 0, ~0, gfp);
}

static inline int ida_alloc_min(struct ida *ida, unsigned int min, gfp_t gfp)
{
	return ida_alloc_range(ida, min, ~0, gfp);
}

static inline int ida_alloc_max(struct ida *ida, unsigned int max, gfp_t gfp)
{
	return ida_alloc_range(ida, 0, max, gfp);
}

/* The old names; @end is exclusive, 0 meaning no limit. */
#define ida_simple_get(ida, start, end, gfp)	\
			ida_alloc_range(ida, start, (end) - 1, gfp)
#define ida_simple_remove(ida, id)	ida_free(ida, id)

#endif
