// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_timekeeping.c - kernel/time/timekeeping.c and the ktime_t
 * arithmetic of linux/ktime.h and linux/time64.h.
 */
#include <time.h>

#include "ktest.h"
#include "sim/host.h"

#include <linux/ktime.h>
#include <linux/timekeeping.h>

TestSuite(timekeeping, .init = ktest_boot, .fini = ktest_shutdown);

Test(timekeeping, monotonic_from_boot)
{
	ktime_t prev = ktime_get();
	int i;

	cr_assert_lt(prev, 60LL * NSEC_PER_SEC, "boot is time 0");
	for (i = 0; i < 10000; i++) {
		ktime_t now = ktime_get();

		cr_assert_geq(now, prev);
		prev = now;
	}
	ktest_sleep_ms(10);
	cr_assert_geq(ktime_ms_delta(ktime_get(), prev), 10);
	cr_assert_geq(ktime_get_boottime_ns(), (u64)prev);
	cr_assert_geq(ktime_get_mono_fast_ns(), (u64)prev);
}

Test(timekeeping, real_time_is_wall_clock)
{
	struct timespec64 ts;
	time64_t now = time(NULL);

	/* The deterministic backend's wall clock is virtual: 2026-01-01 at boot. */
	if (ksim_host->trace_hash)
		now = 1767225600 + ktime_get_seconds();
	ktime_get_real_ts64(&ts);
	cr_assert(ts.tv_sec - now < 2 && now - ts.tv_sec < 2);
	cr_assert(ktime_get_real_seconds() - now < 2 &&
		  now - ktime_get_real_seconds() < 2);
	cr_assert_lt(ts.tv_nsec, NSEC_PER_SEC);
}

Test(timekeeping, ktime_arithmetic)
{
	ktime_t a = ktime_set(1, 500);

	cr_assert_eq(a, 1000000500LL);
	cr_assert_eq(ktime_to_ms(ktime_add_ms(a, 20)), 1020);
	cr_assert_eq(ktime_to_us(ktime_add_us(a, 3)), 1000003);
	cr_assert_eq(ktime_us_delta(ktime_add_ns(a, 5000), a), 5);
	cr_assert_eq(ktime_sub_ns(a, 500), NSEC_PER_SEC);
	cr_assert(ktime_after(a, ktime_sub(a, 1)));
	cr_assert(ktime_before(a, ktime_add(a, 1)));
	cr_assert_eq(ktime_compare(a, a), 0);
	cr_assert_eq(ms_to_ktime(3), 3000000);
	cr_assert_eq(us_to_ktime(3), 3000);
	cr_assert_eq(ktime_set(KTIME_SEC_MAX, 0), KTIME_MAX);
}

Test(timekeeping, timespec64_conversions)
{
	struct timespec64 ts = ns_to_timespec64(-1);

	cr_assert_eq(ts.tv_sec, -1);
	cr_assert_eq(ts.tv_nsec, 999999999);
	ts = ns_to_timespec64(3 * NSEC_PER_SEC + 7);
	cr_assert_eq(ts.tv_sec, 3);
	cr_assert_eq(ts.tv_nsec, 7);
	cr_assert_eq(timespec64_to_ns(&ts), 3 * NSEC_PER_SEC + 7);
	cr_assert(timespec64_valid(&ts));
	ktime_get_ts64(&ts);
	cr_assert_lt(timespec64_to_ns(&ts), ktime_get() + 1);
}
