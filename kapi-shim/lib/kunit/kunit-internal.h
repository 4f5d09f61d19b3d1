/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lib/kunit/kunit-internal.h - what the runner (test.c) and the executor
 * (executor.c: parameters, filtering, module suites) share.
 */
#ifndef _KUNIT_INTERNAL_H
#define _KUNIT_INTERNAL_H

#include <linux/types.h>

struct kunit_suite;
struct module;

/* Longest line KUnit prints (the kernel log's own limit is larger). */
#define KUNIT_LINE_MAX 1024

extern bool kunit_enable_param;		/* kunit.enable */
extern int kunit_stats_enabled;		/* kunit.stats_enabled */
extern bool kunit_ktap_only;		/* ksim --kunit */

/* Print one line of the KTAP document (KERN_INFO). */
__printf(1, 2) void kunit_ktap(const char *fmt, ...);
/* Run one suite of @mod (NULL: the shim's own). */
int ksim_kunit_run_suite(struct kunit_suite *suite, struct module *mod);
/* Start a new KTAP document: suites are numbered from 1 again. */
void ksim_kunit_reset_numbering(void);

#endif
