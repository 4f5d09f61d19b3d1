/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/cpu.h - CPU hotplug locking and state.  ksim's CPUs are all
 * present and online for the whole run; the hotplug lock is a real
 * read-write semaphore so lockdep-style ordering still holds.
 */
#ifndef _LINUX_CPU_H_
#define _LINUX_CPU_H_

#include <linux/cpumask.h>
#include <linux/cpuhotplug.h>
#include <linux/smp.h>
#include <linux/notifier.h>

void cpus_read_lock(void);
void cpus_read_unlock(void);
int cpus_read_trylock(void);
void cpus_write_lock(void);
void cpus_write_unlock(void);
void lockdep_assert_cpus_held(void);

static inline void get_online_cpus(void)
{
	cpus_read_lock();
}

static inline void put_online_cpus(void)
{
	cpus_read_unlock();
}

static inline int cpu_is_hotpluggable(unsigned int cpu)
{
	return 0;
}

#endif
