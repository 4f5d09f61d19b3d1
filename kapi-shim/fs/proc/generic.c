// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/fs/proc/generic.c - /proc entries: proc_create(), proc_mkdir(),
 * the seq_file shortcuts, and removal.
 *
 * A /proc file's inode opens through proc_reg_fops, which forwards every
 * call to the entry's proc_ops inside ksim_fs_use()/unuse() (procfs's
 * use_pde/unuse_pde).  Open files are remembered per entry: removal waits
 * for running calls, then calls ->proc_release for each file still open,
 * so a module can unload with /proc files open (proc_ops have no owner)
 * and the files only answer -EIO afterwards.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/uio.h>
#include <linux/spinlock.h>
#include <linux/module.h>
#include <linux/export.h>

#include "internal.h"
#include "fs/vfs.h"
#include "sim/host.h"

struct pde_opener {
	struct list_head lh;
	struct file *file;
};

struct proc_dir_entry {
	struct dentry *dentry;
	const struct proc_ops *proc_ops;
	void *data;
	int (*single_show)(struct seq_file *, void *);
	const struct seq_operations *seq_ops;
	unsigned int state_size;
	spinlock_t lock;
	struct list_head openers;
};

static struct proc_dir_entry *PDE(const struct inode *inode)
{
	return inode->ksim_pde;
}

void *pde_data(const struct inode *inode)
{
	return PDE(inode)->data;
}
EXPORT_SYMBOL(pde_data);

void *proc_get_parent_data(const struct inode *inode)
{
	struct dentry *parent = PDE(inode)->dentry->d_parent;
	struct proc_dir_entry *de = parent ? d_inode(parent)->ksim_pde : NULL;

	return de ? de->data : NULL;
}
EXPORT_SYMBOL_GPL(proc_get_parent_data);

/* ---- the file operations every /proc file opens with ---- */

#define PDE_CALL KSIM_FS_GUARDED_CALL

static ssize_t pde_read(struct proc_dir_entry *pde, struct file *file, char __user *buf,
			size_t count, loff_t *ppos)
{
	struct kiocb kiocb;
	struct iov_iter iter;
	ssize_t ret;

	if (pde->proc_ops->proc_read)
		return pde->proc_ops->proc_read(file, buf, count, ppos);
	if (!pde->proc_ops->proc_read_iter)
		return -EIO;
	/* proc_read_iter (seq_read_iter): one user buffer, as read(2) builds. */
	init_sync_kiocb(&kiocb, file);
	kiocb.ki_pos = *ppos;
	iov_iter_ubuf(&iter, ITER_DEST, buf, count);
	ret = pde->proc_ops->proc_read_iter(&kiocb, &iter);
	*ppos = kiocb.ki_pos;
	return ret;
}

static ssize_t proc_reg_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct proc_dir_entry *pde = PDE(file_inode(file));

	return PDE_CALL(file, (ssize_t)-EIO, pde_read(pde, file, buf, count, ppos));
}

static ssize_t pde_write(struct proc_dir_entry *pde, struct file *file,
			 const char __user *buf, size_t count, loff_t *ppos)
{
	if (pde->proc_ops->proc_write)
		return pde->proc_ops->proc_write(file, buf, count, ppos);
	return -EIO;
}

static ssize_t proc_reg_write(struct file *file, const char __user *buf, size_t count,
			      loff_t *ppos)
{
	struct proc_dir_entry *pde = PDE(file_inode(file));

	return PDE_CALL(file, (ssize_t)-EIO, pde_write(pde, file, buf, count, ppos));
}

static loff_t pde_lseek(struct proc_dir_entry *pde, struct file *file, loff_t offset,
			int whence)
{
	if (pde->proc_ops->proc_lseek)
		return pde->proc_ops->proc_lseek(file, offset, whence);
	return default_llseek(file, offset, whence);
}

static loff_t proc_reg_llseek(struct file *file, loff_t offset, int whence)
{
	struct proc_dir_entry *pde = PDE(file_inode(file));

	return PDE_CALL(file, (loff_t)-EIO, pde_lseek(pde, file, offset, whence));
}

static __poll_t pde_poll(struct proc_dir_entry *pde, struct file *file,
			 struct poll_table_struct *pts)
{
	if (pde->proc_ops->proc_poll)
		return pde->proc_ops->proc_poll(file, pts);
	return DEFAULT_POLLMASK;
}

static __poll_t proc_reg_poll(struct file *file, struct poll_table_struct *pts)
{
	struct proc_dir_entry *pde = PDE(file_inode(file));

	return PDE_CALL(file, (__poll_t)DEFAULT_POLLMASK, pde_poll(pde, file, pts));
}

static long pde_ioctl(struct proc_dir_entry *pde, struct file *file, unsigned int cmd,
		      unsigned long arg)
{
	if (pde->proc_ops->proc_ioctl)
		return pde->proc_ops->proc_ioctl(file, cmd, arg);
	return -ENOTTY;
}

