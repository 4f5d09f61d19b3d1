/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/lockdep.h - lock validator annotations.
 *
 * Every ksim lock records, in its dep_map, a name and a class key per init
 * site, and each task keeps a stack of the locks it holds.  That makes these
 * real checks:
 *  - lockdep_assert_held(l) WARNs unless the current task holds @l (in any
 *    mode); _write/_read narrow the mode; lockdep_assert_not_held() WARNs if
 *    it does.
 *  - taking a mutex, spinlock or rwsem for write that the current task
 *    already holds prints "possible recursive locking detected" and panics;
 *  - lock order: classes (one per init site, or per static lock) and the
 *    dependency graph; the first inversion prints "possible circular
 *    locking dependency detected" with both chains (lockdep_graph.c).
 *    might_lock() and the _nested subclasses take part as in the kernel.
 * (kapi-shim/locking/lockdep.c, lockdep_graph.c)
 */
#ifndef __LINUX_LOCKDEP_H
#define __LINUX_LOCKDEP_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bug.h>
#include <linux/lockdep_types.h>

#define MAX_LOCK_DEPTH		48UL
#define SINGLE_DEPTH_NESTING	1

/* Set to 0 after a locking report turned checking off (as the kernel's). */
extern int debug_locks;
extern int debug_locks_silent;

void lockdep_init_map_type(struct lockdep_map *lock, const char *name,
			   struct lock_class_key *key, int subclass,
			   u8 inner, u8 outer, u8 lock_type);

static inline void lockdep_init_map_waits(struct lockdep_map *lock,
					  const char *name,
					  struct lock_class_key *key,
					  int subclass, u8 inner, u8 outer)
{
	lockdep_init_map_type(lock, name, key, subclass, inner, outer,
			      LD_LOCK_NORMAL);
}

static inline void lockdep_init_map_wait(struct lockdep_map *lock,
					 const char *name,
					 struct lock_class_key *key,
					 int subclass, u8 inner)
{
	lockdep_init_map_waits(lock, name, key, subclass, inner, LD_WAIT_INV);
}

static inline void lockdep_init_map(struct lockdep_map *lock, const char *name,
				    struct lock_class_key *key, int subclass)
{
	lockdep_init_map_wait(lock, name, key, subclass, LD_WAIT_INV);
}

/* Give a lock another class (and name); @lock is the lock, not its map. */
#define lockdep_set_class(lock, key)					\
	lockdep_init_map_type(&(lock)->dep_map, #key, key, 0,		\
			      (lock)->dep_map.wait_type_inner,		\
			      (lock)->dep_map.wait_type_outer,		\
			      (lock)->dep_map.lock_type)
#define lockdep_set_class_and_name(lock, key, name)			\
	lockdep_init_map_type(&(lock)->dep_map, name, key, 0,		\
			      (lock)->dep_map.wait_type_inner,		\
			      (lock)->dep_map.wait_type_outer,		\
			      (lock)->dep_map.lock_type)
#define lockdep_set_class_and_subclass(lock, key, sub)			\
	lockdep_init_map_type(&(lock)->dep_map, #key, key, sub,		\
			      (lock)->dep_map.wait_type_inner,		\
			      (lock)->dep_map.wait_type_outer,		\
			      (lock)->dep_map.lock_type)
#define lockdep_set_subclass(lock, sub)					\
	lockdep_init_map_type(&(lock)->dep_map, (lock)->dep_map.name,	\
			      (lock)->dep_map.key, sub,			\
			      (lock)->dep_map.wait_type_inner,		\
			      (lock)->dep_map.wait_type_outer,		\
			      (lock)->dep_map.lock_type)
