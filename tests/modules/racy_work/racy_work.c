// SPDX-License-Identifier: GPL-2.0
/*
 * A work item that reads state its queuer writes after queueing it.  init
 * queues the work, then allocates the buffer the work will fill: if the
 * worker runs in between (the allocation may sleep), it finds no buffer.
 * A defensive WARN_ON in the work catches it, as it would in the kernel.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>
#include <linux/workqueue.h>
#include <linux/slab.h>
#include <linux/string.h>

struct racy_dev {
	struct work_struct fill;
	char *buf;
};

static struct racy_dev *dev;

static void fill_fn(struct work_struct *work)
{
	struct racy_dev *d = container_of(work, struct racy_dev, fill);

	if (WARN_ON(!READ_ONCE(d->buf)))
		return;
	strscpy(d->buf, "filled", 16);
}

static int __init racy_work_init(void)
{
	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return -ENOMEM;
	INIT_WORK(&dev->fill, fill_fn);
	schedule_work(&dev->fill);
	/* BUG: the work may already run; the buffer had to exist first. */
	WRITE_ONCE(dev->buf, kzalloc(16, GFP_KERNEL));
	if (!dev->buf) {
		cancel_work_sync(&dev->fill);
		kfree(dev);
		return -ENOMEM;
	}
	flush_work(&dev->fill);
	pr_info("buffer: %s\n", dev->buf[0] ? dev->buf : "(empty)");
	return 0;
}

static void __exit racy_work_exit(void)
{
	cancel_work_sync(&dev->fill);
	kfree(dev->buf);
	kfree(dev);
}

module_init(racy_work_init);
module_exit(racy_work_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ksim test: a work item racing with its queuer");