static long proc_reg_unlocked_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct proc_dir_entry *pde = PDE(file_inode(file));

	return PDE_CALL(file, (long)-ENOTTY, pde_ioctl(pde, file, cmd, arg));
}

static int proc_reg_open(struct inode *inode, struct file *file)
{
	struct proc_dir_entry *pde = PDE(inode);
	struct pde_opener *pdeo;
	int rv = 0;

	pdeo = kmalloc(sizeof(*pdeo), GFP_KERNEL);
	if (!pdeo)
		return -ENOMEM;
	if (!ksim_fs_use(file->f_path.dentry)) {
		kfree(pdeo);
		return -ENOENT;
	}
	if (pde->proc_ops->proc_open)
		rv = pde->proc_ops->proc_open(inode, file);
	if (rv == 0) {
		pdeo->file = file;
		spin_lock(&pde->lock);
		list_add(&pdeo->lh, &pde->openers);
		spin_unlock(&pde->lock);
	} else {
		kfree(pdeo);
	}
	ksim_fs_unuse(file->f_path.dentry);
	return rv;
}

/* The opener of @file, taken off the list; NULL once removal released it. */
static struct pde_opener *pdeo_take(struct proc_dir_entry *pde, struct file *file)
{
	struct pde_opener *pdeo, *found = NULL;

	spin_lock(&pde->lock);
	list_for_each_entry(pdeo, &pde->openers, lh) {
		if (!file || pdeo->file == file) {
			list_del(&pdeo->lh);
			found = pdeo;
			break;
		}
	}
	spin_unlock(&pde->lock);
	return found;
}

static void close_pdeo(struct proc_dir_entry *pde, struct pde_opener *pdeo)
{
	struct file *file = pdeo->file;

	if (pde->proc_ops->proc_release)
		pde->proc_ops->proc_release(file_inode(file), file);
	kfree(pdeo);
}

static int proc_reg_release(struct inode *inode, struct file *file)
{
	struct proc_dir_entry *pde = PDE(inode);
	struct pde_opener *pdeo = pdeo_take(pde, file);

	if (pdeo)
		close_pdeo(pde, pdeo);
	return 0;
}

static const struct file_operations proc_reg_fops = {
	.llseek		= proc_reg_llseek,
	.read		= proc_reg_read,
	.write		= proc_reg_write,
	.poll		= proc_reg_poll,
	.unlocked_ioctl	= proc_reg_unlocked_ioctl,
	.open		= proc_reg_open,
	.release	= proc_reg_release,
};

/* ---- creating and removing entries ---- */

static void pde_free(struct dentry *dentry)
{
	ksim_host->mem_free(d_inode(dentry)->ksim_pde);
}

/* Removal: release every file still open on the entry. */
static void pde_rundown(struct dentry *dentry)
{
	struct proc_dir_entry *pde = d_inode(dentry)->ksim_pde;
	struct pde_opener *pdeo;

	if (!pde)
		return;
	while ((pdeo = pdeo_take(pde, NULL)))
		close_pdeo(pde, pdeo);
}

static struct dentry *proc_parent(struct proc_dir_entry *parent)
{
	return parent ? parent->dentry : ksim_fs_dir(KSIM_PROC_DIR);
}

static struct proc_dir_entry *proc_register(const char *name, umode_t mode,
					    struct proc_dir_entry *parent, void *data,
					    const struct proc_ops *ops, void *caller)
{
	struct proc_dir_entry *pde;
	struct dentry *dir = proc_parent(parent), *d;

	if (!dir)
		return NULL;
	pde = ksim_host->mem_alloc(sizeof(*pde), 0);
	if (!pde)
		return NULL;
	memset(pde, 0, sizeof(*pde));
	spin_lock_init(&pde->lock);
	INIT_LIST_HEAD(&pde->openers);
	pde->data = data;
	pde->proc_ops = ops;
	d = ksim_fs_create(dir, name, mode, S_ISDIR(mode) ? NULL : &proc_reg_fops, data,
			   ksim_module_of((unsigned long)caller));
	if (IS_ERR(d)) {
		if (PTR_ERR(d) == -EEXIST)
			WARN(1, "proc_dir_entry '%s/%s' already registered\n",
			     dir->d_name.name, name);
		ksim_host->mem_free(pde);
		return NULL;
	}
	pde->dentry = d;
	d_inode(d)->ksim_pde = pde;
	d->ksim_release = pde_free;
	d->ksim_on_remove = pde_rundown;
	return pde;
}

static umode_t file_mode(umode_t mode)
{
	if ((mode & S_IFMT) == 0)
		mode |= S_IFREG;
	if ((mode & S_IALLUGO) == 0)
		mode |= S_IRUGO;
	return mode;
}

struct proc_dir_entry *proc_create_data(const char *name, umode_t mode,
					struct proc_dir_entry *parent,
					const struct proc_ops *proc_ops, void *data)
{
	if (WARN(!S_ISREG(file_mode(mode)), "proc_create_data: '%s' is not a regular file\n",
		 name))
		return NULL;
	return proc_register(name, file_mode(mode), parent, data, proc_ops,
			     __builtin_return_address(0));
}
EXPORT_SYMBOL(proc_create_data);

