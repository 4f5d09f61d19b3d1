// SPDX-License-Identifier: GPL-2.0
/*
 * minimal.c - the smallest useful module, the C counterpart of the
 * Rust-for-Linux rust_minimal sample: on load it greets, builds a list of
 * numbers with kmalloc(), and on unload prints the numbers and frees them.
 *
 *   ./ksim drivers/samples/minimal/minimal.ko count=5
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/slab.h>

static unsigned int count = 3;
module_param(count, uint, 0444);
MODULE_PARM_DESC(count, "How many numbers to put in the list (default 3)");

static char *greeting = "Hello from the minimal sample";
module_param(greeting, charp, 0444);
MODULE_PARM_DESC(greeting, "What to say when loaded");

struct number {
	struct list_head node;
	unsigned int value;
};

static LIST_HEAD(numbers);

static void free_numbers(void)
{
	struct number *n, *tmp;

	list_for_each_entry_safe(n, tmp, &numbers, node) {
		list_del(&n->node);
		kfree(n);
	}
}

static int __init minimal_init(void)
{
	unsigned int i;

	pr_info("%s (init)\n", greeting);
	pr_info("count=%u\n", count);

	for (i = 0; i < count; i++) {
		struct number *n = kmalloc(sizeof(*n), GFP_KERNEL);

		if (!n) {
			free_numbers();
			return -ENOMEM;
		}
		n->value = (i + 1) * 36;
		list_add_tail(&n->node, &numbers);
	}
	pr_info("built a list of %u numbers\n", count);
	return 0;
}

static void __exit minimal_exit(void)
{
	struct number *n;

	pr_info("my numbers are:");
	list_for_each_entry(n, &numbers, node)
		pr_cont(" %u", n->value);
	pr_cont("\n");
	free_numbers();
	pr_info("goodbye (exit)\n");
}

module_init(minimal_init);
module_exit(minimal_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("ksim developers");
MODULE_DESCRIPTION("Minimal sample: a module parameter and a kmalloc'd list");
MODULE_VERSION("1.0");
