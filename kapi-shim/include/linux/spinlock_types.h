/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_SPINLOCK_TYPES_H
#define __LINUX_SPINLOCK_TYPES_H

#include <linux/types.h>
#include <linux/lockdep_types.h>

struct task_struct;

/*
 * A spinning lock.  @ksim_word is a futex word (0 free, 1 locked, 2 locked
 * with sleepers): a contended locker spins briefly, then sleeps, because
 * the host may preempt the holder and pure spinning on 2 CPUs would burn
 * the other one.  @owner is the holding task (the kernel's
 * CONFIG_DEBUG_SPINLOCK owner), for recursion and wrong-owner reports.
 */
typedef struct raw_spinlock {
	u32			ksim_word;
	struct task_struct	*owner;
	struct lockdep_map	dep_map;
} raw_spinlock_t;

#define SPINLOCK_MAGIC		0xdead4ead
#define SPINLOCK_OWNER_INIT	((void *)-1L)

#define RAW_SPIN_DEP_MAP_INIT(lockname)				\
	.dep_map = {						\
		.name = #lockname,				\
		.wait_type_inner = LD_WAIT_SPIN,		\
	}
#define SPIN_DEP_MAP_INIT(lockname)				\
	.dep_map = {						\
		.name = #lockname,				\
		.wait_type_inner = LD_WAIT_CONFIG,		\
	}

#define __RAW_SPIN_LOCK_INITIALIZER(lockname)			\
	{ .ksim_word = 0, .owner = NULL, RAW_SPIN_DEP_MAP_INIT(lockname) }
#define __RAW_SPIN_LOCK_UNLOCKED(lockname)			\
	((raw_spinlock_t)__RAW_SPIN_LOCK_INITIALIZER(lockname))
#define DEFINE_RAW_SPINLOCK(x)	raw_spinlock_t x = __RAW_SPIN_LOCK_UNLOCKED(x)

/* dep_map aliases rlock.dep_map, so lockdep_assert_held(&spinlock) works. */
#define __KSIM_SPIN_PADSIZE	offsetof(struct raw_spinlock, dep_map)
typedef struct spinlock {
	union {
		struct raw_spinlock rlock;
		struct {
			u8 __padding[__KSIM_SPIN_PADSIZE];
			struct lockdep_map dep_map;
		};
	};
} spinlock_t;

#define ___SPIN_LOCK_INITIALIZER(lockname)			\
	{ .ksim_word = 0, .owner = NULL, SPIN_DEP_MAP_INIT(lockname) }
#define __SPIN_LOCK_INITIALIZER(lockname)			\
	{ { .rlock = ___SPIN_LOCK_INITIALIZER(lockname) } }
#define __SPIN_LOCK_UNLOCKED(lockname)				\
	((spinlock_t)__SPIN_LOCK_INITIALIZER(lockname))
#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

#include <linux/rwlock_types.h>

#endif
