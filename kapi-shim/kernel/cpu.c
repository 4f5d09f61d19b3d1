// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/cpu.c - CPU hotplug states on a machine whose CPUs
 * never go offline: setting a state up runs its startup callback on every
 * online CPU (in CPU order, in the caller), removing it runs teardown in
 * reverse.  A startup failure tears the CPUs already done back down and
 * returns the error, as cpuhp_issue_call's rollback does.
 */
#include <linux/kernel.h>
#include <linux/cpu.h>
#include <linux/rwsem.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/export.h>

static DECLARE_RWSEM(cpu_hotplug_lock);
static DEFINE_MUTEX(cpuhp_state_mutex);

void cpus_read_lock(void)
{
	down_read(&cpu_hotplug_lock);
}
EXPORT_SYMBOL_GPL(cpus_read_lock);

int cpus_read_trylock(void)
{
	return down_read_trylock(&cpu_hotplug_lock);
}
EXPORT_SYMBOL_GPL(cpus_read_trylock);

void cpus_read_unlock(void)
{
	up_read(&cpu_hotplug_lock);
}
EXPORT_SYMBOL_GPL(cpus_read_unlock);

void cpus_write_lock(void)
{
	down_write(&cpu_hotplug_lock);
}

void cpus_write_unlock(void)
{
	up_write(&cpu_hotplug_lock);
}

void lockdep_assert_cpus_held(void)
{
}
EXPORT_SYMBOL_GPL(lockdep_assert_cpus_held);

struct cpuhp_step {
	const char *name;
	bool multi;
	int (*single_startup)(unsigned int cpu);
	int (*single_teardown)(unsigned int cpu);
	int (*multi_startup)(unsigned int cpu, struct hlist_node *node);
	int (*multi_teardown)(unsigned int cpu, struct hlist_node *node);
	struct hlist_head instances;
};

static struct cpuhp_step steps[CPUHP_ONLINE + 1];

static int call_startup(struct cpuhp_step *sp, unsigned int cpu,
			struct hlist_node *node)
{
	if (sp->multi)
		return sp->multi_startup ? sp->multi_startup(cpu, node) : 0;
	return sp->single_startup ? sp->single_startup(cpu) : 0;
}

static void call_teardown(struct cpuhp_step *sp, unsigned int cpu,
			  struct hlist_node *node)
{
	if (sp->multi) {
		if (sp->multi_teardown)
			sp->multi_teardown(cpu, node);
	} else if (sp->single_teardown) {
		sp->single_teardown(cpu);
	}
}

/* Start every online CPU; on failure undo those done and return the error. */
static int startup_all(struct cpuhp_step *sp, struct hlist_node *node)
{
	unsigned int cpu, done;
	int ret;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		ret = call_startup(sp, cpu, node);
		if (ret) {
			for (done = cpu; done-- > 0;)
				call_teardown(sp, done, node);
			return ret;
		}
	}
	return 0;
}

static void teardown_all(struct cpuhp_step *sp, struct hlist_node *node)
{
	unsigned int cpu;

	for (cpu = nr_cpu_ids; cpu-- > 0;)
		call_teardown(sp, cpu, node);
}

/* A free dynamic state, or the fixed one asked for; -ENOSPC / -EBUSY. */
static int claim_state(enum cpuhp_state state)
{
	int first, last, i;

	if (state == CPUHP_AP_ONLINE_DYN || state == CPUHP_BP_PREPARE_DYN) {
		first = state;
		last = state == CPUHP_AP_ONLINE_DYN ? CPUHP_AP_ONLINE_DYN_END :
						      CPUHP_BP_PREPARE_DYN_END;
		for (i = first; i <= last; i++)
			if (!steps[i].name)
				return i;
		return -ENOSPC;
	}
	if (state <= CPUHP_OFFLINE || state >= CPUHP_ONLINE)
		return -EINVAL;
	return steps[state].name ? -EBUSY : state;
}

static bool is_dynamic(enum cpuhp_state state)
{
	return state == CPUHP_AP_ONLINE_DYN || state == CPUHP_BP_PREPARE_DYN;
}

