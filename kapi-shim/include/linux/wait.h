/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/wait.h - wait queues and the wait_event() family.
 *
 * The kernel's protocol exactly: a waiter puts an entry on the queue, sets
 * its task state, tests the condition and calls schedule(); a waker runs
 * each entry's wake function, which makes the task runnable.  Exclusive
 * entries sit at the tail and wake_up() stops after waking one of them
 * (after waking every non-exclusive entry before it).  The queue's lock
 * is a spinlock_t, so wake_up() may be called from interrupt and softirq
 * context.  (kapi-shim/locking/wait.c)
 */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/stddef.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <asm/current.h>
#include <asm/barrier.h>

typedef struct wait_queue_entry wait_queue_entry_t;

typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry,
				 unsigned int mode, int flags, void *key);
int default_wake_function(struct wait_queue_entry *wq_entry,
			  unsigned int mode, int flags, void *key);

/* wait_queue_entry.flags */
#define WQ_FLAG_EXCLUSIVE	0x01
#define WQ_FLAG_WOKEN		0x02
#define WQ_FLAG_BOOKMARK	0x04
#define WQ_FLAG_CUSTOM		0x08
#define WQ_FLAG_DONE		0x10
#define WQ_FLAG_PRIORITY	0x20

struct wait_queue_entry {
	unsigned int		flags;
	void			*private;
	wait_queue_func_t	func;
	struct list_head	entry;
};

struct wait_queue_head {
	spinlock_t		lock;
	struct list_head	head;
};
typedef struct wait_queue_head wait_queue_head_t;

struct task_struct;

#define __WAITQUEUE_INITIALIZER(name, tsk) {				\
	.private	= tsk,						\
	.func		= default_wake_function,			\
	.entry		= { NULL, NULL } }

#define DECLARE_WAITQUEUE(name, tsk) \
	struct wait_queue_entry name = __WAITQUEUE_INITIALIZER(name, tsk)

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) {				\
	.lock		= __SPIN_LOCK_UNLOCKED(name.lock),		\
	.head		= LIST_HEAD_INIT(name.head) }

#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

void __init_waitqueue_head(struct wait_queue_head *wq_head, const char *name,
			   struct lock_class_key *key);

