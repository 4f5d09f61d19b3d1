// SPDX-License-Identifier: GPL-2.0
/*
 * lib/kunit/executor.c - which suites run and when: the suites of a module
 * run as it loads (MODULE_STATE_COMING, before its init, as in Linux 6.1),
 * as one KTAP document with its own "KTAP version 1" and "1..N" header;
 * kunit.filter_glob=suite_glob[.test_glob] selects suites and test cases as
 * the kernel's parameter does (a suite left with no case is left out).
 * ksim applies the filter to module suites too, where 6.1 only filters
 * built-in ones, so one module's suites can be run one test at a time.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <kunit/test.h>
#include <ksim/kunit.h>

#include "sim/host.h"
#include "kunit-internal.h"

/* ksim_kunit_plan_run(): several modules share one KTAP document. */
static int run_modules, run_suites;
static bool run_header_printed;

/* kunit.filter_glob, split at its first '.'; NULL: no filter. */
static char *filter_suite_glob;
static char *filter_test_glob;

static bool glob_match(const char *glob, const char *name)
{
	return !glob || !fnmatch(glob, name, 0);
}

static void free_filter(void)
{
	ksim_host->mem_free(filter_suite_glob);
	ksim_host->mem_free(filter_test_glob);
	filter_suite_glob = NULL;
	filter_test_glob = NULL;
}

static char *dup_part(const char *s, size_t len)
{
	char *p = ksim_host->mem_alloc(len + 1, 0);

	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

static int set_filter(const char *value)
{
	const char *dot = strchr(value, '.');

	free_filter();
	if (!*value)
		return 0;
	filter_suite_glob = dup_part(value, dot ? (size_t)(dot - value) : strlen(value));
	if (dot)
		filter_test_glob = dup_part(dot + 1, strlen(dot + 1));
	if (!filter_suite_glob || (dot && !filter_test_glob)) {
		free_filter();
		return -ENOMEM;
	}
	return 0;
}

static int parse_bool(const char *value, bool *out)
{
	if (!value || !strcmp(value, "1") || !strcasecmp(value, "y") ||
	    !strcasecmp(value, "yes") || !strcasecmp(value, "on") || !strcasecmp(value, "true"))
		*out = true;
	else if (!strcmp(value, "0") || !strcasecmp(value, "n") || !strcasecmp(value, "no") ||
		 !strcasecmp(value, "off") || !strcasecmp(value, "false"))
		*out = false;
	else
		return -EINVAL;
	return 0;
}

int ksim_kunit_set_param(const char *name, const char *value)
{
	char *end;
	long v;

	if (!strcmp(name, "filter_glob"))
		return value ? set_filter(value) : -EINVAL;
	if (!strcmp(name, "enable"))
		return parse_bool(value, &kunit_enable_param);
	if (!strcmp(name, "stats_enabled")) {
		if (!value || !*value)
			return -EINVAL;
		v = strtol(value, &end, 10);
		if (*end || v < 0 || v > 2)
			return -EINVAL;
		kunit_stats_enabled = (int)v;
		return 0;
	}
	return -ENOENT;
}

void ksim_kunit_set_ktap_only(bool on)
{
	kunit_ktap_only = on;
}

/*
 * The suite as the filter leaves it: @suite itself, a copy holding only
 * the matching cases (freed by the caller with ksim_host->mem_free), or
 * NULL when nothing of it matches.
 */
static struct kunit_suite *filter_suite(struct kunit_suite *suite, bool *copied)
{
	struct kunit_case *tc, *cases;
	struct kunit_suite *copy;
	size_t n = 0;

	*copied = false;
	if (!glob_match(filter_suite_glob, suite->name))
		return NULL;
	if (!filter_test_glob)
		return suite;
	kunit_suite_for_each_test_case(suite, tc)
		n += glob_match(filter_test_glob, tc->name);
	if (!n)
		return NULL;
	/* One block: the suite, then its cases and the terminating empty one. */
	copy = ksim_host->mem_alloc(sizeof(*copy) + (n + 1) * sizeof(*cases), 0);
	if (!copy)
		return suite;
	memcpy(copy, suite, sizeof(*copy));
	cases = (struct kunit_case *)(copy + 1);
	n = 0;
	kunit_suite_for_each_test_case(suite, tc)
		if (glob_match(filter_test_glob, tc->name))
			cases[n++] = *tc;
	memset(&cases[n], 0, sizeof(cases[n]));
	copy->test_cases = cases;
	*copied = true;
	return copy;
}

void ksim_kunit_plan_run(int nr_modules, int nr_suites)
{
	run_modules = nr_modules;
	run_suites = nr_suites;
	run_header_printed = false;
}

/* The document header: per module, or once for the whole run. */
static void kunit_print_header(int nr_suites)
{
	if (run_modules <= 1) {
		ksim_kunit_reset_numbering();
		kunit_ktap("KTAP version 1");
		kunit_ktap("1..%d", nr_suites);
		return;
	}
	if (run_header_printed)
		return;
	run_header_printed = true;
	ksim_kunit_reset_numbering();
	kunit_ktap("KTAP version 1");
	if (!filter_suite_glob)
		kunit_ktap("1..%d", run_suites);
}

void ksim_kunit_module_init(struct module *mod)
{
	struct kunit_suite **run;
	bool *copied;
	int i, n = 0;

	if (!mod->num_kunit_suites)
		return;
	if (!kunit_enabled()) {
		pr_info("kunit: disabled\n");
		return;
	}
	run = ksim_host->mem_alloc(mod->num_kunit_suites * sizeof(*run), 0);
	copied = ksim_host->mem_alloc(mod->num_kunit_suites * sizeof(*copied), 0);
	if (!run || !copied) {
		pr_err("kunit: %s: out of memory, its suites do not run\n", mod->name);
		goto out;
	}
	for (i = 0; i < mod->num_kunit_suites; i++) {
		struct kunit_suite *s = filter_suite(mod->kunit_suites[i], &copied[n]);

		if (s)
			run[n++] = s;
	}
	kunit_print_header(n);
	for (i = 0; i < n; i++) {
		ksim_kunit_run_suite(run[i], mod);
		if (copied[i])
			ksim_host->mem_free(run[i]);
	}
out:
	ksim_host->mem_free(run);
	ksim_host->mem_free(copied);
}

void ksim_kunit_module_exit(struct module *mod)
{
	/* As 6.1 at module exit; a shared document keeps its numbering. */
	if (mod->num_kunit_suites && run_modules <= 1)
		ksim_kunit_reset_numbering();
}
