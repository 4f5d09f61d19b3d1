// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_devres.c - drivers/base/devres.c and core.c: managed
 * resources released newest first, actions, managed memory, refcounts.
 */
#include "ktest.h"

#include <linux/device.h>
#include <linux/slab.h>

TestSuite(devres, .init = ktest_boot, .fini = ktest_shutdown);

static int order[8], norder, released;

static void act(void *data)
{
	order[norder++] = (int)(uintptr_t)data;
}

static void rel(struct device *dev)
{
	released++;
}

static void init_dev(struct device *dev)
{
	memset(dev, 0, sizeof(*dev));
	device_initialize(dev);
	dev->release = rel;
	dev_set_name(dev, "tdev%d", 1);
}

Test(devres, reverse_order_and_memory)
{
	struct device dev;
	char *p, *s;

	init_dev(&dev);
	cr_assert_str_eq(dev_name(&dev), "tdev1");
	cr_assert_eq(devm_add_action(&dev, act, (void *)1), 0);
	p = devm_kzalloc(&dev, 100, GFP_KERNEL);
	cr_assert_not_null(p);
	cr_assert_eq(p[99], 0);
	s = devm_kasprintf(&dev, GFP_KERNEL, "q%d", 7);
	cr_assert_str_eq(s, "q7");
	cr_assert_eq(devm_add_action_or_reset(&dev, act, (void *)2), 0);
	cr_assert_eq(devm_add_action(&dev, act, (void *)3), 0);
	devm_remove_action(&dev, act, (void *)3);
	devm_kfree(&dev, p);
	cr_assert_eq(devres_release_all(&dev), 3);
	cr_assert_eq(norder, 2);
	cr_assert_eq(order[0], 2);
	cr_assert_eq(order[1], 1);
	put_device(&dev);
	cr_assert_eq(released, 1);
	/* no leak report at shutdown: every devm allocation went */
}

Test(devres, release_action_runs_now)
{
	struct device dev;

	init_dev(&dev);
	cr_assert_eq(devm_add_action(&dev, act, (void *)5), 0);
	devm_release_action(&dev, act, (void *)5);
	cr_assert_eq(norder, 1);
	cr_assert_eq(devres_release_all(&dev), 0);
	get_device(&dev);
	put_device(&dev);
	cr_assert_eq(released, 0);
	put_device(&dev);
	cr_assert_eq(released, 1);
	dev_info(&dev, "hello\n");
	cr_assert(ksim_dmesg_contains(" tdev1: hello"));
}
