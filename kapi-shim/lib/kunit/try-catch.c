// SPDX-License-Identifier: GPL-2.0
/*
 * lib/kunit/try-catch.c - run a test case so that a failed assertion can
 * abandon it.  As in the kernel, the "try" runs in a kthread of its own;
 * where the kernel ends that thread (kthread_complete_and_exit), ksim
 * unwinds it to a landing point with longjmp and lets it finish normally,
 * so the host backend sees an ordinary task exit.
 */
#include <setjmp.h>

#include <linux/kernel.h>
#include <linux/completion.h>
#include <linux/export.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <kunit/test.h>
#include <kunit/try-catch.h>

#include "sim/host.h"

/* As CONFIG_KUNIT_DEFAULT_TIMEOUT in later kernels: 300 s per test case. */
#define KUNIT_TRY_TIMEOUT_SECONDS 300

void __noreturn kunit_try_catch_throw(struct kunit_try_catch *try_catch)
{
	if (current != try_catch->ksim_task || !try_catch->ksim_landing) {
		/*
		 * The kernel would end whichever kthread this is; ksim can
		 * only unwind the test case's own thread.  Stop loudly
		 * rather than return into code that assumes we never do.
		 */
		pr_emerg("kunit: %s: a KUNIT_ASSERT or kunit_skip() was made outside the test case's own thread (in %s); ksim cannot abort that thread\n",
			 try_catch->test ? try_catch->test->name : "?", current->comm);
		BUG();
	}
	try_catch->try_result = -EFAULT;
	longjmp(*(jmp_buf *)try_catch->ksim_landing, 1);
}
EXPORT_SYMBOL_GPL(kunit_try_catch_throw);

static int kunit_generic_run_threadfn_adapter(void *data)
{
	struct kunit_try_catch *try_catch = data;
	jmp_buf landing;

	try_catch->ksim_landing = &landing;
	if (!setjmp(landing))
		try_catch->try(try_catch->context);
	try_catch->ksim_landing = NULL;
	complete(try_catch->try_completion);
	return 0;
}

void kunit_try_catch_run(struct kunit_try_catch *try_catch, void *context)
{
	struct completion *try_completion;
	struct kunit *test = try_catch->test;
	struct task_struct *task;
	unsigned long left;
	int exit_code;

	/*
	 * Not on the stack: a case that times out keeps running and will
	 * complete this later, so it must outlive this call then.
	 */
	try_completion = ksim_host->mem_alloc(sizeof(*try_completion), 0);
	if (!try_completion) {
		try_catch->try_result = -ENOMEM;
		try_catch->catch(context);
		return;
	}
	init_completion(try_completion);
	try_catch->context = context;
	try_catch->try_completion = try_completion;
	try_catch->try_result = 0;
	try_catch->ksim_landing = NULL;
	task = kthread_create(kunit_generic_run_threadfn_adapter, try_catch,
			      "kunit_try_catch_thread");
	if (IS_ERR(task)) {
		ksim_host->mem_free(try_completion);
		try_catch->try_result = PTR_ERR(task);
		try_catch->catch(try_catch->context);
		return;
	}
	try_catch->ksim_task = task;
	wake_up_process(task);

	left = wait_for_completion_timeout(try_completion, KUNIT_TRY_TIMEOUT_SECONDS * HZ);
	if (!left) {
		/* The thread cannot be killed: leave it (and its completion), and say so. */
		kunit_err(test, "try timed out\n");
		try_catch->try_result = -ETIMEDOUT;
	} else {
		kthread_stop(task);
		ksim_host->mem_free(try_completion);
	}

	exit_code = try_catch->try_result;
	if (!exit_code)
		return;
	/* Thrown: the case stopped on purpose and is cleaned up by catch. */
	if (exit_code == -EFAULT)
		try_catch->try_result = 0;
	else if (exit_code != -ETIMEDOUT)
		kunit_err(test, "Unknown error: %d\n", exit_code);
	try_catch->catch(try_catch->context);
}
EXPORT_SYMBOL_GPL(kunit_try_catch_run);
