/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/cdev.h - a character device: file_operations bound to a range of
 * device numbers (fs/char_dev.c).  ksim has no udev: a cdev is opened from
 * the user side as /dev/char/MAJOR:MINOR (the link udev makes too), or by
 * any name given to ksim_user_mknod().
 */
#ifndef _LINUX_CDEV_H
#define _LINUX_CDEV_H

#include <linux/kobject.h>
#include <linux/kdev_t.h>
#include <linux/list.h>
#include <linux/fs.h>

struct device;

struct cdev {
	struct kobject kobj;
	struct module *owner;
	const struct file_operations *ops;
	struct list_head list;
	dev_t dev;
	unsigned int count;
	/* ksim: allocated by cdev_alloc (freed on the last cdev_put). */
	bool ksim_dynamic;
};

void cdev_init(struct cdev *cdev, const struct file_operations *fops);
struct cdev *cdev_alloc(void);
void cdev_put(struct cdev *p);
int cdev_add(struct cdev *p, dev_t dev, unsigned int count);
void cdev_set_parent(struct cdev *p, struct kobject *kobj);
void cdev_del(struct cdev *p);

#endif
