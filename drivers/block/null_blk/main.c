// SPDX-License-Identifier: GPL-2.0
/*
 * null_blk for ksim: a block device that does no I/O, or keeps its data in
 * memory.  It measures the block layer's own cost per request and gives
 * tests a disk with no device model under it.
 *
 * Parameters follow the kernel's null_blk (subset):
 *   nr_devices       disks nullb0..nullbN-1 (1)
 *   gb               size of each disk in GiB (1)
 *   bs               logical block size (512)
 *   submit_queues    interrupt-style hardware queues (0: one per CPU)
 *   poll_queues      polled hardware queues, reaped by ->poll (0)
 *   hw_queue_depth   tags per hardware queue (64)
 *   irqmode          0: end each request inside ->queue_rq;
 *                    1 (softirq): end it from a timer callback (softirq
 *                    context) at the next tick;
 *                    2 (timer): end it completion_nsec later, from a timer
 *                    (ksim has no hrtimer: rounded up to a jiffy)
 *   completion_nsec  delay for irqmode=2 (10000)
 *   memory_backed    keep written data (4 KiB pages in an idr keyed by
 *                    page index), so a read returns the last write (0)
 *
 * Reads of a block never written return zeroes.  Flush does nothing (the
 * memory is the medium).  Discard and write zeroes are not offered.
 */
#define pr_fmt(fmt) "null_blk: " fmt

#include <linux/blk-mq.h>
#include <linux/blkdev.h>
#include <linux/idr.h>
#include <linux/jiffies.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/timer.h>

#define NULLB_PAGE_SHIFT	12
#define NULLB_PAGE_SIZE		(1U << NULLB_PAGE_SHIFT)
#define NULLB_PAGE_SECTORS	(NULLB_PAGE_SIZE >> SECTOR_SHIFT)

enum {
	NULL_IRQ_NONE		= 0,
	NULL_IRQ_SOFTIRQ	= 1,
	NULL_IRQ_TIMER		= 2,
};

static unsigned int nr_devices = 1;
module_param(nr_devices, uint, 0444);
MODULE_PARM_DESC(nr_devices, "Number of devices to register");

static unsigned long gb = 1;
module_param(gb, ulong, 0444);
MODULE_PARM_DESC(gb, "Size in GB");

static unsigned int bs = 512;
module_param(bs, uint, 0444);
MODULE_PARM_DESC(bs, "Block size (in bytes)");

static unsigned int submit_queues;
module_param(submit_queues, uint, 0444);
MODULE_PARM_DESC(submit_queues, "Number of submission queues (0: one per CPU)");

static unsigned int poll_queues;
module_param(poll_queues, uint, 0444);
MODULE_PARM_DESC(poll_queues, "Number of IOPOLL submission queues");

static unsigned int hw_queue_depth = 64;
module_param(hw_queue_depth, uint, 0444);
MODULE_PARM_DESC(hw_queue_depth, "Queue depth for each hardware queue. Default: 64");

static unsigned int irqmode = NULL_IRQ_NONE;
module_param(irqmode, uint, 0444);
MODULE_PARM_DESC(irqmode, "IRQ completion handler. 0-none, 1-softirq, 2-timer");

static unsigned long completion_nsec = 10000;
module_param(completion_nsec, ulong, 0444);
MODULE_PARM_DESC(completion_nsec, "Time in ns to complete a request in hardware. Default: 10,000ns");

static bool memory_backed;
/*
 * module_param(memory_backed, bool, 0444) does not build in ksim yet: its
 * linux/types.h takes bool from <stdbool.h>, a macro that expands to _Bool
 * on the way into module_param_named().  One level down, it pastes as is.
 */
module_param_named(memory_backed, memory_backed, bool, 0444);
MODULE_PARM_DESC(memory_backed, "Create a memory-backed block device. Default: false");

struct nullb_queue {
	spinlock_t lock;
	struct list_head pending;	/* ended by the timer or ->poll */
	struct timer_list timer;
	struct nullb *nullb;
};

/* Per request (tag set cmd_size). */
struct nullb_cmd {
	struct list_head list;
	blk_status_t error;
};

struct nullb {
	unsigned int index;
	struct gendisk *disk;
	struct blk_mq_tag_set tag_set;
	struct nullb_queue *queues;
	unsigned int nr_queues;
	spinlock_t pages_lock;		/* protects pages */
	struct idr pages;		/* page index -> NULLB_PAGE_SIZE bytes */
};

