/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim/kunit.h - the harness's side of KUnit (kapi-shim/lib/kunit/): the
 * "kunit." parameters of the kernel command line, the KTAP-only console,
 * and the verdict the ksim command turns into its exit status.
 *
 * Seen by the shim's implementation, sim/ and tests; not by modules.
 */
#ifndef _KSIM_KUNIT_H
#define _KSIM_KUNIT_H

#include <stdbool.h>

struct module;

/*
 * Set KUnit's parameter @name ("filter_glob", "enable", "stats_enabled",
 * as the kernel's kunit.<name>=) to @value.  Returns 0, -ENOENT for an
 * unknown name, -EINVAL for a bad value.
 */
int ksim_kunit_set_param(const char *name, const char *value);
/*
 * KTAP only: the KTAP lines go straight to the console, without the log's
 * timestamps, and nothing else does (the caller turns the console off).
 */
void ksim_kunit_set_ktap_only(bool on);
/*
 * The run will load @nr_modules modules with KUnit suites, @nr_suites
 * suites in all.  With more than one such module their suites form one
 * KTAP document (one header, suites numbered on across modules; the plan
 * line is left out when kunit.filter_glob may drop suites), so the
 * kernel's parser sees them all.  Without this call, or with one module,
 * each module prints a document of its own as Linux 6.1 does.
 */
void ksim_kunit_plan_run(int nr_modules, int nr_suites);
/* Run the suites in @mod's ".kunit_test_suites" (as the module comes). */
void ksim_kunit_module_init(struct module *mod);
/* The module goes: forget its suites' numbering. */
void ksim_kunit_module_exit(struct module *mod);
/* Test cases (and suites that could not start) run, and failed, so far. */
unsigned long ksim_kunit_cases_run(void);
unsigned long ksim_kunit_cases_failed(void);
/* Forget the counts (between tests in one process). */
void ksim_kunit_reset(void);

#endif
