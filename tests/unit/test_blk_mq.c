// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_blk_mq.c - the block layer through a small driver written
 * here, driven by the submission API (ksim/blkdev.h).
 */
#include "ktest.h"
#include <criterion/redirect.h>
#include <stdlib.h>
#include <string.h>

#include <linux/blk-mq.h>
#include <linux/jiffies.h>
#include <linux/slab.h>
#include "ksim/blkdev.h"

#define TD_SECTORS	(8 * 1024)	/* 4 MiB */

struct tdev {
	struct blk_mq_tag_set set;
	struct gendisk *disk;
	unsigned char *store;
	/* behaviour knobs */
	bool hold;			/* don't complete: tests do it */
	int resource_left;		/* return BLK_STS_RESOURCE this many times */
	blk_status_t status;		/* end every request with this */
	enum blk_eh_timer_return tmo_ret;
	/* observations */
	int inflight, max_inflight, calls, timeouts, quiesced_calls;
	bool seen_tag[64];
	bool dup_tag;
	struct request *held[64];
	int nheld;
	struct request *last_held;	/* atomic: the latest request held */
	bool started_early;		/* queue_rq saw RQF_STARTED before starting */
	unsigned int last_flags;
	int last_segs, last_sg;
	unsigned int max_bytes_seen, max_segs_seen;
};

static struct tdev td;

static void td_do(struct request *rq)
{
	struct req_iterator it;
	struct bio_vec bv;
	loff_t pos = (loff_t)blk_rq_pos(rq) << 9;

	if (req_op(rq) != REQ_OP_READ && req_op(rq) != REQ_OP_WRITE)
		return;
	rq_for_each_segment(bv, rq, it) {
		void *p = bvec_virt(&bv);

		if (req_op(rq) == REQ_OP_READ)
			memcpy(p, td.store + pos, bv.bv_len);
		else
			memcpy(td.store + pos, p, bv.bv_len);
		pos += bv.bv_len;
	}
}

static blk_status_t td_queue_rq(struct blk_mq_hw_ctx *hctx,
				const struct blk_mq_queue_data *bd)
{
	struct request *rq = bd->rq;
	struct scatterlist sg[BLK_MAX_SEGMENTS];

	td.calls++;
	if (blk_queue_quiesced(rq->q))
		td.quiesced_calls++;
	if (td.resource_left > 0) {
		td.resource_left--;
		return BLK_STS_RESOURCE;
	}
	if (__atomic_load_n(&rq->rq_flags, __ATOMIC_RELAXED) & RQF_STARTED)
		__atomic_store_n(&td.started_early, true, __ATOMIC_RELAXED);
	blk_mq_start_request(rq);
	if (rq->tag < 64) {
		if (td.seen_tag[rq->tag])
			td.dup_tag = true;
		td.seen_tag[rq->tag] = true;
	}
	td.last_flags = rq->cmd_flags;
	td.last_segs = blk_rq_nr_phys_segments(rq);
	sg_init_table(sg, BLK_MAX_SEGMENTS);
	td.last_sg = blk_rq_map_sg(rq->q, rq, sg);
	if (blk_rq_bytes(rq) > td.max_bytes_seen)
		td.max_bytes_seen = blk_rq_bytes(rq);
	if (td.last_segs > (int)td.max_segs_seen)
		td.max_segs_seen = td.last_segs;
	td.inflight++;
	if (td.inflight > td.max_inflight)
		td.max_inflight = td.inflight;
	if (td.hold) {
		if (td.nheld < (int)ARRAY_SIZE(td.held))	/* requeue tests hold one rq often */
			td.held[td.nheld++] = rq;
		__atomic_store_n(&td.last_held, rq, __ATOMIC_RELEASE);
		return BLK_STS_OK;
	}
	td_do(rq);
	blk_mq_complete_request(rq);
	return BLK_STS_OK;
}

static void td_complete(struct request *rq)
{
	if (rq->tag < 64)
		td.seen_tag[rq->tag] = false;
	td.inflight--;
	blk_mq_end_request(rq, td.status);
}

static enum blk_eh_timer_return td_timeout(struct request *rq)
{
	td.timeouts++;
	if (td.tmo_ret == BLK_EH_DONE) {
		td.nheld = 0;
		blk_mq_complete_request(rq);
	}
	return td.tmo_ret;
}

static const struct blk_mq_ops td_ops = {
	.queue_rq = td_queue_rq,
	.complete = td_complete,
	.timeout = td_timeout,
};

