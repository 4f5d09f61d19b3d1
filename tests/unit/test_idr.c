// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_idr.c - lib/idr.c: lowest free id, ranges and -ENOSPC,
 * bases, cyclic allocation, NULL reservations, iteration, replace, -ENOMEM
 * leaving the tree intact, 100k ids; the ida with its WARN on a bad free
 * and concurrent use from several kthreads.
 */
#include "ktest.h"

#include <string.h>

#include <linux/kernel.h>
#include <linux/idr.h>
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/atomic.h>
#include <ksim/failslab.h>

TestSuite(idr, .init = ktest_boot, .fini = ktest_shutdown);

static int tag[8];

Test(idr, lowest_free_id_and_reuse)
{
	DEFINE_IDR(idr);

	cr_assert(idr_is_empty(&idr));
	cr_assert_eq(idr_alloc(&idr, &tag[0], 0, 0, GFP_KERNEL), 0);
	cr_assert_eq(idr_alloc(&idr, &tag[1], 0, 0, GFP_KERNEL), 1);
	cr_assert_eq(idr_alloc(&idr, &tag[2], 0, 0, GFP_KERNEL), 2);
	cr_assert_not(idr_is_empty(&idr));
	cr_assert_eq(idr_find(&idr, 1), &tag[1]);
	cr_assert_null(idr_find(&idr, 3));
	cr_assert_null(idr_find(&idr, 1UL << 40));

	cr_assert_eq(idr_remove(&idr, 1), &tag[1]);
	cr_assert_null(idr_find(&idr, 1));
	cr_assert_null(idr_remove(&idr, 1), "second remove finds nothing");
	cr_assert_null(idr_remove(&idr, 99));
	cr_assert_eq(idr_alloc(&idr, &tag[3], 0, 0, GFP_KERNEL), 1);
	cr_assert_eq(idr_alloc(&idr, &tag[4], 0, 0, GFP_KERNEL), 3);
	/* Lowest free at or after start. */
	cr_assert_eq(idr_alloc(&idr, &tag[5], 2, 0, GFP_KERNEL), 4);
	cr_assert_eq(idr_alloc(&idr, &tag[5], 100, 0, GFP_KERNEL), 100);
	cr_assert_eq(idr_alloc(&idr, &tag[5], 99, 0, GFP_KERNEL), 99);
	cr_assert_eq(idr_alloc(&idr, &tag[5], 99, 0, GFP_KERNEL), 101);
	idr_destroy(&idr);
	cr_assert(idr_is_empty(&idr));
	cr_assert_null(idr_find(&idr, 0));
}

Test(idr, ranges_and_enospc)
{
	struct idr idr;

	idr_init(&idr);
	cr_assert_eq(idr_alloc(&idr, &tag[0], 10, 13, GFP_KERNEL), 10);
	cr_assert_eq(idr_alloc(&idr, &tag[0], 10, 13, GFP_KERNEL), 11);
	cr_assert_eq(idr_alloc(&idr, &tag[0], 10, 13, GFP_KERNEL), 12);
	cr_assert_eq(idr_alloc(&idr, &tag[0], 10, 13, GFP_KERNEL), -ENOSPC);
	cr_assert_eq(idr_alloc(&idr, &tag[0], 5, 6, GFP_KERNEL), 5);
	cr_assert_eq(idr_alloc(&idr, &tag[0], 5, 6, GFP_KERNEL), -ENOSPC);
	/* end <= 0: up to INT_MAX. */
	cr_assert_eq(idr_alloc(&idr, &tag[1], INT_MAX, 0, GFP_KERNEL), INT_MAX);
	cr_assert_eq(idr_alloc(&idr, &tag[1], INT_MAX, -1, GFP_KERNEL), -ENOSPC);
	cr_assert_eq(idr_find(&idr, INT_MAX), &tag[1]);
	cr_assert_eq(idr_alloc(&idr, &tag[2], 0, 0, GFP_KERNEL), 0);
	idr_destroy(&idr);
}

Test(idr, negative_start_warns)
{
	DEFINE_IDR(idr);

	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	cr_assert_eq(idr_alloc(&idr, &tag[0], -1, 0, GFP_KERNEL), -EINVAL);
	cr_assert(idr_is_empty(&idr));
}

