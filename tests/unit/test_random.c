// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_random.c - lib/random.c: ranges, coverage, bytes, and
 * replay: the numbers come from the host's seeded generator.
 */
#include "ktest.h"

#include <string.h>

#include <linux/kernel.h>
#include <linux/random.h>

TestSuite(random, .init = ktest_boot, .fini = ktest_shutdown);

Test(random, below_stays_in_range_and_covers_it)
{
	unsigned int hits[10] = { 0 };
	int i;

	for (i = 0; i < 10000; i++) {
		u32 v = get_random_u32_below(10);

		cr_assert_lt(v, 10);
		hits[v]++;
	}
	for (i = 0; i < 10; i++)
		cr_assert_gt(hits[i], 500, "value %d drawn %u times in 10000", i, hits[i]);
	cr_assert_eq(get_random_u32_below(0), 0);
	cr_assert_eq(get_random_u32_below(1), 0);
	for (i = 0; i < 1000; i++) {
		u32 v = get_random_u32_inclusive(5, 7);

		cr_assert(v >= 5 && v <= 7);
		cr_assert_gt(get_random_u32_above(0xfffffff0), 0xfffffff0);
		cr_assert_lt(prandom_u32_max(3), 3);
	}
}

Test(random, bytes_and_widths)
{
	u8 buf[37], zero[37] = { 0 };
	u64 or = 0;
	int i;

	memset(buf, 0, sizeof(buf));
	get_random_bytes(buf, sizeof(buf));
	cr_assert_neq(memcmp(buf, zero, sizeof(buf)), 0);
	/* The odd tail is written too. */
	cr_assert_neq(memcmp(buf + 32, zero, 5), 0);
	for (i = 0; i < 64; i++)
		or |= get_random_u64();
	cr_assert_eq(or, ~0ULL, "64 draws should set every bit");
	for (i = 0, or = 0; i < 64; i++)
		or |= get_random_u32() | get_random_u16() | get_random_u8() |
		      get_random_int() | get_random_long();
	cr_assert_gt(or, 0);
}

Test(random, seed_replays_the_sequence)
{
	u64 first[8];
	int i;

	/* ktest boots every test with the same seed: reboot and compare. */
	for (i = 0; i < 8; i++)
		first[i] = get_random_u64();
	ksim_kernel_shutdown();
	ktest_boot();
	for (i = 0; i < 8; i++)
		cr_assert_eq(get_random_u64(), first[i], "draw %d differs after reboot", i);
}
