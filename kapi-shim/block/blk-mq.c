// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/block/blk-mq.c - the multi-queue block layer, Linux 6.1
 * semantics: tag sets with preallocated requests, hardware queue contexts,
 * direct dispatch to ->queue_rq, requeue, quiesce, freeze, timeouts.
 *
 * The hot path takes no lock shared between hardware queues and allocates
 * nothing: a tag is a bit in its hardware queue's bitmap, taken with an
 * atomic, and the request it names was built when the tag set was.
 */
#include <linux/blk-mq.h>
#include <linux/blk-mq-pci.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/export.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/delay.h>
#include <linux/hardirq.h>
#include <linux/printk.h>

#include "sim/host.h"
#include "internal.h"
#include "ksim/report.h"
#include "blk.h"

#define BLK_MQ_RESOURCE_DELAY	3	/* ms: rerun after BLK_STS_RESOURCE */
#define BLK_MQ_DEFAULT_TIMEOUT	(30 * HZ)
#define BITS_PER_UL		(8 * sizeof(unsigned long))

/* ---- tags ---- */

static struct blk_mq_tags *blk_mq_alloc_tags(struct blk_mq_tag_set *set,
					     unsigned int hctx_idx)
{
	unsigned int depth = set->queue_depth, i;
	struct blk_mq_tags *tags;
	size_t rq_size;
	char *mem;

	tags = kzalloc(sizeof(*tags), GFP_KERNEL);
	if (!tags)
		return NULL;
	tags->nr_tags = depth;
	tags->nr_reserved_tags = set->reserved_tags;
	init_waitqueue_head(&tags->wait);
	tags->bitmap = kcalloc(BITS_TO_LONGS(depth), sizeof(long), GFP_KERNEL);
	tags->rqs = kcalloc(depth, sizeof(*tags->rqs), GFP_KERNEL);
	/* request, then the driver's pdu: one cache-aligned, zeroed slot */
	rq_size = ALIGN(sizeof(struct request) + set->cmd_size, 64);
	tags->rq_size = rq_size;
	tags->rq_mem = vzalloc(rq_size * depth);
	/*
	 * The bvec tables are most of the memory (2 KiB a request) and are
	 * always written before they are read: left unzeroed, a deep tag set
	 * costs only the pages its requests actually use.
	 */
	tags->vec_mem = vmalloc(array_size(depth, KSIM_RQ_MAX_VECS * sizeof(struct bio_vec)));
	if (!tags->bitmap || !tags->rqs || !tags->rq_mem || !tags->vec_mem)
		goto free;
	for (i = 0, mem = tags->rq_mem; i < depth; i++, mem += rq_size) {
		struct request *rq = (struct request *)mem;

		rq->tag = i;
		rq->internal_tag = BLK_MQ_NO_TAG;
		rq->ksim_vecs = tags->vec_mem + (size_t)i * KSIM_RQ_MAX_VECS;
		rq->ksim_max_vecs = KSIM_RQ_MAX_VECS;
		INIT_LIST_HEAD(&rq->queuelist);
		tags->rqs[i] = rq;
	}
	return tags;
free:
	vfree(tags->vec_mem);
	vfree(tags->rq_mem);
	kfree(tags->rqs);
	kfree(tags->bitmap);
	kfree(tags);
	return NULL;
}

static void blk_mq_free_tags(struct blk_mq_tag_set *set, struct blk_mq_tags *tags,
			     unsigned int hctx_idx, unsigned int nr_init)
{
	unsigned int i;

	if (!tags)
		return;
	if (set->ops->exit_request)
		for (i = 0; i < nr_init; i++)
			set->ops->exit_request(set, tags->rqs[i], hctx_idx);
	vfree(tags->vec_mem);
	vfree(tags->rq_mem);
	kfree(tags->rqs);
	kfree(tags->bitmap);
	kfree(tags);
}

/* Take a free tag in [lo, hi), or return -1. */
static int blk_mq_try_tag(struct blk_mq_tags *tags, unsigned int lo,
			  unsigned int hi)
{
	unsigned int n = hi - lo, start, k;

	if (!n)
		return -1;
	start = __atomic_load_n(&tags->hint, __ATOMIC_RELAXED);
	if (start < lo || start >= hi)
		start = lo;
	for (k = 0; k < n; k++) {
		unsigned int t = start + k;
		unsigned long *word, bit, old;

		if (t >= hi)
			t -= n;
		word = &tags->bitmap[t / BITS_PER_UL];
		bit = 1UL << (t % BITS_PER_UL);
		old = __atomic_load_n(word, __ATOMIC_RELAXED);
		if (old & bit)
			continue;
		old = __atomic_fetch_or(word, bit, __ATOMIC_ACQUIRE);
		if (old & bit)
			continue;
		__atomic_store_n(&tags->hint, t + 1 < hi ? t + 1 : lo,
				 __ATOMIC_RELAXED);
		return t;
	}
	return -1;
}

static int blk_mq_get_tag(struct blk_mq_tags *tags, bool reserved)
{
	if (reserved)
		return blk_mq_try_tag(tags, 0, tags->nr_reserved_tags);
	return blk_mq_try_tag(tags, tags->nr_reserved_tags, tags->nr_tags);
}

static void blk_mq_put_tag(struct blk_mq_tags *tags, unsigned int tag)
{
	__atomic_fetch_and(&tags->bitmap[tag / BITS_PER_UL],
			   ~(1UL << (tag % BITS_PER_UL)), __ATOMIC_SEQ_CST);
	if (wq_has_sleeper(&tags->wait))
		wake_up(&tags->wait);
}

struct request *blk_mq_tag_to_rq(struct blk_mq_tags *tags, unsigned int tag)
{
	if (tag < tags->nr_tags)
		return tags->rqs[tag];
	return NULL;
}
EXPORT_SYMBOL(blk_mq_tag_to_rq);

u32 blk_mq_unique_tag(struct request *rq)
{
	return (rq->mq_hctx->queue_num << BLK_MQ_UNIQUE_TAG_BITS) |
		(rq->tag & BLK_MQ_UNIQUE_TAG_MASK);
}
EXPORT_SYMBOL(blk_mq_unique_tag);

/* A started, not yet freed request (what busy_iter and timeouts look at). */
static struct request *blk_mq_busy_rq(struct blk_mq_tags *tags, unsigned int tag)
{
	unsigned long w = __atomic_load_n(&tags->bitmap[tag / BITS_PER_UL],
					  __ATOMIC_ACQUIRE);
	struct request *rq = tags->rqs[tag];

	/*
	 * The tag bit is set before the submitter initializes the request:
	 * look at its state first, and read ->q atomically (blk_mq_rq_init
	 * writes it so), as this may run beside a request being reused.
	 */
	if (!(w & (1UL << (tag % BITS_PER_UL))) || blk_mq_rq_state(rq) == MQ_RQ_IDLE)
		return NULL;
	if (!__atomic_load_n(&rq->q, __ATOMIC_RELAXED))
		return NULL;
	return rq;
}

