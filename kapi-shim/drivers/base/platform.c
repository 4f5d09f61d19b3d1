// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/drivers/base/platform.c - the platform bus: a list of devices,
 * a list of drivers, and binding by name.  Adding either side probes every
 * matching unbound pair; removing either side unbinds (remove, then the
 * devres release).  One mutex serializes binding, as the driver core's
 * device lock does.  A device's IORESOURCE_IRQ lines get interrupt
 * descriptors when it is added (kernel/irq/manage.c).
 */
#include <linux/kernel.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/mutex.h>
#include <linux/idr.h>
#include <linux/io.h>
#include <linux/export.h>

#include "internal.h"

struct bus_type platform_bus_type = {
	.name = "platform",
};
EXPORT_SYMBOL_GPL(platform_bus_type);

struct device platform_bus = {
	.init_name = "platform",
};
EXPORT_SYMBOL_GPL(platform_bus);

static DEFINE_MUTEX(platform_lock);
static LIST_HEAD(platform_devices);
static LIST_HEAD(platform_drivers);
static DEFINE_IDA(platform_devid_ida);

/* ---- resources ---- */

struct resource *platform_get_resource(struct platform_device *dev,
				       unsigned int type, unsigned int num)
{
	u32 i;

	for (i = 0; i < dev->num_resources; i++) {
		struct resource *r = &dev->resource[i];

		if ((r->flags & (IORESOURCE_MEM | IORESOURCE_IO | IORESOURCE_IRQ)) ==
		    type && num-- == 0)
			return r;
	}
	return NULL;
}
EXPORT_SYMBOL_GPL(platform_get_resource);

struct resource *platform_get_resource_byname(struct platform_device *dev,
					      unsigned int type,
					      const char *name)
{
	u32 i;

	for (i = 0; i < dev->num_resources; i++) {
		struct resource *r = &dev->resource[i];

		if ((r->flags & (IORESOURCE_MEM | IORESOURCE_IO | IORESOURCE_IRQ)) ==
		    type && r->name && !strcmp(r->name, name))
			return r;
	}
	return NULL;
}
EXPORT_SYMBOL_GPL(platform_get_resource_byname);

void __iomem *devm_platform_ioremap_resource(struct platform_device *pdev,
					     unsigned int index)
{
	struct resource *r = platform_get_resource(pdev, IORESOURCE_MEM, index);

	if (!r) {
		dev_err(&pdev->dev, "invalid resource %u\n", index);
		return IOMEM_ERR_PTR(-EINVAL);
	}
	return devm_ioremap(&pdev->dev, r->start, resource_size(r)) ?:
	       IOMEM_ERR_PTR(-ENOMEM);
}
EXPORT_SYMBOL(devm_platform_ioremap_resource);

int platform_get_irq_optional(struct platform_device *dev, unsigned int num)
{
	struct resource *r = platform_get_resource(dev, IORESOURCE_IRQ, num);

	if (!r)
		return -ENXIO;
	return WARN_ON(!r->start) ? -EINVAL : (int)r->start;
}
EXPORT_SYMBOL_GPL(platform_get_irq_optional);

int platform_get_irq(struct platform_device *dev, unsigned int num)
{
	int ret = platform_get_irq_optional(dev, num);

	if (ret < 0)
		dev_err(&dev->dev, "IRQ index %u not found\n", num);
	return ret;
}
EXPORT_SYMBOL_GPL(platform_get_irq);

int platform_irq_count(struct platform_device *dev)
{
	int n = 0;

	while (platform_get_resource(dev, IORESOURCE_IRQ, n))
		n++;
	return n;
}
EXPORT_SYMBOL_GPL(platform_irq_count);

/* ---- binding (platform_lock held) ---- */

static const struct platform_device_id *match_id(const struct platform_device_id *id,
						 struct platform_device *pdev)
{
	for (; id && id->name[0]; id++)
		if (!strcmp(pdev->name, id->name))
			return id;
	return NULL;
}

static bool matches(struct platform_driver *drv, struct platform_device *pdev)
{
	if (drv->id_table) {
		pdev->id_entry = match_id(drv->id_table, pdev);
		return pdev->id_entry != NULL;
	}
	return !strcmp(pdev->name, drv->driver.name);
}

