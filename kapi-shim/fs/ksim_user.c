// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/fs/ksim_user.c - the user side (<ksim/user.h>): simulated user
 * processes and the system calls they make on the files drivers register.
 *
 * A process is a task_struct without a host thread, an address space
 * (mm/user_mm.c) and a table of open files.  A system call switches the
 * calling host thread to the process's task (ksim_task_enter), runs the
 * VFS step the kernel would (fs/open.c, fs/read_write.c, fs/ioctl.c,
 * fs/select.c: same checks, same order, same error codes), and switches
 * back.  Blocking happens in the driver through the shim's wait queues,
 * which sleep through ksim_host, so a deterministic backend schedules it.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/cdev.h>
#include <linux/miscdevice.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <linux/module.h>
#include <linux/sprintf.h>
#include <ksim/user.h>
#include <ksim/report.h>
#include <ksim/module.h>

#include "internal.h"
#include "fs/vfs.h"
#include "mm/user_mm.h"
#include "sim/host.h"

#define KSIM_NR_OPEN	256

/* Generic ioctls handled before the driver sees them (fs/ioctl.c). */
#define KSIM_FIONCLEX	0x5450
#define KSIM_FIOCLEX	0x5451
#define KSIM_FIONBIO	0x5421
#define KSIM_FIOASYNC	0x5452

struct ksim_proc {
	struct task_struct *task;
	struct mm_struct mm;
	struct file *fds[KSIM_NR_OPEN];
	u32 busy;
	/* ksim_proc_interrupt(): the call in progress was sent a signal. */
	spinlock_t sig_lock;
	bool interrupted;
	/* SIGIO delivered by kill_fasync(), for tests to read. */
	unsigned long sigio;
};

/* ---- process context ---- */

static int proc_enter(struct ksim_proc *p, struct task_struct **prev)
{
	if (__atomic_exchange_n(&p->busy, 1, __ATOMIC_ACQUIRE))
		return -EBUSY;
	*prev = ksim_task_enter(p->task);
	return 0;
}

static void proc_leave(struct ksim_proc *p, struct task_struct *prev)
{
	/* The interrupting signal's handler "runs" now: it is consumed. */
	spin_lock(&p->sig_lock);
	if (p->interrupted) {
		p->interrupted = false;
		WRITE_ONCE(p->task->ksim_sigpending, 0);
	}
	spin_unlock(&p->sig_lock);
	ksim_task_leave(prev);
	__atomic_store_n(&p->busy, 0, __ATOMIC_RELEASE);
}

/* What a system call returns for the kernel-internal restart codes. */
static long syscall_ret(long ret)
{
	if (ret == -ERESTARTSYS || ret == -ERESTARTNOINTR || ret == -ERESTARTNOHAND ||
	    ret == -ERESTART_RESTARTBLOCK)
		return -EINTR;
	return ret;
}

struct ksim_proc *ksim_proc_create(const char *comm)
{
	struct ksim_proc *p = ksim_host->mem_alloc(sizeof(*p), 0);

	if (!p)
		return NULL;
	memset(p, 0, sizeof(*p));
	p->task = ksim_task_alloc_detached(comm ? comm : "user");
	if (!p->task) {
		ksim_host->mem_free(p);
		return NULL;
	}
	ksim_mm_setup(&p->mm);
	p->task->mm = &p->mm;
	spin_lock_init(&p->sig_lock);
	return p;
}

int ksim_proc_pid(const struct ksim_proc *proc)
{
	return proc->task->pid;
}

int ksim_proc_nr_files(const struct ksim_proc *proc)
{
	int fd, n = 0;

	for (fd = 0; fd < KSIM_NR_OPEN; fd++)
		n += proc->fds[fd] != NULL;
	return n;
}

unsigned long ksim_proc_sigio(const struct ksim_proc *proc)
{
	return READ_ONCE(proc->sigio);
}

int ksim_proc_interrupt(struct ksim_proc *p)
{
	int hit = 0;

	spin_lock(&p->sig_lock);
	/* Only a call in progress: proc_leave() clears it under the same lock. */
	if (READ_ONCE(p->busy)) {
		p->interrupted = true;
		WRITE_ONCE(p->task->ksim_sigpending, 1);
		wake_up_state(p->task, TASK_INTERRUPTIBLE);
		hit = 1;
	}
	spin_unlock(&p->sig_lock);
	return hit;
}

