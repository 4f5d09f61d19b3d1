/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kapi-shim/kernel/ksim_time_internal.h - what kernel/time/, kthread.c and
 * workqueue.c call in each other.  Shim-internal, like internal.h.
 */
#ifndef _KAPI_SHIM_KSIM_TIME_INTERNAL_H
#define _KAPI_SHIM_KSIM_TIME_INTERNAL_H

#include <linux/types.h>

struct module;
struct timer_list;

/* The module unload hooks (also declared in internal.h). */
void ksim_timers_module_unload(struct module *mod);
void ksim_workqueue_module_unload(struct module *mod);

/*
 * Print the debugobjects "ODEBUG: free active" report for @obj of @type
 * ("timer_list", "work_struct") with @hint symbolized, as a WARNING with
 * the caller's backtrace, and count it as KSIM_REPORT_OBJECT.
 */
void ksim_odebug_report_free(const char *type, const void *obj,
			     const void *hint);

/*
 * Deactivate every pending timer for which @match returns true (called
 * under the timer lock: it must not sleep or touch timers).  Returns how
 * many were deactivated.
 */
int ksim_timers_cancel_if(bool (*match)(struct timer_list *timer, void *arg),
			  void *arg);

/* Reap kthreads whose function returned but which nobody stopped. */
void ksim_kthreads_exit(void);

/* delayed_work_timer_fn, for the timer code's module-unload check. */
void ksim_delayed_work_disarmed(struct timer_list *timer);

#endif
