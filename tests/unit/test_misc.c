// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_misc.c - drivers/char/misc.c: minors handed out as in
 * Linux 6.1, /dev/<name> nodes, file->private_data set to the miscdevice
 * before the driver's open runs.
 */
#include "ktest.h"

#include <fcntl.h>
#include <stdio.h>

#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <ksim/user.h>

TestSuite(misc, .init = ktest_boot, .fini = ktest_shutdown);

static struct miscdevice *seen;

static int m_open(struct inode *inode, struct file *file)
{
	seen = file->private_data;
	return 0;
}

static const struct file_operations m_fops = {
	.open = m_open,
};

Test(misc, dynamic_minors_count_down_from_127)
{
	struct miscdevice a = { .minor = MISC_DYNAMIC_MINOR, .name = "ma", .fops = &m_fops };
	struct miscdevice b = { .minor = MISC_DYNAMIC_MINOR, .name = "mb", .fops = &m_fops };
	struct miscdevice fixed = { .minor = 200, .name = "mfixed", .fops = &m_fops };
	struct miscdevice clash = { .minor = 200, .name = "mclash", .fops = &m_fops };
	struct miscdevice samename = { .minor = MISC_DYNAMIC_MINOR, .name = "ma", .fops = &m_fops };

	cr_assert_eq(misc_register(&a), 0);
	cr_assert_eq(misc_register(&b), 0);
	cr_assert_eq(a.minor, 127);
	cr_assert_eq(b.minor, 126);
	cr_assert_eq(misc_register(&fixed), 0);
	cr_assert_eq(misc_register(&clash), -EBUSY);
	cr_assert_eq(misc_register(&samename), -EEXIST);
	cr_assert_eq(samename.minor, MISC_DYNAMIC_MINOR, "given back on failure");
	misc_deregister(&a);
	cr_assert_eq(misc_register(&samename), 0);
	cr_assert_eq(samename.minor, 127, "a freed minor is reused");
	misc_deregister(&samename);
	misc_deregister(&b);
	misc_deregister(&fixed);
}

Test(misc, open_finds_the_device_and_sets_private_data)
{
	struct miscdevice d = { .minor = MISC_DYNAMIC_MINOR, .name = "mopen", .fops = &m_fops };
	struct miscdevice n = { .minor = MISC_DYNAMIC_MINOR, .name = "mnode", .nodename = "sub/node",
				.fops = &m_fops };
	struct ksim_proc *p = ksim_proc_create("opener");
	char path[32];
	int fd;

	cr_assert_eq(misc_register(&d), 0);
	fd = ksim_sys_open(p, "/dev/mopen", O_RDONLY);
	cr_assert_geq(fd, 0);
	cr_assert_eq(seen, &d);
	snprintf(path, sizeof(path), "/dev/char/10:%d", d.minor);
	seen = NULL;
	cr_assert_geq(ksim_sys_open(p, path, O_RDONLY), 0);
	cr_assert_eq(seen, &d);
	/* A nodename may name a subdirectory of /dev, as devtmpfs makes it. */
	cr_assert_eq(misc_register(&n), 0);
	seen = NULL;
	cr_assert_geq(ksim_sys_open(p, "/dev/sub/node", O_RDONLY), 0);
	cr_assert_eq(seen, &n);
	misc_deregister(&n);
	cr_assert_eq(ksim_sys_open(p, "/dev/sub/node", O_RDONLY), -ENOENT);
	misc_deregister(&d);
	cr_assert_eq(ksim_sys_open(p, "/dev/mopen", O_RDONLY), -ENOENT);
	ksim_proc_destroy(p);
}
