// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/locking/lockdep_graph.c - lock classes and the lock-order graph.
 *
 * A lock class is what the kernel's lockdep calls one: every lock
 * initialised at the same site (the static lock_class_key that mutex_init()
 * and friends declare), or one statically defined lock (key NULL: the map's
 * own address names the class), split by subclass.  Whenever a task that
 * holds a lock of class A takes a lock of class B, the graph gets the edge
 * A -> B, with the stack of that acquisition.  Before a new edge goes in,
 * a breadth-first search looks for a path B -> ... -> A: if there is one,
 * the two orders can deadlock on two CPUs, whether or not they did in this
 * run, and the kernel's "possible circular locking dependency detected"
 * report is printed with both chains.  The first report turns the checker
 * off, as the kernel's does.
 *
 * Cost: a lock's class is cached in its dep_map; an edge that exists is
 * found in a lock-free hash, so the hot path takes no lock.  Only a new
 * class or a new edge takes graph_lock.
 *
 * Simplifications, said plainly:
 *  - recursive read acquisitions (read_lock() on an rwlock_t) add no edge
 *    into their lock: readers do not block readers, and modelling the
 *    kernel's read/write dependency kinds is more than ksim needs yet;
 *  - nesting two locks of the same class adds no edge (the kernel reports
 *    it as possible recursive locking unless annotated; ksim reports only
 *    the same lock taken twice, in the lock implementations);
 *  - interrupt-state checks (irq-safe -> irq-unsafe) are not done.
 */
#include <string.h>

#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/export.h>
#include <linux/sprintf.h>
#include <ksim/report.h>

#include "internal.h"
#include "locking.h"
#include "lockdep_graph.h"

#define CLASS_HASH_BITS		14
#define CLASS_HASH_SIZE		(1u << CLASS_HASH_BITS)
#define MAX_CLASSES		(CLASS_HASH_SIZE / 2)
#define EDGE_HASH_BITS		16
#define EDGE_HASH_SIZE		(1u << EDGE_HASH_BITS)
#define MAX_EDGES		(EDGE_HASH_SIZE / 2)
#define DEP_STACK_DEPTH		12
#define MAX_CHAIN_PRINT		16

struct lock_dep;

struct ksim_lock_class {
	const void *ident;		/* key subclass slot, or map + subclass */
	unsigned int id;		/* 1..MAX_CLASSES */
	bool dead;			/* its module went away */
	char name[64];
	struct lock_dep *deps;		/* edges out: locks taken while holding this */
	/* Breadth-first search state, under graph_lock. */
	unsigned int bfs_gen;
	struct lock_dep *bfs_via;	/* the edge the search came in by */
	struct ksim_lock_class *bfs_from;
};

struct lock_dep {
	struct lock_dep *next;
	struct ksim_lock_class *to;
	int nr_frames;
	void *frames[DEP_STACK_DEPTH];
};

static struct ksim_lock class_lock_word;	/* graph_lock */
static struct ksim_lock_class *class_hash[CLASS_HASH_SIZE];
static struct ksim_lock_class *classes[MAX_CLASSES + 1];
static unsigned int nr_classes;
static u64 edge_hash[EDGE_HASH_SIZE];	/* (from id << 32 | to id), 0 free */
static unsigned int nr_edges;
/*
 * The slots in use, so a shutdown clears those and not the whole 1 MiB of
 * tables (a fuzzer boots thousands of times a second).
 */
static unsigned int class_slots[MAX_CLASSES + 1];
static unsigned int edge_slots[MAX_EDGES + 1];
static unsigned int bfs_gen;
static bool graph_off;			/* after the first report or overflow */
/*
 * dep_map.ksim_class caches (epoch << 32 | class id), not a pointer: a
 * reboot in the same process (tests) frees every class, and a static
 * lock's stale cache must then miss rather than point at freed memory.
 */
static u32 graph_epoch = 1;			/* after the first report or overflow */

