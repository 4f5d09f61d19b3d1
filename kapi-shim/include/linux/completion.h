/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/completion.h - "this has happened" for one or many waiters.
 * complete() may be called from any context (interrupt, timer) and wakes
 * one waiter; complete_all() lets every current and future wait through
 * until reinit_completion().  (kapi-shim/locking/completion.c)
 */
#ifndef __LINUX_COMPLETION_H
#define __LINUX_COMPLETION_H

#include <linux/types.h>
#include <linux/wait.h>

/* @done: completions not yet consumed; UINT_MAX after complete_all(). */
struct completion {
	unsigned int		done;
	struct wait_queue_head	wait;
};

#define COMPLETION_INITIALIZER(work) \
	{ 0, __WAIT_QUEUE_HEAD_INITIALIZER((work).wait) }

#define COMPLETION_INITIALIZER_ONSTACK_MAP(work, map) \
	(*({ init_completion_map(&(work), &(map)); &(work); }))

#define COMPLETION_INITIALIZER_ONSTACK(work) \
	(*({ init_completion(&work); &work; }))

#define DECLARE_COMPLETION(work) \
	struct completion work = COMPLETION_INITIALIZER(work)

#define DECLARE_COMPLETION_ONSTACK(work) \
	struct completion work = COMPLETION_INITIALIZER_ONSTACK(work)
#define DECLARE_COMPLETION_ONSTACK_MAP(work, map) \
	struct completion work = COMPLETION_INITIALIZER_ONSTACK_MAP(work, map)

#define init_completion(x)						\
do {									\
	(x)->done = 0;							\
	init_waitqueue_head(&(x)->wait);				\
} while (0)

#define init_completion_map(x, m)	init_completion(x)

/* Forget earlier completions (not while anyone waits). */
static inline void reinit_completion(struct completion *x)
{
	x->done = 0;
}

void wait_for_completion(struct completion *x);
void wait_for_completion_io(struct completion *x);
/* 0, or -ERESTARTSYS when a signal ended the wait. */
int __must_check wait_for_completion_interruptible(struct completion *x);
int __must_check wait_for_completion_killable(struct completion *x);
int __must_check wait_for_completion_state(struct completion *x,
					   unsigned int state);
/* 0 on timeout, else the jiffies left (at least 1). */
unsigned long __must_check wait_for_completion_timeout(struct completion *x,
						       unsigned long timeout);
unsigned long __must_check wait_for_completion_io_timeout(struct completion *x,
							  unsigned long timeout);
/* As above, or -ERESTARTSYS when a signal ended the wait. */
long __must_check wait_for_completion_interruptible_timeout(
	struct completion *x, unsigned long timeout);
long __must_check wait_for_completion_killable_timeout(
	struct completion *x, unsigned long timeout);
/* Consume a completion if one is there, without waiting. */
bool try_wait_for_completion(struct completion *x);
/* Whether a completion is there (without consuming it). */
bool completion_done(struct completion *x);

void complete(struct completion *x);
void complete_all(struct completion *x);

#endif
