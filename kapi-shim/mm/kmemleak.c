// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/mm/kmemleak.c - the table of live allocations, and what it
 * finds: leaks (when a module unloads and at exit), double and invalid
 * frees, frees through the wrong API.
 *
 * Every object the shim hands out (kmalloc, kmem_cache_alloc, vmalloc,
 * alloc_pages) has a record here, keyed by its address, *beside* the
 * object rather than in a header in front of it: valgrind and ASan see
 * each object's exact bounds, and a bad free is recognised without ever
 * reading the memory being freed.  The table is a hash with striped
 * locks, so frees and allocations on different CPUs rarely meet.
 *
 * Recently freed objects are remembered in a ring, which is how a second
 * kfree() of the same pointer is told apart from a kfree() of something
 * that never was an object (the stack, a global, the middle of one).
 *
 * ksim does not scan memory for references as the kernel's kmemleak does:
 * what a module still owns after its exit function ran is a leak by
 * definition, and at exit everything is.
 */
#include <string.h>

#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/jiffies.h>
#include <linux/kmemleak.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/sprintf.h>
#include <ksim/failslab.h>
#include <ksim/report.h>

#include "internal.h"
#include "sim/host.h"
#include "ksim_mm.h"

#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#else
#define VALGRIND_MAKE_MEM_DEFINED(addr, len) ((void)0)
#endif

#define ALLOC_HASH_BITS		16
#define ALLOC_HASH_SIZE		(1u << ALLOC_HASH_BITS)
#define ALLOC_STRIPES		64
#define FREED_RING_SIZE		4096
#define LEAK_DUMP_BYTES		32

static struct ksim_alloc *alloc_hash[ALLOC_HASH_SIZE];
/*
 * One bit per non-empty bucket, changed under the bucket's lock (atomic
 * ops: a word's 64 buckets belong to different stripes).  Leak scans and
 * shutdown visit only these buckets: their cost follows the live objects,
 * not the size of the table.
 */
static u64 bucket_used[ALLOC_HASH_SIZE / 64];
static struct ksim_lock alloc_locks[ALLOC_STRIPES];
static u64 alloc_seq;
static bool kmemleak_stack;
/* Set by ksim_mm_exit(): frees of memory it already released are quiet. */
static bool mm_down;

/* What a free left behind, to name both sides of a later double free. */
struct freed_obj {
	const void *ptr;
	size_t size;
	unsigned long alloc_caller;
	unsigned long free_caller;
	pid_t alloc_pid;
	pid_t free_pid;
	u8 kind;
	char cache[32];
};

static struct freed_obj freed_ring[FREED_RING_SIZE];
static unsigned int freed_next;
static struct ksim_lock freed_lock;

static const char *const kind_api[] = {
	[KSIM_ALLOC_KMALLOC]		= "kmalloc",
	[KSIM_ALLOC_CACHE]		= "kmem_cache_alloc",
	[KSIM_ALLOC_VMALLOC]		= "vmalloc",
	[KSIM_ALLOC_PAGES]		= "alloc_pages",
	[KSIM_ALLOC_PAGES_EXACT]	= "alloc_pages_exact",
	[KSIM_ALLOC_CACHE_STRUCT]	= "kmem_cache_create",
};

static unsigned int alloc_bucket(const void *ptr)
{
	u64 v = (uintptr_t)ptr >> 4;

	return (unsigned int)((v * 0x9e3779b97f4a7c15ull) >> (64 - ALLOC_HASH_BITS));
}

static struct ksim_lock *bucket_lock(unsigned int bucket)
{
	return &alloc_locks[bucket % ALLOC_STRIPES];
}

static void track(struct ksim_alloc *rec)
{
	unsigned int b = alloc_bucket(rec->ptr);

	ksim_lock(bucket_lock(b));
	rec->next = alloc_hash[b];
	if (!rec->next)
		__atomic_fetch_or(&bucket_used[b / 64], 1ull << (b % 64), __ATOMIC_RELAXED);
	alloc_hash[b] = rec;
	ksim_unlock(bucket_lock(b));
}

static struct ksim_alloc *untrack(const void *ptr)
{
	unsigned int b = alloc_bucket(ptr);
	struct ksim_alloc **pp, *rec;

