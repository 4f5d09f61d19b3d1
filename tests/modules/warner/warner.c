// SPDX-License-Identifier: GPL-2.0
/* A module that trips WARN_ON and WARN_ON_ONCE: one report each, not more. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>
#include <linux/bug.h>

static int times = 3;
module_param(times, int, 0444);
MODULE_PARM_DESC(times, "How often to hit the WARN_ON_ONCE");

static noinline void warner_check(int value)
{
	WARN_ON_ONCE(value > 0);
}

static int __init warner_init(void)
{
	int i;

	WARN(times > 0, "warner: %d is more than none\n", times);
	for (i = 0; i < times; i++)
		warner_check(i + 1);
	return 0;
}

static void __exit warner_exit(void)
{
}

module_init(warner_init);
module_exit(warner_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("test: WARN and WARN_ON_ONCE");
