// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/sched/core.c - tasks, `current`, sleeping and waking,
 * and the context (preemption, interrupts, softirq) each task runs in.
 *
 * A ksim task is a host task plus a struct task_struct.  The kernel's
 * sleeping protocol maps directly onto the host's futex-style wait/wake:
 * the task's __state word is what it sleeps on, so
 *
 *	set_current_state(TASK_UNINTERRUPTIBLE);
 *	if (!condition)
 *		schedule();
 *
 * cannot miss a wake_up_process() that sets __state back to TASK_RUNNING
 * between the test and the sleep: the host's wait() returns at once when
 * the word no longer holds the value the sleeper saw.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/string.h>
#include <linux/export.h>
#include <linux/bottom_half.h>
#include <linux/hardirq.h>
#include <linux/err.h>
#include <linux/refcount.h>
#include <linux/sprintf.h>
#include <ksim/report.h>
#include <ksim/boot.h>

#include "internal.h"
#include "sim/host.h"

static struct ksim_lock tasks_lock = KSIM_LOCK_INIT;
static LIST_HEAD(all_tasks);
static pid_t last_pid;
unsigned int nr_cpu_ids = 2;
EXPORT_SYMBOL(nr_cpu_ids);

struct task_start {
	struct task_struct *task;
	int (*fn)(void *arg);
	void *arg;
};

static struct task_struct *task_alloc(const char *name, unsigned int flags)
{
	struct task_struct *p = ksim_host->mem_alloc(sizeof(*p), 0);

	if (!p)
		return NULL;
	memset(p, 0, sizeof(*p));
	p->__state = TASK_RUNNING;
	p->flags = flags;
	refcount_set(&p->usage, 1);
	INIT_LIST_HEAD(&p->ksim_all);
	strscpy(p->comm, name ? name : "", sizeof(p->comm));
	ksim_lock(&tasks_lock);
	p->pid = ++last_pid;
	p->tgid = p->pid;
	p->ksim_cpu = (unsigned int)(p->pid - 1) % (nr_cpu_ids ? nr_cpu_ids : 1);
	list_add_tail(&p->ksim_all, &all_tasks);
	ksim_unlock(&tasks_lock);
	return p;
}

static void task_free(struct task_struct *p)
{
	ksim_lock(&tasks_lock);
	list_del(&p->ksim_all);
	ksim_unlock(&tasks_lock);
	ksim_host->mem_free(p->ksim_lockdep);
	ksim_host->mem_free(p);
}

void get_task_struct_ksim(struct task_struct *t)
{
	refcount_inc(&t->usage);
}
EXPORT_SYMBOL(get_task_struct_ksim);

void put_task_struct(struct task_struct *t)
{
	if (refcount_dec_and_test(&t->usage))
		task_free(t);
}
EXPORT_SYMBOL_GPL(put_task_struct);

/* The host thread that owned an adopted task_struct has exited. */
static void adopted_release(void *priv)
{
	put_task_struct(priv);
}

/*
 * A host thread ksim did not start (main, a test's pthread, a FUSE or
 * benchmark thread) becomes a task the first time it asks who it is.
 */
static u32 adopted;

static struct task_struct *adopt_current(void)
{
	struct task_struct *p;
	char name[TASK_COMM_LEN];
	u32 nr = __atomic_fetch_add(&adopted, 1, __ATOMIC_RELAXED);

	/* The first one is the thread that boots ksim and loads modules. */
	if (nr == 0)
		strscpy(name, "insmod", sizeof(name));
	else
		scnprintf(name, sizeof(name), "host/%u", nr + 1);
	p = task_alloc(name, PF_KSIM_ADOPTED);
	if (!p) {
		static const char msg[] = "ksim: out of memory adopting a host thread\n";

		ksim_host->console_write(msg, sizeof(msg) - 1);
		ksim_host->halt(3);
	}
	ksim_host->task_set_priv(p, adopted_release);
	return p;
}