/* Probe @pdev with @drv; a failure leaves it unbound (and says why). */
static void bind(struct platform_driver *drv, struct platform_device *pdev)
{
	int ret;

	pdev->dev.driver = &drv->driver;
	pdev->dev.ksim_bound = true;
	ret = drv->probe ? drv->probe(pdev) : 0;
	if (ret) {
		devres_release_all(&pdev->dev);
		pdev->dev.driver = NULL;
		pdev->dev.ksim_bound = false;
		pdev->id_entry = NULL;
		if (ret != -ENODEV && ret != -ENXIO)
			dev_warn(&pdev->dev, "probe with driver %s failed with error %d\n",
				 drv->driver.name, ret);
	}
}

static void unbind(struct platform_device *pdev)
{
	struct platform_driver *drv;

	if (!pdev->dev.driver)
		return;
	drv = to_platform_driver(pdev->dev.driver);
	if (drv->remove_new)
		drv->remove_new(pdev);
	else if (drv->remove)
		drv->remove(pdev);
	devres_release_all(&pdev->dev);
	pdev->dev.driver = NULL;
	pdev->dev.ksim_bound = false;
	pdev->id_entry = NULL;
}

/* ---- devices ---- */

static void platform_device_release(struct device *dev)
{
	struct platform_device *pdev = to_platform_device(dev);

	kfree(pdev->dev.platform_data);
	kfree(pdev->resource);
	kfree(pdev);
}

struct platform_device *platform_device_alloc(const char *name, int id)
{
	struct platform_device *pdev;

	pdev = __kmalloc_track_caller(sizeof(*pdev), GFP_KERNEL | __GFP_ZERO,
				      _RET_IP_);
	if (!pdev)
		return NULL;
	pdev->name = pdev->ksim_name;
	strscpy(pdev->ksim_name, name, sizeof(pdev->ksim_name));
	pdev->id = id;
	device_initialize(&pdev->dev);
	pdev->dev.release = platform_device_release;
	pdev->dev.bus = &platform_bus_type;
	INIT_LIST_HEAD(&pdev->ksim_node);
	return pdev;
}
EXPORT_SYMBOL_GPL(platform_device_alloc);

int platform_device_add_resources(struct platform_device *pdev,
				  const struct resource *res, unsigned int num)
{
	struct resource *r = NULL;

	if (res) {
		r = kmemdup(res, sizeof(*res) * num, GFP_KERNEL);
		if (!r)
			return -ENOMEM;
	}
	kfree(pdev->resource);
	pdev->resource = r;
	pdev->num_resources = num;
	return 0;
}
EXPORT_SYMBOL_GPL(platform_device_add_resources);

int platform_device_add_data(struct platform_device *pdev, const void *data,
			     size_t size)
{
	void *d = NULL;

	if (data) {
		d = kmemdup(data, size, GFP_KERNEL);
		if (!d)
			return -ENOMEM;
	}
	kfree(pdev->dev.platform_data);
	pdev->dev.platform_data = d;
	return 0;
}
EXPORT_SYMBOL_GPL(platform_device_add_data);

int platform_device_add(struct platform_device *pdev)
{
	struct platform_driver *drv;
	u32 i;
	int ret;

	if (!pdev->dev.parent)
		pdev->dev.parent = &platform_bus;
	if (pdev->id == PLATFORM_DEVID_AUTO) {
		ret = ida_alloc(&platform_devid_ida, GFP_KERNEL);
		if (ret < 0)
			return ret;
		pdev->id = ret;
		pdev->id_auto = true;
	}
	if (pdev->id == PLATFORM_DEVID_NONE)
		ret = dev_set_name(&pdev->dev, "%s", pdev->name);
	else if (pdev->id_auto)
		ret = dev_set_name(&pdev->dev, "%s.%d.auto", pdev->name, pdev->id);
	else
		ret = dev_set_name(&pdev->dev, "%s.%d", pdev->name, pdev->id);
	if (ret)
		goto out_ida;
	for (i = 0; i < pdev->num_resources; i++) {
		struct resource *r = &pdev->resource[i];

		if (!r->name)
			r->name = dev_name(&pdev->dev);
		if (r->flags & IORESOURCE_IRQ) {
			ret = ksim_irq_setup_line(r->start);
			if (ret) {
				dev_err(&pdev->dev, "IRQ %llu: not a legacy line ksim provides (1..23)\n",
					(unsigned long long)r->start);
				goto out_ida;
			}
		}
	}
	mutex_lock(&platform_lock);
	list_add_tail(&pdev->ksim_node, &platform_devices);
	list_for_each_entry(drv, &platform_drivers, ksim_node) {
		if (matches(drv, pdev)) {
			bind(drv, pdev);
			if (pdev->dev.driver)
				break;
		}
	}
	mutex_unlock(&platform_lock);
	return 0;

out_ida:
	if (pdev->id_auto) {
		ida_free(&platform_devid_ida, pdev->id);
		pdev->id = PLATFORM_DEVID_AUTO;
		pdev->id_auto = false;
	}
	return ret;
}
EXPORT_SYMBOL_GPL(platform_device_add);