Test(idr, base)
{
	struct idr idr;
	int id;
	void *p;

	idr_init_base(&idr, 1);
	cr_assert_eq(idr_alloc(&idr, &tag[0], 0, 0, GFP_KERNEL), 1);
	cr_assert_eq(idr_alloc(&idr, &tag[1], 0, 0, GFP_KERNEL), 2);
	cr_assert_null(idr_find(&idr, 0));
	cr_assert_eq(idr_find(&idr, 1), &tag[0]);
	id = 0;
	p = idr_get_next(&idr, &id);
	cr_assert_eq(p, &tag[0]);
	cr_assert_eq(id, 1);
	cr_assert_eq(idr_remove(&idr, 1), &tag[0]);
	cr_assert_null(idr_remove(&idr, 0));
	cr_assert_eq(idr_alloc(&idr, &tag[2], 0, 0, GFP_KERNEL), 1);
	idr_destroy(&idr);
}

Test(idr, cyclic)
{
	DEFINE_IDR(idr);
	int i;

	for (i = 0; i < 4; i++)
		cr_assert_eq(idr_alloc_cyclic(&idr, &tag[i], 0, 4, GFP_KERNEL), i);
	cr_assert_eq(idr_alloc_cyclic(&idr, &tag[0], 0, 4, GFP_KERNEL), -ENOSPC);
	idr_remove(&idr, 1);
	/* Nothing above the cursor: wraps around to the lowest free. */
	cr_assert_eq(idr_alloc_cyclic(&idr, &tag[0], 0, 4, GFP_KERNEL), 1);
	idr_remove(&idr, 1);
	idr_remove(&idr, 2);
	/* The cursor is after 1 now: 2 before 1. */
	cr_assert_eq(idr_alloc_cyclic(&idr, &tag[0], 0, 4, GFP_KERNEL), 2);
	cr_assert_eq(idr_alloc_cyclic(&idr, &tag[0], 0, 4, GFP_KERNEL), 1);
	idr_destroy(&idr);

	/* A freed id is not handed out again right away. */
	idr_init(&idr);
	cr_assert_eq(idr_alloc_cyclic(&idr, &tag[0], 1, 0, GFP_KERNEL), 1);
	idr_remove(&idr, 1);
	cr_assert_eq(idr_alloc_cyclic(&idr, &tag[0], 1, 0, GFP_KERNEL), 2);
	cr_assert_eq(idr_get_cursor(&idr), 3);
	idr_destroy(&idr);
}

static int collect(int id, void *p, void *data)
{
	int *out = data;

	out[out[0] + 1] = id;
	out[0]++;
	return p == &tag[7] ? 42 : 0;
}

Test(idr, iteration_skips_null_entries)
{
	DEFINE_IDR(idr);
	int out[16] = { 0 }, id, count = 0;
	void *entry;

	cr_assert_eq(idr_alloc(&idr, &tag[0], 0, 0, GFP_KERNEL), 0);
	cr_assert_eq(idr_alloc(&idr, NULL, 0, 0, GFP_KERNEL), 1, "NULL reserves");
	cr_assert_eq(idr_alloc(&idr, &tag[2], 0, 0, GFP_KERNEL), 2);
	cr_assert_eq(idr_alloc(&idr, &tag[3], 5000, 0, GFP_KERNEL), 5000);
	cr_assert_eq(idr_alloc(&idr, &tag[4], 1 << 20, 0, GFP_KERNEL), 1 << 20);
	cr_assert_null(idr_find(&idr, 1));

	cr_assert_eq(idr_for_each(&idr, collect, out), 0);
	cr_assert_eq(out[0], 4);
	cr_assert_eq(out[1], 0);
	cr_assert_eq(out[2], 2);
	cr_assert_eq(out[3], 5000);
	cr_assert_eq(out[4], 1 << 20);

	idr_for_each_entry(&idr, entry, id) {
		cr_assert_eq(idr_find(&idr, id), entry);
		count++;
	}
	cr_assert_eq(count, 4);

	id = 3;
	cr_assert_eq(idr_get_next(&idr, &id), &tag[3]);
	cr_assert_eq(id, 5000);
	id = (1 << 20) + 1;
	cr_assert_null(idr_get_next(&idr, &id));

	/* A non-zero return stops the walk and is passed back. */
	cr_assert_eq(idr_alloc(&idr, &tag[7], 3, 0, GFP_KERNEL), 3);
	out[0] = 0;
	cr_assert_eq(idr_for_each(&idr, collect, out), 42);
	cr_assert_eq(out[0], 3);

	/* Replacing the NULL makes it visible. */
	cr_assert_null(idr_replace(&idr, &tag[1], 1));
	cr_assert_eq(idr_replace(&idr, &tag[6], 1), &tag[1]);
	cr_assert_eq(idr_find(&idr, 1), &tag[6]);
	cr_assert_eq(PTR_ERR(idr_replace(&idr, &tag[6], 4)), -ENOENT);
	cr_assert_eq(PTR_ERR(idr_replace(&idr, &tag[6], 1UL << 40)), -ENOENT);
	idr_destroy(&idr);
}

