// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_bitops.c - lib/find_bit.c and the header-only helpers
 * next to it: bitops, bits, bitfield, log2, overflow, byte order and
 * unaligned access.  Bitmap searches are checked at the edge widths 0, 1,
 * 63, 64, 65 and 129 against a bit-by-bit reference.
 */
#include "ktest.h"

#include <string.h>

#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/bitmap.h>
#include <linux/bitfield.h>
#include <linux/log2.h>
#include <linux/overflow.h>
#include <linux/swab.h>
#include <asm/byteorder.h>
#include <asm/unaligned.h>

TestSuite(bitops, .init = ktest_boot, .fini = ktest_shutdown);

Test(bitops, atomic_and_plain_bit_ops)
{
	DECLARE_BITMAP(bm, 130) = { 0 };

	set_bit(63, bm);
	set_bit(64, bm);
	cr_assert_eq(bm[0], 1UL << 63);
	cr_assert_eq(bm[1], 1UL);
	cr_assert(test_bit(64, bm));
	cr_assert_not(test_bit(65, bm));
	cr_assert(test_and_clear_bit(64, bm));
	cr_assert_not(test_and_clear_bit(64, bm));
	cr_assert_not(test_and_set_bit(129, bm));
	cr_assert(test_and_set_bit(129, bm));
	cr_assert_eq(bm[2], 2UL);
	change_bit(0, bm);
	cr_assert(test_bit(0, bm));
	cr_assert(test_and_change_bit(0, bm));
	cr_assert_not(test_bit(0, bm));
	clear_bit(63, bm);
	cr_assert_eq(bm[0], 0);

	__set_bit(5, bm);
	cr_assert(__test_and_set_bit(5, bm));
	cr_assert(__test_and_clear_bit(5, bm));
	cr_assert_not(__test_and_clear_bit(5, bm));
	__change_bit(70, bm);
	cr_assert_eq(bm[1], 1UL << 6);
	__clear_bit(70, bm);
	cr_assert_eq(bm[1], 0);
	assign_bit(3, bm, true);
	cr_assert(test_bit(3, bm));
	__assign_bit(3, bm, false);
	cr_assert_not(test_bit(3, bm));
	cr_assert_not(test_and_set_bit_lock(7, bm));
	clear_bit_unlock(7, bm);
	cr_assert_not(test_bit(7, bm));
}

Test(bitops, word_searches)
{
	cr_assert_eq(ffs(0), 0);
	cr_assert_eq(ffs(1), 1);
	cr_assert_eq(ffs(0x80000000), 32);
	cr_assert_eq(fls(0), 0);
	cr_assert_eq(fls(1), 1);
	cr_assert_eq(fls(0x80000000), 32);
	cr_assert_eq(fls64(0), 0);
	cr_assert_eq(fls64(1ULL << 63), 64);
	cr_assert_eq(__ffs(0x10), 4);
	cr_assert_eq(__fls(0x10), 4);
	cr_assert_eq(__fls(~0UL), 63);
	cr_assert_eq(__ffs64(1ULL << 40), 40);
	cr_assert_eq(ffz(0xffUL), 8);
	cr_assert_eq(hweight8(0x1ff), 8);
	cr_assert_eq(hweight16(0x1ffff), 16);
	cr_assert_eq(hweight32(0xf0f0f0f0), 16);
	cr_assert_eq(hweight64(~0ULL), 64);
	cr_assert_eq(hweight_long(5), 2);
	cr_assert_eq(rol32(0x80000001, 1), 3);
	cr_assert_eq(ror32(3, 1), 0x80000001);
	cr_assert_eq(rol64(1ULL << 63, 1), 1);
	cr_assert_eq(ror8(1, 1), 0x80);
	cr_assert_eq(rol16(0x8001, 4), 0x0018);
	cr_assert_eq(rol32(0x12345678, 0), 0x12345678);
	cr_assert_eq(sign_extend32(0x80, 7), -128);
	cr_assert_eq(sign_extend32(0x7f, 7), 127);
	cr_assert_eq(sign_extend64(0xfffffULL, 19), -1);
	cr_assert_eq(get_count_order(1), 0);
	cr_assert_eq(get_count_order(5), 3);
	cr_assert_eq(get_count_order(8), 3);
}

