// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/drivers/base/devres.c - managed device resources.
 *
 * Each resource is a node on the device's list with its release function;
 * the driver core releases them newest first after remove() returns or
 * probe() fails.  Nodes come from kmalloc with the driver's call site, so
 * one that outlives its device is reported as a leak naming that site.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/export.h>

#include "internal.h"

struct devres_node {
	struct list_head entry;
	dr_release_t release;
	const char *name;
	size_t size;
	/* the resource itself, aligned as kmalloc would align it */
	unsigned long long data[] __aligned(16);
};

static struct ksim_lock *devres_lock(struct device *dev)
{
	BUILD_BUG_ON(sizeof(dev->ksim_devres_lock) != sizeof(struct ksim_lock));
	return (struct ksim_lock *)&dev->ksim_devres_lock;
}

static struct devres_node *to_node(void *res)
{
	return container_of(res, struct devres_node, data);
}

static void *alloc_dr(dr_release_t release, size_t size, gfp_t gfp,
		      const char *name, unsigned long caller)
{
	struct devres_node *node;
	size_t total;

	if (check_add_overflow(sizeof(*node), size, &total))
		return NULL;
	node = __kmalloc_track_caller(total, gfp, caller);
	if (!node)
		return NULL;
	/* __GFP_ZERO zeroes the whole node; otherwise only the header. */
	memset(node, 0, sizeof(*node));
	INIT_LIST_HEAD(&node->entry);
	node->release = release;
	node->name = name;
	node->size = size;
	return node->data;
}

void *__devres_alloc_node(dr_release_t release, size_t size, gfp_t gfp,
			  int nid, const char *name)
{
	return alloc_dr(release, size, gfp | __GFP_ZERO, name, _RET_IP_);
}
EXPORT_SYMBOL_GPL(__devres_alloc_node);

void devres_free(void *res)
{
	if (res) {
		struct devres_node *node = to_node(res);

		WARN_ON(!list_empty(&node->entry));
		kfree(node);
	}
}
EXPORT_SYMBOL_GPL(devres_free);

void devres_add(struct device *dev, void *res)
{
	struct devres_node *node = to_node(res);

	ksim_lock(devres_lock(dev));
	list_add_tail(&node->entry, &dev->devres_head);
	ksim_unlock(devres_lock(dev));
}
EXPORT_SYMBOL_GPL(devres_add);

static struct devres_node *find_dr(struct device *dev, dr_release_t release,
				   dr_match_t match, void *match_data)
{
	struct devres_node *node;

	list_for_each_entry_reverse(node, &dev->devres_head, entry) {
		if (node->release != release)
			continue;
		if (match && !match(dev, node->data, match_data))
			continue;
		return node;
	}
	return NULL;
}

void *devres_find(struct device *dev, dr_release_t release,
		  dr_match_t match, void *match_data)
{
	struct devres_node *node;

	ksim_lock(devres_lock(dev));
	node = find_dr(dev, release, match, match_data);
	ksim_unlock(devres_lock(dev));
	return node ? node->data : NULL;
}
EXPORT_SYMBOL_GPL(devres_find);

void *devres_remove(struct device *dev, dr_release_t release,
		    dr_match_t match, void *match_data)
{
	struct devres_node *node;

	ksim_lock(devres_lock(dev));
	node = find_dr(dev, release, match, match_data);
	if (node)
		list_del_init(&node->entry);
	ksim_unlock(devres_lock(dev));
	return node ? node->data : NULL;
}
EXPORT_SYMBOL_GPL(devres_remove);

int devres_destroy(struct device *dev, dr_release_t release,
		   dr_match_t match, void *match_data)
{
	void *res = devres_remove(dev, release, match, match_data);

	if (unlikely(!res))
		return -ENOENT;
	devres_free(res);
	return 0;
}
EXPORT_SYMBOL_GPL(devres_destroy);

int devres_release(struct device *dev, dr_release_t release,
		   dr_match_t match, void *match_data)
{
	void *res = devres_remove(dev, release, match, match_data);

	if (unlikely(!res))
		return -ENOENT;
	release(dev, res);
	devres_free(res);
	return 0;
}
EXPORT_SYMBOL_GPL(devres_release);

int devres_release_all(struct device *dev)
{
	struct devres_node *node;
	int n = 0;

	if (!dev->devres_head.next)
		return -ENODEV;
	for (;;) {
		ksim_lock(devres_lock(dev));
		if (list_empty(&dev->devres_head)) {
			ksim_unlock(devres_lock(dev));
			break;
		}
		node = list_last_entry(&dev->devres_head, struct devres_node, entry);
		list_del_init(&node->entry);
		ksim_unlock(devres_lock(dev));
		/* A release may add or remove other resources: no lock held. */
		if (node->release)
			node->release(dev, node->data);
		kfree(node);
		n++;
	}
	return n;
}