static struct ksim_bdev *td_setup(unsigned int depth)
{
	memset(&td, 0, sizeof(td));
	td.store = calloc(1, TD_SECTORS * 512);
	td.set.ops = &td_ops;
	td.set.nr_hw_queues = 1;
	td.set.queue_depth = depth;
	td.set.numa_node = NUMA_NO_NODE;
	cr_assert_eq(blk_mq_alloc_tag_set(&td.set), 0);
	td.disk = blk_mq_alloc_disk(&td.set, &td);
	cr_assert(!IS_ERR(td.disk));
	strcpy(td.disk->disk_name, "tdisk0");
	set_capacity(td.disk, TD_SECTORS);
	blk_queue_write_cache(td.disk->queue, true, true);
	cr_assert_eq(add_disk(td.disk), 0);
	return ksim_bdev_open("tdisk0");
}

static void td_teardown(struct ksim_bdev *b)
{
	ksim_bdev_close(b);
	del_gendisk(td.disk);
	put_disk(td.disk);
	blk_mq_free_tag_set(&td.set);
	free(td.store);
}

static int ndone, last_err;
static void count_done(struct ksim_bio_req *r, int err)
{
	__atomic_add_fetch(&ndone, 1, __ATOMIC_SEQ_CST);
	last_err = err;
}

TestSuite(blk_mq, .init = ktest_boot, .fini = ktest_shutdown, .timeout = 60);

Test(blk_mq, write_read_roundtrip_and_fields)
{
	struct ksim_bdev *b = td_setup(8);
	char *w = aligned_alloc(4096, 16384), *r = aligned_alloc(4096, 16384);

	cr_assert_not_null(b);
	cr_assert_null(ksim_bdev_open("nope"));
	cr_assert_eq(ksim_bdev_capacity(b), TD_SECTORS * 512ULL);
	for (int i = 0; i < 16384; i++)
		w[i] = (char)(i * 7 + 3);
	cr_assert_eq(ksim_bdev_write(b, 64, w, 16384, KSIM_BIO_FUA), 0);
	cr_assert(td.last_flags & REQ_FUA);
	cr_assert_eq(td.last_flags & REQ_OP_MASK, REQ_OP_WRITE);
	cr_assert_eq(td.last_segs, 4);		/* one bvec per page */
	cr_assert_eq(td.last_sg, 1);		/* contiguous: merged by map_sg */
	cr_assert_eq(ksim_bdev_read(b, 64, r, 16384), 0);
	cr_assert_eq(memcmp(w, r, 16384), 0);
	cr_assert_eq(memcmp(td.store + 64 * 512, w, 16384), 0);
	cr_assert_eq(ksim_bdev_read(b, 1, r + 1, 512), -EINVAL);
	cr_assert_eq(ksim_bdev_read(b, TD_SECTORS, r, 512), -EIO);
	free(w);
	free(r);
	td_teardown(b);
}

Test(blk_mq, status_to_errno)
{
	cr_assert_eq(blk_status_to_errno(BLK_STS_IOERR), -EIO);
	cr_assert_eq(blk_status_to_errno(BLK_STS_NOTSUPP), -EOPNOTSUPP);
	cr_assert_eq(blk_status_to_errno(BLK_STS_TIMEOUT), -ETIMEDOUT);
	cr_assert_eq(blk_status_to_errno(BLK_STS_OFFLINE), -ENODEV);
	cr_assert_eq(errno_to_blk_status(-ENOSPC), BLK_STS_NOSPC);
	cr_assert_eq(errno_to_blk_status(-E2BIG), BLK_STS_IOERR);

	struct ksim_bdev *b = td_setup(4);
	char *buf = aligned_alloc(4096, 4096);

	td.status = BLK_STS_MEDIUM;
	cr_assert_eq(ksim_bdev_read(b, 0, buf, 4096), -ENODATA);
	td.status = BLK_STS_OK;
	cr_assert_eq(ksim_bdev_read(b, 0, buf, 4096), 0);
	free(buf);
	td_teardown(b);
}

Test(blk_mq, depth_honoured_no_duplicate_tag)
{
	struct ksim_bdev *b = td_setup(4);
	struct ksim_bio_req reqs[10];
	char *buf = aligned_alloc(4096, 4096 * 10);

	td.hold = true;
	for (int i = 0; i < 4; i++) {
		reqs[i] = (struct ksim_bio_req){ .op = KSIM_BIO_READ,
			.sector = i * 8, .buf = buf + i * 4096, .len = 4096,
			.done = count_done, .flags = KSIM_BIO_NOWAIT };
		cr_assert_eq(ksim_bdev_submit(b, &reqs[i]), 0);
	}
	reqs[4] = reqs[0];
	cr_assert_eq(ksim_bdev_submit(b, &reqs[4]), -EAGAIN);
	cr_assert_eq(td.inflight, 4);
	cr_assert_not(td.dup_tag);
	/* completing them frees tags for more */
	for (int round = 0; round < 2; round++) {
		int n = td.nheld;

		td.nheld = 0;
		for (int i = 0; i < n; i++)
			blk_mq_complete_request(td.held[i]);
		for (int i = 0; i < 3; i++) {
			reqs[4 + round * 3 + i] = reqs[0];
			cr_assert_eq(ksim_bdev_submit(b, &reqs[4 + round * 3 + i]), 0);
		}
	}
	td.hold = false;
	for (int i = 0; i < td.nheld; i++)
		blk_mq_complete_request(td.held[i]);
	cr_assert_eq(ndone, 10);
	cr_assert_eq(td.max_inflight, 4);
	cr_assert_not(td.dup_tag);
	free(buf);
	td_teardown(b);
}

