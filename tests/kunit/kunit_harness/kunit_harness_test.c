// SPDX-License-Identifier: GPL-2.0
/*
 * kunit_harness_test.c - what ksim adds to KUnit: a report the harness
 * makes while a case runs fails that case, whichever thread made it (the
 * case's own, a kthread, a work item, a timer), and memory the module
 * allocated during a case and did not free is that case's leak.  The
 * expected verdict is in each name; tests/integration/kunit.sh checks
 * them and that ksim exits 1 (reports were made).
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

static DECLARE_COMPLETION(warned);

static int warn_thread(void *data)
{
	WARN(1, "kunit_harness: WARN in a kthread\n");
	complete(&warned);
	return 0;
}

static void warn_in_kthread_fails(struct kunit *test)
{
	struct task_struct *t = kthread_run(warn_thread, NULL, "kunit_warner");

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	/* kthread_stop() before the thread ran would keep it from running. */
	wait_for_completion(&warned);
	kthread_stop(t);
}

static void warn_work_fn(struct work_struct *work)
{
	WARN(1, "kunit_harness: WARN in a work item\n");
}

static void warn_in_work_fails(struct kunit *test)
{
	struct work_struct work;

	INIT_WORK_ONSTACK(&work, warn_work_fn);
	schedule_work(&work);
	flush_work(&work);
	destroy_work_on_stack(&work);
}

struct timer_ctx {
	struct timer_list timer;
	struct completion done;
};

static void warn_timer_fn(struct timer_list *t)
{
	struct timer_ctx *ctx = from_timer(ctx, t, timer);

	WARN(1, "kunit_harness: WARN in a timer callback\n");
	complete(&ctx->done);
}

static void warn_in_timer_fails(struct kunit *test)
{
	struct timer_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, ctx);
	init_completion(&ctx->done);
	timer_setup(&ctx->timer, warn_timer_fn, 0);
	mod_timer(&ctx->timer, jiffies + 1);
	wait_for_completion(&ctx->done);
	del_timer_sync(&ctx->timer);
}

static DEFINE_SPINLOCK(harness_lock);

static void sleep_in_atomic_fails(struct kunit *test)
{
	spin_lock(&harness_lock);
	msleep(1);
	spin_unlock(&harness_lock);
}

static void *leaked;

static void leak_fails(struct kunit *test)
{
	leaked = kmalloc(40, GFP_KERNEL);
	KUNIT_EXPECT_NOT_NULL(test, leaked);
}

/* Reports of earlier cases do not spill into later ones. */
static void clean_after_reports_passes(struct kunit *test)
{
	void *p = kmalloc(16, GFP_KERNEL);

	KUNIT_EXPECT_NOT_NULL(test, p);
	kfree(p);
}

static struct kunit_case harness_cases[] = {
	KUNIT_CASE(warn_in_kthread_fails),
	KUNIT_CASE(warn_in_work_fails),
	KUNIT_CASE(warn_in_timer_fails),
	KUNIT_CASE(sleep_in_atomic_fails),
	KUNIT_CASE(leak_fails),
	KUNIT_CASE(clean_after_reports_passes),
	{}
};

static struct kunit_suite harness_suite = {
	.name = "kunit_harness",
	.test_cases = harness_cases,
};

kunit_test_suite(harness_suite);

MODULE_LICENSE("GPL");
