// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_xarray.c - lib/xarray.c: store/load/erase across tree
 * heights, iteration order and ranges, marks, allocation (ALLOC and
 * ALLOC1, cyclic), insert/cmpxchg/reserve semantics, value entries, and
 * that everything is freed by xa_destroy (the leak check at shutdown).
 */
#include "ktest.h"

#include <linux/xarray.h>

TestSuite(xarray, .init = ktest_boot, .fini = ktest_shutdown);

static void *P(unsigned long i)
{
	return xa_mk_value(i);
}

Test(xarray, store_load_erase_any_index)
{
	static const unsigned long idx[] = { 0, 1, 63, 64, 4095, 4096, 1ul << 20,
					     1ul << 40, ULONG_MAX - 1, ULONG_MAX };
	DEFINE_XARRAY(xa);
	unsigned int i;

	cr_assert(xa_empty(&xa));
	for (i = 0; i < ARRAY_SIZE(idx); i++)
		cr_assert_null(xa_store(&xa, idx[i], P(i), GFP_KERNEL));
	for (i = 0; i < ARRAY_SIZE(idx); i++)
		cr_assert_eq(xa_load(&xa, idx[i]), P(i), "index %lu", idx[i]);
	cr_assert_null(xa_load(&xa, 2));
	cr_assert_null(xa_load(&xa, 1ul << 39));
	cr_assert_eq(xa_store(&xa, 64, P(99), GFP_KERNEL), P(3));
	for (i = 0; i < ARRAY_SIZE(idx); i++)
		xa_erase(&xa, idx[i]);
	cr_assert(xa_empty(&xa));
	xa_destroy(&xa);
}

Test(xarray, iteration_in_index_order)
{
	struct xarray xa;
	unsigned long index, seen[8];
	void *entry;
	int n = 0;

	xa_init(&xa);
	xa_store(&xa, 1000, P(3), GFP_KERNEL);
	xa_store(&xa, 5, P(1), GFP_KERNEL);
	xa_store(&xa, 70, P(2), GFP_KERNEL);
	xa_for_each(&xa, index, entry) {
		seen[n++] = index;
		cr_assert_eq(xa_to_value(entry), n);
	}
	cr_assert_eq(n, 3);
	cr_assert_eq(seen[0], 5);
	cr_assert_eq(seen[1], 70);
	cr_assert_eq(seen[2], 1000);
	n = 0;
	xa_for_each_range(&xa, index, entry, 6, 999)
		n++;
	cr_assert_eq(n, 1);
	index = 71;
	cr_assert_eq(xa_find(&xa, &index, ULONG_MAX, XA_PRESENT), P(3));
	cr_assert_eq(index, 1000);
	xa_destroy(&xa);
	cr_assert(xa_empty(&xa));
}

Test(xarray, marks)
{
	DEFINE_XARRAY(xa);
	unsigned long index;
	void *entry;
	int n = 0;

	xa_store(&xa, 3, P(3), GFP_KERNEL);
	xa_store(&xa, 300, P(300), GFP_KERNEL);
	xa_store(&xa, 30000, P(30000), GFP_KERNEL);
	xa_set_mark(&xa, 300, XA_MARK_1);
	xa_set_mark(&xa, 30000, XA_MARK_1);
	xa_set_mark(&xa, 7, XA_MARK_1);	/* no entry: no mark */
	cr_assert(xa_get_mark(&xa, 300, XA_MARK_1));
	cr_assert_not(xa_get_mark(&xa, 3, XA_MARK_1));
	cr_assert_not(xa_get_mark(&xa, 7, XA_MARK_1));
	xa_for_each_marked(&xa, index, entry, XA_MARK_1) {
		cr_assert_eq(xa_to_value(entry), index);
		n++;
	}
	cr_assert_eq(n, 2);
	xa_clear_mark(&xa, 300, XA_MARK_1);
	n = 0;
	xa_for_each_marked(&xa, index, entry, XA_MARK_1)
		n++;
	cr_assert_eq(n, 1);
	/* Erasing drops the mark with the entry. */
	xa_erase(&xa, 30000);
	index = 0;
	cr_assert_null(xa_find(&xa, &index, ULONG_MAX, XA_MARK_1));
	xa_destroy(&xa);
}

