// SPDX-License-Identifier: GPL-2.0
/*
 * bitmap_kunit.c - lib/bitmap.c as a KUnit suite: ranges, queries that ignore
 * the bits past the end, logic operations, shifts, find_next_zero_area,
 * bitmap_parselist and printing, allocation.  (Formerly the Criterion suite
 * tests/unit/test_bitmap.c.)
 */
#include <asm/page.h>
#include <kunit/test.h>
#include <linux/bitmap.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

static bool ref_test(const unsigned long *bm, unsigned long bit)
{
	return bm[bit / BITS_PER_LONG] & (1UL << (bit % BITS_PER_LONG));
}

static void bitmap_test_set_and_clear_ranges(struct kunit *test)
{
	DECLARE_BITMAP(bm, 256);
	unsigned int start, len, i;

	for (start = 0; start < 140; start += 7) {
		for (len = 0; start + len <= 256 && len < 140; len += 11) {
			bitmap_zero(bm, 256);
			bitmap_set(bm, start, len);
			for (i = 0; i < 256; i++)
				KUNIT_ASSERT_EQ_MSG(test, ref_test(bm, i), i >= start && i < start + len, "set %u+%u bit %u", start, len, i);
			KUNIT_ASSERT_EQ(test, bitmap_weight(bm, 256), len);
			bitmap_fill(bm, 256);
			bitmap_clear(bm, start, len);
			for (i = 0; i < 256; i++)
				KUNIT_ASSERT_EQ_MSG(test, ref_test(bm, i), !(i >= start && i < start + len), "clear %u+%u bit %u", start, len, i);
		}
	}
}

static void bitmap_test_queries_ignore_bits_past_the_end(struct kunit *test)
{
	static const unsigned int widths[] = { 0, 1, 63, 64, 65, 129 };
	unsigned long a[3], b[3];
	unsigned int w, i;

	for (i = 0; i < ARRAY_SIZE(widths); i++) {
		w = widths[i];
		/* Garbage beyond w in both. */
		memset(a, 0xff, sizeof(a));
		memset(b, 0, sizeof(b));
		if (w)
			bitmap_clear(a, 0, w);
		KUNIT_ASSERT_TRUE_MSG(test, bitmap_empty(a, w), "width %u", w);
		KUNIT_ASSERT_TRUE_MSG(test, bitmap_equal(a, b, w), "width %u", w);
		KUNIT_ASSERT_EQ_MSG(test, bitmap_weight(a, w), 0, "width %u", w);
		KUNIT_ASSERT_FALSE_MSG(test, bitmap_intersects(a, a, w), "width %u", w);
		KUNIT_ASSERT_TRUE_MSG(test, bitmap_subset(a, b, w), "width %u", w);

		memset(a, 0, sizeof(a));
		if (w)
			bitmap_set(a, 0, w);
		KUNIT_ASSERT_TRUE_MSG(test, bitmap_full(a, w), "width %u", w);
		KUNIT_ASSERT_EQ_MSG(test, bitmap_weight(a, w), w, "width %u", w);
		KUNIT_ASSERT_EQ_MSG(test, bitmap_empty(a, w), w == 0, "width %u", w);
		if (w) {
			KUNIT_ASSERT_FALSE(test, bitmap_subset(a, b, w));
			KUNIT_ASSERT_TRUE(test, bitmap_subset(b, a, w));
			__set_bit(w - 1, b);
			KUNIT_ASSERT_TRUE(test, bitmap_intersects(a, b, w));
			KUNIT_ASSERT_FALSE(test, bitmap_equal(a, b, w) && w > 1);
		}
	}
}