Test(bitops, masks_and_fields)
{
	u32 reg = 0;

	cr_assert_eq(BIT(0), 1UL);
	cr_assert_eq(BIT_ULL(63), 0x8000000000000000ULL);
	cr_assert_eq(BIT_WORD(64), 1);
	cr_assert_eq(BIT_MASK(65), 2UL);
	cr_assert_eq(GENMASK(7, 4), 0xf0UL);
	cr_assert_eq(GENMASK(63, 0), ~0UL);
	cr_assert_eq(GENMASK(63, 63), 1UL << 63);
	cr_assert_eq(GENMASK_ULL(39, 32), 0xff00000000ULL);
	cr_assert_eq(BITS_TO_LONGS(0), 0);
	cr_assert_eq(BITS_TO_LONGS(64), 1);
	cr_assert_eq(BITS_TO_LONGS(65), 2);

	cr_assert_eq(FIELD_PREP(GENMASK(6, 4), 5), 0x50);
	cr_assert_eq(FIELD_GET(GENMASK(6, 4), 0xd5), 5);
	cr_assert_eq(FIELD_MAX(GENMASK(6, 4)), 7);
	cr_assert(FIELD_FIT(GENMASK(6, 4), 7));
	cr_assert_not(FIELD_FIT(GENMASK(6, 4), 8));
	cr_assert_eq(FIELD_GET(GENMASK_ULL(63, 60), 0xa000000000000000ULL), 0xa);

	cr_assert_eq(u32_encode_bits(3, 0x0c), 0x0c);
	cr_assert_eq(u32_encode_bits(7, 0x0c), 0x0c, "excess bits are dropped");
	cr_assert_eq(u32_get_bits(0xabcd, 0xf00), 0xb);
	cr_assert_eq(u64_get_bits(0xab00000000ULL, 0xff00000000ULL), 0xab);
	reg = u32_replace_bits(0xffffffff, 0, 0xf0);
	cr_assert_eq(reg, 0xffffff0f);
	u32p_replace_bits(&reg, 0xa, 0xf0);
	cr_assert_eq(reg, 0xffffffaf);
	cr_assert_eq(le32_encode_bits(1, 0x100), cpu_to_le32(0x100));
	cr_assert_eq(be16_get_bits(cpu_to_be16(0x0f00), 0x0f00), 0xf);
}

Test(bitops, log2)
{
	unsigned long v;
	u64 big = 1ULL << 40;

	cr_assert_eq(ilog2(1), 0);
	cr_assert_eq(ilog2(4096), 12);
	cr_assert_eq(ilog2(4097), 12);
	v = 4097;
	cr_assert_eq(ilog2(v), 12);
	cr_assert_eq(ilog2(big), 40);
	cr_assert_eq(const_ilog2(1ULL << 50), 50);
	cr_assert_eq(roundup_pow_of_two(5), 8);
	cr_assert_eq(roundup_pow_of_two(1), 1);
	v = 0x1001;
	cr_assert_eq(roundup_pow_of_two(v), 0x2000);
	cr_assert_eq(rounddown_pow_of_two(v), 0x1000);
	cr_assert_eq(rounddown_pow_of_two(0x1001), 0x1000);
	cr_assert(is_power_of_2(64));
	cr_assert_not(is_power_of_2(0));
	cr_assert_not(is_power_of_2(65));
	cr_assert_eq(order_base_2(0), 0);
	cr_assert_eq(order_base_2(1), 0);
	cr_assert_eq(order_base_2(2), 1);
	cr_assert_eq(order_base_2(5), 3);
	v = 4096;
	cr_assert_eq(order_base_2(v), 12);
	v = 4097;
	cr_assert_eq(order_base_2(v), 13);
	cr_assert_eq(bits_per(255), 8);
	cr_assert_eq(bits_per(256), 9);
}

struct flex {
	int n;
	u64 items[];
};

