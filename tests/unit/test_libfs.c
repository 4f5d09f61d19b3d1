// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_libfs.c - fs/libfs.c: buffer helpers, the llseek
 * variants, stream_open/nonseekable_open, simple attributes, fasync.
 */
#include "ktest.h"

#include <fcntl.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/debugfs.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <ksim/user.h>

#include "internal.h"
#include "mm/user_mm.h"

TestSuite(libfs, .init = ktest_boot, .fini = ktest_shutdown);

Test(libfs, simple_read_and_write_buffers)
{
	struct mm_struct mm;
	char kbuf[8] = "abcdefg", back[8] = "";
	unsigned long u;
	loff_t pos = 0;
	char *host;

	ksim_mm_setup(&mm);
	current->mm = &mm;
	u = ksim_mm_map(&mm, NULL, 16, KSIM_PROT_READ | KSIM_PROT_WRITE);
	host = ksim_mm_host_ptr(&mm, u, 16);
	cr_assert_eq(simple_read_from_buffer((void __user *)u, 5, &pos, kbuf, 7), 5);
	cr_assert_eq(pos, 5);
	cr_assert_eq(simple_read_from_buffer((void __user *)u, 5, &pos, kbuf, 7), 2);
	cr_assert_eq(simple_read_from_buffer((void __user *)u, 5, &pos, kbuf, 7), 0, "EOF");
	pos = -1;
	cr_assert_eq(simple_read_from_buffer((void __user *)u, 5, &pos, kbuf, 7), -EINVAL);
	pos = 0;
	cr_assert_eq(simple_read_from_buffer((void __user *)0x1000, 5, &pos, kbuf, 7), -EFAULT);
	memcpy(host, "XYZ", 3);
	pos = 2;
	cr_assert_eq(simple_write_to_buffer(back, 4, &pos, (void __user *)u, 3), 2);
	cr_assert_eq(memcmp(back + 2, "XY", 2), 0);
	current->mm = NULL;
	ksim_mm_teardown(&mm);
}

Test(libfs, llseek_variants)
{
	struct inode inode = { .i_size = 100 };
	struct file f = { .f_inode = &inode };

	init_rwsem(&inode.i_rwsem);
	cr_assert_eq(fixed_size_llseek(&f, -10, SEEK_END, 50), 40);
	cr_assert_eq(fixed_size_llseek(&f, 20, SEEK_END, 50), -EINVAL, "past the size");
	cr_assert_eq(fixed_size_llseek(&f, 0, SEEK_DATA, 50), -EINVAL);
	cr_assert_eq(default_llseek(&f, 5, SEEK_CUR), 45);
	cr_assert_eq(default_llseek(&f, 0, SEEK_END), 100);
	cr_assert_eq(default_llseek(&f, -200, SEEK_CUR), -EINVAL);
	cr_assert_eq(generic_file_llseek(&f, 10, SEEK_SET), 10);
	cr_assert_eq(generic_file_llseek(&f, 100, SEEK_DATA), -ENXIO);
	cr_assert_eq(generic_file_llseek(&f, 3, SEEK_HOLE), 100);
	cr_assert_eq(no_seek_end_llseek(&f, 0, SEEK_END), -EINVAL);
	cr_assert_eq(noop_llseek(&f, 1234, SEEK_SET), 100);
	cr_assert_eq(no_llseek(&f, 0, SEEK_SET), -ESPIPE);
}

static int st_open(struct inode *inode, struct file *file)
{
	return stream_open(inode, file);
}

static loff_t *seen_ppos = (loff_t *)1;

static ssize_t st_read(struct file *file, char __user *buf, size_t n, loff_t *ppos)
{
	seen_ppos = ppos;
	return 0;
}

static const struct file_operations stream_fops = {
	.open = st_open,
	.read = st_read,
	.llseek = no_llseek,
};