	ksim_lock(bucket_lock(b));
	for (pp = &alloc_hash[b]; (rec = *pp); pp = &rec->next) {
		if (rec->ptr == ptr) {
			*pp = rec->next;
			break;
		}
	}
	if (!alloc_hash[b])
		__atomic_fetch_and(&bucket_used[b / 64], ~(1ull << (b % 64)), __ATOMIC_RELAXED);
	ksim_unlock(bucket_lock(b));
	return rec;
}

/*
 * The next bucket at or after @from that held records when looked at, or
 * ALLOC_HASH_SIZE: walks the bitmap, not the table.
 */
static unsigned int next_used_bucket(unsigned int from)
{
	while (from < ALLOC_HASH_SIZE) {
		u64 word = __atomic_load_n(&bucket_used[from / 64], __ATOMIC_RELAXED);

		word &= ~0ull << (from % 64);
		if (word)
			return from - from % 64 + (unsigned int)__builtin_ctzll(word);
		from = from - from % 64 + 64;
	}
	return ALLOC_HASH_SIZE;
}

static void fill_info(struct ksim_alloc_info *info, const struct ksim_alloc *rec)
{
	info->ptr = rec->ptr;
	info->size = rec->size;
	info->caller = rec->caller;
	info->cache = rec->cache;
	info->kind = rec->kind;
}

bool ksim_mm_lookup(const void *ptr, struct ksim_alloc_info *info)
{
	unsigned int b = alloc_bucket(ptr);
	struct ksim_alloc *rec;

	ksim_lock(bucket_lock(b));
	for (rec = alloc_hash[b]; rec; rec = rec->next)
		if (rec->ptr == ptr)
			break;
	if (rec && info)
		fill_info(info, rec);
	ksim_unlock(bucket_lock(b));
	return rec != NULL;
}

/*
 * The stack from @caller outwards.  How many allocator frames lie above
 * it depends on inlining and tail calls, so look for @caller itself.
 */
int ksim_mm_capture_stack(void **frames, unsigned long caller)
{
	int nr = ksim_host->stack_trace(frames, KSIM_MM_STACK_DEPTH + 8, 0);
	int i;

	for (i = 0; i < nr; i++)
		if ((unsigned long)frames[i] == caller)
			break;
	if (i == nr) {
		/* Not on the stack (a track_caller site): it goes first. */
		memmove(frames + 1, frames, min(nr, KSIM_MM_STACK_DEPTH - 1) * sizeof(void *));
		frames[0] = (void *)caller;
		return min(nr + 1, KSIM_MM_STACK_DEPTH);
	}
	nr = min(nr - i, KSIM_MM_STACK_DEPTH);
	memmove(frames, frames + i, nr * sizeof(void *));
	return nr;
}

void *ksim_mm_alloc(size_t size, size_t align, gfp_t gfp, enum ksim_alloc_kind kind,
		    struct kmem_cache *cache, unsigned long caller)
{
	struct task_struct *tsk = current;
	void *frames[KSIM_MM_STACK_DEPTH + 8];
	struct ksim_alloc *rec;
	int nr = 0;
	void *p;

	if (READ_ONCE(kmemleak_stack))
		nr = ksim_mm_capture_stack(frames, caller);
	rec = ksim_host->mem_alloc(sizeof(*rec) + nr * sizeof(void *), 0);
	if (!rec)
		return NULL;
	ksim_slub_layout(size, align, kind, &rec->rz_left, &rec->rz_right);
	rec->flags = 0;
	/* A large area is a mapping of its own, zero already (sim/host.c). */
	p = NULL;
	if (!rec->rz_left && !rec->rz_right)
		p = ksim_host_map_zeroed(size, align);
	if (p) {
		rec->flags |= KSIM_ALLOC_MAPPED;
	} else {
		/* The host's natural alignment (16) covers every smaller request. */
		p = ksim_host->mem_alloc(rec->rz_left + (size ? size : 1) + rec->rz_right,
					 align > 16 ? align : 0);
		if (!p) {
			ksim_host->mem_free(rec);
			return NULL;
		}
		p = (u8 *)p + rec->rz_left;
		if (gfp & __GFP_ZERO)
			memset(p, 0, size);
	}

