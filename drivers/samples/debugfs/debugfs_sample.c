// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs_sample.c - debugfs and seq_file, the way drivers expose state
 * for debugging: a directory /sys/kernel/debug/debugfs_sample with a u32
 * and a bool anyone can write, a seq_file listing built with
 * DEFINE_SHOW_ATTRIBUTE, an attribute file (DEFINE_DEBUGFS_ATTRIBUTE), and
 * the same listing in /proc/debugfs_sample (proc_create_single).
 *
 *   ./ksim drivers/samples/debugfs/debugfs_sample.ko \
 *       --exec='echo 7 > /sys/kernel/debug/debugfs_sample/count; cat /proc/debugfs_sample'
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

static u32 count = 3;
static bool shout;
static u64 answer = 42;
static struct dentry *dir;

/* One line per item, "item N", up to count; SHOUTED when shout is set. */
static int items_show(struct seq_file *m, void *v)
{
	u32 i;

	for (i = 0; i < READ_ONCE(count); i++)
		seq_printf(m, "%s %u\n", READ_ONCE(shout) ? "ITEM" : "item", i);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(items);

static int answer_get(void *data, u64 *val)
{
	*val = *(u64 *)data;
	return 0;
}

static int answer_set(void *data, u64 val)
{
	if (val > 1000)
		return -EINVAL;
	*(u64 *)data = val;
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(answer_fops, answer_get, answer_set, "%llu\n");

static int __init debugfs_sample_init(void)
{
	dir = debugfs_create_dir("debugfs_sample", NULL);
	debugfs_create_u32("count", 0644, dir, &count);
	debugfs_create_bool("shout", 0644, dir, &shout);
	debugfs_create_file("items", 0444, dir, NULL, &items_fops);
	debugfs_create_file("answer", 0644, dir, &answer, &answer_fops);
	if (!proc_create_single("debugfs_sample", 0444, NULL, items_show)) {
		debugfs_remove_recursive(dir);
		return -ENOMEM;
	}
	pr_info("see /sys/kernel/debug/debugfs_sample and /proc/debugfs_sample\n");
	return 0;
}

static void __exit debugfs_sample_exit(void)
{
	remove_proc_entry("debugfs_sample", NULL);
	debugfs_remove_recursive(dir);
}

module_init(debugfs_sample_init);
module_exit(debugfs_sample_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("ksim");
MODULE_DESCRIPTION("debugfs and seq_file: counters, a listing, an attribute");
