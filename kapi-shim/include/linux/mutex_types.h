/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_MUTEX_TYPES_H
#define __LINUX_MUTEX_TYPES_H

#include <linux/types.h>
#include <linux/lockdep_types.h>

struct task_struct;

/*
 * A sleeping lock with an owner.  @ksim_word is a futex word (0 free, 1
 * locked, 2 locked with sleepers); @owner is written by the holder after
 * it took the word and cleared before it lets go, so a task that finds
 * itself there really holds the mutex.
 */
struct mutex {
	u32			ksim_word;
	struct task_struct	*owner;
	struct lockdep_map	dep_map;
};

#endif