static void bitmap_test_logic_ops(struct kunit *test)
{
	DECLARE_BITMAP(a, 65);
	DECLARE_BITMAP(b, 65);
	DECLARE_BITMAP(d, 65);

	bitmap_zero(a, 65);
	bitmap_zero(b, 65);
	__set_bit(0, a);
	__set_bit(64, a);
	__set_bit(64, b);
	__set_bit(3, b);
	KUNIT_ASSERT_TRUE(test, bitmap_and(d, a, b, 65));
	KUNIT_ASSERT_EQ(test, d[0], 0);
	KUNIT_ASSERT_EQ(test, d[1], 1);
	bitmap_or(d, a, b, 65);
	KUNIT_ASSERT_EQ(test, d[0], 9);
	bitmap_xor(d, a, b, 65);
	KUNIT_ASSERT_EQ(test, d[0], 9);
	KUNIT_ASSERT_EQ(test, d[1] & 1, 0);
	KUNIT_ASSERT_TRUE(test, bitmap_andnot(d, a, b, 65));
	KUNIT_ASSERT_EQ(test, d[0], 1);
	KUNIT_ASSERT_EQ(test, d[1], 0);
	/* and/andnot report only bits below the width. */
	a[1] = 2;
	b[1] = 2;
	a[0] = b[0] = 0;
	KUNIT_ASSERT_FALSE(test, bitmap_and(d, a, b, 65));
	KUNIT_ASSERT_EQ_MSG(test, d[1], 0, "the tail is cleared");
	bitmap_complement(d, a, 65);
	KUNIT_ASSERT_EQ(test, bitmap_weight(d, 65), 65);
	bitmap_copy(d, b, 65);
	KUNIT_ASSERT_TRUE(test, bitmap_equal(d, b, 65));
}

