// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/report.c - counting findings, and the parts every report
 * shares: the task header line and the symbolized call trace.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <ksim/report.h>

#include "internal.h"
#include "sim/host.h"

static unsigned long report_counts[KSIM_REPORT_NR];

static const char *const report_names[KSIM_REPORT_NR] = {
	[KSIM_REPORT_WARN]		= "WARN",
	[KSIM_REPORT_BUG]		= "BUG",
	[KSIM_REPORT_LEAK]		= "leak",
	[KSIM_REPORT_BAD_FREE]		= "bad free",
	[KSIM_REPORT_ATOMIC_SLEEP]	= "sleep in atomic",
	[KSIM_REPORT_LOCKING]		= "locking",
	[KSIM_REPORT_OBJECT]		= "object misuse",
	[KSIM_REPORT_DMA]		= "DMA-API",
	[KSIM_REPORT_IOMMU]		= "IOMMU fault",
	[KSIM_REPORT_MMIO]		= "MMIO",
	[KSIM_REPORT_HUNG]		= "hung",
	[KSIM_REPORT_DEVICE]		= "device protocol",
	[KSIM_REPORT_DATA]		= "data corruption",
	[KSIM_REPORT_SLAB]		= "slab corruption",
};

void ksim_report(enum ksim_report_kind kind)
{
	if (kind >= KSIM_REPORT_NR)
		kind = KSIM_REPORT_BUG;
	__atomic_add_fetch(&report_counts[kind], 1, __ATOMIC_RELAXED);
}

unsigned long ksim_report_count(enum ksim_report_kind kind)
{
	return kind < KSIM_REPORT_NR ?
		__atomic_load_n(&report_counts[kind], __ATOMIC_RELAXED) : 0;
}

unsigned long ksim_report_total(void)
{
	unsigned long total = 0;
	int i;

	for (i = 0; i < KSIM_REPORT_NR; i++)
		total += ksim_report_count(i);
	return total;
}

const char *ksim_report_name(enum ksim_report_kind kind)
{
	return kind < KSIM_REPORT_NR ? report_names[kind] : "?";
}

void ksim_report_reset(void)
{
	int i;

	for (i = 0; i < KSIM_REPORT_NR; i++)
		__atomic_store_n(&report_counts[i], 0, __ATOMIC_RELAXED);
}

void ksim_print_frames(const char *level, void *const *frames, int nr)
{
	char sym[256];
	int i;

	for (i = 0; i < nr; i++) {
		ksim_host->symbolize(frames[i], sym, sizeof(sym));
		printk("%s %s\n", level, sym);
	}
}

#define STACK_DEPTH 32

void ksim_dump_stack_skip(const char *level, int skip)
{
	void *frames[STACK_DEPTH];
	int nr;

	/* +1: this function. */
	nr = ksim_host->stack_trace(frames, STACK_DEPTH, skip + 1);
	printk("%sCall Trace:\n", level);
	printk("%s <TASK>\n", level);
	ksim_print_frames(level, frames, nr);
	printk("%s </TASK>\n", level);
}

void ksim_print_task_header(const char *level)
{
	struct task_struct *p = current;
	char taint[TAINT_FLAGS_COUNT + 1];
	unsigned long mask = get_taint();
	static const char letters[TAINT_FLAGS_COUNT] = {
		[TAINT_PROPRIETARY_MODULE] = 'P', [TAINT_FORCED_MODULE] = 'F',
		[5] = 'B' /* TAINT_BAD_PAGE: slab corruption */, [TAINT_WARN] = 'W', [TAINT_CRAP] = 'C', [TAINT_OOT_MODULE] = 'O',
		[TAINT_UNSIGNED_MODULE] = 'E', [TAINT_SOFTLOCKUP] = 'L',
		[TAINT_LIVEPATCH] = 'K', [TAINT_AUX] = 'X', [TAINT_RANDSTRUCT] = 'T',
		[TAINT_TEST] = 'N',
	};
	int i, n = 0;

	for (i = 0; i < TAINT_FLAGS_COUNT; i++)
		if ((mask & (1UL << i)) && letters[i])
			taint[n++] = letters[i];
	taint[n] = '\0';
	if (n)
		printk("%sCPU: 0 PID: %d Comm: %.16s Tainted: G %s 6.1.0-ksim #1\n",
		       level, p->pid, p->comm, taint);
	else
		printk("%sCPU: 0 PID: %d Comm: %.16s Not tainted 6.1.0-ksim #1\n",
		       level, p->pid, p->comm);
	printk("%sHardware name: ksim simulated machine\n", level);
}
