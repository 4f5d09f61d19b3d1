/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kapi-shim/mm/ksim_mm.h - what the files of mm/ share: the table of live
 * allocations (mm/kmemleak.c), the failure decision and warning
 * (mm/failslab.c) and the bad-free report.
 */
#ifndef _KSIM_MM_H
#define _KSIM_MM_H

#include <linux/types.h>
#include <linux/sched.h>

/* Which API made an allocation; frees are checked against it. */
enum ksim_alloc_kind {
	KSIM_ALLOC_KMALLOC,
	KSIM_ALLOC_CACHE,	/* kmem_cache_alloc() */
	KSIM_ALLOC_VMALLOC,
	KSIM_ALLOC_PAGES,	/* alloc_pages() and friends */
	KSIM_ALLOC_PAGES_EXACT,	/* alloc_pages_exact() */
	KSIM_ALLOC_CACHE_STRUCT,	/* a struct kmem_cache itself */
};
#define KSIM_KIND(k)		(1u << (k))
#define KSIM_KINDS_SLAB		(KSIM_KIND(KSIM_ALLOC_KMALLOC) | KSIM_KIND(KSIM_ALLOC_CACHE))

/* ksim_alloc.flags */
#define KSIM_ALLOC_NOT_LEAK	0x01	/* kmemleak_not_leak(), SLAB_NOLEAKTRACE */
#define KSIM_ALLOC_REPORTED	0x02	/* already reported as a leak */
#define KSIM_ALLOC_MAPPED	0x04	/* its own host mapping (ksim_host_map_zeroed) */

#define KSIM_MM_STACK_DEPTH	16

/* One live allocation.  Kept beside the object, never in front of it. */
struct ksim_alloc {
	struct ksim_alloc *next;	/* hash chain */
	void *ptr;
	size_t size;
	unsigned long caller;
	struct module *mod;
	struct kmem_cache *cache;
	u64 seq;
	unsigned long jif;	/* jiffies at allocation */
	pid_t pid;
	char comm[TASK_COMM_LEN];
	u8 kind;
	u8 flags;
	u8 nr_frames;
	u16 rz_left;		/* slub_debug red zones around ptr (0: none) */
	u16 rz_right;
	void *frames[];
};

/* What a lookup tells about a live allocation (a copy; no lifetime issues). */
struct ksim_alloc_info {
	void *ptr;
	size_t size;
	unsigned long caller;
	struct kmem_cache *cache;
	enum ksim_alloc_kind kind;
};

struct kmem_cache {
	const char *name;
	unsigned int object_size;
	unsigned int align;
	slab_flags_t flags;
	unsigned int useroffset;
	unsigned int usersize;
	void (*ctor)(void *);
	/* Live objects; destroy with any left is reported. */
	atomic_long_t nr_objects;
};

/*
 * Host memory for one object, tracked.  @gfp's __GFP_ZERO zeroes it.  No
 * failure injection here (callers ask ksim_mm_should_fail first).
 */
void *ksim_mm_alloc(size_t size, size_t align, gfp_t gfp, enum ksim_alloc_kind kind,
		    struct kmem_cache *cache, unsigned long caller);
/*
 * Free the live allocation at @ptr if its kind is in @kinds; otherwise
 * report the mismatch (or the double/invalid free) as @api did from
 * @caller and keep the memory.  Returns true when it was freed.
 * @info, if not NULL, gets what the allocation was.
 */
bool ksim_mm_free(const void *ptr, unsigned int kinds, const char *api,
		  unsigned long caller, struct ksim_alloc_info *info);
/* Look up the live allocation that starts at @ptr. */
bool ksim_mm_lookup(const void *ptr, struct ksim_alloc_info *info);
/* Report every live object of @cache (kmem_cache_destroy); returns how many. */
unsigned long ksim_mm_report_cache(struct kmem_cache *cache);

/*
 * Whether an allocation must fail (failslab), and the kernel's allocation
 * failure warning when it does and @gfp lacks __GFP_NOWARN.
 */
bool ksim_mm_should_fail(size_t size, gfp_t gfp, unsigned int order,
			 unsigned long caller);
void ksim_mm_warn_alloc(gfp_t gfp, unsigned int order);
/* "GFP_KERNEL|__GFP_ZERO", as the kernel's %pGg. */
int ksim_gfp_name(gfp_t gfp, char *buf, size_t len);
/* should_fail() in two halves (mm/fault_inject.c). */
struct fault_attr;
bool ksim_fault_decide(struct fault_attr *attr, ssize_t size);
void ksim_fault_dump(struct fault_attr *attr);
/* might_sleep() for an allocation that may block. */
void ksim_mm_might_alloc(gfp_t gfp);

/*
 * kmalloc for @caller (mm/slab_common.c); @inject: ask failslab first
 * (false when the caller already did).
 */
void *ksim_kmalloc_caller(size_t size, gfp_t flags, unsigned long caller, bool inject);
/* kfree for @caller, naming @api in a report. */
void ksim_slab_free(const void *objp, const char *api, unsigned long caller);
/* vmalloc for @caller (mm/vmalloc.c), same meaning of @inject. */
void *ksim_vmalloc_caller(size_t size, gfp_t gfp, unsigned long caller, bool inject);
/* vfree for @caller, accepting the kinds in @kinds (kvfree: slab too). */
void ksim_vfree_caller(const void *addr, unsigned int kinds, const char *api,
		       unsigned long caller);

/* The slab cache name of a kmalloc'd object of @size: "kmalloc-64". */
void ksim_kmalloc_cache_name(size_t size, char *buf, size_t len);

/*
 * mm/slub_debug.c: red zones, poison and the quarantine for slab objects.
 * ksim_slub_layout() gives the red zones an allocation gets (none for
 * other kinds, large kmalloc, or when off); ksim_slub_arm() fills them on a
 * new object; ksim_slub_check_live() checks them (reports, restores, false
 * when written); ksim_slub_quarantine() takes over a freed record and its
 * memory, poisons it and releases older entries (checking their poison);
 * ksim_slub_drain() releases them all; ksim_slub_free_block() gives back an
 * object's memory at once (shutdown).
 */
void ksim_slub_layout(size_t size, size_t align, enum ksim_alloc_kind kind,
		      u16 *left, u16 *right);
void ksim_slub_arm(const struct ksim_alloc *rec);
bool ksim_slub_check_live(const struct ksim_alloc *rec);
void ksim_slub_quarantine(struct ksim_alloc *rec, unsigned long caller,
			  bool with_stack);
void ksim_slub_drain(void);
void ksim_slub_free_block(struct ksim_alloc *rec);
bool ksim_slub_debug_enabled(void);
void ksim_slub_debug_set(bool on);
/* The stack from @caller outwards into @frames (KSIM_MM_STACK_DEPTH). */
int ksim_mm_capture_stack(void **frames, unsigned long caller);

/* mm/vmalloc.c, mm/page_alloc.c: drop their tables at exit. */
void ksim_vmalloc_exit(void);
void ksim_page_table_exit(void);
/* mm/page_alloc.c: a freed alloc_pages() block's head page is reset. */
void ksim_page_reset(void *addr);

#endif
