/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/workqueue.h - deferred work in process context.
 *
 * Each workqueue has its own pool of worker tasks ("kworker/u4:1",
 * "kworker/0:2H"; PF_WQ_WORKER set), created on demand up to max_active,
 * asleep when idle.  The kernel's guarantees hold: an item is never run by
 * two workers at once (re-queued while running, it runs again after),
 * ordered workqueues run one item at a time in queueing order, flushing
 * waits for everything queued before it, work functions run with no locks
 * held and may sleep.  (kernel/workqueue.c)
 */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/container_of.h>
#include <linux/timer.h>
#include <linux/lockdep_types.h>

struct workqueue_struct;
struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);
void delayed_work_timer_fn(struct timer_list *t);

/* work_struct.data bits. */
enum {
	WORK_STRUCT_PENDING_BIT	= 0,	/* queued, or its delay timer armed */
	WORK_STRUCT_PENDING	= 1 << WORK_STRUCT_PENDING_BIT,
	WORK_STRUCT_KSIM_CANCELING = 1 << 1,	/* a cancel_*_sync() owns it */

	WORK_CPU_UNBOUND	= CONFIG_NR_CPUS,

	WORK_BUSY_PENDING	= 1 << 0,
	WORK_BUSY_RUNNING	= 1 << 1,

	/* Longest workqueue name kept (the rest is cut). */
	WQ_NAME_LEN		= 24,
};

struct work_struct {
	atomic_long_t		data;
	struct list_head	entry;
	work_func_t		func;
	/* ksim: where and as which instance it was last queued. */
	struct workqueue_struct	*ksim_wq;
	u64			ksim_seq;
	/*
	 * As CONFIG_LOCKDEP's: the worker "holds" it while the function runs
	 * and flush_work()/cancel_work_sync() "take" it, so flushing a work
	 * item while holding a lock its function takes is an order inversion.
	 */
	struct lockdep_map	lockdep_map;
};

#define WORK_DATA_INIT()	ATOMIC_LONG_INIT(0)
#define WORK_DATA_STATIC_INIT()	ATOMIC_LONG_INIT(0)

struct delayed_work {
	struct work_struct	work;
	struct timer_list	timer;
	/* The target of the queueing once the timer fires. */
	struct workqueue_struct	*wq;
	int			cpu;
};

static inline struct delayed_work *to_delayed_work(struct work_struct *work)
{
	return container_of(work, struct delayed_work, work);
}

#define __WORK_INITIALIZER(n, f) {					\
	.data = WORK_DATA_STATIC_INIT(),				\
	.entry	= { &(n).entry, &(n).entry },				\
	.func = (f),							\
	.lockdep_map = STATIC_LOCKDEP_MAP_INIT("(work_completion)"#n, &(n).lockdep_map), \
	}

#define __DELAYED_WORK_INITIALIZER(n, f, tflags) {			\
	.work = __WORK_INITIALIZER((n).work, (f)),			\
	.timer = __TIMER_INITIALIZER(delayed_work_timer_fn,		\
				     (tflags) | TIMER_IRQSAFE),		\
	}

#define DECLARE_WORK(n, f)						\
	struct work_struct n = __WORK_INITIALIZER(n, f)
#define DECLARE_DELAYED_WORK(n, f)					\
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, 0)
#define DECLARE_DEFERRABLE_WORK(n, f)					\
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, TIMER_DEFERRABLE)

static inline void __ksim_init_work(struct work_struct *work, work_func_t func)
{
	atomic_long_set(&work->data, 0);
	INIT_LIST_HEAD(&work->entry);
	work->func = func;
	work->ksim_wq = NULL;
	work->ksim_seq = 0;
}

void lockdep_init_map_type(struct lockdep_map *lock, const char *name,
			   struct lock_class_key *key, int subclass,
			   u8 inner, u8 outer, u8 lock_type);
/* One lock class per INIT_WORK() site, named as the kernel names it. */
#define __INIT_WORK(_work, _func, _onstack)				\
	do {								\
		static struct lock_class_key __key;			\
									\
		__ksim_init_work((_work), (_func));			\
		lockdep_init_map_type(&(_work)->lockdep_map,		\
				      "(work_completion)"#_work, &__key, \
				      0, 0, 0, 0);			\
	} while (0)
#define INIT_WORK(_work, _func)			__INIT_WORK((_work), (_func), 0)
#define INIT_WORK_ONSTACK(_work, _func)		__INIT_WORK((_work), (_func), 1)

#define __INIT_DELAYED_WORK(_work, _func, _tflags)			\
	do {								\
		INIT_WORK(&(_work)->work, (_func));			\
		__init_timer(&(_work)->timer, delayed_work_timer_fn,	\
			     (_tflags) | TIMER_IRQSAFE);		\
		(_work)->wq = NULL;					\
		(_work)->cpu = 0;					\
	} while (0)

#define INIT_DELAYED_WORK(_work, _func)				\
	__INIT_DELAYED_WORK(_work, _func, 0)
#define INIT_DELAYED_WORK_ONSTACK(_work, _func)			\
	__INIT_DELAYED_WORK(_work, _func, 0)
#define INIT_DEFERRABLE_WORK(_work, _func)			\
	__INIT_DELAYED_WORK(_work, _func, TIMER_DEFERRABLE)
#define INIT_DEFERRABLE_WORK_ONSTACK(_work, _func)		\
	__INIT_DELAYED_WORK(_work, _func, TIMER_DEFERRABLE)

static inline void destroy_work_on_stack(struct work_struct *work)
{
}