struct task_struct *get_current(void)
{
	struct task_struct *p = ksim_host->task_get_priv();

	return likely(p) ? p : adopt_current();
}
EXPORT_SYMBOL(get_current);

static void task_trampoline(void *arg)
{
	struct task_start start = *(struct task_start *)arg;

	ksim_host->mem_free(arg);
	/* The task's own reference is dropped when the host thread exits. */
	ksim_host->task_set_priv(start.task, NULL);
	start.fn(start.arg);
	start.task->flags |= PF_EXITING;
	WRITE_ONCE(start.task->__state, TASK_DEAD);
	ksim_host->task_set_priv(NULL, NULL);
	put_task_struct(start.task);
}

struct task_struct *ksim_task_create(int (*fn)(void *arg), void *arg,
				     const char *name)
{
	struct task_start *start;
	struct task_struct *p;
	int err;

	start = ksim_host->mem_alloc(sizeof(*start), 0);
	if (!start)
		return ERR_PTR(-ENOMEM);
	p = task_alloc(name, 0);
	if (!p) {
		ksim_host->mem_free(start);
		return ERR_PTR(-ENOMEM);
	}
	/* One reference for the running task, one for the creator. */
	refcount_set(&p->usage, 2);
	start->task = p;
	start->fn = fn;
	start->arg = arg;
	err = ksim_host->task_create(&p->ksim_host, p->comm, task_trampoline, start);
	if (err) {
		ksim_host->mem_free(start);
		refcount_set(&p->usage, 1);
		put_task_struct(p);
		return ERR_PTR(err);
	}
	return p;
}

void ksim_task_join(struct task_struct *task)
{
	struct ksim_host_task *host = task->ksim_host;

	if (host) {
		task->ksim_host = NULL;
		ksim_host->task_join(host);
	}
}

/*
 * A simulated user process (fs/ksim_user.c) has a task_struct but no host
 * thread of its own: the thread making a system call on its behalf runs
 * as that task between ksim_task_enter() and ksim_task_leave().
 */
struct task_struct *ksim_task_alloc_detached(const char *name)
{
	return task_alloc(name, 0);
}

struct task_struct *ksim_task_enter(struct task_struct *p)
{
	struct task_struct *prev = ksim_host->task_get_priv();

	ksim_host->task_set_priv(p, NULL);
	return prev;
}

void ksim_task_leave(struct task_struct *prev)
{
	/* An adopted thread's task is released when the thread exits. */
	ksim_host->task_set_priv(prev, prev && (prev->flags & PF_KSIM_ADOPTED) ?
				 adopted_release : NULL);
}

char *__get_task_comm(char *to, size_t len, struct task_struct *tsk)
{
	strscpy_pad(to, tsk->comm, len);
	return to;
}
EXPORT_SYMBOL(__get_task_comm);

void set_task_comm(struct task_struct *tsk, const char *from)
{
	strscpy_pad(tsk->comm, from, sizeof(tsk->comm));
}
EXPORT_SYMBOL(set_task_comm);

/* ---- sleeping and waking ---- */

/*
 * Sleep while __state is not TASK_RUNNING, until @deadline_ns.  Returns
 * false on timeout.  A pending signal ends an interruptible sleep.
 */
static bool sleep_in_state(struct task_struct *p, s64 deadline_ns)
{
	bool woken = true;

	/* For the hung-task check (kernel/hung_task.c). */
	WRITE_ONCE(p->ksim_sleep_start, ksim_host->now_ns() | 1);
	for (;;) {
		unsigned int state = __atomic_load_n(&p->__state, __ATOMIC_ACQUIRE);
		int ret;

		if (state == TASK_RUNNING)
			break;
		if (signal_pending_state(state, p)) {
			__set_current_state(TASK_RUNNING);
			break;
		}
		ret = ksim_host->wait(&p->__state, state, deadline_ns);
		if (ret == -ETIMEDOUT) {
			__set_current_state(TASK_RUNNING);
			woken = false;
			break;
		}
	}
	WRITE_ONCE(p->ksim_sleep_start, 0);
	return woken;
}