Test(blk_mq, resource_requeues_then_succeeds)
{
	struct ksim_bdev *b = td_setup(4);
	char *buf = aligned_alloc(4096, 4096);

	td.resource_left = 2;
	cr_assert_eq(ksim_bdev_read(b, 0, buf, 4096), 0);
	cr_assert_eq(td.calls, 3);
	free(buf);
	td_teardown(b);
}

Test(blk_mq, timeout_done_and_reset)
{
	struct ksim_bdev *b = td_setup(4);
	char *buf = aligned_alloc(4096, 4096);
	struct ksim_bio_req req = { .op = KSIM_BIO_READ, .buf = buf,
				    .len = 4096, .done = count_done };

	blk_queue_rq_timeout(td.disk->queue, msecs_to_jiffies(50));
	td.hold = true;
	td.tmo_ret = BLK_EH_DONE;
	cr_assert_eq(ksim_bdev_submit(b, &req), 0);
	cr_assert(ktest_wait_for(__atomic_load_n(&ndone, __ATOMIC_SEQ_CST) == 1, 5000));
	cr_assert_eq(td.timeouts, 1);

	td.tmo_ret = BLK_EH_RESET_TIMER;
	cr_assert_eq(ksim_bdev_submit(b, &req), 0);
	cr_assert(ktest_wait_for(td.timeouts >= 3, 5000));
	cr_assert_eq(ndone, 1);
	blk_mq_complete_request(td.held[td.nheld - 1]);
	cr_assert_eq(ndone, 2);
	cr_assert_eq(last_err, 0);
	free(buf);
	td_teardown(b);
}

/*
 * A driver requeues a request from its own context while the timeout work
 * rearms that request's timer (->timeout said BLK_EH_RESET_TIMER): both
 * change rq_flags and share no lock.  Every requeue must leave the request
 * not started when it is dispatched again, and it completes once.  Under
 * `make SAN=thread` a plain read-modify-write here is reported as a race.
 */
Test(blk_mq, requeue_races_timeout_rearm)
{
	struct ksim_bdev *b = td_setup(4);
	char *buf = aligned_alloc(4096, 4096);
	struct ksim_bio_req req = { .op = KSIM_BIO_READ, .buf = buf,
				    .len = 4096, .done = count_done };
	struct request *rq = NULL;

	blk_queue_rq_timeout(td.disk->queue, 1);	/* a jiffy: the timer keeps firing */
	td.hold = true;
	td.tmo_ret = BLK_EH_RESET_TIMER;
	cr_assert_eq(ksim_bdev_submit(b, &req), 0);
	for (int i = 0; i < 100; i++) {
		cr_assert(ktest_wait_for((rq = __atomic_exchange_n(&td.last_held, NULL,
								    __ATOMIC_ACQUIRE)) != NULL,
					 5000), "requeue %d never dispatched again", i);
		blk_mq_requeue_request(rq, true);
	}
	cr_assert(ktest_wait_for((rq = __atomic_exchange_n(&td.last_held, NULL,
							    __ATOMIC_ACQUIRE)) != NULL, 5000));
	blk_queue_rq_timeout(td.disk->queue, 30 * HZ);
	blk_mq_complete_request(rq);
	cr_assert(ktest_wait_for(__atomic_load_n(&ndone, __ATOMIC_SEQ_CST) == 1, 5000));
	cr_assert_eq(last_err, 0);
	cr_assert(!__atomic_load_n(&td.started_early, __ATOMIC_RELAXED),
		  "a requeued request was dispatched still marked started");
	free(buf);
	td_teardown(b);
}

Test(blk_mq, double_completion_warns)
{
	struct ksim_bdev *b = td_setup(4);
	char *buf = aligned_alloc(4096, 4096);
	struct ksim_bio_req req = { .op = KSIM_BIO_READ, .buf = buf,
				    .len = 4096, .done = count_done };

	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	td.hold = true;
	cr_assert_eq(ksim_bdev_submit(b, &req), 0);
	td.hold = false;
	blk_mq_complete_request(td.held[0]);
	blk_mq_complete_request(td.held[0]);
	cr_assert_eq(ndone, 1);
	cr_assert(ksim_dmesg_contains("double completion"));
	free(buf);
	td_teardown(b);
}

