// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_generic.c - fs/proc/generic.c: /proc entries, their
 * proc_ops, the seq_file shortcuts, and removal with files still open
 * (released by the removal, -EIO afterwards).
 */
#include "ktest.h"
#include "ktest_user.h"

#include <fcntl.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <ksim/user.h>

TestSuite(proc_generic, .init = ktest_boot, .fini = ktest_shutdown);

static int value_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%d\n", *(int *)m->private);
	return 0;
}
DEFINE_PROC_SHOW_ATTRIBUTE(value);

static int opens, releases;
static char stored[32] = "initial";

static int st_open(struct inode *inode, struct file *file)
{
	opens++;
	file->private_data = pde_data(inode);
	return 0;
}

static int st_release(struct inode *inode, struct file *file)
{
	releases++;
	return 0;
}

static ssize_t st_read(struct file *file, char __user *buf, size_t n, loff_t *ppos)
{
	return simple_read_from_buffer(buf, n, ppos, stored, strlen(stored));
}

static ssize_t st_write(struct file *file, const char __user *buf, size_t n, loff_t *ppos)
{
	if (n >= sizeof(stored))
		return -EINVAL;
	if (copy_from_user(stored, buf, n))
		return -EFAULT;
	stored[n] = '\0';
	return n;
}

static const struct proc_ops st_ops = {
	.proc_open = st_open,
	.proc_read = st_read,
	.proc_write = st_write,
	.proc_release = st_release,
};

Test(proc_generic, files_in_directories)
{
	static int answer = 42;
	struct proc_dir_entry *dir = proc_mkdir("tdir", NULL);
	char buf[32];

	cr_assert_not_null(dir);
	cr_assert_not_null(proc_create("store", 0644, dir, &st_ops));
	cr_assert_not_null(proc_create_data("value", 0444, dir, &value_proc_ops, &answer));
	cr_assert_not_null(proc_create_single_data("single", 0444, NULL, value_show, &answer));
	cr_assert_null(proc_create("store", 0644, dir, &st_ops), "a duplicate is refused");
	ktest_expect_reports(KSIM_REPORT_WARN, 1);

	cr_assert_eq(ktest_cat("/proc/tdir/store", buf, sizeof(buf), 3), 7);
	cr_assert_str_eq(buf, "initial");
	cr_assert_eq(ktest_echo("/proc/tdir/store", "changed"), 7);
	cr_assert_str_eq(stored, "changed");
	cr_assert_eq(ktest_cat("/proc/tdir/value", buf, sizeof(buf), 1), 3);
	cr_assert_str_eq(buf, "42\n");
	cr_assert_eq(ktest_cat("/proc/single", buf, sizeof(buf), 100), 3);
	cr_assert_str_eq(buf, "42\n");
	cr_assert_eq(opens, releases);

	remove_proc_entry("single", NULL);
	cr_assert_eq(remove_proc_subtree("tdir", NULL), 0);
	cr_assert_eq(ktest_cat("/proc/tdir/value", buf, sizeof(buf), 1), -ENOENT);
	cr_assert_eq(remove_proc_subtree("tdir", NULL), -ENOENT);
}

Test(proc_generic, removal_releases_open_files)
{
	struct proc_dir_entry *e = proc_create("open", 0644, NULL, &st_ops);
	struct ksim_proc *p = ksim_proc_create("holder");
	char buf[8];
	int fd;

	strcpy(stored, "abc");
	fd = ksim_sys_open(p, "/proc/open", O_RDWR);
	cr_assert_geq(fd, 0);
	cr_assert_eq(ksim_user_read(p, fd, buf, 3), 3);
	releases = 0;
	proc_remove(e);
	cr_assert_eq(releases, 1, "removal ran ->proc_release for the open file");
	cr_assert_eq(ksim_user_read(p, fd, buf, 3), -EIO);
	cr_assert_eq(ksim_sys_close(p, fd), 0);
	cr_assert_eq(releases, 1, "and close does not run it again");
	ksim_proc_destroy(p);
}

Test(proc_generic, removing_a_missing_entry_warns)
{
	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	remove_proc_entry("never-there", NULL);
}
