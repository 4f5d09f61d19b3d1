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

/* Modules (kernel/module/main.c). */
/* The module whose mapping holds @addr, or NULL (the shim, libc, a test). */
struct module *ksim_module_of(unsigned long addr);
/*
 * Called with @mod after its exit function ran (or its init failed), before
 * it is unmapped: report what it left behind and defuse it, so nothing calls
 * into unmapped code.  (mm/kmemleak, kernel/time/timer.c, kernel/workqueue.c)
 */
void ksim_kmemleak_module_unload(struct module *mod);
void ksim_timers_module_unload(struct module *mod);
void ksim_hrtimers_module_unload(struct module *mod);
void ksim_workqueue_module_unload(struct module *mod);
void ksim_pci_module_unload(struct module *mod);	/* drivers/pci/bus.c */
/* Whether the allocation made from @caller in @mod must fail (failslab). */
bool ksim_should_failslab(size_t size, gfp_t flags, unsigned long caller);

/* printk: complete a held partial line; release the log at exit. */
void ksim_printk_flush(void);
void ksim_printk_exit(void);

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

#endif