#define init_waitqueue_head(wq_head)					\
do {									\
	static struct lock_class_key __key;				\
									\
	__init_waitqueue_head((wq_head), #wq_head, &__key);		\
} while (0)

#define __WAIT_QUEUE_HEAD_INIT_ONSTACK(name)				\
	({ init_waitqueue_head(&name); name; })
#define DECLARE_WAIT_QUEUE_HEAD_ONSTACK(name) \
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INIT_ONSTACK(name)

static inline void init_waitqueue_entry(struct wait_queue_entry *wq_entry,
					struct task_struct *p)
{
	wq_entry->flags = 0;
	wq_entry->private = p;
	wq_entry->func = default_wake_function;
}

static inline void init_waitqueue_func_entry(struct wait_queue_entry *wq_entry,
					     wait_queue_func_t func)
{
	wq_entry->flags = 0;
	wq_entry->private = NULL;
	wq_entry->func = func;
}

/*
 * Lockless peek: only safe when the caller orders its condition store
 * before this load (wq_has_sleeper() does it with a barrier).
 */
static inline int waitqueue_active(struct wait_queue_head *wq_head)
{
	return !list_empty(&wq_head->head);
}

static inline bool wq_has_single_sleeper(struct wait_queue_head *wq_head)
{
	return list_is_singular(&wq_head->head);
}

static inline bool wq_has_sleeper(struct wait_queue_head *wq_head)
{
	/* Pairs with the barrier in set_current_state() of the waiter. */
	smp_mb();
	return waitqueue_active(wq_head);
}

void add_wait_queue(struct wait_queue_head *wq_head,
		    struct wait_queue_entry *wq_entry);
void add_wait_queue_exclusive(struct wait_queue_head *wq_head,
			      struct wait_queue_entry *wq_entry);
void add_wait_queue_priority(struct wait_queue_head *wq_head,
			     struct wait_queue_entry *wq_entry);
void remove_wait_queue(struct wait_queue_head *wq_head,
		       struct wait_queue_entry *wq_entry);

/* The unlocked forms: the caller holds wq_head->lock. */
static inline void __add_wait_queue(struct wait_queue_head *wq_head,
				    struct wait_queue_entry *wq_entry)
{
	list_add(&wq_entry->entry, &wq_head->head);
}

static inline void __add_wait_queue_exclusive(struct wait_queue_head *wq_head,
					      struct wait_queue_entry *wq_entry)
{
	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	__add_wait_queue(wq_head, wq_entry);
}

static inline void __add_wait_queue_entry_tail(struct wait_queue_head *wq_head,
					       struct wait_queue_entry *wq_entry)
{
	list_add_tail(&wq_entry->entry, &wq_head->head);
}

static inline void
__add_wait_queue_entry_tail_exclusive(struct wait_queue_head *wq_head,
				      struct wait_queue_entry *wq_entry)
{
	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	__add_wait_queue_entry_tail(wq_head, wq_entry);
}

static inline void __remove_wait_queue(struct wait_queue_head *wq_head,
				       struct wait_queue_entry *wq_entry)
{
	list_del(&wq_entry->entry);
}

/*
 * Wake the non-exclusive waiters and up to @nr exclusive ones (0: all)
 * whose state matches @mode.  Returns nothing, as the kernel's.
 */
void __wake_up(struct wait_queue_head *wq_head, unsigned int mode,
	       int nr, void *key);
void __wake_up_locked_key(struct wait_queue_head *wq_head, unsigned int mode,
			  void *key);
void __wake_up_sync_key(struct wait_queue_head *wq_head, unsigned int mode,
			void *key);
void __wake_up_locked(struct wait_queue_head *wq_head, unsigned int mode,
		      int nr);
void __wake_up_sync(struct wait_queue_head *wq_head, unsigned int mode);

#define wake_up(x)			__wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_nr(x, nr)		__wake_up(x, TASK_NORMAL, nr, NULL)
#define wake_up_all(x)			__wake_up(x, TASK_NORMAL, 0, NULL)
#define wake_up_locked(x)		__wake_up_locked((x), TASK_NORMAL, 1)
#define wake_up_all_locked(x)		__wake_up_locked((x), TASK_NORMAL, 0)

#define wake_up_interruptible(x)	__wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_nr(x, nr)	__wake_up(x, TASK_INTERRUPTIBLE, nr, NULL)
#define wake_up_interruptible_all(x)	__wake_up(x, TASK_INTERRUPTIBLE, 0, NULL)
#define wake_up_interruptible_sync(x)	__wake_up_sync((x), TASK_INTERRUPTIBLE)

/* Poll keys: the event mask rides in the key pointer. */
#define poll_to_key(m)			((void *)(uintptr_t)(m))
#define key_to_poll(m)			((unsigned int)(uintptr_t)(m))
#define wake_up_poll(x, m)						\
	__wake_up(x, TASK_NORMAL, 1, poll_to_key(m))
#define wake_up_locked_poll(x, m)					\
	__wake_up_locked_key((x), TASK_NORMAL, poll_to_key(m))
#define wake_up_interruptible_poll(x, m)				\
	__wake_up(x, TASK_INTERRUPTIBLE, 1, poll_to_key(m))
#define wake_up_interruptible_sync_poll(x, m)				\
	__wake_up_sync_key((x), TASK_INTERRUPTIBLE, poll_to_key(m))
#define wake_up_interruptible_sync_poll_locked(x, m)			\
	__wake_up_locked_key((x), TASK_INTERRUPTIBLE, poll_to_key(m))

/* ---- waiting by hand ---- */

void prepare_to_wait(struct wait_queue_head *wq_head,
		     struct wait_queue_entry *wq_entry, int state);
bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head,
			       struct wait_queue_entry *wq_entry, int state);
void init_wait_entry(struct wait_queue_entry *wq_entry, int flags);
/* 0, or -ERESTARTSYS when a signal is pending for an interruptible @state. */
long prepare_to_wait_event(struct wait_queue_head *wq_head,
			   struct wait_queue_entry *wq_entry, int state);
