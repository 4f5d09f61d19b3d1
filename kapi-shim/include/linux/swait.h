/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/swait.h - simple wait queues (6.1 API): every waiter is
 * exclusive, swake_up_one() wakes one, swake_up_all() all.  In ksim a
 * swait queue is a wait queue whose waiters always queue exclusively, so
 * both share one implementation (kapi-shim/locking/wait.c).
 */
#ifndef _LINUX_SWAIT_H
#define _LINUX_SWAIT_H

#include <linux/list.h>
#include <linux/stddef.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/sched.h>

struct swait_queue_head {
	struct wait_queue_head	wq;
};

struct swait_queue {
	struct wait_queue_entry	entry;
};

#define __SWAIT_QUEUE_HEAD_INITIALIZER(name)				\
	{ .wq = __WAIT_QUEUE_HEAD_INITIALIZER(name.wq) }
#define DECLARE_SWAIT_QUEUE_HEAD(name)					\
	struct swait_queue_head name = __SWAIT_QUEUE_HEAD_INITIALIZER(name)
#define DECLARE_SWAIT_QUEUE_HEAD_ONSTACK(name) DECLARE_SWAIT_QUEUE_HEAD(name)
#define init_swait_queue_head(q)	init_waitqueue_head(&(q)->wq)

#define DECLARE_SWAITQUEUE(name)					\
	struct swait_queue name = { .entry = {				\
		.private = current,					\
		.func = autoremove_wake_function,			\
		.entry = LIST_HEAD_INIT((name).entry.entry),		\
	} }

static inline int swait_active(struct swait_queue_head *wq)
{
	return waitqueue_active(&wq->wq);
}

static inline bool swq_has_sleeper(struct swait_queue_head *wq)
{
	return wq_has_sleeper(&wq->wq);
}

static inline void swake_up_one(struct swait_queue_head *q)
{
	wake_up(&q->wq);
}

static inline void swake_up_all(struct swait_queue_head *q)
{
	wake_up_all(&q->wq);
}

/* With the queue's lock held (spin_lock(&q->wq.lock)). */
static inline void swake_up_locked(struct swait_queue_head *q)
{
	wake_up_locked(&q->wq);
}

static inline void swake_up_all_locked(struct swait_queue_head *q)
{
	wake_up_all_locked(&q->wq);
}

static inline void prepare_to_swait_exclusive(struct swait_queue_head *q,
					      struct swait_queue *wait,
					      int state)
{
	prepare_to_wait_exclusive(&q->wq, &wait->entry, state);
}

static inline void finish_swait(struct swait_queue_head *q,
				struct swait_queue *wait)
{
	finish_wait(&q->wq, &wait->entry);
}

#define swait_event_exclusive(wq, condition)				\
do {									\
	might_sleep();							\
	if (condition)							\
		break;							\
	(void)___wait_event((wq).wq, condition, TASK_UNINTERRUPTIBLE, 1, \
			    0, schedule());				\
} while (0)

#define swait_event_timeout_exclusive(wq, condition, timeout)		\
({									\
	long __ret = timeout;						\
	might_sleep();							\
	if (!___wait_cond_timeout(condition))				\
		__ret = ___wait_event((wq).wq, ___wait_cond_timeout(condition), \
				      TASK_UNINTERRUPTIBLE, 1, timeout,	\
				      __ret = schedule_timeout(__ret));	\
	__ret;								\
})

#define swait_event_interruptible_exclusive(wq, condition)		\
({									\
	int __ret = 0;							\
	might_sleep();							\
	if (!(condition))						\
		__ret = ___wait_event((wq).wq, condition, TASK_INTERRUPTIBLE, \
				      1, 0, schedule());		\
	__ret;								\
})

#define swait_event_interruptible_timeout_exclusive(wq, condition, timeout) \
({									\
	long __ret = timeout;						\
	might_sleep();							\
	if (!___wait_cond_timeout(condition))				\
		__ret = ___wait_event((wq).wq, ___wait_cond_timeout(condition), \
				      TASK_INTERRUPTIBLE, 1, timeout,	\
				      __ret = schedule_timeout(__ret));	\
	__ret;								\
})

#define swait_event_idle_exclusive(wq, condition)			\
do {									\
	if (condition)							\
		break;							\
	(void)___wait_event((wq).wq, condition, TASK_IDLE, 1, 0, schedule()); \
} while (0)

#define swait_event_idle_timeout_exclusive(wq, condition, timeout)	\
({									\
	long __ret = timeout;						\
	if (!___wait_cond_timeout(condition))				\
		__ret = ___wait_event((wq).wq, ___wait_cond_timeout(condition), \
				      TASK_IDLE, 1, timeout,		\
				      __ret = schedule_timeout(__ret));	\
	__ret;								\
})

#endif