struct proc_dir_entry *proc_create(const char *name, umode_t mode,
				   struct proc_dir_entry *parent,
				   const struct proc_ops *proc_ops)
{
	return proc_register(name, file_mode(mode), parent, NULL, proc_ops,
			     __builtin_return_address(0));
}
EXPORT_SYMBOL(proc_create);

struct proc_dir_entry *proc_mkdir_data(const char *name, umode_t mode,
				       struct proc_dir_entry *parent, void *data)
{
	if (mode == 0)
		mode = S_IRUGO | S_IXUGO;
	return proc_register(name, S_IFDIR | mode, parent, data, NULL,
			     __builtin_return_address(0));
}
EXPORT_SYMBOL_GPL(proc_mkdir_data);

struct proc_dir_entry *proc_mkdir_mode(const char *name, umode_t mode,
				       struct proc_dir_entry *parent)
{
	return proc_register(name, S_IFDIR | (mode ? mode : S_IRUGO | S_IXUGO), parent,
			     NULL, NULL, __builtin_return_address(0));
}
EXPORT_SYMBOL(proc_mkdir_mode);

struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent)
{
	return proc_register(name, S_IFDIR | S_IRUGO | S_IXUGO, parent, NULL, NULL,
			     __builtin_return_address(0));
}
EXPORT_SYMBOL(proc_mkdir);

static int proc_single_open(struct inode *inode, struct file *file)
{
	struct proc_dir_entry *de = PDE(inode);

	return single_open(file, de->single_show, de->data);
}

static const struct proc_ops proc_single_ops = {
	.proc_open	= proc_single_open,
	.proc_read	= seq_read,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
};

struct proc_dir_entry *proc_create_single_data(const char *name, umode_t mode,
					       struct proc_dir_entry *parent,
					       int (*show)(struct seq_file *, void *),
					       void *data)
{
	struct proc_dir_entry *p;

	p = proc_register(name, file_mode(mode), parent, data, &proc_single_ops,
			  __builtin_return_address(0));
	if (p)
		p->single_show = show;
	return p;
}
EXPORT_SYMBOL(proc_create_single_data);

static int proc_seq_open(struct inode *inode, struct file *file)
{
	struct proc_dir_entry *de = PDE(inode);

	if (de->state_size)
		return seq_open_private(file, de->seq_ops, de->state_size);
	return seq_open(file, de->seq_ops);
}

static int proc_seq_release(struct inode *inode, struct file *file)
{
	struct proc_dir_entry *de = PDE(inode);

	if (de->state_size)
		return seq_release_private(inode, file);
	return seq_release(inode, file);
}

static const struct proc_ops proc_seq_ops = {
	.proc_open	= proc_seq_open,
	.proc_read	= seq_read,
	.proc_lseek	= seq_lseek,
	.proc_release	= proc_seq_release,
};

struct proc_dir_entry *proc_create_seq_private(const char *name, umode_t mode,
					       struct proc_dir_entry *parent,
					       const struct seq_operations *ops,
					       unsigned int state_size, void *data)
{
	struct proc_dir_entry *p;

	p = proc_register(name, file_mode(mode), parent, data, &proc_seq_ops,
			  __builtin_return_address(0));
	if (p) {
		p->seq_ops = ops;
		p->state_size = state_size;
	}
	return p;
}
EXPORT_SYMBOL(proc_create_seq_private);

void proc_set_size(struct proc_dir_entry *de, loff_t size)
{
	d_inode(de->dentry)->i_size = size;
}
EXPORT_SYMBOL(proc_set_size);

void remove_proc_entry(const char *name, struct proc_dir_entry *parent)
{
	struct dentry *dir = proc_parent(parent), *d;

	d = dir ? ksim_fs_lookup_child(dir, name) : NULL;
	if (!d) {
		WARN(1, "remove_proc_entry: name '%s'\n", name);
		return;
	}
	if (!list_empty(&d->d_subdirs))
		WARN(1, "%s: removing non-empty directory '%s/%s'\n", __func__,
		     dir->d_name.name, name);
	ksim_fs_remove(d);
	dput(d);
}
EXPORT_SYMBOL(remove_proc_entry);

int remove_proc_subtree(const char *name, struct proc_dir_entry *parent)
{
	struct dentry *dir = proc_parent(parent), *d;

	d = dir ? ksim_fs_lookup_child(dir, name) : NULL;
	if (!d)
		return -ENOENT;
	ksim_fs_remove(d);
	dput(d);
	return 0;
}
EXPORT_SYMBOL(remove_proc_subtree);

void proc_remove(struct proc_dir_entry *de)
{
	if (de)
		ksim_fs_remove(de->dentry);
}
EXPORT_SYMBOL(proc_remove);
