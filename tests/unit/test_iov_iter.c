// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_iov_iter.c - lib/iov_iter.c, and drivers that only
 * have ->read_iter/->write_iter (read(2) builds a one-buffer iterator),
 * including seq_read_iter in proc_ops.
 */
#include "ktest.h"
#include "ktest_user.h"

#include <fcntl.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/uio.h>
#include <linux/miscdevice.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <ksim/user.h>

TestSuite(iov_iter, .init = ktest_boot, .fini = ktest_shutdown);

Test(iov_iter, kvec_copies_across_segments)
{
	char a[3], b[5], out[8];
	struct kvec v[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	struct iov_iter it;

	iov_iter_kvec(&it, ITER_DEST, v, 2, 8);
	cr_assert_eq(copy_to_iter("abcdefgh", 6, &it), 6);
	cr_assert_eq(iov_iter_count(&it), 2);
	cr_assert_eq(copy_to_iter("XYZ", 3, &it), 2, "only two bytes left");
	cr_assert_eq(memcmp(a, "abc", 3), 0);
	cr_assert_eq(memcmp(b, "defXY", 5), 0);
	iov_iter_kvec(&it, ITER_SOURCE, v, 2, 8);
	cr_assert(copy_from_iter_full(out, 8, &it));
	cr_assert_eq(memcmp(out, "abcdefXY", 8), 0);
	cr_assert(!copy_from_iter_full(out, 1, &it), "nothing left");
}

static char store[32] = "iterated";
static size_t stored = 8;

static ssize_t it_read(struct kiocb *iocb, struct iov_iter *to)
{
	size_t n;

	if (iocb->ki_pos >= stored)
		return 0;
	n = copy_to_iter(store + iocb->ki_pos, stored - iocb->ki_pos, to);
	if (!n)
		return -EFAULT;
	iocb->ki_pos += n;
	return n;
}

static ssize_t it_write(struct kiocb *iocb, struct iov_iter *from)
{
	size_t n = min(iov_iter_count(from), sizeof(store));

	if (!copy_from_iter_full(store, n, from))
		return -EFAULT;
	stored = n;
	return n;
}

static const struct file_operations it_fops = {
	.read_iter = it_read,
	.write_iter = it_write,
	.llseek = default_llseek,
};

Test(iov_iter, a_read_iter_only_device)
{
	struct miscdevice m = { .minor = MISC_DYNAMIC_MINOR, .name = "iter", .fops = &it_fops };
	struct ksim_proc *p;
	char buf[32];
	int fd;

	cr_assert_eq(misc_register(&m), 0);
	cr_assert_eq(ktest_cat("/dev/iter", buf, sizeof(buf), 3), 8);
	cr_assert_str_eq(buf, "iterated");
	cr_assert_eq(ktest_echo("/dev/iter", "new"), 3);
	cr_assert_eq(ktest_cat("/dev/iter", buf, sizeof(buf), 100), 3);
	cr_assert_str_eq(buf, "new");
	p = ksim_proc_create("wild");
	fd = ksim_sys_open(p, "/dev/iter", O_RDWR);
	cr_assert_eq(ksim_sys_read(p, fd, 0x10000, 4), -EFAULT);
	ksim_proc_destroy(p);
	misc_deregister(&m);
}

static int lines_show(struct seq_file *m, void *v)
{
	for (int i = 0; i < 3; i++)
		seq_printf(m, "line %d\n", i);
	return 0;
}

static int lines_open(struct inode *inode, struct file *file)
{
	return single_open(file, lines_show, NULL);
}

static const struct proc_ops lines_ops = {
	.proc_open = lines_open,
	.proc_read_iter = seq_read_iter,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

Test(iov_iter, seq_read_iter_in_proc_ops)
{
	char buf[64];

	cr_assert_not_null(proc_create("lines", 0444, NULL, &lines_ops));
	cr_assert_eq(ktest_cat("/proc/lines", buf, sizeof(buf), 5), 21);
	cr_assert_str_eq(buf, "line 0\nline 1\nline 2\n");
	remove_proc_entry("lines", NULL);
}
