/* SPDX-License-Identifier: GPL-2.0 */
/* linux/numa.h - ksim simulates one memory node. */
#ifndef _LINUX_NUMA_H
#define _LINUX_NUMA_H

#include <linux/types.h>

#define NODES_SHIFT	0
#define MAX_NUMNODES	(1 << NODES_SHIFT)
#define NUMA_NO_NODE	(-1)
#define NUMA_NO_MEMBLK	(-1)

static inline bool numa_valid_node(int node)
{
	return node >= 0 && node < MAX_NUMNODES;
}

static inline int numa_map_to_online_node(int node)
{
	return NUMA_NO_NODE;
}

#endif