static void graph_lock(void)
{
	ksim_lock(&class_lock_word);
}

static void graph_unlock(void)
{
	ksim_unlock(&class_lock_word);
}

static unsigned int ptr_hash(const void *p, unsigned int bits)
{
	u64 v = (uintptr_t)p;

	return (unsigned int)((v * 0x9e3779b97f4a7c15ull) >> (64 - bits));
}

/*
 * The address that names a class.  A key has one slot per subclass; a
 * keyless (statically initialised) lock uses its map's address plus the
 * subclass, which never collides with another map (maps are bigger than
 * MAX_LOCKDEP_SUBCLASSES bytes).
 */
static const void *class_ident(const struct lockdep_map *map, unsigned int sub)
{
	if (map->key)
		return &map->key->ksim_subkeys[sub];
	return (const char *)map + sub;
}

static struct ksim_lock_class *class_find(const void *ident)
{
	unsigned int i = ptr_hash(ident, CLASS_HASH_BITS);
	struct ksim_lock_class *c;

	while ((c = __atomic_load_n(&class_hash[i], __ATOMIC_ACQUIRE))) {
		if (READ_ONCE(c->ident) == ident)
			return c;
		i = (i + 1) & (CLASS_HASH_SIZE - 1);
	}
	return NULL;
}

static void graph_overflow(const char *what)
{
	if (graph_off)
		return;
	WRITE_ONCE(graph_off, true);
	pr_warn("BUG: %s too low!\n", what);
	pr_warn("turning off the locking correctness validator.\n");
	ksim_print_task_header(KERN_WARNING);
	ksim_dump_stack_skip(KERN_WARNING, 2);
	ksim_report(KSIM_REPORT_LOCKING);
}

/* Under graph_lock. */
static struct ksim_lock_class *class_register(const struct lockdep_map *map,
					      unsigned int sub, const void *ident)
{
	struct ksim_lock_class *c = class_find(ident);
	unsigned int i;

	if (c)
		return c;
	if (nr_classes >= MAX_CLASSES) {
		graph_overflow("MAX_LOCKDEP_KEYS");
		return NULL;
	}
	c = ksim_host->mem_alloc(sizeof(*c), 0);
	if (!c)
		return NULL;
	memset(c, 0, sizeof(*c));
	c->ident = ident;
	c->id = ++nr_classes;
	/* Copied: the name may live in a module that goes away first. */
	if (sub)
		ksim_snprintf(c->name, sizeof(c->name), "%s/%u", map->name, sub);
	else
		ksim_snprintf(c->name, sizeof(c->name), "%s", map->name);
	__atomic_store_n(&classes[c->id], c, __ATOMIC_RELEASE);
	i = ptr_hash(ident, CLASS_HASH_BITS);
	while (class_hash[i])
		i = (i + 1) & (CLASS_HASH_SIZE - 1);
	class_slots[c->id] = i;
	__atomic_store_n(&class_hash[i], c, __ATOMIC_RELEASE);
	return c;
}

struct ksim_lock_class *ksim_lockdep_class(struct lockdep_map *map,
					   unsigned int subclass)
{
	struct ksim_lock_class *c;
	unsigned int sub = subclass ? subclass : map->ksim_subclass;
	const void *ident;

	/* A map never initialised (a work item without INIT_WORK): no class. */
	if (READ_ONCE(graph_off) || !map->name || map->key == &__lockdep_no_validate__ ||
	    sub >= MAX_LOCKDEP_SUBCLASSES)
		return NULL;
	if (likely(!sub)) {
		u64 cached = (uintptr_t)READ_ONCE(map->ksim_class);

		if (likely((u32)(cached >> 32) == READ_ONCE(graph_epoch))) {
			c = READ_ONCE(classes[(u32)cached]);
			if (likely(c && !READ_ONCE(c->dead)))
				return c;
		}
	}
	ident = class_ident(map, sub);
	c = class_find(ident);
	if (!c) {
		graph_lock();
		c = class_register(map, sub, ident);
		graph_unlock();
		if (!c)
			return NULL;
	}
	if (!sub)
		WRITE_ONCE(map->ksim_class,
			   (void *)(uintptr_t)((u64)graph_epoch << 32 | c->id));
	return c;
}

