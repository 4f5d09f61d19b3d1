// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/block/blk-core.c - status codes, queue flags and queue limits
 * (what the kernel keeps in blk-core.c and blk-settings.c).
 */
#include <linux/blkdev.h>
#include <linux/export.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/jiffies.h>
#include <linux/string.h>
#include <linux/mm.h>

static const struct {
	int errno;
	const char *name;
} blk_errors[] = {
	[BLK_STS_OK]			= { 0,		"" },
	[BLK_STS_NOTSUPP]		= { -EOPNOTSUPP, "operation not supported" },
	[BLK_STS_TIMEOUT]		= { -ETIMEDOUT,	"timeout" },
	[BLK_STS_NOSPC]			= { -ENOSPC,	"critical space allocation" },
	[BLK_STS_TRANSPORT]		= { -ENOLINK,	"recoverable transport" },
	[BLK_STS_TARGET]		= { -EREMOTEIO,	"critical target" },
	[BLK_STS_NEXUS]			= { -EBADE,	"critical nexus" },
	[BLK_STS_MEDIUM]		= { -ENODATA,	"critical medium" },
	[BLK_STS_PROTECTION]		= { -EILSEQ,	"protection" },
	[BLK_STS_RESOURCE]		= { -ENOMEM,	"kernel resource" },
	[BLK_STS_DEV_RESOURCE]		= { -EBUSY,	"device resource" },
	[BLK_STS_AGAIN]			= { -EAGAIN,	"nonblocking retry" },
	[BLK_STS_OFFLINE]		= { -ENODEV,	"device offline" },
	[BLK_STS_DM_REQUEUE]		= { -EREMCHG,	"dm internal retry" },
	[BLK_STS_ZONE_RESOURCE]		= { -EIO,	"zone resource" },
	[BLK_STS_ZONE_OPEN_RESOURCE]	= { -ETOOMANYREFS, "open zones exceeded" },
	[BLK_STS_ZONE_ACTIVE_RESOURCE]	= { -EOVERFLOW,	"active zones exceeded" },
	[BLK_STS_IOERR]			= { -EIO,	"I/O" },
};

int blk_status_to_errno(blk_status_t status)
{
	unsigned int idx = status;

	if (WARN_ON_ONCE(idx >= ARRAY_SIZE(blk_errors)))
		return -EIO;
	return blk_errors[idx].errno;
}
EXPORT_SYMBOL_GPL(blk_status_to_errno);

/* "critical medium" for BLK_STS_MEDIUM: the words of the kernel's I/O error line. */
const char *ksim_blk_status_name(blk_status_t status)
{
	unsigned int idx = status;

	return idx < ARRAY_SIZE(blk_errors) ? blk_errors[idx].name : "I/O";
}

blk_status_t errno_to_blk_status(int errno)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(blk_errors); i++)
		if (blk_errors[i].errno == errno && i != BLK_STS_ZONE_RESOURCE)
			return (blk_status_t)i;
	return BLK_STS_IOERR;
}
EXPORT_SYMBOL_GPL(errno_to_blk_status);

static const char *const blk_op_name[] = {
	[REQ_OP_READ]		= "READ",
	[REQ_OP_WRITE]		= "WRITE",
	[REQ_OP_FLUSH]		= "FLUSH",
	[REQ_OP_DISCARD]	= "DISCARD",
	[REQ_OP_SECURE_ERASE]	= "SECURE_ERASE",
	[REQ_OP_ZONE_RESET]	= "ZONE_RESET",
	[REQ_OP_ZONE_RESET_ALL]	= "ZONE_RESET_ALL",
	[REQ_OP_ZONE_OPEN]	= "ZONE_OPEN",
	[REQ_OP_ZONE_CLOSE]	= "ZONE_CLOSE",
	[REQ_OP_ZONE_FINISH]	= "ZONE_FINISH",
	[REQ_OP_ZONE_APPEND]	= "ZONE_APPEND",
	[REQ_OP_WRITE_ZEROES]	= "WRITE_ZEROES",
	[REQ_OP_DRV_IN]		= "DRV_IN",
	[REQ_OP_DRV_OUT]	= "DRV_OUT",
};

const char *blk_op_str(enum req_op op)
{
	if ((unsigned int)op < ARRAY_SIZE(blk_op_name) && blk_op_name[op])
		return blk_op_name[op];
	return "UNKNOWN";
}
EXPORT_SYMBOL_GPL(blk_op_str);

