/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/blkdev.h - request queues, their limits, gendisks and block
 * devices.  Linux 6.1 (which folded genhd.h into this header).
 * Implementation: kapi-shim/block/ (see its README.md for what ksim
 * simplifies: no I/O schedulers, no merging, no partitions).
 */
#ifndef _LINUX_BLKDEV_H
#define _LINUX_BLKDEV_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/bitops.h>
#include <linux/atomic.h>
#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/timer.h>
#include <linux/device.h>
#include <linux/minmax.h>
#include <linux/blk_types.h>
#include <linux/bio.h>

struct module;
struct request;
struct request_queue;
struct blk_mq_tag_set;
struct blk_mq_ops;
struct blk_mq_hw_ctx;
struct blk_mq_ctx;
struct hd_geometry;
struct pr_ops;
struct attribute_group;
struct io_comp_batch;
struct lock_class_key;
struct scatterlist;

#ifndef MKDEV
/* linux/kdev_t.h is not in the shim yet; the kernel's encoding. */
#define MINORBITS	20
#define MINORMASK	((1U << MINORBITS) - 1)
#define MAJOR(dev)	((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev)	((unsigned int)((dev) & MINORMASK))
#define MKDEV(ma, mi)	(((ma) << MINORBITS) | (mi))
#endif

#define DISK_NAME_LEN		32
#define BLKDEV_MAJOR_MAX	512

#define BLK_MAX_SEGMENTS	128
#define BLK_SAFE_MAX_SECTORS	255
#define BLK_DEF_MAX_SECTORS	2560
#define BLK_MAX_SEGMENT_SIZE	65536
#define BLK_SEG_BOUNDARY_MASK	0xFFFFFFFFUL
#define BLK_MIN_SEGMENT_SIZE	4096

enum blk_zoned_model {
	BLK_ZONED_NONE = 0,
	BLK_ZONED_HA,
	BLK_ZONED_HM,
};

enum blk_bounce {
	BLK_BOUNCE_NONE,
	BLK_BOUNCE_HIGH,
};

struct queue_limits {
	enum blk_bounce		bounce;
	unsigned long		seg_boundary_mask;
	unsigned long		virt_boundary_mask;

	unsigned int		max_hw_sectors;
	unsigned int		max_dev_sectors;
	unsigned int		chunk_sectors;
	unsigned int		max_sectors;
	unsigned int		max_segment_size;
	unsigned int		physical_block_size;
	unsigned int		logical_block_size;
	unsigned int		alignment_offset;
	unsigned int		io_min;
	unsigned int		io_opt;
	unsigned int		max_discard_sectors;
	unsigned int		max_hw_discard_sectors;
	unsigned int		max_secure_erase_sectors;
	unsigned int		max_write_zeroes_sectors;
	unsigned int		max_zone_append_sectors;
	unsigned int		discard_granularity;
	unsigned int		discard_alignment;
	unsigned int		zone_write_granularity;

	unsigned short		max_segments;
	unsigned short		max_integrity_segments;
	unsigned short		max_discard_segments;

	unsigned char		misaligned;
	unsigned char		discard_misaligned;
	unsigned char		raid_partial_stripes_expensive;
	enum blk_zoned_model	zoned;

	/* Required alignment of a data buffer's address and length, minus 1. */
	unsigned int		dma_alignment;
};

