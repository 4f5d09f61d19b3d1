// SPDX-License-Identifier: GPL-2.0
/*
 * sample_timer.c - a timer_list that re-arms itself: it ticks @count times
 * every @interval_ms in softirq context, then completes a completion that
 * init waits for.  Unload makes sure it can never run again.
 *
 *   ./ksim drivers/samples/timer/sample_timer.ko count=3
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/timer.h>

static unsigned int count = 5;
module_param(count, uint, 0444);
MODULE_PARM_DESC(count, "How many times the timer fires (default 5)");

static unsigned int interval_ms = 20;
module_param(interval_ms, uint, 0444);
MODULE_PARM_DESC(interval_ms, "Milliseconds between two ticks (default 20)");

struct sample_timer {
	struct timer_list timer;
	unsigned int ticks;
	ktime_t start;
	struct completion done;
};

static struct sample_timer st;

static void sample_timer_fn(struct timer_list *t)
{
	struct sample_timer *s = from_timer(s, t, timer);

	s->ticks++;
	pr_info("tick %u at %lld ms (in_softirq: %d)\n", s->ticks,
		ktime_ms_delta(ktime_get(), s->start), in_softirq() ? 1 : 0);
	if (s->ticks < count)
		mod_timer(&s->timer, jiffies + msecs_to_jiffies(interval_ms));
	else
		complete(&s->done);
}

static int __init sample_timer_init(void)
{
	if (!count)
		return -EINVAL;
	timer_setup(&st.timer, sample_timer_fn, 0);
	init_completion(&st.done);
	st.start = ktime_get();
	mod_timer(&st.timer, jiffies + msecs_to_jiffies(interval_ms));

	wait_for_completion(&st.done);
	pr_info("%u ticks in %lld ms (every %u ms asked)\n", st.ticks,
		ktime_ms_delta(ktime_get(), st.start), interval_ms);
	return 0;
}

static void __exit sample_timer_exit(void)
{
	/* Not pending any more, but a timer is always stopped this way. */
	del_timer_sync(&st.timer);
	pr_info("timer stopped after %u ticks\n", st.ticks);
}

module_init(sample_timer_init);
module_exit(sample_timer_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("ksim developers");
MODULE_DESCRIPTION("Sample: a self re-arming timer_list");