void blk_queue_flag_set(unsigned int flag, struct request_queue *q)
{
	set_bit(flag, &q->queue_flags);
}
EXPORT_SYMBOL(blk_queue_flag_set);

void blk_queue_flag_clear(unsigned int flag, struct request_queue *q)
{
	clear_bit(flag, &q->queue_flags);
}
EXPORT_SYMBOL(blk_queue_flag_clear);

bool blk_queue_flag_test_and_set(unsigned int flag, struct request_queue *q)
{
	return test_and_set_bit(flag, &q->queue_flags);
}
EXPORT_SYMBOL_GPL(blk_queue_flag_test_and_set);

/* ---- limits (blk-settings.c) ---- */

void blk_set_default_limits(struct queue_limits *lim)
{
	memset(lim, 0, sizeof(*lim));
	lim->max_segments = BLK_MAX_SEGMENTS;
	lim->max_discard_segments = 1;
	lim->seg_boundary_mask = BLK_SEG_BOUNDARY_MASK;
	lim->max_segment_size = BLK_MAX_SEGMENT_SIZE;
	lim->max_sectors = lim->max_hw_sectors = BLK_SAFE_MAX_SECTORS;
	lim->max_dev_sectors = 0;
	lim->logical_block_size = lim->physical_block_size = 512;
	lim->io_min = 512;
	lim->dma_alignment = 511;
}
EXPORT_SYMBOL(blk_set_default_limits);

void blk_queue_rq_timeout(struct request_queue *q, unsigned int timeout)
{
	q->rq_timeout = timeout;
}
EXPORT_SYMBOL_GPL(blk_queue_rq_timeout);

void blk_queue_max_hw_sectors(struct request_queue *q, unsigned int max_hw_sectors)
{
	struct queue_limits *limits = &q->limits;
	unsigned int max_sectors;

	if ((max_hw_sectors << 9) < PAGE_SIZE) {
		max_hw_sectors = 1 << (PAGE_SHIFT - 9);
		pr_info("%s: set to minimum %u\n", __func__, max_hw_sectors);
	}
	max_hw_sectors = round_down(max_hw_sectors,
				    limits->logical_block_size >> SECTOR_SHIFT);
	limits->max_hw_sectors = max_hw_sectors;
	max_sectors = min_not_zero(max_hw_sectors, limits->max_dev_sectors);
	max_sectors = min_t(unsigned int, max_sectors, BLK_DEF_MAX_SECTORS);
	limits->max_sectors = round_down(max_sectors,
					 limits->logical_block_size >> SECTOR_SHIFT);
}
EXPORT_SYMBOL(blk_queue_max_hw_sectors);

void blk_queue_chunk_sectors(struct request_queue *q, unsigned int chunk_sectors)
{
	q->limits.chunk_sectors = chunk_sectors;
}
EXPORT_SYMBOL(blk_queue_chunk_sectors);

void blk_queue_max_discard_sectors(struct request_queue *q,
				   unsigned int max_discard_sectors)
{
	q->limits.max_hw_discard_sectors = max_discard_sectors;
	q->limits.max_discard_sectors = max_discard_sectors;
}
EXPORT_SYMBOL(blk_queue_max_discard_sectors);

void blk_queue_max_secure_erase_sectors(struct request_queue *q,
					unsigned int max_sectors)
{
	q->limits.max_secure_erase_sectors = max_sectors;
}
EXPORT_SYMBOL(blk_queue_max_secure_erase_sectors);

void blk_queue_max_write_zeroes_sectors(struct request_queue *q,
					unsigned int max_write_zeroes_sectors)
{
	q->limits.max_write_zeroes_sectors = max_write_zeroes_sectors;
}
EXPORT_SYMBOL(blk_queue_max_write_zeroes_sectors);

void blk_queue_max_segments(struct request_queue *q, unsigned short max_segments)
{
	if (!max_segments) {
		max_segments = 1;
		pr_info("%s: set to minimum %u\n", __func__, max_segments);
	}
	q->limits.max_segments = max_segments;
}
EXPORT_SYMBOL(blk_queue_max_segments);

void blk_queue_max_discard_segments(struct request_queue *q,
				    unsigned short max_segments)
{
	q->limits.max_discard_segments = max_segments;
}
EXPORT_SYMBOL_GPL(blk_queue_max_discard_segments);