void ksim_user_signal(struct file *file, int sig)
{
	struct ksim_proc *p = file->ksim_proc;

	if (p)
		__atomic_add_fetch(&p->sigio, 1, __ATOMIC_RELAXED);
}

/* ---- files: open and the last close (fs/open.c, fs/file_table.c) ---- */

static void fput_last(struct file *file)
{
	struct inode *inode = file->f_inode;
	struct dentry *dentry = file->f_path.dentry;

	if ((file->f_flags & FASYNC) && file->f_op->fasync)
		file->f_op->fasync(-1, file, 0);
	if (file->f_op->release)
		file->f_op->release(inode, file);
	if (S_ISCHR(inode->i_mode))
		ksim_chrdev_release(inode);
	fops_put(file->f_op);
	dput(dentry);
	ksim_host->mem_free(file);
}

static void fput(struct file *file)
{
	if (atomic_long_dec_and_test(&file->f_count))
		fput_last(file);
}

/* "/dev/char/MAJ:MIN": a node for any device number a cdev covers. */
static struct dentry *lookup_dev_char(const char *path)
{
	unsigned int major, minor;
	struct dentry *d;
	char tail;

	if (strncmp(path, "/dev/char/", 10) ||
	    ksim_sscanf(path + 10, "%u:%u%c", &major, &minor, &tail) != 2)
		return ERR_PTR(-ENOENT);
	if (major >= CHRDEV_MAJOR_MAX || minor > MINORMASK ||
	    !ksim_chrdev_exists(MKDEV(major, minor)))
		return ERR_PTR(-ENXIO);
	d = ksim_fs_anon(path + 10, S_IFCHR | 0600, &def_chr_fops);
	if (!d)
		return ERR_PTR(-ENOMEM);
	d_inode(d)->i_rdev = MKDEV(major, minor);
	return d;
}

static int do_open(struct ksim_proc *p, const char *path, int flags, struct file **out)
{
	struct dentry *dentry;
	struct inode *inode;
	struct file *f;
	int acc = flags & O_ACCMODE;
	int err;

	if (acc == 3)
		return -EINVAL;
	dentry = ksim_fs_lookup(path);
	if (IS_ERR(dentry))
		dentry = lookup_dev_char(path);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	inode = d_inode(dentry);
	err = -EISDIR;
	if (S_ISDIR(inode->i_mode))
		goto out_dput;
	err = -ENOMEM;
	f = ksim_host->mem_alloc(sizeof(*f), 0);
	if (!f)
		goto out_dput;
	memset(f, 0, sizeof(*f));
	atomic_long_set(&f->f_count, 1);
	spin_lock_init(&f->f_lock);
	mutex_init(&f->f_pos_lock);
	/* A 64-bit open(2) always adds O_LARGEFILE. */
	f->f_flags = (flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC)) |
		     O_LARGEFILE;
	f->f_mode = (acc == O_RDONLY ? FMODE_READ : acc == O_WRONLY ? FMODE_WRITE :
		     FMODE_READ | FMODE_WRITE);
	f->f_path.dentry = dentry;
	f->f_inode = inode;
	f->ksim_proc = p;
	f->f_op = fops_get(inode->i_fop);
	err = -ENODEV;
	if (!f->f_op)
		goto out_free;
	f->f_mode |= FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
	if (f->f_op->open) {
		err = f->f_op->open(inode, f);
		if (err)
			goto out_put;
	}
	f->f_mode |= FMODE_OPENED;
	if ((f->f_mode & FMODE_READ) && (f->f_op->read || f->f_op->read_iter))
		f->f_mode |= FMODE_CAN_READ;
	if ((f->f_mode & FMODE_WRITE) && (f->f_op->write || f->f_op->write_iter))
		f->f_mode |= FMODE_CAN_WRITE;
	if ((f->f_mode & FMODE_LSEEK) && !f->f_op->llseek)
		f->f_mode &= ~FMODE_LSEEK;
	/* O_ASYNC at open is ignored by open(2) too (only fcntl turns it on). */
	f->f_flags &= ~FASYNC;
	*out = f;
	return 0;

out_put:
	fops_put(f->f_op);
out_free:
	ksim_host->mem_free(f);
out_dput:
	dput(dentry);
	return err;
}

