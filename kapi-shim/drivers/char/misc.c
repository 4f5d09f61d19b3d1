// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/drivers/char/misc.c - misc devices: major 10, one minor each,
 * a node /dev/<name> (or /dev/<nodename>).
 *
 * Minors are handed out as Linux 6.1 does: a fixed minor must be free
 * (-EBUSY), MISC_DYNAMIC_MINOR takes the highest free of the 128 dynamic
 * minors (127, 126, ...).  Opening the node runs misc_open(), which puts
 * the struct miscdevice in file->private_data before the driver's own
 * ->open runs (drivers rely on that), pinning the driver's module through
 * its fops->owner for as long as the file stays open.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/list.h>
#include <linux/bitmap.h>
#include <linux/module.h>
#include <linux/export.h>
#include <linux/sprintf.h>
#include <ksim/module.h>
#include <ksim/report.h>

#include "internal.h"
#include "fs/vfs.h"

#define DYNAMIC_MINORS 128

static LIST_HEAD(misc_list);
static DEFINE_MUTEX(misc_mtx);
static DECLARE_BITMAP(misc_minors, DYNAMIC_MINORS);
static bool misc_major_registered;

static int misc_open(struct inode *inode, struct file *file)
{
	const struct file_operations *new_fops = NULL;
	struct miscdevice *c = NULL, *iter;
	int minor = iminor(inode);
	int err = -ENODEV;

	mutex_lock(&misc_mtx);
	list_for_each_entry(iter, &misc_list, list) {
		if (iter->minor != minor)
			continue;
		c = iter;
		new_fops = fops_get(iter->fops);
		break;
	}
	if (!new_fops)
		goto fail;
	file->private_data = c;
	err = 0;
	replace_fops(file, new_fops);
	if (file->f_op->open)
		err = file->f_op->open(inode, file);
fail:
	mutex_unlock(&misc_mtx);
	return err;
}

static const struct file_operations misc_fops = {
	.owner	= NULL,
	.open	= misc_open,
	.llseek	= noop_llseek,
};

static const char *misc_node_name(const struct miscdevice *misc)
{
	return misc->nodename ? misc->nodename : misc->name;
}

/*
 * The directory of the node and its last component: a nodename may hold
 * a subdirectory ("net/tun", "mapper/control"), made as devtmpfs does.
 */
static struct dentry *misc_node_dir(const struct miscdevice *misc, const char **base)
{
	const char *name = misc_node_name(misc);
	const char *slash = strrchr(name, '/');
	char dir[128];

	*base = slash ? slash + 1 : name;
	scnprintf(dir, sizeof(dir), "%s/%.*s", KSIM_DEV_DIR, slash ? (int)(slash - name) : 0,
		 name);
	return ksim_fs_dir(dir);
}

int misc_register(struct miscdevice *misc)
{
	bool is_dynamic = (misc->minor == MISC_DYNAMIC_MINOR);
	struct dentry *dir, *node;
	struct miscdevice *c;
	const char *base;
	int err = 0;

	INIT_LIST_HEAD(&misc->list);
	if (!misc->name || !misc->fops)
		return -EINVAL;
	mutex_lock(&misc_mtx);
	if (!misc_major_registered) {
		err = __register_chrdev(MISC_MAJOR, 0, 256, "misc", &misc_fops);
		if (err < 0)
			goto out;
		misc_major_registered = true;
	}
	if (is_dynamic) {
		int i = find_first_zero_bit(misc_minors, DYNAMIC_MINORS);

		if (i >= DYNAMIC_MINORS) {
			err = -EBUSY;
			goto out;
		}
		misc->minor = DYNAMIC_MINORS - i - 1;
		set_bit(i, misc_minors);
	} else {
		list_for_each_entry(c, &misc_list, list) {
			if (c->minor == misc->minor) {
				err = -EBUSY;
				goto out;
			}
		}
	}
	dir = misc_node_dir(misc, &base);
	node = dir ? ksim_fs_create(dir, base,
				    S_IFCHR | (misc->mode ? misc->mode : 0600),
				    &def_chr_fops, NULL, misc->fops->owner) :
		     ERR_PTR(-ENOMEM);
	if (IS_ERR(node)) {
		err = PTR_ERR(node);
		if (err == -EEXIST)
			pr_err("misc %s: a device node /dev/%s already exists\n",
			       misc->name, misc_node_name(misc));
		if (is_dynamic) {
			int i = DYNAMIC_MINORS - misc->minor - 1;

			if (i < DYNAMIC_MINORS && i >= 0)
				clear_bit(i, misc_minors);
			misc->minor = MISC_DYNAMIC_MINOR;
		}
		goto out;
	}
	d_inode(node)->i_rdev = MKDEV(MISC_MAJOR, misc->minor);
	misc->this_device = NULL;
	list_add(&misc->list, &misc_list);
out:
	mutex_unlock(&misc_mtx);
	return err;
}
EXPORT_SYMBOL(misc_register);

void misc_deregister(struct miscdevice *misc)
{
	int i = DYNAMIC_MINORS - misc->minor - 1;
	struct dentry *dir, *node;
	const char *base;

	if (WARN_ON(list_empty(&misc->list)))
		return;
	mutex_lock(&misc_mtx);
	list_del(&misc->list);
	dir = misc_node_dir(misc, &base);
	node = dir ? ksim_fs_lookup_child(dir, base) : NULL;
	if (node) {
		ksim_fs_remove(node);
		dput(node);
	}
	if (i < DYNAMIC_MINORS && i >= 0)
		clear_bit(i, misc_minors);
	/* The last one gives major 10 back, so nothing is left at shutdown. */
	if (list_empty(&misc_list) && misc_major_registered) {
		__unregister_chrdev(MISC_MAJOR, 0, 256, "misc");
		misc_major_registered = false;
	}
	mutex_unlock(&misc_mtx);
}
EXPORT_SYMBOL(misc_deregister);

static bool misc_of_module(const struct miscdevice *misc, struct module *mod)
{
	return misc->fops->owner == mod ||
	       ksim_module_of((unsigned long)misc->fops) == mod ||
	       ksim_module_of((unsigned long)misc) == mod;
}

/* Its code is about to be unmapped: a device still registered is a bug. */
void ksim_misc_module_unload(struct module *mod)
{
	struct miscdevice *misc;

	for (;;) {
		struct miscdevice *found = NULL;

		mutex_lock(&misc_mtx);
		list_for_each_entry(misc, &misc_list, list) {
			if (misc_of_module(misc, mod)) {
				found = misc;
				break;
			}
		}
		mutex_unlock(&misc_mtx);
		if (!found)
			break;
		pr_err("misc %s: module %s unloaded without misc_deregister()\n",
		       found->name, ksim_module_name(mod));
		ksim_report(KSIM_REPORT_OBJECT);
		misc_deregister(found);
	}
}