const char *ksim_lockdep_class_name(const struct ksim_lock_class *c)
{
	return c->name;
}

static unsigned int edge_slot(u64 e)
{
	return (unsigned int)((e * 0x9e3779b97f4a7c15ull) >> (64 - EDGE_HASH_BITS));
}

static u64 edge_key(const struct ksim_lock_class *a, const struct ksim_lock_class *b)
{
	return (u64)a->id << 32 | b->id;
}

static bool edge_known(u64 e)
{
	unsigned int i = edge_slot(e);
	u64 v;

	while ((v = __atomic_load_n(&edge_hash[i], __ATOMIC_ACQUIRE))) {
		if (v == e)
			return true;
		i = (i + 1) & (EDGE_HASH_SIZE - 1);
	}
	return false;
}

/* Under graph_lock. */
static void edge_insert(u64 e)
{
	unsigned int i = edge_slot(e);

	while (edge_hash[i])
		i = (i + 1) & (EDGE_HASH_SIZE - 1);
	__atomic_store_n(&edge_hash[i], e, __ATOMIC_RELEASE);
	edge_slots[nr_edges++] = i;
}

/* The stack from the acquisition site @ip outwards (lockdep frames dropped). */
static int capture_from(void **frames, int max, unsigned long ip)
{
	void *all[DEP_STACK_DEPTH + 16];
	int nr = ksim_host->stack_trace(all, ARRAY_SIZE(all), 0);
	int i;

	for (i = 0; i < nr; i++)
		if ((unsigned long)all[i] == ip)
			break;
	if (i == nr) {
		frames[0] = (void *)ip;
		return 1;
	}
	nr = min(nr - i, max);
	memcpy(frames, all + i, nr * sizeof(void *));
	return nr;
}

/*
 * Under graph_lock: a path @from -> ... -> @to over live classes?  On
 * success each class on it has bfs_via/bfs_from set back towards @from.
 */
static bool bfs_path(struct ksim_lock_class *from, struct ksim_lock_class *to)
{
	static struct ksim_lock_class *queue[MAX_CLASSES + 1];
	unsigned int head = 0, tail = 0;

	bfs_gen++;
	from->bfs_gen = bfs_gen;
	from->bfs_via = NULL;
	from->bfs_from = NULL;
	queue[tail++] = from;
	while (head < tail) {
		struct ksim_lock_class *c = queue[head++];
		struct lock_dep *d;

		for (d = c->deps; d; d = d->next) {
			struct ksim_lock_class *n = d->to;

			if (n->dead || n->bfs_gen == bfs_gen)
				continue;
			n->bfs_gen = bfs_gen;
			n->bfs_via = d;
			n->bfs_from = c;
			if (n == to)
				return true;
			queue[tail++] = n;
		}
	}
	return false;
}

/* What the report prints of one link of the existing chain, copied. */
struct chain_link {
	char name[64];
	int nr_frames;
	void *frames[DEP_STACK_DEPTH];
};

struct circular {
	struct chain_link links[MAX_CHAIN_PRINT];	/* [0] = @prev's class ... */
	int nr;
	bool truncated;
	char next_name[64];
};

/* Under graph_lock, after bfs_path(next, prev): copy prev <- ... <- next. */
static void copy_chain(struct circular *cc, struct ksim_lock_class *next,
		       struct ksim_lock_class *prev)
{
	struct ksim_lock_class *c;

