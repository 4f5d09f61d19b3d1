// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_platform.c - drivers/base/platform.c: binding by name
 * and id_table from either side, remove and devres at unbind, a failing
 * probe leaves the device unbound, device naming, resources, and
 * request_irq on the device's legacy line.
 */
#include "ktest.h"

#include <linux/platform_device.h>
#include <linux/interrupt.h>
#include <linux/slab.h>

#include "internal.h"

TestSuite(platform, .init = ktest_boot, .fini = ktest_shutdown);

static int probes, removes, irqs, fail_probe;
static void *devm_mem;

static irqreturn_t line_handler(int irq, void *dev_id)
{
	irqs += in_hardirq() ? 1 : 100;
	return IRQ_HANDLED;
}

static int tp_probe(struct platform_device *pdev)
{
	int irq;

	if (fail_probe)
		return -EIO;
	probes++;
	devm_mem = devm_kzalloc(&pdev->dev, 32, GFP_KERNEL);
	irq = platform_get_irq_optional(pdev, 0);
	if (irq > 0)
		return devm_request_irq(&pdev->dev, irq, line_handler, 0,
					"tp", pdev);
	return 0;
}

static int tp_remove(struct platform_device *pdev)
{
	removes++;
	return 0;
}

static struct platform_driver tp_driver = {
	.probe = tp_probe,
	.remove = tp_remove,
	.driver = { .name = "ksim-tp" },
};

Test(platform, bind_either_order_and_unbind)
{
	struct platform_device *a, *b;

	a = platform_device_register_simple("ksim-tp", 0, NULL, 0);
	cr_assert(!IS_ERR(a));
	cr_assert_str_eq(dev_name(&a->dev), "ksim-tp.0");
	cr_assert_eq(platform_driver_register(&tp_driver), 0);
	cr_assert_eq(probes, 1);
	b = platform_device_register_simple("ksim-tp", PLATFORM_DEVID_NONE, NULL, 0);
	cr_assert_eq(probes, 2);
	cr_assert_str_eq(dev_name(&b->dev), "ksim-tp");
	platform_device_unregister(b);
	cr_assert_eq(removes, 1);
	platform_driver_unregister(&tp_driver);
	cr_assert_eq(removes, 2);
	cr_assert_null(a->dev.driver);
	platform_device_unregister(a);
}

Test(platform, failing_probe_leaves_unbound)
{
	struct platform_device *a;

	fail_probe = 1;
	cr_assert_eq(platform_driver_register(&tp_driver), 0);
	a = platform_device_register_simple("ksim-tp", PLATFORM_DEVID_AUTO, NULL, 0);
	cr_assert(!IS_ERR(a));
	cr_assert_str_eq(dev_name(&a->dev), "ksim-tp.0.auto");
	cr_assert_null(a->dev.driver);
	platform_device_unregister(a);
	platform_driver_unregister(&tp_driver);
	cr_assert_eq(removes, 0);
}

static const struct platform_device_id tp_ids[] = {
	{ "ksim-alpha", 1 },
	{ "ksim-beta", 2 },
	{ }
};

static unsigned long matched_data;

static int id_probe(struct platform_device *pdev)
{
	matched_data = platform_get_device_id(pdev)->driver_data;
	return 0;
}

static struct platform_driver id_driver = {
	.probe = id_probe,
	.driver = { .name = "ksim-ids" },
	.id_table = tp_ids,
};

Test(platform, id_table_match)
{
	struct platform_device *a;

	cr_assert_eq(platform_driver_register(&id_driver), 0);
	a = platform_device_register_simple("ksim-beta", 1, NULL, 0);
	cr_assert_not_null(a->dev.driver);
	cr_assert_eq(matched_data, 2);
	platform_device_unregister(a);
	platform_driver_unregister(&id_driver);
}

Test(platform, legacy_irq_line_and_resources)
{
	struct resource res[] = {
		DEFINE_RES_MEM(0xfed00000, 0x1000),
		DEFINE_RES_IRQ(5),
	};
	struct platform_device *a;
	struct resource *r;

	cr_assert_eq(platform_driver_register(&tp_driver), 0);
	a = platform_device_register_simple("ksim-tp", 1, res, ARRAY_SIZE(res));
	cr_assert(!IS_ERR(a));
	cr_assert_eq(probes, 1);
	r = platform_get_resource(a, IORESOURCE_MEM, 0);
	cr_assert_eq(r->start, 0xfed00000);
	cr_assert_eq(resource_size(r), 0x1000);
	cr_assert_eq(platform_get_irq(a, 0), 5);
	cr_assert_eq(platform_irq_count(a), 1);
	ksim_irq_raise_line(5);
	cr_assert_eq(irqs, 1);
	/* Unbinding frees the devm irq: raising again reaches no handler. */
	platform_driver_unregister(&tp_driver);
	ksim_irq_raise_line(5);
	cr_assert_eq(irqs, 1);
	platform_device_unregister(a);
}
