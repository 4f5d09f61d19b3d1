/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/poll.h - how a driver's ->poll() registers the wait queues that
 * will signal readiness (poll_wait) and reports what is ready now (an
 * EPOLL* mask).  The caller (poll(2) on the user side, fs/select.c) passes
 * a poll_table whose queue function hangs one entry per wait queue; a
 * wake-up on any of them makes poll look again.
 */
#ifndef _LINUX_POLL_H
#define _LINUX_POLL_H

#include <linux/types.h>
#include <linux/wait.h>
#include <linux/fs.h>
#include <uapi/linux/eventpoll.h>
#include <uapi/asm-generic/poll.h>

struct poll_table_struct;

typedef void (*poll_queue_proc)(struct file *, wait_queue_head_t *,
				struct poll_table_struct *);

typedef struct poll_table_struct {
	poll_queue_proc _qproc;
	__poll_t _key;
} poll_table;

#define DEFAULT_POLLMASK (EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM)

static inline void poll_wait(struct file *filp, wait_queue_head_t *wait_address,
			     poll_table *p)
{
	if (p && p->_qproc && wait_address)
		p->_qproc(filp, wait_address, p);
}

/* True when the caller will not sleep: no need to queue anything. */
static inline bool poll_does_not_wait(const poll_table *p)
{
	return p == NULL || p->_qproc == NULL;
}

static inline __poll_t poll_requested_events(const poll_table *p)
{
	return p ? p->_key : ~(__poll_t)0;
}

static inline void init_poll_funcptr(poll_table *pt, poll_queue_proc qproc)
{
	pt->_qproc = qproc;
	pt->_key = ~(__poll_t)0;
}

static inline bool file_can_poll(struct file *file)
{
	return file->f_op->poll != NULL;
}

static inline __poll_t vfs_poll(struct file *file, struct poll_table_struct *pt)
{
	if (unlikely(!file->f_op->poll))
		return DEFAULT_POLLMASK;
	return file->f_op->poll(file, pt);
}

static inline __u16 mangle_poll(__poll_t val)
{
	return (__u16)val;
}

static inline __poll_t demangle_poll(__u16 val)
{
	return (__poll_t)val;
}

#endif
