// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/block/genhd.c - gendisks: allocation with their queue, adding
 * and deleting, capacity, block majors.  No partitions, no sysfs.
 */
#include <linux/blk-mq.h>
#include <linux/slab.h>
#include <linux/export.h>
#include <linux/printk.h>
#include <linux/string.h>

#include "internal.h"
#include "blk.h"

struct ksim_lock ksim_disk_lock = KSIM_LOCK_INIT;
LIST_HEAD(ksim_disk_list);

static const char *major_names[BLKDEV_MAJOR_MAX];

int __register_blkdev(unsigned int major, const char *name,
		      void (*probe)(dev_t devt))
{
	int ret = 0;

	ksim_lock(&ksim_disk_lock);
	if (major == 0) {
		/* the kernel's dynamic range: 254 down to 234 */
		for (major = 254; major >= 234; major--)
			if (!major_names[major])
				break;
		if (major < 234) {
			pr_err("%s: failed to get major for %s\n", __func__, name);
			ret = -EBUSY;
			goto out;
		}
		ret = major;
	}
	if (major >= BLKDEV_MAJOR_MAX) {
		pr_err("%s: major requested (%u) is greater than the maximum (%u) for %s\n",
		       __func__, major, BLKDEV_MAJOR_MAX - 1, name);
		ret = -EINVAL;
		goto out;
	}
	if (major_names[major]) {
		ret = -EBUSY;
		goto out;
	}
	major_names[major] = name;
out:
	ksim_unlock(&ksim_disk_lock);
	return ret;
}
EXPORT_SYMBOL(__register_blkdev);

void unregister_blkdev(unsigned int major, const char *name)
{
	ksim_lock(&ksim_disk_lock);
	if (major < BLKDEV_MAJOR_MAX && major_names[major] &&
	    !strcmp(major_names[major], name))
		major_names[major] = NULL;
	else
		WARN(1, "unregister_blkdev: unknown major %u (%s)\n", major, name);
	ksim_unlock(&ksim_disk_lock);
}
EXPORT_SYMBOL(unregister_blkdev);

struct gendisk *__blk_mq_alloc_disk(struct blk_mq_tag_set *set, void *queuedata,
				    struct lock_class_key *lkclass)
{
	struct request_queue *q;
	struct gendisk *disk;

	q = blk_mq_init_queue(set);
	if (IS_ERR(q))
		return ERR_CAST(q);
	disk = kzalloc(sizeof(*disk), GFP_KERNEL);
	if (!disk)
		goto out_queue;
	disk->part0 = kzalloc(sizeof(*disk->part0), GFP_KERNEL);
	if (!disk->part0)
		goto out_disk;
	disk->part0->bd_disk = disk;
	disk->part0->bd_queue = q;
	disk->queue = q;
	disk->node_id = set->numa_node;
	kref_init(&disk->ksim_ref);
	INIT_LIST_HEAD(&disk->ksim_node);
	mutex_init(&disk->open_mutex);
	atomic_set(&disk->ksim_inflight, 0);
	init_waitqueue_head(&disk->ksim_inflight_wq);
	set_bit(GD_OWNS_QUEUE, &disk->state);
	q->queuedata = queuedata;
	q->disk = disk;
	return disk;

out_disk:
	kfree(disk);
out_queue:
	blk_mq_destroy_queue(q);
	blk_put_queue(q);
	return ERR_PTR(-ENOMEM);
}
EXPORT_SYMBOL(__blk_mq_alloc_disk);