Test(bitops, overflow)
{
	u8 r8;
	int ri;
	size_t rs;
	size_t huge = SIZE_MAX / 2;
	struct flex *f = NULL;

	cr_assert(check_add_overflow((u8)200, (u8)100, &r8));
	cr_assert_eq(r8, 44);
	cr_assert_not(check_add_overflow((u8)100, (u8)100, &r8));
	cr_assert_eq(r8, 200);
	cr_assert(check_sub_overflow(0, 1, &ri) == false && ri == -1);
	cr_assert(check_sub_overflow(INT_MIN, 1, &ri));
	cr_assert(check_mul_overflow(huge, (size_t)3, &rs));
	cr_assert_not(check_mul_overflow((size_t)3, (size_t)5, &rs));
	cr_assert_eq(rs, 15);

	{
		u32 r32;
		int shift = -1;

		cr_assert_not(check_shl_overflow(1U, 31, &r32));
		cr_assert_eq(r32, 1U << 31);
		cr_assert(check_shl_overflow(1U, 32, &r32), "a shift the type cannot hold");
		cr_assert(check_shl_overflow(1U, 49, &r32));
		cr_assert(check_shl_overflow(1U, 200, &r32), "no undefined shift either");
		cr_assert(check_shl_overflow(3U, 31, &r32), "a bit shifted out");
		cr_assert(check_shl_overflow(1U, shift, &r32), "a negative shift");
		cr_assert(check_shl_overflow(-1, 1, &ri), "a negative value");
		cr_assert_not(check_shl_overflow(1, 30, &ri));
		cr_assert(check_shl_overflow(1, 31, &ri), "into the sign bit");
	}

	cr_assert_eq(size_mul(SIZE_MAX, 2), SIZE_MAX);
	cr_assert_eq(size_add(SIZE_MAX, 1), SIZE_MAX);
	cr_assert_eq(size_sub(1, 2), SIZE_MAX);
	cr_assert_eq(size_sub(SIZE_MAX, 1), SIZE_MAX, "saturated sizes stay saturated");
	cr_assert_eq(array_size(3, 4), 12);
	cr_assert_eq(array_size(huge, 3), SIZE_MAX);
	cr_assert_eq(array3_size(2, 3, 4), 24);
	cr_assert_eq(struct_size(f, items, 4), sizeof(*f) + 4 * sizeof(u64));
	rs = 4;
	cr_assert_eq(struct_size(f, items, rs), sizeof(*f) + 4 * sizeof(u64));
	rs = SIZE_MAX / 4;
	cr_assert_eq(struct_size(f, items, rs), SIZE_MAX);
	cr_assert_eq(flex_array_size(f, items, 3), 24);
	cr_assert_eq(type_max(s8), 127);
	cr_assert_eq(type_min(s16), -32768);
	cr_assert_eq(type_max(u32), UINT_MAX);
}

Test(bitops, byte_order_and_unaligned)
{
	u8 buf[16];
	u32 v32 = 0x12345678;

	cr_assert_eq(cpu_to_be32(0x12345678), 0x78563412);
	cr_assert_eq(be32_to_cpu(0x78563412), 0x12345678);
	cr_assert_eq(cpu_to_le32(0x12345678), 0x12345678);
	cr_assert_eq(cpu_to_be16(0x1234), 0x3412);
	cr_assert_eq(cpu_to_be64(0x0102030405060708ULL), 0x0807060504030201ULL);
	cr_assert_eq(swab16(0xabcd), 0xcdab);
	cr_assert_eq(swab32(0x11223344), 0x44332211);
	cr_assert_eq(swahw32(0x11223344), 0x33441122);
	cr_assert_eq(be32_to_cpup((__be32 *)&v32), 0x78563412);
	be32_to_cpus(&v32);
	cr_assert_eq(v32, 0x78563412);

	memset(buf, 0, sizeof(buf));
	put_unaligned_le32(0xa1b2c3d4, buf + 1);
	cr_assert_eq(buf[1], 0xd4);
	cr_assert_eq(buf[4], 0xa1);
	cr_assert_eq(get_unaligned_le32(buf + 1), 0xa1b2c3d4);
	cr_assert_eq(get_unaligned_be32(buf + 1), 0xd4c3b2a1);
	put_unaligned_be16(0x1234, buf + 7);
	cr_assert_eq(buf[7], 0x12);
	cr_assert_eq(get_unaligned_le16(buf + 7), 0x3412);
	put_unaligned_be64(0x0102030405060708ULL, buf + 3);
	cr_assert_eq(buf[3], 1);
	cr_assert_eq(get_unaligned_le64(buf + 3), 0x0807060504030201ULL);
	put_unaligned(0xdeadbeefU, (u32 *)(buf + 5));
	cr_assert_eq(get_unaligned((u32 *)(buf + 5)), 0xdeadbeef);
	put_unaligned_be24(0x123456, buf);
	cr_assert_eq(get_unaligned_be24(buf), 0x123456);
	cr_assert_eq(get_unaligned_le24(buf), 0x563412);
	put_unaligned_be48(0x0a0b0c0d0e0fULL, buf);
	cr_assert_eq(get_unaligned_be48(buf), 0x0a0b0c0d0e0fULL);
}

/* Reference: the first bit >= @start with value @val, or @size. */
static unsigned long ref_find(const unsigned long *bm, unsigned long size,
			      unsigned long start, bool val)
{
	unsigned long i;

	for (i = start; i < size; i++)
		if (!!(bm[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG))) == val)
			return i;
	return size;
}

