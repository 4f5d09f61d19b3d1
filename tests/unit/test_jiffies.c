// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_jiffies.c - kernel/time/jiffies.c and linux/jiffies.h:
 * conversions round as the kernel's do, comparisons survive the wrap, and
 * jiffies follows the clock from INITIAL_JIFFIES.
 */
#include "ktest.h"

#include <linux/jiffies.h>
#include <linux/ktime.h>

TestSuite(time_jiffies, .init = ktest_boot, .fini = ktest_shutdown);

Test(time_jiffies, hz_is_250)
{
	cr_assert_eq(HZ, 250);
	cr_assert_eq(TICK_NSEC, 4000000);
}

Test(time_jiffies, msecs_round_up)
{
	cr_assert_eq(msecs_to_jiffies(0), 0);
	cr_assert_eq(msecs_to_jiffies(1), 1);
	cr_assert_eq(msecs_to_jiffies(4), 1);
	cr_assert_eq(msecs_to_jiffies(5), 2);
	cr_assert_eq(msecs_to_jiffies(1000), HZ);
	cr_assert_eq(msecs_to_jiffies(-1), MAX_JIFFY_OFFSET);
}

Test(time_jiffies, usecs_and_nsecs)
{
	cr_assert_eq(usecs_to_jiffies(1), 1);
	cr_assert_eq(usecs_to_jiffies(4000), 1);
	cr_assert_eq(usecs_to_jiffies(4001), 2);
	cr_assert_eq(usecs_to_jiffies(-1), MAX_JIFFY_OFFSET);
	/* nsecs round down, as nsecs_to_jiffies64 does */
	cr_assert_eq(nsecs_to_jiffies(3999999), 0);
	cr_assert_eq(nsecs_to_jiffies(4000000), 1);
	cr_assert_eq(jiffies_to_msecs(1), 4);
	cr_assert_eq(jiffies_to_msecs(HZ), 1000);
	cr_assert_eq(jiffies_to_usecs(HZ), 1000000);
	cr_assert_eq(jiffies_to_nsecs(3), 12000000);
}

Test(time_jiffies, starts_at_initial_jiffies)
{
	unsigned long j = jiffies;

	cr_assert_eq(INITIAL_JIFFIES, 0xfffedb08UL);
	/* Five minutes after boot the low 32 bits wrap. */
	cr_assert_eq((u32)(INITIAL_JIFFIES + 300 * HZ), 0);
	cr_assert(time_after_eq(j, INITIAL_JIFFIES));
	cr_assert(time_before(j, INITIAL_JIFFIES + 60 * HZ), "jiffies %lx", j);
	{
		u64 before = get_jiffies_64();
		u64 from_ktime = (u64)INITIAL_JIFFIES + ktime_get_ns() / TICK_NSEC;
		u64 after = get_jiffies_64();

		cr_assert(before <= from_ktime && from_ktime <= after,
			  "jiffies_64 follows ktime");
	}
}

Test(time_jiffies, comparisons_across_wrap)
{
	unsigned long a = ULONG_MAX - 10;
	unsigned long b = a + 20;	/* wrapped to 9 */
	u64 a64 = U64_MAX - 1, b64 = a64 + 3;

	cr_assert_lt(b, a);
	cr_assert(time_after(b, a));
	cr_assert(!time_after(a, b));
	cr_assert(time_before(a, b));
	cr_assert(time_after_eq(b, b));
	cr_assert(time_before_eq(a, b));
	cr_assert(time_in_range(a + 15, a, b));
	cr_assert(!time_in_range_open(b, a, b));
	cr_assert(time_after64(b64, a64));
	cr_assert(time_before64(a64, b64));
}

Test(time_jiffies, advances_with_time)
{
	unsigned long j0 = jiffies;

	ktest_sleep_ms(40);
	cr_assert_geq(jiffies - j0, 9, "40 ms is 10 jiffies, got %lu", jiffies - j0);
	cr_assert(time_is_before_jiffies(j0));
	cr_assert(time_is_after_jiffies(jiffies + HZ));
	cr_assert(time_is_after_eq_jiffies(jiffies + 1));
}

Test(time_jiffies, round_jiffies_whole_seconds)
{
	unsigned long r = round_jiffies(jiffies + 3 * HZ + 1);

	cr_assert_eq(r % HZ, 0);
	cr_assert(time_after(r, jiffies));
	cr_assert_eq(round_jiffies_up(jiffies + 2 * HZ) % HZ, 0);
}
