// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_percpu.c - mm/percpu.c and linux/percpu.h: static and
 * dynamic per-CPU variables have one independent zeroed copy per CPU,
 * this_cpu_* ops land on the current CPU's copy (members included), and
 * the pool reuses freed space and refuses what cannot fit.
 */
#include "ktest.h"

#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/cpumask.h>

TestSuite(percpu, .init = ktest_boot, .fini = ktest_shutdown);

struct stats {
	u64 packets;
	u64 bytes;
};

static DEFINE_PER_CPU(struct stats, test_stats);
DEFINE_PER_CPU(int, test_counter);

Test(percpu, static_copies_are_independent)
{
	int cpu, me = smp_processor_id();
	u64 sum = 0;

	cr_assert_gt(nr_cpu_ids, 1);
	for_each_possible_cpu(cpu)
		per_cpu(test_stats, cpu).bytes = 100 + cpu;
	this_cpu_inc(test_stats.packets);
	this_cpu_add(test_stats.bytes, 5);
	for_each_possible_cpu(cpu) {
		cr_assert_eq(per_cpu(test_stats, cpu).packets, cpu == me);
		sum += per_cpu_ptr(&test_stats, cpu)->bytes;
	}
	cr_assert_eq(this_cpu_read(test_stats.bytes), 105 + me);
	cr_assert_eq(&test_stats, per_cpu_ptr(&test_stats, 0));
	(void)sum;
}

Test(percpu, accessors)
{
	int old;

	this_cpu_write(test_counter, 7);
	cr_assert_eq(this_cpu_read(test_counter), 7);
	cr_assert_eq(this_cpu_inc_return(test_counter), 8);
	cr_assert_eq(this_cpu_dec_return(test_counter), 7);
	old = this_cpu_xchg(test_counter, 3);
	cr_assert_eq(old, 7);
	cr_assert_eq(this_cpu_cmpxchg(test_counter, 3, 4), 3);
	cr_assert_eq(this_cpu_cmpxchg(test_counter, 3, 5), 4);
	cr_assert_eq(__this_cpu_read(test_counter), 4);
	cr_assert_eq(*this_cpu_ptr(&test_counter), 4);
	cr_assert_eq(*get_cpu_ptr(&test_counter), 4);
	put_cpu_ptr(&test_counter);
}

Test(percpu, alloc_is_zeroed_per_cpu_and_freed)
{
	struct stats __percpu *s = alloc_percpu(struct stats);
	struct stats __percpu *t;
	u64 total = 0;
	int cpu;

	cr_assert_not_null(s);
	for_each_possible_cpu(cpu) {
		cr_assert_eq(per_cpu_ptr(s, cpu)->packets, 0);
		per_cpu_ptr(s, cpu)->packets = cpu + 1;
	}
	this_cpu_ptr(s)->bytes = 9;
	for_each_possible_cpu(cpu)
		total += per_cpu_ptr(s, cpu)->packets;
	cr_assert_eq(total, nr_cpu_ids * (nr_cpu_ids + 1) / 2);
	free_percpu(s);
	/* The freed space comes back, zeroed again. */
	t = alloc_percpu(struct stats);
	cr_assert_eq(t, s);
	for_each_possible_cpu(cpu)
		cr_assert_eq(per_cpu_ptr(t, cpu)->packets, 0);
	free_percpu(t);
	free_percpu(NULL);
}

Test(percpu, alignment_and_exhaustion)
{
	void __percpu *a = __alloc_percpu(8, 8);
	void __percpu *b = __alloc_percpu(64, 64);
	void __percpu *big;

	cr_assert_not_null(a);
	cr_assert_not_null(b);
	cr_assert_eq((unsigned long)b % 64, 0);
	cr_assert_neq(a, b);
	/* Larger than a unit: refused with a warning. */
	big = __alloc_percpu(KSIM_PERCPU_UNIT + 1, 8);
	cr_assert_null(big);
	/* The whole unit cannot be had while a and b hold part of it. */
	cr_assert_null(__alloc_percpu(KSIM_PERCPU_UNIT, 8));
	free_percpu(a);
	free_percpu(b);
	big = __alloc_percpu(KSIM_PERCPU_UNIT, 8);
	cr_assert_not_null(big);
	free_percpu(big);
	ktest_expect_reports(KSIM_REPORT_WARN, 1);
}
