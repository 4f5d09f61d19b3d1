/* SPDX-License-Identifier: GPL-2.0 */
/* kapi-shim/fs/debugfs/debugfs.h - shared by debugfs's inode.c and file.c. */
#ifndef _KAPI_SHIM_DEBUGFS_INTERNAL_H
#define _KAPI_SHIM_DEBUGFS_INTERNAL_H

#include <linux/fs.h>

/* Opening files made by debugfs_create_file() / _unsafe(). */
extern const struct file_operations debugfs_full_proxy_open_fops;
extern const struct file_operations debugfs_open_proxy_file_operations;

const struct file_operations *debugfs_real_fops(const struct file *filp);

/*
 * A ready-made file: @fops, or @fops_ro without write permission in
 * @mode, or @fops_wo without read permission.  @caller: who asked, so a
 * file left behind names its module.
 */
struct dentry *debugfs_create_mode(const char *name, umode_t mode, struct dentry *parent,
				   void *data, const struct file_operations *fops,
				   const struct file_operations *fops_ro,
				   const struct file_operations *fops_wo,
				   void *caller);

#endif
