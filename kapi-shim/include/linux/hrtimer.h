/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/hrtimer.h - high-resolution timers: a callback at a nanosecond
 * expiry on one of the monotonic clocks (6.1 names and semantics).
 *
 * ksim runs them from their own timer task (kernel/time/hrtimer.c) that
 * sleeps on the host until the earliest expiry, so they follow the host's
 * clock, virtual time included.  A callback runs in hard interrupt context,
 * or in softirq context with HRTIMER_MODE_SOFT; returning HRTIMER_RESTART
 * re-arms the timer at its (forwarded) expiry.
 */
#ifndef _LINUX_HRTIMER_H
#define _LINUX_HRTIMER_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/ktime.h>
#include <linux/timer.h>
#include <linux/rbtree.h>
#include <linux/percpu.h>
#include <linux/timerqueue.h>

#ifndef CLOCK_REALTIME
#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_BOOTTIME		7
#define CLOCK_TAI		11
#endif
typedef int clockid_t;

enum hrtimer_mode {
	HRTIMER_MODE_ABS	= 0x00,
	HRTIMER_MODE_REL	= 0x01,
	HRTIMER_MODE_PINNED	= 0x02,
	HRTIMER_MODE_SOFT	= 0x04,
	HRTIMER_MODE_HARD	= 0x08,

	HRTIMER_MODE_ABS_PINNED = HRTIMER_MODE_ABS | HRTIMER_MODE_PINNED,
	HRTIMER_MODE_REL_PINNED = HRTIMER_MODE_REL | HRTIMER_MODE_PINNED,

	HRTIMER_MODE_ABS_SOFT	= HRTIMER_MODE_ABS | HRTIMER_MODE_SOFT,
	HRTIMER_MODE_REL_SOFT	= HRTIMER_MODE_REL | HRTIMER_MODE_SOFT,

	HRTIMER_MODE_ABS_PINNED_SOFT = HRTIMER_MODE_ABS_PINNED | HRTIMER_MODE_SOFT,
	HRTIMER_MODE_REL_PINNED_SOFT = HRTIMER_MODE_REL_PINNED | HRTIMER_MODE_SOFT,

	HRTIMER_MODE_ABS_HARD	= HRTIMER_MODE_ABS | HRTIMER_MODE_HARD,
	HRTIMER_MODE_REL_HARD	= HRTIMER_MODE_REL | HRTIMER_MODE_HARD,

	HRTIMER_MODE_ABS_PINNED_HARD = HRTIMER_MODE_ABS_PINNED | HRTIMER_MODE_HARD,
	HRTIMER_MODE_REL_PINNED_HARD = HRTIMER_MODE_REL_PINNED | HRTIMER_MODE_HARD,
};

enum hrtimer_restart {
	HRTIMER_NORESTART,	/* the timer is done */
	HRTIMER_RESTART,	/* re-arm at the timer's expiry */
};

/* hrtimer.state bits */
#define HRTIMER_STATE_INACTIVE	0x00
#define HRTIMER_STATE_ENQUEUED	0x01

struct hrtimer {
	/* node.expires: the expiry on the timer's clock. */
	struct timerqueue_node		node;
	ktime_t				_softexpires;
	enum hrtimer_restart		(*function)(struct hrtimer *);
	u8				state;
	u8				is_rel;
	u8				is_soft;
	u8				is_hard;
	/* ksim: the clock, and the place in the pending list */
	clockid_t			ksim_clock;
	struct list_head		ksim_entry;
};

void hrtimer_init(struct hrtimer *timer, clockid_t which_clock,
		  enum hrtimer_mode mode);
void hrtimer_start_range_ns(struct hrtimer *timer, ktime_t tim,
			    u64 range_ns, const enum hrtimer_mode mode);
/* -1 when the callback is running, else 1 if it was pending, 0 if not. */
int hrtimer_try_to_cancel(struct hrtimer *timer);
/* Deactivate and wait for a running callback; 1 if it was active. */
int hrtimer_cancel(struct hrtimer *timer);
/* Push the expiry past @now by whole @interval steps; the steps taken. */
u64 hrtimer_forward(struct hrtimer *timer, ktime_t now, ktime_t interval);
bool hrtimer_active(const struct hrtimer *timer);
ktime_t __hrtimer_get_remaining(const struct hrtimer *timer, bool adjust);
/* The current time on @timer's clock. */
ktime_t hrtimer_cb_get_time(struct hrtimer *timer);

static inline void hrtimer_start(struct hrtimer *timer, ktime_t tim,
				 const enum hrtimer_mode mode)
{
	hrtimer_start_range_ns(timer, tim, 0, mode);
}

static inline void hrtimer_start_expires(struct hrtimer *timer,
					 enum hrtimer_mode mode)
{
	hrtimer_start_range_ns(timer, timer->node.expires,
			       timer->node.expires - timer->_softexpires, mode);
}

static inline void hrtimer_restart(struct hrtimer *timer)
{
	hrtimer_start_expires(timer, HRTIMER_MODE_ABS);
}

static inline u64 hrtimer_forward_now(struct hrtimer *timer, ktime_t interval)
{
	return hrtimer_forward(timer, hrtimer_cb_get_time(timer), interval);
}

static inline void hrtimer_set_expires(struct hrtimer *timer, ktime_t time)
{
	timer->node.expires = time;
	timer->_softexpires = time;
}

static inline void hrtimer_set_expires_range_ns(struct hrtimer *timer,
						ktime_t time, u64 delta)
{
	timer->_softexpires = time;
	timer->node.expires = ktime_add_safe(time, ns_to_ktime(delta));
}

static inline void hrtimer_set_expires_tv64(struct hrtimer *timer, s64 tv64)
{
	hrtimer_set_expires(timer, tv64);
}

static inline void hrtimer_add_expires(struct hrtimer *timer, ktime_t time)
{
	timer->node.expires = ktime_add_safe(timer->node.expires, time);
	timer->_softexpires = ktime_add_safe(timer->_softexpires, time);
}

static inline void hrtimer_add_expires_ns(struct hrtimer *timer, u64 ns)
{
	hrtimer_add_expires(timer, ns_to_ktime(ns));
}

static inline ktime_t hrtimer_get_expires(const struct hrtimer *timer)
{
	return timer->node.expires;
}

static inline ktime_t hrtimer_get_softexpires(const struct hrtimer *timer)
{
	return timer->_softexpires;
}

static inline s64 hrtimer_get_expires_tv64(const struct hrtimer *timer)
{
	return timer->node.expires;
}

static inline s64 hrtimer_get_expires_ns(const struct hrtimer *timer)
{
	return ktime_to_ns(timer->node.expires);
}

static inline ktime_t hrtimer_expires_remaining(const struct hrtimer *timer)
{
	return ktime_sub(timer->node.expires,
			 hrtimer_cb_get_time((struct hrtimer *)timer));
}

static inline ktime_t hrtimer_get_remaining(const struct hrtimer *timer)
{
	return __hrtimer_get_remaining(timer, false);
}

static inline bool hrtimer_is_queued(struct hrtimer *timer)
{
	return !!(READ_ONCE(timer->state) & HRTIMER_STATE_ENQUEUED);
}

/* Whether @timer's callback runs right now. */
bool hrtimer_callback_running(struct hrtimer *timer);

#endif
