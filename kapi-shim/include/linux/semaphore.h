/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/semaphore.h - counting semaphores.  No owner: any task may up().
 * down_trylock() returns 0 on success, as the kernel's does.
 * (kapi-shim/locking/semaphore.c)
 */
#ifndef __LINUX_SEMAPHORE_H
#define __LINUX_SEMAPHORE_H

#include <linux/types.h>
#include <linux/compiler.h>

/* @count: free slots; sleepers wait on the @ksim_seq event counter. */
struct semaphore {
	s32			count;
	u32			ksim_seq;
	u32			ksim_sleepers;
};

#define __SEMAPHORE_INITIALIZER(name, n)			\
{								\
	.count = (n), .ksim_seq = 0, .ksim_sleepers = 0,	\
}

/*
 * DEFINE_SEMAPHORE(name) is Linux 6.1's binary semaphore (count 1);
 * DEFINE_SEMAPHORE(name, n), the later form, is accepted too.
 */
#define __KSIM_SEM_PICK(_0, _1, n, ...) n
#define __KSIM_SEM_COUNT(...) __KSIM_SEM_PICK(_, ##__VA_ARGS__, __VA_ARGS__, 1)
#define DEFINE_SEMAPHORE(_name, ...)					\
	struct semaphore _name =					\
		__SEMAPHORE_INITIALIZER(_name, __KSIM_SEM_COUNT(__VA_ARGS__))

static inline void sema_init(struct semaphore *sem, int val)
{
	*sem = (struct semaphore)__SEMAPHORE_INITIALIZER(*sem, val);
}

void down(struct semaphore *sem);
/* 0, or -EINTR when a signal is pending while the task has to wait. */
int __must_check down_interruptible(struct semaphore *sem);
int __must_check down_killable(struct semaphore *sem);
/* 0 if acquired, 1 if not (the opposite of the spin/mutex trylocks). */
int __must_check down_trylock(struct semaphore *sem);
/* 0, or -ETIME after @timeout jiffies. */
int __must_check down_timeout(struct semaphore *sem, long timeout);
void up(struct semaphore *sem);

#endif
