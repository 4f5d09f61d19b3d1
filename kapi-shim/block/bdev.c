// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/block/bdev.c - the in-process submission API (ksim/blkdev.h):
 * I/O to a disk by name, split into requests within the queue's limits,
 * each carrying the caller's memory directly in its embedded bio.
 */
#include <linux/blk-mq.h>
#include <linux/slab.h>
#include <linux/export.h>
#include <linux/string.h>
#include <linux/sched.h>

#include "sim/host.h"
#include "internal.h"
#include "ksim/blkdev.h"
#include "blk.h"

struct ksim_bdev {
	struct gendisk *disk;
};

struct ksim_bdev *ksim_bdev_open(const char *disk_name)
{
	struct ksim_bdev *bdev = NULL;
	struct gendisk *disk;

	ksim_lock(&ksim_disk_lock);
	list_for_each_entry(disk, &ksim_disk_list, ksim_node) {
		if (strcmp(disk->disk_name, disk_name))
			continue;
		bdev = ksim_host->mem_alloc(sizeof(*bdev), 0);
		if (bdev) {
			ksim_disk_get(disk);
			bdev->disk = disk;
		}
		break;
	}
	ksim_unlock(&ksim_disk_lock);
	return bdev;
}

void ksim_bdev_close(struct ksim_bdev *bdev)
{
	struct gendisk *disk;

	if (!bdev)
		return;
	disk = bdev->disk;
	/* The last completion's accounting may still hold the lock: wait it out. */
	spin_lock_irq(&disk->ksim_inflight_wq.lock);
	wait_event_lock_irq(disk->ksim_inflight_wq, !atomic_read(&disk->ksim_inflight),
			    disk->ksim_inflight_wq.lock);
	spin_unlock_irq(&disk->ksim_inflight_wq.lock);
	put_disk(disk);
	ksim_host->mem_free(bdev);
}

uint64_t ksim_bdev_capacity(struct ksim_bdev *bdev)
{
	return (uint64_t)get_capacity(bdev->disk) << SECTOR_SHIFT;
}

unsigned int ksim_bdev_logical_block_size(struct ksim_bdev *bdev)
{
	return queue_logical_block_size(bdev->disk->queue);
}

unsigned int ksim_bdev_max_transfer(struct ksim_bdev *bdev)
{
	return queue_max_sectors(bdev->disk->queue) << SECTOR_SHIFT;
}

const char *ksim_bdev_name(struct ksim_bdev *bdev)
{
	return bdev->disk->disk_name;
}

int ksim_bdev_for_each(int (*fn)(const char *disk_name, void *arg), void *arg)
{
	char names[64][DISK_NAME_LEN];
	struct gendisk *disk;
	int n = 0, i, ret = 0;

	/* copy the names out: @fn may open the disks */
	ksim_lock(&ksim_disk_lock);
	list_for_each_entry(disk, &ksim_disk_list, ksim_node) {
		if (n == 64)
			break;
		memcpy(names[n++], disk->disk_name, DISK_NAME_LEN);
	}
	ksim_unlock(&ksim_disk_lock);
	for (i = 0; i < n && !ret; i++)
		ret = fn(names[i], arg);
	return ret;
}

/* ---- completion ---- */

/*
 * One submission-API I/O is over.  Under the wait queue's lock, so that
 * ksim_bdev_close(), which waits under it for nothing to be in flight,
 * cannot free the disk while this still touches it.
 */
static void ksim_inflight_put(struct gendisk *disk)
{
	unsigned long flags;

	spin_lock_irqsave(&disk->ksim_inflight_wq.lock, flags);
	if (atomic_dec_and_test(&disk->ksim_inflight))
		wake_up_locked(&disk->ksim_inflight_wq);
	spin_unlock_irqrestore(&disk->ksim_inflight_wq.lock, flags);
}

