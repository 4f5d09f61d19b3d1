// SPDX-License-Identifier: GPL-2.0
/* A module whose init hits BUG_ON: an oops, and ksim stops with status 3. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>
#include <linux/bug.h>

static int broken = 1;
module_param(broken, int, 0444);

static int __init buggy_init(void)
{
	pr_info("about to BUG\n");
	BUG_ON(broken);
	return 0;
}

static void __exit buggy_exit(void)
{
}

module_init(buggy_init);
module_exit(buggy_exit);
MODULE_LICENSE("GPL");