/* ---- managed memory ---- */

static void devm_kmalloc_release(struct device *dev, void *res)
{
	/* the memory is the node's payload: freeing the node frees it */
}

static int devm_kmalloc_match(struct device *dev, void *res, void *data)
{
	return res == data;
}

void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp)
{
	void *p;

	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	p = alloc_dr(devm_kmalloc_release, size, gfp, "devm_kmalloc_release", _RET_IP_);
	if (unlikely(!p))
		return NULL;
	devres_add(dev, p);
	return p;
}
EXPORT_SYMBOL_GPL(devm_kmalloc);

void devm_kfree(struct device *dev, const void *p)
{
	int rc;

	if (unlikely(ZERO_OR_NULL_PTR(p)))
		return;
	rc = devres_destroy(dev, devm_kmalloc_release, devm_kmalloc_match, (void *)p);
	WARN_ON(rc);
}
EXPORT_SYMBOL_GPL(devm_kfree);

void *devm_krealloc(struct device *dev, void *ptr, size_t new_size, gfp_t gfp)
{
	struct devres_node *old;
	void *p;

	if (!ptr)
		return devm_kmalloc(dev, new_size, gfp);
	if (!new_size) {
		devm_kfree(dev, ptr);
		return ZERO_SIZE_PTR;
	}
	old = to_node(ptr);
	if (new_size <= old->size)
		return ptr;
	p = alloc_dr(devm_kmalloc_release, new_size, gfp, "devm_kmalloc_release", _RET_IP_);
	if (!p)
		return NULL;
	memcpy(p, ptr, old->size);
	/* Take the old node's place in the list so release order holds. */
	ksim_lock(devres_lock(dev));
	list_replace_init(&old->entry, &to_node(p)->entry);
	ksim_unlock(devres_lock(dev));
	kfree(old);
	return p;
}
EXPORT_SYMBOL_GPL(devm_krealloc);

void *devm_kmemdup(struct device *dev, const void *src, size_t len, gfp_t gfp)
{
	void *p = alloc_dr(devm_kmalloc_release, len, gfp, "devm_kmalloc_release", _RET_IP_);

	if (!p)
		return NULL;
	memcpy(p, src, len);
	devres_add(dev, p);
	return p;
}
EXPORT_SYMBOL_GPL(devm_kmemdup);

char *devm_kstrdup(struct device *dev, const char *s, gfp_t gfp)
{
	size_t len;
	char *p;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	p = alloc_dr(devm_kmalloc_release, len, gfp, "devm_kmalloc_release", _RET_IP_);
	if (!p)
		return NULL;
	memcpy(p, s, len);
	devres_add(dev, p);
	return p;
}
EXPORT_SYMBOL_GPL(devm_kstrdup);

char *devm_kasprintf(struct device *dev, gfp_t gfp, const char *fmt, ...)
{
	va_list ap;
	size_t len;
	char *p;

	va_start(ap, fmt);
	len = ksim_vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	p = alloc_dr(devm_kmalloc_release, len + 1, gfp, "devm_kmalloc_release", _RET_IP_);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	ksim_vsnprintf(p, len + 1, fmt, ap);
	va_end(ap);
	devres_add(dev, p);
	return p;
}
EXPORT_SYMBOL_GPL(devm_kasprintf);

/* ---- managed actions ---- */

struct action_devres {
	void *data;
	void (*action)(void *);
};

static int devm_action_match(struct device *dev, void *res, void *p)
{
	struct action_devres *devres = res, *target = p;

	return devres->action == target->action && devres->data == target->data;
}

static void devm_action_release(struct device *dev, void *res)
{
	struct action_devres *devres = res;

	devres->action(devres->data);
}

int __devm_add_action(struct device *dev, void (*action)(void *), void *data,
		      const char *name)
{
	struct action_devres *devres;

	devres = alloc_dr(devm_action_release, sizeof(*devres), GFP_KERNEL, name, _RET_IP_);
	if (!devres)
		return -ENOMEM;
	devres->data = data;
	devres->action = action;
	devres_add(dev, devres);
	return 0;
}
EXPORT_SYMBOL_GPL(__devm_add_action);

void devm_remove_action(struct device *dev, void (*action)(void *), void *data)
{
	struct action_devres devres = { .data = data, .action = action };

	WARN_ON(devres_destroy(dev, devm_action_release, devm_action_match, &devres));
}
EXPORT_SYMBOL_GPL(devm_remove_action);

void devm_release_action(struct device *dev, void (*action)(void *), void *data)
{
	struct action_devres devres = { .data = data, .action = action };

	WARN_ON(devres_release(dev, devm_action_release, devm_action_match, &devres));
}
EXPORT_SYMBOL_GPL(devm_release_action);