int ksim_sys_open(struct ksim_proc *p, const char *path, int flags)
{
	struct task_struct *prev;
	struct file *f = NULL;
	int fd, ret;

	if (!path)
		return -EFAULT;
	ret = proc_enter(p, &prev);
	if (ret)
		return ret;
	for (fd = 0; fd < KSIM_NR_OPEN && p->fds[fd]; fd++)
		;
	if (fd == KSIM_NR_OPEN) {
		ret = -EMFILE;
		goto out;
	}
	ret = do_open(p, path, flags, &f);
	if (!ret) {
		p->fds[fd] = f;
		ret = fd;
	}
out:
	proc_leave(p, prev);
	return syscall_ret(ret);
}

static struct file *fd_file(struct ksim_proc *p, int fd)
{
	if (fd < 0 || fd >= KSIM_NR_OPEN)
		return NULL;
	return p->fds[fd];
}

int ksim_sys_share_fd(struct ksim_proc *from, int fd, struct ksim_proc *to)
{
	struct task_struct *prev;
	struct file *f;
	int nfd, ret;

	ret = proc_enter(to, &prev);
	if (ret)
		return ret;
	/* @from keeps @fd open meanwhile (the caller's word), so its reference holds. */
	f = fd >= 0 && fd < KSIM_NR_OPEN ? READ_ONCE(from->fds[fd]) : NULL;
	ret = -EBADF;
	if (!f)
		goto out;
	for (nfd = 0; nfd < KSIM_NR_OPEN && to->fds[nfd]; nfd++)
		;
	if (nfd == KSIM_NR_OPEN) {
		ret = -EMFILE;
		goto out;
	}
	atomic_long_inc(&f->f_count);
	to->fds[nfd] = f;
	ret = nfd;
out:
	proc_leave(to, prev);
	return ret;
}

int ksim_sys_close(struct ksim_proc *p, int fd)
{
	struct task_struct *prev;
	struct file *f;
	int ret;

	ret = proc_enter(p, &prev);
	if (ret)
		return ret;
	f = fd_file(p, fd);
	if (!f) {
		ret = -EBADF;
	} else {
		p->fds[fd] = NULL;
		if (f->f_op->flush)
			ret = f->f_op->flush(f, p);
		fput(f);
	}
	proc_leave(p, prev);
	return syscall_ret(ret);
}

void ksim_proc_destroy(struct ksim_proc *p)
{
	int fd;

	if (!p)
		return;
	for (fd = 0; fd < KSIM_NR_OPEN; fd++)
		if (p->fds[fd])
			ksim_sys_close(p, fd);
	ksim_mm_teardown(&p->mm);
	p->task->mm = NULL;
	put_task_struct(p->task);
	ksim_host->mem_free(p);
}

/* ---- read, write, lseek (fs/read_write.c) ---- */

/*
 * The checks read(2) and write(2) share (rw_verify_area and friends):
 * 0 with the position to pass in *@pos (and @ppos NULL for a stream),
 * or the error.
 */
static ssize_t rw_check(struct file *file, const void __user *buf, size_t *count,
			fmode_t mode, fmode_t can, loff_t *pos, loff_t **ppos)
{
	if (!(file->f_mode & mode))
		return -EBADF;
	if (!(file->f_mode & can))
		return -EINVAL;
	if (unlikely(!access_ok(buf, *count)))
		return -EFAULT;
	if (*count > MAX_RW_COUNT)
		*count = MAX_RW_COUNT;
	*pos = file->f_pos;
	*ppos = (file->f_mode & FMODE_STREAM) ? NULL : pos;
	if (*ppos && *pos < 0 && !(file->f_mode & FMODE_UNSIGNED_OFFSET))
		return -EINVAL;
	return 0;
}

/* A driver with only ->read_iter/->write_iter: one user buffer, as read(2) builds. */
static ssize_t new_sync_rw(struct file *file, void __user *buf, size_t len, loff_t *ppos,
			   bool write)
{
	struct kiocb kiocb;
	struct iov_iter iter;
	ssize_t ret;

	init_sync_kiocb(&kiocb, file);
	kiocb.ki_pos = ppos ? *ppos : 0;
	iov_iter_ubuf(&iter, write ? ITER_SOURCE : ITER_DEST, buf, len);
	ret = write ? file->f_op->write_iter(&kiocb, &iter) :
		      file->f_op->read_iter(&kiocb, &iter);
	if (ppos)
		*ppos = kiocb.ki_pos;
	return ret;
}

static ssize_t vfs_read(struct file *file, char __user *buf, size_t count)
{
	loff_t pos, *ppos;
	ssize_t ret = rw_check(file, buf, &count, FMODE_READ, FMODE_CAN_READ, &pos, &ppos);

	if (ret)
		return ret;
	if (file->f_op->read)
		ret = file->f_op->read(file, buf, count, ppos);
	else
		ret = new_sync_rw(file, (void __user *)buf, count, ppos, false);
	if (ret >= 0 && ppos)
		file->f_pos = pos;
	return ret;
}