void blk_mq_tagset_busy_iter(struct blk_mq_tag_set *set, busy_tag_iter_fn *fn,
			     void *priv)
{
	unsigned int i, t;

	for (i = 0; i < set->nr_hw_queues; i++) {
		struct blk_mq_tags *tags = set->tags ? set->tags[i] : NULL;

		if (!tags)
			continue;
		for (t = 0; t < tags->nr_tags; t++) {
			struct request *rq = blk_mq_busy_rq(tags, t);

			if (!rq || !atomic_inc_not_zero(&rq->ref))
				continue;
			if (blk_mq_request_started(rq) && !fn(rq, priv)) {
				blk_mq_free_request(rq);
				return;
			}
			blk_mq_free_request(rq);
		}
	}
}
EXPORT_SYMBOL(blk_mq_tagset_busy_iter);

static bool blk_mq_tagset_count_completed_rqs(struct request *rq, void *data)
{
	unsigned int *count = data;

	if (blk_mq_request_completed(rq))
		(*count)++;
	return true;
}

void blk_mq_tagset_wait_completed_request(struct blk_mq_tag_set *set)
{
	for (;;) {
		unsigned int count = 0;

		blk_mq_tagset_busy_iter(set, blk_mq_tagset_count_completed_rqs,
					&count);
		if (!count)
			break;
		msleep(5);
	}
}
EXPORT_SYMBOL(blk_mq_tagset_wait_completed_request);

/* ---- tag sets ---- */

void blk_mq_map_queues(struct blk_mq_queue_map *qmap)
{
	unsigned int cpu;

	if (!qmap->nr_queues)
		return;
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		qmap->mq_map[cpu] = qmap->queue_offset + cpu % qmap->nr_queues;
}
EXPORT_SYMBOL_GPL(blk_mq_map_queues);

void blk_mq_pci_map_queues(struct blk_mq_queue_map *qmap, struct pci_dev *pdev,
			   int offset)
{
	/* ksim has no irq affinity to follow: spread evenly. */
	blk_mq_map_queues(qmap);
}
EXPORT_SYMBOL_GPL(blk_mq_pci_map_queues);

static void blk_mq_update_queue_map(struct blk_mq_tag_set *set)
{
	unsigned int i;

	if (set->nr_maps == 1)
		set->map[HCTX_TYPE_DEFAULT].nr_queues = set->nr_hw_queues;
	for (i = 0; i < set->nr_maps; i++)
		memset(set->map[i].mq_map, 0, sizeof(unsigned int) * nr_cpu_ids);
	if (set->ops->map_queues)
		set->ops->map_queues(set);
	else
		blk_mq_map_queues(&set->map[HCTX_TYPE_DEFAULT]);
	/*
	 * A map entry past nr_hw_queues would index queue_hw_ctx[] out of
	 * bounds on every I/O from that CPU (the kernel would not survive it
	 * either): report the driver's map_queues and send that CPU to queue 0.
	 */
	for (i = 0; i < set->nr_maps; i++) {
		unsigned int cpu;

		for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
			if (WARN(set->map[i].mq_map[cpu] >= set->nr_hw_queues,
				 "blk-mq: map %u sends CPU %u to hardware queue %u of %u\n",
				 i, cpu, set->map[i].mq_map[cpu], set->nr_hw_queues))
				set->map[i].mq_map[cpu] = 0;
		}
	}
}

static void blk_mq_free_maps(struct blk_mq_tag_set *set)
{
	unsigned int i;

	for (i = 0; i < HCTX_MAX_TYPES; i++) {
		kfree(set->map[i].mq_map);
		set->map[i].mq_map = NULL;
	}
}

static void blk_mq_free_set_tags(struct blk_mq_tag_set *set, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		blk_mq_free_tags(set, set->tags[i], i, set->tags[i] ?
				 set->tags[i]->nr_tags : 0);
	kfree(set->tags);
	set->tags = NULL;
}

static int blk_mq_init_set_tags(struct blk_mq_tag_set *set)
{
	unsigned int i, r;
	int ret;

	for (i = 0; i < set->nr_hw_queues; i++) {
		set->tags[i] = blk_mq_alloc_tags(set, i);
		if (!set->tags[i]) {
			ret = -ENOMEM;
			goto unwind;
		}
		if (!set->ops->init_request)
			continue;
		for (r = 0; r < set->tags[i]->nr_tags; r++) {
			ret = set->ops->init_request(set, set->tags[i]->rqs[r],
						     i, set->numa_node);
			if (ret) {
				blk_mq_free_tags(set, set->tags[i], i, r);
				set->tags[i] = NULL;
				goto unwind;
			}
		}
	}
	return 0;
unwind:
	blk_mq_free_set_tags(set, i);
	return ret;
}

int blk_mq_alloc_tag_set(struct blk_mq_tag_set *set)
{
	unsigned int i;
	int ret;

	if (!set->nr_hw_queues || !set->queue_depth || !set->ops ||
	    !set->ops->queue_rq)
		return -EINVAL;
	if (set->queue_depth < set->reserved_tags + BLK_MQ_TAG_MIN)
		return -EINVAL;
	if (set->nr_maps > HCTX_MAX_TYPES)
		return -EINVAL;
	if (!set->nr_maps)
		set->nr_maps = 1;
	if (set->queue_depth > BLK_MQ_MAX_DEPTH) {
		pr_info("blk-mq: reduced tag depth to %u\n", BLK_MQ_MAX_DEPTH);
		set->queue_depth = BLK_MQ_MAX_DEPTH;
	}
	if (set->nr_maps == 1 && set->nr_hw_queues > nr_cpu_ids)
		set->nr_hw_queues = nr_cpu_ids;

	mutex_init(&set->tag_list_lock);
	INIT_LIST_HEAD(&set->tag_list);
	set->tags = kcalloc(set->nr_hw_queues, sizeof(*set->tags), GFP_KERNEL);
	if (!set->tags)
		return -ENOMEM;
	for (i = 0; i < set->nr_maps; i++) {
		set->map[i].mq_map = kcalloc(nr_cpu_ids, sizeof(unsigned int),
					     GFP_KERNEL);
		if (!set->map[i].mq_map) {
			ret = -ENOMEM;
			goto out_free_maps;
		}
	}
	blk_mq_update_queue_map(set);
	ret = blk_mq_init_set_tags(set);
	if (ret)
		goto out_free_maps;
	return 0;

out_free_maps:
	blk_mq_free_maps(set);
	kfree(set->tags);
	set->tags = NULL;
	return ret;
}
EXPORT_SYMBOL(blk_mq_alloc_tag_set);