Test(idr, alloc_u32)
{
	DEFINE_IDR(idr);
	u32 id = 7;

	cr_assert_eq(idr_alloc_u32(&idr, &tag[0], &id, 8, GFP_KERNEL), 0);
	cr_assert_eq(id, 7);
	id = 7;
	cr_assert_eq(idr_alloc_u32(&idr, &tag[0], &id, 8, GFP_KERNEL), 0);
	cr_assert_eq(id, 8);
	id = 7;
	cr_assert_eq(idr_alloc_u32(&idr, &tag[0], &id, 8, GFP_KERNEL), -ENOSPC);
	id = 0xfffffff0;
	cr_assert_eq(idr_alloc_u32(&idr, &tag[1], &id, U32_MAX, GFP_KERNEL), 0);
	cr_assert_eq(id, 0xfffffff0);
	cr_assert_eq(idr_find(&idr, 0xfffffff0), &tag[1]);
	idr_destroy(&idr);
}

Test(idr, enomem_leaves_the_tree_intact)
{
	DEFINE_IDR(idr);
	int i;

	for (i = 0; i < 64; i++)
		cr_assert_eq(idr_alloc(&idr, &tag[0], 0, 0, GFP_KERNEL), i);
	/* The next id needs a new top and a new leaf. */
	cr_assert_eq(ksim_failslab_set("probability", "100"), 0);
	cr_assert_eq(ksim_failslab_set("times", "-1"), 0);
	cr_assert_eq(ksim_failslab_set("verbose", "0"), 0);
	cr_assert_eq(idr_alloc(&idr, &tag[1], 0, 0, GFP_KERNEL), -ENOMEM);
	cr_assert_eq(idr_alloc(&idr, &tag[1], 1000000, 0, GFP_KERNEL), -ENOMEM);
	ksim_failslab_reset();
	cr_assert_gt(ksim_failslab_injected() + 1, 0);
	for (i = 0; i < 64; i++)
		cr_assert_eq(idr_find(&idr, i), &tag[0]);
	cr_assert_eq(idr_alloc(&idr, &tag[1], 0, 0, GFP_KERNEL), 64);
	cr_assert_eq(idr_find(&idr, 64), &tag[1]);
	idr_destroy(&idr);
}

Test(idr, hundred_thousand_ids, .timeout = 120)
{
	DEFINE_IDR(idr);
	const int n = 100000;
	int i, id, count = 0;
	void *entry;

	for (i = 0; i < n; i++)
		cr_assert_eq(idr_alloc(&idr, (void *)(long)(i + 1), 0, 0, GFP_KERNEL), i);
	for (i = 0; i < n; i += 1000)
		cr_assert_eq(idr_find(&idr, i), (void *)(long)(i + 1));
	/* Free every other id; the lowest ones come back first, in order. */
	for (i = 0; i < n; i += 2)
		cr_assert_eq(idr_remove(&idr, i), (void *)(long)(i + 1));
	idr_for_each_entry(&idr, entry, id) {
		cr_assert_eq(id % 2, 1);
		count++;
	}
	cr_assert_eq(count, n / 2);
	for (i = 0; i < n; i += 2)
		cr_assert_eq(idr_alloc(&idr, &tag[0], 0, 0, GFP_KERNEL), i);
	cr_assert_eq(idr_alloc(&idr, &tag[0], 0, 0, GFP_KERNEL), n);
	/* Remove everything: the tree frees its nodes as it empties. */
	for (i = 0; i <= n; i++)
		cr_assert_not_null(idr_remove(&idr, i));
	cr_assert(idr_is_empty(&idr));
	cr_assert_null(idr.idr_top);
	idr_destroy(&idr);
}

/* ---- ida ---- */

