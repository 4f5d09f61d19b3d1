/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim/blkdev.h - the in-process submission API: I/O to a disk by name,
 * the way a file system or io_uring would do it.  Host world (benchmarks,
 * the FUSE frontend, tests).  Implementation: kapi-shim/block/bdev.c.
 *
 * A request larger than the queue's max_sectors or max_segments is split
 * into several block requests, as the kernel's block layer does; @done
 * runs once, when every piece has completed, with the first error.
 *
 * Completion context: @done runs in whatever context ends the request:
 * the driver's interrupt handler (hard irq), a timer or work item, the
 * submitter itself (a driver completing inline, or ksim_bdev_poll()).  It
 * must not sleep.  It may submit new I/O with KSIM_BIO_NOWAIT (which fails
 * with -EAGAIN instead of waiting for a free tag).
 *
 * The data buffer is handed to the driver without a copy (the bvecs point
 * into it), so it must stay valid until @done; its address and length must
 * be multiples of the queue's DMA alignment (512 by default) and the
 * length a multiple of the logical block size, else -EINVAL.
 */
#ifndef KSIM_BLKDEV_H
#define KSIM_BLKDEV_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

struct ksim_bdev;

enum ksim_bio_op {
	KSIM_BIO_READ,
	KSIM_BIO_WRITE,
	KSIM_BIO_FLUSH,
	KSIM_BIO_DISCARD,
	KSIM_BIO_WRITE_ZEROES,
};

enum {
	KSIM_BIO_FUA	= 1U << 0,	/* write through to stable media (REQ_FUA) */
	KSIM_BIO_POLLED	= 1U << 1,	/* use a poll queue; complete via ksim_bdev_poll() */
	KSIM_BIO_NOWAIT	= 1U << 2,	/* -EAGAIN instead of waiting for a tag */
};

struct ksim_bio_req {
	unsigned int	op;		/* enum ksim_bio_op */
	unsigned int	flags;		/* KSIM_BIO_* */
	uint64_t	sector;		/* 512-byte sectors */
	void		*buf;		/* data (read/write) */
	size_t		len;		/* bytes (also for discard/write zeroes) */
	void		(*done)(struct ksim_bio_req *req, int error);
	void		*private;

	/* block layer private */
	int		ksim_pending;
	int		ksim_error;
	void		*ksim_hctx;	/* the poll queue used (KSIM_BIO_POLLED) */
	struct ksim_bdev *ksim_bdev;
};

/*
 * Open a disk by name ("nullb0", "nvme0n1").  NULL if there is none.  The
 * reference keeps the disk's memory alive; after del_gendisk() every new
 * I/O fails with -ENODEV.
 */
struct ksim_bdev *ksim_bdev_open(const char *disk_name);
void ksim_bdev_close(struct ksim_bdev *bdev);

uint64_t ksim_bdev_capacity(struct ksim_bdev *bdev);		/* bytes */
unsigned int ksim_bdev_logical_block_size(struct ksim_bdev *bdev);
unsigned int ksim_bdev_max_transfer(struct ksim_bdev *bdev);	/* bytes per request */
const char *ksim_bdev_name(struct ksim_bdev *bdev);

/*
 * Start @req.  0: @done will be called exactly once.  -errno: it was not
 * started and @done will not be called (-ENODEV disk removed, -EINVAL bad
 * alignment or op, -EIO beyond the end, -EOPNOTSUPP unsupported op or no
 * poll queues, -EAGAIN with KSIM_BIO_NOWAIT).  May sleep for a free tag.
 */
int ksim_bdev_submit(struct ksim_bdev *bdev, struct ksim_bio_req *req);
/*
 * Start @n requests as one plug: the driver's ->queue_rq sees them with
 * bd->last false for all but the last.  Returns how many were started
 * (stops at the first that fails to start; its error in reqs[i]->ksim_error).
 */
int ksim_bdev_submit_batch(struct ksim_bdev *bdev, struct ksim_bio_req **reqs,
			   int n);
/*
 * Reap completions on the poll queue @req went to (all poll queues if
 * @req is NULL), calling the driver's ->poll once each.  Returns the number
 * of completions found, or -errno.
 */
int ksim_bdev_poll(struct ksim_bdev *bdev, struct ksim_bio_req *req);

/* Synchronous helpers: submit and wait; 0 or -errno. */
int ksim_bdev_read(struct ksim_bdev *bdev, uint64_t sector, void *buf, size_t len);
int ksim_bdev_write(struct ksim_bdev *bdev, uint64_t sector, const void *buf,
		    size_t len, unsigned int flags);
int ksim_bdev_flush(struct ksim_bdev *bdev);
int ksim_bdev_discard(struct ksim_bdev *bdev, uint64_t sector, size_t len);
int ksim_bdev_write_zeroes(struct ksim_bdev *bdev, uint64_t sector, size_t len);

/*
 * Call @fn with the name of every added disk, in the order they were
 * added; stops when @fn returns non-zero and returns that.
 */
int ksim_bdev_for_each(int (*fn)(const char *disk_name, void *arg), void *arg);

#endif /* KSIM_BLKDEV_H */