static void ksim_io_put(struct ksim_bio_req *req)
{
	if (__atomic_sub_fetch(&req->ksim_pending, 1, __ATOMIC_ACQ_REL))
		return;
	/*
	 * Count the I/O finished before the callback runs: the callback may
	 * let its owner close the bdev and drop the last disk reference, so
	 * nothing may touch the disk after it.
	 */
	ksim_inflight_put(req->ksim_bdev->disk);
	req->done(req, req->ksim_error);
}

void ksim_bdev_piece_done(void *io, blk_status_t status)
{
	struct ksim_bio_req *req = io;

	if (status) {
		int err = blk_status_to_errno(status);
		int zero = 0;

		__atomic_compare_exchange_n(&req->ksim_error, &zero, err, false,
					    __ATOMIC_RELAXED, __ATOMIC_RELAXED);
	}
	ksim_io_put(req);
}

/* ---- building requests ---- */

static blk_opf_t ksim_bio_opf(const struct ksim_bio_req *req)
{
	static const blk_opf_t ops[] = {
		[KSIM_BIO_READ]		= REQ_OP_READ,
		[KSIM_BIO_WRITE]	= REQ_OP_WRITE | REQ_SYNC | REQ_IDLE,
		[KSIM_BIO_FLUSH]	= REQ_OP_FLUSH | REQ_SYNC,
		[KSIM_BIO_DISCARD]	= REQ_OP_DISCARD,
		[KSIM_BIO_WRITE_ZEROES]	= REQ_OP_WRITE_ZEROES,
	};
	blk_opf_t opf = ops[req->op];

	if (req->op == KSIM_BIO_WRITE && (req->flags & KSIM_BIO_FUA))
		opf |= REQ_FUA;
	if (req->flags & KSIM_BIO_POLLED)
		opf |= REQ_POLLED;
	if (req->flags & KSIM_BIO_NOWAIT)
		opf |= REQ_NOWAIT;
	return opf;
}

/*
 * Fill @rq's bio from @buf: single-page bvecs, up to the queue's limits.
 * Returns the bytes taken (a multiple of the logical block size), or 0.
 */
static unsigned int ksim_fill_rq(struct request *rq, char *buf, size_t len)
{
	struct request_queue *q = rq->q;
	unsigned int lbs = queue_logical_block_size(q);
	unsigned long vb = queue_virt_boundary(q);
	unsigned int max_bytes = queue_max_sectors(q) << SECTOR_SHIFT;
	unsigned int max_vecs = min_t(unsigned int, queue_max_segments(q),
				      rq->ksim_max_vecs);
	struct bio *bio = &rq->ksim_bio;
	unsigned int total = 0, cut;

	if (len < max_bytes)
		max_bytes = len;
	bio->bi_vcnt = 0;
	while (total < max_bytes && bio->bi_vcnt < max_vecs) {
		char *p = buf + total;
		unsigned int off = offset_in_page(p);
		unsigned int n = min_t(unsigned int, max_bytes - total,
				       PAGE_SIZE - off);

		/* a gap inside the virt boundary ends the request here */
		if (vb && bio->bi_vcnt && (off & vb))
			break;
		bvec_set_page(&bio->bi_io_vec[bio->bi_vcnt++], virt_to_page(p),
			      n, off);
		total += n;
		if (vb && ((off + n) & vb) && total < max_bytes)
			break;
	}
	/* whole logical blocks only: trim the tail back */
	cut = round_down(total, lbs);
	while (total > cut) {
		struct bio_vec *bv = &bio->bi_io_vec[bio->bi_vcnt - 1];
		unsigned int drop = min(bv->bv_len, total - cut);

		bv->bv_len -= drop;
		total -= drop;
		if (!bv->bv_len)
			bio->bi_vcnt--;
	}
	return total;
}