static void ref_shift(unsigned long *dst, const unsigned long *src, int shift,
		      unsigned int nbits)
{
	unsigned long tmp[4] = { 0 };
	unsigned int i;

	for (i = 0; i < nbits; i++) {
		int from = (int)i - shift;

		if (from >= 0 && from < (int)nbits && ref_test(src, from))
			tmp[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
	}
	memcpy(dst, tmp, sizeof(tmp));
}

static void bitmap_test_shifts(struct kunit *test)
{
	static const unsigned int widths[] = { 1, 63, 64, 65, 130, 256 };
	unsigned long src[4], got[4], want[4];
	u64 x = 88172645463325252ULL;
	unsigned int w, i, shift;

	for (w = 0; w < ARRAY_SIZE(widths); w++) {
		unsigned int nbits = widths[w];

		for (shift = 0; shift <= nbits + 1; shift += (nbits > 70 ? 7 : 1)) {
			for (i = 0; i < 4; i++) {
				x ^= x << 13;
				x ^= x >> 7;
				x ^= x << 17;
				src[i] = x;
			}
			ref_shift(want, src, -(int)shift, nbits);
			memcpy(got, src, sizeof(got));
			bitmap_shift_right(got, got, shift, nbits);
			for (i = 0; i < nbits; i++)
				KUNIT_ASSERT_EQ_MSG(test, ref_test(got, i), ref_test(want, i), "right %u of %u: bit %u", shift, nbits, i);
			ref_shift(want, src, shift, nbits);
			memcpy(got, src, sizeof(got));
			bitmap_shift_left(got, got, shift, nbits);
			for (i = 0; i < nbits; i++)
				KUNIT_ASSERT_EQ_MSG(test, ref_test(got, i), ref_test(want, i), "left %u of %u: bit %u", shift, nbits, i);
		}
	}
}

static void bitmap_test_find_next_zero_area(struct kunit *test)
{
	DECLARE_BITMAP(bm, 128);

	bitmap_zero(bm, 128);
	bitmap_set(bm, 0, 3);
	bitmap_set(bm, 6, 1);
	/* 3 free bits: 3..5. */
	KUNIT_ASSERT_EQ(test, bitmap_find_next_zero_area(bm, 128, 0, 3, 0), 3);
	/* 4 free bits: the gap at 3..5 is too small. */
	KUNIT_ASSERT_EQ(test, bitmap_find_next_zero_area(bm, 128, 0, 4, 0), 7);
	/* Aligned to 8. */
	KUNIT_ASSERT_EQ(test, bitmap_find_next_zero_area(bm, 128, 0, 2, 7), 8);
	/* With an offset: index + 1 aligned to 4. */
	KUNIT_ASSERT_EQ(test, bitmap_find_next_zero_area_off(bm, 128, 0, 2, 3, 1), 3);
	/* Nothing fits: an index past size - nr. */
	KUNIT_ASSERT_GT(test, bitmap_find_next_zero_area(bm, 128, 0, 200, 0), 128);
	bitmap_fill(bm, 128);
	KUNIT_ASSERT_GT(test, bitmap_find_next_zero_area(bm, 128, 0, 1, 0), 127);
}

static void bitmap_test_parselist_and_print(struct kunit *test)
{
	DECLARE_BITMAP(bm, 64);
	char *page;

	KUNIT_ASSERT_EQ(test, bitmap_parselist("0-3,8,16-31:2/4", bm, 64), 0);
	KUNIT_ASSERT_EQ(test, bm[0], 0x33330000UL | 0x10f);
	KUNIT_ASSERT_EQ(test, bitmap_parselist("N", bm, 64), 0);
	KUNIT_ASSERT_EQ(test, bm[0], 1UL << 63);
	KUNIT_ASSERT_EQ(test, bitmap_parselist("", bm, 64), 0);
	KUNIT_ASSERT_EQ(test, bm[0], 0);
	KUNIT_ASSERT_EQ(test, bitmap_parselist("5\n", bm, 64), 0);
	KUNIT_ASSERT_EQ(test, bm[0], 32);
	KUNIT_ASSERT_EQ(test, bitmap_parselist("64", bm, 64), -ERANGE);
	KUNIT_ASSERT_EQ(test, bitmap_parselist("3-1", bm, 64), -EINVAL);
	KUNIT_ASSERT_EQ(test, bitmap_parselist("x", bm, 64), -EINVAL);
	KUNIT_ASSERT_EQ(test, bitmap_parselist("1,,2", bm, 64), -EINVAL);

	page = kmalloc(PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	bitmap_zero(bm, 64);
	bitmap_set(bm, 2, 3);
	KUNIT_ASSERT_EQ(test, bitmap_print_to_pagebuf(true, page, bm, 64), 4);
	KUNIT_ASSERT_STREQ(test, page, "2-4\n");
	KUNIT_ASSERT_EQ(test, bitmap_print_to_pagebuf(false, page, bm, 40), 12);
	KUNIT_ASSERT_STREQ(test, page, "00,0000001c\n");
	kfree(page);
}

static void bitmap_test_alloc_and_arrays(struct kunit *test)
{
	unsigned long *bm = bitmap_zalloc(1000, GFP_KERNEL);
	unsigned long *raw = bitmap_alloc(65, GFP_KERNEL);
	u32 arr[3] = { 0xffffffff, 0x1, 0xdeadbeef };
	DECLARE_BITMAP(b, 70);

	KUNIT_ASSERT_NOT_NULL(test, bm);
	KUNIT_ASSERT_NOT_NULL(test, raw);
	KUNIT_ASSERT_TRUE(test, bitmap_empty(bm, 1000));
	bitmap_set(bm, 990, 10);
	KUNIT_ASSERT_EQ(test, find_first_bit(bm, 1000), 990);
	bitmap_free(bm);
	bitmap_free(raw);
	bitmap_free(NULL);

	bitmap_from_arr32(b, arr, 70);
	KUNIT_ASSERT_EQ(test, b[0], 0x1ffffffffUL);
	KUNIT_ASSERT_EQ_MSG(test, b[1], 0x2fUL, "bits past 70 dropped");
	memset(arr, 0, sizeof(arr));
	bitmap_to_arr32(arr, b, 70);
	KUNIT_ASSERT_EQ(test, arr[0], 0xffffffff);
	KUNIT_ASSERT_EQ(test, arr[1], 1);
	KUNIT_ASSERT_EQ(test, arr[2], 0x2f);
}

static struct kunit_case bitmap_test_cases[] = {
	KUNIT_CASE(bitmap_test_set_and_clear_ranges),
	KUNIT_CASE(bitmap_test_queries_ignore_bits_past_the_end),
	KUNIT_CASE(bitmap_test_logic_ops),
	KUNIT_CASE(bitmap_test_shifts),
	KUNIT_CASE(bitmap_test_find_next_zero_area),
	KUNIT_CASE(bitmap_test_parselist_and_print),
	KUNIT_CASE(bitmap_test_alloc_and_arrays),
	{}
};

static struct kunit_suite bitmap_test_suite = {
	.name = "ksim_bitmap",
	.test_cases = bitmap_test_cases,
};

kunit_test_suite(bitmap_test_suite);

MODULE_LICENSE("GPL");