Test(blk_mq, quiesce_holds_dispatch)
{
	struct ksim_bdev *b = td_setup(4);
	char *buf = aligned_alloc(4096, 4096);
	struct ksim_bio_req req = { .op = KSIM_BIO_READ, .buf = buf,
				    .len = 4096, .done = count_done };

	blk_mq_quiesce_queue(td.disk->queue);
	cr_assert_eq(ksim_bdev_submit(b, &req), 0);
	ktest_sleep_ms(20);
	cr_assert_eq(td.calls, 0);
	cr_assert_eq(ndone, 0);
	blk_mq_unquiesce_queue(td.disk->queue);
	cr_assert(ktest_wait_for(__atomic_load_n(&ndone, __ATOMIC_SEQ_CST) == 1, 5000));
	cr_assert_eq(td.quiesced_calls, 0);
	free(buf);
	td_teardown(b);
}

static bool count_busy(struct request *rq, void *data)
{
	(*(int *)data)++;
	return true;
}

Test(blk_mq, busy_iter_and_freeze)
{
	struct ksim_bdev *b = td_setup(8);
	char *buf = aligned_alloc(4096, 4096 * 3);
	struct ksim_bio_req reqs[3];
	int busy = 0;

	td.hold = true;
	for (int i = 0; i < 3; i++) {
		reqs[i] = (struct ksim_bio_req){ .op = KSIM_BIO_WRITE,
			.sector = i * 8, .buf = buf + i * 4096, .len = 4096,
			.done = count_done };
		cr_assert_eq(ksim_bdev_submit(b, &reqs[i]), 0);
	}
	blk_mq_tagset_busy_iter(&td.set, count_busy, &busy);
	cr_assert_eq(busy, 3);
	blk_freeze_queue_start(td.disk->queue);
	cr_assert_eq(blk_mq_freeze_queue_wait_timeout(td.disk->queue,
						      msecs_to_jiffies(30)), 0);
	for (int i = 0; i < 3; i++)
		blk_mq_complete_request(td.held[i]);
	blk_mq_freeze_queue_wait(td.disk->queue);
	blk_mq_unfreeze_queue(td.disk->queue);
	busy = 0;
	blk_mq_tagset_busy_iter(&td.set, count_busy, &busy);
	cr_assert_eq(busy, 0);
	cr_assert_eq(ndone, 3);
	free(buf);
	td_teardown(b);
}

Test(blk_mq, split_by_limits_and_integrity)
{
	struct ksim_bdev *b = td_setup(16);
	size_t len = 256 * 1024;
	char *w = aligned_alloc(4096, len + 4096), *r = aligned_alloc(4096, len + 4096);

	blk_queue_max_hw_sectors(td.disk->queue, 64);	/* 32 KiB */
	for (size_t i = 0; i < len + 4096; i++)
		w[i] = (char)rand();
	cr_assert_eq(ksim_bdev_write(b, 100, w + 512, len, 0), 0);
	cr_assert_eq(td.max_bytes_seen, 32 * 1024);
	blk_queue_max_hw_sectors(td.disk->queue, 1024);
	blk_queue_max_segments(td.disk->queue, 3);
	td.max_bytes_seen = 0;
	td.max_segs_seen = 0;
	cr_assert_eq(ksim_bdev_read(b, 100, r + 512, len), 0);
	cr_assert_leq(td.max_segs_seen, 3);
	cr_assert_eq(memcmp(w + 512, r + 512, len), 0);
	for (int k = 0; k < 50; k++) {
		size_t off = (rand() % 64) * 512, n = (1 + rand() % 64) * 512;
		uint64_t sec = rand() % (TD_SECTORS - 200);

		cr_assert_eq(ksim_bdev_write(b, sec, w + off, n, 0), 0);
		cr_assert_eq(ksim_bdev_read(b, sec, r, n), 0);
		cr_assert_eq(memcmp(w + off, r, n), 0);
	}
	free(w);
	free(r);
	td_teardown(b);
}

Test(blk_mq, del_gendisk_fails_new_io)
{
	struct ksim_bdev *b = td_setup(4);
	char *buf = aligned_alloc(4096, 4096);

	del_gendisk(td.disk);
	cr_assert_eq(ksim_bdev_read(b, 0, buf, 4096), -ENODEV);
	put_disk(td.disk);
	cr_assert_eq(ksim_bdev_read(b, 0, buf, 4096), -ENODEV);
	ksim_bdev_close(b);
	blk_mq_free_tag_set(&td.set);
	free(td.store);
	free(buf);
}
