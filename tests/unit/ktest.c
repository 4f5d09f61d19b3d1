// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/ktest.c - the shared Criterion fixture (ktest.h).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ktest.h"
#include "sim/host.h"

static unsigned long expected[KSIM_REPORT_NR];

/* On the machine's clock once it is up: virtual time under det, where a real sleep would only stall. */
void ktest_sleep_ms(unsigned int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };

	if (ksim_kernel_booted()) {
		ksim_host->sleep_until(ksim_host->now_ns() + (int64_t)ms * 1000000);
		return;
	}
	while (nanosleep(&ts, &ts))
		;
}

/*
 * KSIM_BACKEND=det runs every suite on the deterministic backend
 * (make check does both); KSIM_SEED and KSIM_SCHED pick its schedule,
 * KSIM_DET_TASKS how it runs its tasks.
 */
void ktest_boot(void)
{
	struct ksim_boot_params params = { .seed = 1 };
	const char *console = getenv("KTEST_CONSOLE");
	const char *backend = getenv("KSIM_BACKEND");
	const char *seed = getenv("KSIM_SEED");
	int err;

	params.host = ksim_host_find(backend);
	if (!params.host) {
		cr_log_error("ktest: KSIM_BACKEND=%s is not a backend (threads, det)", backend);
		exit(1);
	}
	if (seed && *seed)
		params.seed = strtoull(seed, NULL, 0);
	params.sched = getenv("KSIM_SCHED");
	/* KSIM_DET_TASKS=fibers: det's tasks as fibers on the test's thread (make check's det pass). */
	params.det_fibers = getenv("KSIM_DET_TASKS") && !strcmp(getenv("KSIM_DET_TASKS"), "fibers");

	memset(expected, 0, sizeof(expected));
	ksim_console_enable(console && *console == '1');
	err = ksim_kernel_boot(&params);
	if (err) {
		/* Criterion ignores assertions in .init: exit, which it does report. */
		cr_log_error("ktest: ksim_kernel_boot failed: %d", err);
		exit(1);
	}
}

void ktest_expect_reports(enum ksim_report_kind kind, unsigned long nr)
{
	expected[kind] = nr;
}

/*
 * Criterion counts a test as passed whatever its .fini does, except that
 * it warns when the process exits there; scripts/run-tests counts those
 * warnings as failures.  So a mismatch exits.
 */
void ktest_shutdown(void)
{
	static char log[1 << 16];
	bool ok = true;
	int k;

	ksim_kernel_shutdown();
	for (k = 0; k < KSIM_REPORT_NR; k++) {
		unsigned long got = ksim_report_count(k);

		if (got != expected[k]) {
			cr_log_error("ktest: %lu '%s' report(s), expected %lu", got,
				     ksim_report_name(k), expected[k]);
			ok = false;
		}
	}
	if (!ok) {
		ksim_dmesg_read(log, sizeof(log));
		cr_log_error("kernel log:\n%s", log);
		exit(1);
	}
	ksim_printk_exit();
}
