/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/rcupdate.h - read-copy-update, the minimal core.
 *
 * A read-side section (rcu_read_lock() ... rcu_read_unlock()) disables
 * preemption, as in a non-preemptible kernel: sleeping inside it is
 * reported by might_sleep().  synchronize_rcu() returns once every reader
 * that was inside a section when it was called has left it.  call_rcu()
 * and kfree_rcu() never run the callback in the caller: a shim task
 * ("rcu_gp") waits for a grace period, then runs the callbacks in softirq
 * context, in the order they were queued.  rcu_barrier() waits for every
 * callback queued before it.  (kapi-shim/locking/rcupdate.c)
 */
#ifndef __LINUX_RCUPDATE_H
#define __LINUX_RCUPDATE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/preempt.h>
#include <linux/bottom_half.h>
#include <linux/stddef.h>
#include <asm/barrier.h>

typedef void (*rcu_callback_t)(struct rcu_head *head);

void __rcu_read_lock(void);
void __rcu_read_unlock(void);

static __always_inline void rcu_read_lock(void)
{
	__rcu_read_lock();
}

static __always_inline void rcu_read_unlock(void)
{
	__rcu_read_unlock();
}

static inline void rcu_read_lock_bh(void)
{
	local_bh_disable();
	__rcu_read_lock();
}

static inline void rcu_read_unlock_bh(void)
{
	__rcu_read_unlock();
	local_bh_enable();
}

static inline void rcu_read_lock_sched(void)
{
	preempt_disable();
	__rcu_read_lock();
}

static inline void rcu_read_unlock_sched(void)
{
	__rcu_read_unlock();
	preempt_enable();
}

#define rcu_read_lock_sched_notrace()	rcu_read_lock_sched()
#define rcu_read_unlock_sched_notrace()	rcu_read_unlock_sched()

/* Whether the current task is inside a read-side section. */
int rcu_read_lock_held(void);
#define rcu_read_lock_bh_held()		rcu_read_lock_held()
#define rcu_read_lock_sched_held()	(rcu_read_lock_held() || !preemptible())
#define rcu_read_lock_any_held()	rcu_read_lock_sched_held()
#define rcu_is_watching()		true
#define RCU_LOCKDEP_WARN(c, s)		do { (void)(c); } while (0)
#define rcu_sleep_check()		do { } while (0)

void synchronize_rcu(void);
#define synchronize_rcu_expedited()	synchronize_rcu()
#define synchronize_rcu_bh()		synchronize_rcu()
#define synchronize_sched()		synchronize_rcu()
void call_rcu(struct rcu_head *head, rcu_callback_t func);
void rcu_barrier(void);
void kvfree_call_rcu(struct rcu_head *head, rcu_callback_t func);

static inline void init_rcu_head(struct rcu_head *head) { }
static inline void destroy_rcu_head(struct rcu_head *head) { }
static inline void init_rcu_head_on_stack(struct rcu_head *head) { }
static inline void destroy_rcu_head_on_stack(struct rcu_head *head) { }
#define rcu_head_init(rhp)	((rhp)->func = (rcu_callback_t)~0L)

/* ---- pointers ---- */

/* A pointer read inside a read-side section. */
#define rcu_dereference_raw(p)						\
({									\
	typeof(p) ________p1 = __atomic_load_n(&(p), __ATOMIC_ACQUIRE);	\
	________p1;							\
})
#define rcu_dereference_check(p, c)	rcu_dereference_raw(p)
#define rcu_dereference(p)		rcu_dereference_raw(p)
#define rcu_dereference_bh(p)		rcu_dereference_raw(p)
#define rcu_dereference_sched(p)	rcu_dereference_raw(p)
#define rcu_dereference_bh_check(p, c)	rcu_dereference_raw(p)
#define rcu_dereference_sched_check(p, c) rcu_dereference_raw(p)
#define rcu_dereference_raw_check(p)	rcu_dereference_raw(p)
#define srcu_dereference(p, sp)		rcu_dereference_raw(p)
/* Updater side, with the update lock held: no ordering needed. */
#define rcu_dereference_protected(p, c)	(p)
/* Only the value, never dereferenced. */
#define rcu_access_pointer(p)		READ_ONCE(p)
#define rcu_pointer_handoff(p)		(p)

/* Publish @v: everything written to it before is visible to readers. */
#define rcu_assign_pointer(p, v)					\
do {									\
	typeof(p) __rcu_v = (v);					\
	__atomic_store_n(&(p), __rcu_v, __ATOMIC_RELEASE);		\
} while (0)

/* For NULL, or a pointer no reader can see yet. */
#define RCU_INIT_POINTER(p, v)		WRITE_ONCE(p, v)
#define RCU_INITIALIZER(v)		(typeof(*(v)) __force __rcu *)(v)

#define rcu_replace_pointer(rcu_ptr, ptr, c)				\
({									\
	typeof(ptr) __tmp = rcu_dereference_protected((rcu_ptr), (c));	\
	rcu_assign_pointer((rcu_ptr), (ptr));				\
	__tmp;								\
})

/*
 * kfree_rcu(ptr, rhf): free @ptr (which embeds struct rcu_head @rhf) after
 * a grace period.  kfree_rcu(ptr) (no rcu_head) waits for the grace
 * period in the caller, so it may sleep.
 */
#define __ksim_kfree_rcu_2(ptr, rhf)					\
do {									\
	typeof(ptr) ___p = (ptr);					\
	if (___p) {							\
		BUILD_BUG_ON(offsetof(typeof(*(ptr)), rhf) >= 4096);	\
		kvfree_call_rcu(&((___p)->rhf), (rcu_callback_t)(unsigned long) \
				offsetof(typeof(*(ptr)), rhf));		\
	}								\
} while (0)
#define __ksim_kfree_rcu_1(ptr)						\
do {									\
	typeof(ptr) ___p = (ptr);					\
	if (___p)							\
		kvfree_call_rcu(NULL, (rcu_callback_t)(___p));		\
} while (0)
#define __ksim_kfree_rcu_pick(_1, _2, fn, ...) fn
#define kfree_rcu(...)							\
	__ksim_kfree_rcu_pick(__VA_ARGS__, __ksim_kfree_rcu_2,		\
			      __ksim_kfree_rcu_1)(__VA_ARGS__)
#define kvfree_rcu(...)			kfree_rcu(__VA_ARGS__)
#define kfree_rcu_mightsleep(ptr)	__ksim_kfree_rcu_1(ptr)
#define kvfree_rcu_mightsleep(ptr)	__ksim_kfree_rcu_1(ptr)

#include <linux/build_bug.h>

#endif