static void check_schedule_context(void)
{
	if (unlikely(preempt_count() || irqs_disabled())) {
		pr_err("BUG: scheduling while atomic: %s/%d/0x%08x\n",
		       current->comm, current->pid, preempt_count());
		ksim_print_task_header(KERN_ERR);
		ksim_dump_stack_skip(KERN_ERR, 2);
		ksim_report(KSIM_REPORT_ATOMIC_SLEEP);
	}
}

void schedule(void)
{
	check_schedule_context();
	sleep_in_state(current, KSIM_HOST_FOREVER);
}
EXPORT_SYMBOL(schedule);

void io_schedule(void)
{
	schedule();
}
EXPORT_SYMBOL(io_schedule);

long schedule_timeout(long timeout)
{
	struct task_struct *p = current;
	s64 deadline, now;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0) {
		pr_err("%s: wrong timeout value %lx\n", __func__, timeout);
		dump_stack();
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	check_schedule_context();
	deadline = ksim_host->now_ns() + (s64)jiffies_to_nsecs(timeout);
	if (!sleep_in_state(p, deadline))
		return 0;
	now = ksim_host->now_ns();
	get_jiffies_64();	/* the modules' jiffies see the time slept */
	return deadline > now ? (long)nsecs_to_jiffies(deadline - now) : 0;
}
EXPORT_SYMBOL(schedule_timeout);

long schedule_timeout_interruptible(long timeout)
{
	__set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}
EXPORT_SYMBOL(schedule_timeout_interruptible);

long schedule_timeout_killable(long timeout)
{
	__set_current_state(TASK_KILLABLE);
	return schedule_timeout(timeout);
}
EXPORT_SYMBOL(schedule_timeout_killable);

long schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}
EXPORT_SYMBOL(schedule_timeout_uninterruptible);

long schedule_timeout_idle(long timeout)
{
	__set_current_state(TASK_IDLE);
	return schedule_timeout(timeout);
}
EXPORT_SYMBOL(schedule_timeout_idle);

long io_schedule_timeout(long timeout)
{
	return schedule_timeout(timeout);
}
EXPORT_SYMBOL(io_schedule_timeout);

int wake_up_state(struct task_struct *p, unsigned int state)
{
	unsigned int cur = __atomic_load_n(&p->__state, __ATOMIC_ACQUIRE);

	do {
		if (cur == TASK_RUNNING || !(cur & state))
			return 0;
	} while (!__atomic_compare_exchange_n(&p->__state, &cur, TASK_RUNNING,
					      false, __ATOMIC_ACQ_REL,
					      __ATOMIC_ACQUIRE));
	ksim_host->wake(&p->__state, INT32_MAX);
	return 1;
}
EXPORT_SYMBOL(wake_up_state);

int wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_NORMAL);
}
EXPORT_SYMBOL(wake_up_process);

void yield(void)
{
	might_sleep();
	ksim_host->yield();
}
EXPORT_SYMBOL(yield);

/* cpu_relax() (asm/processor.h): the host's scheduling point where it has one. */
void (*ksim_cpu_relax_hook)(void);
EXPORT_SYMBOL(ksim_cpu_relax_hook);

int __cond_resched(void)
{
	/* Where tasks take turns this is a scheduling point; threads have CPUs of their own. */
	if (ksim_host->sched_point)
		ksim_host->sched_point();
	return 0;
}
EXPORT_SYMBOL(__cond_resched);

/* Priorities mean nothing to the host scheduler; accept and ignore them. */
int sched_setscheduler_nocheck(struct task_struct *p, int policy, const void *param)
{
	return 0;
}
EXPORT_SYMBOL_GPL(sched_setscheduler_nocheck);

void sched_set_fifo(struct task_struct *p)
{
}
EXPORT_SYMBOL_GPL(sched_set_fifo);

