// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/drivers/base/core.c - struct device basics: reference count,
 * names, and the dev_printk family ("<driver> <device>: message").
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/printk.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/export.h>

#include "internal.h"
#include "sim/host.h"

void device_initialize(struct device *dev)
{
	kref_init(&dev->kobj.kref);
	INIT_LIST_HEAD(&dev->devres_head);
	dev->ksim_devres_lock = 0;
	dev->numa_node = -1;
}
EXPORT_SYMBOL_GPL(device_initialize);

struct device *get_device(struct device *dev)
{
	if (dev)
		kref_get(&dev->kobj.kref);
	return dev;
}
EXPORT_SYMBOL_GPL(get_device);

static void device_release(struct kref *kref)
{
	struct device *dev = container_of(kref, struct device, kobj.kref);

	if (dev->release)
		dev->release(dev);
	else if (dev->type && dev->type->release)
		dev->type->release(dev);
	else
		WARN(1, "Device '%s' does not have a release() function, it is broken and must be fixed.\n",
		     dev_name(dev));
}

void put_device(struct device *dev)
{
	if (dev)
		kref_put(&dev->kobj.kref, device_release);
}
EXPORT_SYMBOL_GPL(put_device);

/*
 * ksim keeps a name set with dev_set_name() in a small static pool: the
 * devices that use it (class devices, test devices) are few and live long.
 */
int dev_set_name(struct device *dev, const char *fmt, ...)
{
	static char pool[64][32];
	static unsigned int used;
	unsigned int slot;
	va_list args;

	slot = __atomic_fetch_add(&used, 1, __ATOMIC_RELAXED) % 64;
	va_start(args, fmt);
	ksim_vsnprintf(pool[slot], sizeof(pool[slot]), fmt, args);
	va_end(args);
	dev->kobj.name = pool[slot];
	return 0;
}
EXPORT_SYMBOL_GPL(dev_set_name);

const char *dev_driver_string(const struct device *dev)
{
	struct device_driver *drv = READ_ONCE(dev->driver);

	if (drv && drv->name)
		return drv->name;
	if (dev->bus)
		return dev->bus->name;
	return "";
}
EXPORT_SYMBOL(dev_driver_string);

static void dev_vprintk(const char *level, const struct device *dev,
			const char *fmt, va_list args)
{
	struct va_format vaf;
	va_list copy;

	va_copy(copy, args);
	vaf.fmt = fmt;
	vaf.va = &copy;
	if (dev)
		printk("%s%s %s: %pV", level, dev_driver_string(dev), dev_name(dev), &vaf);
	else
		printk("%s(NULL device *): %pV", level, &vaf);
	va_end(copy);
}

void _dev_printk(const char *level, const struct device *dev, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	dev_vprintk(level, dev, fmt, args);
	va_end(args);
}
EXPORT_SYMBOL(_dev_printk);

#define define_dev_printk_level(func, kern_level)			\
void func(const struct device *dev, const char *fmt, ...)		\
{									\
	va_list args;							\
									\
	va_start(args, fmt);						\
	dev_vprintk(kern_level, dev, fmt, args);			\
	va_end(args);							\
}									\
EXPORT_SYMBOL(func)

define_dev_printk_level(_dev_emerg, KERN_EMERG);
define_dev_printk_level(_dev_alert, KERN_ALERT);
define_dev_printk_level(_dev_crit, KERN_CRIT);
define_dev_printk_level(_dev_err, KERN_ERR);
define_dev_printk_level(_dev_warn, KERN_WARNING);
define_dev_printk_level(_dev_notice, KERN_NOTICE);
define_dev_printk_level(_dev_info, KERN_INFO);

int dev_err_probe(const struct device *dev, int err, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	if (err != -EPROBE_DEFER)
		dev_err(dev, "error %pe: %pV", ERR_PTR(err), &vaf);
	else
		dev_dbg(dev, "error %pe: %pV", ERR_PTR(err), &vaf);
	va_end(args);
	return err;
}
EXPORT_SYMBOL_GPL(dev_err_probe);
