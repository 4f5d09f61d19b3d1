/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/timer.h - jiffies-based timers (struct timer_list).
 *
 * In ksim one timer task ("ksoftirqd/0") runs every callback in softirq
 * context (in_softirq() is true, sleeping is reported), in expiry order,
 * never before jiffies reaches ->expires.  It sleeps until the earliest
 * expiry; there is no periodic tick.  (kernel/time/timer.c)
 */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/stddef.h>
#include <linux/container_of.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>

struct timer_list {
	/* Pending timers are linked here; entry.pprev is NULL otherwise. */
	struct hlist_node	entry;
	unsigned long		expires;
	void			(*function)(struct timer_list *);
	u32			flags;
};

/* timer_list.flags, as the kernel lays them out. */
#define TIMER_CPUMASK		0x0003FFFF
#define TIMER_MIGRATING		0x00040000
#define TIMER_BASEMASK		(TIMER_CPUMASK | TIMER_MIGRATING)
#define TIMER_DEFERRABLE	0x00080000
#define TIMER_PINNED		0x00100000
#define TIMER_IRQSAFE		0x00200000
#define TIMER_INIT_FLAGS	(TIMER_DEFERRABLE | TIMER_PINNED | TIMER_IRQSAFE)
#define TIMER_ARRAYSHIFT	22
#define TIMER_ARRAYMASK		0xFFC00000
#define TIMER_TRACE_FLAGMASK	(TIMER_MIGRATING | TIMER_DEFERRABLE | \
				 TIMER_PINNED | TIMER_IRQSAFE)

#define __TIMER_INITIALIZER(_function, _flags) {			\
		.entry = { .next = NULL, .pprev = NULL },		\
		.function = (_function),				\
		.flags = (_flags),					\
	}

#define DEFINE_TIMER(_name, _function)					\
	struct timer_list _name = __TIMER_INITIALIZER(_function, 0)

static inline void __ksim_init_timer(struct timer_list *timer,
				     void (*func)(struct timer_list *),
				     unsigned int flags)
{
	timer->entry.next = NULL;
	timer->entry.pprev = NULL;
	timer->expires = 0;
	timer->function = func;
	timer->flags = flags & TIMER_INIT_FLAGS;
}

static inline void init_timer_key(struct timer_list *timer,
				  void (*func)(struct timer_list *),
				  unsigned int flags, const char *name,
				  void *key)
{
	__ksim_init_timer(timer, func, flags);
}

/* timer_setup - prepare @timer to call @callback(timer) when it expires. */
#define timer_setup(timer, callback, flags)				\
	__ksim_init_timer((timer), (callback), (flags))
#define timer_setup_on_stack(timer, callback, flags)			\
	__ksim_init_timer((timer), (callback), (flags))
#define __init_timer(timer, fn, flags)	timer_setup(timer, fn, flags)

static inline void destroy_timer_on_stack(struct timer_list *timer)
{
}

/* The structure embedding @callback_timer, from inside its callback. */
#define from_timer(var, callback_timer, timer_fieldname)		\
	container_of(callback_timer, typeof(*var), timer_fieldname)
#define timer_container_of(var, callback_timer, timer_fieldname)	\
	from_timer(var, callback_timer, timer_fieldname)

/*
 * timer_pending - whether @timer is armed.  False while its callback runs
 * (unless the callback re-armed it).  Racy by nature, as in the kernel.
 */
static inline int timer_pending(const struct timer_list *timer)
{
	return !hlist_unhashed_lockless(&timer->entry);
}

void add_timer(struct timer_list *timer);
void add_timer_on(struct timer_list *timer, int cpu);
int mod_timer(struct timer_list *timer, unsigned long expires);
int mod_timer_pending(struct timer_list *timer, unsigned long expires);
int timer_reduce(struct timer_list *timer, unsigned long expires);
int del_timer(struct timer_list *timer);
int try_to_del_timer_sync(struct timer_list *timer);
int del_timer_sync(struct timer_list *timer);
int timer_shutdown(struct timer_list *timer);
int timer_shutdown_sync(struct timer_list *timer);

/*
 * The Linux 6.2+ names.  POSIX has its own timer_delete(timer_t), so host
 * world (the shim, tests) only sees the kernel's in kernel world.
 */
#ifdef __KERNEL__
static inline int timer_delete(struct timer_list *timer)
{
	return del_timer(timer);
}
#endif

static inline int timer_delete_sync(struct timer_list *timer)
{
	return del_timer_sync(timer);
}

#define del_singleshot_timer_sync(t)	del_timer_sync(t)

#endif