int __cpuhp_setup_state(enum cpuhp_state state, const char *name, bool invoke,
			int (*startup)(unsigned int cpu),
			int (*teardown)(unsigned int cpu), bool multi_instance)
{
	struct cpuhp_step *sp;
	int slot, ret = 0;

	if (WARN_ON_ONCE(!name))
		return -EINVAL;
	cpus_read_lock();
	mutex_lock(&cpuhp_state_mutex);
	slot = claim_state(state);
	if (slot < 0) {
		ret = slot;
		goto out;
	}
	sp = &steps[slot];
	sp->name = name;
	sp->multi = multi_instance;
	sp->single_startup = startup;
	sp->single_teardown = teardown;
	INIT_HLIST_HEAD(&sp->instances);
	if (invoke && startup) {
		ret = startup_all(sp, NULL);
		if (ret) {
			memset(sp, 0, sizeof(*sp));
			goto out;
		}
	}
	if (is_dynamic(state))
		ret = slot;
out:
	mutex_unlock(&cpuhp_state_mutex);
	cpus_read_unlock();
	return ret;
}
EXPORT_SYMBOL(__cpuhp_setup_state);

int __cpuhp_setup_state_multi(enum cpuhp_state state, const char *name,
			      int (*startup)(unsigned int cpu,
					     struct hlist_node *node),
			      int (*teardown)(unsigned int cpu,
					      struct hlist_node *node))
{
	int ret = __cpuhp_setup_state(state, name, false, NULL, NULL, true);
	int slot = is_dynamic(state) ? ret : state;

	if (ret < 0)
		return ret;
	mutex_lock(&cpuhp_state_mutex);
	steps[slot].multi_startup = startup;
	steps[slot].multi_teardown = teardown;
	mutex_unlock(&cpuhp_state_mutex);
	return ret;
}
EXPORT_SYMBOL(__cpuhp_setup_state_multi);

static struct cpuhp_step *live_step(enum cpuhp_state state)
{
	if (state <= CPUHP_OFFLINE || state >= CPUHP_ONLINE ||
	    !steps[state].name)
		return NULL;
	return &steps[state];
}

int __cpuhp_state_add_instance(enum cpuhp_state state, struct hlist_node *node,
			       bool invoke)
{
	struct cpuhp_step *sp;
	int ret = 0;

	cpus_read_lock();
	mutex_lock(&cpuhp_state_mutex);
	sp = live_step(state);
	if (WARN_ON(!sp || !sp->multi)) {
		ret = -EINVAL;
		goto out;
	}
	if (invoke)
		ret = startup_all(sp, node);
	if (!ret)
		hlist_add_head(node, &sp->instances);
out:
	mutex_unlock(&cpuhp_state_mutex);
	cpus_read_unlock();
	return ret;
}
EXPORT_SYMBOL_GPL(__cpuhp_state_add_instance);

int __cpuhp_state_remove_instance(enum cpuhp_state state,
				  struct hlist_node *node, bool invoke)
{
	struct cpuhp_step *sp;
	int ret = 0;

	cpus_read_lock();
	mutex_lock(&cpuhp_state_mutex);
	sp = live_step(state);
	if (WARN_ON(!sp || !sp->multi)) {
		ret = -EINVAL;
		goto out;
	}
	if (invoke)
		teardown_all(sp, node);
	hlist_del(node);
out:
	mutex_unlock(&cpuhp_state_mutex);
	cpus_read_unlock();
	return ret;
}
EXPORT_SYMBOL_GPL(__cpuhp_state_remove_instance);

void __cpuhp_remove_state(enum cpuhp_state state, bool invoke)
{
	struct cpuhp_step *sp;

	cpus_read_lock();
	mutex_lock(&cpuhp_state_mutex);
	sp = live_step(state);
	if (WARN(!sp, "cpuhp_remove_state: state %d is not set up\n", state))
		goto out;
	/* As the kernel: a multi state must have no instances left. */
	if (WARN(sp->multi && !hlist_empty(&sp->instances),
		 "Error: Removing state %d which has instances left.\n", state))
		goto out;
	if (invoke && !sp->multi)
		teardown_all(sp, NULL);
	memset(sp, 0, sizeof(*sp));
out:
	mutex_unlock(&cpuhp_state_mutex);
	cpus_read_unlock();
}
EXPORT_SYMBOL(__cpuhp_remove_state);