/* q->queue_flags bits */
#define QUEUE_FLAG_STOPPED	0	/* queue is stopped */
#define QUEUE_FLAG_DYING	1	/* queue being torn down */
#define QUEUE_FLAG_NOMERGES	3	/* disable merge attempts */
#define QUEUE_FLAG_SAME_COMP	4	/* complete on same CPU-group */
#define QUEUE_FLAG_FAIL_IO	5	/* fake timeout */
#define QUEUE_FLAG_NONROT	6	/* non-rotational device (SSD) */
#define QUEUE_FLAG_VIRT		QUEUE_FLAG_NONROT /* paravirt device */
#define QUEUE_FLAG_IO_STAT	7	/* do disk/partitions IO accounting */
#define QUEUE_FLAG_NOXMERGES	9	/* No extended merges */
#define QUEUE_FLAG_ADD_RANDOM	10	/* Contributes to random pool */
#define QUEUE_FLAG_SAME_FORCE	12	/* force complete on same CPU */
#define QUEUE_FLAG_INIT_DONE	14	/* queue is initialized */
#define QUEUE_FLAG_STABLE_WRITES 15	/* don't modify blks until WB is done */
#define QUEUE_FLAG_POLL		16	/* IO polling enabled if set */
#define QUEUE_FLAG_WC		17	/* Write back caching */
#define QUEUE_FLAG_FUA		18	/* device supports FUA writes */
#define QUEUE_FLAG_DAX		19	/* device supports DAX */
#define QUEUE_FLAG_STATS	20	/* track IO start and completion times */
#define QUEUE_FLAG_REGISTERED	22	/* queue has been registered to a disk */
#define QUEUE_FLAG_QUIESCED	24	/* queue has been quiesced */
#define QUEUE_FLAG_PCI_P2PDMA	25	/* device supports PCI p2p requests */
#define QUEUE_FLAG_ZONE_RESETALL 26	/* supports Zone Reset All */
#define QUEUE_FLAG_RQ_ALLOC_TIME 27	/* record rq->alloc_time_ns */
#define QUEUE_FLAG_HCTX_ACTIVE	28	/* at least one blk-mq hctx is active */
#define QUEUE_FLAG_NOWAIT	29	/* device supports NOWAIT */
#define QUEUE_FLAG_SQ_SCHED	30	/* single queue style io dispatch */

#define QUEUE_FLAG_MQ_DEFAULT	((1UL << QUEUE_FLAG_IO_STAT) |		\
				 (1UL << QUEUE_FLAG_SAME_COMP) |	\
				 (1UL << QUEUE_FLAG_NOWAIT))

struct request_queue {
	void			*queuedata;
	unsigned long		queue_flags;

	const struct blk_mq_ops	*mq_ops;
	struct blk_mq_hw_ctx	**queue_hw_ctx;
	unsigned int		nr_hw_queues;
	struct blk_mq_tag_set	*tag_set;
	struct list_head	tag_set_list;	/* on tag_set->tag_list */

	struct queue_limits	limits;
	unsigned int		rq_timeout;	/* jiffies */
	unsigned int		dma_pad_mask;
	int			node;
	int			id;
	struct gendisk		*disk;

	/* References: blk_get_queue()/blk_put_queue(); freed at zero. */
	struct kref		ksim_ref;

	/*
	 * Usage: requests allocated (passthrough) or submitted and not yet
	 * ended.  Freezing stops new entries and waits for zero.
	 */
	atomic_t		q_usage_counter;
	int			mq_freeze_depth;
	struct mutex		mq_freeze_lock;
	wait_queue_head_t	mq_freeze_wq;

	/* Quiesce: dispatchers inside queue_rq, and how deep the quiesce is. */
	atomic_t		ksim_dispatchers;
	int			quiesce_depth;
	spinlock_t		queue_lock;

	/* Requests given back by blk_mq_requeue_request(). */
	spinlock_t		requeue_lock;
	struct list_head	requeue_list;
	struct delayed_work	requeue_work;

	/* Request timeouts: a timer at the earliest deadline, a work to scan. */
	struct timer_list	timeout;
	struct work_struct	timeout_work;
	atomic_long_t		ksim_timeout_at;	/* jiffies the timer is armed for, 0 none */

	bool			mq_sysfs_init_done;
	bool			ksim_exited;	/* hctxs released */
};

