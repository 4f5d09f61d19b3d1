/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kapi-shim/internal.h - what the shim's own parts call in each other.  Not
 * for drivers, sim/ or tests (they use <ksim/...> headers).
 */
#ifndef _KAPI_SHIM_INTERNAL_H
#define _KAPI_SHIM_INTERNAL_H

#include <linux/types.h>

struct module;
struct task_struct;
struct ksim_boot_params;

/*
 * Boot and shutdown hooks, run by kernel/boot.c in this order (and
 * shutdown in reverse).  Each returns 0 or -errno.
 */
int ksim_printk_init(const struct ksim_boot_params *params);	/* kernel/printk/ */
/*
 * Counts the boots in this process (kernel/boot.c): state a kernel keeps in
 * static storage that a fresh kernel starts without (a ratelimit's counts)
 * is started over when it was last touched in an earlier boot.
 */
extern unsigned int ksim_boot_seq;
int ksim_sched_init(void);					/* kernel/sched/ */
int ksim_mm_init(void);						/* mm/ */
int ksim_timers_init(void);					/* kernel/time/ */
int ksim_hrtimers_init(void);				/* kernel/time/hrtimer.c */
int ksim_workqueue_init(void);					/* kernel/workqueue.c */
/* kernel/reboot.c: run the reboot notifiers with SYS_POWER_OFF etc. */
void ksim_reboot_notify(unsigned long code);
void ksim_pci_exit(void);		/* drivers/pci: unplug what is left */
void ksim_workqueue_exit(void);
void ksim_rcu_exit(void);		/* locking/rcupdate.c: run queued callbacks */
void ksim_timers_exit(void);
void ksim_hrtimers_exit(void);
/* Report (kmemleak style) every allocation still live, then forget them. */
void ksim_mm_exit(void);
void ksim_sched_exit(void);

/*
 * Tasks (kernel/sched/core.c).  ksim_task_create() makes a task_struct and
 * starts a host task running fn(arg) as that task; the task ends when fn
 * returns.  The new task holds one reference; the creator gets another,
 * dropped with put_task_struct() after ksim_task_join() (the kthread code
 * uses this for kthread_stop).
 */
struct task_struct *ksim_task_create(int (*fn)(void *arg), void *arg,
				     const char *name);
/* Wait until the task's function has returned. */
void ksim_task_join(struct task_struct *task);
/*
 * A task with no host thread (a simulated user process: fs/ksim_user.c),
 * one reference; ksim_task_enter() makes the calling host thread run as
 * @p and returns the task it ran as before, for ksim_task_leave().
 */
struct task_struct *ksim_task_alloc_detached(const char *name);
struct task_struct *ksim_task_enter(struct task_struct *p);
void ksim_task_leave(struct task_struct *prev);

/* Modules (kernel/module/main.c). */
/* The module whose mapping holds @addr, or NULL (the shim, libc, a test). */
struct module *ksim_module_of(unsigned long addr);
/*
 * Called with @mod after its exit function ran (or its init failed), before
 * it is unmapped: report what it left behind and defuse it, so nothing calls
 * into unmapped code.  (mm/kmemleak, kernel/time/timer.c, kernel/workqueue.c)
 */
void ksim_kmemleak_module_unload(struct module *mod);
/*
 * Per KUnit test case (lib/kunit): the allocation sequence number now, and
 * a kmemleak report of every allocation @mod made after @seq that is
 * still live.  Returns how many were reported.  (mm/kmemleak.c)
 */
u64 ksim_kmemleak_seq(void);
size_t ksim_kmemleak_report_since(struct module *mod, u64 seq);
void ksim_timers_module_unload(struct module *mod);
void ksim_hrtimers_module_unload(struct module *mod);
void ksim_workqueue_module_unload(struct module *mod);
void ksim_pci_module_unload(struct module *mod);	/* drivers/pci/bus.c */
/* fs/ksim_user.c: misc devices, cdevs, debugfs and /proc entries left behind. */
void ksim_fs_module_unload(struct module *mod);
/*
 * Lockdep (locking/lockdep.c, lockdep_graph.c): report the locks the
 * current task still holds as the kernel does when a task returns to user
 * space, and forget them (true if there were any); forget the lock classes
 * whose keys lie in [start, end) (a module's image going away); free the
 * graph at shutdown.
 */
