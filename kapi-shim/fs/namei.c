// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/fs/namei.c - the tree of special files: /dev, /proc and
 * /sys/kernel/debug, with the dentries and inodes behind them.
 *
 * ksim has no real file system, only the entries drivers create (misc
 * devices, debugfs and procfs files, nodes made with ksim_user_mknod).
 * One lock guards the shape of the tree; each dentry is reference counted
 * (the tree holds one reference, an open file another), so a file opened
 * before its entry is removed keeps a valid dentry and inode until it is
 * closed.  Removal marks an entry dead and waits for the calls running in
 * it to leave (ksim_fs_use/unuse): debugfs and procfs rely on this so a
 * driver may free the data behind a file once the remove call returns.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/refcount.h>
#include <linux/wait.h>
#include <linux/export.h>
#include <linux/sprintf.h>

#include "internal.h"
#include "fs/vfs.h"
#include "sim/host.h"

static struct ksim_lock tree_lock = KSIM_LOCK_INIT;

/* The end of the path component starting at @p. */
static const char *component_end(const char *p)
{
	while (*p && *p != '/')
		p++;
	return p;
}
static struct dentry *root;
static unsigned long last_ino;

static struct dentry *dentry_new(const char *name, umode_t mode,
				 const struct file_operations *fops, void *data)
{
	size_t nlen = strlen(name);
	struct dentry *d = ksim_host->mem_alloc(sizeof(*d) + nlen + 1, 0);
	struct inode *inode = ksim_host->mem_alloc(sizeof(*inode), 0);

	if (!d || !inode) {
		ksim_host->mem_free(d);
		ksim_host->mem_free(inode);
		return NULL;
	}
	memset(d, 0, sizeof(*d));
	memset(inode, 0, sizeof(*inode));
	memcpy((char *)(d + 1), name, nlen + 1);
	d->d_name.name = (const unsigned char *)(d + 1);
	d->d_name.len = nlen;
	INIT_LIST_HEAD(&d->d_child);
	INIT_LIST_HEAD(&d->d_subdirs);
	refcount_set(&d->d_count, 1);
	atomic_set(&d->ksim_active, 0);
	init_waitqueue_head(&d->ksim_wq);
	inode->i_mode = mode;
	inode->i_fop = fops;
	inode->i_private = data;
	inode->i_ino = __atomic_add_fetch(&last_ino, 1, __ATOMIC_RELAXED);
	init_rwsem(&inode->i_rwsem);
	d->d_inode = inode;
	return d;
}

struct dentry *dget(struct dentry *dentry)
{
	if (dentry)
		refcount_inc(&dentry->d_count);
	return dentry;
}
EXPORT_SYMBOL(dget);

void dput(struct dentry *dentry)
{
	if (!dentry || !refcount_dec_and_test(&dentry->d_count))
		return;
	if (dentry->ksim_release)
		dentry->ksim_release(dentry);
	ksim_host->mem_free(dentry->d_inode);
	ksim_host->mem_free(dentry);
}
EXPORT_SYMBOL(dput);

/* With tree_lock held. */
static struct dentry *child_find(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *d;

	list_for_each_entry(d, &parent->d_subdirs, d_child)
		if (d->d_name.len == len && !memcmp(d->d_name.name, name, len))
			return d;
	return NULL;
}

static struct dentry *root_get(void)
{
	ksim_lock(&tree_lock);
	if (!root)
		root = dentry_new("", S_IFDIR | 0755, NULL, NULL);
	ksim_unlock(&tree_lock);
	return root;
}

struct dentry *ksim_fs_dir(const char *path)
{
	struct dentry *d = root_get();
	const char *p = path;

	if (!d)
		return NULL;
	ksim_lock(&tree_lock);
	while (*p) {
		const char *end;
		struct dentry *c;
		char name[256];

		while (*p == '/')
			p++;
		if (!*p)
			break;
		end = component_end(p);
		if ((size_t)(end - p) >= sizeof(name))
			goto fail;
		c = child_find(d, p, end - p);
		if (!c) {
			memcpy(name, p, end - p);
			name[end - p] = '\0';
			c = dentry_new(name, S_IFDIR | 0755, NULL, NULL);
			if (!c)
				goto fail;
			c->d_parent = d;
			list_add_tail(&c->d_child, &d->d_subdirs);
		} else if (!S_ISDIR(c->d_inode->i_mode)) {
			goto fail;
		}
		d = c;
		p = end;
	}
	ksim_unlock(&tree_lock);
	return d;
fail:
	ksim_unlock(&tree_lock);
	return NULL;
}

struct dentry *ksim_fs_create(struct dentry *parent, const char *name, umode_t mode,
			      const struct file_operations *fops, void *data,
			      struct module *owner)
{
	struct dentry *d;

