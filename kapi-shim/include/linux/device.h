/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/device.h - struct device, its reference count, driver data and
 * managed resources (devres).
 *
 * A device's devres list is released in reverse order of acquisition after
 * its driver's remove() returns or its probe() fails, as in the kernel.
 */
#ifndef _DEVICE_H_
#define _DEVICE_H_

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/kobject.h>
#include <linux/gfp.h>
#include <linux/err.h>
#include <linux/dev_printk.h>
#include <linux/device/driver.h>
#include <linux/overflow.h>
/* The rest of what 6.1's device.h includes. */
#include <linux/ioport.h>
#include <linux/mutex.h>
#include <linux/atomic.h>
#include <linux/lockdep.h>

struct device;
struct module;

struct bus_type {
	const char *name;
	const char *dev_name;
	int (*match)(struct device *dev, struct device_driver *drv);
	int (*probe)(struct device *dev);
	void (*remove)(struct device *dev);
	void (*shutdown)(struct device *dev);
};

struct device_type {
	const char *name;
	void (*release)(struct device *dev);
};

struct device_dma_parameters {
	unsigned int max_segment_size;
	unsigned int min_align_mask;
	unsigned long segment_boundary_mask;
};

struct device {
	struct kobject kobj;
	struct device *parent;
	const char *init_name;
	const struct device_type *type;
	struct bus_type *bus;
	struct device_driver *driver;
	void *platform_data;
	void *driver_data;
	int numa_node;

	u64 *dma_mask;
	u64 coherent_dma_mask;
	u64 bus_dma_limit;
	struct device_dma_parameters *dma_parms;

	void (*release)(struct device *dev);
	const struct attribute_group **groups;

	/* devres: managed resources, released in reverse order at unbind */
	struct list_head devres_head;
	/* ksim: a struct ksim_lock (kapi-shim/internal.h) guarding devres_head */
	u32 ksim_devres_lock;
	/* ksim: a driver is between probe() and the end of remove() */
	bool ksim_bound;
};

static inline const char *dev_name(const struct device *dev)
{
	if (dev->kobj.name)
		return dev->kobj.name;
	return dev->init_name;
}

int dev_set_name(struct device *dev, const char *fmt, ...) __printf(2, 3);

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

static inline int dev_to_node(struct device *dev)
{
	return dev->numa_node;
}

static inline void set_dev_node(struct device *dev, int node)
{
	dev->numa_node = node;
}

static inline bool device_is_registered(struct device *dev)
{
	return dev->kobj.name != NULL;
}

/* The bound driver's name, else the bus's, else "". */
const char *dev_driver_string(const struct device *dev);

void device_initialize(struct device *dev);
struct device *get_device(struct device *dev);
void put_device(struct device *dev);

/* ---- devres ---- */

typedef void (*dr_release_t)(struct device *dev, void *res);
typedef int (*dr_match_t)(struct device *dev, void *res, void *match_data);

void *__devres_alloc_node(dr_release_t release, size_t size, gfp_t gfp,
			  int nid, const char *name) __malloc;
#define devres_alloc(release, size, gfp) \
	__devres_alloc_node(release, size, gfp, -1, #release)
#define devres_alloc_node(release, size, gfp, nid) \
	__devres_alloc_node(release, size, gfp, nid, #release)
void devres_free(void *res);
void devres_add(struct device *dev, void *res);
void *devres_find(struct device *dev, dr_release_t release,
		  dr_match_t match, void *match_data);
void *devres_remove(struct device *dev, dr_release_t release,
		    dr_match_t match, void *match_data);
int devres_destroy(struct device *dev, dr_release_t release,
		   dr_match_t match, void *match_data);
int devres_release(struct device *dev, dr_release_t release,
		   dr_match_t match, void *match_data);
/* Release every managed resource of @dev, newest first.  Returns how many. */
int devres_release_all(struct device *dev);

void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp) __malloc;
void *devm_krealloc(struct device *dev, void *ptr, size_t size, gfp_t gfp);
void devm_kfree(struct device *dev, const void *p);
char *devm_kstrdup(struct device *dev, const char *s, gfp_t gfp) __malloc;
void *devm_kmemdup(struct device *dev, const void *src, size_t len, gfp_t gfp);
__printf(3, 4) char *devm_kasprintf(struct device *dev, gfp_t gfp,
				    const char *fmt, ...) __malloc;

static inline void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp)
{
	return devm_kmalloc(dev, size, gfp | __GFP_ZERO);
}

static inline void *devm_kmalloc_array(struct device *dev, size_t n,
				       size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return devm_kmalloc(dev, bytes, flags);
}

static inline void *devm_kcalloc(struct device *dev, size_t n, size_t size,
				 gfp_t flags)
{
	return devm_kmalloc_array(dev, n, size, flags | __GFP_ZERO);
}

int __devm_add_action(struct device *dev, void (*action)(void *), void *data,
		      const char *name);
#define devm_add_action(dev, action, data) \
	__devm_add_action(dev, action, data, #action)

static inline int __devm_add_action_or_reset(struct device *dev,
					     void (*action)(void *),
					     void *data, const char *name)
{
	int ret = __devm_add_action(dev, action, data, name);

	if (ret)
		action(data);
	return ret;
}
#define devm_add_action_or_reset(dev, action, data) \
	__devm_add_action_or_reset(dev, action, data, #action)

void devm_remove_action(struct device *dev, void (*action)(void *), void *data);
void devm_release_action(struct device *dev, void (*action)(void *), void *data);

/* dev_err_probe: log @err unless it is -EPROBE_DEFER; returns @err. */
__printf(3, 4) int dev_err_probe(const struct device *dev, int err,
				 const char *fmt, ...);

#endif
