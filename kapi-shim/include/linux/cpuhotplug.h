/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/cpuhotplug.h - CPU hotplug states (6.1 API, the parts a driver
 * uses).  ksim's CPUs never go offline: cpuhp_setup_state() runs the
 * startup callback for every online CPU, cpuhp_remove_state() the
 * teardown callback.  (kapi-shim/kernel/cpu.c)
 */
#ifndef __CPUHOTPLUG_H
#define __CPUHOTPLUG_H

#include <linux/types.h>
#include <linux/list.h>

enum cpuhp_state {
	CPUHP_INVALID = -1,
	CPUHP_OFFLINE = 0,
	CPUHP_CREATE_THREADS,
	CPUHP_BP_PREPARE_DYN,
	CPUHP_BP_PREPARE_DYN_END	= CPUHP_BP_PREPARE_DYN + 20,
	CPUHP_BRINGUP_CPU,
	CPUHP_AP_OFFLINE,
	CPUHP_AP_ONLINE,
	CPUHP_AP_ONLINE_IDLE,
	CPUHP_AP_ONLINE_DYN,
	CPUHP_AP_ONLINE_DYN_END		= CPUHP_AP_ONLINE_DYN + 30,
	CPUHP_ONLINE,
};

int __cpuhp_setup_state(enum cpuhp_state state, const char *name, bool invoke,
			int (*startup)(unsigned int cpu),
			int (*teardown)(unsigned int cpu), bool multi_instance);
int __cpuhp_setup_state_multi(enum cpuhp_state state, const char *name,
			      int (*startup)(unsigned int cpu,
					     struct hlist_node *node),
			      int (*teardown)(unsigned int cpu,
					      struct hlist_node *node));
int __cpuhp_state_add_instance(enum cpuhp_state state, struct hlist_node *node,
			       bool invoke);
int __cpuhp_state_remove_instance(enum cpuhp_state state,
				  struct hlist_node *node, bool invoke);
void __cpuhp_remove_state(enum cpuhp_state state, bool invoke);

/*
 * For a CPUHP_*_DYN state the result is the state allocated (> 0), which
 * cpuhp_remove_state() takes; else 0.  -errno when a startup failed (the
 * CPUs already started are torn down again).
 */
static inline int cpuhp_setup_state(enum cpuhp_state state, const char *name,
				    int (*startup)(unsigned int cpu),
				    int (*teardown)(unsigned int cpu))
{
	return __cpuhp_setup_state(state, name, true, startup, teardown, false);
}

static inline int cpuhp_setup_state_cpuslocked(enum cpuhp_state state,
		const char *name, int (*startup)(unsigned int cpu),
		int (*teardown)(unsigned int cpu))
{
	return __cpuhp_setup_state(state, name, true, startup, teardown, false);
}

static inline int cpuhp_setup_state_nocalls(enum cpuhp_state state,
					    const char *name,
					    int (*startup)(unsigned int cpu),
					    int (*teardown)(unsigned int cpu))
{
	return __cpuhp_setup_state(state, name, false, startup, teardown, false);
}

static inline int cpuhp_setup_state_multi(enum cpuhp_state state,
		const char *name,
		int (*startup)(unsigned int cpu, struct hlist_node *node),
		int (*teardown)(unsigned int cpu, struct hlist_node *node))
{
	return __cpuhp_setup_state_multi(state, name, startup, teardown);
}

static inline int cpuhp_state_add_instance(enum cpuhp_state state,
					   struct hlist_node *node)
{
	return __cpuhp_state_add_instance(state, node, true);
}

static inline int cpuhp_state_add_instance_nocalls(enum cpuhp_state state,
						   struct hlist_node *node)
{
	return __cpuhp_state_add_instance(state, node, false);
}

static inline int cpuhp_state_remove_instance(enum cpuhp_state state,
					      struct hlist_node *node)
{
	return __cpuhp_state_remove_instance(state, node, true);
}

static inline int cpuhp_state_remove_instance_nocalls(enum cpuhp_state state,
						      struct hlist_node *node)
{
	return __cpuhp_state_remove_instance(state, node, false);
}

static inline void cpuhp_remove_state(enum cpuhp_state state)
{
	__cpuhp_remove_state(state, true);
}

static inline void cpuhp_remove_state_nocalls(enum cpuhp_state state)
{
	__cpuhp_remove_state(state, false);
}

static inline void cpuhp_remove_multi_state(enum cpuhp_state state)
{
	__cpuhp_remove_state(state, false);
}

#endif
