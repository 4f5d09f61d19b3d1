// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/locking/lockdep.c - held-lock tracking and locking reports.
 *
 * Each task keeps a small stack of the locks it holds, with the address
 * each was taken at (task_struct.ksim_lockdep, allocated from the host on
 * first use and freed with the task).  The lock implementations push and
 * pop it through lock_acquire()/lock_release(), which is what lets
 * lockdep_assert_held() really check, lets a recursive acquisition name
 * both sites, and feeds the lock-order graph (lockdep_graph.c): each
 * acquisition is checked against the locks already held.
 */
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/sched.h>
#include <linux/export.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <ksim/report.h>

#include "internal.h"
#include "locking.h"
#include "lockdep_graph.h"

int debug_locks = 1;
EXPORT_SYMBOL_GPL(debug_locks);
int debug_locks_silent;
EXPORT_SYMBOL_GPL(debug_locks_silent);

struct lock_class_key __lockdep_no_validate__;
EXPORT_SYMBOL_GPL(__lockdep_no_validate__);

struct ksim_task_locks *ksim_task_locks(struct task_struct *p)
{
	struct ksim_task_locks *tl = READ_ONCE(p->ksim_lockdep);
	static const char msg[] = "ksim: out of memory for a task's lock state\n";

	if (likely(tl))
		return tl;
	/* Only the task itself gets here, so no one races with this store. */
	tl = ksim_host->mem_alloc(sizeof(*tl), 0);
	if (!tl) {
		ksim_host->console_write(msg, sizeof(msg) - 1);
		ksim_host->halt(3);
	}
	memset(tl, 0, sizeof(*tl));
	WRITE_ONCE(p->ksim_lockdep, tl);
	return tl;
}

void lockdep_init_map_type(struct lockdep_map *lock, const char *name,
			   struct lock_class_key *key, int subclass,
			   u8 inner, u8 outer, u8 lock_type)
{
	lock->name = name ? name : "NULL";
	lock->key = key;
	lock->ksim_class = NULL;
	lock->ksim_subclass = subclass;
	lock->wait_type_inner = inner;
	lock->wait_type_outer = outer;
	lock->lock_type = lock_type;
}
EXPORT_SYMBOL_GPL(lockdep_init_map_type);

void lockdep_off(void)
{
	ksim_task_locks(current)->off++;
}
EXPORT_SYMBOL(lockdep_off);

void lockdep_on(void)
{
	ksim_task_locks(current)->off--;
}
EXPORT_SYMBOL(lockdep_on);

void lock_acquire(struct lockdep_map *lock, unsigned int subclass,
		  int trylock, int read, int check,
		  struct lockdep_map *nest_lock, unsigned long ip)
{
	struct ksim_task_locks *tl = ksim_task_locks(current);
	struct ksim_held_lock *hl;

	if (tl->off)
		return;
	if (unlikely(tl->depth >= (int)MAX_LOCK_DEPTH)) {
		if (!tl->overflow) {
			tl->overflow = true;
			pr_warn("BUG: MAX_LOCK_DEPTH too low!\n");
			pr_warn("turning off the locking correctness validator.\n");
			ksim_print_task_header(KERN_WARNING);
			ksim_dump_stack_skip(KERN_WARNING, 1);
			ksim_report(KSIM_REPORT_LOCKING);
		}
		return;
	}
	hl = &tl->held[tl->depth];
	hl->class = check ? ksim_lockdep_class(lock, subclass) : NULL;
	/* A trylock cannot wait, so it orders nothing after what is held. */
	if (hl->class && !trylock)
		ksim_lockdep_check_order(tl, lock, hl->class, read, ip);
	tl->depth++;
	hl->map = lock;
	hl->ip = ip;
	hl->read = read;
	hl->subclass = subclass;
	hl->trylock = trylock;
}
EXPORT_SYMBOL_GPL(lock_acquire);

void ksim_lockdep_before_wait(struct lockdep_map *map, unsigned int subclass,
			      int read, unsigned long ip)
{
	struct ksim_task_locks *tl = ksim_task_locks(current);
	struct ksim_lock_class *c;

	if (tl->off || !tl->depth)
		return;
	c = ksim_lockdep_class(map, subclass);
	if (c)
		ksim_lockdep_check_order(tl, map, c, read, ip);
}

