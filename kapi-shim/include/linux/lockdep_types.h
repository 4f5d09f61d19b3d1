/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/lockdep_types.h - the lock class key and the per-lock map that every
 * lock type embeds as its dep_map member.
 *
 * ksim tracks, per task, which locks it holds (kapi-shim/locking/lockdep.c),
 * and orders lock classes in a graph (lockdep_graph.c): a class is a key
 * (one per init site) plus a subclass; the map caches its class.
 */
#ifndef __LINUX_LOCKDEP_TYPES_H
#define __LINUX_LOCKDEP_TYPES_H

#include <linux/types.h>

#define MAX_LOCKDEP_SUBCLASSES	8UL

/* The kernel's lock wait types (what a lock may be taken inside of). */
enum lockdep_wait_type {
	LD_WAIT_INV = 0,
	LD_WAIT_FREE,
	LD_WAIT_SPIN,
	LD_WAIT_CONFIG = LD_WAIT_SPIN,
	LD_WAIT_SLEEP,
	LD_WAIT_MAX,
};

enum lockdep_lock_type {
	LD_LOCK_NORMAL = 0,
	LD_LOCK_PERCPU,
	LD_LOCK_MAX,
};

/*
 * A lock class is named by the address of a key: a static key per init
 * site (mutex_init() and friends declare one), or the lock's own address
 * for statically defined locks (key NULL in the map).
 */
struct lock_class_key {
	unsigned long		ksim_subkeys[MAX_LOCKDEP_SUBCLASSES];
};

extern struct lock_class_key __lockdep_no_validate__;

struct lockdep_map {
	struct lock_class_key	*key;
	/* The lock-order checker's class cache (an epoch and a class id). */
	void			*ksim_class;
	const char		*name;
	u8			wait_type_outer;
	u8			wait_type_inner;
	u8			lock_type;
	u8			ksim_subclass;
};

#define STATIC_LOCKDEP_MAP_INIT(_name, _key) \
	{ .name = (_name), .key = (void *)(_key) }

/* What lock_is_held_type() answers. */
enum {
	LOCK_STATE_UNKNOWN = -1,
	LOCK_STATE_NOT_HELD = 0,
	LOCK_STATE_HELD = 1,
};

#endif