#define lockdep_set_novalidate_class(lock) \
	lockdep_set_class_and_name(lock, &__lockdep_no_validate__, #lock)
#define lockdep_match_class(lock, key)	((lock)->dep_map.key == (key))

void lockdep_register_key(struct lock_class_key *key);
void lockdep_unregister_key(struct lock_class_key *key);

/*
 * The acquire/release hooks every lock calls.  @read: 0 exclusive, 1
 * shared, 2 shared-recursive; @trylock: the acquisition could not block.
 */
void lock_acquire(struct lockdep_map *lock, unsigned int subclass,
		  int trylock, int read, int check,
		  struct lockdep_map *nest_lock, unsigned long ip);
void lock_release(struct lockdep_map *lock, unsigned long ip);
/*
 * Whether the current task holds @lock: @read -1 any mode, 0 exclusive,
 * 1 shared.  LOCK_STATE_UNKNOWN (treated as held) while lockdep is off.
 */
int lock_is_held_type(const struct lockdep_map *lock, int read);

static inline int lock_is_held(const struct lockdep_map *lock)
{
	return lock_is_held_type(lock, -1);
}

#define lockdep_is_held(lock)		lock_is_held(&(lock)->dep_map)
#define lockdep_is_held_type(lock, r)	lock_is_held_type(&(lock)->dep_map, (r))

/* Stop / resume tracking for the current task (nests). */
void lockdep_off(void);
void lockdep_on(void);
/* Number of locks the current task holds. */
int lockdep_depth_ksim(void);
#define lockdep_depth(tsk)	lockdep_depth_ksim()
/* Print the locks the current task holds. */
void lockdep_print_held_locks_ksim(void);
void debug_show_all_locks(void);
void debug_check_no_locks_held(void);

#define lockdep_assert(cond)		WARN_ON(debug_locks && !(cond))
#define lockdep_assert_once(cond)	WARN_ON_ONCE(debug_locks && !(cond))

#define lockdep_assert_held(l) \
	lockdep_assert(lockdep_is_held(l) != LOCK_STATE_NOT_HELD)
#define lockdep_assert_not_held(l) \
	lockdep_assert(lockdep_is_held(l) != LOCK_STATE_HELD)
#define lockdep_assert_held_write(l) \
	lockdep_assert(lockdep_is_held_type(l, 0) != LOCK_STATE_NOT_HELD)
#define lockdep_assert_held_read(l) \
	lockdep_assert(lockdep_is_held_type(l, 1) != LOCK_STATE_NOT_HELD)
#define lockdep_assert_held_once(l) \
	lockdep_assert_once(lockdep_is_held(l) != LOCK_STATE_NOT_HELD)
#define lockdep_assert_none_held_once() \
	lockdep_assert_once(!lockdep_depth_ksim())

/* Pinning protects a held lock from being dropped; nothing to enforce yet. */
struct pin_cookie { unsigned int val; };
#define NIL_COOKIE (struct pin_cookie){ .val = 0U, }
#define lockdep_pin_lock(l)		({ struct pin_cookie __c = NIL_COOKIE; (void)(l); __c; })
#define lockdep_repin_lock(l, c)	do { (void)(l); (void)(c); } while (0)
#define lockdep_unpin_lock(l, c)	do { (void)(l); (void)(c); } while (0)

#define lockdep_recursing(tsk)		0
#define lockdep_init()			do { } while (0)
#define lockdep_set_selftest_task(t)	do { } while (0)
#define lockdep_assert_RT_in_threaded_ctx() do { } while (0)
#define lockdep_assert_in_softirq()	do { } while (0)
#define lockdep_assert_preemption_enabled() do { } while (0)
#define lockdep_assert_preemption_disabled() do { } while (0)

/* Record the order as if @lock were taken here, without taking it. */
#define might_lock(lock)						\
	do {								\
		lock_acquire(&(lock)->dep_map, 0, 0, 0, 1, NULL, _THIS_IP_); \
		lock_release(&(lock)->dep_map, _THIS_IP_);		\
	} while (0)
#define might_lock_read(lock)						\
	do {								\
		lock_acquire(&(lock)->dep_map, 0, 0, 1, 1, NULL, _THIS_IP_); \
		lock_release(&(lock)->dep_map, _THIS_IP_);		\
	} while (0)
#define might_lock_nested(lock, sub)					\
	do {								\
		lock_acquire(&(lock)->dep_map, sub, 0, 0, 1, NULL, _THIS_IP_); \
		lock_release(&(lock)->dep_map, _THIS_IP_);		\
	} while (0)

/* Annotating a pseudo-lock (a "map" with no lock behind it). */
#define lock_map_acquire(l)		lock_acquire(l, 0, 0, 0, 1, NULL, _THIS_IP_)
#define lock_map_acquire_read(l)	lock_acquire(l, 0, 0, 2, 1, NULL, _THIS_IP_)
#define lock_map_acquire_tryread(l)	lock_acquire(l, 0, 1, 2, 1, NULL, _THIS_IP_)
#define lock_map_release(l)		lock_release(l, _THIS_IP_)

#define STATIC_LOCKDEP_MAP_INIT_KSIM(name) STATIC_LOCKDEP_MAP_INIT(name, NULL)

#endif