/* Locks may be released in any order: drop the newest entry for @lock. */
void lock_release(struct lockdep_map *lock, unsigned long ip)
{
	struct ksim_task_locks *tl = ksim_task_locks(current);
	int i;

	for (i = tl->depth - 1; i >= 0; i--) {
		if (tl->held[i].map != lock)
			continue;
		memmove(&tl->held[i], &tl->held[i + 1],
			(tl->depth - i - 1) * sizeof(tl->held[0]));
		tl->depth--;
		return;
	}
	/*
	 * Not found: taken while lockdep was off or beyond MAX_LOCK_DEPTH, or
	 * by another task (the lock itself reports a wrong owner).
	 */
}
EXPORT_SYMBOL_GPL(lock_release);

static struct ksim_held_lock *find_held(struct ksim_task_locks *tl,
					const struct lockdep_map *lock)
{
	int i;

	for (i = tl->depth - 1; i >= 0; i--)
		if (tl->held[i].map == lock)
			return &tl->held[i];
	return NULL;
}

int lock_is_held_type(const struct lockdep_map *lock, int read)
{
	struct ksim_task_locks *tl = ksim_task_locks(current);
	struct ksim_held_lock *hl;

	if (!debug_locks || tl->off || tl->overflow)
		return LOCK_STATE_UNKNOWN;
	hl = find_held(tl, lock);
	if (!hl)
		return LOCK_STATE_NOT_HELD;
	if (read == -1 || !!hl->read == read)
		return LOCK_STATE_HELD;
	return LOCK_STATE_NOT_HELD;
}
EXPORT_SYMBOL_GPL(lock_is_held_type);

int lockdep_depth_ksim(void)
{
	return ksim_task_locks(current)->depth;
}
EXPORT_SYMBOL_GPL(lockdep_depth_ksim);

/* "ffff8880... (&dev->lock){+.+.}-{3:3}, at: foo+0x1c/0x90" */
static void print_lock_site(const char *prefix, const struct lockdep_map *map,
			    unsigned long ip)
{
	char sym[256];

	ksim_host->symbolize((void *)ip, sym, sizeof(sym));
	pr_warn("%s%px (%s), at: %s\n", prefix, map, map->name, sym);
}

static void print_held_locks(struct task_struct *p)
{
	struct ksim_task_locks *tl = ksim_task_locks(p);
	char prefix[16];
	int i;

	if (!tl->depth) {
		pr_warn("no locks held by %s/%d.\n", p->comm, p->pid);
		return;
	}
	pr_warn("%d lock%s held by %s/%d:\n", tl->depth,
		tl->depth > 1 ? "s" : "", p->comm, p->pid);
	for (i = 0; i < tl->depth; i++) {
		scnprintf(prefix, sizeof(prefix), " #%d: ", i);
		print_lock_site(prefix, tl->held[i].map, tl->held[i].ip);
	}
}

void lockdep_print_held_locks_ksim(void)
{
	print_held_locks(current);
}
EXPORT_SYMBOL_GPL(lockdep_print_held_locks_ksim);

void debug_show_all_locks(void)
{
	pr_warn("\nShowing all locks held in the system:\n");
	print_held_locks(current);
}
EXPORT_SYMBOL_GPL(debug_show_all_locks);

void debug_check_no_locks_held(void)
{
	struct task_struct *p = current;
	struct ksim_task_locks *tl = ksim_task_locks(p);

	if (!tl->depth || tl->off)
		return;
	pr_warn("\n");
	pr_warn("=====================================\n");
	pr_warn("WARNING: %s/%d still has locks held!\n", p->comm, p->pid);
	pr_warn("-------------------------------------\n");
	print_held_locks(p);
	pr_warn("\nstack backtrace:\n");
	ksim_print_task_header(KERN_WARNING);
	ksim_dump_stack_skip(KERN_WARNING, 1);
	ksim_report(KSIM_REPORT_LOCKING);
}
EXPORT_SYMBOL_GPL(debug_check_no_locks_held);

/*
 * The kernel's lockdep_sys_exit(): a task going back to user space with
 * locks held.  ksim's "user space" is the loader: a module's init or exit
 * function returned.  The locks are forgotten once reported (their holder
 * has gone), so the run goes on and later checks stay meaningful.
 */