static inline void destroy_delayed_work_on_stack(struct delayed_work *work)
{
}

#define work_data_bits(work) ((unsigned long *)(&(work)->data.counter))
#define work_pending(work)						\
	((atomic_long_read(&(work)->data) & WORK_STRUCT_PENDING) != 0)
#define delayed_work_pending(w)	work_pending(&(w)->work)

/* alloc_workqueue() flags, as the kernel numbers them. */
enum {
	WQ_UNBOUND		= 1 << 1,
	WQ_FREEZABLE		= 1 << 2,
	WQ_MEM_RECLAIM		= 1 << 3,
	WQ_HIGHPRI		= 1 << 4,
	WQ_CPU_INTENSIVE	= 1 << 5,
	WQ_SYSFS		= 1 << 6,
	WQ_POWER_EFFICIENT	= 1 << 7,

	__WQ_DRAINING		= 1 << 16,
	__WQ_ORDERED		= 1 << 17,
	__WQ_LEGACY		= 1 << 18,
	__WQ_ORDERED_EXPLICIT	= 1 << 19,

	WQ_MAX_ACTIVE		= 512,
	WQ_MAX_UNBOUND_PER_CPU	= 4,
	WQ_DFL_ACTIVE		= WQ_MAX_ACTIVE / 2,
};

extern struct workqueue_struct *system_wq;
extern struct workqueue_struct *system_highpri_wq;
extern struct workqueue_struct *system_long_wq;
extern struct workqueue_struct *system_unbound_wq;
extern struct workqueue_struct *system_freezable_wq;
extern struct workqueue_struct *system_power_efficient_wq;
extern struct workqueue_struct *system_freezable_power_efficient_wq;

/*
 * alloc_workqueue - a workqueue named printf-style running at most
 * @max_active items at once (0: the default, 256).  NULL on failure.
 */
__printf(1, 4) struct workqueue_struct *
alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...);

#define alloc_ordered_workqueue(fmt, flags, args...)			\
	alloc_workqueue(fmt, WQ_UNBOUND | __WQ_ORDERED |		\
			__WQ_ORDERED_EXPLICIT | (flags), 1, ##args)
#define create_workqueue(name)						\
	alloc_workqueue("%s", __WQ_LEGACY | WQ_MEM_RECLAIM, 1, (name))
#define create_freezable_workqueue(name)				\
	alloc_workqueue("%s", __WQ_LEGACY | WQ_FREEZABLE | WQ_UNBOUND |	\
			WQ_MEM_RECLAIM, 1, (name))
#define create_singlethread_workqueue(name)				\
	alloc_ordered_workqueue("%s", __WQ_LEGACY | WQ_MEM_RECLAIM, name)

void destroy_workqueue(struct workqueue_struct *wq);

bool queue_work_on(int cpu, struct workqueue_struct *wq,
		   struct work_struct *work);
bool queue_work_node(int node, struct workqueue_struct *wq,
		     struct work_struct *work);
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq,
			   struct delayed_work *work, unsigned long delay);
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq,
			 struct delayed_work *dwork, unsigned long delay);

void __flush_workqueue(struct workqueue_struct *wq);
void drain_workqueue(struct workqueue_struct *wq);

bool flush_work(struct work_struct *work);
bool cancel_work(struct work_struct *work);
bool cancel_work_sync(struct work_struct *work);
bool flush_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work_sync(struct delayed_work *dwork);

void workqueue_set_max_active(struct workqueue_struct *wq, int max_active);
struct work_struct *current_work(void);
bool current_is_workqueue_rescuer(void);
bool workqueue_congested(int cpu, struct workqueue_struct *wq);
unsigned int work_busy(struct work_struct *work);

/* flush_workqueue - wait for every item queued on @wq before the call. */
#define flush_workqueue(wq)	__flush_workqueue(wq)
/* Deprecated in the kernel (it waits for everyone's work); still works. */
#define flush_scheduled_work()	__flush_workqueue(system_wq)

/* queue_work - queue @work on @wq; false if it was already pending. */
static inline bool queue_work(struct workqueue_struct *wq,
			      struct work_struct *work)
{
	return queue_work_on(WORK_CPU_UNBOUND, wq, work);
}

/* queue_delayed_work - queue @dwork after @delay jiffies (0: now). */
static inline bool queue_delayed_work(struct workqueue_struct *wq,
				      struct delayed_work *dwork,
				      unsigned long delay)
{
	return queue_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}

/* mod_delayed_work - (re)queue @dwork to run @delay jiffies from now. */
static inline bool mod_delayed_work(struct workqueue_struct *wq,
				    struct delayed_work *dwork,
				    unsigned long delay)
{
	return mod_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}

static inline bool schedule_work_on(int cpu, struct work_struct *work)
{
	return queue_work_on(cpu, system_wq, work);
}

static inline bool schedule_work(struct work_struct *work)
{
	return queue_work(system_wq, work);
}

static inline bool schedule_delayed_work_on(int cpu, struct delayed_work *dwork,
					    unsigned long delay)
{
	return queue_delayed_work_on(cpu, system_wq, dwork, delay);
}

static inline bool schedule_delayed_work(struct delayed_work *dwork,
					 unsigned long delay)
{
	return queue_delayed_work(system_wq, dwork, delay);
}

/* There is one memory node and CPUs are not pinned: run it right here. */
static inline long work_on_cpu(int cpu, long (*fn)(void *), void *arg)
{
	return fn(arg);
}

#define work_on_cpu_safe(cpu, fn, arg)	work_on_cpu(cpu, fn, arg)

#endif
