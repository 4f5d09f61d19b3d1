// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/kthread.c - kernel threads on ksim tasks.
 *
 * kthread_create() starts a ksim task that marks itself PF_KTHREAD, goes
 * to sleep in TASK_UNINTERRUPTIBLE and only then lets the creator return,
 * so the thread function never runs before the first wake_up_process().
 * The creator's task_struct reference (from ksim_task_create) is kept in
 * struct kthread until kthread_stop(), which is what makes kthread_stop()
 * on a thread that already returned safe, as the kernel's is.
 *
 * struct kthread comes from the host allocator, not kmalloc: in the kernel
 * it belongs to the task, and a thread that simply returns leaks nothing,
 * so charging it to the driver's call site would report false leaks.
 * Threads that returned without being stopped are reaped at shutdown.
 */
#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/err.h>
#include <linux/string.h>
#include <linux/export.h>

#include <stdio.h>

#include "internal.h"
#include "sim/host.h"
#include "kernel/ksim_time_internal.h"

enum {
	KTHREAD_SHOULD_STOP	= 1 << 0,
	KTHREAD_SHOULD_PARK	= 1 << 1,
	KTHREAD_IS_PER_CPU	= 1 << 2,
};

struct kthread {
	unsigned long		flags;		/* KTHREAD_*, atomic */
	int			(*threadfn)(void *data);
	void			*data;
	int			result;
	unsigned int		cpu;
	struct task_struct	*task;
	/* State the creator and stoppers wait for; @event bumps on change. */
	u32			event;
	bool			started;	/* set up and asleep */
	bool			parked;		/* inside kthread_parkme() */
	bool			exited;		/* threadfn returned */
	struct list_head	node;		/* all_kthreads */
};

static struct ksim_lock kthreads_lock = KSIM_LOCK_INIT;
static LIST_HEAD(all_kthreads);

static struct kthread *to_kthread(struct task_struct *k)
{
	return k ? READ_ONCE(k->ksim_kthread) : NULL;
}

static bool test_flag(struct kthread *kt, unsigned long flag)
{
	return __atomic_load_n(&kt->flags, __ATOMIC_ACQUIRE) & flag;
}

static void set_flag(struct kthread *kt, unsigned long flag)
{
	__atomic_fetch_or(&kt->flags, flag, __ATOMIC_SEQ_CST);
}

static void clear_flag(struct kthread *kt, unsigned long flag)
{
	__atomic_fetch_and(&kt->flags, ~flag, __ATOMIC_SEQ_CST);
}

/* Publish a state change (the bool store) to whoever waits on @event. */
static void kthread_event(struct kthread *kt, bool *field, bool value)
{
	__atomic_store_n(field, value, __ATOMIC_RELEASE);
	__atomic_add_fetch(&kt->event, 1, __ATOMIC_RELEASE);
	ksim_host->wake(&kt->event, INT32_MAX);
}

/* Wait until @field is true or the thread has exited. */
static void kthread_wait_for(struct kthread *kt, bool *field)
{
	for (;;) {
		u32 seq = __atomic_load_n(&kt->event, __ATOMIC_ACQUIRE);

		if (__atomic_load_n(field, __ATOMIC_ACQUIRE) ||
		    __atomic_load_n(&kt->exited, __ATOMIC_ACQUIRE))
			return;
		ksim_host->wait(&kt->event, seq, KSIM_HOST_FOREVER);
	}
}

