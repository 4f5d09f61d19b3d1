// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/fs/debugfs/inode.c - creating and removing debugfs entries
 * under /sys/kernel/debug.
 *
 * As in Linux 6.1, creation failures come back as ERR_PTR() values that
 * every other debugfs call accepts as a parent and ignores (drivers are
 * told not to check them), and a duplicate name is logged.  Each entry
 * remembers the module that made it: one still there when that module
 * unloads is reported and removed (fs/ksim_user.c).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/export.h>

#include "internal.h"
#include "fs/vfs.h"
#include "fs/debugfs/debugfs.h"

static struct dentry *debugfs_parent(struct dentry *parent)
{
	return parent ? parent : ksim_fs_dir(KSIM_DEBUGFS_DIR);
}

static struct module *owner_of(const struct file_operations *fops, void *caller)
{
	if (fops && fops->owner)
		return fops->owner;
	return ksim_module_of((unsigned long)caller);
}

static struct dentry *create_entry(const char *name, umode_t mode, struct dentry *parent,
				   void *data, const struct file_operations *proxy,
				   const struct file_operations *real, void *caller)
{
	struct dentry *dir, *d;
	char path[256];

	if (IS_ERR(parent))
		return parent;
	dir = debugfs_parent(parent);
	if (!dir)
		return ERR_PTR(-ENOMEM);
	d = ksim_fs_create(dir, name, mode, proxy, data, owner_of(real, caller));
	if (IS_ERR(d)) {
		if (PTR_ERR(d) == -EEXIST) {
			ksim_fs_path(dir, path, sizeof(path));
			pr_err("debugfs: File '%s' in directory '%s' already present!\n",
			       name, dir->d_name.len ? (const char *)dir->d_name.name : path);
		}
		return d;
	}
	d->d_fsdata = (void *)real;
	return d;
}

static umode_t file_mode(umode_t mode)
{
	if (!(mode & S_IFMT))
		mode |= S_IFREG;
	return mode;
}

struct dentry *debugfs_create_file(const char *name, umode_t mode, struct dentry *parent,
				   void *data, const struct file_operations *fops)
{
	return create_entry(name, file_mode(mode), parent, data,
			    fops ? &debugfs_full_proxy_open_fops : NULL, fops,
			    __builtin_return_address(0));
}
EXPORT_SYMBOL_GPL(debugfs_create_file);

struct dentry *debugfs_create_file_unsafe(const char *name, umode_t mode,
					  struct dentry *parent, void *data,
					  const struct file_operations *fops)
{
	return create_entry(name, file_mode(mode), parent, data,
			    fops ? &debugfs_open_proxy_file_operations : NULL, fops,
			    __builtin_return_address(0));
}
EXPORT_SYMBOL_GPL(debugfs_create_file_unsafe);

void debugfs_create_file_size(const char *name, umode_t mode, struct dentry *parent,
			      void *data, const struct file_operations *fops,
			      loff_t file_size)
{
	struct dentry *de = create_entry(name, file_mode(mode), parent, data,
					 fops ? &debugfs_full_proxy_open_fops : NULL, fops,
					 __builtin_return_address(0));

	if (!IS_ERR(de))
		d_inode(de)->i_size = file_size;
}
EXPORT_SYMBOL_GPL(debugfs_create_file_size);

struct dentry *debugfs_create_mode(const char *name, umode_t mode, struct dentry *parent,
				   void *data, const struct file_operations *fops,
				   const struct file_operations *fops_ro,
				   const struct file_operations *fops_wo, void *caller)
{
	const struct file_operations *real = fops;

	if (!(mode & S_IWUGO))
		real = fops_ro;
	else if (!(mode & S_IRUGO))
		real = fops_wo;
	return create_entry(name, file_mode(mode), parent, data,
			    &debugfs_full_proxy_open_fops, real, caller);
}

struct dentry *debugfs_create_dir(const char *name, struct dentry *parent)
{
	return create_entry(name, S_IFDIR | 0755, parent, NULL, NULL, NULL,
			    __builtin_return_address(0));
}
EXPORT_SYMBOL_GPL(debugfs_create_dir);

struct dentry *debugfs_lookup(const char *name, struct dentry *parent)
{
	struct dentry *dir;

	if (IS_ERR(name) || !name || IS_ERR(parent))
		return NULL;
	dir = debugfs_parent(parent);
	return dir ? ksim_fs_lookup_child(dir, name) : NULL;
}
EXPORT_SYMBOL_GPL(debugfs_lookup);

void debugfs_remove(struct dentry *dentry)
{
	if (IS_ERR_OR_NULL(dentry))
		return;
	ksim_fs_remove(dentry);
}
EXPORT_SYMBOL_GPL(debugfs_remove);

void debugfs_lookup_and_remove(const char *name, struct dentry *parent)
{
	struct dentry *dentry = debugfs_lookup(name, parent);

	if (!dentry)
		return;
	debugfs_remove(dentry);
	dput(dentry);
}
EXPORT_SYMBOL_GPL(debugfs_lookup_and_remove);

bool debugfs_initialized(void)
{
	return true;
}
EXPORT_SYMBOL_GPL(debugfs_initialized);