void finish_wait(struct wait_queue_head *wq_head,
		 struct wait_queue_entry *wq_entry);
long wait_woken(struct wait_queue_entry *wq_entry, unsigned int mode,
		long timeout);
int woken_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode,
			int sync, void *key);
int autoremove_wake_function(struct wait_queue_entry *wq_entry,
			     unsigned int mode, int sync, void *key);

#define DEFINE_WAIT_FUNC(name, function)				\
	struct wait_queue_entry name = {				\
		.private	= current,				\
		.func		= function,				\
		.entry		= LIST_HEAD_INIT((name).entry),		\
	}

#define DEFINE_WAIT(name) DEFINE_WAIT_FUNC(name, autoremove_wake_function)

#define init_wait(wait)							\
do {									\
	(wait)->private = current;					\
	(wait)->func = autoremove_wake_function;			\
	INIT_LIST_HEAD(&(wait)->entry);					\
	(wait)->flags = 0;						\
} while (0)

/* ---- wait_event() and friends ---- */

#define ___wait_is_interruptible(state)					\
	(!__builtin_constant_p(state) ||				\
	 (state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))

/*
 * The one loop behind every wait_event variant: queue, set @state, test
 * @condition, run @cmd (which sleeps) until the condition holds.  An
 * interruptible @state gives up with -ERESTARTSYS when a signal is
 * pending.  Evaluates to @ret, as updated by @cmd (timeouts), or to the
 * error.
 */
#define ___wait_event(wq_head, condition, state, exclusive, ret, cmd)	\
({									\
	__label__ __out;						\
	struct wait_queue_entry __wq_entry;				\
	long __ret = ret;						\
									\
	init_wait_entry(&__wq_entry, exclusive ? WQ_FLAG_EXCLUSIVE : 0);\
	for (;;) {							\
		long __int = prepare_to_wait_event(&wq_head, &__wq_entry,\
						   state);		\
									\
		if (condition)						\
			break;						\
		if (___wait_is_interruptible(state) && __int) {		\
			__ret = __int;					\
			goto __out;					\
		}							\
		cmd;							\
	}								\
	finish_wait(&wq_head, &__wq_entry);				\
__out:	__ret;								\
})

/*
 * For the _timeout forms: true when the wait is over, either because the
 * condition holds (then at least 1 jiffy is reported left) or because the
 * time ran out with it still false (0).
 */
#define ___wait_cond_timeout(condition)					\
({									\
	bool __cond = (condition);					\
	if (__cond && !__ret)						\
		__ret = 1;						\
	__cond || !__ret;						\
})

#define __wait_event(wq_head, condition)				\
	(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, \
			    schedule())

/* Sleep (uninterruptibly) until @condition is true. */
#define wait_event(wq_head, condition)					\
do {									\
	might_sleep();							\
	if (condition)							\
		break;							\
	__wait_event(wq_head, condition);				\
} while (0)

#define __wait_event_timeout(wq_head, condition, timeout)		\
	___wait_event(wq_head, ___wait_cond_timeout(condition),		\
		      TASK_UNINTERRUPTIBLE, 0, timeout,			\
		      __ret = schedule_timeout(__ret))

/* 0 if @condition was still false after @timeout jiffies, else >= 1 left. */
#define wait_event_timeout(wq_head, condition, timeout)			\
({									\
	long __ret = timeout;						\
	might_sleep();							\
	if (!___wait_cond_timeout(condition))				\
		__ret = __wait_event_timeout(wq_head, condition, timeout); \
	__ret;								\
})

#define __wait_event_cmd(wq_head, condition, cmd1, cmd2)		\
	(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, \
			    cmd1; schedule(); cmd2)

/* Runs @cmd1 before each sleep and @cmd2 after it. */
#define wait_event_cmd(wq_head, condition, cmd1, cmd2)			\
do {									\
	if (condition)							\
		break;							\
	__wait_event_cmd(wq_head, condition, cmd1, cmd2);		\
} while (0)

#define __wait_event_interruptible(wq_head, condition)			\
	___wait_event(wq_head, condition, TASK_INTERRUPTIBLE, 0, 0,	\
		      schedule())