static void ksim_prep_rq(struct request *rq, struct ksim_bio_req *req,
			 sector_t sector, unsigned int bytes, unsigned int nvecs)
{
	struct bio *bio = &rq->ksim_bio;

	bio->bi_next = NULL;
	bio->bi_bdev = rq->q->disk ? rq->q->disk->part0 : NULL;
	bio->bi_opf = rq->cmd_flags;
	bio->bi_status = BLK_STS_OK;
	bio->bi_iter.bi_sector = sector;
	bio->bi_iter.bi_size = bytes;
	bio->bi_iter.bi_idx = 0;
	bio->bi_iter.bi_bvec_done = 0;
	bio->bi_end_io = NULL;
	bio->bi_private = req;
	rq->bio = rq->biotail = bio;
	rq->__sector = sector;
	rq->__data_len = bytes;
	rq->nr_phys_segments = nvecs;
	rq->ksim_io = req;
}

static unsigned int ksim_max_op_bytes(struct request_queue *q, unsigned int op)
{
	unsigned int lbs = queue_logical_block_size(q);
	unsigned int sectors;

	if (op == KSIM_BIO_DISCARD)
		sectors = q->limits.max_discard_sectors;
	else
		sectors = q->limits.max_write_zeroes_sectors;
	sectors = min_t(unsigned int, sectors, UINT_MAX >> SECTOR_SHIFT);
	return round_down(sectors << SECTOR_SHIFT, lbs);
}

static int ksim_check(struct ksim_bdev *bdev, struct ksim_bio_req *req)
{
	struct gendisk *disk = bdev->disk;
	struct request_queue *q = disk->queue;
	unsigned int lbs;

	if (test_bit(GD_DEAD, &disk->state) || !test_bit(GD_ADDED, &disk->state))
		return -ENODEV;
	if (req->op > KSIM_BIO_WRITE_ZEROES || !req->done)
		return -EINVAL;
	if ((req->flags & KSIM_BIO_POLLED) &&
	    !test_bit(QUEUE_FLAG_POLL, &q->queue_flags))
		return -EOPNOTSUPP;
	if (req->op == KSIM_BIO_FLUSH)
		return 0;
	lbs = queue_logical_block_size(q);
	if (!req->len || req->len % lbs || (req->sector << SECTOR_SHIFT) % lbs)
		return -EINVAL;
	if (req->sector + (req->len >> SECTOR_SHIFT) > get_capacity(disk) ||
	    req->sector + (req->len >> SECTOR_SHIFT) < req->sector)
		return -EIO;
	if (req->op == KSIM_BIO_WRITE && get_disk_ro(disk))
		return -EPERM;
	if (req->op == KSIM_BIO_READ || req->op == KSIM_BIO_WRITE) {
		if (((unsigned long)req->buf | req->len) & queue_dma_alignment(q))
			return -EINVAL;
		return 0;
	}
	if (!ksim_max_op_bytes(q, req->op))
		return -EOPNOTSUPP;
	return 0;
}

/*
 * Turn @req into requests on @list (all on one hctx).  When a tag is not
 * free right away, the requests built so far are issued first, so a large
 * I/O never waits for tags it holds itself.
 */
static int ksim_build(struct ksim_bdev *bdev, struct ksim_bio_req *req,
		      struct list_head *list, struct blk_mq_hw_ctx **hctxp)
{
	struct request_queue *q = bdev->disk->queue;
	blk_opf_t opf = ksim_bio_opf(req);
	struct blk_mq_hw_ctx *hctx = ksim_blk_map_hctx(q, opf);
	size_t done = 0;
	bool data = req->op == KSIM_BIO_READ || req->op == KSIM_BIO_WRITE;
	unsigned int max_other = data ? 0 : ksim_max_op_bytes(q, req->op);

