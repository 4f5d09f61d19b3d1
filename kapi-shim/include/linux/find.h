/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/find.h - searching bitmaps (lib/find_bit.c).  Every function returns
 * @size when nothing is found, which for_each_set_bit() relies on.
 */
#ifndef __LINUX_FIND_H
#define __LINUX_FIND_H

#include <linux/types.h>

unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
			    unsigned long offset);
unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size,
				 unsigned long offset);
unsigned long find_next_and_bit(const unsigned long *addr1,
				const unsigned long *addr2, unsigned long size,
				unsigned long offset);
unsigned long find_first_bit(const unsigned long *addr, unsigned long size);
unsigned long find_first_zero_bit(const unsigned long *addr, unsigned long size);
unsigned long find_first_and_bit(const unsigned long *addr1,
				 const unsigned long *addr2, unsigned long size);
unsigned long find_last_bit(const unsigned long *addr, unsigned long size);
/* The @n-th (0-based) set bit, or @size when fewer are set. */
unsigned long find_nth_bit(const unsigned long *addr, unsigned long size,
			   unsigned long n);

#endif
