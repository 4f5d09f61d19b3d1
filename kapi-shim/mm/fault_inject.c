// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/mm/fault_inject.c - struct fault_attr and should_fail(), the
 * kernel's generic fault injection (lib/fault-inject.c there), which
 * failslab and drivers build on.
 *
 * The random draws come from the host's generator, which --seed replays,
 * so a run that failed an allocation fails the same one again.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/fault-inject.h>
#include <linux/sprintf.h>

#include "internal.h"
#include "sim/host.h"
#include "ksim_mm.h"

void ksim_fault_dump(struct fault_attr *attr)
{
	if (!attr->verbose)
		return;
	printk(KERN_NOTICE "FAULT_INJECTION: forcing a failure.\n");
	printk(KERN_NOTICE "name %s, interval %lu, probability %lu, space %d, times %d\n",
	       attr->ksim_name ? attr->ksim_name : "fault_attr", attr->interval,
	       attr->probability, atomic_read(&attr->space), atomic_read(&attr->times));
	if (attr->verbose > 1)
		dump_stack();
}

/* The decision alone, without the message (failslab prints it unlocked). */
bool ksim_fault_decide(struct fault_attr *attr, ssize_t size)
{
	if (!attr->probability)
		return false;
	if (atomic_read(&attr->times) == 0)
		return false;
	/* The first @space bytes asked for are let through. */
	if (atomic_read(&attr->space) > size) {
		atomic_sub(size, &attr->space);
		return false;
	}
	if (attr->interval > 1) {
		attr->count++;
		if (attr->count % attr->interval)
			return false;
	}
	if (attr->probability <= ksim_host->random_u64() % 100)
		return false;

	if (atomic_read(&attr->times) != -1)
		atomic_dec(&attr->times);
	return true;
}

bool should_fail(struct fault_attr *attr, ssize_t size)
{
	if (!ksim_fault_decide(attr, size))
		return false;
	ksim_fault_dump(attr);
	return true;
}
EXPORT_SYMBOL_GPL(should_fail);

/* "<interval>,<probability>,<space>,<times>", as the kernel's boot options. */
int setup_fault_attr(struct fault_attr *attr, char *str)
{
	unsigned long probability, interval;
	int times, space;

	if (!str || ksim_sscanf(str, "%lu,%lu,%d,%d", &interval, &probability,
			   &space, &times) < 4) {
		printk(KERN_WARNING "FAULT_INJECTION: failed to parse arguments\n");
		return 0;
	}
	attr->probability = probability > 100 ? 100 : probability;
	attr->interval = interval;
	atomic_set(&attr->times, times);
	atomic_set(&attr->space, space);
	return 1;
}
EXPORT_SYMBOL_GPL(setup_fault_attr);