int device_add_disk(struct device *parent, struct gendisk *disk,
		    const struct attribute_group **groups)
{
	struct gendisk *other;
	int ret = 0;

	if (WARN_ON_ONCE(!disk->disk_name[0] || !disk->queue))
		return -EINVAL;
	ksim_lock(&ksim_disk_lock);
	list_for_each_entry(other, &ksim_disk_list, ksim_node) {
		if (!strcmp(other->disk_name, disk->disk_name)) {
			ret = -EEXIST;
			break;
		}
	}
	if (!ret) {
		disk->part0->bd_dev = MKDEV(disk->major, disk->first_minor);
		disk->part0->bd_device.parent = parent;
		disk->part0->bd_device.kobj.name = disk->disk_name;
		set_bit(GD_ADDED, &disk->state);
		blk_queue_flag_set(QUEUE_FLAG_REGISTERED, disk->queue);
		list_add_tail(&disk->ksim_node, &ksim_disk_list);
	}
	ksim_unlock(&ksim_disk_lock);
	if (ret)
		pr_err("block: disk %s already exists\n", disk->disk_name);
	return ret;
}
EXPORT_SYMBOL(device_add_disk);

void blk_mark_disk_dead(struct gendisk *disk)
{
	set_bit(GD_DEAD, &disk->state);
	/* wake submitters blocked on a frozen queue so they see it */
	wake_up_all(&disk->queue->mq_freeze_wq);
}
EXPORT_SYMBOL_GPL(blk_mark_disk_dead);

void del_gendisk(struct gendisk *disk)
{
	struct request_queue *q = disk->queue;

	might_sleep();
	if (WARN_ON_ONCE(!test_bit(GD_ADDED, &disk->state)))
		return;
	ksim_lock(&ksim_disk_lock);
	list_del_init(&disk->ksim_node);
	ksim_unlock(&ksim_disk_lock);
	/* New I/O fails from here on; wait for what is in flight. */
	set_bit(GD_DEAD, &disk->state);
	blk_queue_flag_set(QUEUE_FLAG_DYING, q);
	blk_freeze_queue_start(q);
	blk_mq_freeze_queue_wait(q);
	blk_queue_flag_clear(QUEUE_FLAG_REGISTERED, q);
	clear_bit(GD_ADDED, &disk->state);
	/* A queue the disk owns stays frozen and is released now. */
	if (test_bit(GD_OWNS_QUEUE, &disk->state))
		ksim_blk_exit_queue(q);
}
EXPORT_SYMBOL(del_gendisk);

static void disk_release(struct kref *ref)
{
	struct gendisk *disk = container_of(ref, struct gendisk, ksim_ref);

	if (disk->fops && disk->fops->free_disk)
		disk->fops->free_disk(disk);
	if (test_bit(GD_OWNS_QUEUE, &disk->state))
		ksim_blk_exit_queue(disk->queue);
	blk_put_queue(disk->queue);
	kfree(disk->part0);
	kfree(disk);
}

void ksim_disk_get(struct gendisk *disk)
{
	kref_get(&disk->ksim_ref);
}

void put_disk(struct gendisk *disk)
{
	if (disk)
		kref_put(&disk->ksim_ref, disk_release);
}
EXPORT_SYMBOL(put_disk);

void set_capacity(struct gendisk *disk, sector_t sectors)
{
	__atomic_store_n(&disk->part0->bd_nr_sectors, sectors, __ATOMIC_RELEASE);
}
EXPORT_SYMBOL(set_capacity);

bool set_capacity_and_notify(struct gendisk *disk, sector_t size)
{
	sector_t capacity = get_capacity(disk);

	set_capacity(disk, size);
	if (!test_bit(GD_ADDED, &disk->state) || capacity == size ||
	    !capacity || !size)
		return false;
	pr_info("%s: detected capacity change from %llu to %llu\n",
		disk->disk_name, (unsigned long long)capacity,
		(unsigned long long)size);
	return true;
}
EXPORT_SYMBOL_GPL(set_capacity_and_notify);

void set_disk_ro(struct gendisk *disk, bool read_only)
{
	if (read_only)
		set_bit(GD_READ_ONLY, &disk->state);
	else
		clear_bit(GD_READ_ONLY, &disk->state);
}
EXPORT_SYMBOL(set_disk_ro);
