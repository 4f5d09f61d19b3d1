// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_seq_file.c - fs/seq_file.c: records printed by
 * start/next/show come out whole whatever the reader's chunk size, a
 * record bigger than a page grows the buffer, a seek replays to the place,
 * single_open prints once.  Files are read through the user side.
 */
#include "ktest.h"
#include "ktest_user.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/seq_file.h>
#include <linux/debugfs.h>
#include <ksim/user.h>

TestSuite(seq_file, .init = ktest_boot, .fini = ktest_shutdown);

static int nr_records = 100;
static int big_record = -1;	/* this record prints 10000 bytes */
static int stops;

static void *rec_start(struct seq_file *m, loff_t *pos)
{
	return *pos < nr_records ? (void *)(uintptr_t)(*pos + 1) : NULL;
}

static void *rec_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return rec_start(m, pos);
}

static void rec_stop(struct seq_file *m, void *v)
{
	stops++;
}

static int rec_show(struct seq_file *m, void *v)
{
	int i = (int)(uintptr_t)v - 1;

	if (i == big_record) {
		for (int k = 0; k < 1000; k++)
			seq_puts(m, "0123456789");
		seq_putc(m, '\n');
		return 0;
	}
	seq_printf(m, "record %03d\n", i);
	return 0;
}

static const struct seq_operations rec_sops = {
	.start = rec_start,
	.next = rec_next,
	.stop = rec_stop,
	.show = rec_show,
};
DEFINE_SEQ_ATTRIBUTE(rec);

static char expected[20000];

static void make_expected(void)
{
	size_t n = 0;

	for (int i = 0; i < nr_records; i++) {
		if (i == big_record) {
			for (int k = 0; k < 1000; k++)
				n += sprintf(expected + n, "0123456789");
			n += sprintf(expected + n, "\n");
		} else {
			n += sprintf(expected + n, "record %03d\n", i);
		}
	}
}

Test(seq_file, every_chunk_size_reads_the_same_text)
{
	static const size_t chunks[] = { 1, 7, 11, 100, 4096, 20000 };
	static char buf[20000];
	struct dentry *d = debugfs_create_file("records", 0444, NULL, NULL, &rec_fops);

	make_expected();
	for (size_t i = 0; i < ARRAY_SIZE(chunks); i++) {
		ssize_t n = ktest_cat("/sys/kernel/debug/records", buf, sizeof(buf), chunks[i]);

		cr_assert_eq(n, (ssize_t)strlen(expected), "chunk %zu: %zd", chunks[i], n);
		cr_assert_str_eq(buf, expected, "chunk %zu", chunks[i]);
	}
	cr_assert_gt(stops, 0, "every start is paired with a stop");
	debugfs_remove(d);
}

Test(seq_file, a_record_bigger_than_a_page_grows_the_buffer)
{
	static char buf[20000];
	struct dentry *d;

	big_record = 3;
	make_expected();
	d = debugfs_create_file("records", 0444, NULL, NULL, &rec_fops);
	cr_assert_eq(ktest_cat("/sys/kernel/debug/records", buf, sizeof(buf), 512),
		     (ssize_t)strlen(expected));
	cr_assert_str_eq(buf, expected);
	debugfs_remove(d);
	big_record = -1;
}

Test(seq_file, lseek_replays_to_the_offset)
{
	struct dentry *d = debugfs_create_file("records", 0444, NULL, NULL, &rec_fops);
	struct ksim_proc *p = ksim_proc_create("seeker");
	char buf[16] = "";
	int fd;

	make_expected();
	fd = ksim_sys_open(p, "/sys/kernel/debug/records", O_RDONLY);
	cr_assert_geq(fd, 0);
	cr_assert_eq(ksim_sys_lseek(p, fd, 11 * 42 + 7, SEEK_SET), 11 * 42 + 7);
	cr_assert_eq(ksim_user_read(p, fd, buf, 4), 4);
	cr_assert_str_eq(buf, "042\n");
	cr_assert_eq(ksim_sys_lseek(p, fd, -11, SEEK_CUR), 11 * 42);
	cr_assert_eq(ksim_user_read(p, fd, buf, 11), 11);
	cr_assert_eq(memcmp(buf, "record 042\n", 11), 0);
	cr_assert_eq(ksim_sys_lseek(p, fd, 0, SEEK_END), -EINVAL, "seq_lseek has no SEEK_END");
	ksim_proc_destroy(p);
	debugfs_remove(d);
}

static int shows;

static int one_show(struct seq_file *m, void *v)
{
	shows++;
	seq_printf(m, "private=%s\n", (const char *)m->private);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(one);

Test(seq_file, single_open_shows_once_with_its_data)
{
	char buf[64];
	struct dentry *d = debugfs_create_file("one", 0444, NULL, "hello", &one_fops);

	cr_assert_eq(ktest_cat("/sys/kernel/debug/one", buf, sizeof(buf), 3), 14);
	cr_assert_str_eq(buf, "private=hello\n");
	cr_assert_eq(shows, 1);
	debugfs_remove(d);
}

static int overflow_show(struct seq_file *m, void *v)
{
	seq_puts(m, "x");
	seq_put_decimal_ull(m, " ", 42);
	seq_put_decimal_ll(m, " ", -7);
	seq_put_hex_ll(m, " ", 0xbeef, 8);
	seq_printf(m, " %pe\n", ERR_PTR(-ENOMEM));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(overflow);

Test(seq_file, formatting_helpers_use_the_kernel_printf)
{
	char buf[64];
	struct dentry *d = debugfs_create_file("fmt", 0444, NULL, NULL, &overflow_fops);

	cr_assert_gt(ktest_cat("/sys/kernel/debug/fmt", buf, sizeof(buf), 64), 0);
	cr_assert_str_eq(buf, "x 42 -7 0000beef -ENOMEM\n");
	debugfs_remove(d);
}
