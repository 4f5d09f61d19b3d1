// SPDX-License-Identifier: GPL-2.0
/* kernel/sched/core.c: current, sleeping and waking, context, might_sleep. */
#include <string.h>
#include <pthread.h>

#include "ktest.h"
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/hardirq.h>
#include <linux/bottom_half.h>
#include <linux/err.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include <linux/smp.h>
#include "internal.h"

TestSuite(core, .init = ktest_boot, .fini = ktest_shutdown);

Test(core, the_booting_thread_is_insmod)
{
	cr_assert_str_eq(current->comm, "insmod");
	cr_assert_eq(current, current);
	cr_assert_gt(current->pid, 0);
}

static void *host_thread(void *arg)
{
	*(struct task_struct **)arg = current;
	return NULL;
}

Test(core, a_host_thread_is_adopted_with_its_own_task)
{
	struct task_struct *other = NULL;
	pthread_t t;

	pthread_create(&t, NULL, host_thread, &other);
	pthread_join(t, NULL);
	cr_assert_not_null(other);
	cr_assert_neq(other, current);
}

struct sleeper {
	struct task_struct *task;
	long left;
	int done;
};

static int sleeper_fn(void *arg)
{
	struct sleeper *s = arg;

	s->task = current;
	set_current_state(TASK_UNINTERRUPTIBLE);
	s->left = schedule_timeout(60 * HZ);
	__atomic_store_n(&s->done, 1, __ATOMIC_RELEASE);
	return 0;
}

Test(core, wake_up_process_ends_a_sleep_early)
{
	struct sleeper s = { 0 };
	struct task_struct *t = ksim_task_create(sleeper_fn, &s, "sleeper");

	cr_assert(!IS_ERR(t));
	cr_assert_str_eq(t->comm, "sleeper");
	/* Wait until it sleeps, then wake it. */
	cr_assert(ktest_wait_for(READ_ONCE(t->__state) == TASK_UNINTERRUPTIBLE, 5000));
	cr_assert_eq(wake_up_process(t), 1);
	ksim_task_join(t);
	cr_assert(s.done);
	cr_assert_gt(s.left, 0, "woken early: time left");
	cr_assert_eq(wake_up_process(t), 0, "a finished task is not sleeping");
	put_task_struct(t);
}

Test(core, schedule_timeout_sleeps_at_least_the_timeout)
{
	s64 start = ktime_get_ns();
	long left;

	set_current_state(TASK_UNINTERRUPTIBLE);
	left = schedule_timeout(5);	/* 5 jiffies = 20 ms at HZ=250 */
	cr_assert_eq(left, 0);
	cr_assert_geq(ktime_get_ns() - start, 20 * 1000 * 1000);
	cr_assert_eq(READ_ONCE(current->__state), TASK_RUNNING);
}

Test(core, a_pending_signal_ends_an_interruptible_sleep)
{
	long left;

	ksim_signal_all();
	cr_assert(signal_pending(current));
	set_current_state(TASK_INTERRUPTIBLE);
	left = schedule_timeout(60 * HZ);
	cr_assert_gt(left, 0);
}

Test(core, preempt_and_irq_context)
{
	unsigned long flags;

	cr_assert(!in_atomic());
	preempt_disable();
	cr_assert(in_atomic());
	preempt_enable();
	cr_assert(!in_interrupt());
	irq_enter();
	cr_assert(in_hardirq());
	cr_assert(in_interrupt());
	irq_exit();
	local_bh_disable();
	cr_assert(in_softirq());
	cr_assert(!in_serving_softirq());
	local_bh_enable();
	local_irq_save(flags);
	cr_assert(irqs_disabled());
	{
		unsigned long inner;

		local_irq_save(inner);
		local_irq_restore(inner);
		cr_assert(irqs_disabled(), "the inner restore keeps the outer save");
	}
	local_irq_restore(flags);
	cr_assert(!irqs_disabled(), "the outer restore enables again");
	local_irq_disable();
	cr_assert(irqs_disabled());
	local_irq_enable();
	cr_assert(!irqs_disabled());
}

static noinline void sleepy(void)
{
	might_sleep();
}

Test(core, might_sleep_in_atomic_context_reports_once_per_site)
{
	int i;

	ktest_expect_reports(KSIM_REPORT_ATOMIC_SLEEP, 1);
	sleepy();	/* fine: not atomic */
	for (i = 0; i < 3; i++) {
		preempt_disable();
		sleepy();
		preempt_enable();
	}
	cr_assert_eq(ksim_dmesg_count("BUG: sleeping function called from invalid context"), 1);
	cr_assert(ksim_dmesg_contains("in_atomic(): 1"));
	cr_assert(ksim_dmesg_contains("sleepy"), "the stack names the caller");
}

Test(core, scheduling_while_atomic_is_reported)
{
	ktest_expect_reports(KSIM_REPORT_ATOMIC_SLEEP, 1);
	preempt_disable();
	set_current_state(TASK_UNINTERRUPTIBLE);
	schedule_timeout(1);
	preempt_enable();
	cr_assert(ksim_dmesg_contains("BUG: scheduling while atomic"));
}

Test(core, unbalanced_preempt_enable_warns)
{
	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	preempt_enable();
	cr_assert_eq(preempt_count(), 0);
}

Test(core, task_comm)
{
	char buf[TASK_COMM_LEN];

	set_task_comm(current, "a-very-long-task-name-indeed");
	get_task_comm(buf, current);
	cr_assert_eq(strlen(buf), TASK_COMM_LEN - 1);
	cr_assert(!strncmp(buf, "a-very-long-tas", TASK_COMM_LEN - 1));
}

Test(core, tasks_spread_over_the_simulated_cpus)
{
	unsigned int seen = 0, i;

	cr_assert_eq(nr_cpu_ids, 2);
	for (i = 0; i < 4; i++) {
		ksim_set_current_cpu(i);
		cr_assert_eq(smp_processor_id(), (int)(i % nr_cpu_ids));
		seen |= 1u << smp_processor_id();
	}
	cr_assert_eq(seen, 3, "both CPUs");
	cr_assert_eq(task_cpu(current), 1);
}
