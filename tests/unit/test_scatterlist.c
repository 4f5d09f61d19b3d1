// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_scatterlist.c - lib/scatterlist.c: init, walk, chain,
 * tables, copies.
 */
#include "ktest.h"

#include <linux/scatterlist.h>
#include <linux/slab.h>

TestSuite(scatterlist, .init = ktest_boot, .fini = ktest_shutdown);

Test(scatterlist, init_walk_and_end)
{
	struct scatterlist sg[4], *s;
	char buf[4][64];
	int i, n = 0;

	sg_init_table(sg, 4);
	cr_assert(sg_is_last(&sg[3]));
	cr_assert(!sg_is_last(&sg[2]));
	for (i = 0; i < 4; i++)
		sg_set_buf(&sg[i], buf[i] + i, 10 + i);
	for_each_sg(sg, s, 4, i) {
		cr_assert_eq(sg_virt(s), buf[i] + i);
		cr_assert_eq(s->length, 10 + i);
		n++;
	}
	cr_assert_eq(n, 4);
	cr_assert_eq(sg_nents(sg), 4);
	sg_mark_end(&sg[1]);
	cr_assert_eq(sg_nents(sg), 2);
	cr_assert_null(sg_next(&sg[1]));
	sg_unmark_end(&sg[1]);
	cr_assert_eq(sg_next(&sg[1]), &sg[2]);
	cr_assert_eq(sg_nents_for_len(sg, 21), 2);
	cr_assert_eq(sg_nents_for_len(sg, 1000), -EINVAL);
}

Test(scatterlist, chain)
{
	struct scatterlist a[3], b[2];
	char buf[8];

	sg_init_table(a, 3);
	sg_init_table(b, 2);
	sg_set_buf(&a[0], buf, 1);
	sg_set_buf(&a[1], buf + 1, 1);
	sg_set_buf(&b[0], buf + 2, 1);
	sg_set_buf(&b[1], buf + 3, 1);
	sg_chain(a, 3, b);
	cr_assert_eq(sg_next(&a[1]), &b[0]);
	cr_assert_eq(sg_nents(a), 4);
	cr_assert_eq(sg_last(a, 4), &b[1]);
}

Test(scatterlist, table_and_copy)
{
	struct sg_table t;
	char *x = kmalloc(16, GFP_KERNEL), *y = kmalloc(16, GFP_KERNEL);
	char out[32] = { 0 };

	cr_assert_eq(sg_alloc_table(&t, 2, GFP_KERNEL), 0);
	cr_assert_eq(t.orig_nents, 2);
	sg_set_buf(&t.sgl[0], x, 16);
	sg_set_buf(&t.sgl[1], y, 16);
	cr_assert_eq(sg_copy_from_buffer(t.sgl, 2, "0123456789abcdefGHIJKLMNOPQRSTUV", 32), 32);
	cr_assert_eq(y[0], 'G');
	cr_assert_eq(sg_copy_to_buffer(t.sgl, 2, out, 20), 20);
	cr_assert_eq(memcmp(out, "0123456789abcdefGHIJ", 20), 0);
	sg_free_table(&t);
	cr_assert_null(t.sgl);
	kfree(x);
	kfree(y);
	sg_init_one(&(struct scatterlist){ 0 }, out, 4);
}
