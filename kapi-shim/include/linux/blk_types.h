/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/blk_types.h - block layer types shared by bios and requests:
 * blk_status_t, the operations and their flags, struct bio.  Linux 6.1.
 * (kapi-shim/block/)
 */
#ifndef __LINUX_BLK_TYPES_H
#define __LINUX_BLK_TYPES_H

#include <linux/types.h>
#include <linux/bvec.h>
#include <linux/atomic.h>

struct bio_set;
struct bio;
struct block_device;
struct gendisk;
struct request_queue;

typedef void (bio_end_io_t)(struct bio *);

/* generic data direction definitions */
#ifndef READ
#define READ		0
#endif
#ifndef WRITE
#define WRITE		1
#endif

#ifndef SECTOR_SHIFT
#define SECTOR_SHIFT 9
#endif
#ifndef SECTOR_SIZE
#define SECTOR_SIZE (1 << SECTOR_SHIFT)
#endif

#define PAGE_SECTORS_SHIFT	(PAGE_SHIFT - SECTOR_SHIFT)
#define PAGE_SECTORS		(1 << PAGE_SECTORS_SHIFT)
#define SECTOR_MASK		(PAGE_SECTORS - 1)

/*
 * Block error status values.  See block/blk-core.c in the shim for the
 * errno each maps to.
 */
typedef u8 blk_status_t;
typedef u16 blk_short_t;

#define BLK_STS_OK			((blk_status_t)0)
#define BLK_STS_NOTSUPP			((blk_status_t)1)
#define BLK_STS_TIMEOUT			((blk_status_t)2)
#define BLK_STS_NOSPC			((blk_status_t)3)
#define BLK_STS_TRANSPORT		((blk_status_t)4)
#define BLK_STS_TARGET			((blk_status_t)5)
#define BLK_STS_NEXUS			((blk_status_t)6)
#define BLK_STS_MEDIUM			((blk_status_t)7)
#define BLK_STS_PROTECTION		((blk_status_t)8)
#define BLK_STS_RESOURCE		((blk_status_t)9)
#define BLK_STS_IOERR			((blk_status_t)10)
/* hack for device mapper, don't use elsewhere: */
#define BLK_STS_DM_REQUEUE		((blk_status_t)11)
/* "the operation would block", for REQ_NOWAIT */
#define BLK_STS_AGAIN			((blk_status_t)12)
/*
 * Like BLK_STS_RESOURCE, but the device itself is out of resources: the
 * queue is rerun when one of the device's own requests completes, not
 * after a delay.
 */
#define BLK_STS_DEV_RESOURCE		((blk_status_t)13)
#define BLK_STS_ZONE_RESOURCE		((blk_status_t)14)
#define BLK_STS_ZONE_OPEN_RESOURCE	((blk_status_t)15)
#define BLK_STS_ZONE_ACTIVE_RESOURCE	((blk_status_t)16)
#define BLK_STS_OFFLINE			((blk_status_t)17)

/*
 * Whether @status is one a request may be retried for (the path, not the
 * data, was the problem).
 */
static inline bool blk_path_error(blk_status_t error)
{
	switch (error) {
	case BLK_STS_NOTSUPP:
	case BLK_STS_NOSPC:
	case BLK_STS_TARGET:
	case BLK_STS_NEXUS:
	case BLK_STS_MEDIUM:
	case BLK_STS_PROTECTION:
		return false;
	}
	return true;
}

/* Operations: the low REQ_OP_BITS of bi_opf / cmd_flags. */
#define REQ_OP_BITS	8
#define REQ_OP_MASK	((1 << REQ_OP_BITS) - 1)
#define REQ_FLAG_BITS	24

typedef u32 blk_opf_t;
typedef unsigned int blk_qc_t;
#define BLK_QC_T_NONE		-1U

/* Odd numbers write data, even numbers read it (op_is_write()). */
enum req_op {
	REQ_OP_READ		= 0,
	REQ_OP_WRITE		= 1,
	REQ_OP_FLUSH		= 2,
	REQ_OP_DISCARD		= 3,
	REQ_OP_SECURE_ERASE	= 5,
	REQ_OP_WRITE_ZEROES	= 9,
	REQ_OP_ZONE_OPEN	= 10,
	REQ_OP_ZONE_CLOSE	= 11,
	REQ_OP_ZONE_FINISH	= 12,
	REQ_OP_ZONE_APPEND	= 13,
	REQ_OP_ZONE_RESET	= 15,
	REQ_OP_ZONE_RESET_ALL	= 17,
	/* Driver private requests (passthrough) */
	REQ_OP_DRV_IN		= 34,
	REQ_OP_DRV_OUT		= 35,
	REQ_OP_LAST,
};

enum req_flag_bits {
	__REQ_FAILFAST_DEV = REQ_OP_BITS,
	__REQ_FAILFAST_TRANSPORT,
	__REQ_FAILFAST_DRIVER,
	__REQ_SYNC,
	__REQ_META,
	__REQ_PRIO,
	__REQ_NOMERGE,
	__REQ_IDLE,
	__REQ_INTEGRITY,
	__REQ_FUA,
	__REQ_PREFLUSH,
	__REQ_RAHEAD,
	__REQ_BACKGROUND,
	__REQ_NOWAIT,
	__REQ_CGROUP_PUNT,
	__REQ_POLLED,
	__REQ_ALLOC_CACHE,
	__REQ_SWAP,
	__REQ_DRV,
	__REQ_NOUNMAP,
	__REQ_NR_BITS,
};