static ssize_t vfs_write(struct file *file, const char __user *buf, size_t count)
{
	loff_t pos, *ppos;
	ssize_t ret = rw_check(file, buf, &count, FMODE_WRITE, FMODE_CAN_WRITE, &pos, &ppos);

	if (ret)
		return ret;
	if (file->f_op->write)
		ret = file->f_op->write(file, buf, count, ppos);
	else
		ret = new_sync_rw(file, (void __user *)buf, count, ppos, true);
	if (ret >= 0 && ppos)
		file->f_pos = pos;
	return ret;
}

#define SYSCALL_ON_FD(p, fd, expr)					\
({									\
	struct task_struct *__prev;					\
	struct file *file;						\
	long __ret = proc_enter(p, &__prev);				\
	if (!__ret) {							\
		file = fd_file(p, fd);					\
		__ret = file ? (long)(expr) : -EBADF;			\
		proc_leave(p, __prev);					\
	}								\
	syscall_ret(__ret);						\
})

ssize_t ksim_sys_read(struct ksim_proc *p, int fd, uint64_t ubuf, size_t count)
{
	return SYSCALL_ON_FD(p, fd, vfs_read(file, (char __user *)(uintptr_t)ubuf, count));
}

ssize_t ksim_sys_write(struct ksim_proc *p, int fd, uint64_t ubuf, size_t count)
{
	return SYSCALL_ON_FD(p, fd, vfs_write(file, (const char __user *)(uintptr_t)ubuf,
					      count));
}

int64_t ksim_sys_lseek(struct ksim_proc *p, int fd, int64_t offset, int whence)
{
	if (whence < 0 || whence > SEEK_MAX)
		return -EINVAL;
	return SYSCALL_ON_FD(p, fd, vfs_llseek(file, offset, whence));
}

/* ---- ioctl and status flags (fs/ioctl.c, fs/fcntl.c) ---- */

static int setfl(int fd, struct file *file, unsigned int arg)
{
	const unsigned int settable = O_APPEND | O_NONBLOCK | FASYNC;
	int error;

	if (((arg ^ file->f_flags) & FASYNC) && file->f_op->fasync) {
		error = file->f_op->fasync(fd, file, (arg & FASYNC) != 0);
		if (error < 0)
			return error;
		if (error > 0)
			error = 0;
	}
	spin_lock(&file->f_lock);
	file->f_flags = (arg & settable) | (file->f_flags & ~settable);
	spin_unlock(&file->f_lock);
	return 0;
}

int ksim_sys_setfl(struct ksim_proc *p, int fd, int flags)
{
	return SYSCALL_ON_FD(p, fd, setfl(fd, file, flags));
}

static long do_ioctl(int fd, struct file *file, unsigned int cmd, unsigned long arg)
{
	int on;
	long ret;

	switch (cmd) {
	case KSIM_FIOCLEX:
	case KSIM_FIONCLEX:
		return 0;
	case KSIM_FIONBIO:
		if (get_user(on, (int __user *)arg))
			return -EFAULT;
		return setfl(fd, file, on ? file->f_flags | O_NONBLOCK :
				       file->f_flags & ~O_NONBLOCK);
	case KSIM_FIOASYNC:
		if (get_user(on, (int __user *)arg))
			return -EFAULT;
		return setfl(fd, file, on ? file->f_flags | FASYNC :
				       file->f_flags & ~FASYNC);
	}
	if (!file->f_op->unlocked_ioctl)
		return -ENOTTY;
	ret = file->f_op->unlocked_ioctl(file, cmd, arg);
	if (ret == -ENOIOCTLCMD)
		ret = -ENOTTY;
	return ret;
}

long ksim_sys_ioctl(struct ksim_proc *p, int fd, unsigned int cmd, unsigned long arg)
{
	return SYSCALL_ON_FD(p, fd, do_ioctl(fd, file, cmd, arg));
}

/* ---- poll (fs/select.c) ---- */

struct poll_entry {
	struct wait_queue_entry wait;
	wait_queue_head_t *wait_address;
	struct poll_entry *next;
};

struct poll_wqueues {
	poll_table pt;
	struct task_struct *polling_task;
	int triggered;
	struct poll_entry *entries;
	int error;
};

