/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kapi-shim/mm/user_mm.h - a simulated user address space (mm/user_mm.c),
 * shared by the copy routines (lib/usercopy.c) and the user side
 * (fs/ksim_user.c).
 */
#ifndef _KAPI_SHIM_MM_USER_MM_H
#define _KAPI_SHIM_MM_USER_MM_H

#include <linux/types.h>
#include "internal.h"

struct ksim_user_region;

struct mm_struct {
	struct ksim_lock lock;
	struct ksim_user_region *regions;	/* sorted by start */
	unsigned long next_addr;		/* where the next mapping goes */
};

void ksim_mm_setup(struct mm_struct *mm);
/* Unmap everything. */
void ksim_mm_teardown(struct mm_struct *mm);
/* Map @len bytes (@host, or zeroed memory of our own when NULL): the address or 0. */
unsigned long ksim_mm_map(struct mm_struct *mm, void *host, size_t len, int prot);
int ksim_mm_unmap(struct mm_struct *mm, unsigned long addr);
/*
 * Copy between host memory and [@uaddr, @uaddr + @len) of @mm: @write
 * copies @buf into user memory (needs KSIM_PROT_WRITE), else out of it
 * (KSIM_PROT_READ); @buf NULL with @write clears.  Returns the bytes NOT
 * copied: the copy stops at the first byte that is unmapped or lacks the
 * permission, as a fault would.
 */
size_t ksim_mm_copy(struct mm_struct *mm, unsigned long uaddr, void *buf, size_t len,
		    bool write);
/* Host view of a range inside one region, or NULL. */
void *ksim_mm_host_ptr(struct mm_struct *mm, unsigned long uaddr, size_t len);

#endif
