// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/mm/vmalloc.c - vmalloc and vfree.
 *
 * An area is one page-aligned host allocation of exactly the size asked
 * for, tracked like any object; the list of areas answers
 * is_vmalloc_addr() for any address inside one.  Drivers hold few areas,
 * so a list is enough.
 */
#include <string.h>

#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/hardirq.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "internal.h"
#include "sim/host.h"
#include "ksim_mm.h"

struct vm_area_node {
	const void *addr;
	size_t size;
	struct vm_area_node *next;
};

static struct vm_area_node *vm_areas;
static struct ksim_lock vm_lock;

static bool vm_area_add(const void *addr, size_t size)
{
	struct vm_area_node *n = ksim_host->mem_alloc(sizeof(*n), 0);

	if (!n)
		return false;
	n->addr = addr;
	/* Exactly: other objects may share the last page. */
	n->size = size;
	ksim_lock(&vm_lock);
	n->next = vm_areas;
	/* Published for the unlocked emptiness check in is_vmalloc_addr(). */
	WRITE_ONCE(vm_areas, n);
	ksim_unlock(&vm_lock);
	return true;
}

static void vm_area_del(const void *addr)
{
	struct vm_area_node **pp, *n;

	ksim_lock(&vm_lock);
	for (pp = &vm_areas; (n = *pp); pp = &n->next) {
		if (n->addr == addr) {
			WRITE_ONCE(*pp, n->next);
			break;
		}
	}
	ksim_unlock(&vm_lock);
	ksim_host->mem_free(n);
}

bool is_vmalloc_addr(const void *x)
{
	unsigned long a = (unsigned long)x;
	struct vm_area_node *n;
	bool found = false;

	if (!READ_ONCE(vm_areas))
		return false;
	ksim_lock(&vm_lock);
	for (n = vm_areas; n; n = n->next) {
		if (a >= (unsigned long)n->addr && a < (unsigned long)n->addr + n->size) {
			found = true;
			break;
		}
	}
	ksim_unlock(&vm_lock);
	return found;
}
EXPORT_SYMBOL(is_vmalloc_addr);

void *ksim_vmalloc_caller(size_t size, gfp_t gfp, unsigned long caller, bool inject)
{
	void *p;

	/* Mapping an area may sleep, whatever the gfp flags say. */
	might_sleep();
	if (unlikely(!size || size > (1UL << 40))) {
		if (!(gfp & __GFP_NOWARN)) {
			pr_warn("vmalloc error: size %zu, exceeds total pages\n", size);
			ksim_mm_warn_alloc(gfp, 0);
		}
		return NULL;
	}
	if (inject && ksim_mm_should_fail(size, gfp, 0, caller))
		return NULL;
	p = ksim_mm_alloc(size, PAGE_SIZE, gfp, KSIM_ALLOC_VMALLOC, NULL, caller);
	if (p && !vm_area_add(p, size)) {
		ksim_mm_free(p, KSIM_KIND(KSIM_ALLOC_VMALLOC), "vfree", caller, NULL);
		p = NULL;
	}
	if (!p && !(gfp & __GFP_NOWARN)) {
		pr_warn("vmalloc error: size %zu, failed to allocate pages\n", size);
		ksim_mm_warn_alloc(gfp, 0);
	}
	return p;
}

void ksim_vfree_caller(const void *addr, unsigned int kinds, const char *api,
		       unsigned long caller)
{
	struct ksim_alloc_info info;

	if (!addr)
		return;
	if (ksim_mm_lookup(addr, &info) && info.kind == KSIM_ALLOC_VMALLOC)
		vm_area_del(addr);
	ksim_mm_free(addr, kinds, api, caller, NULL);
}

void *vmalloc(unsigned long size)
{
	return ksim_vmalloc_caller(size, GFP_KERNEL, _RET_IP_, true);
}
EXPORT_SYMBOL(vmalloc);

void *vzalloc(unsigned long size)
{
	return ksim_vmalloc_caller(size, GFP_KERNEL | __GFP_ZERO, _RET_IP_, true);
}
EXPORT_SYMBOL(vzalloc);

void *vmalloc_node(unsigned long size, int node)
{
	return ksim_vmalloc_caller(size, GFP_KERNEL, _RET_IP_, true);
}
EXPORT_SYMBOL(vmalloc_node);

void *vzalloc_node(unsigned long size, int node)
{
	return ksim_vmalloc_caller(size, GFP_KERNEL | __GFP_ZERO, _RET_IP_, true);
}
EXPORT_SYMBOL(vzalloc_node);

void *vmalloc_user(unsigned long size)
{
	return ksim_vmalloc_caller(size, GFP_KERNEL | __GFP_ZERO, _RET_IP_, true);
}
EXPORT_SYMBOL(vmalloc_user);

void *vmalloc_32(unsigned long size)
{
	return ksim_vmalloc_caller(size, GFP_KERNEL | GFP_DMA32, _RET_IP_, true);
}
EXPORT_SYMBOL(vmalloc_32);

void *__vmalloc(unsigned long size, gfp_t gfp_mask)
{
	return ksim_vmalloc_caller(size, gfp_mask, _RET_IP_, true);
}
EXPORT_SYMBOL(__vmalloc);

static void *vmalloc_array_caller(size_t n, size_t size, gfp_t flags,
				  unsigned long caller)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return ksim_vmalloc_caller(bytes, flags, caller, true);
}

void *__vmalloc_array(size_t n, size_t size, gfp_t flags)
{
	return vmalloc_array_caller(n, size, flags, _RET_IP_);
}
EXPORT_SYMBOL(__vmalloc_array);

void *vmalloc_array(size_t n, size_t size)
{
	return vmalloc_array_caller(n, size, GFP_KERNEL, _RET_IP_);
}
EXPORT_SYMBOL(vmalloc_array);

void *__vcalloc(size_t n, size_t size, gfp_t flags)
{
	return vmalloc_array_caller(n, size, flags | __GFP_ZERO, _RET_IP_);
}
EXPORT_SYMBOL(__vcalloc);

void *vcalloc(size_t n, size_t size)
{
	return vmalloc_array_caller(n, size, GFP_KERNEL | __GFP_ZERO, _RET_IP_);
}
EXPORT_SYMBOL(vcalloc);

void vfree(const void *addr)
{
	if (!in_interrupt())
		might_sleep();
	ksim_vfree_caller(addr, KSIM_KIND(KSIM_ALLOC_VMALLOC), "vfree", _RET_IP_);
}
EXPORT_SYMBOL(vfree);

void vfree_atomic(const void *addr)
{
	ksim_vfree_caller(addr, KSIM_KIND(KSIM_ALLOC_VMALLOC), "vfree_atomic", _RET_IP_);
}
EXPORT_SYMBOL(vfree_atomic);

struct page *vmalloc_to_page(const void *addr)
{
	return virt_to_page(addr);
}
EXPORT_SYMBOL(vmalloc_to_page);

unsigned long vmalloc_to_pfn(const void *addr)
{
	return virt_to_pfn(addr);
}
EXPORT_SYMBOL(vmalloc_to_pfn);

void ksim_vmalloc_exit(void)
{
	struct vm_area_node *n, *next;

	ksim_lock(&vm_lock);
	n = vm_areas;
	WRITE_ONCE(vm_areas, NULL);
	ksim_unlock(&vm_lock);
	for (; n; n = next) {
		next = n->next;
		ksim_host->mem_free(n);
	}
}
