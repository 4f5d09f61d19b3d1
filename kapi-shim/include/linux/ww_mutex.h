/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/ww_mutex.h - wound/wait mutexes (6.1 API): several locks taken in
 * any order inside one acquire context; on a potential deadlock the
 * younger context gets -EDEADLK, drops what it holds, takes the contended
 * lock with ww_mutex_lock_slow() and retries.
 *
 * ksim decides by wait-die for both classes: a context that already holds
 * locks and finds a lock held by an older context backs off at once
 * (-EDEADLK); otherwise it waits.  With DEFINE_WW_CLASS the kernel would
 * instead wound the younger holder, who then backs off at its next lock;
 * either way the younger context is the one that retries.  A waiter
 * re-checks the current holder every tick (it never blocks unbounded
 * behind a holder it was not checked against).  (kapi-shim/include only)
 */
#ifndef __LINUX_WW_MUTEX_H
#define __LINUX_WW_MUTEX_H

#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/atomic.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <linux/bug.h>

struct ww_class {
	atomic_long_t stamp;
	const char *acquire_name;
	const char *mutex_name;
	unsigned int is_wait_die;
};

struct ww_acquire_ctx {
	struct task_struct *task;
	unsigned long stamp;
	unsigned int acquired;
	unsigned short wounded;
	unsigned short is_wait_die;
	struct ww_class *ww_class;
};

struct ww_mutex {
	struct mutex base;
	struct ww_acquire_ctx *ctx;
	struct ww_class *ww_class;
};

#define __WW_CLASS_INITIALIZER(ww_class, _is_wait_die)		\
		{ .stamp = ATOMIC_LONG_INIT(0)			\
		, .acquire_name = #ww_class "_acquire"		\
		, .mutex_name = #ww_class "_mutex"		\
		, .is_wait_die = _is_wait_die }

#define DEFINE_WD_CLASS(classname) \
	struct ww_class classname = __WW_CLASS_INITIALIZER(classname, 1)
#define DEFINE_WW_CLASS(classname) \
	struct ww_class classname = __WW_CLASS_INITIALIZER(classname, 0)

static inline void ww_mutex_init(struct ww_mutex *lock,
				 struct ww_class *ww_class)
{
	mutex_init(&lock->base);
	lock->ctx = NULL;
	lock->ww_class = ww_class;
}

static inline void ww_acquire_init(struct ww_acquire_ctx *ctx,
				   struct ww_class *ww_class)
{
	ctx->task = current;
	ctx->stamp = atomic_long_inc_return_relaxed(&ww_class->stamp);
	ctx->acquired = 0;
	ctx->wounded = 0;
	ctx->is_wait_die = ww_class->is_wait_die;
	ctx->ww_class = ww_class;
}

/* All locks of the context are taken (a debugging marker in the kernel). */
static inline void ww_acquire_done(struct ww_acquire_ctx *ctx)
{
}

static inline void ww_acquire_fini(struct ww_acquire_ctx *ctx)
{
	WARN_ON(ctx->acquired);
}

static inline bool ww_mutex_is_locked(struct ww_mutex *lock)
{
	return mutex_is_locked(&lock->base);
}

/* Try to take @lock for @ctx; 0, -EALREADY, -EDEADLK, or -EBUSY to wait. */
static inline int __ksim_ww_try(struct ww_mutex *lock,
				struct ww_acquire_ctx *ctx, bool may_die)
{
	struct ww_acquire_ctx *holder;

	if (mutex_trylock(&lock->base)) {
		WRITE_ONCE(lock->ctx, ctx);
		if (ctx)
			ctx->acquired++;
		return 0;
	}
	holder = READ_ONCE(lock->ctx);
	if (ctx && holder == ctx)
		return -EALREADY;
	if (may_die && ctx && holder && ctx->acquired > 0 &&
	    holder->stamp < ctx->stamp)
		return -EDEADLK;
	return -EBUSY;
}

static inline int __ksim_ww_lock(struct ww_mutex *lock,
				 struct ww_acquire_ctx *ctx, bool may_die,
				 bool interruptible)
{
	int ret;

	might_sleep();
	for (;;) {
		ret = __ksim_ww_try(lock, ctx, may_die);
		if (ret != -EBUSY)
			return ret;
		if (interruptible && signal_pending(current))
			return -EINTR;
		schedule_timeout_uninterruptible(1);
	}
}

/* 0, -EALREADY (this context holds it), or -EDEADLK (back off). */
static inline int ww_mutex_lock(struct ww_mutex *lock,
				struct ww_acquire_ctx *ctx)
{
	return __ksim_ww_lock(lock, ctx, true, false);
}

static inline int __must_check ww_mutex_lock_interruptible(struct ww_mutex *lock,
							   struct ww_acquire_ctx *ctx)
{
	return __ksim_ww_lock(lock, ctx, true, true);
}

/* After -EDEADLK, with nothing held: wait for the contended lock. */
static inline void ww_mutex_lock_slow(struct ww_mutex *lock,
				      struct ww_acquire_ctx *ctx)
{
	WARN_ON(ctx && ctx->acquired);
	(void)__ksim_ww_lock(lock, ctx, false, false);
}

static inline int __must_check
ww_mutex_lock_slow_interruptible(struct ww_mutex *lock,
				 struct ww_acquire_ctx *ctx)
{
	WARN_ON(ctx && ctx->acquired);
	return __ksim_ww_lock(lock, ctx, false, true);
}

static inline int __must_check ww_mutex_trylock(struct ww_mutex *lock,
						struct ww_acquire_ctx *ctx)
{
	return __ksim_ww_try(lock, ctx, false) == 0;
}

static inline void ww_mutex_unlock(struct ww_mutex *lock)
{
	struct ww_acquire_ctx *ctx = lock->ctx;

	if (ctx)
		ctx->acquired--;
	WRITE_ONCE(lock->ctx, NULL);
	mutex_unlock(&lock->base);
}

static inline void ww_mutex_destroy(struct ww_mutex *lock)
{
	mutex_destroy(&lock->base);
}

#endif