int blk_mq_alloc_sq_tag_set(struct blk_mq_tag_set *set,
			    const struct blk_mq_ops *ops,
			    unsigned int queue_depth, unsigned int set_flags)
{
	memset(set, 0, sizeof(*set));
	set->ops = ops;
	set->nr_hw_queues = 1;
	set->nr_maps = 1;
	set->queue_depth = queue_depth;
	set->numa_node = NUMA_NO_NODE;
	set->flags = set_flags;
	return blk_mq_alloc_tag_set(set);
}
EXPORT_SYMBOL_GPL(blk_mq_alloc_sq_tag_set);

void blk_mq_free_tag_set(struct blk_mq_tag_set *set)
{
	if (!set->tags)
		return;
	WARN_ON(!list_empty(&set->tag_list));
	blk_mq_free_set_tags(set, set->nr_hw_queues);
	blk_mq_free_maps(set);
}
EXPORT_SYMBOL(blk_mq_free_tag_set);

/* ---- queues ---- */

static void blk_mq_run_work_fn(struct work_struct *work);
static void blk_mq_requeue_work(struct work_struct *work);
static void blk_mq_timeout_work(struct work_struct *work);
static void blk_rq_timed_out_timer(struct timer_list *t);

static enum hctx_type blk_mq_hctx_type(struct blk_mq_tag_set *set,
				       unsigned int idx)
{
	int t;

	for (t = set->nr_maps - 1; t > 0; t--) {
		struct blk_mq_queue_map *m = &set->map[t];

		if (m->nr_queues && idx >= m->queue_offset &&
		    idx < m->queue_offset + m->nr_queues)
			return t;
	}
	return HCTX_TYPE_DEFAULT;
}

static void blk_mq_exit_hctxs(struct request_queue *q, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		struct blk_mq_hw_ctx *hctx = q->queue_hw_ctx[i];

		if (!hctx)
			continue;
		cancel_delayed_work_sync(&hctx->run_work);
		if (q->mq_ops->exit_hctx && hctx->tags)
			q->mq_ops->exit_hctx(hctx, i);
		kfree(hctx);
		q->queue_hw_ctx[i] = NULL;
	}
}

static int blk_mq_init_hctxs(struct request_queue *q, struct blk_mq_tag_set *set)
{
	unsigned int i;

	for (i = 0; i < set->nr_hw_queues; i++) {
		struct blk_mq_hw_ctx *hctx = kzalloc(sizeof(*hctx), GFP_KERNEL);

		if (!hctx)
			goto unwind;
		spin_lock_init(&hctx->lock);
		INIT_LIST_HEAD(&hctx->dispatch);
		INIT_DELAYED_WORK(&hctx->run_work, blk_mq_run_work_fn);
		INIT_LIST_HEAD(&hctx->hctx_list);
		hctx->queue = q;
		hctx->flags = set->flags;
		hctx->queue_num = i;
		hctx->numa_node = set->numa_node;
		hctx->type = blk_mq_hctx_type(set, i);
		hctx->nr_ctx = 1;
		q->queue_hw_ctx[i] = hctx;
		if (set->ops->init_hctx &&
		    set->ops->init_hctx(hctx, set->driver_data, i))
			goto unwind;
		hctx->tags = set->tags[i];
	}
	return 0;
unwind:
	blk_mq_exit_hctxs(q, i + 1);
	return -ENOMEM;
}

int blk_mq_init_allocated_queue(struct blk_mq_tag_set *set,
				struct request_queue *q)
{
	q->mq_ops = set->ops;
	q->tag_set = set;
	q->nr_hw_queues = set->nr_hw_queues;
	q->queue_hw_ctx = kcalloc(set->nr_hw_queues, sizeof(*q->queue_hw_ctx),
				  GFP_KERNEL);
	if (!q->queue_hw_ctx)
		return -ENOMEM;
	if (blk_mq_init_hctxs(q, set)) {
		kfree(q->queue_hw_ctx);
		q->queue_hw_ctx = NULL;
		return -ENOMEM;
	}
	q->rq_timeout = set->timeout ? set->timeout : BLK_MQ_DEFAULT_TIMEOUT;
	q->queue_flags |= QUEUE_FLAG_MQ_DEFAULT;
	if (set->nr_maps > HCTX_TYPE_POLL &&
	    set->map[HCTX_TYPE_POLL].nr_queues)
		q->queue_flags |= 1UL << QUEUE_FLAG_POLL;
	mutex_lock(&set->tag_list_lock);
	list_add_tail(&q->tag_set_list, &set->tag_list);
	mutex_unlock(&set->tag_list_lock);
	q->queue_flags |= 1UL << QUEUE_FLAG_INIT_DONE;
	return 0;
}
EXPORT_SYMBOL(blk_mq_init_allocated_queue);

static struct request_queue *blk_alloc_queue(int node)
{
	struct request_queue *q = kzalloc(sizeof(*q), GFP_KERNEL);

	if (!q)
		return NULL;
	q->node = node;
	kref_init(&q->ksim_ref);
	atomic_set(&q->q_usage_counter, 0);
	mutex_init(&q->mq_freeze_lock);
	init_waitqueue_head(&q->mq_freeze_wq);
	spin_lock_init(&q->queue_lock);
	spin_lock_init(&q->requeue_lock);
	INIT_LIST_HEAD(&q->requeue_list);
	INIT_LIST_HEAD(&q->tag_set_list);
	INIT_DELAYED_WORK(&q->requeue_work, blk_mq_requeue_work);
	INIT_WORK(&q->timeout_work, blk_mq_timeout_work);
	timer_setup(&q->timeout, blk_rq_timed_out_timer, 0);
	blk_set_default_limits(&q->limits);
	return q;
}

struct request_queue *blk_mq_init_queue(struct blk_mq_tag_set *set)
{
	struct request_queue *q = blk_alloc_queue(set->numa_node);
	int ret;

	if (!q)
		return ERR_PTR(-ENOMEM);
	ret = blk_mq_init_allocated_queue(set, q);
	if (ret) {
		kfree(q);
		return ERR_PTR(ret);
	}
	return q;
}
EXPORT_SYMBOL(blk_mq_init_queue);

/* Stop everything the queue runs in the background, release the hctxs. */
void ksim_blk_exit_queue(struct request_queue *q)
{
	struct blk_mq_tag_set *set = q->tag_set;

	if (q->ksim_exited || !q->mq_ops)
		return;
	q->ksim_exited = true;
	blk_sync_queue(q);
	cancel_delayed_work_sync(&q->requeue_work);
	blk_mq_exit_hctxs(q, q->nr_hw_queues);
	kfree(q->queue_hw_ctx);
	q->queue_hw_ctx = NULL;
	mutex_lock(&set->tag_list_lock);
	list_del_init(&q->tag_set_list);
	mutex_unlock(&set->tag_list_lock);
}

void blk_sync_queue(struct request_queue *q)
{
	del_timer_sync(&q->timeout);
	cancel_work_sync(&q->timeout_work);
}
EXPORT_SYMBOL(blk_sync_queue);

