// SPDX-License-Identifier: GPL-2.0
/* Exports a function and a GPL-only function for the consumer module. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>

int provider_add(int a, int b)
{
	return a + b;
}
EXPORT_SYMBOL(provider_add);

int provider_secret(void)
{
	return 42;
}
EXPORT_SYMBOL_GPL(provider_secret);

/* Not exported: invisible to other modules. */
int provider_private(void)
{
	return 7;
}

static int __init provider_init(void)
{
	pr_info("providing provider_add and provider_secret\n");
	return 0;
}

static void __exit provider_exit(void)
{
	pr_info("gone\n");
}

module_init(provider_init);
module_exit(provider_exit);
MODULE_LICENSE("GPL");