/* 0 when @condition is true, -ERESTARTSYS when a signal arrived first. */
#define wait_event_interruptible(wq_head, condition)			\
({									\
	int __ret = 0;							\
	might_sleep();							\
	if (!(condition))						\
		__ret = __wait_event_interruptible(wq_head, condition);	\
	__ret;								\
})

#define __wait_event_interruptible_timeout(wq_head, condition, timeout)	\
	___wait_event(wq_head, ___wait_cond_timeout(condition),		\
		      TASK_INTERRUPTIBLE, 0, timeout,			\
		      __ret = schedule_timeout(__ret))

/* 0 on timeout, -ERESTARTSYS on a signal, else the jiffies left (>= 1). */
#define wait_event_interruptible_timeout(wq_head, condition, timeout)	\
({									\
	long __ret = timeout;						\
	might_sleep();							\
	if (!___wait_cond_timeout(condition))				\
		__ret = __wait_event_interruptible_timeout(wq_head,	\
						condition, timeout);	\
	__ret;								\
})

#define __wait_event_interruptible_exclusive(wq, condition)		\
	___wait_event(wq, condition, TASK_INTERRUPTIBLE, 1, 0,		\
		      schedule())

#define wait_event_interruptible_exclusive(wq, condition)		\
({									\
	int __ret = 0;							\
	might_sleep();							\
	if (!(condition))						\
		__ret = __wait_event_interruptible_exclusive(wq, condition); \
	__ret;								\
})

#define __wait_event_exclusive_cmd(wq_head, condition, cmd1, cmd2)	\
	(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 1, 0, \
			    cmd1; schedule(); cmd2)

#define wait_event_exclusive_cmd(wq_head, condition, cmd1, cmd2)	\
do {									\
	if (condition)							\
		break;							\
	__wait_event_exclusive_cmd(wq_head, condition, cmd1, cmd2);	\
} while (0)

#define __wait_event_killable(wq, condition)				\
	___wait_event(wq, condition, TASK_KILLABLE, 0, 0, schedule())

#define wait_event_killable(wq_head, condition)				\
({									\
	int __ret = 0;							\
	might_sleep();							\
	if (!(condition))						\
		__ret = __wait_event_killable(wq_head, condition);	\
	__ret;								\
})

#define __wait_event_killable_timeout(wq_head, condition, timeout)	\
	___wait_event(wq_head, ___wait_cond_timeout(condition),		\
		      TASK_KILLABLE, 0, timeout,			\
		      __ret = schedule_timeout(__ret))

#define wait_event_killable_timeout(wq_head, condition, timeout)	\
({									\
	long __ret = timeout;						\
	might_sleep();							\
	if (!___wait_cond_timeout(condition))				\
		__ret = __wait_event_killable_timeout(wq_head,		\
						condition, timeout);	\
	__ret;								\
})

#define __wait_event_killable_exclusive(wq, condition)			\
	___wait_event(wq, condition, TASK_KILLABLE, 1, 0, schedule())

#define wait_event_killable_exclusive(wq, condition)			\
({									\
	int __ret = 0;							\
	might_sleep();							\
	if (!(condition))						\
		__ret = __wait_event_killable_exclusive(wq, condition);	\
	__ret;								\
})

/* ksim has no freezer: freezable waits are interruptible waits. */
#define wait_event_freezable(wq_head, condition) \
	wait_event_interruptible(wq_head, condition)
#define wait_event_freezable_timeout(wq_head, condition, timeout) \
	wait_event_interruptible_timeout(wq_head, condition, timeout)
#define wait_event_freezable_exclusive(wq, condition) \
	wait_event_interruptible_exclusive(wq, condition)

/* TASK_IDLE: uninterruptible, but does not count as load. */
#define wait_event_idle(wq_head, condition)				\
do {									\
	might_sleep();							\
	if (!(condition))						\
		(void)___wait_event(wq_head, condition, TASK_IDLE, 0, 0, \
				    schedule());			\
} while (0)

