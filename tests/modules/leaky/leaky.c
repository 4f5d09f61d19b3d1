// SPDX-License-Identifier: GPL-2.0
/* A module that forgets to free what it allocated: kmemleak must name it. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

static char *forgotten;

static int __init leaky_init(void)
{
	forgotten = kmalloc(48, GFP_KERNEL);
	if (!forgotten)
		return -ENOMEM;
	strscpy(forgotten, "leaked on purpose", 48);
	pr_info("allocated 48 bytes and will not free them\n");
	return 0;
}

static void __exit leaky_exit(void)
{
	pr_info("exit without kfree\n");
}

module_init(leaky_init);
module_exit(leaky_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("test: leaks one allocation");
