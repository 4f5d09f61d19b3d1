// SPDX-License-Identifier: GPL-2.0
/*
 * sort_kunit.c - lib/sort.c as a KUnit suite: sort() and sort_r() against
 * a reference sort on every element size the swap code distinguishes, a
 * custom swap, and bsearch.  (Formerly the Criterion suite
 * tests/unit/test_sort.c.)
 */
#include <kunit/test.h>
#include <linux/bsearch.h>
#include <linux/kernel.h>
#include <linux/sort.h>
#include <linux/string.h>

static u64 rng = 0x853c49e6748fea9bULL;

static u32 rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng >> 16;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

/* The reference: an insertion sort, too simple to be wrong. */
static void insertion_sort(int *a, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		int v = a[i];

		for (j = i; j > 0 && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

static void sort_ints_against_a_reference(struct kunit *test)
{
	static int a[1000], ref[1000];
	size_t n;
	int i;

	for (n = 0; n <= 1000; n = n ? n * 3 : 1) {
		for (i = 0; i < (int)n; i++)
			a[i] = ref[i] = rnd() % 200 - 100;	/* many duplicates */
		sort(a, n, sizeof(int), cmp_int, NULL);
		insertion_sort(ref, n);
		KUNIT_ASSERT_EQ_MSG(test, memcmp(a, ref, n * sizeof(int)), 0, "n = %zu", n);
	}
}

struct rec3 {
	u8 key;
	u8 pad[2];
};

struct rec24 {
	u64 key;
	u64 a, b;
};

static int cmp_rec3(const void *a, const void *b)
{
	return ((const struct rec3 *)a)->key - ((const struct rec3 *)b)->key;
}

static int cmp_rec24(const void *a, const void *b)
{
	u64 x = ((const struct rec24 *)a)->key, y = ((const struct rec24 *)b)->key;

	return x < y ? -1 : x > y;
}

static void sort_odd_and_wide_elements(struct kunit *test)
{
	struct rec3 r3[301];
	struct rec24 r24[300];
	int i;

	for (i = 0; i < 301; i++) {
		r3[i].key = rnd();
		r3[i].pad[0] = r3[i].key ^ 0x55;
		r3[i].pad[1] = r3[i].key ^ 0xaa;
	}
	sort(r3, 301, sizeof(r3[0]), cmp_rec3, NULL);
	for (i = 0; i < 301; i++) {
		if (i)
			KUNIT_ASSERT_LE(test, r3[i - 1].key, r3[i].key);
		/* Elements move whole. */
		KUNIT_ASSERT_EQ(test, r3[i].pad[0], (u8)(r3[i].key ^ 0x55));
		KUNIT_ASSERT_EQ(test, r3[i].pad[1], (u8)(r3[i].key ^ 0xaa));
	}

	for (i = 0; i < 300; i++) {
		r24[i].key = ((u64)rnd() << 32) | rnd();
		r24[i].a = ~r24[i].key;
		r24[i].b = r24[i].key * 3;
	}
	sort(r24, 300, sizeof(r24[0]), cmp_rec24, NULL);
	for (i = 0; i < 300; i++) {
		if (i)
			KUNIT_ASSERT_LE(test, r24[i - 1].key, r24[i].key);
		KUNIT_ASSERT_EQ(test, r24[i].a, ~r24[i].key);
		KUNIT_ASSERT_EQ(test, r24[i].b, r24[i].key * 3);
	}
}

static int swaps, bad_swap_sizes;

static void swap_int(void *a, void *b, int size)
{
	int t = *(int *)a;

	bad_swap_sizes += size != sizeof(int);
	*(int *)a = *(int *)b;
	*(int *)b = t;
	swaps++;
}

static int cmp_r(const void *a, const void *b, const void *priv)
{
	int r = cmp_int(a, b);

	return *(const bool *)priv ? -r : r;
}

static void sort_custom_swap_and_sort_r(struct kunit *test)
{
	int a[100], i;
	bool descending = true;

	for (i = 0; i < 100; i++)
		a[i] = rnd() % 1000;
	sort(a, 100, sizeof(int), cmp_int, swap_int);
	KUNIT_EXPECT_GT(test, swaps, 0);
	KUNIT_EXPECT_EQ(test, bad_swap_sizes, 0);
	for (i = 1; i < 100; i++)
		KUNIT_ASSERT_LE(test, a[i - 1], a[i]);

	sort_r(a, 100, sizeof(int), cmp_r, NULL, &descending);
	for (i = 1; i < 100; i++)
		KUNIT_ASSERT_GE(test, a[i - 1], a[i]);
}

static void sort_bsearch(struct kunit *test)
{
	int a[50], key, i;
	int *hit;

	for (i = 0; i < 50; i++)
		a[i] = i * 2;
	for (key = -1; key <= 100; key++) {
		hit = bsearch(&key, a, 50, sizeof(int), cmp_int);
		if (key >= 0 && key < 100 && key % 2 == 0)
			KUNIT_ASSERT_PTR_EQ_MSG(test, hit, &a[key / 2], "key %d", key);
		else
			KUNIT_ASSERT_NULL_MSG(test, hit, "key %d", key);
		KUNIT_ASSERT_PTR_EQ(test, __inline_bsearch(&key, a, 50, sizeof(int), cmp_int), hit);
	}
	KUNIT_ASSERT_NULL(test, bsearch(&key, a, 0, sizeof(int), cmp_int));
}

static struct kunit_case sort_cases[] = {
	KUNIT_CASE(sort_ints_against_a_reference),
	KUNIT_CASE(sort_odd_and_wide_elements),
	KUNIT_CASE(sort_custom_swap_and_sort_r),
	KUNIT_CASE(sort_bsearch),
	{}
};

static struct kunit_suite sort_suite = {
	.name = "ksim_sort",
	.test_cases = sort_cases,
};

kunit_test_suite(sort_suite);

MODULE_LICENSE("GPL");