static unsigned long ref_last(const unsigned long *bm, unsigned long size)
{
	unsigned long i;

	for (i = size; i-- > 0;)
		if (bm[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG)))
			return i;
	return size;
}

static void check_searches(const unsigned long *bm, unsigned long size)
{
	unsigned long off;

	cr_assert_eq(find_first_bit(bm, size), ref_find(bm, size, 0, true), "size %lu", size);
	cr_assert_eq(find_first_zero_bit(bm, size), ref_find(bm, size, 0, false), "size %lu", size);
	cr_assert_eq(find_last_bit(bm, size), ref_last(bm, size), "size %lu", size);
	for (off = 0; off <= size + 1; off++) {
		cr_assert_eq(find_next_bit(bm, size, off), ref_find(bm, size, off, true),
			     "size %lu off %lu", size, off);
		cr_assert_eq(find_next_zero_bit(bm, size, off), ref_find(bm, size, off, false),
			     "size %lu off %lu", size, off);
	}
}

Test(bitops, find_bit_edge_widths)
{
	static const unsigned long sizes[] = { 0, 1, 63, 64, 65, 129, 192 };
	unsigned long bm[4], i;
	unsigned int s, round;
	u64 x = 0x9e3779b97f4a7c15ULL;

	for (s = 0; s < ARRAY_SIZE(sizes); s++) {
		unsigned long size = sizes[s];

		/* Empty, full, garbage past the end, then random patterns. */
		memset(bm, 0, sizeof(bm));
		check_searches(bm, size);
		memset(bm, 0xff, sizeof(bm));
		check_searches(bm, size);
		memset(bm, 0, sizeof(bm));
		bm[3] = ~0UL;
		bm[2] = ~0UL << 2;
		bm[1] = 1UL << 63 | 1UL << 1;
		check_searches(bm, size);
		for (round = 0; round < 20; round++) {
			for (i = 0; i < 4; i++) {
				x ^= x << 13;
				x ^= x >> 7;
				x ^= x << 17;
				bm[i] = x & (round & 1 ? x >> 3 : ~0UL);
			}
			check_searches(bm, size);
		}
	}

	/* Only bits beyond the size are set: nothing is found. */
	memset(bm, 0, sizeof(bm));
	__set_bit(65, bm);
	cr_assert_eq(find_first_bit(bm, 65), 65);
	cr_assert_eq(find_last_bit(bm, 65), 65);
	cr_assert_eq(find_next_bit(bm, 65, 64), 65);
	cr_assert_eq(find_next_bit(bm, 66, 64), 65);
	__set_bit(64, bm);
	cr_assert_eq(find_next_bit(bm, 65, 64), 64);
	cr_assert_eq(find_last_bit(bm, 65), 64);
}

Test(bitops, find_and_nth_and_iterators)
{
	DECLARE_BITMAP(a, 130) = { 0 };
	DECLARE_BITMAP(b, 130) = { 0 };
	unsigned long bit, count = 0, expect[] = { 1, 64, 65, 129 };
	unsigned long start, stop;

	for (bit = 0; bit < ARRAY_SIZE(expect); bit++)
		__set_bit(expect[bit], a);
	for_each_set_bit(bit, a, 130) {
		cr_assert_eq(bit, expect[count]);
		count++;
	}
	cr_assert_eq(count, 4);
	count = 0;
	for_each_clear_bit(bit, a, 130)
		count++;
	cr_assert_eq(count, 126);
	bit = 65;
	count = 0;
	for_each_set_bit_from(bit, a, 130)
		count++;
	cr_assert_eq(count, 2);

	cr_assert_eq(find_nth_bit(a, 130, 0), 1);
	cr_assert_eq(find_nth_bit(a, 130, 2), 65);
	cr_assert_eq(find_nth_bit(a, 130, 3), 129);
	cr_assert_eq(find_nth_bit(a, 130, 4), 130);
	cr_assert_eq(find_nth_bit(a, 129, 3), 129);

	__set_bit(65, b);
	__set_bit(129, b);
	cr_assert_eq(find_first_and_bit(a, b, 130), 65);
	cr_assert_eq(find_next_and_bit(a, b, 130, 66), 129);
	cr_assert_eq(find_next_and_bit(a, b, 129, 66), 129);

	count = 0;
	for_each_set_bitrange(start, stop, a, 130) {
		if (count == 1) {
			cr_assert_eq(start, 64);
			cr_assert_eq(stop, 66);
		}
		count++;
	}
	cr_assert_eq(count, 3);
}
