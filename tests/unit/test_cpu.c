// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_cpu.c - kernel/cpu.c: hotplug states run startup on
 * every online CPU and teardown on removal, dynamic states are allocated,
 * a failing startup rolls back, multi-instance states per instance.
 */
#include "ktest.h"

#include <linux/cpu.h>
#include <linux/cpumask.h>

TestSuite(cpu, .init = ktest_boot, .fini = ktest_shutdown);

static unsigned long up_mask, down_mask;
static int fail_on = -1;

static int up(unsigned int cpu)
{
	if ((int)cpu == fail_on)
		return -EIO;
	up_mask |= 1ul << cpu;
	return 0;
}

static int down(unsigned int cpu)
{
	down_mask |= 1ul << cpu;
	return 0;
}

Test(cpu, dynamic_state_runs_on_every_cpu)
{
	unsigned long all = (1ul << nr_cpu_ids) - 1;
	int state = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "test:online", up, down);

	cr_assert_geq(state, CPUHP_AP_ONLINE_DYN);
	cr_assert_eq(up_mask, all);
	cr_assert_eq(down_mask, 0);
	cpuhp_remove_state(state);
	cr_assert_eq(down_mask, all);
}

Test(cpu, nocalls_and_failure_rollback)
{
	int state = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "test:n", up, down);

	cr_assert_gt(state, 0);
	cr_assert_eq(up_mask, 0);
	cpuhp_remove_state_nocalls(state);
	cr_assert_eq(down_mask, 0);

	fail_on = 1;
	cr_assert_eq(cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "test:f", up, down), -EIO);
	cr_assert_eq(up_mask, 1ul);	/* CPU 0 started, then torn down */
	cr_assert_eq(down_mask, 1ul);
}

struct inst {
	struct hlist_node node;
	int starts;
};

static int inst_up(unsigned int cpu, struct hlist_node *node)
{
	hlist_entry(node, struct inst, node)->starts++;
	return 0;
}

static int inst_down(unsigned int cpu, struct hlist_node *node)
{
	hlist_entry(node, struct inst, node)->starts--;
	return 0;
}

Test(cpu, multi_instance)
{
	struct inst a = { 0 };
	int state = cpuhp_setup_state_multi(CPUHP_AP_ONLINE_DYN, "test:m",
					    inst_up, inst_down);

	cr_assert_gt(state, 0);
	cr_assert_eq(cpuhp_state_add_instance(state, &a.node), 0);
	cr_assert_eq(a.starts, (int)nr_cpu_ids);
	cr_assert_eq(cpuhp_state_remove_instance(state, &a.node), 0);
	cr_assert_eq(a.starts, 0);
	cpuhp_remove_multi_state(state);
	cpus_read_lock();
	cpus_read_unlock();
}