void platform_device_del(struct platform_device *pdev)
{
	if (IS_ERR_OR_NULL(pdev))
		return;
	mutex_lock(&platform_lock);
	unbind(pdev);
	list_del_init(&pdev->ksim_node);
	mutex_unlock(&platform_lock);
	if (pdev->id_auto) {
		ida_free(&platform_devid_ida, pdev->id);
		pdev->id = PLATFORM_DEVID_AUTO;
	}
}
EXPORT_SYMBOL_GPL(platform_device_del);

void platform_device_put(struct platform_device *pdev)
{
	if (!IS_ERR_OR_NULL(pdev))
		put_device(&pdev->dev);
}
EXPORT_SYMBOL_GPL(platform_device_put);

int platform_device_register(struct platform_device *pdev)
{
	device_initialize(&pdev->dev);
	pdev->dev.bus = &platform_bus_type;
	INIT_LIST_HEAD(&pdev->ksim_node);
	return platform_device_add(pdev);
}
EXPORT_SYMBOL_GPL(platform_device_register);

void platform_device_unregister(struct platform_device *pdev)
{
	if (IS_ERR_OR_NULL(pdev))
		return;
	platform_device_del(pdev);
	platform_device_put(pdev);
}
EXPORT_SYMBOL_GPL(platform_device_unregister);

struct platform_device *platform_device_register_resndata(struct device *parent,
		const char *name, int id, const struct resource *res,
		unsigned int num, const void *data, size_t size)
{
	struct platform_device *pdev = platform_device_alloc(name, id);
	int ret;

	if (!pdev)
		return ERR_PTR(-ENOMEM);
	pdev->dev.parent = parent;
	ret = platform_device_add_resources(pdev, res, num);
	if (!ret)
		ret = platform_device_add_data(pdev, data, size);
	if (!ret)
		ret = platform_device_add(pdev);
	if (ret) {
		platform_device_put(pdev);
		return ERR_PTR(ret);
	}
	return pdev;
}
EXPORT_SYMBOL_GPL(platform_device_register_resndata);

/* ---- drivers ---- */

int __platform_driver_register(struct platform_driver *drv,
			       struct module *owner)
{
	struct platform_device *pdev;

	drv->driver.owner = owner;
	drv->driver.bus = &platform_bus_type;
	mutex_lock(&platform_lock);
	list_add_tail(&drv->ksim_node, &platform_drivers);
	list_for_each_entry(pdev, &platform_devices, ksim_node)
		if (!pdev->dev.driver && matches(drv, pdev))
			bind(drv, pdev);
	mutex_unlock(&platform_lock);
	return 0;
}
EXPORT_SYMBOL_GPL(__platform_driver_register);

void platform_driver_unregister(struct platform_driver *drv)
{
	struct platform_device *pdev;

	mutex_lock(&platform_lock);
	list_for_each_entry(pdev, &platform_devices, ksim_node)
		if (pdev->dev.driver == &drv->driver)
			unbind(pdev);
	list_del_init(&drv->ksim_node);
	mutex_unlock(&platform_lock);
}
EXPORT_SYMBOL_GPL(platform_driver_unregister);

/* Register, bind what exists now, and -ENODEV if nothing bound. */
int __platform_driver_probe(struct platform_driver *drv,
			    int (*probe)(struct platform_device *),
			    struct module *module)
{
	struct platform_device *pdev;
	bool bound = false;
	int ret;

	drv->probe = probe;
	ret = __platform_driver_register(drv, module);
	if (ret)
		return ret;
	mutex_lock(&platform_lock);
	list_for_each_entry(pdev, &platform_devices, ksim_node)
		bound |= pdev->dev.driver == &drv->driver;
	mutex_unlock(&platform_lock);
	if (!bound) {
		platform_driver_unregister(drv);
		return -ENODEV;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(__platform_driver_probe);
