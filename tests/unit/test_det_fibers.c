// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_det_fibers.c - the deterministic backend's two ways of
 * running tasks (sim/host-det.c, sim/fiber.c): a thread per task, or every
 * task a fiber on the booting thread.  The same seed gives the same run
 * either way (the same trace hash); with fibers every task really is on
 * one thread; task-local variables stay each task's own across switches.
 */
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ktest.h"
#include "sim/host.h"

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/sched.h>

#define NR_WORKERS	4
#define ROUNDS		40

static DEFINE_MUTEX(lock);
static struct completion done[NR_WORKERS];
static long tids[NR_WORKERS];
static int counter;
static int local_mismatches;

/* A task-local of host code, as nvme-model keeps one. */
static __thread int task_value;

static void *task_value_addr(void)
{
	return &task_value;
}

static int worker(void *arg)
{
	int id = (int)(long)arg, i;

	tids[id] = syscall(SYS_gettid);
	task_value = id + 1;
	for (i = 0; i < ROUNDS; i++) {
		mutex_lock(&lock);
		counter++;
		cond_resched();
		mutex_unlock(&lock);
		if (i % 7 == id)
			msleep(1);
		if (task_value != id + 1)
			local_mismatches++;
	}
	complete(&done[id]);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

/* Boot det (fibers or not), run the workers to the end, shut down: the trace hash. */
static uint64_t run_machine(bool fibers)
{
	struct ksim_boot_params params = {
		.host = &ksim_host_det,
		.seed = 1234,
		.det_fibers = fibers,
	};
	struct task_struct *t[NR_WORKERS];
	uint64_t trace;
	int i;

	counter = 0;
	local_mismatches = 0;
	memset(tids, 0, sizeof(tids));
	ksim_console_enable(false);
	cr_assert_eq(ksim_kernel_boot(&params), 0);
	for (i = 0; i < NR_WORKERS; i++) {
		init_completion(&done[i]);
		t[i] = kthread_run(worker, (void *)(long)i, "fiberw/%d", i);
		cr_assert(!IS_ERR(t[i]));
	}
	for (i = 0; i < NR_WORKERS; i++)
		wait_for_completion(&done[i]);
	for (i = 0; i < NR_WORKERS; i++)
		cr_assert_eq(kthread_stop(t[i]), 0);
	cr_assert_eq(counter, NR_WORKERS * ROUNDS);
	ksim_kernel_shutdown();
	for (i = 0; i < KSIM_REPORT_NR; i++)
		cr_assert_eq(ksim_report_count(i), 0, "%lu %s report(s)", ksim_report_count(i),
			     ksim_report_name(i));
	trace = ksim_host->trace_hash();
	ksim_printk_exit();
	return trace;
}

Test(det_fibers, same_run_as_threads)
{
	uint64_t threads = run_machine(false);
	uint64_t fibers = run_machine(true);

	cr_assert_eq(threads, fibers, "trace %016llx with threads, %016llx with fibers",
		     (unsigned long long)threads, (unsigned long long)fibers);
	/* And again: a second machine in one process is the same run. */
	cr_assert_eq(run_machine(true), fibers);
}

Test(det_fibers, every_task_on_one_thread)
{
	long me = syscall(SYS_gettid);
	int i;

	run_machine(true);
	for (i = 0; i < NR_WORKERS; i++)
		cr_assert_eq(tids[i], me, "worker %d ran on thread %ld, not %ld", i, tids[i], me);
	run_machine(false);
	for (i = 0; i < NR_WORKERS; i++)
		cr_assert_neq(tids[i], me, "with threads, worker %d ran on the test's thread", i);
}

Test(det_fibers, task_locals_stay_with_their_task)
{
	ksim_host_task_local(task_value_addr, sizeof(task_value));
	run_machine(true);
	cr_assert_eq(local_mismatches, 0, "%d times a task saw another's value", local_mismatches);
	cr_assert_eq(task_value, 0, "the booting task's own value changed");
}
