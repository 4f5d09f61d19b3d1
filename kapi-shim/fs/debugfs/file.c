// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/fs/debugfs/file.c - what a debugfs file does when it is used.
 *
 * Opening a file made by debugfs_create_file() pins the module of its
 * real file_operations and installs a per-file proxy with the same set of
 * operations (so FMODE_LSEEK, poll and ioctl behave as the real ones
 * would).  Each proxied call enters the entry (ksim_fs_use) and fails with
 * -EIO once the file was removed; ->release always reaches the driver.
 * Below are the ready-made files: integers, booleans and blobs.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/debugfs.h>
#include <linux/uaccess.h>
#include <linux/kstrtox.h>
#include <linux/export.h>

#include "internal.h"
#include "fs/vfs.h"
#include "fs/debugfs/debugfs.h"

struct debugfs_proxy {
	struct file_operations fops;
	const struct file_operations *real;
};

const struct file_operations *debugfs_real_fops(const struct file *filp)
{
	return filp->f_path.dentry->d_fsdata;
}
EXPORT_SYMBOL_GPL(debugfs_real_fops);

#define PROXY_CALL KSIM_FS_GUARDED_CALL

static loff_t proxy_llseek(struct file *f, loff_t off, int whence)
{
	return PROXY_CALL(f, (loff_t)-EIO, debugfs_real_fops(f)->llseek(f, off, whence));
}

static ssize_t proxy_read(struct file *f, char __user *buf, size_t n, loff_t *ppos)
{
	return PROXY_CALL(f, (ssize_t)-EIO, debugfs_real_fops(f)->read(f, buf, n, ppos));
}

static ssize_t proxy_write(struct file *f, const char __user *buf, size_t n, loff_t *ppos)
{
	return PROXY_CALL(f, (ssize_t)-EIO, debugfs_real_fops(f)->write(f, buf, n, ppos));
}

static long proxy_unlocked_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	return PROXY_CALL(f, (long)-EIO, debugfs_real_fops(f)->unlocked_ioctl(f, cmd, arg));
}

static __poll_t proxy_poll(struct file *f, struct poll_table_struct *wait)
{
	return PROXY_CALL(f, (__poll_t)EPOLLHUP, debugfs_real_fops(f)->poll(f, wait));
}

static int proxy_release(struct inode *inode, struct file *f)
{
	struct debugfs_proxy *proxy = container_of(f->f_op, struct debugfs_proxy, fops);
	const struct file_operations *real = proxy->real;
	int r = 0;

	/* Not guarded against removal: the driver must see every release. */
	if (real->release)
		r = real->release(inode, f);
	fops_put(real);
	/* The caller still looks at f_op (fops_put) after we return. */
	f->f_op = &debugfs_full_proxy_open_fops;
	kfree(proxy);
	return r;
}

static int proxy_open(struct inode *inode, struct file *filp)
{
	struct dentry *dentry = filp->f_path.dentry;
	const struct file_operations *real;
	struct debugfs_proxy *proxy;
	int r;

	if (!ksim_fs_use(dentry))
		return -ENOENT;
	real = fops_get(debugfs_real_fops(filp));
	if (!real) {
		r = -ENXIO;
		goto out;
	}
	proxy = kzalloc(sizeof(*proxy), GFP_KERNEL);
	if (!proxy) {
		fops_put(real);
		r = -ENOMEM;
		goto out;
	}
	proxy->real = real;
	proxy->fops.release = proxy_release;
	if (real->llseek)
		proxy->fops.llseek = proxy_llseek;
	if (real->read)
		proxy->fops.read = proxy_read;
	if (real->write)
		proxy->fops.write = proxy_write;
	if (real->poll)
		proxy->fops.poll = proxy_poll;
	if (real->unlocked_ioctl)
		proxy->fops.unlocked_ioctl = proxy_unlocked_ioctl;
	filp->f_op = &proxy->fops;
	r = real->open ? real->open(inode, filp) : 0;
	if (r) {
		filp->f_op = &debugfs_full_proxy_open_fops;
		fops_put(real);
		kfree(proxy);
	}
out:
	ksim_fs_unuse(dentry);
	return r;
}

const struct file_operations debugfs_full_proxy_open_fops = {
	.open = proxy_open,
};

/* debugfs_create_file_unsafe(): the real fops are used directly, unguarded. */
static int open_proxy_open(struct inode *inode, struct file *filp)
{
	struct dentry *dentry = filp->f_path.dentry;
	const struct file_operations *real;
	int r = 0;

	if (!ksim_fs_use(dentry))
		return -ENOENT;
	real = fops_get(debugfs_real_fops(filp));
	if (!real) {
		r = -ENXIO;
		goto out;
	}
	replace_fops(filp, real);
	if (real->open)
		r = real->open(inode, filp);
out:
	ksim_fs_unuse(dentry);
	return r;
}

const struct file_operations debugfs_open_proxy_file_operations = {
	.open = open_proxy_open,
};

/* ---- ready-made files ---- */

ssize_t debugfs_attr_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
	return simple_attr_read(file, buf, len, ppos);
}
EXPORT_SYMBOL_GPL(debugfs_attr_read);

ssize_t debugfs_attr_write(struct file *file, const char __user *buf, size_t len,
			   loff_t *ppos)
{
	return simple_attr_write(file, buf, len, ppos);
}
EXPORT_SYMBOL_GPL(debugfs_attr_write);

