// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_util.c - mm/util.c: string and memory duplicates,
 * kasprintf, kstrdup_const, and the kvmalloc family (large requests come
 * from vmalloc, so kfree of them is caught).
 */
#include "ktest.h"

#include <stdint.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

TestSuite(util, .init = ktest_boot, .fini = ktest_shutdown);

Test(util, kstrdup_family)
{
	char *a = kstrdup("hello", GFP_KERNEL);
	char *b = kstrndup("hello world", 5, GFP_KERNEL);
	char *c = kmemdup_nul("abcdef", 3, GFP_KERNEL);
	char *d = kmemdup("xyz", 4, GFP_KERNEL);

	cr_assert_str_eq(a, "hello");
	cr_assert_str_eq(b, "hello");
	cr_assert_str_eq(c, "abc");
	cr_assert_str_eq(d, "xyz");
	cr_assert_eq(ksize(c), 4);
	cr_assert_null(kstrdup(NULL, GFP_KERNEL));
	cr_assert_null(kstrndup(NULL, 3, GFP_KERNEL));
	cr_assert_null(kmemdup_nul(NULL, 3, GFP_KERNEL));
	kfree(a);
	kfree(b);
	kfree(c);
	kfree(d);
}

static char *vformat(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = kvasprintf(GFP_KERNEL, fmt, ap);
	va_end(ap);
	return p;
}

Test(util, kasprintf_formats)
{
	char *p = kasprintf(GFP_KERNEL, "%s-%d-%04x", "nvme", 7, 0xff);
	char *q = vformat("%u/%u %c", 3u, 4u, 'z');
	char *e = kasprintf(GFP_KERNEL, "%s", "");

	cr_assert_str_eq(p, "nvme-7-00ff");
	cr_assert_eq(ksize(p), strlen("nvme-7-00ff") + 1);
	cr_assert_str_eq(q, "3/4 z");
	cr_assert_str_eq(e, "");
	kfree(p);
	kfree(q);
	kfree(e);
}

Test(util, kstrdup_const_keeps_rodata)
{
	static const char lit[] = "constant name";
	char heap[] = "on the stack";
	const char *a = kstrdup_const(lit, GFP_KERNEL);
	const char *b = kstrdup_const(heap, GFP_KERNEL);

	cr_assert_eq(a, lit);
	cr_assert_neq(b, heap);
	cr_assert_str_eq(b, heap);
	kfree_const(a);
	kfree_const(b);
	cr_assert_null(kstrdup_const(NULL, GFP_KERNEL));
	kfree_const(NULL);
	cr_assert_eq(ksim_report_total(), 0);
}

Test(util, kvmalloc_small_from_slab_large_from_vmalloc)
{
	char *s = kvmalloc(100, GFP_KERNEL);
	char *l = kvzalloc(1 << 20, GFP_KERNEL);
	char *n = kvmalloc(1 << 20, GFP_NOWAIT);
	unsigned int i;

	cr_assert(s && l && n);
	cr_assert_not(is_vmalloc_addr(s));
	cr_assert(is_vmalloc_addr(l));
	/* Without GFP_KERNEL, no vmalloc fallback. */
	cr_assert_not(is_vmalloc_addr(n));
	for (i = 0; i < (1 << 20); i += 4096)
		cr_assert_eq(l[i], 0);
	kvfree(s);
	kvfree(l);
	kvfree(n);
	kvfree(NULL);
	cr_assert_eq(ksim_report_total(), 0);
}

Test(util, kvcalloc_overflow_and_kvrealloc)
{
	unsigned char *p, *q;
	unsigned int i;

	cr_assert_null(kvcalloc(SIZE_MAX / 4, 8, GFP_KERNEL));
	cr_assert_null(kvmalloc_array(SIZE_MAX, 3, GFP_KERNEL));
	p = kvmalloc(64, GFP_KERNEL);
	for (i = 0; i < 64; i++)
		p[i] = i;
	q = kvrealloc(p, 64, 3 * PAGE_SIZE, GFP_KERNEL);
	cr_assert_not_null(q);
	for (i = 0; i < 64; i++)
		cr_assert_eq(q[i], i);
	cr_assert_eq(kvrealloc(q, 3 * PAGE_SIZE, 10, GFP_KERNEL), q);
	kvfree_sensitive(q, 3 * PAGE_SIZE);
	cr_assert_eq(ksim_report_total(), 0);
}

Test(util, kfree_of_kvmalloc_memory_reported)
{
	void *l = kvmalloc(1 << 16, GFP_KERNEL);

	ktest_expect_reports(KSIM_REPORT_BAD_FREE, 1);
	kfree(l);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_BAD_FREE), 1);
	kvfree(l);
}
