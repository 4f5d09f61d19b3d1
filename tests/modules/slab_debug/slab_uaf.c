// SPDX-License-Identifier: GPL-2.0
/*
 * slab_uaf - frees an object, then writes to it through a stale pointer.
 * Poisoning and the quarantine must catch the write ("Poison overwritten")
 * with the allocation and the free sites.  where=cache uses a kmem_cache.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

static char *where = "kmalloc";
module_param(where, charp, 0444);
MODULE_PARM_DESC(where, "kmalloc or cache");

struct uaf_obj {
	int refs;
	char name[28];
};

static struct kmem_cache *uaf_cache;
static struct uaf_obj *stale;

static noinline void put_obj(struct uaf_obj *o)
{
	if (where[0] == 'c')
		kmem_cache_free(uaf_cache, o);
	else
		kfree(o);
}

static noinline void late_update(struct uaf_obj *o)
{
	/* The bug: the object was already freed by put_obj(). */
	WRITE_ONCE(o->refs, 42);
}

static int __init slab_uaf_init(void)
{
	if (where[0] == 'c') {
		uaf_cache = kmem_cache_create("uaf_obj", sizeof(struct uaf_obj),
					      0, 0, NULL);
		if (!uaf_cache)
			return -ENOMEM;
		stale = kmem_cache_alloc(uaf_cache, GFP_KERNEL);
	} else {
		stale = kmalloc(sizeof(*stale), GFP_KERNEL);
	}
	if (!stale)
		return -ENOMEM;
	stale->refs = 1;
	put_obj(stale);
	late_update(stale);
	return 0;
}

static void __exit slab_uaf_exit(void)
{
	kmem_cache_destroy(uaf_cache);
}

module_init(slab_uaf_init);
module_exit(slab_uaf_exit);
MODULE_LICENSE("GPL");