	rec->ptr = p;
	rec->size = size;
	rec->caller = caller;
	rec->mod = ksim_module_of(caller);
	rec->cache = cache;
	rec->seq = __atomic_add_fetch(&alloc_seq, 1, __ATOMIC_RELAXED);
	rec->jif = jiffies;
	rec->pid = tsk->pid;
	memcpy(rec->comm, tsk->comm, TASK_COMM_LEN);
	rec->comm[TASK_COMM_LEN - 1] = '\0';
	rec->kind = kind;
	if (cache && (cache->flags & SLAB_NOLEAKTRACE))
		rec->flags |= KSIM_ALLOC_NOT_LEAK;
	rec->nr_frames = nr;
	memcpy(rec->frames, frames, nr * sizeof(void *));
	if (rec->rz_right)
		ksim_slub_arm(rec);
	track(rec);
	return p;
}

static void remember_free(const struct ksim_alloc *rec, unsigned long caller)
{
	struct freed_obj *f;

	ksim_lock(&freed_lock);
	f = &freed_ring[freed_next++ % FREED_RING_SIZE];
	f->ptr = rec->ptr;
	f->size = rec->size;
	f->alloc_caller = rec->caller;
	f->free_caller = caller;
	f->alloc_pid = rec->pid;
	f->free_pid = current->pid;
	f->kind = rec->kind;
	if (rec->kind == KSIM_ALLOC_CACHE && rec->cache)
		ksim_snprintf(f->cache, sizeof(f->cache), "%s", rec->cache->name);
	else
		f->cache[0] = '\0';
	ksim_unlock(&freed_lock);
}

/* The newest record of a free of @ptr. */
static bool find_freed(const void *ptr, struct freed_obj *out)
{
	unsigned int i, n;
	bool found = false;

	ksim_lock(&freed_lock);
	n = freed_next < FREED_RING_SIZE ? freed_next : FREED_RING_SIZE;
	for (i = 1; i <= n; i++) {
		struct freed_obj *f = &freed_ring[(freed_next - i) % FREED_RING_SIZE];

		if (f->ptr == ptr) {
			*out = *f;
			found = true;
			break;
		}
	}
	ksim_unlock(&freed_lock);
	return found;
}

static void symbolize(unsigned long addr, char *buf, size_t len)
{
	ksim_host->symbolize((void *)addr, buf, len);
}

static void print_object_cache(const void *ptr, enum ksim_alloc_kind kind,
			       const char *cache, size_t size)
{
	char name[32];

	if (kind == KSIM_ALLOC_KMALLOC) {
		ksim_kmalloc_cache_name(size, name, sizeof(name));
		cache = name;
	}
	if (cache && cache[0])
		pr_err("The buggy address belongs to the object at %016lx\n"
		       " which belongs to the cache %s of size %zu\n",
		       (unsigned long)ptr, cache, size);
	else
		pr_err("The buggy address belongs to the %s() area at %016lx of size %zu\n",
		       kind_api[kind], (unsigned long)ptr, size);
}

/* Report header shared by every bad free, KASAN style. */
static void bad_free_header(const char *what, const void *ptr, unsigned long caller)
{
	char sym[256];

	symbolize(caller, sym, sizeof(sym));
	pr_err("==================================================================\n");
	pr_err("BUG: KASAN: %s in %s\n", what, sym);
	pr_err("Free of addr %016lx by task %s/%d\n", (unsigned long)ptr,
	       current->comm, current->pid);
}

static noinline void report_bad_free(const void *ptr, const char *api,
				     unsigned long caller)
{
	struct freed_obj f;
	bool dbl = find_freed(ptr, &f);
	char sym[256];

	bad_free_header(dbl ? "double-free" : "invalid-free", ptr, caller);
	if (dbl)
		pr_err("%s(): object already free\n", api);
	else
		pr_err("%s(): 0x%016lx is not the start of a live allocation\n",
		       api, (unsigned long)ptr);
	pr_err("\n");
	ksim_print_task_header(KERN_ERR);
	/* Skip this function and ksim_mm_free(): the trace starts at @api. */
	ksim_dump_stack_skip(KERN_ERR, 2);
	if (dbl) {
		pr_err("\n");
		pr_err("Allocated by task %d:\n", f.alloc_pid);
		symbolize(f.alloc_caller, sym, sizeof(sym));
		pr_err(" %s\n", sym);
		pr_err("\n");
		pr_err("Freed by task %d:\n", f.free_pid);
		symbolize(f.free_caller, sym, sizeof(sym));
		pr_err(" %s\n", sym);
		pr_err("\n");
		print_object_cache(ptr, f.kind, f.cache, f.size);
	}
	pr_err("==================================================================\n");
	ksim_report(KSIM_REPORT_BAD_FREE);
}

