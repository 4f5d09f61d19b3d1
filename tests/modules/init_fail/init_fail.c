// SPDX-License-Identifier: GPL-2.0
/* An init that fails and unwinds properly: the module goes, nothing leaks. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>
#include <linux/slab.h>

static int err = -ENODEV;
module_param(err, int, 0444);
MODULE_PARM_DESC(err, "What init returns");

static void *buf;

static int __init init_fail_init(void)
{
	buf = kzalloc(128, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (err)
		goto out_free;
	return 0;

out_free:
	kfree(buf);
	pr_info("init fails with %d\n", err);
	return err;
}

static void __exit init_fail_exit(void)
{
	kfree(buf);
}

module_init(init_fail_init);
module_exit(init_fail_exit);
MODULE_LICENSE("GPL");
