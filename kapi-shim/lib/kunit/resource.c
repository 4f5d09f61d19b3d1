// SPDX-License-Identifier: GPL-2.0
/*
 * lib/kunit/resource.c - the resources a test case owns: added by any
 * thread of the test under test->lock, released newest first when the
 * case ends (kunit_cleanup() in test.c) or when the test destroys them.
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/spinlock.h>
#include <kunit/resource.h>
#include <kunit/test.h>

int __kunit_add_resource(struct kunit *test, kunit_resource_init_t init,
			 kunit_resource_free_t free, struct kunit_resource *res,
			 void *data)
{
	unsigned long flags;
	int ret = 0;

	res->free = free;
	kref_init(&res->refcount);
	if (init) {
		ret = init(res, data);
		if (ret)
			return ret;
	} else {
		res->data = data;
	}
	spin_lock_irqsave(&test->lock, flags);
	list_add_tail(&res->node, &test->resources);
	spin_unlock_irqrestore(&test->lock, flags);
	return 0;
}
EXPORT_SYMBOL_GPL(__kunit_add_resource);

void kunit_remove_resource(struct kunit *test, struct kunit_resource *res)
{
	unsigned long flags;
	bool was_linked;

	spin_lock_irqsave(&test->lock, flags);
	was_linked = !list_empty(&res->node);
	list_del_init(&res->node);
	spin_unlock_irqrestore(&test->lock, flags);
	/* The list's reference; removing twice must not put twice. */
	if (was_linked)
		kunit_put_resource(res);
}
EXPORT_SYMBOL_GPL(kunit_remove_resource);

int kunit_destroy_resource(struct kunit *test, kunit_resource_match_t match,
			   void *match_data)
{
	struct kunit_resource *res = kunit_find_resource(test, match, match_data);

	if (!res)
		return -ENOENT;
	kunit_remove_resource(test, res);
	/* And the reference kunit_find_resource() took. */
	kunit_put_resource(res);
	return 0;
}
EXPORT_SYMBOL_GPL(kunit_destroy_resource);

void kunit_cleanup(struct kunit *test)
{
	struct kunit_resource *res;
	unsigned long flags;

	/*
	 * Newest first, one at a time with the lock dropped: a resource's
	 * free may itself add or remove resources.
	 */
	for (;;) {
		spin_lock_irqsave(&test->lock, flags);
		if (list_empty(&test->resources)) {
			spin_unlock_irqrestore(&test->lock, flags);
			break;
		}
		res = list_last_entry(&test->resources, struct kunit_resource, node);
		list_del_init(&res->node);
		spin_unlock_irqrestore(&test->lock, flags);
		kunit_put_resource(res);
	}
}
EXPORT_SYMBOL_GPL(kunit_cleanup);