#define DEBUGFS_INT(name, type, fmt, is_signed)				\
static int debugfs_##name##_set(void *data, u64 val)			\
{									\
	*(type *)data = (type)val;					\
	return 0;							\
}									\
static int debugfs_##name##_get(void *data, u64 *val)			\
{									\
	*val = (u64)*(type *)data;					\
	return 0;							\
}									\
DEFINE_DEBUGFS_ATTRIBUTE_XSIGNED(fops_##name, debugfs_##name##_get,	\
				 debugfs_##name##_set, fmt, is_signed);	\
DEFINE_DEBUGFS_ATTRIBUTE_XSIGNED(fops_##name##_ro, debugfs_##name##_get, \
				 NULL, fmt, is_signed);			\
DEFINE_DEBUGFS_ATTRIBUTE_XSIGNED(fops_##name##_wo, NULL,		\
				 debugfs_##name##_set, fmt, is_signed);	\
void debugfs_create_##name(const char *fname, umode_t mode,		\
			   struct dentry *parent, type *value)		\
{									\
	debugfs_create_mode(fname, mode, parent, value, &fops_##name,	\
			    &fops_##name##_ro, &fops_##name##_wo,	\
			    __builtin_return_address(0));		\
}									\
EXPORT_SYMBOL_GPL(debugfs_create_##name)

DEBUGFS_INT(u8, u8, "%llu\n", false);
DEBUGFS_INT(u16, u16, "%llu\n", false);
DEBUGFS_INT(u32, u32, "%llu\n", false);
DEBUGFS_INT(u64, u64, "%llu\n", false);
DEBUGFS_INT(ulong, unsigned long, "%llu\n", false);
DEBUGFS_INT(x8, u8, "0x%02llx\n", false);
DEBUGFS_INT(x16, u16, "0x%04llx\n", false);
DEBUGFS_INT(x32, u32, "0x%08llx\n", false);
DEBUGFS_INT(x64, u64, "0x%016llx\n", false);
DEBUGFS_INT(size_t, size_t, "%llu\n", false);

static int debugfs_atomic_t_set(void *data, u64 val)
{
	atomic_set((atomic_t *)data, (int)val);
	return 0;
}

static int debugfs_atomic_t_get(void *data, u64 *val)
{
	*val = (u64)(s64)atomic_read((atomic_t *)data);
	return 0;
}

DEFINE_DEBUGFS_ATTRIBUTE_SIGNED(fops_atomic_t, debugfs_atomic_t_get,
				debugfs_atomic_t_set, "%lld\n");
DEFINE_DEBUGFS_ATTRIBUTE_SIGNED(fops_atomic_t_ro, debugfs_atomic_t_get, NULL, "%lld\n");
DEFINE_DEBUGFS_ATTRIBUTE_SIGNED(fops_atomic_t_wo, NULL, debugfs_atomic_t_set, "%lld\n");

void debugfs_create_atomic_t(const char *name, umode_t mode, struct dentry *parent,
			     atomic_t *value)
{
	debugfs_create_mode(name, mode, parent, value, &fops_atomic_t, &fops_atomic_t_ro,
			    &fops_atomic_t_wo, __builtin_return_address(0));
}
EXPORT_SYMBOL_GPL(debugfs_create_atomic_t);

ssize_t debugfs_read_file_bool(struct file *file, char __user *user_buf, size_t count,
			       loff_t *ppos)
{
	bool *val = file->private_data;
	char buf[3];

	buf[0] = READ_ONCE(*val) ? 'Y' : 'N';
	buf[1] = '\n';
	buf[2] = 0x00;
	return simple_read_from_buffer(user_buf, count, ppos, buf, 2);
}
EXPORT_SYMBOL_GPL(debugfs_read_file_bool);

ssize_t debugfs_write_file_bool(struct file *file, const char __user *user_buf,
				size_t count, loff_t *ppos)
{
	bool *val = file->private_data;
	char buf[32];
	size_t n = min(count, sizeof(buf) - 1);
	bool bv;
	int r;

	if (copy_from_user(buf, user_buf, n))
		return -EFAULT;
	buf[n] = '\0';
	r = kstrtobool(buf, &bv);
	if (r)
		return r;
	WRITE_ONCE(*val, bv);
	return count;
}
EXPORT_SYMBOL_GPL(debugfs_write_file_bool);

static const struct file_operations fops_bool = {
	.read =		debugfs_read_file_bool,
	.write =	debugfs_write_file_bool,
	.open =		simple_open,
	.llseek =	default_llseek,
};

static const struct file_operations fops_bool_ro = {
	.read =		debugfs_read_file_bool,
	.open =		simple_open,
	.llseek =	default_llseek,
};

static const struct file_operations fops_bool_wo = {
	.write =	debugfs_write_file_bool,
	.open =		simple_open,
	.llseek =	default_llseek,
};

void debugfs_create_bool(const char *name, umode_t mode, struct dentry *parent, bool *value)
{
	debugfs_create_mode(name, mode, parent, value, &fops_bool, &fops_bool_ro,
			    &fops_bool_wo, __builtin_return_address(0));
}
EXPORT_SYMBOL_GPL(debugfs_create_bool);

static ssize_t read_file_blob(struct file *file, char __user *user_buf, size_t count,
			      loff_t *ppos)
{
	struct debugfs_blob_wrapper *blob = file->private_data;

	return simple_read_from_buffer(user_buf, count, ppos, blob->data, blob->size);
}

static const struct file_operations fops_blob = {
	.read =		read_file_blob,
	.open =		simple_open,
	.llseek =	default_llseek,
};

struct dentry *debugfs_create_blob(const char *name, umode_t mode, struct dentry *parent,
				   struct debugfs_blob_wrapper *blob)
{
	return debugfs_create_mode(name, mode & ~S_IWUGO, parent, blob, &fops_blob,
				   &fops_blob, &fops_blob, __builtin_return_address(0));
}
EXPORT_SYMBOL_GPL(debugfs_create_blob);