/* struct block_device: the whole disk (ksim has no partitions). */
struct block_device {
	sector_t		bd_start_sect;
	sector_t		bd_nr_sectors;
	struct gendisk		*bd_disk;
	struct request_queue	*bd_queue;
	dev_t			bd_dev;
	atomic_t		bd_openers;
	bool			bd_read_only;
	u8			bd_partno;
	void			*bd_holder;
	struct device		bd_device;
};

#define bdev_whole(_bdev)	((_bdev)->bd_disk->part0)
#define dev_to_bdev(device)	container_of((device), struct block_device, bd_device)
#define bdev_kobj(_bdev)	(&((_bdev)->bd_device.kobj))

/* disk->flags */
enum {
	GENHD_FL_REMOVABLE	= 1 << 0,
	GENHD_FL_HIDDEN		= 1 << 1,
	GENHD_FL_NO_PART	= 1 << 2,
};

/* disk->state bits */
#define GD_NEED_PART_SCAN	0
#define GD_READ_ONLY		1
#define GD_DEAD			2
#define GD_NATIVE_CAPACITY	3
#define GD_ADDED		4
#define GD_SUPPRESS_PART_SCAN	5
#define GD_OWNS_QUEUE		6

struct gendisk {
	int			major;
	int			first_minor;
	int			minors;
	char			disk_name[DISK_NAME_LEN];
	unsigned short		events;
	unsigned short		event_flags;

	struct xarray		*part_tbl;	/* ksim: always NULL */
	struct block_device	*part0;

	const struct block_device_operations *fops;
	struct request_queue	*queue;
	void			*private_data;

	int			flags;
	unsigned long		state;
	struct mutex		open_mutex;
	unsigned int		open_partitions;

	struct kobject		*slave_dir;
	int			node_id;

	/* ksim: references (get via the submission API, put_disk). */
	struct kref		ksim_ref;
	struct list_head	ksim_node;	/* on the list of added disks */
	atomic_t		ksim_inflight;	/* submission API I/Os in flight */
	wait_queue_head_t	ksim_inflight_wq;
};

static inline bool disk_live(struct gendisk *disk)
{
	return !(disk->state & (1UL << GD_DEAD)) &&
		(disk->state & (1UL << GD_ADDED));
}

#define disk_to_dev(disk)	(&((disk)->part0)->bd_device)
#define dev_to_disk(device)	(dev_to_bdev(device)->bd_disk)

static inline sector_t bdev_nr_sectors(struct block_device *bdev)
{
	return bdev->bd_nr_sectors;
}

static inline loff_t bdev_nr_bytes(struct block_device *bdev)
{
	return (loff_t)bdev_nr_sectors(bdev) << SECTOR_SHIFT;
}

static inline sector_t get_capacity(struct gendisk *disk)
{
	return bdev_nr_sectors(disk->part0);
}

static inline int get_disk_ro(struct gendisk *disk)
{
	return disk->part0->bd_read_only ||
		((disk->state & (1UL << GD_READ_ONLY)) != 0);
}

static inline int bdev_read_only(struct block_device *bdev)
{
	return bdev->bd_read_only || get_disk_ro(bdev->bd_disk);
}

static inline struct request_queue *bdev_get_queue(struct block_device *bdev)
{
	return bdev->bd_queue;
}

struct block_device_operations {
	void (*submit_bio)(struct bio *bio);
	int (*poll_bio)(struct bio *bio, struct io_comp_batch *iob,
			unsigned int flags);
	int (*open)(struct block_device *, fmode_t);
	void (*release)(struct gendisk *, fmode_t);
	int (*rw_page)(struct block_device *, sector_t, struct page *,
		       enum req_op);
	int (*ioctl)(struct block_device *, fmode_t, unsigned, unsigned long);
	int (*compat_ioctl)(struct block_device *, fmode_t, unsigned,
			    unsigned long);
	unsigned int (*check_events)(struct gendisk *disk,
				     unsigned int clearing);
	void (*unlock_native_capacity)(struct gendisk *);
	int (*getgeo)(struct block_device *, struct hd_geometry *);
	int (*set_read_only)(struct block_device *bdev, bool ro);
	void (*free_disk)(struct gendisk *disk);
	void (*swap_slot_free_notify)(struct block_device *, unsigned long);
	int (*report_zones)(struct gendisk *, sector_t sector,
			    unsigned int nr_zones, void *cb, void *data);
	char *(*devnode)(struct gendisk *disk, umode_t *mode);
	int (*get_unique_id)(struct gendisk *disk, u8 id[16], int type);
	struct module *owner;
	const struct pr_ops *pr_ops;
	int (*alternative_gpt_sector)(struct gendisk *disk, sector_t *sector);
};