Test(xarray, alloc_alloc1_and_cyclic)
{
	DEFINE_XARRAY_ALLOC(xa);
	DEFINE_XARRAY_ALLOC1(xa1);
	u32 id, next = 0;
	int i;

	for (i = 0; i < 3; i++) {
		cr_assert_eq(xa_alloc(&xa, &id, P(i), xa_limit_32b, GFP_KERNEL), 0);
		cr_assert_eq(id, i);
	}
	xa_erase(&xa, 1);
	cr_assert_eq(xa_alloc(&xa, &id, P(9), xa_limit_32b, GFP_KERNEL), 0);
	cr_assert_eq(id, 1);
	cr_assert_eq(xa_alloc(&xa, &id, P(9), XA_LIMIT(0, 3), GFP_KERNEL), 0);
	cr_assert_eq(xa_alloc(&xa, &id, P(9), XA_LIMIT(0, 3), GFP_KERNEL), -EBUSY);
	cr_assert_eq(xa_alloc(&xa1, &id, P(1), xa_limit_32b, GFP_KERNEL), 0);
	cr_assert_eq(id, 1);
	/* Cyclic: continues after the last, wraps with 1. */
	cr_assert_eq(xa_alloc_cyclic(&xa1, &id, P(2), XA_LIMIT(1, 3), &next, GFP_KERNEL), 0);
	cr_assert_eq(id, 2);
	cr_assert_eq(xa_alloc_cyclic(&xa1, &id, P(3), XA_LIMIT(1, 3), &next, GFP_KERNEL), 0);
	cr_assert_eq(id, 3);
	xa_erase(&xa1, 1);
	cr_assert_eq(xa_alloc_cyclic(&xa1, &id, P(4), XA_LIMIT(1, 3), &next, GFP_KERNEL), 1);
	cr_assert_eq(id, 1);
	xa_destroy(&xa);
	xa_destroy(&xa1);
}

Test(xarray, insert_cmpxchg_reserve)
{
	DEFINE_XARRAY(xa);

	cr_assert_eq(xa_insert(&xa, 4, P(4), GFP_KERNEL), 0);
	cr_assert_eq(xa_insert(&xa, 4, P(5), GFP_KERNEL), -EBUSY);
	cr_assert_eq(xa_cmpxchg(&xa, 4, P(9), P(6), GFP_KERNEL), P(4));
	cr_assert_eq(xa_load(&xa, 4), P(4));
	cr_assert_eq(xa_cmpxchg(&xa, 4, P(4), P(6), GFP_KERNEL), P(4));
	cr_assert_eq(xa_load(&xa, 4), P(6));
	cr_assert_eq(xa_reserve(&xa, 8, GFP_KERNEL), 0);
	cr_assert_null(xa_load(&xa, 8));
	cr_assert_eq(xa_insert(&xa, 8, P(8), GFP_KERNEL), -EBUSY);
	xa_release(&xa, 8);
	cr_assert_eq(xa_insert(&xa, 8, P(8), GFP_KERNEL), 0);
	cr_assert(xa_is_err(xa_store(&xa, 1, xa_mk_internal(5), GFP_KERNEL)));
	cr_assert_eq(xa_err(xa_mk_internal(-ENOMEM)), -ENOMEM);
	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	xa_destroy(&xa);
}

Test(xarray, many_entries_then_destroy)
{
	DEFINE_XARRAY(xa);
	unsigned long i, index;
	void *entry;
	unsigned long n = 0;

	for (i = 0; i < 5000; i++)
		xa_store(&xa, i * 37, P(i), GFP_KERNEL);
	xa_for_each(&xa, index, entry) {
		cr_assert_eq(index, xa_to_value(entry) * 37);
		n++;
	}
	cr_assert_eq(n, 5000);
	for (i = 0; i < 5000; i += 2)
		xa_erase(&xa, i * 37);
	cr_assert_eq(xa_load(&xa, 37), P(1));
	cr_assert_null(xa_load(&xa, 74));
	xa_destroy(&xa);
}