#define REQ_FAILFAST_DEV	(1U << __REQ_FAILFAST_DEV)
#define REQ_FAILFAST_TRANSPORT	(1U << __REQ_FAILFAST_TRANSPORT)
#define REQ_FAILFAST_DRIVER	(1U << __REQ_FAILFAST_DRIVER)
#define REQ_SYNC		(1U << __REQ_SYNC)
#define REQ_META		(1U << __REQ_META)
#define REQ_PRIO		(1U << __REQ_PRIO)
#define REQ_NOMERGE		(1U << __REQ_NOMERGE)
#define REQ_IDLE		(1U << __REQ_IDLE)
#define REQ_INTEGRITY		(1U << __REQ_INTEGRITY)
#define REQ_FUA			(1U << __REQ_FUA)
#define REQ_PREFLUSH		(1U << __REQ_PREFLUSH)
#define REQ_RAHEAD		(1U << __REQ_RAHEAD)
#define REQ_BACKGROUND		(1U << __REQ_BACKGROUND)
#define REQ_NOWAIT		(1U << __REQ_NOWAIT)
#define REQ_CGROUP_PUNT		(1U << __REQ_CGROUP_PUNT)
#define REQ_POLLED		(1U << __REQ_POLLED)
#define REQ_ALLOC_CACHE		(1U << __REQ_ALLOC_CACHE)
#define REQ_SWAP		(1U << __REQ_SWAP)
#define REQ_DRV			(1U << __REQ_DRV)
#define REQ_NOUNMAP		(1U << __REQ_NOUNMAP)

#define REQ_FAILFAST_MASK \
	(REQ_FAILFAST_DEV | REQ_FAILFAST_TRANSPORT | REQ_FAILFAST_DRIVER)
#define REQ_NOMERGE_FLAGS \
	(REQ_NOMERGE | REQ_PREFLUSH | REQ_FUA)

static inline enum req_op bio_op_from_opf(blk_opf_t opf)
{
	return (enum req_op)(opf & REQ_OP_MASK);
}

static inline bool op_is_write(blk_opf_t op)
{
	return !!(op & (blk_opf_t)1);
}

static inline bool op_is_flush(blk_opf_t op)
{
	return op & (REQ_FUA | REQ_PREFLUSH);
}

static inline bool op_is_sync(blk_opf_t op)
{
	return (op & REQ_OP_MASK) == REQ_OP_READ ||
		(op & (REQ_SYNC | REQ_FUA | REQ_PREFLUSH));
}

static inline bool op_is_discard(blk_opf_t op)
{
	return (op & REQ_OP_MASK) == REQ_OP_DISCARD;
}

static inline bool op_is_zone_mgmt(enum req_op op)
{
	switch (op & REQ_OP_MASK) {
	case REQ_OP_ZONE_RESET:
	case REQ_OP_ZONE_OPEN:
	case REQ_OP_ZONE_CLOSE:
	case REQ_OP_ZONE_FINISH:
		return true;
	default:
		return false;
	}
}

static inline int op_stat_group(enum req_op op)
{
	if (op_is_discard(op))
		return 2;
	return op_is_write(op);
}

/* bi_flags bits */
enum {
	BIO_NO_PAGE_REF,
	BIO_CLONED,
	BIO_BOUNCED,
	BIO_QUIET,
	BIO_CHAIN,
	BIO_REFFED,
	BIO_BPS_THROTTLED,
	BIO_TRACE_COMPLETION,
	BIO_CGROUP_ACCT,
	BIO_QOS_THROTTLED,
	BIO_QOS_MERGED,
	BIO_REMAPPED,
	BIO_ZONE_WRITE_LOCKED,
	BIO_FLAG_LAST
};

/*
 * The main unit of I/O: an operation on a range of sectors, with the
 * memory in bi_io_vec.  ksim's submission API embeds one bio in every
 * request, so the hot path allocates nothing.
 */
struct bio {
	struct bio		*bi_next;	/* request queue link */
	struct block_device	*bi_bdev;
	blk_opf_t		bi_opf;		/* bottom bits REQ_OP, top bits flags */
	unsigned short		bi_flags;	/* BIO_* below */
	unsigned short		bi_ioprio;
	blk_status_t		bi_status;
	atomic_t		__bi_remaining;

	struct bvec_iter	bi_iter;

	blk_qc_t		bi_cookie;
	bio_end_io_t		*bi_end_io;
	void			*bi_private;

	unsigned short		bi_vcnt;	/* how many bio_vec's */
	unsigned short		bi_max_vecs;	/* max bvl_vecs we can hold */
	atomic_t		__bi_cnt;	/* pin count */
	struct bio_vec		*bi_io_vec;	/* the actual vec list */
	struct bio_set		*bi_pool;
	struct bio_vec		bi_inline_vecs[];
};

#define BIO_RESET_BYTES		offsetof(struct bio, bi_max_vecs)
#define BIO_MAX_VECS		256U

static inline enum req_op bio_op(const struct bio *bio)
{
	return (enum req_op)(bio->bi_opf & REQ_OP_MASK);
}

#endif /* __LINUX_BLK_TYPES_H */
