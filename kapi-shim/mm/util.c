// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/mm/util.c - allocating helpers built on kmalloc and vmalloc:
 * string and memory duplicates, kasprintf, the kvmalloc family.
 *
 * Each exported entry point takes its own caller, so a leaked kstrdup()
 * names the driver line that called kstrdup(), not this file.
 *
 * kvmalloc: requests above a page that may sleep (GFP_KERNEL-compatible)
 * get vmalloc memory, the kernel's fallback when kmalloc cannot find
 * contiguous pages.  Always taking that path for them makes a kfree() of
 * kvmalloc memory, a bug the kernel only shows under fragmentation, show
 * on every run.
 */
#include <string.h>

#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/export.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "internal.h"
#include "sim/host.h"
#include "ksim_mm.h"

/* ---- copies ---- */

static char *kmemdup_nul_caller(const char *s, size_t len, gfp_t gfp,
				unsigned long caller)
{
	char *buf;

	if (!s)
		return NULL;
	buf = ksim_kmalloc_caller(len + 1, gfp, caller, true);
	if (buf) {
		memcpy(buf, s, len);
		buf[len] = '\0';
	}
	return buf;
}

char *kstrdup(const char *s, gfp_t gfp)
{
	return s ? kmemdup_nul_caller(s, strlen(s), gfp, _RET_IP_) : NULL;
}
EXPORT_SYMBOL(kstrdup);

char *kstrndup(const char *s, size_t max, gfp_t gfp)
{
	return s ? kmemdup_nul_caller(s, strnlen(s, max), gfp, _RET_IP_) : NULL;
}
EXPORT_SYMBOL(kstrndup);

char *kmemdup_nul(const char *s, size_t len, gfp_t gfp)
{
	return kmemdup_nul_caller(s, len, gfp, _RET_IP_);
}
EXPORT_SYMBOL(kmemdup_nul);

void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = ksim_kmalloc_caller(len, gfp, _RET_IP_, true);

	if (p && !ZERO_OR_NULL_PTR(p))
		memcpy(p, src, len);
	return p;
}
EXPORT_SYMBOL(kmemdup);

/*
 * The kernel's is_kernel_rodata(): read-only data of the core image (here
 * the ksim binary: between the end of its text and the start of its
 * writable data), which kstrdup_const() need not copy.  A module's
 * strings are not core rodata, in the kernel or here.  Weak: in a shared
 * object (the nbdkit plugin) there is no __data_start, and nothing counts
 * as core rodata (everything is copied, and freed, as usual).
 */
extern const char etext[] __attribute__((weak));
extern char __data_start[] __attribute__((weak));

static bool is_core_rodata(const void *p)
{
	if (!etext || !__data_start)
		return false;
	return (const char *)p >= etext && (const char *)p < __data_start;
}

const char *kstrdup_const(const char *s, gfp_t gfp)
{
	if (is_core_rodata(s))
		return s;
	return s ? kmemdup_nul_caller(s, strlen(s), gfp, _RET_IP_) : NULL;
}
EXPORT_SYMBOL(kstrdup_const);

void kfree_const(const void *x)
{
	if (!is_core_rodata(x))
		ksim_slab_free(x, "kfree_const", _RET_IP_);
}
EXPORT_SYMBOL(kfree_const);

/* ---- formatting ---- */

static char *kvasprintf_caller(gfp_t gfp, const char *fmt, va_list ap,
			       unsigned long caller)
{
	va_list aq;
	char *p;
	int len;

	va_copy(aq, ap);
	len = ksim_vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (len < 0)
		return NULL;
	p = ksim_kmalloc_caller(len + 1, gfp, caller, true);
	if (p)
		ksim_vsnprintf(p, len + 1, fmt, ap);
	return p;
}

char *kvasprintf(gfp_t gfp, const char *fmt, va_list ap)
{
	return kvasprintf_caller(gfp, fmt, ap, _RET_IP_);
}
EXPORT_SYMBOL(kvasprintf);

/* A format without conversions, or just "%s", may come back as is. */
const char *kvasprintf_const(gfp_t gfp, const char *fmt, va_list ap)
{
	unsigned long caller = _RET_IP_;
	const char *s;

	if (!strchr(fmt, '%')) {
		s = fmt;
		goto dup;
	}
	if (!strcmp(fmt, "%s")) {
		s = va_arg(ap, const char *);
		goto dup;
	}
	return kvasprintf_caller(gfp, fmt, ap, caller);

dup:
	if (is_core_rodata(s))
		return s;
	return kmemdup_nul_caller(s, strlen(s), gfp, caller);
}
EXPORT_SYMBOL(kvasprintf_const);

char *kasprintf(gfp_t gfp, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = kvasprintf_caller(gfp, fmt, ap, _RET_IP_);
	va_end(ap);
	return p;
}
EXPORT_SYMBOL(kasprintf);

/* ---- kvmalloc ---- */

static void *kvmalloc_caller(size_t size, gfp_t flags, unsigned long caller)
{
	/* The kernel refuses more than INT_MAX bytes here. */
	if (unlikely(size > INT_MAX)) {
		WARN_ON_ONCE(!(flags & __GFP_NOWARN));
		return NULL;
	}
	ksim_mm_might_alloc(flags);
	/* One failslab decision covers both attempts. */
	if (ksim_mm_should_fail(size, flags, get_order(size), caller))
		return NULL;
	/* vmalloc needs GFP_KERNEL; other flags get kmalloc only, as in the kernel. */
	if (size <= PAGE_SIZE || (flags & GFP_KERNEL) != GFP_KERNEL)
		return ksim_kmalloc_caller(size, flags, caller, false);
	return ksim_vmalloc_caller(size, flags, caller, false);
}

void *kvmalloc_node(size_t size, gfp_t flags, int node)
{
	return kvmalloc_caller(size, flags, _RET_IP_);
}
EXPORT_SYMBOL(kvmalloc_node);

static void kvfree_caller(const void *addr, const char *api, unsigned long caller)
{
	if (is_vmalloc_addr(addr))
		ksim_vfree_caller(addr, KSIM_KIND(KSIM_ALLOC_VMALLOC), api, caller);
	else
		ksim_slab_free(addr, api, caller);
}

void kvfree(const void *addr)
{
	kvfree_caller(addr, "kvfree", _RET_IP_);
}
EXPORT_SYMBOL(kvfree);

void kvfree_sensitive(const void *addr, size_t len)
{
	if (likely(!ZERO_OR_NULL_PTR(addr))) {
		memset((void *)addr, 0, len);
		barrier_data((void *)addr);
		kvfree_caller(addr, "kvfree_sensitive", _RET_IP_);
	}
}
EXPORT_SYMBOL(kvfree_sensitive);

void *kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags)
{
	unsigned long caller = _RET_IP_;
	void *newp;

	if (oldsize >= newsize)
		return (void *)p;
	newp = kvmalloc_caller(newsize, flags, caller);
	if (!newp)
		return NULL;
	if (p)
		memcpy(newp, p, oldsize);
	kvfree_caller(p, "kvrealloc", caller);
	return newp;
}
EXPORT_SYMBOL(kvrealloc);
