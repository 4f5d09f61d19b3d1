// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/mm/user_mm.c - the address space of a simulated user process.
 *
 * A user process (fs/ksim_user.c) owns a list of regions: user address,
 * length, protection and the host memory behind them.  User addresses
 * start at 4 MiB and grow upwards with an unmapped page between regions,
 * so an overrun off the end of a buffer is a fault, like a guard page.
 * Nothing here ever dereferences a user address: every access goes
 * through ksim_mm_copy(), which looks the address up first.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <ksim/user.h>

#include "internal.h"
#include "mm/user_mm.h"
#include "sim/host.h"

#define USER_PAGE	4096UL
#define USER_BASE	(4UL << 20)

struct ksim_user_region {
	struct ksim_user_region *next;
	unsigned long start, len;
	int prot;
	void *host;
	bool own;	/* host memory allocated here, freed at unmap */
};

void ksim_mm_setup(struct mm_struct *mm)
{
	memset(mm, 0, sizeof(*mm));
	mm->next_addr = USER_BASE;
}

static void region_free(struct ksim_user_region *r)
{
	if (r->own)
		ksim_host->mem_free(r->host);
	ksim_host->mem_free(r);
}

void ksim_mm_teardown(struct mm_struct *mm)
{
	struct ksim_user_region *r, *next;

	ksim_lock(&mm->lock);
	for (r = mm->regions; r; r = next) {
		next = r->next;
		region_free(r);
	}
	mm->regions = NULL;
	ksim_unlock(&mm->lock);
}

unsigned long ksim_mm_map(struct mm_struct *mm, void *host, size_t len, int prot)
{
	struct ksim_user_region *r, **pp;
	unsigned long span;

	if (!len || len > TASK_SIZE / 2)
		return 0;
	span = (len + USER_PAGE - 1) & ~(USER_PAGE - 1);
	r = ksim_host->mem_alloc(sizeof(*r), 0);
	if (!r)
		return 0;
	r->own = !host;
	if (!host) {
		host = ksim_host->mem_alloc(span, USER_PAGE);
		if (!host) {
			ksim_host->mem_free(r);
			return 0;
		}
		memset(host, 0, span);
	}
	r->host = host;
	r->len = len;
	r->prot = prot;
	ksim_lock(&mm->lock);
	if (mm->next_addr + span + USER_PAGE > TASK_SIZE) {
		ksim_unlock(&mm->lock);
		r->own = r->own;
		region_free(r);
		return 0;
	}
	r->start = mm->next_addr;
	mm->next_addr += span + USER_PAGE;
	for (pp = &mm->regions; *pp; pp = &(*pp)->next)
		;
	r->next = NULL;
	*pp = r;
	ksim_unlock(&mm->lock);
	return r->start;
}

int ksim_mm_unmap(struct mm_struct *mm, unsigned long addr)
{
	struct ksim_user_region *r, **pp;

	ksim_lock(&mm->lock);
	for (pp = &mm->regions; (r = *pp); pp = &r->next) {
		if (r->start == addr) {
			*pp = r->next;
			ksim_unlock(&mm->lock);
			region_free(r);
			return 0;
		}
	}
	ksim_unlock(&mm->lock);
	return -EINVAL;
}

static struct ksim_user_region *region_find(struct mm_struct *mm, unsigned long addr)
{
	struct ksim_user_region *r;

	for (r = mm->regions; r; r = r->next)
		if (addr >= r->start && addr - r->start < r->len)
			return r;
	return NULL;
}

size_t ksim_mm_copy(struct mm_struct *mm, unsigned long uaddr, void *buf, size_t len,
		    bool write)
{
	size_t left = len;

	if (!mm)
		return len;
	ksim_lock(&mm->lock);
	while (left) {
		struct ksim_user_region *r = region_find(mm, uaddr);
		size_t off, n;

		if (!r || !(r->prot & (write ? KSIM_PROT_WRITE : KSIM_PROT_READ)))
			break;
		off = uaddr - r->start;
		n = min_t(size_t, left, r->len - off);
		if (!write)
			memcpy(buf, (char *)r->host + off, n);
		else if (buf)
			memcpy((char *)r->host + off, buf, n);
		else
			memset((char *)r->host + off, 0, n);
		if (buf)
			buf = (char *)buf + n;
		uaddr += n;
		left -= n;
	}
	ksim_unlock(&mm->lock);
	return left;
}

void *ksim_mm_host_ptr(struct mm_struct *mm, unsigned long uaddr, size_t len)
{
	struct ksim_user_region *r;
	void *p = NULL;

	ksim_lock(&mm->lock);
	r = region_find(mm, uaddr);
	if (r && len <= r->len - (uaddr - r->start))
		p = (char *)r->host + (uaddr - r->start);
	ksim_unlock(&mm->lock);
	return p;
}