void sched_set_fifo_low(struct task_struct *p)
{
}
EXPORT_SYMBOL_GPL(sched_set_fifo_low);

void sched_set_normal(struct task_struct *p, int nice)
{
}
EXPORT_SYMBOL_GPL(sched_set_normal);

void ksim_set_current_cpu(unsigned int cpu)
{
	current->ksim_cpu = cpu % (nr_cpu_ids ? nr_cpu_ids : 1);
}

int ksim_smp_processor_id(void)
{
	return (int)current->ksim_cpu;
}
EXPORT_SYMBOL(ksim_smp_processor_id);

/* ---- context: preemption, interrupts, softirqs ---- */

int ksim_preempt_count(void)
{
	return current->preempt_count;
}
EXPORT_SYMBOL(ksim_preempt_count);

void preempt_count_add(int val)
{
	current->preempt_count += val;
}
EXPORT_SYMBOL(preempt_count_add);

void preempt_count_sub(int val)
{
	struct task_struct *p = current;

	/* The kernel's DEBUG_PREEMPT check: more enables than disables. */
	if (WARN_ON_ONCE((p->preempt_count & PREEMPT_MASK) < (val & PREEMPT_MASK)))
		return;
	p->preempt_count -= val;
	/* Interrupts raised while this task could not take them arrive now. */
	if (unlikely(p->ksim_irq_pending) && !p->preempt_count && !p->ksim_irqs_off)
		ksim_irq_flush_deferred();
}
EXPORT_SYMBOL(preempt_count_sub);

unsigned long ksim_local_irq_save(void)
{
	struct task_struct *p = current;
	unsigned long flags = p->ksim_irqs_off;

	p->ksim_irqs_off = 1;
	return flags;
}
EXPORT_SYMBOL(ksim_local_irq_save);

void ksim_local_irq_restore(unsigned long flags)
{
	struct task_struct *p = current;

	p->ksim_irqs_off = flags;
	if (unlikely(p->ksim_irq_pending) && !flags && !p->preempt_count)
		ksim_irq_flush_deferred();
}
EXPORT_SYMBOL(ksim_local_irq_restore);

bool ksim_irqs_disabled(void)
{
	return current->ksim_irqs_off != 0;
}
EXPORT_SYMBOL(ksim_irqs_disabled);

void local_bh_disable(void)
{
	preempt_count_add(SOFTIRQ_DISABLE_OFFSET);
}
EXPORT_SYMBOL(local_bh_disable);

void local_bh_enable(void)
{
	WARN_ON_ONCE(in_hardirq());
	preempt_count_sub(SOFTIRQ_DISABLE_OFFSET);
}
EXPORT_SYMBOL(local_bh_enable);

void ksim_softirq_enter(void)
{
	preempt_count_add(SOFTIRQ_OFFSET);
}

void ksim_softirq_exit(void)
{
	preempt_count_sub(SOFTIRQ_OFFSET);
}

void irq_enter(void)
{
	preempt_count_add(HARDIRQ_OFFSET);
}
EXPORT_SYMBOL_GPL(irq_enter);

void irq_exit(void)
{
	preempt_count_sub(HARDIRQ_OFFSET);
}
EXPORT_SYMBOL_GPL(irq_exit);

/* ---- might_sleep ---- */

/*
 * Each call site reports once: a driver that sleeps under a spinlock in a
 * loop would otherwise bury the log.  The sites are kept in a small table.
 */
#define MIGHT_SLEEP_SITES 256
static struct {
	const char *file;
	int line;
} might_sleep_seen[MIGHT_SLEEP_SITES];
static unsigned int might_sleep_nr;
static struct ksim_lock might_sleep_lock = KSIM_LOCK_INIT;