static void __kthread_parkme(struct kthread *self)
{
	for (;;) {
		/* State first, then the test: an unpark in between wakes us. */
		set_current_state(TASK_PARKED);
		if (!test_flag(self, KTHREAD_SHOULD_PARK))
			break;
		kthread_event(self, &self->parked, true);
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

static int kthread_main(void *arg)
{
	struct kthread *self = arg;
	struct task_struct *tsk = current;
	int ret = -EINTR;

	tsk->flags |= PF_KTHREAD;
	WRITE_ONCE(tsk->ksim_kthread, self);
	/* Asleep before the creator can return and wake us. */
	__set_current_state(TASK_UNINTERRUPTIBLE);
	kthread_event(self, &self->started, true);
	schedule();

	/* Stopped before ever woken: the function does not run at all. */
	if (!test_flag(self, KTHREAD_SHOULD_STOP)) {
		__kthread_parkme(self);
		ret = self->threadfn(self->data);
	}
	self->result = ret;
	kthread_event(self, &self->exited, true);
	return 0;
}

static struct task_struct *__kthread_create(int (*threadfn)(void *data),
					    void *data, const char *name)
{
	struct task_struct *task;
	struct kthread *kt;

	kt = ksim_host->mem_alloc(sizeof(*kt), 0);
	if (!kt)
		return ERR_PTR(-ENOMEM);
	memset(kt, 0, sizeof(*kt));
	kt->threadfn = threadfn;
	kt->data = data;
	INIT_LIST_HEAD(&kt->node);

	task = ksim_task_create(kthread_main, kt, name);
	if (IS_ERR(task)) {
		ksim_host->mem_free(kt);
		return task;
	}
	kt->task = task;
	kthread_wait_for(kt, &kt->started);

	ksim_lock(&kthreads_lock);
	list_add_tail(&kt->node, &all_kthreads);
	ksim_unlock(&kthreads_lock);
	return task;
}

struct task_struct *kthread_create_on_node(int (*threadfn)(void *data),
					   void *data, int node,
					   const char namefmt[], ...)
{
	char name[64];
	va_list args;

	might_sleep();
	va_start(args, namefmt);
	vsnprintf(name, sizeof(name), namefmt, args);
	va_end(args);
	return __kthread_create(threadfn, data, name);
}
EXPORT_SYMBOL(kthread_create_on_node);

struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data),
					  void *data, unsigned int cpu,
					  const char *namefmt)
{
	struct task_struct *p;
	char name[64];

	might_sleep();
	/* namefmt takes the cpu number, e.g. "mythread/%u". */
	snprintf(name, sizeof(name), namefmt, cpu);
	p = __kthread_create(threadfn, data, name);
	if (IS_ERR(p))
		return p;
	kthread_bind(p, cpu);
	kthread_set_per_cpu(p, cpu);
	return p;
}
EXPORT_SYMBOL(kthread_create_on_cpu);

void kthread_bind(struct task_struct *k, unsigned int cpu)
{
	struct kthread *kt = to_kthread(k);

	if (kt)
		kt->cpu = cpu;
}
EXPORT_SYMBOL(kthread_bind);

void kthread_bind_mask(struct task_struct *k, const void *mask)
{
}
EXPORT_SYMBOL(kthread_bind_mask);

void kthread_set_per_cpu(struct task_struct *k, int cpu)
{
	struct kthread *kt = to_kthread(k);

	if (!kt)
		return;
	if (cpu < 0) {
		clear_flag(kt, KTHREAD_IS_PER_CPU);
		return;
	}
	kt->cpu = cpu;
	set_flag(kt, KTHREAD_IS_PER_CPU);
}

bool kthread_is_per_cpu(struct task_struct *k)
{
	struct kthread *kt = to_kthread(k);

	return kt && test_flag(kt, KTHREAD_IS_PER_CPU);
}

bool kthread_should_stop(void)
{
	struct kthread *kt = to_kthread(current);

	return kt && test_flag(kt, KTHREAD_SHOULD_STOP);
}
EXPORT_SYMBOL(kthread_should_stop);

bool kthread_should_park(void)
{
	struct kthread *kt = to_kthread(current);

	return kt && test_flag(kt, KTHREAD_SHOULD_PARK);
}
EXPORT_SYMBOL_GPL(kthread_should_park);

bool kthread_should_stop_or_park(void)
{
	struct kthread *kt = to_kthread(current);

	return kt && test_flag(kt, KTHREAD_SHOULD_STOP | KTHREAD_SHOULD_PARK);
}