static noinline void report_wrong_api(const struct ksim_alloc *rec, const char *api,
				      unsigned long caller)
{
	char sym[256];

	bad_free_header("invalid-free", rec->ptr, caller);
	if (rec->kind != KSIM_ALLOC_VMALLOC && !strcmp(api, "vfree"))
		pr_err("Trying to vfree() nonexistent vm area (%016lx)\n",
		       (unsigned long)rec->ptr);
	pr_err("%s() of an object allocated by %s()\n", api, kind_api[rec->kind]);
	pr_err("\n");
	ksim_print_task_header(KERN_ERR);
	ksim_dump_stack_skip(KERN_ERR, 2);
	pr_err("\n");
	pr_err("Allocated by task %d:\n", rec->pid);
	symbolize(rec->caller, sym, sizeof(sym));
	pr_err(" %s\n", sym);
	pr_err("\n");
	print_object_cache(rec->ptr, rec->kind,
			   rec->kind == KSIM_ALLOC_CACHE ? rec->cache->name : NULL,
			   rec->size);
	pr_err("==================================================================\n");
	ksim_report(KSIM_REPORT_BAD_FREE);
}

bool ksim_mm_free(const void *ptr, unsigned int kinds, const char *api,
		  unsigned long caller, struct ksim_alloc_info *info)
{
	struct ksim_alloc *rec = untrack(ptr);

	if (!rec) {
		if (!READ_ONCE(mm_down))
			report_bad_free(ptr, api, caller);
		return false;
	}
	if (info)
		fill_info(info, rec);
	if (!(KSIM_KIND(rec->kind) & kinds)) {
		/* The memory is someone's: keep it, as the kernel would. */
		report_wrong_api(rec, api, caller);
		track(rec);
		return false;
	}
	ksim_debug_check_free(rec->ptr, rec->size);
	remember_free(rec, caller);
	if (rec->rz_right) {
		/* slub_debug: check the zones, then poison and quarantine. */
		ksim_slub_check_live(rec);
		ksim_slub_quarantine(rec, caller, READ_ONCE(kmemleak_stack));
		return true;
	}
	if (rec->flags & KSIM_ALLOC_MAPPED)
		ksim_host_unmap(rec->ptr, rec->size);
	else
		ksim_host->mem_free(rec->ptr);
	ksim_host->mem_free(rec);
	return true;
}

/* ---- leak reports ---- */

/* A copy of what a report prints, taken under the bucket lock. */
struct leak_snap {
	const void *ptr;
	size_t size;
	unsigned long caller;
	u64 seq;
	unsigned long jif;
	pid_t pid;
	char comm[TASK_COMM_LEN];
	u8 nbytes;
	u8 nr_frames;
	u8 bytes[LEAK_DUMP_BYTES];
	void *frames[KSIM_MM_STACK_DEPTH];
};

struct leak_set {
	struct leak_snap *snaps;
	size_t nr;
	size_t cap;
};

enum leak_filter { LEAKS_OF_MODULE, LEAKS_OF_CACHE, LEAKS_SINCE, LEAKS_ALL };

/* LEAKS_SINCE: a module's allocations made after a point in time. */
struct leak_since {
	const struct module *mod;
	u64 seq;
};

static bool leak_match(const struct ksim_alloc *rec, enum leak_filter filter,
		       const void *arg)
{
	if (rec->flags & KSIM_ALLOC_REPORTED)
		return false;
	switch (filter) {
	case LEAKS_OF_MODULE:
		return rec->mod == arg && !(rec->flags & KSIM_ALLOC_NOT_LEAK);
	case LEAKS_OF_CACHE:
		return rec->cache == arg && rec->kind == KSIM_ALLOC_CACHE;
	case LEAKS_SINCE: {
		const struct leak_since *since = arg;

		return rec->mod == since->mod && rec->seq > since->seq &&
		       !(rec->flags & KSIM_ALLOC_NOT_LEAK);
	}
	default:
		return !(rec->flags & KSIM_ALLOC_NOT_LEAK);
	}
}

static void snap_fill(struct leak_snap *s, const struct ksim_alloc *rec)
{
	s->ptr = rec->ptr;
	s->size = rec->size;
	s->caller = rec->caller;
	s->seq = rec->seq;
	s->jif = rec->jif;
	s->pid = rec->pid;
	memcpy(s->comm, rec->comm, TASK_COMM_LEN);
	s->nbytes = rec->size < LEAK_DUMP_BYTES ? rec->size : LEAK_DUMP_BYTES;
	memcpy(s->bytes, rec->ptr, s->nbytes);
	/*
	 * kmalloc memory may never have been written; the dump shows what
	 * is there without memcheck calling that a use of it.
	 */
	VALGRIND_MAKE_MEM_DEFINED(s->bytes, s->nbytes);
	s->nr_frames = rec->nr_frames;
	memcpy(s->frames, rec->frames, rec->nr_frames * sizeof(void *));
}

