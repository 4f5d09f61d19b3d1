/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim/user.h - the user side: a simulated user process that opens the
 * files drivers register (/dev/<misc>, /dev/char/MAJ:MIN, /proc/...,
 * /sys/kernel/debug/...) and calls read, write, lseek, ioctl, poll and
 * close on them, for tests, fuzz targets, `ksim --exec` and frontends.
 *
 * Each call runs the driver's file_operations on the calling host thread
 * with `current` switched to the process's own task_struct (its pid and
 * comm show in reports), in process context: it may sleep, and a signal
 * (ksim being stopped) interrupts an interruptible sleep, the call then
 * returning -EINTR.  A process makes one call at a time (-EBUSY for a
 * second thread); use one process per concurrent caller, as a program
 * would use threads.
 *
 * User memory: a process has its own address space, a set of regions
 * created with ksim_user_mmap() (or ksim_user_map_host() over host memory)
 * at user addresses below TASK_SIZE.  The syscalls take user addresses,
 * as the real ones do; copy_to_user() and friends translate them, so an
 * address outside every region is -EFAULT, never a host access.  The
 * ksim_user_read()/ksim_user_write() conveniences bounce through a
 * temporary region for callers holding a host buffer.
 *
 * Every function returns what the system call returns: >= 0, or -errno.
 */
#ifndef KSIM_USER_H
#define KSIM_USER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct ksim_proc;

/* A new process named @comm (pid assigned like any task), or NULL. */
struct ksim_proc *ksim_proc_create(const char *comm);
/* Close every file still open (the driver sees ->release) and free it all. */
void ksim_proc_destroy(struct ksim_proc *proc);
/* Its pid (what current->pid is while it runs a call). */
int ksim_proc_pid(const struct ksim_proc *proc);
/* Open files of @proc. */
int ksim_proc_nr_files(const struct ksim_proc *proc);

/* ---- the address space ---- */

#define KSIM_PROT_READ	0x1
#define KSIM_PROT_WRITE	0x2

/*
 * Map @len zeroed bytes (rounded up to pages) with @prot; returns the user
 * address, or 0 when out of memory or address space.  Regions are
 * separated by an unmapped guard page.
 */
uint64_t ksim_user_mmap(struct ksim_proc *proc, size_t len, int prot);
/* Map @len bytes of host memory at @host (the caller keeps it alive). */
uint64_t ksim_user_map_host(struct ksim_proc *proc, void *host, size_t len, int prot);
/* Unmap the region that starts at @uaddr: 0 or -EINVAL. */
int ksim_user_munmap(struct ksim_proc *proc, uint64_t uaddr);
/* Host view of [@uaddr, @uaddr + @len) when wholly inside one region, else NULL. */
void *ksim_user_host_ptr(struct ksim_proc *proc, uint64_t uaddr, size_t len);

/* ---- system calls ---- */

/* open(2): @path is a host string; @flags are O_RDONLY, O_RDWR, O_NONBLOCK... */
int ksim_sys_open(struct ksim_proc *proc, const char *path, int flags);
int ksim_sys_close(struct ksim_proc *proc, int fd);
ssize_t ksim_sys_read(struct ksim_proc *proc, int fd, uint64_t ubuf, size_t count);
ssize_t ksim_sys_write(struct ksim_proc *proc, int fd, uint64_t ubuf, size_t count);
int64_t ksim_sys_lseek(struct ksim_proc *proc, int fd, int64_t offset, int whence);
long ksim_sys_ioctl(struct ksim_proc *proc, int fd, unsigned int cmd, unsigned long arg);
/* fcntl(F_SETFL)-like: replace the O_NONBLOCK/O_APPEND/FASYNC status flags. */
int ksim_sys_setfl(struct ksim_proc *proc, int fd, int flags);

struct ksim_pollfd {
	int fd;
	short events;
	short revents;
};
/*
 * poll(2): ready descriptors (revents set), 0 on timeout, -EINTR on a
 * signal.  @timeout_ms < 0 waits forever.  The timeout runs on the host's
 * clock (ksim_host->now_ns), so a deterministic backend makes it virtual.
 */
int ksim_sys_poll(struct ksim_proc *proc, struct ksim_pollfd *fds, unsigned int nfds,
		  int timeout_ms);

/* read/write with a host buffer, bounced through a temporary mapping. */
ssize_t ksim_user_read(struct ksim_proc *proc, int fd, void *buf, size_t count);
ssize_t ksim_user_write(struct ksim_proc *proc, int fd, const void *buf, size_t count);

/* mknod(2) for a character device: @path (under /dev) opens MAJOR:MINOR. */
int ksim_user_mknod(const char *path, unsigned int major, unsigned int minor);
/* unlink(2) of a node made with ksim_user_mknod(): 0, -ENOENT or -EPERM. */
int ksim_user_unlink(const char *path);
/*
 * Interrupt the system call @proc is making, as a signal with a handler
 * would: an interruptible sleep in the driver ends and the call returns
 * -EINTR; the signal is consumed when the call returns.  Nothing happens
 * when @proc makes no call now.  Safe from any thread.  Returns 1 if a call
 * was interrupted, 0 if there was none.  (The FUSE frontend maps
 * FUSE_INTERRUPT, a Ctrl-C of the real caller, onto this.)
 */
int ksim_proc_interrupt(struct ksim_proc *proc);
/*
 * Give @to a descriptor for the open file behind @fd of @from (the same
 * struct file, as fork() or SCM_RIGHTS pass one): the two processes then
 * call into it concurrently, as two threads of one program would.  @from
 * must keep @fd open during this call.  Returns the new descriptor in @to
 * or -EBADF/-EMFILE/-EBUSY.  Closing it runs ->flush; ->release runs at
 * the last close of the file, whichever process makes it.
 */
int ksim_sys_share_fd(struct ksim_proc *from, int fd, struct ksim_proc *to);
/* SIGIO signals kill_fasync() delivered to @proc (for ->fasync drivers). */
unsigned long ksim_proc_sigio(const struct ksim_proc *proc);

/*
 * Every file path registered now, one per line, for `ksim --exec ls`-like
 * listings: calls @fn for each; returns how many.
 */
int ksim_user_list(void (*fn)(const char *path, void *arg), void *arg);

#endif