void blk_mq_destroy_queue(struct request_queue *q)
{
	blk_queue_flag_set(QUEUE_FLAG_DYING, q);
	blk_freeze_queue_start(q);
	blk_mq_freeze_queue_wait(q);
	ksim_blk_exit_queue(q);
}
EXPORT_SYMBOL(blk_mq_destroy_queue);

static void blk_queue_release(struct kref *ref)
{
	struct request_queue *q = container_of(ref, struct request_queue,
					       ksim_ref);

	ksim_blk_exit_queue(q);
	kfree(q);
}

bool blk_get_queue(struct request_queue *q)
{
	if (blk_queue_dying(q))
		return false;
	kref_get(&q->ksim_ref);
	return true;
}
EXPORT_SYMBOL(blk_get_queue);

void blk_put_queue(struct request_queue *q)
{
	kref_put(&q->ksim_ref, blk_queue_release);
}
EXPORT_SYMBOL(blk_put_queue);

void blk_mq_update_nr_hw_queues(struct blk_mq_tag_set *set, int nr_hw_queues)
{
	/* ksim keeps the queue count fixed after the tag set is allocated. */
	if (nr_hw_queues != (int)set->nr_hw_queues)
		pr_warn("blk-mq: ksim cannot change nr_hw_queues (%u -> %d)\n",
			set->nr_hw_queues, nr_hw_queues);
}
EXPORT_SYMBOL_GPL(blk_mq_update_nr_hw_queues);

/* ---- freeze ---- */

int ksim_blk_queue_enter(struct request_queue *q, bool nowait)
{
	for (;;) {
		atomic_inc(&q->q_usage_counter);
		if (!__atomic_load_n(&q->mq_freeze_depth, __ATOMIC_SEQ_CST) &&
		    !blk_queue_dying(q))
			return 0;
		ksim_blk_queue_exit(q);
		if (blk_queue_dying(q))
			return -ENODEV;
		if (nowait)
			return -EBUSY;
		wait_event(q->mq_freeze_wq,
			   !__atomic_load_n(&q->mq_freeze_depth, __ATOMIC_SEQ_CST) ||
			   blk_queue_dying(q));
	}
}

void ksim_blk_queue_exit(struct request_queue *q)
{
	if (atomic_dec_and_test(&q->q_usage_counter) &&
	    wq_has_sleeper(&q->mq_freeze_wq))
		wake_up_all(&q->mq_freeze_wq);
}

void blk_freeze_queue_start(struct request_queue *q)
{
	mutex_lock(&q->mq_freeze_lock);
	__atomic_add_fetch(&q->mq_freeze_depth, 1, __ATOMIC_SEQ_CST);
	mutex_unlock(&q->mq_freeze_lock);
	/* Wake anyone already waiting (a tag waiter sees the freeze). */
	wake_up_all(&q->mq_freeze_wq);
}
EXPORT_SYMBOL_GPL(blk_freeze_queue_start);

void blk_mq_freeze_queue_wait(struct request_queue *q)
{
	wait_event(q->mq_freeze_wq, atomic_read(&q->q_usage_counter) == 0);
}
EXPORT_SYMBOL_GPL(blk_mq_freeze_queue_wait);

int blk_mq_freeze_queue_wait_timeout(struct request_queue *q,
				     unsigned long timeout)
{
	return wait_event_timeout(q->mq_freeze_wq,
				  atomic_read(&q->q_usage_counter) == 0,
				  timeout);
}
EXPORT_SYMBOL_GPL(blk_mq_freeze_queue_wait_timeout);

void blk_mq_freeze_queue(struct request_queue *q)
{
	might_sleep();
	blk_freeze_queue_start(q);
	blk_mq_freeze_queue_wait(q);
}
EXPORT_SYMBOL_GPL(blk_mq_freeze_queue);

void blk_mq_unfreeze_queue(struct request_queue *q)
{
	int depth;

	mutex_lock(&q->mq_freeze_lock);
	depth = __atomic_sub_fetch(&q->mq_freeze_depth, 1, __ATOMIC_SEQ_CST);
	WARN_ON_ONCE(depth < 0);
	if (depth < 0)
		__atomic_store_n(&q->mq_freeze_depth, 0, __ATOMIC_SEQ_CST);
	mutex_unlock(&q->mq_freeze_lock);
	if (depth <= 0)
		wake_up_all(&q->mq_freeze_wq);
}
EXPORT_SYMBOL_GPL(blk_mq_unfreeze_queue);

/* ---- quiesce ---- */

void blk_mq_quiesce_queue_nowait(struct request_queue *q)
{
	unsigned long flags;

	spin_lock_irqsave(&q->queue_lock, flags);
	if (!q->quiesce_depth++)
		set_bit(QUEUE_FLAG_QUIESCED, &q->queue_flags);
	spin_unlock_irqrestore(&q->queue_lock, flags);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}
EXPORT_SYMBOL_GPL(blk_mq_quiesce_queue_nowait);

void blk_mq_wait_quiesce_done(struct request_queue *q)
{
	/* Every ->queue_rq that began before the flag was set has returned. */
	wait_event(q->mq_freeze_wq, atomic_read(&q->ksim_dispatchers) == 0);
}
EXPORT_SYMBOL_GPL(blk_mq_wait_quiesce_done);

void blk_mq_quiesce_queue(struct request_queue *q)
{
	blk_mq_quiesce_queue_nowait(q);
	blk_mq_wait_quiesce_done(q);
}
EXPORT_SYMBOL_GPL(blk_mq_quiesce_queue);

void blk_mq_unquiesce_queue(struct request_queue *q)
{
	unsigned long flags;
	bool run = false;

	spin_lock_irqsave(&q->queue_lock, flags);
	if (WARN_ON_ONCE(q->quiesce_depth <= 0)) {
		;
	} else if (!--q->quiesce_depth) {
		clear_bit(QUEUE_FLAG_QUIESCED, &q->queue_flags);
		run = true;
	}
	spin_unlock_irqrestore(&q->queue_lock, flags);
	if (run)
		blk_mq_run_hw_queues(q, true);
}
EXPORT_SYMBOL_GPL(blk_mq_unquiesce_queue);

/* ---- stop/start ---- */

void blk_mq_stop_hw_queue(struct blk_mq_hw_ctx *hctx)
{
	cancel_delayed_work(&hctx->run_work);
	set_bit(BLK_MQ_S_STOPPED, &hctx->state);
}
EXPORT_SYMBOL(blk_mq_stop_hw_queue);

void blk_mq_stop_hw_queues(struct request_queue *q)
{
	struct blk_mq_hw_ctx *hctx;
	unsigned long i;

	queue_for_each_hw_ctx(q, hctx, i)
		blk_mq_stop_hw_queue(hctx);
}
EXPORT_SYMBOL(blk_mq_stop_hw_queues);