/* ksim has no freezer: never frozen. */
bool kthread_freezable_should_stop(bool *was_frozen)
{
	if (was_frozen)
		*was_frozen = false;
	return kthread_should_stop();
}
EXPORT_SYMBOL_GPL(kthread_freezable_should_stop);

void *kthread_func(struct task_struct *k)
{
	struct kthread *kt = to_kthread(k);

	return kt ? (void *)kt->threadfn : NULL;
}
EXPORT_SYMBOL_GPL(kthread_func);

void *kthread_data(struct task_struct *k)
{
	struct kthread *kt = to_kthread(k);

	return kt ? kt->data : NULL;
}
EXPORT_SYMBOL_GPL(kthread_data);

void *kthread_probe_data(struct task_struct *k)
{
	return kthread_data(k);
}

void kthread_parkme(void)
{
	struct kthread *kt = to_kthread(current);

	if (WARN_ON_ONCE(!kt))
		return;
	__kthread_parkme(kt);
}
EXPORT_SYMBOL_GPL(kthread_parkme);

int kthread_park(struct task_struct *k)
{
	struct kthread *kt = to_kthread(k);

	if (WARN_ON(!kt || READ_ONCE(kt->exited)))
		return -ENOSYS;
	if (WARN_ON_ONCE(test_flag(kt, KTHREAD_SHOULD_PARK)))
		return -EBUSY;
	set_flag(kt, KTHREAD_SHOULD_PARK);
	if (k != current) {
		wake_up_process(k);
		kthread_wait_for(kt, &kt->parked);
	}
	return 0;
}
EXPORT_SYMBOL_GPL(kthread_park);

void kthread_unpark(struct task_struct *k)
{
	struct kthread *kt = to_kthread(k);

	if (!kt || !test_flag(kt, KTHREAD_SHOULD_PARK))
		return;
	__atomic_store_n(&kt->parked, false, __ATOMIC_RELEASE);
	clear_flag(kt, KTHREAD_SHOULD_PARK);
	wake_up_state(k, TASK_PARKED);
}
EXPORT_SYMBOL_GPL(kthread_unpark);

/* Drop the creator's hold on an exited, unlisted kthread. */
static void kthread_release(struct kthread *kt)
{
	struct task_struct *k = kt->task;

	ksim_task_join(k);
	WRITE_ONCE(k->ksim_kthread, NULL);
	put_task_struct(k);
	ksim_host->mem_free(kt);
}

int kthread_stop(struct task_struct *k)
{
	struct kthread *kt = to_kthread(k);
	int ret;

	might_sleep();
	if (WARN_ON(!kt))
		return -EINVAL;
	if (WARN_ON(k == current))
		return -EDEADLK;
	set_flag(kt, KTHREAD_SHOULD_STOP);
	kthread_unpark(k);
	wake_up_process(k);
	kthread_wait_for(kt, &kt->exited);
	ret = kt->result;
	ksim_lock(&kthreads_lock);
	list_del(&kt->node);
	ksim_unlock(&kthreads_lock);
	kthread_release(kt);
	return ret;
}
EXPORT_SYMBOL(kthread_stop);

/*
 * Shutdown: free the threads whose function returned but which nobody
 * stopped.  One still running has no way to be told to end; it is left
 * alone (with a line in the log) rather than waited for forever.
 */
void ksim_kthreads_exit(void)
{
	struct kthread *kt, *tmp;
	LIST_HEAD(done);

	ksim_lock(&kthreads_lock);
	list_for_each_entry_safe(kt, tmp, &all_kthreads, node) {
		if (__atomic_load_n(&kt->exited, __ATOMIC_ACQUIRE))
			list_move_tail(&kt->node, &done);
		else
			pr_warn("kthread %s/%d still running at shutdown\n",
				kt->task->comm, kt->task->pid);
	}
	ksim_unlock(&kthreads_lock);
	list_for_each_entry_safe(kt, tmp, &done, node) {
		list_del(&kt->node);
		kthread_release(kt);
	}
}
