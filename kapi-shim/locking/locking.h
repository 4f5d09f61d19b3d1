/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kapi-shim/locking/locking.h - what the lock implementations in this
 * directory share: the per-task lock state, the reports, and a tiny
 * event counter to sleep on.  Private to kapi-shim/locking/.
 */
#ifndef _KSIM_LOCKING_H
#define _KSIM_LOCKING_H

#include <linux/types.h>
#include <linux/lockdep.h>
#include <linux/sched.h>
#include <asm/processor.h>

#include "sim/host.h"

/* How long a contended lock spins before it sleeps (trylock rounds). */
#define KSIM_LOCK_SPINS		200
/*
 * Interruptible and killable sleeps on a lock word re-check for a pending
 * signal this often: a signal wakes the task's __state word, not the
 * lock's, so they wake up periodically instead.
 */
#define KSIM_SIGNAL_POLL_NS	(20 * 1000 * 1000LL)

struct ksim_lock_class;

struct ksim_held_lock {
	struct lockdep_map	*map;
	struct ksim_lock_class	*class;		/* NULL: not validated */
	unsigned long		ip;
	s8			read;
	u8			subclass;
	u8			trylock;
};

/* task_struct.ksim_lockdep: allocated on first use, freed with the task. */
struct ksim_task_locks {
	int			depth;		/* entries in held[] */
	int			off;		/* lockdep_off() nesting */
	bool			overflow;	/* more than MAX_LOCK_DEPTH held */
	/* RCU read side (rcupdate.c): nesting depth and the counter used. */
	int			rcu_nesting;
	int			rcu_idx;
	struct ksim_held_lock	held[MAX_LOCK_DEPTH];
};

/* The calling task's lock state; never NULL (halts when out of memory). */
struct ksim_task_locks *ksim_task_locks(struct task_struct *p);

/*
 * Reports.  ksim_lock_recursion() prints lockdep's "possible recursive
 * locking detected" with both acquisition sites and panics: the task
 * would wait for itself forever.  ksim_debug_locks_warn() prints the
 * kernel's DEBUG_LOCKS_WARN_ON() report; ksim_spin_bug() the debug
 * spinlock's "BUG: spinlock ... on CPU#0".  All count KSIM_REPORT_LOCKING.
 */
void __noreturn ksim_lock_recursion(struct lockdep_map *map, unsigned long ip);
void ksim_debug_locks_warn(const char *cond, const char *file, int line,
			   unsigned long ip);
void ksim_spin_bug(const char *kind, const char *msg, struct lockdep_map *map,
		   struct task_struct *owner, unsigned long ip);
/*
 * Order check before a lock sleeps or spins for @map (lockdep_graph.c): a
 * deadlock that is about to happen is reported before it hangs the run.
 */
void ksim_lockdep_before_wait(struct lockdep_map *map, unsigned int subclass,
			      int read, unsigned long ip);

#define KSIM_DEBUG_LOCKS_WARN_ON(c, ip) ({				\
	bool __c = !!(c);						\
	if (unlikely(__c))						\
		ksim_debug_locks_warn(#c, __FILE__, __LINE__, ip);	\
	__c;								\
})

/*
 * An event counter: a sleeper snapshots @seq, re-checks its condition and
 * waits on @seq; a waker changes the condition, then bumps @seq and wakes
 * if anyone sleeps.  Sequentially consistent on both sides, so a wake-up
 * between the check and the sleep is never lost.
 */
static inline u32 ksim_ec_prepare(u32 *seq, u32 *sleepers)
{
	__atomic_fetch_add(sleepers, 1, __ATOMIC_SEQ_CST);
	return __atomic_load_n(seq, __ATOMIC_SEQ_CST);
}

static inline void ksim_ec_finish(u32 *sleepers)
{
	__atomic_fetch_sub(sleepers, 1, __ATOMIC_SEQ_CST);
}

static inline void ksim_ec_notify(u32 *seq, u32 *sleepers)
{
	__atomic_fetch_add(seq, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(sleepers, __ATOMIC_SEQ_CST))
		ksim_host->wake(seq, INT32_MAX);
}

/* Deadline for one sleep of a task in @state (signal polling). */
static inline s64 ksim_lock_deadline(unsigned int state)
{
	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))
		return KSIM_HOST_FOREVER;
	return ksim_host->now_ns() + KSIM_SIGNAL_POLL_NS;
}

/* A three-state futex word (0 free, 1 locked, 2 locked with sleepers). */
static inline bool ksim_word_trylock(u32 *word)
{
	u32 expected = 0;

	return __atomic_compare_exchange_n(word, &expected, 1, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* Spin briefly; true when the lock was taken. */
static inline bool ksim_word_spin(u32 *word)
{
	int i;

	for (i = 0; i < KSIM_LOCK_SPINS; i++) {
		if (READ_ONCE(*word) == 0 && ksim_word_trylock(word))
			return true;
		cpu_relax();
	}
	return false;
}

/*
 * Take @word, sleeping on it.  With TASK_INTERRUPTIBLE/TASK_KILLABLE in
 * @state, gives up (false) when a signal is pending.
 */
static inline bool ksim_word_lock_slow(u32 *word, unsigned int state)
{
	struct task_struct *p = NULL;

	if (state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL))
		p = current;
	while (__atomic_exchange_n(word, 2, __ATOMIC_ACQUIRE) != 0) {
		if (p && signal_pending_state(state, p))
			return false;
		ksim_host->wait(word, 2, ksim_lock_deadline(state));
	}
	return true;
}

static inline void ksim_word_unlock(u32 *word)
{
	if (__atomic_exchange_n(word, 0, __ATOMIC_RELEASE) == 2)
		ksim_host->wake(word, 1);
}

#endif
