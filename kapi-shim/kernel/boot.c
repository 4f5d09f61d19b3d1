// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/boot.c - start_kernel for ksim: bring the subsystems up
 * in dependency order, and take them down in reverse.
 */
#include <linux/reboot.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/time64.h>
#include <ksim/boot.h>
#include <ksim/report.h>

#include "internal.h"
#include "sim/host.h"

static bool booted;
unsigned int ksim_boot_seq;

extern bool __start_ksim_data_once[] __weak;
extern bool __stop_ksim_data_once[] __weak;

/* WARN_ON_ONCE() and pr_*_once() warn again in a new machine, as in a new kernel. */
static void clear_once_flags(void)
{
	bool *start = __start_ksim_data_once, *stop = __stop_ksim_data_once;

	if (start && stop > start)
		memset(start, 0, stop - start);
}

int ksim_kernel_boot(const struct ksim_boot_params *params)
{
	static const struct ksim_boot_params defaults;
	struct ksim_host_params host = { 0 };
	int err;

	if (booted)
		return -EBUSY;
	if (!params)
		params = &defaults;
	ksim_boot_seq++;
	clear_once_flags();
	ksim_free_checks_reset();
	host.seed = params->seed;
	host.sched = params->sched;
	host.fibers = params->det_fibers;
	host.hung = ksim_hung_task_detected;
	host.hung_timeout_ns = (int64_t)params->hung_task_timeout_secs * NSEC_PER_SEC;
	ksim_hung_task_set_timeout(host.hung_timeout_ns);
	err = ksim_host_init(params->host ? params->host : &ksim_host_threads, &host);
	if (err)
		return err;
	nr_cpu_ids = params->nr_cpus ? params->nr_cpus : 2;
	err = ksim_printk_init(params);
	if (err)
		return err;
	err = ksim_sched_init();
	if (err)
		return err;
	err = ksim_mm_init();
	if (err)
		goto out_sched;
	err = ksim_timers_init();
	if (err)
		goto out_mm;
	err = ksim_hrtimers_init();
	if (err)
		goto out_timers;
	err = ksim_workqueue_init();
	if (err)
		goto out_hrtimers;
	system_state = SYSTEM_RUNNING;
	booted = true;
	pr_info("Linux version 6.1.0-ksim (ksim %s host backend), %u CPUs, HZ=%d\n",
		ksim_host->name, nr_cpu_ids, CONFIG_HZ);
	return 0;

out_hrtimers:
	ksim_hrtimers_exit();
out_timers:
	ksim_timers_exit();
out_mm:
	ksim_mm_exit();
out_sched:
	ksim_sched_exit();
	return err;
}

void ksim_kernel_shutdown(void)
{
	if (!booted)
		return;
	system_state = SYSTEM_POWER_OFF;
	ksim_reboot_notify(SYS_POWER_OFF);	/* as kernel_power_off() */
	/* A threads backend's watchdog outlives the machine: it must find nothing to check. */
	ksim_hung_task_set_timeout(0);
	/* Devices first: their drivers' remove() may still queue work or timers. */
	ksim_pci_exit();
	ksim_workqueue_exit();
	/* kfree_rcu() memory must be freed before the final leak check. */
	ksim_rcu_exit();
	ksim_hrtimers_exit();
	ksim_timers_exit();
	ksim_mm_exit();
	ksim_lockdep_graph_exit();
	ksim_printk_flush();
	ksim_sched_exit();
	booted = false;
}

bool ksim_kernel_booted(void)
{
	return booted;
}
