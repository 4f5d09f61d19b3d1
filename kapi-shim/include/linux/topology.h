/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/topology.h - CPU and memory topology.  ksim's machine has one node
 * (node 0) holding every CPU and all memory.
 */
#ifndef _LINUX_TOPOLOGY_H
#define _LINUX_TOPOLOGY_H

#include <linux/numa.h>

static inline int numa_node_id(void)
{
	return 0;
}

static inline int numa_mem_id(void)
{
	return 0;
}

static inline int cpu_to_node(int cpu)
{
	return 0;
}

static inline int cpu_to_mem(int cpu)
{
	return 0;
}

static inline int node_distance(int from, int to)
{
	return from == to ? 10 : 20;
}

#define LOCAL_DISTANCE		10
#define REMOTE_DISTANCE		20
#define first_memory_node	0
#define topology_physical_package_id(cpu)	0
#define topology_core_id(cpu)			(cpu)

#endif