	cc->nr = 0;
	cc->truncated = false;
	for (c = prev; c && c != next; c = c->bfs_from) {
		struct chain_link *l;

		if (cc->nr == MAX_CHAIN_PRINT) {
			cc->truncated = true;
			break;
		}
		l = &cc->links[cc->nr++];
		memcpy(l->name, c->name, sizeof(l->name));
		l->nr_frames = c->bfs_via->nr_frames;
		memcpy(l->frames, c->bfs_via->frames, l->nr_frames * sizeof(void *));
	}
	memcpy(cc->next_name, next->name, sizeof(cc->next_name));
}

static void print_held_lock_line(const char *prefix, const struct ksim_held_lock *hl)
{
	char sym[256];

	ksim_host->symbolize((void *)hl->ip, sym, sizeof(sym));
	pr_warn("%s%px (%s), at: %s\n", prefix, hl->map,
		hl->class ? hl->class->name : hl->map->name, sym);
}

/*
 * The kernel's two-CPU picture: CPU0 holds @held and wants @wanted; CPU1
 * took them the other way round (through @parent, the class next to
 * @held on the existing chain).
 */
static void print_scenario(const struct circular *cc)
{
	const char *held = cc->links[0].name;
	const char *wanted = cc->next_name;
	const char *parent = cc->nr > 1 ? cc->links[1].name : wanted;

	if (cc->nr > 1)
		pr_warn("Chain exists of:\n  %s --> %s --> %s\n\n", wanted,
			parent, held);
	pr_warn(" Possible unsafe locking scenario:\n\n");
	pr_warn("       CPU0                    CPU1\n");
	pr_warn("       ----                    ----\n");
	pr_warn("  lock(%s);\n", held);
	pr_warn("                               lock(%s);\n", parent);
	pr_warn("                               lock(%s);\n", held);
	pr_warn("  lock(%s);\n", wanted);
	pr_warn("\n *** DEADLOCK ***\n\n");
}

static noinline void report_circular(const struct circular *cc,
				     const struct ksim_held_lock *prev,
				     struct lockdep_map *next_map,
				     struct ksim_lock_class *next_class,
				     unsigned long next_ip)
{
	struct task_struct *p = current;
	struct ksim_held_lock want = {
		.map = next_map, .ip = next_ip, .class = next_class,
	};
	void *frames[DEP_STACK_DEPTH];
	int i, nr;

	pr_warn("\n");
	pr_warn("======================================================\n");
	pr_warn("WARNING: possible circular locking dependency detected\n");
	ksim_print_task_header(KERN_WARNING);
	pr_warn("------------------------------------------------------\n");
	pr_warn("%s/%d is trying to acquire lock:\n", p->comm, p->pid);
	print_held_lock_line("", &want);
	pr_warn("\nbut task is already holding lock:\n");
	print_held_lock_line("", prev);
	pr_warn("\nwhich lock already depends on the new lock.\n\n");
	pr_warn("\nthe existing dependency chain (in reverse order) is:\n");
	for (i = 0; i < cc->nr; i++) {
		pr_warn("\n-> #%d (%s):\n", cc->nr - i, cc->links[i].name);
		ksim_print_frames(KERN_WARNING "      ", cc->links[i].frames,
				  cc->links[i].nr_frames);
	}
	if (cc->truncated)
		pr_warn("\n-> ... (chain truncated)\n");
	pr_warn("\n-> #0 (%s):\n", cc->next_name);
	nr = capture_from(frames, DEP_STACK_DEPTH, next_ip);
	ksim_print_frames(KERN_WARNING "      ", frames, nr);
	pr_warn("\nother info that might help us debug this:\n\n");
	print_scenario(cc);
	lockdep_print_held_locks_ksim();
	pr_warn("\nstack backtrace:\n");
	ksim_print_task_header(KERN_WARNING);
	ksim_dump_stack_skip(KERN_WARNING, 3);
	ksim_report(KSIM_REPORT_LOCKING);
}

/*
 * Record that @prev is held while @next (@next_map, from @ip) is taken.
 * Returns false when this closed a cycle (reported; the checker is off).
 */