void blk_mq_start_hw_queue(struct blk_mq_hw_ctx *hctx)
{
	clear_bit(BLK_MQ_S_STOPPED, &hctx->state);
	blk_mq_run_hw_queue(hctx, false);
}
EXPORT_SYMBOL(blk_mq_start_hw_queue);

void blk_mq_start_hw_queues(struct request_queue *q)
{
	struct blk_mq_hw_ctx *hctx;
	unsigned long i;

	queue_for_each_hw_ctx(q, hctx, i)
		blk_mq_start_hw_queue(hctx);
}
EXPORT_SYMBOL(blk_mq_start_hw_queues);

void blk_mq_start_stopped_hw_queue(struct blk_mq_hw_ctx *hctx, bool async)
{
	if (!test_bit(BLK_MQ_S_STOPPED, &hctx->state))
		return;
	clear_bit(BLK_MQ_S_STOPPED, &hctx->state);
	blk_mq_run_hw_queue(hctx, async);
}
EXPORT_SYMBOL_GPL(blk_mq_start_stopped_hw_queue);

void blk_mq_start_stopped_hw_queues(struct request_queue *q, bool async)
{
	struct blk_mq_hw_ctx *hctx;
	unsigned long i;

	queue_for_each_hw_ctx(q, hctx, i)
		blk_mq_start_stopped_hw_queue(hctx, async);
}
EXPORT_SYMBOL(blk_mq_start_stopped_hw_queues);

bool blk_mq_queue_stopped(struct request_queue *q)
{
	struct blk_mq_hw_ctx *hctx;
	unsigned long i;

	queue_for_each_hw_ctx(q, hctx, i)
		if (test_bit(BLK_MQ_S_STOPPED, &hctx->state))
			return true;
	return false;
}
EXPORT_SYMBOL(blk_mq_queue_stopped);

/* ---- dispatch ---- */

static bool blk_mq_hctx_stopped_or_quiesced(struct blk_mq_hw_ctx *hctx)
{
	return test_bit(BLK_MQ_S_STOPPED, &hctx->state) ||
		blk_queue_quiesced(hctx->queue);
}

static void blk_mq_park(struct blk_mq_hw_ctx *hctx, struct list_head *list,
			bool head)
{
	unsigned long flags;

	spin_lock_irqsave(&hctx->lock, flags);
	if (head)
		list_splice_init(list, &hctx->dispatch);
	else
		list_splice_tail_init(list, &hctx->dispatch);
	spin_unlock_irqrestore(&hctx->lock, flags);
}

/*
 * Issue @list to the driver as one batch.  Requests the driver cannot take
 * now (BLK_STS_RESOURCE, BLK_STS_DEV_RESOURCE) wait on hctx->dispatch and
 * the queue is rerun later; any other error ends the request with it.
 */
void ksim_blk_dispatch_list(struct blk_mq_hw_ctx *hctx, struct list_head *list)
{
	struct request_queue *q = hctx->queue;
	struct blk_mq_queue_data bd;
	unsigned int queued = 0;
	bool busy = false, flushed = false;
	blk_status_t ret;

	if (list_empty(list))
		return;
	atomic_inc(&q->ksim_dispatchers);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (blk_mq_hctx_stopped_or_quiesced(hctx) ||
	    !list_empty_careful(&hctx->dispatch)) {
		blk_mq_park(hctx, list, false);
		busy = !blk_mq_hctx_stopped_or_quiesced(hctx);
		goto out;
	}
	while (!list_empty(list)) {
		struct request *rq = list_first_entry(list, struct request,
						      queuelist);

		list_del_init(&rq->queuelist);
		bd.rq = rq;
		bd.last = list_empty(list);
		ret = q->mq_ops->queue_rq(hctx, &bd);
		flushed = false;
		if (ret == BLK_STS_OK) {
			queued++;
			flushed = bd.last;
			continue;
		}
		if (ret == BLK_STS_RESOURCE || ret == BLK_STS_DEV_RESOURCE) {
			list_add(&rq->queuelist, list);
			blk_mq_park(hctx, list, true);
			busy = true;
			break;
		}
		blk_mq_end_request(rq, ret);
	}
	/* The driver was told more would follow: tell it there is no more. */
	if (queued && !flushed && q->mq_ops->commit_rqs)
		q->mq_ops->commit_rqs(hctx);
out:
	if (atomic_dec_and_test(&q->ksim_dispatchers) &&
	    blk_queue_quiesced(q))
		wake_up_all(&q->mq_freeze_wq);
	if (busy)
		blk_mq_delay_run_hw_queue(hctx, BLK_MQ_RESOURCE_DELAY);
}

/* Drain hctx->dispatch (in process context). */
static void __blk_mq_run_hw_queue(struct blk_mq_hw_ctx *hctx)
{
	unsigned long flags;
	LIST_HEAD(list);

	if (blk_mq_hctx_stopped_or_quiesced(hctx))
		return;
	spin_lock_irqsave(&hctx->lock, flags);
	list_splice_init(&hctx->dispatch, &list);
	hctx->run++;	/* under the lock: two workers may run one hctx */
	spin_unlock_irqrestore(&hctx->lock, flags);
	ksim_blk_dispatch_list(hctx, &list);
}

static void blk_mq_run_work_fn(struct work_struct *work)
{
	struct blk_mq_hw_ctx *hctx = container_of(to_delayed_work(work),
						  struct blk_mq_hw_ctx,
						  run_work);

	__blk_mq_run_hw_queue(hctx);
}

void blk_mq_delay_run_hw_queue(struct blk_mq_hw_ctx *hctx, unsigned long msecs)
{
	if (blk_mq_hctx_stopped_or_quiesced(hctx))
		return;
	mod_delayed_work(system_highpri_wq, &hctx->run_work,
			 msecs_to_jiffies(msecs));
}
EXPORT_SYMBOL(blk_mq_delay_run_hw_queue);

void blk_mq_run_hw_queue(struct blk_mq_hw_ctx *hctx, bool async)
{
	if (list_empty_careful(&hctx->dispatch) ||
	    blk_mq_hctx_stopped_or_quiesced(hctx))
		return;
	if (async || in_interrupt() || in_atomic()) {
		queue_delayed_work(system_highpri_wq, &hctx->run_work, 0);
		return;
	}
	__blk_mq_run_hw_queue(hctx);
}
EXPORT_SYMBOL(blk_mq_run_hw_queue);

void blk_mq_run_hw_queues(struct request_queue *q, bool async)
{
	struct blk_mq_hw_ctx *hctx;
	unsigned long i;

	if (!q->queue_hw_ctx)
		return;
	queue_for_each_hw_ctx(q, hctx, i)
		blk_mq_run_hw_queue(hctx, async);
}
EXPORT_SYMBOL(blk_mq_run_hw_queues);

