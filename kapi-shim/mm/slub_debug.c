// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/mm/slub_debug.c - red zones, poisoning and a quarantine for
 * kmalloc and kmem_cache objects, as the kernel's slub_debug=ZP does, with
 * no valgrind or sanitizer needed.
 *
 * Each slab object is one host block laid out as
 *
 *	[ left red zone | object (size bytes) | right red zone ]
 *
 * with the red zones filled with SLUB_RED_ACTIVE (0xcc) while the object
 * lives.  kfree() checks them ("Redzone overwritten": an out-of-bounds
 * write), fills the object with POISON_FREE (0x6b, last byte POISON_END)
 * and the zones with SLUB_RED_INACTIVE (0xbb), and puts the block in a
 * FIFO quarantine instead of giving it back: the memory is not reused at
 * once, so a use-after-free write lands in the poison and is found when the
 * block leaves the quarantine, at module unload or at shutdown ("Poison
 * overwritten", with the allocation and the free stacks).
 *
 * The tools see the same rules: under ASan the red zones and quarantined
 * objects are poisoned with the manual-poisoning interface, so the bad
 * access itself is reported where it happens; under valgrind they are
 * marked no-access for memcheck.  Our own checks open a span for the
 * tools before they read or fill it.
 *
 * Cost on the hot path: filling and checking the red zones (32-64 bytes)
 * and poisoning the freed object (its size); the quarantine is a ring
 * under one lock.  Large kmalloc (beyond KMALLOC_MAX_CACHE_SIZE, page
 * allocator memory in the kernel, not slab) is left alone, as slub_debug
 * leaves it.
 */
#include <string.h>

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/poison.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <ksim/report.h>

#include "internal.h"
#include "sim/host.h"
#include "ksim_mm.h"

#include <ksim/poison.h>

#ifndef SLUB_RED_INACTIVE
#define SLUB_RED_INACTIVE	0xbb
#define SLUB_RED_ACTIVE		0xcc
#endif
#define TAINT_BAD_PAGE_KSIM	5	/* 'B' */

#define RED_ZONE		16	/* bytes on each side, at least */
#define QUARANTINE_OBJS		1024
#define QUARANTINE_BYTES	(4u << 20)

/* A freed object waiting to be given back, with who freed it. */
struct quarantined {
	struct ksim_alloc *rec;
	unsigned long free_caller;
	pid_t free_pid;
	u8 nr_free_frames;
	void *free_frames[KSIM_MM_STACK_DEPTH];
};

static struct quarantined quarantine[QUARANTINE_OBJS];
static unsigned int q_head, q_nr;	/* oldest entry, entries */
static size_t q_bytes;
static struct ksim_lock q_lock;
static bool slub_debug_on = true;

bool ksim_slub_debug_enabled(void)
{
	return READ_ONCE(slub_debug_on);
}

void ksim_slub_debug_set(bool on)
{
	WRITE_ONCE(slub_debug_on, on);
}

void ksim_slub_layout(size_t size, size_t align, enum ksim_alloc_kind kind,
		      u16 *left, u16 *right)
{
	*left = *right = 0;
	if (!READ_ONCE(slub_debug_on) || size > KMALLOC_MAX_CACHE_SIZE ||
	    (kind != KSIM_ALLOC_KMALLOC && kind != KSIM_ALLOC_CACHE))
		return;
	/* The left zone keeps the object's alignment; past 64 it is dropped. */
	if (align <= RED_ZONE)
		*left = RED_ZONE;
	else if (align <= 64)
		*left = align;
	*right = (u16)(ALIGN(size, sizeof(void *)) - size + RED_ZONE);
}

/* Callers open the span for the tools first (tools_open). */
static void fill(void *p, int c, size_t n)
{
	memset(p, c, n);
}

/* The first byte of [p, p + n) that is not @c, or NULL; a word at a time. */
static const u8 *first_not(const void *p, u8 c, size_t n)
{
	const u8 *b = p, *end = b + n;
	typedef u64 __attribute__((may_alias)) word_t;
	u64 pattern = 0x0101010101010101ull * c;

	while (b < end && ((uintptr_t)b & 7)) {
		if (*b != c)
			return b;
		b++;
	}
	for (; b + 8 <= end; b += 8) {
		if (*(const word_t *)b != pattern)
			break;
	}
	for (; b < end; b++)
		if (*b != c)
			return b;
	return NULL;
}

static u8 *obj_base(const struct ksim_alloc *rec)
{
	return (u8 *)rec->ptr - rec->rz_left;
}

static void tools_protect(u8 *p, size_t n)
{
	if (!n)
		return;
	ASAN_POISON_MEMORY_REGION(p, n);
	VALGRIND_MAKE_MEM_NOACCESS(p, n);
}

static void tools_open(u8 *p, size_t n)
{
	if (!n)
		return;
	ASAN_UNPOISON_MEMORY_REGION(p, n);
	VALGRIND_MAKE_MEM_DEFINED(p, n);
}

void ksim_slub_arm(const struct ksim_alloc *rec)
{
	u8 *obj = rec->ptr;

	fill(obj - rec->rz_left, SLUB_RED_ACTIVE, rec->rz_left);
	fill(obj + rec->size, SLUB_RED_ACTIVE, rec->rz_right);
	tools_protect(obj - rec->rz_left, rec->rz_left);
	tools_protect(obj + rec->size, rec->rz_right);
}

static void cache_name(const struct ksim_alloc *rec, char *buf, size_t len)
{
	if (rec->kind == KSIM_ALLOC_CACHE && rec->cache)
		ksim_snprintf(buf, len, "%s", rec->cache->name);
	else
		ksim_kmalloc_cache_name(rec->size, buf, len);
}

static void taint_string(char *buf, size_t len)
{
	unsigned long t = get_taint();
	int n = ksim_snprintf(buf, len, "Tainted: G");

	if (t & (1UL << TAINT_BAD_PAGE_KSIM))
		n += ksim_snprintf(buf + n, len - n, " B");
	if (t & (1UL << TAINT_WARN))
		n += ksim_snprintf(buf + n, len - n, " W");
	if (t & (1UL << TAINT_OOT_MODULE))
		ksim_snprintf(buf + n, len - n, " O");
}

static void print_track(const char *what, unsigned long caller, pid_t pid,
			void *const *frames, int nr)
{
	char sym[256];

	ksim_host->symbolize((void *)caller, sym, sizeof(sym));
	pr_err("%s in %s age=0 cpu=0 pid=%d\n", what, sym, pid);
	if (nr)
		ksim_print_frames(KERN_ERR, frames, nr);
}

static void hex_lines(const char *label, const u8 *p, size_t n)
{
	char line[16 * 3 + 1];
	size_t i, j;

	for (i = 0; i < n; i += 16) {
		int pos = 0;

		for (j = i; j < n && j < i + 16; j++)
			pos += ksim_snprintf(line + pos, sizeof(line) - pos,
					     j > i ? " %02x" : "%02x", p[j]);
		pr_err("%-8s %016lx: %s\n", label, (unsigned long)(p + i), line);
	}
}

/*
 * The kernel's slab_bug() + check_bytes_and_report() + print_trailer():
 * "BUG kmalloc-16 (Tainted: G B): Right Redzone overwritten".
 */
static noinline void report_corruption(const struct ksim_alloc *rec,
				       const struct quarantined *q,
				       const char *what, const u8 *first,
				       const u8 *start, size_t len, u8 expect)
{
	const u8 *last = start + len - 1;
	char name[64], taint[32];
	u8 *obj = rec->ptr;

	while (last > first && first_not(last, expect, 1) == NULL)
		last--;
	cache_name(rec, name, sizeof(name));
	add_taint(TAINT_BAD_PAGE_KSIM, LOCKDEP_NOW_UNRELIABLE);
	taint_string(taint, sizeof(taint));
	pr_err("=============================================================================\n");
	pr_err("BUG %s (%s): %s overwritten\n", name, taint, what);
	pr_err("-----------------------------------------------------------------------------\n\n");
	pr_err("0x%016lx-0x%016lx @offset=%ld. First byte 0x%x instead of 0x%x\n",
	       (unsigned long)first, (unsigned long)last, (long)(first - obj),
	       *first, expect);
	print_track("Allocated", rec->caller, rec->pid, rec->frames, rec->nr_frames);
	if (q)
		print_track("Freed", q->free_caller, q->free_pid, q->free_frames,
			    q->nr_free_frames);
	pr_err("Slab 0x%016lx objects=1 used=%d fp=0x0000000000000000 flags=0x200(slab)\n",
	       (unsigned long)obj_base(rec), q ? 0 : 1);
	pr_err("Object 0x%016lx @offset=0 size=%zu\n", (unsigned long)obj, rec->size);
	hex_lines("Redzone", obj - rec->rz_left, rec->rz_left);
	hex_lines("Object", obj, min_t(size_t, rec->size, 64));
	hex_lines("Redzone", obj + rec->size, rec->rz_right);
	ksim_print_task_header(KERN_ERR);
	ksim_dump_stack_skip(KERN_ERR, 2);
	pr_err("FIX %s: Restoring %s 0x%016lx-0x%016lx=0x%x\n\n", name, what,
	       (unsigned long)first, (unsigned long)last, expect);
	/*
	 * For a use-after-free, the KASAN view of the same finding: the
	 * object, its cache, and both stacks.
	 */
	if (q) {
		pr_err("==================================================================\n");
		pr_err("BUG: KASAN: use-after-free write in freed object %016lx\n",
		       (unsigned long)obj);
		pr_err("Write at offset %ld of a freed object of size %zu\n",
		       (long)(first - obj), rec->size);
		pr_err("\nAllocated by task %d:\n", rec->pid);
		if (rec->nr_frames)
			ksim_print_frames(KERN_ERR, rec->frames, rec->nr_frames);
		else
			print_track(" ", rec->caller, rec->pid, NULL, 0);
		pr_err("\nFreed by task %d:\n", q->free_pid);
		if (q->nr_free_frames)
			ksim_print_frames(KERN_ERR, q->free_frames, q->nr_free_frames);
		else
			print_track(" ", q->free_caller, q->free_pid, NULL, 0);
		pr_err("\nThe buggy address belongs to the object at %016lx\n"
		       " which belongs to the cache %s of size %zu\n",
		       (unsigned long)obj, name, rec->size);
		pr_err("==================================================================\n");
	}
	ksim_report(KSIM_REPORT_SLAB);
}

/* Check one span; report and restore it when it was written. */
static bool check_span(const struct ksim_alloc *rec, const struct quarantined *q,
		       const char *what, u8 *start, size_t len, u8 expect)
{
	const u8 *first = first_not(start, expect, len);

	if (likely(!first))
		return true;
	report_corruption(rec, q, what, first, start, len, expect);
	fill(start, expect, len);
	return false;
}

/* A live object's red zones (kfree, module unload, shutdown). */
bool ksim_slub_check_live(const struct ksim_alloc *rec)
{
	u8 *obj = rec->ptr;
	bool ok;

	if (!rec->rz_right)
		return true;
	tools_open(obj - rec->rz_left, rec->rz_left);
	tools_open(obj + rec->size, rec->rz_right);
	/* Both sides are checked (and reported) even when the left is bad. */
	ok = check_span(rec, NULL, "Left Redzone", obj - rec->rz_left,
			rec->rz_left, SLUB_RED_ACTIVE);
	ok = check_span(rec, NULL, "Right Redzone", obj + rec->size,
			rec->rz_right, SLUB_RED_ACTIVE) && ok;
	tools_protect(obj - rec->rz_left, rec->rz_left);
	tools_protect(obj + rec->size, rec->rz_right);
	return ok;
}

/* A quarantined object leaves: its poison and zones must be intact. */
static void release(struct quarantined *q)
{
	struct ksim_alloc *rec = q->rec;
	u8 *obj = rec->ptr;
	size_t whole = rec->rz_left + rec->size + rec->rz_right;

	tools_open(obj_base(rec), whole);
	if (rec->size) {
		check_span(rec, q, "Poison", obj, rec->size - 1, POISON_FREE);
		check_span(rec, q, "Poison", obj + rec->size - 1, 1, POISON_END);
	}
	check_span(rec, q, "Left Redzone", obj - rec->rz_left, rec->rz_left,
		   SLUB_RED_INACTIVE);
	check_span(rec, q, "Right Redzone", obj + rec->size, rec->rz_right,
		   SLUB_RED_INACTIVE);
	ksim_host->mem_free(obj_base(rec));
	ksim_host->mem_free(rec);
}

static struct quarantined *q_pop(void)
{
	struct quarantined *q;

	if (!q_nr)
		return NULL;
	q = &quarantine[q_head];
	q_head = (q_head + 1) % QUARANTINE_OBJS;
	q_nr--;
	q_bytes -= q->rec->size;
	return q;
}

/*
 * Take over @rec (already off the live table and checked): poison it and
 * keep it a while.  The oldest entries leave to make room.
 */
void ksim_slub_quarantine(struct ksim_alloc *rec, unsigned long caller,
			  bool with_stack)
{
	struct quarantined entry = {
		.rec = rec, .free_caller = caller, .free_pid = current->pid,
	};
	struct quarantined out[5], *q;
	u8 *obj = rec->ptr;
	int nr_out = 0, i;

	if (with_stack)
		entry.nr_free_frames = ksim_mm_capture_stack(entry.free_frames, caller);
	tools_open(obj - rec->rz_left, rec->rz_left);
	tools_open(obj + rec->size, rec->rz_right);
	if (rec->size) {
		fill(obj, POISON_FREE, rec->size - 1);
		fill(obj + rec->size - 1, POISON_END, 1);
	}
	fill(obj - rec->rz_left, SLUB_RED_INACTIVE, rec->rz_left);
	fill(obj + rec->size, SLUB_RED_INACTIVE, rec->rz_right);
	tools_protect(obj_base(rec), rec->rz_left + rec->size + rec->rz_right);

	ksim_lock(&q_lock);
	while (nr_out < (int)ARRAY_SIZE(out) - 1 &&
	       (q_nr == QUARANTINE_OBJS || q_bytes + rec->size > QUARANTINE_BYTES) &&
	       (q = q_pop()))
		out[nr_out++] = *q;
	if (q_nr == QUARANTINE_OBJS) {
		/* Could not make room: this one goes at once. */
		out[nr_out++] = entry;
	} else {
		quarantine[(q_head + q_nr) % QUARANTINE_OBJS] = entry;
		q_nr++;
		q_bytes += rec->size;
	}
	ksim_unlock(&q_lock);
	for (i = 0; i < nr_out; i++)
		release(&out[i]);
}

/* Check and give back everything in the quarantine (unload, shutdown). */
void ksim_slub_drain(void)
{
	struct quarantined q, *p;

	for (;;) {
		ksim_lock(&q_lock);
		p = q_pop();
		if (p)
			q = *p;
		ksim_unlock(&q_lock);
		if (!p)
			break;
		release(&q);
	}
}

/* Host memory of an allocation (the object and its red zones). */
void ksim_slub_free_block(struct ksim_alloc *rec)
{
	size_t whole = rec->rz_left + rec->size + rec->rz_right;

	tools_open(obj_base(rec), whole);
	ksim_host->mem_free(obj_base(rec));
}
