/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/kthread.h - kernel threads.  Each kthread is a ksim task of its
 * own (a host thread) with PF_KTHREAD set.  As in the kernel, a created
 * thread sleeps until the first wake_up_process(); kthread_stop() asks it
 * to stop, waits for it and returns what its function returned (-EINTR if
 * it never ran).  (kernel/kthread.c)
 */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include <linux/types.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/numa.h>
#include <linux/list.h>

__printf(4, 5)
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data),
					   void *data, int node,
					   const char namefmt[], ...);

/* kthread_create - a sleeping kthread named printf-style; wake it to run. */
#define kthread_create(threadfn, data, namefmt, arg...) \
	kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, ##arg)

struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data),
					  void *data, unsigned int cpu,
					  const char *namefmt);

/* kthread_run - create and wake; ERR_PTR on failure. */
#define kthread_run(threadfn, data, namefmt, ...)			   \
({									   \
	struct task_struct *__k						   \
		= kthread_create(threadfn, data, namefmt, ## __VA_ARGS__); \
	if (!IS_ERR(__k))						   \
		wake_up_process(__k);					   \
	__k;								   \
})

#define kthread_run_on_cpu(threadfn, data, cpu, namefmt)		   \
({									   \
	struct task_struct *__k						   \
		= kthread_create_on_cpu(threadfn, data, cpu, namefmt);	   \
	if (!IS_ERR(__k))						   \
		wake_up_process(__k);					   \
	__k;								   \
})

void kthread_bind(struct task_struct *k, unsigned int cpu);
void kthread_bind_mask(struct task_struct *k, const void *mask);
int kthread_stop(struct task_struct *k);
bool kthread_should_stop(void);
bool kthread_should_park(void);
bool kthread_should_stop_or_park(void);
bool kthread_freezable_should_stop(bool *was_frozen);
void *kthread_func(struct task_struct *k);
void *kthread_data(struct task_struct *k);
void *kthread_probe_data(struct task_struct *k);
int kthread_park(struct task_struct *k);
void kthread_unpark(struct task_struct *k);
void kthread_parkme(void);
void kthread_set_per_cpu(struct task_struct *k, int cpu);
bool kthread_is_per_cpu(struct task_struct *k);

#endif