static int pollwake(struct wait_queue_entry *wait, unsigned int mode, int sync, void *key)
{
	struct poll_wqueues *pwq = wait->private;
	struct wait_queue_entry dummy = { .private = pwq->polling_task };

	WRITE_ONCE(pwq->triggered, 1);
	/* The flag is visible before the poller can see itself woken. */
	smp_wmb();
	return default_wake_function(&dummy, mode, sync, key);
}

static void pollwait(struct file *filp, wait_queue_head_t *wait_address, poll_table *pt)
{
	struct poll_wqueues *pwq = container_of(pt, struct poll_wqueues, pt);
	struct poll_entry *entry = kmalloc(sizeof(*entry), GFP_KERNEL);

	if (!entry) {
		pwq->error = -ENOMEM;
		return;
	}
	init_waitqueue_func_entry(&entry->wait, pollwake);
	entry->wait.private = pwq;
	entry->wait_address = wait_address;
	entry->next = pwq->entries;
	pwq->entries = entry;
	add_wait_queue(wait_address, &entry->wait);
}

static void poll_freewait(struct poll_wqueues *pwq)
{
	struct poll_entry *e, *next;

	for (e = pwq->entries; e; e = next) {
		next = e->next;
		remove_wait_queue(e->wait_address, &e->wait);
		kfree(e);
	}
	pwq->entries = NULL;
}

static int do_poll(struct ksim_proc *p, struct ksim_pollfd *fds, unsigned int nfds,
		   int timeout_ms)
{
	s64 deadline = timeout_ms < 0 ? KSIM_HOST_FOREVER :
		       ksim_host->now_ns() + (s64)timeout_ms * NSEC_PER_MSEC;
	struct poll_wqueues table = { .polling_task = current };
	poll_table *wait = &table.pt;
	bool timed_out = timeout_ms == 0;
	int count = 0;
	unsigned int i;

	init_poll_funcptr(&table.pt, pollwait);
	if (timed_out)
		wait->_qproc = NULL;
	for (;;) {
		for (i = 0; i < nfds; i++) {
			struct file *file = fd_file(p, fds[i].fd);
			__poll_t mask;

			if (fds[i].fd < 0) {
				fds[i].revents = 0;
				continue;
			}
			if (!file) {
				mask = EPOLLNVAL;
			} else {
				wait->_key = fds[i].events | EPOLLERR | EPOLLHUP;
				mask = vfs_poll(file, wait);
				mask &= fds[i].events | EPOLLERR | EPOLLHUP;
			}
			fds[i].revents = mask;
			if (mask) {
				count++;
				/* One is ready: no need to queue on the rest. */
				wait->_qproc = NULL;
			}
		}
		wait->_qproc = NULL;
		if (count || timed_out)
			break;
		if (table.error) {
			count = table.error;
			break;
		}
		if (signal_pending(current)) {
			count = -EINTR;
			break;
		}
		set_current_state(TASK_INTERRUPTIBLE);
		if (!READ_ONCE(table.triggered)) {
			s64 left = deadline == KSIM_HOST_FOREVER ? 0 :
				   deadline - ksim_host->now_ns();

			if (deadline != KSIM_HOST_FOREVER && left <= 0)
				timed_out = true;
			else
				schedule_timeout(deadline == KSIM_HOST_FOREVER ?
						 MAX_SCHEDULE_TIMEOUT :
						 (long)nsecs_to_jiffies(left) + 1);
		}
		__set_current_state(TASK_RUNNING);
		WRITE_ONCE(table.triggered, 0);
		smp_mb();
		if (deadline != KSIM_HOST_FOREVER && ksim_host->now_ns() >= deadline)
			timed_out = true;
	}
	poll_freewait(&table);
	return count;
}

int ksim_sys_poll(struct ksim_proc *p, struct ksim_pollfd *fds, unsigned int nfds,
		  int timeout_ms)
{
	struct task_struct *prev;
	int ret;

	if (nfds > KSIM_NR_OPEN)
		return -EINVAL;
	ret = proc_enter(p, &prev);
	if (ret)
		return ret;
	ret = do_poll(p, fds, nfds, timeout_ms);
	proc_leave(p, prev);
	return syscall_ret(ret);
}

/* ---- address space ---- */

uint64_t ksim_user_mmap(struct ksim_proc *p, size_t len, int prot)
{
	return ksim_mm_map(&p->mm, NULL, len, prot);
}

uint64_t ksim_user_map_host(struct ksim_proc *p, void *host, size_t len, int prot)
{
	return host ? ksim_mm_map(&p->mm, host, len, prot) : 0;
}

