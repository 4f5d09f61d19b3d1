// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_mempool.c - mm/mempool.c: the reserve is filled at
 * creation, serves allocations when the allocator fails (failslab-style,
 * here a refusing allocator), refills on free, and a sleeping allocation
 * waits for a free instead of failing.
 */
#include "ktest.h"

#include <linux/mempool.h>
#include <linux/slab.h>
#include <linux/kthread.h>
#include <linux/delay.h>

TestSuite(mempool, .init = ktest_boot, .fini = ktest_shutdown);

static bool refuse;
static int allocated;

static void *test_alloc(gfp_t gfp, void *data)
{
	if (refuse)
		return NULL;
	allocated++;
	return kmalloc((size_t)data, gfp);
}

static void test_free(void *element, void *data)
{
	allocated--;
	kfree(element);
}

Test(mempool, reserve_serves_when_allocator_fails)
{
	mempool_t *pool = mempool_create(2, test_alloc, test_free, (void *)32);
	void *a, *b, *c;

	cr_assert_not_null(pool);
	cr_assert_eq(allocated, 2);
	cr_assert(mempool_is_saturated(pool));
	refuse = true;
	a = mempool_alloc(pool, GFP_ATOMIC);
	b = mempool_alloc(pool, GFP_ATOMIC);
	cr_assert_not_null(a);
	cr_assert_not_null(b);
	cr_assert_eq(pool->curr_nr, 0);
	c = mempool_alloc(pool, GFP_ATOMIC);
	cr_assert_null(c);	/* atomic, reserve empty: fails */
	mempool_free(a, pool);
	cr_assert_eq(pool->curr_nr, 1);
	refuse = false;
	mempool_free(b, pool);
	mempool_destroy(pool);
	cr_assert_eq(allocated, 0);
}

static mempool_t *shared;
static void *returned;

static int give_back(void *unused)
{
	msleep(20);
	mempool_free(returned, shared);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

Test(mempool, sleeping_alloc_waits_for_free)
{
	struct task_struct *t;
	void *a, *b;

	shared = mempool_create(1, test_alloc, test_free, (void *)64);
	cr_assert_not_null(shared);
	refuse = true;
	a = mempool_alloc(shared, GFP_KERNEL);
	cr_assert_not_null(a);
	cr_assert_eq(shared->curr_nr, 0);
	returned = a;
	t = kthread_run(give_back, NULL, "giver");
	cr_assert(!IS_ERR(t));
	/* Allocator refuses, reserve empty: sleeps until the giver frees. */
	b = mempool_alloc(shared, GFP_KERNEL);
	cr_assert_eq(b, a);
	kthread_stop(t);
	refuse = false;
	mempool_free(b, shared);
	mempool_destroy(shared);
	cr_assert_eq(allocated, 0);
}

Test(mempool, slab_and_resize)
{
	struct kmem_cache *kc = kmem_cache_create("mp_test", 48, 0, 0, NULL);
	mempool_t *pool = mempool_create_slab_pool(1, kc);

	cr_assert_not_null(pool);
	cr_assert_eq(mempool_resize(pool, 4), 0);
	cr_assert_eq(pool->curr_nr, 4);
	cr_assert_eq(mempool_resize(pool, 2), 0);
	cr_assert_eq(pool->curr_nr, 2);
	mempool_destroy(pool);
	kmem_cache_destroy(kc);
}
