/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kapi-shim/locking/lockdep_graph.h - lock classes and the lock-order graph
 * (lockdep_graph.c), as lockdep.c calls them.  Private to kapi-shim/locking/.
 */
#ifndef _KSIM_LOCKDEP_GRAPH_H
#define _KSIM_LOCKDEP_GRAPH_H

#include <linux/types.h>

struct lockdep_map;
struct ksim_lock_class;
struct ksim_task_locks;

/*
 * The class of @map taken with @subclass (0: the map's own), made on first
 * use; NULL when the lock is not validated (no-validate key, checker off).
 */
struct ksim_lock_class *ksim_lockdep_class(struct lockdep_map *map,
					   unsigned int subclass);
const char *ksim_lockdep_class_name(const struct ksim_lock_class *c);

/*
 * The task @tl is about to hold @map (class @next, @read as lock_acquire's,
 * from @ip): add the order edges from the locks it holds, and print the
 * circular-dependency report (once; the checker then turns off) when one
 * closes a cycle.  Called before a lock sleeps and again when it is taken.
 */
void ksim_lockdep_check_order(struct ksim_task_locks *tl, struct lockdep_map *map,
			      struct ksim_lock_class *next, int read,
			      unsigned long ip);

/* Forget the classes named by addresses in [start, end) (a module goes). */
void ksim_lockdep_free_key_range(unsigned long start, unsigned long end);
/* Free every class and edge (shutdown). */
void ksim_lockdep_graph_exit(void);
bool ksim_lockdep_graph_enabled(void);

#endif