/* ---- status codes ---- */
int blk_status_to_errno(blk_status_t status);
blk_status_t errno_to_blk_status(int errno);
const char *blk_op_str(enum req_op op);

/* ---- queue flags ---- */
void blk_queue_flag_set(unsigned int flag, struct request_queue *q);
void blk_queue_flag_clear(unsigned int flag, struct request_queue *q);
bool blk_queue_flag_test_and_set(unsigned int flag, struct request_queue *q);

#define blk_queue_stopped(q)	test_bit(QUEUE_FLAG_STOPPED, &(q)->queue_flags)
#define blk_queue_dying(q)	test_bit(QUEUE_FLAG_DYING, &(q)->queue_flags)
#define blk_queue_init_done(q)	test_bit(QUEUE_FLAG_INIT_DONE, &(q)->queue_flags)
#define blk_queue_nomerges(q)	test_bit(QUEUE_FLAG_NOMERGES, &(q)->queue_flags)
#define blk_queue_nonrot(q)	test_bit(QUEUE_FLAG_NONROT, &(q)->queue_flags)
#define blk_queue_io_stat(q)	test_bit(QUEUE_FLAG_IO_STAT, &(q)->queue_flags)
#define blk_queue_add_random(q)	test_bit(QUEUE_FLAG_ADD_RANDOM, &(q)->queue_flags)
#define blk_queue_quiesced(q)	test_bit(QUEUE_FLAG_QUIESCED, &(q)->queue_flags)
#define blk_queue_pm_only(q)	0
#define blk_queue_registered(q)	test_bit(QUEUE_FLAG_REGISTERED, &(q)->queue_flags)
#define blk_queue_nowait(q)	test_bit(QUEUE_FLAG_NOWAIT, &(q)->queue_flags)
#define blk_queue_is_zoned(q)	0

static inline bool queue_is_mq(struct request_queue *q)
{
	return q->mq_ops != NULL;
}

/* ---- limits ---- */
void blk_set_default_limits(struct queue_limits *lim);
void blk_queue_logical_block_size(struct request_queue *q, unsigned int size);
void blk_queue_physical_block_size(struct request_queue *q, unsigned int size);
void blk_queue_io_min(struct request_queue *q, unsigned int min);
void blk_queue_io_opt(struct request_queue *q, unsigned int opt);
void blk_queue_alignment_offset(struct request_queue *q, unsigned int offset);
void blk_queue_max_hw_sectors(struct request_queue *q, unsigned int max_hw_sectors);
void blk_queue_chunk_sectors(struct request_queue *q, unsigned int chunk_sectors);
void blk_queue_max_segments(struct request_queue *q, unsigned short max_segments);
void blk_queue_max_discard_segments(struct request_queue *q, unsigned short max_segments);
void blk_queue_max_segment_size(struct request_queue *q, unsigned int max_size);
void blk_queue_segment_boundary(struct request_queue *q, unsigned long mask);
void blk_queue_virt_boundary(struct request_queue *q, unsigned long mask);
void blk_queue_dma_alignment(struct request_queue *q, int mask);
void blk_queue_update_dma_alignment(struct request_queue *q, int mask);
void blk_queue_max_discard_sectors(struct request_queue *q, unsigned int max_discard_sectors);
void blk_queue_max_secure_erase_sectors(struct request_queue *q, unsigned int max_sectors);
void blk_queue_max_write_zeroes_sectors(struct request_queue *q, unsigned int max_write_same_sectors);
void blk_queue_write_cache(struct request_queue *q, bool enabled, bool fua);
void blk_queue_rq_timeout(struct request_queue *q, unsigned int timeout);