bool ksim_lockdep_sys_exit(void)
{
	struct task_struct *p = current;
	struct ksim_task_locks *tl = ksim_task_locks(p);

	if (!tl->depth || tl->off)
		return false;
	pr_warn("\n");
	pr_warn("================================================\n");
	pr_warn("WARNING: lock held when returning to user space!\n");
	ksim_print_task_header(KERN_WARNING);
	pr_warn("------------------------------------------------\n");
	pr_warn("%s/%d is leaving the kernel with locks still held!\n",
		p->comm, p->pid);
	print_held_locks(p);
	ksim_report(KSIM_REPORT_LOCKING);
	tl->depth = 0;
	return true;
}

void ksim_lock_recursion(struct lockdep_map *map, unsigned long ip)
{
	struct task_struct *p = current;
	struct ksim_task_locks *tl = ksim_task_locks(p);
	struct ksim_held_lock *prev = find_held(tl, map);

	pr_warn("\n");
	pr_warn("============================================\n");
	pr_warn("WARNING: possible recursive locking detected\n");
	pr_warn("--------------------------------------------\n");
	pr_warn("%s/%d is trying to acquire lock:\n", p->comm, p->pid);
	print_lock_site("", map, ip);
	pr_warn("\n");
	pr_warn("but task is already holding lock:\n");
	if (prev)
		print_lock_site("", map, prev->ip);
	else
		pr_warn("%px (%s), at: [unknown: taken with lockdep off]\n",
			map, map->name);
	pr_warn("\n");
	pr_warn("other info that might help us debug this:\n");
	pr_warn(" Possible unsafe locking scenario:\n\n");
	pr_warn("       CPU0\n");
	pr_warn("       ----\n");
	pr_warn("  lock(%s);\n", map->name);
	pr_warn("  lock(%s);\n", map->name);
	pr_warn("\n *** DEADLOCK ***\n\n");
	pr_warn(" May be due to missing lock nesting notation\n\n");
	print_held_locks(p);
	pr_warn("\nstack backtrace:\n");
	ksim_print_task_header(KERN_WARNING);
	ksim_dump_stack_skip(KERN_WARNING, 1);
	ksim_report(KSIM_REPORT_LOCKING);
	panic("possible recursive locking detected: %s", map->name);
}

void ksim_debug_locks_warn(const char *cond, const char *file, int line,
			   unsigned long ip)
{
	char sym[256];

	ksim_host->symbolize((void *)ip, sym, sizeof(sym));
	pr_warn("------------[ cut here ]------------\n");
	pr_warn("DEBUG_LOCKS_WARN_ON(%s)\n", cond);
	pr_warn("WARNING: CPU: 0 PID: %d at %s:%d %s\n", current->pid, file,
		line, sym);
	ksim_print_modules(KERN_WARNING);
	add_taint(TAINT_WARN, LOCKDEP_STILL_OK);
	ksim_print_task_header(KERN_WARNING);
	ksim_dump_stack_skip(KERN_WARNING, 1);
	pr_warn("---[ end trace 0000000000000000 ]---\n");
	ksim_report(KSIM_REPORT_LOCKING);
}

void ksim_spin_bug(const char *kind, const char *msg, struct lockdep_map *map,
		   struct task_struct *owner, unsigned long ip)
{
	struct task_struct *p = current;
	char sym[256];

	ksim_host->symbolize((void *)ip, sym, sizeof(sym));
	pr_emerg("BUG: %s %s on CPU#0, %s/%d\n", kind, msg, p->comm, p->pid);
	pr_emerg(" lock: %s+0x0/0x0, .magic: dead4ead, .owner: %s/%d, .owner_cpu: %d\n",
		 map->name, owner ? owner->comm : "<none>",
		 owner ? owner->pid : -1, owner ? 0 : -1);
	pr_emerg(" at: %s\n", sym);
	ksim_print_task_header(KERN_EMERG);
	ksim_dump_stack_skip(KERN_EMERG, 1);
	ksim_report(KSIM_REPORT_LOCKING);
}

/* The locks @p holds, for reports about another task (hung tasks). */
void ksim_lockdep_show_held(struct task_struct *p)
{
	print_held_locks(p);
}
