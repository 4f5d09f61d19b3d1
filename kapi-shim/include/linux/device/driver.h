/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/device/driver.h - struct device_driver and module_driver().
 */
#ifndef _DEVICE_DRIVER_H_
#define _DEVICE_DRIVER_H_

#include <linux/types.h>

struct device;
struct bus_type;
struct module;
struct of_device_id;
struct dev_pm_ops;
struct attribute_group;

enum probe_type {
	PROBE_DEFAULT_STRATEGY,
	PROBE_PREFER_ASYNCHRONOUS,
	PROBE_FORCE_SYNCHRONOUS,
};

struct device_driver {
	const char *name;
	struct bus_type *bus;
	struct module *owner;
	const char *mod_name;
	bool suppress_bind_attrs;
	enum probe_type probe_type;
	const struct of_device_id *of_match_table;
	int (*probe)(struct device *dev);
	void (*sync_state)(struct device *dev);
	int (*remove)(struct device *dev);
	void (*shutdown)(struct device *dev);
	const struct attribute_group **groups;
	const struct attribute_group **dev_groups;
	const struct dev_pm_ops *pm;
};

/* Unbind @dev from its driver (remove() runs, devres is released). */
void device_release_driver(struct device *dev);

/*
 * module_driver() - the module_init/module_exit pair for a driver that
 * does nothing but register itself.
 */
#define module_driver(__driver, __register, __unregister, ...)		\
static int __init __driver##_init(void)					\
{									\
	return __register(&(__driver), ##__VA_ARGS__);			\
}									\
module_init(__driver##_init);						\
static void __exit __driver##_exit(void)				\
{									\
	__unregister(&(__driver), ##__VA_ARGS__);			\
}									\
module_exit(__driver##_exit);

#endif
