/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/mmzone.h - zones and orders, the little of it drivers see.  ksim
 * has no zones: all memory is host memory.
 */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include <linux/types.h>
#include <linux/numa.h>
#include <asm/page.h>

/* Orders 0 .. MAX_ORDER - 1 are valid for alloc_pages() (Linux 6.1). */
#define MAX_ORDER		11
#define MAX_ORDER_NR_PAGES	(1 << (MAX_ORDER - 1))
#define PAGE_ALLOC_COSTLY_ORDER	3

enum zone_type {
	ZONE_DMA,
	ZONE_DMA32,
	ZONE_NORMAL,
	ZONE_MOVABLE,
	__MAX_NR_ZONES
};

#endif
