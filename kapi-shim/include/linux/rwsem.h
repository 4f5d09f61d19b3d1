/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/rwsem.h - reader-writer semaphores: sleeping, readers share, a
 * writer excludes everyone.  A writer that waits blocks new readers, so a
 * stream of readers cannot starve it.  Taking it for write while the task
 * already holds it for write is reported as recursive locking (panic).
 * (kapi-shim/locking/rwsem.c)
 */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/lockdep.h>

struct task_struct;

/*
 * @ksim_cnt: readers holding it, or -1 for a writer.  @ksim_writers:
 * writers waiting (new readers wait while it is non-zero).  Sleepers
 * wait on the @ksim_seq event counter, which every release bumps.
 */
struct rw_semaphore {
	s32			ksim_cnt;
	u32			ksim_writers;
	u32			ksim_seq;
	u32			ksim_sleepers;
	struct task_struct	*owner;		/* the writer */
	struct lockdep_map	dep_map;
};

#define __RWSEM_DEP_MAP_INIT(lockname)				\
	.dep_map = {						\
		.name = #lockname,				\
		.wait_type_inner = LD_WAIT_SLEEP,		\
	},

#define __RWSEM_INITIALIZER(name)				\
	{ .ksim_cnt = 0, .owner = NULL, __RWSEM_DEP_MAP_INIT(name) }

#define DECLARE_RWSEM(name) \
	struct rw_semaphore name = __RWSEM_INITIALIZER(name)

void __init_rwsem(struct rw_semaphore *sem, const char *name,
		  struct lock_class_key *key);

#define init_rwsem(sem)							\
do {									\
	static struct lock_class_key __key;				\
									\
	__init_rwsem((sem), #sem, &__key);				\
} while (0)

static inline int rwsem_is_locked(struct rw_semaphore *sem)
{
	return __atomic_load_n(&sem->ksim_cnt, __ATOMIC_RELAXED) != 0;
}

static inline int rwsem_is_contended(struct rw_semaphore *sem)
{
	return __atomic_load_n(&sem->ksim_sleepers, __ATOMIC_RELAXED) != 0;
}

void down_read(struct rw_semaphore *sem);
/* 0, or -EINTR when a signal is pending while the task has to wait. */
int __must_check down_read_interruptible(struct rw_semaphore *sem);
int __must_check down_read_killable(struct rw_semaphore *sem);
/* 1 if taken, 0 if not (a writer holds it or waits for it). */
int down_read_trylock(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
int __must_check down_write_killable(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);
/* Turn the write hold into a read hold, letting waiting readers in. */
void downgrade_write(struct rw_semaphore *sem);

void down_read_nested(struct rw_semaphore *sem, int subclass);
int down_read_killable_nested(struct rw_semaphore *sem, int subclass);
void down_write_nested(struct rw_semaphore *sem, int subclass);
int down_write_killable_nested(struct rw_semaphore *sem, int subclass);
void _down_write_nest_lock(struct rw_semaphore *sem, struct lockdep_map *nest);
#define down_write_nest_lock(sem, nest_lock)				\
do {									\
	typecheck(struct lockdep_map *, &(nest_lock)->dep_map);	\
	_down_write_nest_lock(sem, &(nest_lock)->dep_map);		\
} while (0)

/* A read hold released by another task (not tracked per task). */
void down_read_non_owner(struct rw_semaphore *sem);
void up_read_non_owner(struct rw_semaphore *sem);

#endif
