/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/mutex.h - sleeping mutual exclusion, with the checks of the
 * kernel's CONFIG_DEBUG_MUTEXES and lockdep: unlocking a mutex the task
 * does not hold is reported, taking one it already holds is reported as
 * recursive locking and panics, and every lock may sleep (might_sleep()).
 * An uncontended lock and unlock are one atomic operation each plus the
 * bookkeeping; a contended one spins briefly, then sleeps on the lock
 * word.  (kapi-shim/locking/mutex.c)
 */
#ifndef __LINUX_MUTEX_H
#define __LINUX_MUTEX_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/atomic.h>
#include <linux/lockdep.h>
#include <linux/mutex_types.h>
#include <linux/instruction_pointer.h>

#define __DEP_MAP_MUTEX_INITIALIZER(lockname)			\
	.dep_map = {						\
		.name = #lockname,				\
		.wait_type_inner = LD_WAIT_SLEEP,		\
	}

#define __MUTEX_INITIALIZER(lockname)				\
	{ .ksim_word = 0, .owner = NULL,			\
	  __DEP_MAP_MUTEX_INITIALIZER(lockname) }

#define DEFINE_MUTEX(mutexname) \
	struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

void __mutex_init(struct mutex *lock, const char *name,
		  struct lock_class_key *key);

/* One lock class per place mutex_init() is written, as in the kernel. */
#define mutex_init(mutex)						\
do {									\
	static struct lock_class_key __key;				\
									\
	__mutex_init((mutex), #mutex, &__key);				\
} while (0)

/* Complains (a locking report) when the mutex is still locked. */
void mutex_destroy(struct mutex *lock);

static inline bool mutex_is_locked(struct mutex *lock)
{
	return __atomic_load_n(&lock->ksim_word, __ATOMIC_RELAXED) != 0;
}

void mutex_lock_nested(struct mutex *lock, unsigned int subclass);
void _mutex_lock_nest_lock(struct mutex *lock, struct lockdep_map *nest_lock);
int __must_check mutex_lock_interruptible_nested(struct mutex *lock,
						 unsigned int subclass);
int __must_check mutex_lock_killable_nested(struct mutex *lock,
					    unsigned int subclass);
void mutex_lock_io_nested(struct mutex *lock, unsigned int subclass);

void mutex_lock(struct mutex *lock);
/* 0, or -EINTR when a signal is pending while the task has to wait. */
int __must_check mutex_lock_interruptible(struct mutex *lock);
int __must_check mutex_lock_killable(struct mutex *lock);
void mutex_lock_io(struct mutex *lock);

#define mutex_lock_nest_lock(lock, nest_lock)				\
do {									\
	typecheck(struct lockdep_map *, &(nest_lock)->dep_map);	\
	_mutex_lock_nest_lock(lock, &(nest_lock)->dep_map);		\
} while (0)

/* 1 if the mutex was taken, 0 if it is held (by anyone, this task too). */
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);

/* Decrement @cnt; if it hit 0, return 1 with @lock held. */
int atomic_dec_and_mutex_lock(atomic_t *cnt, struct mutex *lock);

enum mutex_trylock_recursive_enum {
	MUTEX_TRYLOCK_FAILED    = 0,
	MUTEX_TRYLOCK_SUCCESS   = 1,
	MUTEX_TRYLOCK_RECURSIVE,
};

#endif