static bool might_sleep_first_time(const char *file, int line)
{
	bool first = true;
	unsigned int i;

	ksim_lock(&might_sleep_lock);
	for (i = 0; i < might_sleep_nr; i++) {
		if (might_sleep_seen[i].line == line &&
		    !strcmp(might_sleep_seen[i].file, file)) {
			first = false;
			break;
		}
	}
	if (first && might_sleep_nr < MIGHT_SLEEP_SITES) {
		might_sleep_seen[might_sleep_nr].file = file;
		might_sleep_seen[might_sleep_nr].line = line;
		might_sleep_nr++;
	}
	ksim_unlock(&might_sleep_lock);
	return first;
}

void __might_sleep(const char *file, int line)
{
	struct task_struct *p = current;

	/*
	 * As with CONFIG_PREEMPT_VOLUNTARY, where might_sleep() is also a
	 * cond_resched(): where tasks take turns, another may run here.
	 */
	if (likely(!p->preempt_count && !p->ksim_irqs_off)) {
		if (ksim_host->sched_point)
			ksim_host->sched_point();
		return;
	}
	if (!might_sleep_first_time(file, line))
		return;
	pr_err("BUG: sleeping function called from invalid context at %s:%d\n",
	       file, line);
	pr_err("in_atomic(): %d, irqs_disabled(): %d, non_block: 0, pid: %d, name: %s\n",
	       p->preempt_count != 0, p->ksim_irqs_off != 0, p->pid, p->comm);
	pr_err("preempt_count: %x, expected: 0\n", p->preempt_count);
	ksim_print_task_header(KERN_ERR);
	ksim_dump_stack_skip(KERN_ERR, 1);
	ksim_report(KSIM_REPORT_ATOMIC_SLEEP);
}
EXPORT_SYMBOL(__might_sleep);

/* ---- dumps and lifetime ---- */

static const char *task_state_name(unsigned int state)
{
	if (state == TASK_RUNNING)
		return "R";
	if (state & TASK_UNINTERRUPTIBLE)
		return "D";
	if (state & TASK_INTERRUPTIBLE)
		return "S";
	if (state & TASK_DEAD)
		return "X";
	return "?";
}

void show_state(void)
{
	struct task_struct *p;

	pr_info("task:            state  pid flags\n");
	ksim_lock(&tasks_lock);
	list_for_each_entry(p, &all_tasks, ksim_all)
		pr_info("task:%-16s %-5s %4d 0x%08x\n", p->comm,
			task_state_name(READ_ONCE(p->__state)), p->pid, p->flags);
	ksim_unlock(&tasks_lock);
}
EXPORT_SYMBOL(show_state);

void ksim_tasks_lock(void)
{
	ksim_lock(&tasks_lock);
}

void ksim_tasks_unlock(void)
{
	ksim_unlock(&tasks_lock);
}

struct list_head *ksim_all_tasks(void)
{
	return &all_tasks;
}

void ksim_signal_all(void)
{
	struct task_struct *p;

	ksim_lock(&tasks_lock);
	list_for_each_entry(p, &all_tasks, ksim_all) {
		WRITE_ONCE(p->ksim_sigpending, 1);
		wake_up_state(p, TASK_INTERRUPTIBLE | TASK_WAKEKILL);
	}
	ksim_unlock(&tasks_lock);
}

int ksim_sched_init(void)
{
	ksim_cpu_relax_hook = ksim_host->sched_point;
	/*
	 * Every boot numbers its tasks from 1 (a process that boots many
	 * times: tests, fuzzing), so pids, names and CPUs, and with them the
	 * run, do not depend on what ran before.
	 */
	ksim_lock(&tasks_lock);
	if (list_empty(&all_tasks)) {
		last_pid = 0;
		adopted = 0;
	}
	ksim_unlock(&tasks_lock);
	/* The booting thread becomes "insmod", pid 1. */
	get_current();
	return 0;
}

void ksim_sched_exit(void)
{
	struct task_struct *p = ksim_host->task_get_priv();

	/* The booting thread stays a task until it exits; drop it now. */
	if (p) {
		ksim_host->task_set_priv(NULL, NULL);
		put_task_struct(p);
	}
}
