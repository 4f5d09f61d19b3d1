/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/cpumask.h - sets of CPUs, minimal.  ksim's CPUs 0..nr_cpu_ids-1
 * are all possible, present and online.
 */
#ifndef __LINUX_CPUMASK_H
#define __LINUX_CPUMASK_H

#include <linux/types.h>
#include <linux/kernel.h>

#ifndef NR_CPUS
#define NR_CPUS		CONFIG_NR_CPUS
#endif

typedef struct cpumask {
	DECLARE_BITMAP(bits, NR_CPUS);
} cpumask_t;

#define cpumask_bits(maskp)	((maskp)->bits)
#define nr_cpumask_bits		((unsigned int)nr_cpu_ids)

#define for_each_cpu_range_ksim(cpu)				\
	for ((cpu) = 0; (cpu) < (int)nr_cpu_ids; (cpu)++)
#define for_each_possible_cpu(cpu)	for_each_cpu_range_ksim(cpu)
#define for_each_online_cpu(cpu)	for_each_cpu_range_ksim(cpu)
#define for_each_present_cpu(cpu)	for_each_cpu_range_ksim(cpu)

static inline bool cpu_online(unsigned int cpu)
{
	return cpu < nr_cpu_ids;
}

static inline bool cpu_possible(unsigned int cpu)
{
	return cpu < nr_cpu_ids;
}

static inline bool cpu_present(unsigned int cpu)
{
	return cpu < nr_cpu_ids;
}

static inline unsigned int cpumask_first(const struct cpumask *srcp)
{
	unsigned int i;

	for (i = 0; i < nr_cpumask_bits; i++)
		if (srcp->bits[i / (8 * sizeof(long))] & (1UL << (i % (8 * sizeof(long)))))
			return i;
	return nr_cpumask_bits;
}

static inline void cpumask_set_cpu(unsigned int cpu, struct cpumask *dstp)
{
	__atomic_fetch_or(&dstp->bits[cpu / (8 * sizeof(long))],
			  1UL << (cpu % (8 * sizeof(long))), __ATOMIC_RELAXED);
}

static inline void cpumask_clear_cpu(unsigned int cpu, struct cpumask *dstp)
{
	__atomic_fetch_and(&dstp->bits[cpu / (8 * sizeof(long))],
			   ~(1UL << (cpu % (8 * sizeof(long)))), __ATOMIC_RELAXED);
}

static inline bool cpumask_test_cpu(int cpu, const struct cpumask *srcp)
{
	return (srcp->bits[cpu / (8 * sizeof(long))] >> (cpu % (8 * sizeof(long)))) & 1;
}

static inline void cpumask_clear(struct cpumask *dstp)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(dstp->bits); i++)
		dstp->bits[i] = 0;
}

static inline void cpumask_setall(struct cpumask *dstp)
{
	unsigned int i;

	cpumask_clear(dstp);
	for (i = 0; i < nr_cpumask_bits; i++)
		cpumask_set_cpu(i, dstp);
}

#endif