void blk_mq_delay_run_hw_queues(struct request_queue *q, unsigned long msecs)
{
	struct blk_mq_hw_ctx *hctx;
	unsigned long i;

	queue_for_each_hw_ctx(q, hctx, i)
		blk_mq_delay_run_hw_queue(hctx, msecs);
}
EXPORT_SYMBOL(blk_mq_delay_run_hw_queues);

/* ---- requests ---- */

struct blk_mq_hw_ctx *ksim_blk_map_hctx(struct request_queue *q, blk_opf_t opf)
{
	struct blk_mq_tag_set *set = q->tag_set;
	enum hctx_type type = HCTX_TYPE_DEFAULT;
	unsigned int cpu = raw_smp_processor_id();

	if ((opf & REQ_POLLED) && set->nr_maps > HCTX_TYPE_POLL &&
	    set->map[HCTX_TYPE_POLL].nr_queues)
		type = HCTX_TYPE_POLL;
	else if ((opf & REQ_OP_MASK) == REQ_OP_READ &&
		 set->nr_maps > HCTX_TYPE_READ &&
		 set->map[HCTX_TYPE_READ].nr_queues)
		type = HCTX_TYPE_READ;
	if (cpu >= nr_cpu_ids)
		cpu = 0;
	return q->queue_hw_ctx[set->map[type].mq_map[cpu]];
}

static void blk_mq_rq_init(struct request *rq, struct request_queue *q,
			   struct blk_mq_hw_ctx *hctx, blk_opf_t opf,
			   bool reserved)
{
	__atomic_store_n(&rq->q, q, __ATOMIC_RELAXED);	/* blk_mq_busy_rq() may look */
	rq->mq_hctx = hctx;
	rq->mq_ctx = NULL;
	rq->cmd_flags = opf;
	rq->rq_flags = reserved ? RQF_RESV : 0;
	rq->timeout = 0;
	rq->__data_len = 0;
	rq->__sector = (sector_t)-1;
	rq->bio = rq->biotail = NULL;
	rq->nr_phys_segments = 0;
	rq->ioprio = 0;
	rq->deadline = 0;
	rq->end_io = NULL;
	rq->end_io_data = NULL;
	rq->ksim_io = NULL;
	rq->ksim_status = BLK_STS_OK;
	rq->special_vec.bv_page = NULL;
	rq->special_vec.bv_len = 0;
	rq->special_vec.bv_offset = 0;
	INIT_LIST_HEAD(&rq->queuelist);
	atomic_set(&rq->ref, 1);
	__atomic_store_n(&rq->state, MQ_RQ_IDLE, __ATOMIC_RELEASE);
}

/* Poll @hctx's completions while its tags are exhausted (nobody else will). */
static void blk_mq_poll_for_tag(struct blk_mq_hw_ctx *hctx)
{
	DEFINE_IO_COMP_BATCH(iob);

	hctx->queue->mq_ops->poll(hctx, &iob);
	if (iob.req_list && iob.complete)
		iob.complete(&iob);
	cond_resched();
}

struct request *ksim_blk_get_request(struct request_queue *q, blk_opf_t opf,
				     blk_mq_req_flags_t flags,
				     struct blk_mq_hw_ctx *hctx)
{
	bool reserved = flags & BLK_MQ_REQ_RESERVED;
	struct request *rq;
	int ret, tag;

	ret = ksim_blk_queue_enter(q, flags & BLK_MQ_REQ_NOWAIT);
	if (ret)
		return ERR_PTR(ret == -EBUSY ? -EWOULDBLOCK : ret);
	if (!hctx)
		hctx = ksim_blk_map_hctx(q, opf);
	tag = blk_mq_get_tag(hctx->tags, reserved);
	while (tag < 0) {
		if (flags & BLK_MQ_REQ_NOWAIT) {
			ksim_blk_queue_exit(q);
			return ERR_PTR(-EWOULDBLOCK);
		}
		if (hctx->type == HCTX_TYPE_POLL && q->mq_ops->poll) {
			blk_mq_poll_for_tag(hctx);
		} else {
			might_sleep();
			wait_event(hctx->tags->wait,
				   (tag = blk_mq_get_tag(hctx->tags, reserved)) >= 0);
		}
		if (tag < 0)
			tag = blk_mq_get_tag(hctx->tags, reserved);
	}
	rq = hctx->tags->rqs[tag];
	blk_mq_rq_init(rq, q, hctx, opf, reserved);
	if (flags & BLK_MQ_REQ_PM)
		rq->rq_flags |= RQF_PM;
	return rq;
}

struct request *blk_mq_alloc_request(struct request_queue *q, blk_opf_t opf,
				     blk_mq_req_flags_t flags)
{
	return ksim_blk_get_request(q, opf, flags, NULL);
}
EXPORT_SYMBOL(blk_mq_alloc_request);

struct request *blk_mq_alloc_request_hctx(struct request_queue *q,
					  blk_opf_t opf, blk_mq_req_flags_t flags,
					  unsigned int hctx_idx)
{
	if (hctx_idx >= q->nr_hw_queues)
		return ERR_PTR(-EIO);
	return ksim_blk_get_request(q, opf, flags | BLK_MQ_REQ_NOWAIT,
				    q->queue_hw_ctx[hctx_idx]);
}
EXPORT_SYMBOL_GPL(blk_mq_alloc_request_hctx);

static void blk_mq_report(struct request *rq, const char *what)
{
	pr_warn("------------[ cut here ]------------\n");
	pr_warn("WARNING: blk-mq: %s (tag %d, hctx %u, state %d)\n", what,
		rq->tag, rq->mq_hctx ? rq->mq_hctx->queue_num : 0,
		(int)blk_mq_rq_state(rq));
	ksim_print_task_header(KERN_WARNING);
	ksim_dump_stack_skip(KERN_WARNING, 2);
	pr_warn("---[ end trace ]---\n");
	ksim_report(KSIM_REPORT_WARN);
}

static void __blk_mq_free_request(struct request *rq)
{
	struct request_queue *q = rq->q;
	struct blk_mq_hw_ctx *hctx = rq->mq_hctx;
	void *io = rq->ksim_io;
	blk_status_t status = rq->ksim_status;

	rq->ksim_io = NULL;
	__atomic_store_n(&rq->state, MQ_RQ_IDLE, __ATOMIC_RELEASE);
	__atomic_store_n(&rq->q, NULL, __ATOMIC_RELAXED);	/* blk_mq_busy_rq() reads it unlocked */
	blk_mq_put_tag(hctx->tags, rq->tag);
	ksim_blk_queue_exit(q);
	/* A request parked for lack of resources may go now. */
	if (!list_empty_careful(&hctx->dispatch))
		blk_mq_run_hw_queue(hctx, true);
	/* Only now, with the tag free, may the submitter reuse it. */
	if (io)
		ksim_bdev_piece_done(io, status);
}

void blk_mq_free_request(struct request *rq)
{
	int ref = atomic_read(&rq->ref);

	if (ref <= 0 || !rq->q) {
		blk_mq_report(rq, "freeing a request that is not allocated");
		return;
	}
	if (atomic_dec_and_test(&rq->ref))
		__blk_mq_free_request(rq);
}
EXPORT_SYMBOL_GPL(blk_mq_free_request);