static inline unsigned long queue_segment_boundary(const struct request_queue *q)
{
	return q->limits.seg_boundary_mask;
}

static inline unsigned long queue_virt_boundary(const struct request_queue *q)
{
	return q->limits.virt_boundary_mask;
}

static inline unsigned int queue_max_sectors(const struct request_queue *q)
{
	return q->limits.max_sectors;
}

static inline unsigned int queue_max_hw_sectors(const struct request_queue *q)
{
	return q->limits.max_hw_sectors;
}

static inline unsigned short queue_max_segments(const struct request_queue *q)
{
	return q->limits.max_segments;
}

static inline unsigned short queue_max_discard_segments(const struct request_queue *q)
{
	return q->limits.max_discard_segments;
}

static inline unsigned int queue_max_segment_size(const struct request_queue *q)
{
	return q->limits.max_segment_size;
}

static inline unsigned int queue_logical_block_size(const struct request_queue *q)
{
	return q->limits.logical_block_size;
}

static inline unsigned int queue_physical_block_size(const struct request_queue *q)
{
	return q->limits.physical_block_size;
}

static inline unsigned int queue_io_min(const struct request_queue *q)
{
	return q->limits.io_min;
}

static inline unsigned int queue_io_opt(const struct request_queue *q)
{
	return q->limits.io_opt;
}

static inline int queue_dma_alignment(const struct request_queue *q)
{
	return q ? (int)q->limits.dma_alignment : 511;
}

static inline unsigned int bdev_logical_block_size(struct block_device *bdev)
{
	return queue_logical_block_size(bdev_get_queue(bdev));
}

static inline unsigned int bdev_max_discard_sectors(struct block_device *bdev)
{
	return bdev_get_queue(bdev)->limits.max_discard_sectors;
}

static inline bool bdev_write_cache(struct block_device *bdev)
{
	return test_bit(QUEUE_FLAG_WC, &bdev_get_queue(bdev)->queue_flags);
}

static inline bool bdev_fua(struct block_device *bdev)
{
	return test_bit(QUEUE_FLAG_FUA, &bdev_get_queue(bdev)->queue_flags);
}

static inline unsigned int blksize_bits(unsigned int size)
{
	unsigned int bits = 8;

	do {
		bits++;
		size >>= 1;
	} while (size > 256);
	return bits;
}

/* ---- queue life ---- */
bool blk_get_queue(struct request_queue *q);
void blk_put_queue(struct request_queue *q);
void blk_sync_queue(struct request_queue *q);

/* ---- gendisk ---- */
int __must_check device_add_disk(struct device *parent, struct gendisk *disk,
				 const struct attribute_group **groups);
static inline int __must_check add_disk(struct gendisk *disk)
{
	return device_add_disk(NULL, disk, NULL);
}
void del_gendisk(struct gendisk *gp);
void put_disk(struct gendisk *disk);
void blk_mark_disk_dead(struct gendisk *disk);
void set_capacity(struct gendisk *disk, sector_t size);
bool set_capacity_and_notify(struct gendisk *disk, sector_t size);
void set_disk_ro(struct gendisk *disk, bool read_only);
int __register_blkdev(unsigned int major, const char *name,
		      void (*probe)(dev_t devt));
#define register_blkdev(major, name)	__register_blkdev(major, name, NULL)
void unregister_blkdev(unsigned int major, const char *name);

static inline dev_t disk_devt(struct gendisk *disk)
{
	return MKDEV(disk->major, disk->first_minor);
}

#endif /* _LINUX_BLKDEV_H */
