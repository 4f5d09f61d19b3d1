/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim/report.h - the harness's findings.  Every check that finds a driver
 * bug (a WARN, a leak, a lock inversion, sleeping in atomic context, a bad
 * DMA access...) prints a kernel-style report and counts it here; ksim exits
 * non-zero when any count is non-zero, and tests assert on the counts.
 *
 * Seen by the shim's implementation, sim/ and tests; not by drivers.
 */
#ifndef _KSIM_REPORT_H
#define _KSIM_REPORT_H

enum ksim_report_kind {
	KSIM_REPORT_WARN,		/* WARN_ON() and friends fired */
	KSIM_REPORT_BUG,		/* BUG(), an oops, a panic */
	KSIM_REPORT_LEAK,		/* kmemleak: memory left allocated */
	KSIM_REPORT_BAD_FREE,		/* double free, free of a foreign pointer */
	KSIM_REPORT_ATOMIC_SLEEP,	/* might_sleep() in atomic context */
	KSIM_REPORT_LOCKING,		/* lockdep, unlock of an unowned lock... */
	KSIM_REPORT_OBJECT,		/* object misuse: a live timer or work freed, ... */
	KSIM_REPORT_DMA,		/* DMA-API debug */
	KSIM_REPORT_IOMMU,		/* device access to unmapped memory */
	KSIM_REPORT_MMIO,		/* access outside any mapped BAR */
	KSIM_REPORT_HUNG,		/* a task or the machine did not finish in time */
	KSIM_REPORT_DEVICE,		/* a device model saw the driver break the protocol (ub_ events) */
	KSIM_REPORT_DATA,		/* a workload read back what it did not write */
	KSIM_REPORT_SLAB,		/* slub_debug: red zone or free poison overwritten */
	KSIM_REPORT_NR,
};

/* Count one report of @kind.  Call after printing it. */
void ksim_report(enum ksim_report_kind kind);
/* Reports of @kind so far, and of every kind. */
unsigned long ksim_report_count(enum ksim_report_kind kind);
unsigned long ksim_report_total(void);
/* "WARN", "leak", ... for summaries. */
const char *ksim_report_name(enum ksim_report_kind kind);
/* Forget every count (between tests in one process). */
void ksim_report_reset(void);

/*
 * Print the calling task's stack as "Call Trace:" lines at @level,
 * leaving out the innermost @skip frames (the reporting code itself).
 */
void ksim_dump_stack_skip(const char *level, int skip);

/*
 * Print "CPU: 0 PID: 12 Comm: kworker/0:1 Tainted: G W" as the kernel
 * does at the top of a report.
 */
void ksim_print_task_header(const char *level);

/*
 * Print the stored stack @frames (e.g. captured at allocation time) at
 * @level, one symbolized frame per line.
 */
void ksim_print_frames(const char *level, void *const *frames, int nr);

#endif