	req->ksim_hctx = hctx->type == HCTX_TYPE_POLL ? hctx : NULL;
	*hctxp = hctx;
	do {
		struct request *rq;
		unsigned int bytes;

		rq = ksim_blk_get_request(q, opf, BLK_MQ_REQ_NOWAIT, hctx);
		if (IS_ERR(rq)) {
			if ((req->flags & KSIM_BIO_NOWAIT) ||
			    PTR_ERR(rq) != -EWOULDBLOCK) {
				if (PTR_ERR(rq) == -EWOULDBLOCK)
					return -EAGAIN;
				return test_bit(GD_DEAD, &bdev->disk->state) ?
					-ENODEV : (int)PTR_ERR(rq);
			}
			ksim_blk_dispatch_list(hctx, list);
			rq = ksim_blk_get_request(q, opf, 0, hctx);
			if (IS_ERR(rq))
				return test_bit(GD_DEAD, &bdev->disk->state) ?
					-ENODEV : (int)PTR_ERR(rq);
		}
		if (data) {
			rq->ksim_bio.bi_io_vec = rq->ksim_vecs;
			bytes = ksim_fill_rq(rq, (char *)req->buf + done,
					     req->len - done);
			if (!bytes) {
				blk_mq_free_request(rq);
				return -EINVAL;
			}
			ksim_prep_rq(rq, req, req->sector + (done >> 9), bytes,
				     rq->ksim_bio.bi_vcnt);
		} else if (req->op == KSIM_BIO_FLUSH) {
			bytes = 0;
			rq->ksim_io = req;
			rq->__sector = 0;
		} else {
			bytes = min_t(size_t, req->len - done, max_other);
			ksim_prep_rq(rq, req, req->sector + (done >> 9), bytes, 0);
			rq->ksim_bio.bi_vcnt = 0;
		}
		__atomic_add_fetch(&req->ksim_pending, 1, __ATOMIC_RELAXED);
		list_add_tail(&rq->queuelist, list);
		done += bytes;
	} while (done < req->len);
	return 0;
}

/*
 * Check @req and turn it into requests on @list.  0: started, @req holds
 * one extra reference the caller drops (ksim_io_put) once @list has been
 * issued.  -errno: nothing of it was started.
 */
static int ksim_start(struct ksim_bdev *bdev, struct ksim_bio_req *req,
		      struct list_head *list, struct blk_mq_hw_ctx **hctx)
{
	struct gendisk *disk = bdev->disk;
	int ret;

	ret = ksim_check(bdev, req);
	if (ret)
		return ret;
	req->ksim_bdev = bdev;
	req->ksim_error = 0;
	req->ksim_pending = 1;
	req->ksim_hctx = NULL;
	atomic_inc(&disk->ksim_inflight);
	/* a flush to a disk without a volatile cache has nothing to do */
	if (req->op == KSIM_BIO_FLUSH &&
	    !test_bit(QUEUE_FLAG_WC, &disk->queue->queue_flags))
		return 0;
	ret = ksim_build(bdev, req, list, hctx);
	if (!ret)
		return 0;
	if (__atomic_load_n(&req->ksim_pending, __ATOMIC_ACQUIRE) > 1 ||
	    req->ksim_error) {
		/* some pieces exist: they complete, @done reports the error */
		req->ksim_error = req->ksim_error ? req->ksim_error : ret;
		return 0;
	}
	ksim_inflight_put(disk);
	return ret;
}

int ksim_bdev_submit_batch(struct ksim_bdev *bdev, struct ksim_bio_req **reqs,
			   int n)
{
	struct blk_mq_hw_ctx *hctx = NULL, *h = NULL;
	LIST_HEAD(list);
	int i, j, ret;

	for (i = 0; i < n; i++) {
		ret = ksim_start(bdev, reqs[i], &list, &h);
		if (ret) {
			reqs[i]->ksim_error = ret;
			break;
		}
		if (hctx && h && h != hctx)
			ksim_blk_dispatch_list(hctx, &list);
		if (h)
			hctx = h;
	}
	if (hctx)
		ksim_blk_dispatch_list(hctx, &list);
	for (j = 0; j < i; j++)
		ksim_io_put(reqs[j]);
	return i;
}