#define wait_event_idle_exclusive(wq_head, condition)			\
do {									\
	might_sleep();							\
	if (!(condition))						\
		(void)___wait_event(wq_head, condition, TASK_IDLE, 1, 0, \
				    schedule());			\
} while (0)

#define __wait_event_idle_timeout(wq_head, condition, timeout)		\
	___wait_event(wq_head, ___wait_cond_timeout(condition),		\
		      TASK_IDLE, 0, timeout,				\
		      __ret = schedule_timeout(__ret))

#define wait_event_idle_timeout(wq_head, condition, timeout)		\
({									\
	long __ret = timeout;						\
	might_sleep();							\
	if (!___wait_cond_timeout(condition))				\
		__ret = __wait_event_idle_timeout(wq_head, condition,	\
						  timeout);		\
	__ret;								\
})

#define __wait_event_idle_exclusive_timeout(wq_head, condition, timeout) \
	___wait_event(wq_head, ___wait_cond_timeout(condition),		\
		      TASK_IDLE, 1, timeout,				\
		      __ret = schedule_timeout(__ret))

#define wait_event_idle_exclusive_timeout(wq_head, condition, timeout)	\
({									\
	long __ret = timeout;						\
	might_sleep();							\
	if (!___wait_cond_timeout(condition))				\
		__ret = __wait_event_idle_exclusive_timeout(wq_head,	\
						condition, timeout);	\
	__ret;								\
})

/*
 * Called with @lock held by spin_lock_irq(); drops it around each sleep
 * and holds it again when @condition is tested and on return.
 */
#define __wait_event_lock_irq(wq_head, condition, lock, cmd)		\
	(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, \
			    spin_unlock_irq(&lock);			\
			    cmd;					\
			    schedule();					\
			    spin_lock_irq(&lock))

#define wait_event_lock_irq_cmd(wq_head, condition, lock, cmd)		\
do {									\
	if (condition)							\
		break;							\
	__wait_event_lock_irq(wq_head, condition, lock, cmd);		\
} while (0)

#define wait_event_lock_irq(wq_head, condition, lock)			\
do {									\
	if (condition)							\
		break;							\
	__wait_event_lock_irq(wq_head, condition, lock, );		\
} while (0)

#define __wait_event_interruptible_lock_irq(wq_head, condition, lock, cmd) \
	___wait_event(wq_head, condition, TASK_INTERRUPTIBLE, 0, 0,	\
		      spin_unlock_irq(&lock);				\
		      cmd;						\
		      schedule();					\
		      spin_lock_irq(&lock))

#define wait_event_interruptible_lock_irq_cmd(wq_head, condition, lock, cmd) \
({									\
	int __ret = 0;							\
	if (!(condition))						\
		__ret = __wait_event_interruptible_lock_irq(wq_head,	\
						condition, lock, cmd);	\
	__ret;								\
})

#define wait_event_interruptible_lock_irq(wq_head, condition, lock)	\
({									\
	int __ret = 0;							\
	if (!(condition))						\
		__ret = __wait_event_interruptible_lock_irq(wq_head,	\
						condition, lock, );	\
	__ret;								\
})

#define __wait_event_lock_irq_timeout(wq_head, condition, lock, timeout, state) \
	___wait_event(wq_head, ___wait_cond_timeout(condition),		\
		      state, 0, timeout,				\
		      spin_unlock_irq(&lock);				\
		      __ret = schedule_timeout(__ret);			\
		      spin_lock_irq(&lock))

#define wait_event_interruptible_lock_irq_timeout(wq_head, condition, lock, \
						  timeout)		\
({									\
	long __ret = timeout;						\
	if (!___wait_cond_timeout(condition))				\
		__ret = __wait_event_lock_irq_timeout(			\
					wq_head, condition, lock, timeout, \
					TASK_INTERRUPTIBLE);		\
	__ret;								\
})

#define wait_event_lock_irq_timeout(wq_head, condition, lock, timeout)	\
({									\
	long __ret = timeout;						\
	if (!___wait_cond_timeout(condition))				\
		__ret = __wait_event_lock_irq_timeout(			\
					wq_head, condition, lock, timeout, \
					TASK_UNINTERRUPTIBLE);		\
	__ret;								\
})

#endif
