/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/dcache.h - a directory entry: a name in a tree, with the inode it
 * names.  ksim has one small in-memory tree (fs/namei.c) holding /dev,
 * /proc and /sys/kernel/debug, so a dentry here is what debugfs and procfs
 * hand out and what the user side's open() looks up.
 */
#ifndef __LINUX_DCACHE_H
#define __LINUX_DCACHE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/refcount_types.h>
#include <linux/atomic.h>
#include <linux/wait.h>

struct inode;

struct qstr {
	u32 len;
	const unsigned char *name;
};

#define QSTR_INIT(n, l) { .len = l, .name = n }

struct dentry {
	struct dentry *d_parent;
	struct qstr d_name;
	struct inode *d_inode;
	/* In the parent's d_subdirs. */
	struct list_head d_child;
	struct list_head d_subdirs;
	/* ksim: the tree holds one reference, each open file another. */
	refcount_t d_count;
	/* debugfs: the real file_operations behind the proxy. */
	void *d_fsdata;
	/* ksim: set once removed from the tree; later ops on it fail. */
	bool ksim_dead;
	/* ksim: calls running in the file's operations; removal waits for 0. */
	atomic_t ksim_active;
	struct wait_queue_head ksim_wq;
	/* ksim: runs when the entry is removed, after running calls left. */
	void (*ksim_on_remove)(struct dentry *dentry);
	/* ksim: frees what the file system hung on it, at the last dput(). */
	void (*ksim_release)(struct dentry *dentry);
	/* ksim: the module that created it (reported if it unloads first). */
	struct module *ksim_owner;
};

static inline struct inode *d_inode(const struct dentry *dentry)
{
	return dentry->d_inode;
}

static inline bool d_really_is_positive(const struct dentry *dentry)
{
	return dentry->d_inode != NULL;
}

static inline bool simple_positive(const struct dentry *dentry)
{
	return dentry->d_inode != NULL && !dentry->ksim_dead;
}

struct dentry *dget(struct dentry *dentry);
void dput(struct dentry *dentry);

#endif
