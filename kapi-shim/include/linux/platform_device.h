/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/platform_device.h - platform devices and drivers (6.1 API): devices
 * with no probing bus, described by name and resources.  A driver binds to
 * a device whose name equals driver.name or an entry of its id_table; probe
 * and remove run as on any bus, managed (devm_) resources are released at
 * unbind, and an IORESOURCE_IRQ names a legacy interrupt line that
 * request_irq() accepts.  (kapi-shim/drivers/base/platform.c)
 */
#ifndef _PLATFORM_DEVICE_H_
#define _PLATFORM_DEVICE_H_

#include <linux/device.h>
#include <linux/mod_devicetable.h>
#include <linux/ioport.h>
#include <linux/err.h>
#include <linux/module.h>

#define PLATFORM_DEVID_NONE	(-1)
#define PLATFORM_DEVID_AUTO	(-2)

struct platform_device_id;

struct platform_device {
	const char	*name;
	int		id;
	bool		id_auto;
	struct device	dev;
	u64		platform_dma_mask;
	u32		num_resources;
	struct resource	*resource;
	const struct platform_device_id	*id_entry;
	/* ksim: on the platform bus's device list */
	struct list_head ksim_node;
	char		ksim_name[48];
};

#define platform_get_device_id(pdev)	((pdev)->id_entry)
#define dev_is_platform(dev)		((dev)->bus == &platform_bus_type)
#define to_platform_device(x)		container_of((x), struct platform_device, dev)

extern struct bus_type platform_bus_type;
extern struct device platform_bus;

struct platform_driver {
	int (*probe)(struct platform_device *);
	int (*remove)(struct platform_device *);
	void (*remove_new)(struct platform_device *);
	void (*shutdown)(struct platform_device *);
	struct device_driver driver;
	const struct platform_device_id *id_table;
	bool prevent_deferred_probe;
	bool driver_managed_dma;
	/* ksim: on the platform bus's driver list */
	struct list_head ksim_node;
};

#define to_platform_driver(drv)	(container_of((drv), struct platform_driver, driver))

struct resource *platform_get_resource(struct platform_device *dev,
				       unsigned int type, unsigned int num);
struct resource *platform_get_resource_byname(struct platform_device *dev,
					      unsigned int type,
					      const char *name);
void __iomem *devm_platform_ioremap_resource(struct platform_device *pdev,
					     unsigned int index);
/* The Linux IRQ number of the @num-th IRQ resource, or -ENXIO (reported). */
int platform_get_irq(struct platform_device *dev, unsigned int num);
int platform_get_irq_optional(struct platform_device *dev, unsigned int num);
int platform_irq_count(struct platform_device *dev);

struct platform_device *platform_device_alloc(const char *name, int id);
int platform_device_add_resources(struct platform_device *pdev,
				  const struct resource *res, unsigned int num);
int platform_device_add_data(struct platform_device *pdev, const void *data,
			     size_t size);
int platform_device_add(struct platform_device *pdev);
void platform_device_del(struct platform_device *pdev);
void platform_device_put(struct platform_device *pdev);
int platform_device_register(struct platform_device *pdev);
void platform_device_unregister(struct platform_device *pdev);

struct platform_device *platform_device_register_resndata(struct device *parent,
		const char *name, int id, const struct resource *res,
		unsigned int num, const void *data, size_t size);

static inline struct platform_device *platform_device_register_simple(
		const char *name, int id, const struct resource *res,
		unsigned int num)
{
	return platform_device_register_resndata(NULL, name, id, res, num,
						 NULL, 0);
}

static inline struct platform_device *platform_device_register_data(
		struct device *parent, const char *name, int id,
		const void *data, size_t size)
{
	return platform_device_register_resndata(parent, name, id, NULL, 0,
						 data, size);
}

int __platform_driver_register(struct platform_driver *drv,
			       struct module *owner);
#define platform_driver_register(drv) \
	__platform_driver_register(drv, THIS_MODULE)
void platform_driver_unregister(struct platform_driver *drv);

int __platform_driver_probe(struct platform_driver *driver,
			    int (*probe)(struct platform_device *),
			    struct module *module);
#define platform_driver_probe(drv, probe) \
	__platform_driver_probe(drv, probe, THIS_MODULE)

static inline void *platform_get_drvdata(const struct platform_device *pdev)
{
	return dev_get_drvdata(&pdev->dev);
}

static inline void platform_set_drvdata(struct platform_device *pdev,
					void *data)
{
	dev_set_drvdata(&pdev->dev, data);
}

#define module_platform_driver(__platform_driver) \
	module_driver(__platform_driver, platform_driver_register, \
		      platform_driver_unregister)

#define builtin_platform_driver(__platform_driver) \
	module_platform_driver(__platform_driver)

#endif