bool ksim_lockdep_sys_exit(void);
void ksim_lockdep_free_key_range(unsigned long start, unsigned long end);
void ksim_lockdep_graph_exit(void);
/* Whether the allocation made from @caller in @mod must fail (failslab). */
bool ksim_should_failslab(size_t size, gfp_t flags, unsigned long caller);

/* printk: complete a held partial line; release the log at exit. */
void ksim_printk_flush(void);
void ksim_printk_exit(void);

/*
 * Hung tasks (kernel/hung_task.c): the host's upcall when nothing can run
 * again (det) or nothing moved for hung_task_timeout_secs (threads).
 * Prints the kernel's report for every blocked task, then halts.
 */
void ksim_hung_task_detected(bool deadlock);
/* The hung_task_timeout_secs in force, in ns (0: only deadlocks are reported). */
void ksim_hung_task_set_timeout(s64 ns);
/*
 * Walk every live task under the task list's lock (kernel/sched/core.c):
 *	ksim_for_each_task(p) { ... } ksim_for_each_task_end();
 */
#define ksim_for_each_task(p) \
	ksim_tasks_lock(); \
	list_for_each_entry(p, ksim_all_tasks(), ksim_all)
#define ksim_for_each_task_end() ksim_tasks_unlock()
void ksim_tasks_lock(void);
void ksim_tasks_unlock(void);
struct list_head *ksim_all_tasks(void);
/* The locks @p holds, printed lockdep style (locking/lockdep.c). */
void ksim_lockdep_show_held(struct task_struct *p);

/*
 * drivers/pci/msi.c: deliver the MSI-X vectors the current task deferred
 * while it could not take interrupts (kernel/sched/core.c calls it when the
 * task's preempt count drops to zero with interrupts on).
 */
void ksim_irq_flush_deferred(void);

/* "Modules linked in: a b(O)" for reports (kernel/module/main.c). */
void ksim_print_modules(const char *level);

/*
 * Legacy interrupt lines (kernel/irq/manage.c): a descriptor for line @irq
 * (1..23), made when a platform device with that IORESOURCE_IRQ is added;
 * raising it runs its handlers in hard interrupt context in the caller.
 */
int ksim_irq_setup_line(unsigned int irq);
void ksim_irq_raise_line(unsigned int irq);

/* Softirq/timer context entry used by kernel/time/timer.c. */
void ksim_softirq_enter(void);
void ksim_softirq_exit(void);

/*
 * A plain sleeping lock for the shim's own bookkeeping (the log buffer,
 * allocation tracking, the module list): no lockdep, no might_sleep, usable
 * from any context, built directly on the host's wait/wake.
 * (kapi-shim/locking/ksim_lock.c)
 */
struct ksim_lock {
	u32 word;	/* 0 free, 1 locked, 2 locked with waiters */
};
#define KSIM_LOCK_INIT { 0 }
void ksim_lock(struct ksim_lock *lock);
bool ksim_trylock(struct ksim_lock *lock);
void ksim_unlock(struct ksim_lock *lock);

/*
 * debugobjects: called by kfree/kmem_cache_free/vfree before memory is
 * released; reports (and defuses) a pending timer or a queued work item
 * that lives inside [addr, addr + size).  (kernel/time/timer.c and
 * kernel/workqueue.c register the checks; mm/ calls this.)
 */
void ksim_debug_check_free(const void *addr, size_t size);
typedef void (*ksim_free_check_fn)(const void *addr, size_t size);
void ksim_register_free_check(ksim_free_check_fn fn);
void ksim_free_checks_reset(void);

#endif
