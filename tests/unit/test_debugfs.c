// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_debugfs.c - fs/debugfs: the ready-made files print and
 * parse as Linux 6.1's do, errors come back as ERR_PTR values the other
 * calls accept, an open file pins its module, and a removed file answers
 * -EIO while its ->release still runs.
 */
#include "ktest.h"
#include "ktest_user.h"

#include <fcntl.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/debugfs.h>
#include <linux/module.h>
#include <ksim/user.h>
#include <ksim/module.h>

TestSuite(debugfs, .init = ktest_boot, .fini = ktest_shutdown);

#define D "/sys/kernel/debug/t/"

Test(debugfs, integers_and_booleans_read_and_write)
{
	static u8 u8v = 200;
	static u32 u32v = 7, x32v = 0xab;
	static u64 x64v = 1;
	static bool flag;
	static atomic_t at = ATOMIC_INIT(-3);
	struct dentry *dir = debugfs_create_dir("t", NULL);
	char buf[64];

	debugfs_create_u8("u8", 0644, dir, &u8v);
	debugfs_create_u32("u32", 0644, dir, &u32v);
	debugfs_create_x32("x32", 0644, dir, &x32v);
	debugfs_create_x64("x64", 0444, dir, &x64v);
	debugfs_create_bool("flag", 0644, dir, &flag);
	debugfs_create_atomic_t("at", 0644, dir, &at);

	cr_assert_gt(ktest_cat(D "u8", buf, sizeof(buf), 64), 0);
	cr_assert_str_eq(buf, "200\n");
	cr_assert_gt(ktest_cat(D "x32", buf, sizeof(buf), 64), 0);
	cr_assert_str_eq(buf, "0x000000ab\n");
	cr_assert_gt(ktest_cat(D "x64", buf, sizeof(buf), 64), 0);
	cr_assert_str_eq(buf, "0x0000000000000001\n");
	cr_assert_gt(ktest_cat(D "at", buf, sizeof(buf), 64), 0);
	cr_assert_str_eq(buf, "-3\n");
	cr_assert_gt(ktest_cat(D "flag", buf, sizeof(buf), 64), 0);
	cr_assert_str_eq(buf, "N\n");

	cr_assert_eq(ktest_echo(D "u32", "0x10\n"), 5);
	cr_assert_eq(u32v, 16);
	cr_assert_eq(ktest_echo(D "flag", "y\n"), 2);
	cr_assert(flag);
	cr_assert_eq(ktest_echo(D "at", "-9"), 2);
	cr_assert_eq(atomic_read(&at), -9);
	cr_assert_eq(ktest_echo(D "u32", "twelve"), -EINVAL);
	cr_assert_eq(ktest_echo(D "x64", "5"), -EACCES, "no write permission: no set");
	debugfs_remove_recursive(dir);
	cr_assert_eq(ktest_cat(D "u8", buf, sizeof(buf), 64), -ENOENT);
}

Test(debugfs, errors_are_err_ptrs_that_other_calls_accept)
{
	struct dentry *a = debugfs_create_dir("dup", NULL);
	struct dentry *b = debugfs_create_dir("dup", NULL);
	struct dentry *c;

	cr_assert(!IS_ERR_OR_NULL(a));
	cr_assert_eq(PTR_ERR(b), -EEXIST);
	c = debugfs_create_file("x", 0444, b, NULL, NULL);
	cr_assert_eq(c, b, "an error parent is handed back");
	debugfs_create_u32("y", 0444, b, NULL);
	debugfs_remove(b);
	cr_assert_eq(debugfs_lookup("dup", NULL), a);
	dput(a);
	debugfs_lookup_and_remove("dup", NULL);
	cr_assert_null(debugfs_lookup("dup", NULL));
}

static struct module fakemod = { .name = "dbgmod" };
static int releases;

static ssize_t hello_read(struct file *f, char __user *buf, size_t n, loff_t *ppos)
{
	return simple_read_from_buffer(buf, n, ppos, f->private_data, 6);
}

static int hello_release(struct inode *inode, struct file *f)
{
	releases++;
	return 0;
}

static const struct file_operations hello_fops = {
	.owner = &fakemod,
	.open = simple_open,
	.read = hello_read,
	.release = hello_release,
	.llseek = default_llseek,
};

Test(debugfs, a_removed_open_file_answers_eio_and_is_released)
{
	struct ksim_proc *p = ksim_proc_create("holder");
	struct dentry *d;
	char buf[8] = "";
	int fd;

	cr_assert_eq(ksim_module_add(&fakemod, 0, 0, "GPL"), 0);
	fakemod.state = MODULE_STATE_LIVE;
	d = debugfs_create_file("hello", 0444, NULL, "hello\n", &hello_fops);
	fd = ksim_sys_open(p, "/sys/kernel/debug/hello", O_RDONLY);
	cr_assert_geq(fd, 0);
	cr_assert_eq(atomic_read(&fakemod.refcnt), 1, "an open file pins the module");
	cr_assert_eq(ksim_user_read(p, fd, buf, 3), 3);
	cr_assert_eq(ksim_sys_lseek(p, fd, 0, SEEK_SET), 0);
	debugfs_remove(d);
	cr_assert_eq(ksim_user_read(p, fd, buf, 3), -EIO);
	cr_assert_eq(ksim_sys_lseek(p, fd, 0, SEEK_SET), -EIO);
	cr_assert_eq(releases, 0);
	cr_assert_eq(ksim_sys_close(p, fd), 0);
	cr_assert_eq(releases, 1);
	cr_assert_eq(atomic_read(&fakemod.refcnt), 0);
	ksim_proc_destroy(p);
	cr_assert_eq(ksim_module_delete(&fakemod), 0);
}

Test(debugfs, a_module_leaving_files_behind_is_reported)
{
	static u32 v;

	ktest_expect_reports(KSIM_REPORT_OBJECT, 1);
	cr_assert_eq(ksim_module_add(&fakemod, 0, 0, "GPL"), 0);
	fakemod.state = MODULE_STATE_LIVE;
	debugfs_create_file("left", 0444, NULL, "x", &hello_fops);
	debugfs_create_u32("kept", 0444, NULL, &v);	/* not the module's: stays */
	ksim_module_remove(&fakemod);
	cr_assert_null(debugfs_lookup("left", NULL));
	debugfs_lookup_and_remove("kept", NULL);
}

Test(debugfs, blob)
{
	static char data[] = "blob!";
	struct debugfs_blob_wrapper w = { data, 5 };
	struct dentry *d = debugfs_create_blob("blob", 0444, NULL, &w);
	char buf[16];

	cr_assert_eq(ktest_cat("/sys/kernel/debug/blob", buf, sizeof(buf), 2), 5);
	cr_assert_str_eq(buf, "blob!");
	debugfs_remove(d);
}