static struct nullb **nullbs;
static unsigned int nr_nullbs;

/* ---- memory backing ---- */

static void *nullb_page(struct nullb *nullb, unsigned long idx, bool alloc,
			blk_status_t *error)
{
	void *page, *fresh;
	int ret;

	spin_lock(&nullb->pages_lock);
	page = idr_find(&nullb->pages, idx);
	spin_unlock(&nullb->pages_lock);
	if (page || !alloc)
		return page;

	/* ->queue_rq must not sleep: no reclaim, fail the write instead. */
	fresh = kzalloc(NULLB_PAGE_SIZE, GFP_NOWAIT);
	if (!fresh)
		goto nomem;
	spin_lock(&nullb->pages_lock);
	page = idr_find(&nullb->pages, idx);
	if (!page) {
		ret = idr_alloc(&nullb->pages, fresh, idx, idx + 1, GFP_NOWAIT);
		if (ret >= 0) {
			page = fresh;
			fresh = NULL;
		}
	}
	spin_unlock(&nullb->pages_lock);
	kfree(fresh);
	if (page)
		return page;
nomem:
	*error = BLK_STS_RESOURCE;
	return NULL;
}

/* Copy one bvec's worth to or from the backing pages. */
static blk_status_t nullb_transfer(struct nullb *nullb, void *buf, unsigned int len,
				   sector_t sector, bool is_write)
{
	blk_status_t error = BLK_STS_OK;

	while (len) {
		unsigned long idx = sector >> (NULLB_PAGE_SHIFT - SECTOR_SHIFT);
		unsigned int off = (sector & (NULLB_PAGE_SECTORS - 1)) << SECTOR_SHIFT;
		unsigned int chunk = min_t(unsigned int, len, NULLB_PAGE_SIZE - off);
		char *page = nullb_page(nullb, idx, is_write, &error);

		if (error)
			return error;
		if (is_write)
			memcpy(page + off, buf, chunk);
		else if (page)
			memcpy(buf, page + off, chunk);
		else
			memset(buf, 0, chunk);
		buf = (char *)buf + chunk;
		len -= chunk;
		sector += chunk >> SECTOR_SHIFT;
	}
	return BLK_STS_OK;
}

static blk_status_t nullb_handle_rw(struct nullb *nullb, struct request *rq)
{
	bool is_write = req_op(rq) == REQ_OP_WRITE;
	sector_t sector = blk_rq_pos(rq);
	struct req_iterator iter;
	struct bio_vec bvec;
	blk_status_t error;

	rq_for_each_segment(bvec, rq, iter) {
		error = nullb_transfer(nullb, bvec_virt(&bvec), bvec.bv_len, sector,
				       is_write);
		if (error)
			return error;
		sector += bvec.bv_len >> SECTOR_SHIFT;
	}
	return BLK_STS_OK;
}

static blk_status_t nullb_handle(struct nullb *nullb, struct request *rq)
{
	switch (req_op(rq)) {
	case REQ_OP_READ:
	case REQ_OP_WRITE:
		return memory_backed ? nullb_handle_rw(nullb, rq) : BLK_STS_OK;
	case REQ_OP_FLUSH:
		return BLK_STS_OK;
	default:
		return BLK_STS_NOTSUPP;
	}
}

static void nullb_free_pages(struct nullb *nullb)
{
	void *page;
	int id;

	idr_for_each_entry(&nullb->pages, page, id)
		kfree(page);
	idr_destroy(&nullb->pages);
}

/* ---- completion ---- */

static void null_complete_rq(struct request *rq)
{
	struct nullb_cmd *cmd = blk_mq_rq_to_pdu(rq);

	blk_mq_end_request(rq, cmd->error);
}

/* Softirq and timer modes: end everything queued so far on this queue. */
static void nullb_timer_fn(struct timer_list *t)
{
	struct nullb_queue *nq = from_timer(nq, t, timer);
	struct nullb_cmd *cmd, *next;
	unsigned long flags;
	LIST_HEAD(done);

	spin_lock_irqsave(&nq->lock, flags);
	list_splice_init(&nq->pending, &done);
	spin_unlock_irqrestore(&nq->lock, flags);

	list_for_each_entry_safe(cmd, next, &done, list) {
		list_del_init(&cmd->list);
		blk_mq_complete_request(blk_mq_rq_from_pdu(cmd));
	}
}