static bool leak_set_grow(struct leak_set *set)
{
	size_t cap = set->cap ? set->cap * 2 : 16;
	struct leak_snap *n = ksim_host->mem_alloc(cap * sizeof(*n), 0);

	if (!n)
		return false;
	if (set->nr)
		memcpy(n, set->snaps, set->nr * sizeof(*n));
	ksim_host->mem_free(set->snaps);
	set->snaps = n;
	set->cap = cap;
	return true;
}

static int snap_cmp(const void *a, const void *b)
{
	const struct leak_snap *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Copy (and mark reported) every record that @filter selects, oldest first. */
static void collect_leaks(struct leak_set *set, enum leak_filter filter, const void *arg)
{
	unsigned int b;

	for (b = next_used_bucket(0); b < ALLOC_HASH_SIZE; b = next_used_bucket(b + 1)) {
		struct ksim_alloc *rec;

		ksim_lock(bucket_lock(b));
		for (rec = alloc_hash[b]; rec; rec = rec->next) {
			if (!leak_match(rec, filter, arg))
				continue;
			if (set->nr == set->cap && !leak_set_grow(set))
				break;
			snap_fill(&set->snaps[set->nr++], rec);
			rec->flags |= KSIM_ALLOC_REPORTED;
		}
		ksim_unlock(bucket_lock(b));
	}
	if (set->nr > 1)
		sort(set->snaps, set->nr, sizeof(*set->snaps), snap_cmp, NULL);
}

/* One row of hex_dump_to_buffer(..., 16, 1, ..., true). */
static void hex_row(char *buf, const u8 *bytes, unsigned int n)
{
	unsigned int i, pos = 0;

	for (i = 0; i < n; i++)
		pos += ksim_sprintf(buf + pos, i ? " %02x" : "%02x", bytes[i]);
	/* The ASCII column starts where it would after a full row. */
	while (pos < 16 * 3 + 1)
		buf[pos++] = ' ';
	for (i = 0; i < n; i++)
		buf[pos++] = isascii(bytes[i]) && isprint(bytes[i]) ? bytes[i] : '.';
	buf[pos] = '\0';
}

static void print_leak(const struct leak_snap *s)
{
	unsigned long age = (jiffies - s->jif) * 1000 / HZ;
	char line[128], sym[256];
	unsigned int i;

	pr_warn("unreferenced object 0x%016lx (size %zu):\n", (unsigned long)s->ptr, s->size);
	pr_warn("  comm \"%s\", pid %d, jiffies %lu (age %lu.%03lus)\n",
		s->comm, s->pid, s->jif, age / 1000, age % 1000);
	if (s->nbytes) {
		pr_warn("  hex dump (first %u bytes):\n", s->nbytes);
		for (i = 0; i < s->nbytes; i += 16) {
			hex_row(line, s->bytes + i, min_t(unsigned int, 16, s->nbytes - i));
			pr_warn("    %s\n", line);
		}
	}
	pr_warn("  backtrace:\n");
	if (!s->nr_frames) {
		symbolize(s->caller, sym, sizeof(sym));
		pr_warn("    [<%016lx>] %s\n", s->caller, sym);
	}
	for (i = 0; i < s->nr_frames; i++) {
		symbolize((unsigned long)s->frames[i], sym, sizeof(sym));
		pr_warn("    [<%016lx>] %s\n", (unsigned long)s->frames[i], sym);
	}
	ksim_report(KSIM_REPORT_LEAK);
}

static size_t report_leaks(enum leak_filter filter, const void *arg)
{
	struct leak_set set = { 0 };
	size_t i, nr;

	collect_leaks(&set, filter, arg);
	for (i = 0; i < set.nr; i++)
		print_leak(&set.snaps[i]);
	nr = set.nr;
	ksim_host->mem_free(set.snaps);
	return nr;
}

/*
 * slub_debug at unload and shutdown: every live slab object's red zones,
 * and everything in the quarantine.
 */
static void check_all_slab(void)
{
	unsigned int b;

	for (b = next_used_bucket(0); b < ALLOC_HASH_SIZE; b = next_used_bucket(b + 1)) {
		struct ksim_alloc *rec;

		ksim_lock(bucket_lock(b));
		for (rec = alloc_hash[b]; rec; rec = rec->next)
			if (rec->rz_right)
				ksim_slub_check_live(rec);
		ksim_unlock(bucket_lock(b));
	}
	ksim_slub_drain();
}

void ksim_kmemleak_module_unload(struct module *mod)
{
	size_t nr;

	if (!mod)
		return;
	check_all_slab();
	nr = report_leaks(LEAKS_OF_MODULE, mod);
	if (nr)
		pr_warn("kmemleak: %zu new suspected memory leaks (module %s unloaded)\n",
			nr, mod->name);
}

u64 ksim_kmemleak_seq(void)
{
	return __atomic_load_n(&alloc_seq, __ATOMIC_RELAXED);
}

size_t ksim_kmemleak_report_since(struct module *mod, u64 seq)
{
	struct leak_since since = { .mod = mod, .seq = seq };

	if (!mod)
		return 0;
	return report_leaks(LEAKS_SINCE, &since);
}

unsigned long ksim_mm_report_cache(struct kmem_cache *cache)
{
	return report_leaks(LEAKS_OF_CACHE, cache);
}

static void set_flags(const void *ptr, u8 flags)
{
	unsigned int b = alloc_bucket(ptr);
	struct ksim_alloc *rec;

	ksim_lock(bucket_lock(b));
	for (rec = alloc_hash[b]; rec; rec = rec->next)
		if (rec->ptr == ptr)
			rec->flags |= flags;
	ksim_unlock(bucket_lock(b));
}

/* Objects meant to outlive their owner (a cache on purpose, a global). */
void kmemleak_not_leak(const void *ptr)
{
	if (!ZERO_OR_NULL_PTR(ptr))
		set_flags(ptr, KSIM_ALLOC_NOT_LEAK);
}
EXPORT_SYMBOL(kmemleak_not_leak);

void kmemleak_ignore(const void *ptr)
{
	if (!ZERO_OR_NULL_PTR(ptr))
		set_flags(ptr, KSIM_ALLOC_NOT_LEAK);
}
EXPORT_SYMBOL(kmemleak_ignore);

int ksim_kmemleak_set(const char *key, const char *value)
{
	if (strcmp(key, "stack"))
		return -ENOENT;
	if (!value || (strcmp(value, "0") && strcmp(value, "1")))
		return -EINVAL;
	WRITE_ONCE(kmemleak_stack, value[0] == '1');
	return 0;
}

/* ---- boot and shutdown ---- */

int ksim_mm_init(void)
{
	WRITE_ONCE(mm_down, false);
	return 0;
}

/* Release every tracked object and record: valgrind sees nothing lost. */
static void free_all(void)
{
	unsigned int b;

	for (b = next_used_bucket(0); b < ALLOC_HASH_SIZE; b = next_used_bucket(b + 1)) {
		struct ksim_alloc *rec, *next;

		ksim_lock(bucket_lock(b));
		rec = alloc_hash[b];
		alloc_hash[b] = NULL;
		__atomic_fetch_and(&bucket_used[b / 64], ~(1ull << (b % 64)), __ATOMIC_RELAXED);
		ksim_unlock(bucket_lock(b));
		for (; rec; rec = next) {
			next = rec->next;
			if (rec->flags & KSIM_ALLOC_MAPPED)
				ksim_host_unmap(rec->ptr, rec->size);
			else
				ksim_slub_free_block(rec);
			ksim_host->mem_free(rec);
		}
	}
}

void ksim_mm_exit(void)
{
	size_t nr;

	check_all_slab();
	nr = report_leaks(LEAKS_ALL, NULL);

	if (nr)
		pr_warn("kmemleak: %zu new suspected memory leaks\n", nr);
	WRITE_ONCE(mm_down, true);
	free_all();
	ksim_vmalloc_exit();
	ksim_page_table_exit();
	ksim_lock(&freed_lock);
	/* Only what was used: a fuzzer shuts down thousands of times a second. */
	memset(freed_ring, 0, (freed_next < FREED_RING_SIZE ? freed_next : FREED_RING_SIZE) *
	       sizeof(freed_ring[0]));
	freed_next = 0;
	ksim_unlock(&freed_lock);
}