int ksim_bdev_submit(struct ksim_bdev *bdev, struct ksim_bio_req *req)
{
	struct blk_mq_hw_ctx *hctx = NULL;
	LIST_HEAD(list);
	int ret;

	ret = ksim_start(bdev, req, &list, &hctx);
	if (ret)
		return ret;
	if (hctx)
		ksim_blk_dispatch_list(hctx, &list);
	ksim_io_put(req);
	return 0;
}

int ksim_bdev_poll(struct ksim_bdev *bdev, struct ksim_bio_req *req)
{
	struct request_queue *q = bdev->disk->queue;
	int found = 0, ret;
	unsigned int i;

	if (!q->mq_ops->poll || !test_bit(QUEUE_FLAG_POLL, &q->queue_flags))
		return -EOPNOTSUPP;
	if (test_bit(GD_DEAD, &bdev->disk->state) || !q->queue_hw_ctx)
		return -ENODEV;
	for (i = 0; i < q->nr_hw_queues; i++) {
		struct blk_mq_hw_ctx *hctx = q->queue_hw_ctx[i];
		DEFINE_IO_COMP_BATCH(iob);

		if (hctx->type != HCTX_TYPE_POLL)
			continue;
		if (req && req->ksim_hctx && req->ksim_hctx != hctx)
			continue;
		ret = q->mq_ops->poll(hctx, &iob);
		if (iob.req_list && iob.complete)
			iob.complete(&iob);
		if (ret > 0)
			found += ret;
	}
	return found;
}

/* ---- synchronous helpers ---- */

struct ksim_sync {
	u32 done;
	int error;
};

static void ksim_sync_done(struct ksim_bio_req *req, int error)
{
	struct ksim_sync *s = req->private;

	s->error = error;
	__atomic_store_n(&s->done, 1, __ATOMIC_RELEASE);
	ksim_host->wake(&s->done, INT32_MAX);
}

static int ksim_sync_io(struct ksim_bdev *bdev, unsigned int op,
			unsigned int flags, uint64_t sector, void *buf, size_t len)
{
	struct ksim_sync s = { 0, 0 };
	struct ksim_bio_req req = {
		.op = op, .flags = flags, .sector = sector, .buf = buf,
		.len = len, .done = ksim_sync_done, .private = &s,
	};
	int ret;

	ret = ksim_bdev_submit(bdev, &req);
	if (ret)
		return ret;
	while (!__atomic_load_n(&s.done, __ATOMIC_ACQUIRE)) {
		if (flags & KSIM_BIO_POLLED)
			ksim_bdev_poll(bdev, &req);
		else
			ksim_host->wait(&s.done, 0, KSIM_HOST_FOREVER);
	}
	return s.error;
}

int ksim_bdev_read(struct ksim_bdev *bdev, uint64_t sector, void *buf, size_t len)
{
	return ksim_sync_io(bdev, KSIM_BIO_READ, 0, sector, buf, len);
}

int ksim_bdev_write(struct ksim_bdev *bdev, uint64_t sector, const void *buf,
		    size_t len, unsigned int flags)
{
	return ksim_sync_io(bdev, KSIM_BIO_WRITE, flags, sector, (void *)buf, len);
}

int ksim_bdev_flush(struct ksim_bdev *bdev)
{
	return ksim_sync_io(bdev, KSIM_BIO_FLUSH, 0, 0, NULL, 0);
}

int ksim_bdev_discard(struct ksim_bdev *bdev, uint64_t sector, size_t len)
{
	return ksim_sync_io(bdev, KSIM_BIO_DISCARD, 0, sector, NULL, len);
}

int ksim_bdev_write_zeroes(struct ksim_bdev *bdev, uint64_t sector, size_t len)
{
	return ksim_sync_io(bdev, KSIM_BIO_WRITE_ZEROES, 0, sector, NULL, len);
}
