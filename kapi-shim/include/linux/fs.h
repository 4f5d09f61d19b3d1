/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/fs.h - files, inodes and the file_operations a character device,
 * a debugfs file or a procfs file implements.
 *
 * ksim has no block-backed file systems: every inode is a special file in
 * the small tree of kapi-shim/fs/namei.c (/dev, /proc, /sys/kernel/debug),
 * opened by the user side (<ksim/user.h>) in a simulated process.  The
 * structures keep the kernel's member names for what drivers touch:
 * file->private_data, file->f_flags (O_NONBLOCK), file->f_pos,
 * file->f_mode, inode->i_private, inode->i_cdev, inode->i_rdev ...
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/err.h>
#include <linux/atomic.h>
#include <linux/kdev_t.h>
#include <linux/fcntl.h>
#include <linux/dcache.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/module.h>
#include <linux/ioctl.h>
#include <linux/limits.h>
#include <asm/page.h>

struct poll_table_struct;
struct vm_area_struct;
struct kiocb;
struct iov_iter;
struct seq_file;
struct cdev;
struct file_lock;
struct super_block;

typedef void *fl_owner_t;

/* file->f_mode */
#define FMODE_READ		((__force fmode_t)0x1)
#define FMODE_WRITE		((__force fmode_t)0x2)
#define FMODE_LSEEK		((__force fmode_t)0x4)
#define FMODE_PREAD		((__force fmode_t)0x8)
#define FMODE_PWRITE		((__force fmode_t)0x10)
#define FMODE_EXEC		((__force fmode_t)0x20)
#define FMODE_NDELAY		((__force fmode_t)0x40)
#define FMODE_EXCL		((__force fmode_t)0x80)
#define FMODE_UNSIGNED_OFFSET	((__force fmode_t)0x2000)
#define FMODE_ATOMIC_POS	((__force fmode_t)0x8000)
#define FMODE_CAN_READ		((__force fmode_t)0x20000)
#define FMODE_CAN_WRITE		((__force fmode_t)0x40000)
#define FMODE_OPENED		((__force fmode_t)0x80000)
#define FMODE_STREAM		((__force fmode_t)0x200000)
#define FMODE_NOWAIT		((__force fmode_t)0x8000000)

/* lseek whence */
#ifndef SEEK_SET
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#endif
#ifndef SEEK_DATA
#define SEEK_DATA	3
#define SEEK_HOLE	4
#endif
#define SEEK_MAX	SEEK_HOLE

/* inode->i_mode file types and permissions (S_IFCHR ...). */
#include <linux/stat.h>

#define MAX_LFS_FILESIZE	((loff_t)LLONG_MAX)
/* The most one read or write moves (rw_verify_area). */
#define MAX_RW_COUNT		(INT_MAX & PAGE_MASK)

struct path {
	struct dentry *dentry;
};

/* kiocb->ki_flags */
#define IOCB_HIPRI		0x00000001
#define IOCB_DSYNC		0x00000002
#define IOCB_SYNC		0x00000004
#define IOCB_NOWAIT		0x00000008
#define IOCB_APPEND		0x00000010
#define IOCB_DIRECT		(1 << 17)
#define IOCB_WRITE		(1 << 18)

/* One read_iter/write_iter call: the file and the position it works at. */
struct kiocb {
	struct file		*ki_filp;
	loff_t			ki_pos;
	void (*ki_complete)(struct kiocb *iocb, long ret);
	void			*private;
	int			ki_flags;
	u16			ki_ioprio;
};

static inline bool is_sync_kiocb(struct kiocb *kiocb)
{
	return kiocb->ki_complete == NULL;
}

struct inode {
	umode_t			i_mode;
	unsigned int		i_flags;
	unsigned long		i_ino;
	dev_t			i_rdev;
	loff_t			i_size;
	/* debugfs/procfs: the data pointer given at creation. */
	void			*i_private;
	/* What open() starts with (chrdev_open for device nodes). */
	const struct file_operations *i_fop;
	/* Set by chrdev_open: the cdev this device number belongs to. */
	struct cdev		*i_cdev;
	struct rw_semaphore	i_rwsem;
	struct super_block	*i_sb;
	/* ksim: the procfs entry behind a /proc inode, or NULL. */
	void			*ksim_pde;
};

struct file {
	struct path		f_path;
	struct inode		*f_inode;
	const struct file_operations *f_op;
	spinlock_t		f_lock;
	atomic_long_t		f_count;
	unsigned int		f_flags;
	fmode_t			f_mode;
	struct mutex		f_pos_lock;
	loff_t			f_pos;
	u64			f_version;
	void			*private_data;
	/* ksim: the user process that opened it (fs/ksim_user.c). */
	void			*ksim_proc;
};