Test(libfs, a_stream_gets_no_position)
{
	struct dentry *d = debugfs_create_file_unsafe("stream", 0444, NULL, NULL, &stream_fops);
	struct ksim_proc *p = ksim_proc_create("streamer");
	char c;
	int fd = ksim_sys_open(p, "/sys/kernel/debug/stream", O_RDONLY);

	cr_assert_geq(fd, 0);
	cr_assert_eq(ksim_user_read(p, fd, &c, 1), 0);
	cr_assert_null(seen_ppos, "stream_open: ->read gets a NULL ppos");
	cr_assert_eq(ksim_sys_lseek(p, fd, 0, SEEK_SET), -ESPIPE);
	ksim_proc_destroy(p);
	debugfs_remove(d);
}

static u64 attr_val = 5;

static int attr_get(void *data, u64 *val)
{
	*val = *(u64 *)data;
	return 0;
}

static int attr_set(void *data, u64 val)
{
	*(u64 *)data = val;
	return 0;
}
DEFINE_SIMPLE_ATTRIBUTE(attr_fops, attr_get, attr_set, "%llu\n");
DEFINE_DEBUGFS_ATTRIBUTE_SIGNED(sattr_fops, attr_get, attr_set, "%lld\n");

Test(libfs, simple_attributes)
{
	struct dentry *d = debugfs_create_file("attr", 0644, NULL, &attr_val, &attr_fops);
	struct dentry *s = debugfs_create_file("sattr", 0644, NULL, &attr_val, &sattr_fops);
	struct ksim_proc *p = ksim_proc_create("attr");
	char buf[32] = "";
	int fd;

	fd = ksim_sys_open(p, "/sys/kernel/debug/attr", O_RDWR);
	cr_assert_eq(ksim_user_read(p, fd, buf, sizeof(buf)), 2);
	cr_assert_str_eq(buf, "5\n");
	cr_assert_eq(ksim_user_write(p, fd, "123\n", 4), 4);
	cr_assert_eq(attr_val, 123);
	cr_assert_eq(ksim_user_write(p, fd, "-1", 2), -EINVAL, "unsigned");
	ksim_sys_close(p, fd);
	fd = ksim_sys_open(p, "/sys/kernel/debug/sattr", O_RDWR);
	cr_assert_eq(ksim_user_write(p, fd, "-1", 2), 2);
	memset(buf, 0, sizeof(buf));
	cr_assert_eq(ksim_user_read(p, fd, buf, sizeof(buf)), 3);
	cr_assert_str_eq(buf, "-1\n");
	ksim_proc_destroy(p);
	debugfs_remove(d);
	debugfs_remove(s);
}

static struct fasync_struct *async_queue;

static int fa_fasync(int fd, struct file *file, int on)
{
	return fasync_helper(fd, file, on, &async_queue);
}

static ssize_t fa_write(struct file *file, const char __user *buf, size_t n, loff_t *ppos)
{
	kill_fasync(&async_queue, 29 /* SIGIO */, 1 /* POLL_IN */);
	return n;
}

static const struct file_operations fa_fops = {
	.write = fa_write,
	.fasync = fa_fasync,
};

Test(libfs, fasync_signals_the_owner)
{
	struct dentry *d = debugfs_create_file_unsafe("fa", 0644, NULL, NULL, &fa_fops);
	struct ksim_proc *p = ksim_proc_create("async");
	int fd = ksim_sys_open(p, "/sys/kernel/debug/fa", O_WRONLY);

	cr_assert_eq(ksim_user_write(p, fd, "x", 1), 1);
	cr_assert_eq(ksim_proc_sigio(p), 0);
	cr_assert_eq(ksim_sys_setfl(p, fd, FASYNC), 0);
	cr_assert_not_null(async_queue);
	cr_assert_eq(ksim_user_write(p, fd, "x", 1), 1);
	cr_assert_eq(ksim_proc_sigio(p), 1);
	/* The last close takes the file off the list (->fasync(-1, file, 0)). */
	ksim_sys_close(p, fd);
	cr_assert_null(async_queue);
	ksim_proc_destroy(p);
	debugfs_remove(d);
}
