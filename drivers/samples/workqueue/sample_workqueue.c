// SPDX-License-Identifier: GPL-2.0
/*
 * sample_workqueue.c - deferring work to process context: allocate a
 * private workqueue, queue a work item and a delayed work item on it, and
 * wait for both before init returns.  Unload cancels and destroys it all.
 *
 *   ./ksim drivers/samples/workqueue/sample_workqueue.ko delay_ms=100
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

static unsigned int delay_ms = 50;
module_param(delay_ms, uint, 0444);
MODULE_PARM_DESC(delay_ms, "Delay of the delayed work item in milliseconds (default 50)");

struct sample_ctx {
	struct work_struct work;
	struct delayed_work dwork;
	struct completion dwork_done;
	unsigned long queued_at;	/* jiffies */
};

static struct workqueue_struct *sample_wq;
static struct sample_ctx *ctx;

static void sample_work_fn(struct work_struct *work)
{
	struct sample_ctx *c = container_of(work, struct sample_ctx, work);

	pr_info("work item runs on %s, %u ms after queueing\n",
		current->comm, jiffies_to_msecs(jiffies - c->queued_at));
}

static void sample_dwork_fn(struct work_struct *work)
{
	struct sample_ctx *c = container_of(to_delayed_work(work),
					    struct sample_ctx, dwork);

	pr_info("delayed work runs on %s, %u ms after queueing (asked for %u ms)\n",
		current->comm, jiffies_to_msecs(jiffies - c->queued_at),
		delay_ms);
	complete(&c->dwork_done);
}

static int __init sample_workqueue_init(void)
{
	int ret = -ENOMEM;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	INIT_WORK(&ctx->work, sample_work_fn);
	INIT_DELAYED_WORK(&ctx->dwork, sample_dwork_fn);
	init_completion(&ctx->dwork_done);

	sample_wq = alloc_workqueue("sample_wq", WQ_UNBOUND, 0);
	if (!sample_wq)
		goto free_ctx;

	ctx->queued_at = jiffies;
	queue_work(sample_wq, &ctx->work);
	queue_delayed_work(sample_wq, &ctx->dwork, msecs_to_jiffies(delay_ms));

	/* flush_work() returns once the item has run. */
	flush_work(&ctx->work);
	pr_info("work item done\n");
	/* The delayed one tells us itself; flushing it would run it early. */
	wait_for_completion(&ctx->dwork_done);
	flush_workqueue(sample_wq);
	pr_info("delayed work done, %u ms after init queued it\n",
		jiffies_to_msecs(jiffies - ctx->queued_at));
	return 0;

free_ctx:
	kfree(ctx);
	return ret;
}

static void __exit sample_workqueue_exit(void)
{
	cancel_delayed_work_sync(&ctx->dwork);
	cancel_work_sync(&ctx->work);
	destroy_workqueue(sample_wq);
	kfree(ctx);
	pr_info("workqueue destroyed\n");
}

module_init(sample_workqueue_init);
module_exit(sample_workqueue_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("ksim developers");
MODULE_DESCRIPTION("Sample: a private workqueue with a work item and a delayed work item");
