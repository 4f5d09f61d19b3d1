/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kapi-shim/fs/vfs.h - what the parts of the file layer share: the
 * tree of special files (fs/namei.c), character device lookup
 * (fs/char_dev.c) and the hooks the user side (fs/ksim_user.c) needs.
 */
#ifndef _KAPI_SHIM_FS_VFS_H
#define _KAPI_SHIM_FS_VFS_H

#include <linux/fs.h>
#include <linux/dcache.h>

/* The directories drivers' files live in, created on first use. */
#define KSIM_DEV_DIR		"/dev"
#define KSIM_PROC_DIR		"/proc"
#define KSIM_DEBUGFS_DIR	"/sys/kernel/debug"

/* The directory at @path (made with its parents if missing), or NULL. */
struct dentry *ksim_fs_dir(const char *path);
/*
 * A new entry @name in @parent with a fresh inode of @mode, @fops and
 * @data (i_private), owned by @owner (reported if it unloads first).
 * The tree holds the only reference.  ERR_PTR(-EEXIST/-ENOMEM/-ENOENT).
 */
struct dentry *ksim_fs_create(struct dentry *parent, const char *name, umode_t mode,
			      const struct file_operations *fops, void *data,
			      struct module *owner);
/* An entry in no directory (a /dev/char/M:m node opened once), one reference. */
struct dentry *ksim_fs_anon(const char *name, umode_t mode,
			    const struct file_operations *fops);
/* Find @name directly under @parent (a reference is taken), or NULL. */
struct dentry *ksim_fs_lookup_child(struct dentry *parent, const char *name);
/* Walk @path from the root (a reference is taken): the dentry or ERR_PTR(-ENOENT). */
struct dentry *ksim_fs_lookup(const char *path);
/*
 * Take @dentry and everything under it out of the tree: each is marked
 * dead (later calls through ksim_fs_use() fail), removal waits for the
 * calls already inside, its ->ksim_on_remove runs, then the tree's
 * reference is dropped.
 */
void ksim_fs_remove(struct dentry *dentry);
/* Enter/leave a file operation on a removable entry: false once dead. */
bool ksim_fs_use(struct dentry *dentry);
void ksim_fs_unuse(struct dentry *dentry);
/*
 * Evaluate @call inside ksim_fs_use()/unuse() of @file's entry, or give
 * @ret_dead once the entry was removed (debugfs's proxy, procfs's
 * use_pde/unuse_pde).
 */
#define KSIM_FS_GUARDED_CALL(file, ret_dead, call)			\
({									\
	struct dentry *__d = (file)->f_path.dentry;			\
	__typeof__(call) __r;						\
	if (!ksim_fs_use(__d))						\
		__r = (ret_dead);					\
	else {								\
		__r = (call);						\
		ksim_fs_unuse(__d);					\
	}								\
	__r;								\
})
/* Write "/dir/name" for @dentry into @buf. */
void ksim_fs_path(struct dentry *dentry, char *buf, size_t len);
/* Call @fn for every entry, tree locked; returns the count of files. */
int ksim_fs_for_each(void (*fn)(struct dentry *d, void *arg), void *arg);

/* fs/char_dev.c: what open() starts a device node with. */
extern const struct file_operations def_chr_fops;
/* Whether some cdev or chrdev region covers @dev (for /dev/char/M:m). */
bool ksim_chrdev_exists(dev_t dev);
/* Drop the cdev reference an open of a device node took. */
void ksim_chrdev_release(struct inode *inode);

/* Take out what @mod registered and left (drivers/char/misc.c, fs/char_dev.c). */
void ksim_misc_module_unload(struct module *mod);
void ksim_cdev_module_unload(struct module *mod);
/* fs/ksim_user.c: a signal (SIGIO from kill_fasync) for the process that owns @file. */
void ksim_user_signal(struct file *file, int sig);

#endif
