// SPDX-License-Identifier: GPL-2.0
/*
 * rust/helpers.c - what the C API offers only as an inline function or a
 * macro, as real functions the kernel crate can call (Linux's
 * rust/helpers.c does the same).  Compiled freestanding, like a module,
 * and linked into every Rust module.  The lock class key comes from the
 * Rust side (one static per place a lock is created, as mutex_init's
 * hidden static is in C), so lockdep classes follow Rust call sites.
 */
#include <linux/completion.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

void rust_helper_mutex_init(struct mutex *lock, const char *name,
			    struct lock_class_key *key)
{
	__mutex_init(lock, name, key);
}

void rust_helper_spin_lock_init(spinlock_t *lock, const char *name,
				struct lock_class_key *key)
{
	__raw_spin_lock_init(spinlock_check(lock), name, key, LD_WAIT_CONFIG);
}

void rust_helper_spin_lock(spinlock_t *lock)
{
	spin_lock(lock);
}

void rust_helper_spin_unlock(spinlock_t *lock)
{
	spin_unlock(lock);
}

void rust_helper_init_work(struct work_struct *work, work_func_t func)
{
	INIT_WORK(work, func);
}

bool rust_helper_queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	return queue_work(wq, work);
}

void rust_helper_init_completion(struct completion *x)
{
	init_completion(x);
}

void rust_helper_might_sleep(const char *file, int line)
{
	__might_sleep(file, line);
}

/* copy_to_user()/copy_from_user(): inline in <linux/uaccess.h>. */
unsigned long rust_helper_copy_to_user(void __user *to, const void *from, unsigned long n)
{
	return copy_to_user(to, from, n);
}

unsigned long rust_helper_copy_from_user(void *to, const void __user *from, unsigned long n)
{
	return copy_from_user(to, from, n);
}

size_t rust_helper_iov_iter_count(const struct iov_iter *i)
{
	return iov_iter_count(i);
}

/* init_wait() is a macro: an autoremove entry for the current task. */
void rust_helper_init_wait(struct wait_queue_entry *wait)
{
	init_wait(wait);
}

bool rust_helper_signal_pending_current(void)
{
	return signal_pending(current);
}