/* ---- timeouts ---- */

/*
 * The rq_flags bits that change while a request is in flight (started,
 * timed out, ended) are changed with atomic read-modify-writes: the
 * timeout work (setting RQF_TIMED_OUT, rearming the timer), a requeue from
 * the driver's completion path and the completion itself can run at the
 * same time on different CPUs and share no lock; a plain |= or &= would
 * lose one side's bit.
 */
static inline void rq_flags_set(struct request *rq, req_flags_t flags)
{
	__atomic_fetch_or(&rq->rq_flags, flags, __ATOMIC_RELAXED);
}

static inline void rq_flags_clear(struct request *rq, req_flags_t flags)
{
	__atomic_fetch_and(&rq->rq_flags, ~flags, __ATOMIC_RELAXED);
}

static inline bool rq_flags_test(struct request *rq, req_flags_t flags)
{
	return __atomic_load_n(&rq->rq_flags, __ATOMIC_RELAXED) & flags;
}

static void blk_add_timer(struct request *rq)
{
	struct request_queue *q = rq->q;
	unsigned long expiry, armed;

	if (!rq->timeout)
		rq->timeout = q->rq_timeout;
	rq_flags_clear(rq, RQF_TIMED_OUT);
	expiry = jiffies + rq->timeout;
	__atomic_store_n(&rq->deadline, expiry, __ATOMIC_RELEASE);
	armed = atomic_long_read(&q->ksim_timeout_at);
	if (armed && !time_after(armed, expiry))
		return;
	atomic_long_set(&q->ksim_timeout_at, expiry);
	mod_timer(&q->timeout, expiry);
}

static void blk_rq_timed_out_timer(struct timer_list *t)
{
	struct request_queue *q = from_timer(q, t, timeout);

	atomic_long_set(&q->ksim_timeout_at, 0);
	queue_work(system_highpri_wq, &q->timeout_work);
}

/*
 * The handler may requeue the request (an abort that retries it), and the
 * requeue work may hand it to the driver again, which prepares it with
 * plain writes to rq_flags, while this still runs: rearm only if no
 * requeue came in between, decided under the requeue lock, so a requeue
 * after the rearm is ordered after it (the timeout work's reference keeps
 * the request from being freed and reused meanwhile).
 */
static void blk_mq_rq_timed_out(struct request *rq)
{
	struct request_queue *q = rq->q;
	enum blk_eh_timer_return ret = BLK_EH_RESET_TIMER;
	unsigned int requeues;
	unsigned long flags;

	spin_lock_irqsave(&q->requeue_lock, flags);
	requeues = rq->ksim_requeues;
	spin_unlock_irqrestore(&q->requeue_lock, flags);
	rq_flags_set(rq, RQF_TIMED_OUT);
	if (q->mq_ops->timeout)
		ret = q->mq_ops->timeout(rq);
	if (ret != BLK_EH_RESET_TIMER)
		return;
	spin_lock_irqsave(&q->requeue_lock, flags);
	if (rq->ksim_requeues == requeues && blk_mq_rq_state(rq) == MQ_RQ_IN_FLIGHT)
		blk_add_timer(rq);
	spin_unlock_irqrestore(&q->requeue_lock, flags);
}

static void blk_mq_timeout_work(struct work_struct *work)
{
	struct request_queue *q = container_of(work, struct request_queue,
					       timeout_work);
	unsigned long now = jiffies, next = 0;
	unsigned int i, t;

	for (i = 0; q->queue_hw_ctx && i < q->nr_hw_queues; i++) {
		struct blk_mq_tags *tags = q->queue_hw_ctx[i]->tags;

		for (t = 0; tags && t < tags->nr_tags; t++) {
			struct request *rq = blk_mq_busy_rq(tags, t);
			unsigned long deadline;

			if (!rq || __atomic_load_n(&rq->q, __ATOMIC_RELAXED) != q ||
			    !atomic_inc_not_zero(&rq->ref))
				continue;
			deadline = __atomic_load_n(&rq->deadline, __ATOMIC_ACQUIRE);
			if (blk_mq_rq_state(rq) == MQ_RQ_IN_FLIGHT) {
				if (time_after_eq(now, deadline))
					blk_mq_rq_timed_out(rq);
				if (blk_mq_rq_state(rq) == MQ_RQ_IN_FLIGHT) {
					deadline = __atomic_load_n(&rq->deadline, __ATOMIC_ACQUIRE);
					if (!next || time_before(deadline, next))
						next = deadline;
				}
			}
			blk_mq_free_request(rq);
		}
	}
	if (next) {
		unsigned long armed = atomic_long_read(&q->ksim_timeout_at);

		if (!armed || time_before(next, armed)) {
			atomic_long_set(&q->ksim_timeout_at, next);
			mod_timer(&q->timeout, next);
		}
	}
}

/* ---- life of a request ---- */

void blk_mq_start_request(struct request *rq)
{
	if (WARN_ON_ONCE(blk_mq_rq_state(rq) != MQ_RQ_IDLE))
		return;
	rq->io_start_time_ns = 0;
	rq_flags_set(rq, RQF_STARTED);
	blk_add_timer(rq);
	__atomic_store_n(&rq->state, MQ_RQ_IN_FLIGHT, __ATOMIC_RELEASE);
}
EXPORT_SYMBOL(blk_mq_start_request);

bool blk_update_request(struct request *rq, blk_status_t error,
			unsigned int nr_bytes)
{
	struct bio *bio;

	if (!rq->bio)
		return false;
	if (error && !blk_rq_is_passthrough(rq) && !(rq->rq_flags & RQF_QUIET))
		pr_err_ratelimited("%s error, dev %s, sector %llu op 0x%x:(%s) flags 0x%x phys_seg %u prio class 0\n",
				   ksim_blk_status_name(error),
				   rq->q->disk ? rq->q->disk->disk_name : "?",
				   (unsigned long long)blk_rq_pos(rq), req_op(rq),
				   blk_op_str(req_op(rq)),
				   rq->cmd_flags & ~REQ_OP_MASK, rq->nr_phys_segments);
	/* ksim ends whole requests: partial completion is not modelled. */
	while ((bio = rq->bio) != NULL) {
		rq->bio = bio->bi_next;
		bio->bi_next = NULL;
		if (error && !bio->bi_status)
			bio->bi_status = error;
		if (bio == &rq->ksim_bio) {
			if (error && !rq->ksim_status)
				rq->ksim_status = error;
			continue;
		}
		bio_endio(bio);
	}
	rq->biotail = NULL;
	rq->__data_len = 0;
	return false;
}
EXPORT_SYMBOL_GPL(blk_update_request);