static void nullb_defer(struct nullb_queue *nq, struct nullb_cmd *cmd, bool polled)
{
	unsigned long delay = 0, flags;

	if (irqmode == NULL_IRQ_TIMER)
		delay = max_t(unsigned long, 1, nsecs_to_jiffies(completion_nsec));
	spin_lock_irqsave(&nq->lock, flags);
	list_add_tail(&cmd->list, &nq->pending);
	if (!polled && !timer_pending(&nq->timer))
		mod_timer(&nq->timer, jiffies + delay);
	spin_unlock_irqrestore(&nq->lock, flags);
}

static int null_poll(struct blk_mq_hw_ctx *hctx, struct io_comp_batch *iob)
{
	struct nullb_queue *nq = hctx->driver_data;
	struct nullb_cmd *cmd, *next;
	LIST_HEAD(done);
	int nr = 0;

	spin_lock(&nq->lock);
	list_splice_init(&nq->pending, &done);
	spin_unlock(&nq->lock);

	list_for_each_entry_safe(cmd, next, &done, list) {
		list_del_init(&cmd->list);
		blk_mq_end_request(blk_mq_rq_from_pdu(cmd), cmd->error);
		nr++;
	}
	return nr;
}

static blk_status_t null_queue_rq(struct blk_mq_hw_ctx *hctx,
				  const struct blk_mq_queue_data *bd)
{
	struct nullb_queue *nq = hctx->driver_data;
	struct request *rq = bd->rq;
	struct nullb_cmd *cmd = blk_mq_rq_to_pdu(rq);
	bool polled = hctx->type == HCTX_TYPE_POLL;

	blk_mq_start_request(rq);
	cmd->error = nullb_handle(nq->nullb, rq);
	if (polled || irqmode != NULL_IRQ_NONE) {
		nullb_defer(nq, cmd, polled);
		return BLK_STS_OK;
	}
	blk_mq_end_request(rq, cmd->error);
	return BLK_STS_OK;
}

static int null_init_hctx(struct blk_mq_hw_ctx *hctx, void *driver_data,
			  unsigned int hctx_idx)
{
	struct nullb *nullb = driver_data;

	hctx->driver_data = &nullb->queues[hctx_idx];
	return 0;
}

static void null_map_queues(struct blk_mq_tag_set *set)
{
	unsigned int nr_submit = set->nr_hw_queues - poll_queues;
	unsigned int i;

	for (i = 0; i < set->nr_maps; i++) {
		struct blk_mq_queue_map *map = &set->map[i];

		switch (i) {
		case HCTX_TYPE_DEFAULT:
		case HCTX_TYPE_READ:	/* reads share the default queues */
			map->nr_queues = nr_submit;
			map->queue_offset = 0;
			break;
		case HCTX_TYPE_POLL:
			map->nr_queues = poll_queues;
			map->queue_offset = nr_submit;
			break;
		}
		if (map->nr_queues)
			blk_mq_map_queues(map);
	}
}

static const struct blk_mq_ops null_mq_ops = {
	.queue_rq	= null_queue_rq,
	.complete	= null_complete_rq,
	.init_hctx	= null_init_hctx,
	.map_queues	= null_map_queues,
	.poll		= null_poll,
};

static const struct block_device_operations null_bdev_ops = {
	.owner		= THIS_MODULE,
};

/* ---- devices ---- */

static void nullb_free_queues(struct nullb *nullb)
{
	unsigned int i;

	for (i = 0; i < nullb->nr_queues; i++)
		del_timer_sync(&nullb->queues[i].timer);
	kfree(nullb->queues);
}

static int nullb_init_queues(struct nullb *nullb, unsigned int nr)
{
	unsigned int i;

	nullb->queues = kcalloc(nr, sizeof(*nullb->queues), GFP_KERNEL);
	if (!nullb->queues)
		return -ENOMEM;
	nullb->nr_queues = nr;
	for (i = 0; i < nr; i++) {
		struct nullb_queue *nq = &nullb->queues[i];

		spin_lock_init(&nq->lock);
		INIT_LIST_HEAD(&nq->pending);
		timer_setup(&nq->timer, nullb_timer_fn, 0);
		nq->nullb = nullb;
	}
	return 0;
}

static int nullb_setup_tag_set(struct nullb *nullb, unsigned int nr_submit)
{
	struct blk_mq_tag_set *set = &nullb->tag_set;

	set->ops = &null_mq_ops;
	set->nr_hw_queues = nr_submit + poll_queues;
	set->nr_maps = poll_queues ? HCTX_MAX_TYPES : 1;
	set->queue_depth = hw_queue_depth;
	set->numa_node = NUMA_NO_NODE;
	set->cmd_size = sizeof(struct nullb_cmd);
	set->flags = BLK_MQ_F_SHOULD_MERGE;
	set->driver_data = nullb;
	return blk_mq_alloc_tag_set(set);
}

