// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_random32.c - lib/random32.c: a seeded state replays the
 * same sequence, seeds differ, bytes come from the same stream
 * little-endian, and the generator passes a crude bit-balance check.
 */
#include "ktest.h"

#include <linux/prandom.h>
#include <linux/timex.h>
#include <linux/delay.h>

TestSuite(random32, .init = ktest_boot, .fini = ktest_shutdown);

Test(random32, same_seed_same_sequence)
{
	struct rnd_state a, b, c;
	int i, differ = 0;

	prandom_seed_state(&a, 42);
	prandom_seed_state(&b, 42);
	prandom_seed_state(&c, 43);
	for (i = 0; i < 100; i++) {
		u32 x = prandom_u32_state(&a);

		cr_assert_eq(x, prandom_u32_state(&b));
		differ += x != prandom_u32_state(&c);
	}
	cr_assert_gt(differ, 90);
}

Test(random32, seeding_keeps_components_valid)
{
	struct rnd_state s;

	prandom_seed_state(&s, 0);
	cr_assert_geq(s.s1, 2);
	cr_assert_geq(s.s2, 8);
	cr_assert_geq(s.s3, 16);
	cr_assert_geq(s.s4, 128);
}

Test(random32, bytes_follow_the_word_stream)
{
	struct rnd_state a, b;
	u8 buf[7];
	u32 w0, w1;

	prandom_seed_state(&a, 7);
	prandom_seed_state(&b, 7);
	prandom_bytes_state(&a, buf, sizeof(buf));
	w0 = prandom_u32_state(&b);
	w1 = prandom_u32_state(&b);
	cr_assert_eq(buf[0], w0 & 0xff);
	cr_assert_eq(buf[3], w0 >> 24);
	cr_assert_eq(buf[4], w1 & 0xff);
	cr_assert_eq(buf[6], (w1 >> 16) & 0xff);
}

Test(random32, bits_are_balanced)
{
	struct rnd_state s;
	unsigned long ones = 0;
	int i;

	prandom_seed_state(&s, 0x123456789abcdefull);
	for (i = 0; i < 10000; i++)
		ones += __builtin_popcount(prandom_u32_state(&s));
	/* 160000 expected; 5 sigma is about 1000. */
	cr_assert(ones > 159000 && ones < 161000, "ones=%lu", ones);
}

Test(random32, get_cycles_follows_the_clock)
{
	cycles_t a = get_cycles();

	msleep(2);
	cr_assert_geq(get_cycles() - a, 2000000);
}
