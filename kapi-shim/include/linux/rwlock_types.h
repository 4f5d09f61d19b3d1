/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_RWLOCK_TYPES_H
#define __LINUX_RWLOCK_TYPES_H

#include <linux/types.h>
#include <linux/lockdep_types.h>

struct task_struct;

/*
 * A spinning reader-writer lock.  @ksim_cnt: readers holding it, or -1
 * for a writer.  Readers are preferred, as the kernel's rwlock_t lets a
 * reader in while a writer waits (read_lock may nest in interrupts).
 * Contended lockers spin, then sleep on the @ksim_seq event counter.
 */
typedef struct {
	s32			ksim_cnt;
	u32			ksim_seq;
	u32			ksim_sleepers;
	struct task_struct	*owner;		/* the writer */
	struct lockdep_map	dep_map;
} rwlock_t;

#define RWLOCK_MAGIC		0xdeaf1eed

#define __RW_LOCK_UNLOCKED(lockname)				\
	(rwlock_t) { .ksim_cnt = 0, .owner = NULL,		\
		     .dep_map = { .name = #lockname,		\
				  .wait_type_inner = LD_WAIT_CONFIG } }
#define DEFINE_RWLOCK(x)	rwlock_t x = __RW_LOCK_UNLOCKED(x)

#endif
