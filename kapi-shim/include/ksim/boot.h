/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim/boot.h - starting and stopping the simulated kernel.  Used by the
 * ksim command (sim/), by tests and by benchmarks; never by drivers.
 */
#ifndef _KSIM_BOOT_H
#define _KSIM_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ksim_host_ops;

struct ksim_boot_params {
	/* Host backend; NULL for the threads backend. */
	const struct ksim_host_ops *host;
	/* Seed for the host's generator (fault injection, jitter); 0: random. */
	uint64_t seed;
	/* Console log level (loglevel=); messages below it are printed. 0: default (7). */
	int loglevel;
	/* CPUs of the simulated machine (nr_cpu_ids); 0: 2. */
	unsigned int nr_cpus;
	/* Scheduling strategy of the deterministic backend ("random", "pct:3"); NULL: random. */
	const char *sched;
	/*
	 * Threads backend: report hung tasks after this many seconds with every
	 * task blocked (hung_task_timeout_secs); 0: no watchdog.  The
	 * deterministic backend finds a deadlock at once, whatever this says.
	 */
	unsigned int hung_task_timeout_secs;
	/*
	 * Deterministic backend: tasks are fibers on the booting thread, not
	 * host threads (the same run, faster switches; gdb sees one thread).
	 */
	bool det_fibers;
};

/* Bring the kernel up: host, printk, scheduler, memory, timers, workqueues. */
int ksim_kernel_boot(const struct ksim_boot_params *params);
/*
 * Take it down again: flush and stop the system workqueues and the timer
 * task, then report whatever is still allocated (kmemleak at exit).
 */
void ksim_kernel_shutdown(void);
bool ksim_kernel_booted(void);

/* ---- the kernel log, for tests and the ksim command ---- */

/* Copy the whole dmesg buffer (lines with timestamps) into @buf. */
size_t ksim_dmesg_read(char *buf, size_t len);
/* Whether any line logged since boot (or the last clear) contains @needle. */
bool ksim_dmesg_contains(const char *needle);
/* Number of lines containing @needle. */
unsigned int ksim_dmesg_count(const char *needle);
void ksim_dmesg_clear(void);
/* Release the log buffer (at process exit, so valgrind sees nothing live). */
void ksim_printk_exit(void);
/* Mirror the log to the console (default) or keep it only in dmesg. */
void ksim_console_enable(bool on);

/*
 * Called by panic() after the panic message, just before the machine halts
 * with exit status 3 (the ksim command prints its summary there).
 */
void ksim_set_panic_notifier(void (*fn)(void));
/* Likewise after a hung-task report, just before the machine halts with status 1. */
void ksim_set_hung_notifier(void (*fn)(void));
/* Clear the taint flags (between tests in one process). */
void ksim_taint_reset(void);

/*
 * Put the calling thread on simulated CPU @cpu (modulo nr_cpu_ids), so a
 * workload thread per CPU uses every blk-mq hardware queue.
 */
void ksim_set_current_cpu(unsigned int cpu);

/* Ask every task to stop (SIGINT/SIGTERM): signal_pending() turns true. */
void ksim_signal_all(void);

#endif