Test(idr, ida_basics)
{
	DEFINE_IDA(ida);

	cr_assert(ida_is_empty(&ida));
	cr_assert_eq(ida_alloc(&ida, GFP_KERNEL), 0);
	cr_assert_eq(ida_alloc(&ida, GFP_KERNEL), 1);
	cr_assert_eq(ida_alloc(&ida, GFP_KERNEL), 2);
	ida_free(&ida, 1);
	cr_assert_eq(ida_alloc(&ida, GFP_KERNEL), 1);
	cr_assert_eq(ida_alloc_min(&ida, 5, GFP_KERNEL), 5);
	cr_assert_eq(ida_alloc_max(&ida, 2, GFP_KERNEL), -ENOSPC);
	cr_assert_eq(ida_alloc_max(&ida, 3, GFP_KERNEL), 3);
	cr_assert_eq(ida_alloc_range(&ida, 10, 11, GFP_KERNEL), 10);
	cr_assert_eq(ida_alloc_range(&ida, 10, 11, GFP_KERNEL), 11);
	cr_assert_eq(ida_alloc_range(&ida, 10, 11, GFP_KERNEL), -ENOSPC);
	cr_assert_eq(ida_alloc_range(&ida, 0x80000000U, ~0U, GFP_KERNEL), -ENOSPC);
	cr_assert_eq(ida_alloc_range(&ida, INT_MAX, ~0U, GFP_KERNEL), INT_MAX);
	cr_assert_eq(ida_simple_get(&ida, 4, 6, GFP_KERNEL), 4);
	cr_assert_eq(ida_simple_get(&ida, 4, 6, GFP_KERNEL), -ENOSPC);
	cr_assert_eq(ida_simple_get(&ida, 20, 0, GFP_KERNEL), 20);
	ida_simple_remove(&ida, 20);
	cr_assert_not(ida_is_empty(&ida));
	ida_destroy(&ida);
	cr_assert(ida_is_empty(&ida));
	cr_assert_eq(ida_alloc(&ida, GFP_KERNEL), 0);
	ida_free(&ida, 0);
	cr_assert(ida_is_empty(&ida));
}

Test(idr, ida_free_unallocated_warns)
{
	struct ida ida;

	ida_init(&ida);
	ktest_expect_reports(KSIM_REPORT_WARN, 2);
	cr_assert_eq(ida_alloc(&ida, GFP_KERNEL), 0);
	ida_free(&ida, 7);
	cr_assert(ksim_dmesg_contains("ida_free called for id=7 which is not allocated."));
	ida_free(&ida, 0);
	ida_free(&ida, 0);
	cr_assert_eq(ksim_dmesg_count("which is not allocated"), 2);
	cr_assert(ida_is_empty(&ida));
}

#define IDA_THREADS 4
#define IDA_PER_THREAD 2000

static DEFINE_IDA(shared_ida);
static int got[IDA_THREADS][IDA_PER_THREAD];
static atomic_t workers_done = ATOMIC_INIT(0);

static int ida_worker(void *arg)
{
	int *mine = arg;
	int i;

	for (i = 0; i < IDA_PER_THREAD; i++) {
		mine[i] = ida_alloc(&shared_ida, GFP_KERNEL);
		/* Churn: give every third id back and take another. */
		if (i % 3 == 0 && mine[i] >= 0) {
			ida_free(&shared_ida, mine[i]);
			mine[i] = ida_alloc(&shared_ida, GFP_KERNEL);
		}
		if (i % 64 == 0)
			cond_resched();
	}
	atomic_inc(&workers_done);
	return 0;
}

Test(idr, ida_concurrent_ids_are_unique, .timeout = 120)
{
	static unsigned char seen[IDA_THREADS * IDA_PER_THREAD];
	struct task_struct *t[IDA_THREADS];
	int i, j;

	for (i = 0; i < IDA_THREADS; i++) {
		t[i] = kthread_run(ida_worker, got[i], "ida/%d", i);
		cr_assert_not(IS_ERR(t[i]));
		get_task_struct(t[i]);
	}
	/* kthread_stop() before a thread ran would keep it from running. */
	cr_assert(ktest_wait_for(atomic_read(&workers_done) == IDA_THREADS, 60000));
	for (i = 0; i < IDA_THREADS; i++) {
		kthread_stop(t[i]);
		put_task_struct(t[i]);
	}
	/* Exactly the ids 0 .. N-1, each once. */
	for (i = 0; i < IDA_THREADS; i++) {
		for (j = 0; j < IDA_PER_THREAD; j++) {
			int id = got[i][j];

			cr_assert(id >= 0 && id < IDA_THREADS * IDA_PER_THREAD, "id %d", id);
			cr_assert_not(seen[id], "id %d handed out twice", id);
			seen[id] = 1;
		}
	}
	ida_destroy(&shared_ida);
}
