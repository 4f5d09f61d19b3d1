/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kunit/resource.h - things a test case owns and KUnit releases when the
 * case ends (in reverse order of creation), whether it passed, failed or
 * was aborted: the Linux 6.1 resource API.  Resources are reference
 * counted; a found resource must be put with kunit_put_resource().
 * (kapi-shim/lib/kunit/resource.c)
 */
#ifndef _KUNIT_RESOURCE_H
#define _KUNIT_RESOURCE_H

#include <kunit/test.h>

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

struct kunit_resource;

typedef int (*kunit_resource_init_t)(struct kunit_resource *, void *);
typedef void (*kunit_resource_free_t)(struct kunit_resource *);

struct kunit_resource {
	void *data;
	const char *name;
	kunit_resource_free_t free;

	/* private: internal use only. */
	struct kref refcount;
	struct list_head node;
	bool should_kfree;
};

static inline void kunit_get_resource(struct kunit_resource *res)
{
	kref_get(&res->refcount);
}

/* The last reference is gone: run the resource's free, then drop it. */
static inline void kunit_release_resource(struct kref *kref)
{
	struct kunit_resource *res = container_of(kref, struct kunit_resource,
						  refcount);
	/* Read before free(): free() may release the memory res lives in. */
	bool should_kfree = res->should_kfree;

	if (res->free)
		res->free(res);
	if (should_kfree)
		kfree(res);
}

static inline void kunit_put_resource(struct kunit_resource *res)
{
	kref_put(&res->refcount, kunit_release_resource);
}

/*
 * Run @init(@res, @data) (if not NULL) and, if it returns 0, add @res to
 * the test's resources.  Returns init's result.
 */
int __kunit_add_resource(struct kunit *test,
			 kunit_resource_init_t init,
			 kunit_resource_free_t free,
			 struct kunit_resource *res,
			 void *data);

/* Add a resource the caller allocated (KUnit will not kfree it). */
static inline int kunit_add_resource(struct kunit *test,
				     kunit_resource_init_t init,
				     kunit_resource_free_t free,
				     struct kunit_resource *res,
				     void *data)
{
	res->should_kfree = false;
	return __kunit_add_resource(test, init, free, res, data);
}

static inline struct kunit_resource *
kunit_find_named_resource(struct kunit *test, const char *name);

/* As kunit_add_resource(), under a unique @name (-EEXIST if taken). */
static inline int kunit_add_named_resource(struct kunit *test,
					   kunit_resource_init_t init,
					   kunit_resource_free_t free,
					   struct kunit_resource *res,
					   const char *name,
					   void *data)
{
	struct kunit_resource *existing;

	if (!name)
		return -EINVAL;
	existing = kunit_find_named_resource(test, name);
	if (existing) {
		kunit_put_resource(existing);
		return -EEXIST;
	}
	res->name = name;
	res->should_kfree = false;
	return __kunit_add_resource(test, init, free, res, data);
}

/*
 * Allocate a resource, initialise it with @init(res, @context) and return
 * it with a reference the caller must put; NULL on failure.
 */
static inline struct kunit_resource *
kunit_alloc_and_get_resource(struct kunit *test,
			     kunit_resource_init_t init,
			     kunit_resource_free_t free,
			     gfp_t internal_gfp,
			     void *context)
{
	struct kunit_resource *res;

	res = kzalloc(sizeof(*res), internal_gfp);
	if (!res)
		return NULL;
	res->should_kfree = true;
	if (__kunit_add_resource(test, init, free, res, context))
		return NULL;
	/* One reference for the test, one for the caller. */
	kunit_get_resource(res);
	return res;
}

/* As kunit_alloc_and_get_resource(), but return res->data, no reference. */
static inline void *kunit_alloc_resource(struct kunit *test,
					 kunit_resource_init_t init,
					 kunit_resource_free_t free,
					 gfp_t internal_gfp,
					 void *context)
{
	struct kunit_resource *res;
	void *data;

	res = kunit_alloc_and_get_resource(test, init, free, internal_gfp, context);
	if (!res)
		return NULL;
	data = res->data;
	/* The test keeps its reference: the resource lives until cleanup. */
	kunit_put_resource(res);
	return data;
}

typedef bool (*kunit_resource_match_t)(struct kunit *test,
				       struct kunit_resource *res,
				       void *match_data);

/* Match a resource by name. */
static inline bool kunit_resource_name_match(struct kunit *test,
					     struct kunit_resource *res,
					     void *match_name)
{
	return res->name && strcmp(res->name, match_name) == 0;
}

/* The newest resource @match accepts, with a reference; NULL if none. */
static inline struct kunit_resource *
kunit_find_resource(struct kunit *test,
		    kunit_resource_match_t match,
		    void *match_data)
{
	struct kunit_resource *res, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&test->lock, flags);
	list_for_each_entry_reverse(res, &test->resources, node) {
		if (match(test, res, match_data)) {
			found = res;
			kunit_get_resource(found);
			break;
		}
	}
	spin_unlock_irqrestore(&test->lock, flags);
	return found;
}

static inline struct kunit_resource *
kunit_find_named_resource(struct kunit *test, const char *name)
{
	return kunit_find_resource(test, kunit_resource_name_match, (void *)name);
}

/* Remove and release the newest resource @match accepts: 0 or -ENOENT. */
int kunit_destroy_resource(struct kunit *test,
			   kunit_resource_match_t match,
			   void *match_data);

static inline int kunit_destroy_named_resource(struct kunit *test,
					       const char *name)
{
	return kunit_destroy_resource(test, kunit_resource_name_match, (void *)name);
}

/* Take @res off the test's list and drop the test's reference. */
void kunit_remove_resource(struct kunit *test, struct kunit_resource *res);

#endif /* _KUNIT_RESOURCE_H */