static void nullb_destroy(struct nullb *nullb)
{
	pr_info("disk %s deleted\n", nullb->disk->disk_name);
	del_gendisk(nullb->disk);
	put_disk(nullb->disk);
	blk_mq_free_tag_set(&nullb->tag_set);
	nullb_free_queues(nullb);
	nullb_free_pages(nullb);
	kfree(nullb);
}

static int nullb_create(unsigned int index, unsigned int nr_submit)
{
	struct request_queue *q;
	struct nullb *nullb;
	int ret;

	nullb = kzalloc(sizeof(*nullb), GFP_KERNEL);
	if (!nullb)
		return -ENOMEM;
	nullb->index = index;
	spin_lock_init(&nullb->pages_lock);
	idr_init(&nullb->pages);

	ret = nullb_init_queues(nullb, nr_submit + poll_queues);
	if (ret)
		goto out_free_nullb;
	ret = nullb_setup_tag_set(nullb, nr_submit);
	if (ret)
		goto out_free_queues;
	nullb->disk = blk_mq_alloc_disk(&nullb->tag_set, nullb);
	if (IS_ERR(nullb->disk)) {
		ret = PTR_ERR(nullb->disk);
		goto out_free_tag_set;
	}
	q = nullb->disk->queue;
	blk_queue_logical_block_size(q, bs);
	blk_queue_physical_block_size(q, bs);
	blk_queue_write_cache(q, true, true);
	set_capacity(nullb->disk, (sector_t)gb << (30 - SECTOR_SHIFT));
	nullb->disk->fops = &null_bdev_ops;
	nullb->disk->private_data = nullb;
	snprintf(nullb->disk->disk_name, DISK_NAME_LEN, "nullb%u", index);

	ret = add_disk(nullb->disk);
	if (ret)
		goto out_put_disk;
	nullbs[index] = nullb;
	pr_info("disk %s created\n", nullb->disk->disk_name);
	return 0;

out_put_disk:
	put_disk(nullb->disk);
out_free_tag_set:
	blk_mq_free_tag_set(&nullb->tag_set);
out_free_queues:
	nullb_free_queues(nullb);
out_free_nullb:
	kfree(nullb);
	return ret;
}

static int nullb_check_params(void)
{
	if (bs < 512 || bs > 4096 || (bs & (bs - 1))) {
		pr_err("invalid block size %u\n", bs);
		return -EINVAL;
	}
	if (irqmode > NULL_IRQ_TIMER) {
		pr_err("invalid irqmode %u\n", irqmode);
		return -EINVAL;
	}
	if (!gb || !nr_devices || !hw_queue_depth || hw_queue_depth > BLK_MQ_MAX_DEPTH) {
		pr_err("invalid gb, nr_devices or hw_queue_depth\n");
		return -EINVAL;
	}
	return 0;
}

static int __init null_init(void)
{
	unsigned int i, nr_submit = submit_queues;
	int ret;

	ret = nullb_check_params();
	if (ret)
		return ret;
	if (!nr_submit || nr_submit > nr_cpu_ids)
		nr_submit = nr_cpu_ids;
	if (poll_queues > nr_cpu_ids)
		poll_queues = nr_cpu_ids;

	nullbs = kcalloc(nr_devices, sizeof(*nullbs), GFP_KERNEL);
	if (!nullbs)
		return -ENOMEM;
	for (i = 0; i < nr_devices; i++) {
		ret = nullb_create(i, nr_submit);
		if (ret)
			goto out_destroy;
		nr_nullbs++;
	}
	pr_info("module loaded\n");
	return 0;

out_destroy:
	while (nr_nullbs)
		nullb_destroy(nullbs[--nr_nullbs]);
	kfree(nullbs);
	return ret;
}

static void __exit null_exit(void)
{
	while (nr_nullbs)
		nullb_destroy(nullbs[--nr_nullbs]);
	kfree(nullbs);
}

module_init(null_init);
module_exit(null_exit);

MODULE_AUTHOR("ksim");
MODULE_DESCRIPTION("null block device for ksim (memory backing, irq modes, poll queues)");
MODULE_LICENSE("GPL");