static bool add_dep(const struct ksim_held_lock *prev,
		    struct ksim_lock_class *next, struct lockdep_map *next_map,
		    unsigned long ip)
{
	struct ksim_lock_class *from = prev->class;
	static struct circular cc;	/* under graph_lock until printed */
	struct lock_dep *d;
	u64 e = edge_key(from, next);

	if (likely(edge_known(e)))
		return true;
	graph_lock();
	if (graph_off || edge_known(e)) {
		graph_unlock();
		return true;
	}
	if (bfs_path(next, from)) {
		WRITE_ONCE(graph_off, true);
		copy_chain(&cc, next, from);
		graph_unlock();
		report_circular(&cc, prev, next_map, next, ip);
		return false;
	}
	if (nr_edges >= MAX_EDGES) {
		graph_unlock();
		graph_overflow("MAX_LOCKDEP_ENTRIES");
		return true;
	}
	d = ksim_host->mem_alloc(sizeof(*d), 0);
	if (d) {
		d->to = next;
		d->nr_frames = capture_from(d->frames, DEP_STACK_DEPTH, ip);
		d->next = from->deps;
		from->deps = d;
		edge_insert(e);
	}
	graph_unlock();
	return true;
}

void ksim_lockdep_check_order(struct ksim_task_locks *tl, struct lockdep_map *map,
			      struct ksim_lock_class *next, int read,
			      unsigned long ip)
{
	int i;

	/* Readers of an rwlock_t do not wait for readers: no edge into it. */
	if (!next || read == 2 || READ_ONCE(graph_off))
		return;
	/*
	 * As the kernel: an edge from each held lock back to the first one
	 * taken without trylock (the older ones are ordered through it).
	 */
	for (i = tl->depth - 1; i >= 0; i--) {
		const struct ksim_held_lock *hl = &tl->held[i];

		if (hl->class && hl->class != next && hl->map != map &&
		    !add_dep(hl, next, map, ip))
			return;
		if (!hl->trylock)
			break;
	}
}

/* Zap the classes named by addresses in [start, end): they are going away. */
static void zap_range(unsigned long start, unsigned long end)
{
	unsigned int i;

	graph_lock();
	for (i = 1; i <= nr_classes; i++) {
		struct ksim_lock_class *c = classes[i];
		unsigned long a = (unsigned long)c->ident;

		if (!c->dead && a >= start && a < end) {
			/* Readers may still look it up: it stays, dead, never found. */
			WRITE_ONCE(c->dead, true);
			WRITE_ONCE(c->ident, NULL);
		}
	}
	graph_unlock();
}

void ksim_lockdep_free_key_range(unsigned long start, unsigned long end)
{
	zap_range(start, end);
}

void lockdep_unregister_key(struct lock_class_key *key)
{
	zap_range((unsigned long)key, (unsigned long)(key + 1));
}
EXPORT_SYMBOL_GPL(lockdep_unregister_key);

/* Keys live in static storage or in objects; classes are made on first use. */
void lockdep_register_key(struct lock_class_key *key)
{
}
EXPORT_SYMBOL_GPL(lockdep_register_key);

void ksim_lockdep_graph_exit(void)
{
	unsigned int i;

	graph_lock();
	for (i = 0; i < nr_edges; i++)
		edge_hash[edge_slots[i]] = 0;
	for (i = 1; i <= nr_classes; i++) {
		struct ksim_lock_class *c = classes[i];
		struct lock_dep *d, *n;

		class_hash[class_slots[i]] = NULL;
		for (d = c->deps; d; d = n) {
			n = d->next;
			ksim_host->mem_free(d);
		}
		ksim_host->mem_free(c);
		classes[i] = NULL;
	}
	nr_classes = 0;
	nr_edges = 0;
	graph_epoch++;
	WRITE_ONCE(graph_off, false);
	graph_unlock();
}

bool ksim_lockdep_graph_enabled(void)
{
	return !READ_ONCE(graph_off);
}
