/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/unit/ktest.h - shared fixture for the Criterion suites: boot a fresh
 * kernel for each test, check at the end that it reported nothing the test
 * did not ask for.
 *
 *	TestSuite(mutex, .init = ktest_boot, .fini = ktest_shutdown);
 */
#ifndef KSIM_KTEST_H
#define KSIM_KTEST_H

#include <criterion/criterion.h>
#include <stdbool.h>

#include "ksim/boot.h"
#include "ksim/report.h"

/* Boot with the console quiet (the log stays in dmesg); KTEST_CONSOLE=1 shows it. */
void ktest_boot(void);
/* Shut down; fail unless every report made was announced with ktest_expect_reports(). */
void ktest_shutdown(void);
/* The test expects exactly @nr reports of @kind by the end (checked at shutdown). */
void ktest_expect_reports(enum ksim_report_kind kind, unsigned long nr);

/* Wait (polling, up to @timeout_ms) until @cond is true; returns it. */
#define ktest_wait_for(cond, timeout_ms) ({				\
	bool __ok = false;						\
	for (int __i = 0; __i < (timeout_ms); __i++) {			\
		if ((cond)) { __ok = true; break; }			\
		ktest_sleep_ms(1);					\
	}								\
	__ok || (cond); })
void ktest_sleep_ms(unsigned int ms);

#endif
