/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/sched.h - tasks.  Every ksim task (a kthread, a workqueue worker, the
 * thread that loads modules, a benchmark thread that calls into the block
 * layer) has a struct task_struct, reached as `current`.  Sleeping is the
 * kernel's pattern: set_current_state(), test the condition, schedule();
 * wake_up_process() makes the task runnable again.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/preempt.h>
#include <linux/atomic.h>
#include <linux/refcount_types.h>
#include <asm/current.h>

#define TASK_COMM_LEN 16

/* Task states (task_struct.__state). */
#define TASK_RUNNING			0x00000000
#define TASK_INTERRUPTIBLE		0x00000001
#define TASK_UNINTERRUPTIBLE		0x00000002
#define __TASK_STOPPED			0x00000004
#define __TASK_TRACED			0x00000008
#define EXIT_DEAD			0x00000010
#define EXIT_ZOMBIE			0x00000020
#define TASK_PARKED			0x00000040
#define TASK_DEAD			0x00000080
#define TASK_WAKEKILL			0x00000100
#define TASK_WAKING			0x00000200
#define TASK_NOLOAD			0x00000400
#define TASK_NEW			0x00000800
#define TASK_KILLABLE			(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_STOPPED			(TASK_WAKEKILL | __TASK_STOPPED)
#define TASK_IDLE			(TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#define TASK_NORMAL			(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

/* task_struct.flags */
#define PF_IDLE			0x00000002
#define PF_EXITING		0x00000004
#define PF_WQ_WORKER		0x00000020
#define PF_MEMALLOC		0x00000800
#define PF_NOFREEZE		0x00008000
#define PF_KTHREAD		0x00200000
#define PF_KSIM_ADOPTED		0x80000000	/* a host thread ksim did not start */

struct ksim_host_task;
struct mutex;

struct task_struct {
	/* TASK_* state; also the word schedule() sleeps on. */
	unsigned int		__state;
	/* See linux/preempt.h.  Only the task itself changes it. */
	int			preempt_count;
	/* Non-zero while the task has local interrupts disabled. */
	unsigned long		ksim_irqs_off;
	unsigned int		flags;
	pid_t			pid;
	pid_t			tgid;
	char			comm[TASK_COMM_LEN];
	/* Pending "signal": ksim is being stopped (SIGINT/SIGTERM). */
	unsigned long		ksim_sigpending;
	refcount_t		usage;
	/* kernel/kthread.c's struct kthread for a kthread, else NULL. */
	void			*worker_private;
	void			*ksim_kthread;
	/* The host thread running this task. */
	struct ksim_host_task	*ksim_host;
	/* Every live task, for sysrq-style dumps (kernel/sched/core.c). */
	struct list_head	ksim_all;
	/* Locks held, for lockdep (kernel/locking/lockdep.c). */
	void			*ksim_lockdep;
	/*
	 * The simulated CPU the task runs on (smp_processor_id()): fixed at
	 * creation, round robin over nr_cpu_ids, so per-CPU structures such as
	 * blk-mq's hardware queue map spread tasks the way CPUs would.
	 */
	unsigned int		ksim_cpu;
	/*
	 * The mutex this task sleeps on (the kernel's blocked_on with
	 * CONFIG_DEBUG_MUTEXES), for hung-task reports; NULL otherwise.
	 */
	struct mutex		*ksim_blocked_on;
	/* When the current sleep (schedule(), a mutex) began, in ns; 0: not asleep. */
	s64			ksim_sleep_start;
	/* Non-zero while the task waits for work in an idle loop (not hung). */
	unsigned int		ksim_idle;
	/* Interrupts raised while this task could not take them (see irq_pending). */
	unsigned int		ksim_irq_pending;
};

/* The calling task.  Host threads are adopted on first use. */
#define set_current_state(state_value)				\
	do {							\
		__atomic_store_n(&current->__state, (state_value),	\
				 __ATOMIC_SEQ_CST);		\
	} while (0)
#define __set_current_state(state_value)			\
	WRITE_ONCE(current->__state, (state_value))
#define get_current_state()	READ_ONCE(current->__state)
#define task_is_running(task)	(READ_ONCE((task)->__state) == TASK_RUNNING)

#define MAX_SCHEDULE_TIMEOUT	LONG_MAX

/* Sleep in the current state until woken (or, for _timeout, @timeout jiffies). */
void schedule(void);
void io_schedule(void);
long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_killable(long timeout);
long schedule_timeout_uninterruptible(long timeout);
long schedule_timeout_idle(long timeout);
long io_schedule_timeout(long timeout);
void yield(void);

/* Make @p runnable.  Returns 1 if it was sleeping, 0 if already running. */
int wake_up_process(struct task_struct *p);
int wake_up_state(struct task_struct *p, unsigned int state);

static inline int signal_pending(struct task_struct *p)
{
	return unlikely(READ_ONCE(p->ksim_sigpending) != 0);
}
static inline int fatal_signal_pending(struct task_struct *p)
{
	return signal_pending(p);
}
static inline int signal_pending_state(unsigned int state, struct task_struct *p)
{
	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))
		return 0;
	return signal_pending(p);
}

static inline pid_t task_pid_nr(struct task_struct *tsk)
{
	return tsk->pid;
}
static inline pid_t task_tgid_nr(struct task_struct *tsk)
{
	return tsk->tgid;
}
#define task_pid_vnr(tsk) task_pid_nr(tsk)

char *__get_task_comm(char *to, size_t len, struct task_struct *tsk);
#define get_task_comm(buf, tsk) __get_task_comm(buf, sizeof(buf), tsk)
void set_task_comm(struct task_struct *tsk, const char *from);

void get_task_struct_ksim(struct task_struct *t);
void put_task_struct(struct task_struct *t);
#define get_task_struct(t) ({ get_task_struct_ksim(t); (t); })

static inline int task_nice(const struct task_struct *p)
{
	return 0;
}
static inline void set_user_nice(struct task_struct *p, long nice)
{
}
static inline unsigned int task_cpu(const struct task_struct *p)
{
	return p->ksim_cpu;
}
int sched_setscheduler_nocheck(struct task_struct *p, int policy, const void *param);
void sched_set_fifo(struct task_struct *p);
void sched_set_fifo_low(struct task_struct *p);
void sched_set_normal(struct task_struct *p, int nice);

/* Print every task's state (the kernel's sysrq-t), for hang reports. */
void show_state(void);

#endif
