// SPDX-License-Identifier: GPL-2.0
/*
 * kunit_fails_test.c - KUnit failing on purpose, one way per case, with
 * the verdict each case must get written in its name (..._passes,
 * ..._fails, ..._skips).  tests/integration/kunit.sh checks ksim's KTAP
 * and kunit.py's reading of it against those names, and that ksim exits
 * 6 (a test failed, nothing reported).
 */
#include <kunit/test.h>
#include <kunit/test-bug.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/workqueue.h>

static void expect_fails(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 1 + 1, 3);
	/* An expectation does not stop the case. */
	kunit_info(test, "still running after the failed expectation");
}

static void assert_fails(struct kunit *test)
{
	KUNIT_ASSERT_STREQ_MSG(test, "ksim", "linux", "names differ");
	KUNIT_FAIL(test, "reached the line after a failed assertion");
}

static void fail_macro_fails(struct kunit *test)
{
	KUNIT_FAIL(test, "KUNIT_FAIL with %s", "a message");
}

static void null_fails(struct kunit *test)
{
	void *p = ERR_PTR(-ENOMEM);

	KUNIT_EXPECT_NOT_ERR_OR_NULL(test, p);
	KUNIT_EXPECT_NULL(test, p);
}

static const int values[] = { 2, 4, 5, 8 };

KUNIT_ARRAY_PARAM(values, values, NULL);

static void one_param_fails(struct kunit *test)
{
	const int *v = test->param_value;

	KUNIT_EXPECT_EQ_MSG(test, *v % 2, 0, "%d is odd", *v);
}

/* A kthread that holds the test pointer may fail it, as upstream allows. */
static DECLARE_COMPLETION(helper_done);

static int expect_in_kthread(void *data)
{
	struct kunit *test = data;

	KUNIT_EXPECT_TRUE_MSG(test, false, "expectation failed in kthread %s", current->comm);
	complete(&helper_done);
	return 0;
}

static void kthread_expect_fails(struct kunit *test)
{
	struct task_struct *t = kthread_run(expect_in_kthread, test, "kunit_helper");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	/* kthread_stop() before the thread ran would keep it from running. */
	wait_for_completion(&helper_done);
	kthread_stop(t);
}

/* ksim only: kunit_fail_current_test() from a work item reaches the case. */
static void fail_current_work_fn(struct work_struct *work)
{
	kunit_fail_current_test("failed from a work item");
}

static void work_fail_current_fails(struct kunit *test)
{
	struct work_struct work;

	INIT_WORK_ONSTACK(&work, fail_current_work_fn);
	schedule_work(&work);
	flush_work(&work);
	destroy_work_on_stack(&work);
}

static void plain_passes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 2 * 2, 4);
}

static void skip_skips(struct kunit *test)
{
	kunit_skip(test, "not on this machine");
}

static int exit_calls;

static void fails_exit(struct kunit *test)
{
	exit_calls++;
}

static void exit_ran_after_abort_passes(struct kunit *test)
{
	/* assert_fails was aborted; its exit still ran (cases before: 6 + 4 params). */
	KUNIT_EXPECT_EQ(test, exit_calls, 10);
}

static struct kunit_case fails_cases[] = {
	KUNIT_CASE(expect_fails),
	KUNIT_CASE(assert_fails),
	KUNIT_CASE(fail_macro_fails),
	KUNIT_CASE(null_fails),
	KUNIT_CASE_PARAM(one_param_fails, values_gen_params),
	KUNIT_CASE(kthread_expect_fails),
	KUNIT_CASE(work_fail_current_fails),
	KUNIT_CASE(exit_ran_after_abort_passes),
	KUNIT_CASE(plain_passes),
	KUNIT_CASE(skip_skips),
	{}
};

static struct kunit_suite fails_suite = {
	.name = "kunit_fails",
	.exit = fails_exit,
	.test_cases = fails_cases,
};

/* init failing: every case of the suite fails without running. */
static int refusing_init(struct kunit *test)
{
	return -EINVAL;
}

static void init_refused_fails(struct kunit *test)
{
	KUNIT_FAIL(test, "ran although init failed");
}

static struct kunit_case init_cases[] = {
	KUNIT_CASE(init_refused_fails),
	{}
};

static struct kunit_suite init_suite = {
	.name = "kunit_fails_init",
	.init = refusing_init,
	.test_cases = init_cases,
};

/* suite_init failing: the suite fails as a whole, no case runs. */
static int refusing_suite_init(struct kunit_suite *suite)
{
	return -ENODEV;
}

static struct kunit_suite suite_init_suite = {
	.name = "kunit_fails_suite_init",
	.suite_init = refusing_suite_init,
	.test_cases = init_cases,
};

/* A suite whose every case skips is itself skipped. */
static struct kunit_case skipped_cases[] = {
	KUNIT_CASE(skip_skips),
	{}
};

static struct kunit_suite skipped_suite = {
	.name = "kunit_fails_all_skipped",
	.test_cases = skipped_cases,
};

kunit_test_suites(&fails_suite, &init_suite, &suite_init_suite, &skipped_suite);

MODULE_LICENSE("GPL");