void __blk_mq_end_request(struct request *rq, blk_status_t error)
{
	if (rq_flags_test(rq, RQF_KSIM_ENDED)) {
		blk_mq_report(rq, "request ended twice (double completion)");
		return;
	}
	rq_flags_set(rq, RQF_KSIM_ENDED);
	if (error && !rq->ksim_status)
		rq->ksim_status = error;
	__atomic_store_n(&rq->state, MQ_RQ_COMPLETE, __ATOMIC_RELEASE);
	if (rq->end_io) {
		if (rq->end_io(rq, error) == RQ_END_IO_FREE)
			blk_mq_free_request(rq);
	} else {
		blk_mq_free_request(rq);
	}
}
EXPORT_SYMBOL(__blk_mq_end_request);

void blk_mq_end_request(struct request *rq, blk_status_t error)
{
	if (!rq_flags_test(rq, RQF_KSIM_ENDED))
		blk_update_request(rq, error, blk_rq_bytes(rq));
	__blk_mq_end_request(rq, error);
}
EXPORT_SYMBOL(blk_mq_end_request);

void blk_mq_end_request_batch(struct io_comp_batch *iob)
{
	struct request *rq;

	while ((rq = rq_list_pop(&iob->req_list)) != NULL)
		blk_mq_end_request(rq, BLK_STS_OK);
}
EXPORT_SYMBOL_GPL(blk_mq_end_request_batch);

/*
 * Mark @rq complete.  Returns false: ksim always lets the caller complete
 * the request in its own context (there is no remote CPU to send it to).
 * Returns true, after a report, for a request that is not in flight, so a
 * double completion does not end the request twice.
 */
bool blk_mq_complete_request_remote(struct request *rq)
{
	enum mq_rq_state old = __atomic_exchange_n(&rq->state, MQ_RQ_COMPLETE,
						   __ATOMIC_ACQ_REL);

	if (old != MQ_RQ_IN_FLIGHT) {
		__atomic_store_n(&rq->state, old, __ATOMIC_RELEASE);
		blk_mq_report(rq, (old == MQ_RQ_COMPLETE ||
				   rq_flags_test(rq, RQF_KSIM_ENDED)) ?
			      "request completed twice (double completion)" :
			      "completing a request that was not started");
		return true;
	}
	return false;
}
EXPORT_SYMBOL_GPL(blk_mq_complete_request_remote);

void blk_mq_complete_request(struct request *rq)
{
	if (!blk_mq_complete_request_remote(rq))
		rq->q->mq_ops->complete(rq);
}
EXPORT_SYMBOL(blk_mq_complete_request);

unsigned int blk_mq_rq_cpu(struct request *rq)
{
	return 0;
}
EXPORT_SYMBOL(blk_mq_rq_cpu);

bool __blk_should_fake_timeout(struct request_queue *q)
{
	return false;
}
EXPORT_SYMBOL_GPL(__blk_should_fake_timeout);

/* ---- requeue ---- */

void blk_mq_requeue_request(struct request *rq, bool kick_requeue_list)
{
	struct request_queue *q = rq->q;
	unsigned long flags;

	__atomic_store_n(&rq->state, MQ_RQ_IDLE, __ATOMIC_RELEASE);
	rq_flags_clear(rq, RQF_STARTED | RQF_TIMED_OUT);
	spin_lock_irqsave(&q->requeue_lock, flags);
	rq->ksim_requeues++;
	list_add_tail(&rq->queuelist, &q->requeue_list);
	spin_unlock_irqrestore(&q->requeue_lock, flags);
	if (kick_requeue_list)
		blk_mq_kick_requeue_list(q);
}
EXPORT_SYMBOL(blk_mq_requeue_request);

static void blk_mq_requeue_work(struct work_struct *work)
{
	struct request_queue *q = container_of(to_delayed_work(work),
					       struct request_queue,
					       requeue_work);
	struct request *rq, *next;
	unsigned long flags;
	LIST_HEAD(list);

	spin_lock_irqsave(&q->requeue_lock, flags);
	list_splice_init(&q->requeue_list, &list);
	spin_unlock_irqrestore(&q->requeue_lock, flags);
	list_for_each_entry_safe(rq, next, &list, queuelist) {
		struct blk_mq_hw_ctx *hctx = rq->mq_hctx;

		list_del_init(&rq->queuelist);
		spin_lock_irqsave(&hctx->lock, flags);
		list_add_tail(&rq->queuelist, &hctx->dispatch);
		spin_unlock_irqrestore(&hctx->lock, flags);
	}
	blk_mq_run_hw_queues(q, false);
}

void blk_mq_kick_requeue_list(struct request_queue *q)
{
	mod_delayed_work(system_highpri_wq, &q->requeue_work, 0);
}
EXPORT_SYMBOL(blk_mq_kick_requeue_list);

void blk_mq_delay_kick_requeue_list(struct request_queue *q,
				    unsigned long msecs)
{
	mod_delayed_work(system_highpri_wq, &q->requeue_work,
			 msecs_to_jiffies(msecs));
}
EXPORT_SYMBOL(blk_mq_delay_kick_requeue_list);

/* ---- passthrough execution ---- */

void blk_execute_rq_nowait(struct request *rq, bool at_head)
{
	struct blk_mq_hw_ctx *hctx = rq->mq_hctx;
	LIST_HEAD(list);

	list_add(&rq->queuelist, &list);
	if (at_head && !list_empty_careful(&hctx->dispatch)) {
		blk_mq_park(hctx, &list, true);
		blk_mq_run_hw_queue(hctx, false);
		return;
	}
	ksim_blk_dispatch_list(hctx, &list);
}
EXPORT_SYMBOL_GPL(blk_execute_rq_nowait);

struct blk_rq_wait {
	u32 done;
	blk_status_t ret;
};

static enum rq_end_io_ret blk_end_sync_rq(struct request *rq, blk_status_t ret)
{
	struct blk_rq_wait *wait = rq->end_io_data;

	wait->ret = ret;
	__atomic_store_n(&wait->done, 1, __ATOMIC_RELEASE);
	ksim_host->wake(&wait->done, INT32_MAX);
	return RQ_END_IO_NONE;
}

blk_status_t blk_execute_rq(struct request *rq, bool at_head)
{
	struct blk_rq_wait wait = { .done = 0, .ret = BLK_STS_OK };
	bool poll = rq->mq_hctx->type == HCTX_TYPE_POLL;

	might_sleep();
	rq->end_io_data = &wait;
	rq->end_io = blk_end_sync_rq;
	blk_execute_rq_nowait(rq, at_head);
	while (!__atomic_load_n(&wait.done, __ATOMIC_ACQUIRE)) {
		if (poll && rq->q->mq_ops->poll)
			blk_mq_poll_for_tag(rq->mq_hctx);
		else
			ksim_host->wait(&wait.done, 0, KSIM_HOST_FOREVER);
	}
	return wait.ret;
}
EXPORT_SYMBOL(blk_execute_rq);
