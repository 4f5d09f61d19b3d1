// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_char_dev.c - fs/char_dev.c: device number regions,
 * cdev_add/cdev_del, and opening a cdev (inode->i_cdev, /dev/char/M:m and
 * ksim_user_mknod nodes).
 */
#include "ktest.h"

#include <fcntl.h>
#include <stdio.h>

#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/cdev.h>
#include <linux/uaccess.h>
#include <ksim/user.h>

TestSuite(char_dev, .init = ktest_boot, .fini = ktest_shutdown);

Test(char_dev, regions_dynamic_majors_and_overlaps)
{
	dev_t a, b;

	cr_assert_eq(alloc_chrdev_region(&a, 0, 4, "a"), 0);
	cr_assert_eq(MAJOR(a), 254, "the first dynamic major, as in Linux");
	cr_assert_eq(alloc_chrdev_region(&b, 3, 1, "b"), 0);
	cr_assert_eq(MAJOR(b), 253);
	cr_assert_eq(MINOR(b), 3);
	cr_assert_eq(register_chrdev_region(MKDEV(254, 2), 4, "c"), -EBUSY);
	cr_assert_eq(register_chrdev_region(MKDEV(254, 4), 4, "c"), 0);
	cr_assert_eq(register_chrdev_region(MKDEV(600, 0), 1, "d"), -EINVAL);
	unregister_chrdev_region(MKDEV(254, 4), 4);
	unregister_chrdev_region(a, 4);
	unregister_chrdev_region(b, 1);
	cr_assert_eq(register_chrdev_region(MKDEV(254, 0), 8, "again"), 0);
	unregister_chrdev_region(MKDEV(254, 0), 8);
}

struct mydev {
	int id;
	struct cdev cdev;
};

static int opened_id = -1, opened_minor = -1;

static int my_open(struct inode *inode, struct file *file)
{
	struct mydev *d = container_of(inode->i_cdev, struct mydev, cdev);

	opened_id = d->id;
	opened_minor = iminor(inode);
	file->private_data = d;
	return 0;
}

static ssize_t my_read(struct file *file, char __user *buf, size_t n, loff_t *ppos)
{
	struct mydev *d = file->private_data;
	char c = '0' + d->id;

	return simple_read_from_buffer(buf, n, ppos, &c, 1);
}

static const struct file_operations my_fops = {
	.open = my_open,
	.read = my_read,
	.llseek = default_llseek,
};

Test(char_dev, a_cdev_opens_through_its_device_numbers)
{
	static struct mydev dev = { .id = 7 };
	struct ksim_proc *p = ksim_proc_create("opener");
	char path[64], c = 0;
	dev_t base;
	int fd;

	cr_assert_eq(alloc_chrdev_region(&base, 0, 2, "mydev"), 0);
	cdev_init(&dev.cdev, &my_fops);
	cr_assert_eq(cdev_add(&dev.cdev, base, 2), 0);

	snprintf(path, sizeof(path), "/dev/char/%u:1", MAJOR(base));
	fd = ksim_sys_open(p, path, O_RDONLY);
	cr_assert_geq(fd, 0, "%s: %d", path, fd);
	cr_assert_eq(opened_id, 7);
	cr_assert_eq(opened_minor, 1);
	cr_assert_eq(ksim_user_read(p, fd, &c, 1), 1);
	cr_assert_eq(c, '7');
	cr_assert_eq(ksim_sys_close(p, fd), 0);

	cr_assert_eq(ksim_user_mknod("/dev/mydev0", MAJOR(base), 0), 0);
	cr_assert_eq(ksim_user_mknod("/dev/mydev0", MAJOR(base), 0), -EEXIST);
	fd = ksim_sys_open(p, "/dev/mydev0", O_RDONLY);
	cr_assert_geq(fd, 0);
	cr_assert_eq(opened_minor, 0);

	/* Deleted while open: the open file keeps working, new opens fail. */
	cdev_del(&dev.cdev);
	cr_assert_eq(ksim_sys_lseek(p, fd, 0, SEEK_SET), 0);
	cr_assert_eq(ksim_sys_open(p, "/dev/mydev0", O_RDONLY), -ENXIO);
	cr_assert_eq(ksim_sys_open(p, path, O_RDONLY), -ENXIO);
	ksim_proc_destroy(p);
	cr_assert_eq(ksim_user_unlink("/dev/mydev0"), 0);
	unregister_chrdev_region(base, 2);
}

Test(char_dev, register_chrdev_takes_256_minors)
{
	struct ksim_proc *p = ksim_proc_create("opener");
	int major = register_chrdev(0, "whole", &my_fops);
	char path[64];

	cr_assert_gt(major, 0);
	cr_assert_eq(alloc_chrdev_region(&(dev_t){ 0 }, 0, 1, "next") , 0);
	snprintf(path, sizeof(path), "/dev/char/%d:255", major);
	/* my_open's container_of would be wrong here: only check the lookup. */
	cr_assert_eq(ksim_sys_open(p, "/dev/char/1:1", O_RDONLY), -ENXIO);
	unregister_chrdev(major, "whole");
	unregister_chrdev_region(MKDEV(major - 1, 0), 1);
	ksim_proc_destroy(p);
}