struct file_operations {
	struct module *owner;
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	ssize_t (*read_iter)(struct kiocb *, struct iov_iter *);
	ssize_t (*write_iter)(struct kiocb *, struct iov_iter *);
	__poll_t (*poll)(struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
	long (*compat_ioctl)(struct file *, unsigned int, unsigned long);
	int (*mmap)(struct file *, struct vm_area_struct *);
	unsigned long mmap_supported_flags;
	int (*open)(struct inode *, struct file *);
	int (*flush)(struct file *, fl_owner_t id);
	int (*release)(struct inode *, struct file *);
	int (*fsync)(struct file *, loff_t, loff_t, int datasync);
	int (*fasync)(int, struct file *, int);
	int (*lock)(struct file *, int, struct file_lock *);
	int (*check_flags)(int);
	int (*flock)(struct file *, int, struct file_lock *);
	long (*fallocate)(struct file *file, int mode, loff_t offset, loff_t len);
	void (*show_fdinfo)(struct seq_file *m, struct file *f);
};

static inline int iocb_flags(struct file *file)
{
	int res = 0;

	if (file->f_flags & O_APPEND)
		res |= IOCB_APPEND;
	if (file->f_flags & O_DIRECT)
		res |= IOCB_DIRECT;
	if (file->f_flags & O_DSYNC)
		res |= IOCB_DSYNC;
	if (file->f_flags & __O_SYNC)
		res |= IOCB_SYNC;
	return res;
}

static inline void init_sync_kiocb(struct kiocb *kiocb, struct file *filp)
{
	*kiocb = (struct kiocb) {
		.ki_filp = filp,
		.ki_flags = iocb_flags(filp),
	};
}

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

static inline struct dentry *file_dentry(const struct file *file)
{
	return file->f_path.dentry;
}

static inline unsigned int iminor(const struct inode *inode)
{
	return MINOR(inode->i_rdev);
}

static inline unsigned int imajor(const struct inode *inode)
{
	return MAJOR(inode->i_rdev);
}

static inline loff_t i_size_read(const struct inode *inode)
{
	return READ_ONCE(inode->i_size);
}

static inline void i_size_write(struct inode *inode, loff_t i_size)
{
	WRITE_ONCE(inode->i_size, i_size);
}

static inline void inode_lock(struct inode *inode)
{
	down_write(&inode->i_rwsem);
}

static inline void inode_unlock(struct inode *inode)
{
	up_write(&inode->i_rwsem);
}

static inline void inode_lock_shared(struct inode *inode)
{
	down_read(&inode->i_rwsem);
}

static inline void inode_unlock_shared(struct inode *inode)
{
	up_read(&inode->i_rwsem);
}

/*
 * Take a reference on the module that owns @fops for as long as a file
 * uses them: NULL when that module is going away.
 */
#define fops_get(fops)							\
	(((fops) && try_module_get((fops)->owner) ? (fops) : NULL))
#define fops_put(fops)							\
	do {								\
		if (fops)						\
			module_put((fops)->owner);			\
	} while (0)
/* Switch a file being opened to other operations (misc_open, chrdev_open). */
#define replace_fops(f, fops)						\
	do {								\
		struct file *__file = (f);				\
		fops_put(__file->f_op);					\
		BUG_ON(!(__file->f_op = (fops)));			\
	} while (0)

/* ---- character device numbers (fs/char_dev.c) ---- */

#define CHRDEV_MAJOR_MAX		512
#define CHRDEV_MAJOR_DYN_END		234
#define CHRDEV_MAJOR_DYN_EXT_START	511
#define CHRDEV_MAJOR_DYN_EXT_END	384

int alloc_chrdev_region(dev_t *dev, unsigned int baseminor, unsigned int count,
			const char *name);
int register_chrdev_region(dev_t from, unsigned int count, const char *name);
void unregister_chrdev_region(dev_t from, unsigned int count);
int __register_chrdev(unsigned int major, unsigned int baseminor,
		      unsigned int count, const char *name,
		      const struct file_operations *fops);
void __unregister_chrdev(unsigned int major, unsigned int baseminor,
			 unsigned int count, const char *name);

static inline int register_chrdev(unsigned int major, const char *name,
				  const struct file_operations *fops)
{
	return __register_chrdev(major, 0, 256, name, fops);
}

static inline void unregister_chrdev(unsigned int major, const char *name)
{
	__unregister_chrdev(major, 0, 256, name);
}

/* ---- helpers for simple files (fs/libfs.c, fs/read_write.c, fs/open.c) ---- */

ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos,
				const void *from, size_t available);
ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos,
			       const void __user *from, size_t count);
int simple_open(struct inode *inode, struct file *file);

loff_t noop_llseek(struct file *file, loff_t offset, int whence);
loff_t no_llseek(struct file *file, loff_t offset, int whence);
loff_t default_llseek(struct file *file, loff_t offset, int whence);
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);
loff_t generic_file_llseek_size(struct file *file, loff_t offset, int whence,
				loff_t maxsize, loff_t eof);
loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence, loff_t size);
loff_t no_seek_end_llseek(struct file *file, loff_t offset, int whence);
loff_t vfs_setpos(struct file *file, loff_t offset, loff_t maxsize);
loff_t vfs_llseek(struct file *file, loff_t offset, int whence);

int stream_open(struct inode *inode, struct file *filp);
int nonseekable_open(struct inode *inode, struct file *filp);
int generic_file_open(struct inode *inode, struct file *filp);

/* fs/fcntl.c: SIGIO delivery for ->fasync drivers. */
struct fasync_struct {
	int fa_fd;
	struct file *fa_file;
	struct fasync_struct *fa_next;
};
int fasync_helper(int fd, struct file *filp, int on, struct fasync_struct **fapp);
void kill_fasync(struct fasync_struct **fp, int sig, int band);

#endif