void blk_queue_max_segment_size(struct request_queue *q, unsigned int max_size)
{
	if (max_size < PAGE_SIZE) {
		max_size = PAGE_SIZE;
		pr_info("%s: set to minimum %u\n", __func__, max_size);
	}
	/* see blk_queue_virt_boundary() for the explanation */
	WARN_ON_ONCE(q->limits.virt_boundary_mask);
	q->limits.max_segment_size = max_size;
}
EXPORT_SYMBOL(blk_queue_max_segment_size);

void blk_queue_logical_block_size(struct request_queue *q, unsigned int size)
{
	struct queue_limits *limits = &q->limits;

	limits->logical_block_size = size;
	if (limits->physical_block_size < size)
		limits->physical_block_size = size;
	if (limits->io_min < limits->physical_block_size)
		limits->io_min = limits->physical_block_size;
	limits->max_hw_sectors = round_down(limits->max_hw_sectors, size >> SECTOR_SHIFT);
	limits->max_sectors = round_down(limits->max_sectors, size >> SECTOR_SHIFT);
}
EXPORT_SYMBOL(blk_queue_logical_block_size);

void blk_queue_physical_block_size(struct request_queue *q, unsigned int size)
{
	q->limits.physical_block_size = size;
	if (q->limits.physical_block_size < q->limits.logical_block_size)
		q->limits.physical_block_size = q->limits.logical_block_size;
	if (q->limits.io_min < q->limits.physical_block_size)
		q->limits.io_min = q->limits.physical_block_size;
}
EXPORT_SYMBOL(blk_queue_physical_block_size);

void blk_queue_alignment_offset(struct request_queue *q, unsigned int offset)
{
	q->limits.alignment_offset = offset & (q->limits.physical_block_size - 1);
	q->limits.misaligned = 0;
}
EXPORT_SYMBOL(blk_queue_alignment_offset);

void blk_queue_io_min(struct request_queue *q, unsigned int min)
{
	q->limits.io_min = min;
	if (q->limits.io_min < q->limits.logical_block_size)
		q->limits.io_min = q->limits.logical_block_size;
	if (q->limits.io_min < q->limits.physical_block_size)
		q->limits.io_min = q->limits.physical_block_size;
}
EXPORT_SYMBOL(blk_queue_io_min);

void blk_queue_io_opt(struct request_queue *q, unsigned int opt)
{
	q->limits.io_opt = opt;
}
EXPORT_SYMBOL(blk_queue_io_opt);

void blk_queue_segment_boundary(struct request_queue *q, unsigned long mask)
{
	if (mask < PAGE_SIZE - 1) {
		mask = PAGE_SIZE - 1;
		pr_info("%s: set to minimum %lx\n", __func__, mask);
	}
	q->limits.seg_boundary_mask = mask;
}
EXPORT_SYMBOL(blk_queue_segment_boundary);

void blk_queue_virt_boundary(struct request_queue *q, unsigned long mask)
{
	q->limits.virt_boundary_mask = mask;
	/*
	 * With a virt boundary every segment but the first and last fills
	 * the boundary, so the segment size limit no longer applies.
	 */
	if (mask)
		q->limits.max_segment_size = UINT_MAX;
}
EXPORT_SYMBOL(blk_queue_virt_boundary);

void blk_queue_dma_alignment(struct request_queue *q, int mask)
{
	q->limits.dma_alignment = mask;
}
EXPORT_SYMBOL(blk_queue_dma_alignment);

void blk_queue_update_dma_alignment(struct request_queue *q, int mask)
{
	if (mask > (int)q->limits.dma_alignment)
		q->limits.dma_alignment = mask;
}
EXPORT_SYMBOL(blk_queue_update_dma_alignment);

void blk_queue_write_cache(struct request_queue *q, bool wc, bool fua)
{
	if (wc)
		blk_queue_flag_set(QUEUE_FLAG_WC, q);
	else
		blk_queue_flag_clear(QUEUE_FLAG_WC, q);
	if (fua)
		blk_queue_flag_set(QUEUE_FLAG_FUA, q);
	else
		blk_queue_flag_clear(QUEUE_FLAG_FUA, q);
}
EXPORT_SYMBOL_GPL(blk_queue_write_cache);