int ksim_user_munmap(struct ksim_proc *p, uint64_t uaddr)
{
	return ksim_mm_unmap(&p->mm, uaddr);
}

void *ksim_user_host_ptr(struct ksim_proc *p, uint64_t uaddr, size_t len)
{
	return ksim_mm_host_ptr(&p->mm, uaddr, len);
}

ssize_t ksim_user_read(struct ksim_proc *p, int fd, void *buf, size_t count)
{
	uint64_t u;
	ssize_t ret;

	if (!count)
		return ksim_sys_read(p, fd, 0, 0);
	u = ksim_user_map_host(p, buf, count, KSIM_PROT_READ | KSIM_PROT_WRITE);
	if (!u)
		return -ENOMEM;
	ret = ksim_sys_read(p, fd, u, count);
	ksim_user_munmap(p, u);
	return ret;
}

ssize_t ksim_user_write(struct ksim_proc *p, int fd, const void *buf, size_t count)
{
	uint64_t u;
	ssize_t ret;

	if (!count)
		return ksim_sys_write(p, fd, 0, 0);
	u = ksim_user_map_host(p, (void *)buf, count, KSIM_PROT_READ);
	if (!u)
		return -ENOMEM;
	ret = ksim_sys_write(p, fd, u, count);
	ksim_user_munmap(p, u);
	return ret;
}

/* ---- the namespace seen from user space ---- */

int ksim_user_mknod(const char *path, unsigned int major, unsigned int minor)
{
	const char *slash = strrchr(path, '/');
	struct dentry *dir, *d;
	char dirpath[256];

	if (strncmp(path, KSIM_DEV_DIR "/", 5) || !slash || !slash[1] ||
	    (size_t)(slash - path) >= sizeof(dirpath))
		return -EINVAL;
	if (major >= CHRDEV_MAJOR_MAX || minor > MINORMASK)
		return -EINVAL;
	memcpy(dirpath, path, slash - path);
	dirpath[slash - path] = '\0';
	dir = ksim_fs_dir(dirpath);
	if (!dir)
		return -ENOTDIR;
	d = ksim_fs_create(dir, slash + 1, S_IFCHR | 0600, &def_chr_fops, NULL, NULL);
	if (IS_ERR(d))
		return PTR_ERR(d);
	d_inode(d)->i_rdev = MKDEV(major, minor);
	return 0;
}

int ksim_user_unlink(const char *path)
{
	struct dentry *d = ksim_fs_lookup(path);

	if (IS_ERR(d))
		return PTR_ERR(d);
	if (d->ksim_owner || !S_ISCHR(d_inode(d)->i_mode)) {
		dput(d);
		return -EPERM;	/* only nodes made with ksim_user_mknod() */
	}
	ksim_fs_remove(d);
	dput(d);
	return 0;
}

struct list_ctx {
	void (*fn)(const char *path, void *arg);
	void *arg;
};

static void list_one(struct dentry *d, void *arg)
{
	struct list_ctx *ctx = arg;
	char path[512];

	if (S_ISDIR(d_inode(d)->i_mode))
		return;
	ksim_fs_path(d, path, sizeof(path));
	ctx->fn(path, ctx->arg);
}

int ksim_user_list(void (*fn)(const char *path, void *arg), void *arg)
{
	struct list_ctx ctx = { fn, arg };

	return ksim_fs_for_each(list_one, &ctx);
}

/* ---- a module going away with entries still registered ---- */

struct owned_ctx {
	struct module *mod;
	struct dentry *found;
};

static void find_owned(struct dentry *d, void *arg)
{
	struct owned_ctx *ctx = arg;

	if (!ctx->found && d->ksim_owner == ctx->mod)
		ctx->found = dget(d);
}

void ksim_fs_module_unload(struct module *mod)
{
	struct owned_ctx ctx = { .mod = mod };
	char path[512];

	ksim_misc_module_unload(mod);
	ksim_cdev_module_unload(mod);
	for (;;) {
		ctx.found = NULL;
		ksim_fs_for_each(find_owned, &ctx);
		if (!ctx.found)
			break;
		ksim_fs_path(ctx.found, path, sizeof(path));
		pr_err("%s: module unloaded with %s still registered\n",
		       ksim_module_name(mod), path);
		ksim_report(KSIM_REPORT_OBJECT);
		ksim_fs_remove(ctx.found);
		dput(ctx.found);
	}
}