	if (!parent || !name || !*name || strchr(name, '/'))
		return ERR_PTR(-EINVAL);
	d = dentry_new(name, mode, fops, data);
	if (!d)
		return ERR_PTR(-ENOMEM);
	d->ksim_owner = owner;
	ksim_lock(&tree_lock);
	if (parent->ksim_dead || !S_ISDIR(parent->d_inode->i_mode)) {
		ksim_unlock(&tree_lock);
		dput(d);
		return ERR_PTR(-ENOENT);
	}
	if (child_find(parent, name, strlen(name))) {
		ksim_unlock(&tree_lock);
		dput(d);
		return ERR_PTR(-EEXIST);
	}
	d->d_parent = parent;
	list_add_tail(&d->d_child, &parent->d_subdirs);
	ksim_unlock(&tree_lock);
	return d;
}

struct dentry *ksim_fs_anon(const char *name, umode_t mode,
			    const struct file_operations *fops)
{
	return dentry_new(name, mode, fops, NULL);
}

struct dentry *ksim_fs_lookup_child(struct dentry *parent, const char *name)
{
	struct dentry *d;

	ksim_lock(&tree_lock);
	d = dget(child_find(parent, name, strlen(name)));
	ksim_unlock(&tree_lock);
	return d;
}

struct dentry *ksim_fs_lookup(const char *path)
{
	struct dentry *d = root_get();
	const char *p = path;

	if (!d || *path != '/')
		return ERR_PTR(-ENOENT);
	ksim_lock(&tree_lock);
	while (*p) {
		const char *end;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		end = component_end(p);
		if (!S_ISDIR(d->d_inode->i_mode)) {
			d = NULL;
			break;
		}
		d = child_find(d, p, end - p);
		if (!d)
			break;
		p = end;
	}
	dget(d);
	ksim_unlock(&tree_lock);
	return d ? d : ERR_PTR(-ENOENT);
}

bool ksim_fs_use(struct dentry *dentry)
{
	atomic_inc(&dentry->ksim_active);
	/* Pairs with the barrier in remove_one(): dead is seen, or our count is. */
	smp_mb();
	if (READ_ONCE(dentry->ksim_dead)) {
		ksim_fs_unuse(dentry);
		return false;
	}
	return true;
}

void ksim_fs_unuse(struct dentry *dentry)
{
	if (atomic_dec_and_test(&dentry->ksim_active) && READ_ONCE(dentry->ksim_dead))
		wake_up_all(&dentry->ksim_wq);
}

static void remove_one(struct dentry *d)
{
	WRITE_ONCE(d->ksim_dead, true);
	smp_mb();
	wait_event(d->ksim_wq, atomic_read(&d->ksim_active) == 0);
	if (d->ksim_on_remove)
		d->ksim_on_remove(d);
}

void ksim_fs_remove(struct dentry *dentry)
{
	struct dentry *child;

	if (IS_ERR_OR_NULL(dentry))
		return;
	/* Children first, one at a time: each is unhooked under the lock. */
	for (;;) {
		ksim_lock(&tree_lock);
		child = list_first_entry_or_null(&dentry->d_subdirs, struct dentry, d_child);
		ksim_unlock(&tree_lock);
		if (!child)
			break;
		ksim_fs_remove(child);
	}
	ksim_lock(&tree_lock);
	if (list_empty(&dentry->d_child) || dentry->ksim_dead) {
		/* Already removed by someone else (or the root). */
		ksim_unlock(&tree_lock);
		return;
	}
	list_del_init(&dentry->d_child);
	ksim_unlock(&tree_lock);
	remove_one(dentry);
	dput(dentry);
}

void ksim_fs_path(struct dentry *dentry, char *buf, size_t len)
{
	char tmp[512];
	size_t n;

	if (!dentry || !dentry->d_parent) {
		scnprintf(buf, len, "/");
		return;
	}
	ksim_fs_path(dentry->d_parent, tmp, sizeof(tmp));
	n = strlen(tmp);
	scnprintf(buf, len, "%s%s%s", tmp, n > 1 ? "/" : "", dentry->d_name.name);
}

static int for_each_below(struct dentry *d, void (*fn)(struct dentry *, void *), void *arg)
{
	struct dentry *c;
	int n = 0;

	list_for_each_entry(c, &d->d_subdirs, d_child) {
		fn(c, arg);
		if (S_ISDIR(c->d_inode->i_mode))
			n += for_each_below(c, fn, arg);
		else
			n++;
	}
	return n;
}

/*
 * @fn runs for every entry (directories first, then what they hold) with
 * the tree locked: it must not create or remove entries.  Returns the
 * number of files (non-directories).
 */
int ksim_fs_for_each(void (*fn)(struct dentry *d, void *arg), void *arg)
{
	int n = 0;

	if (!root_get())
		return 0;
	ksim_lock(&tree_lock);
	n = for_each_below(root, fn, arg);
	ksim_unlock(&tree_lock);
	return n;
}
