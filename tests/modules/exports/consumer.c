// SPDX-License-Identifier: GPL-2.0
/* Uses the provider module's exports. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>

int provider_add(int a, int b);
int provider_secret(void);

static int __init consumer_init(void)
{
	pr_info("provider_add(2, 3) = %d, provider_secret() = %d\n",
		provider_add(2, 3), provider_secret());
	return 0;
}

static void __exit consumer_exit(void)
{
}

module_init(consumer_init);
module_exit(consumer_exit);
MODULE_LICENSE("GPL");
