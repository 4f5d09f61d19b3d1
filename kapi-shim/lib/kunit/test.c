// SPDX-License-Identifier: GPL-2.0
/*
 * lib/kunit/test.c - running KUnit suites and printing their KTAP v1, as
 * Linux 6.1 prints it:
 *
 *	KTAP version 1
 *	1..1
 *	    KTAP version 1
 *	    # Subtest: example
 *	    1..2
 *	    ok 1 example_simple_test
 *	    ok 2 example_skip_test # SKIP this test should be skipped
 *	# example: pass:1 fail:0 skip:1 total:2
 *	# Totals: pass:1 fail:0 skip:1 total:2
 *	ok 1 example
 *
 * What ksim adds: every report the harness makes while a case runs (from
 * any thread: a kthread, a work item, a timer, an interrupt handler) fails
 * that case, and memory the suite's module allocated during the case and
 * did not free is reported as a leak of that case (and fails it).
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/resource.h>
#include <kunit/test.h>
#include <kunit/test-bug.h>
#include <kunit/try-catch.h>
#include <ksim/report.h>

#include "internal.h"
#include "sim/host.h"
#include "string-stream.h"
#include "kunit-internal.h"

/* kunit.enable and kunit.stats_enabled (0: never, 1: if >1 case, 2: always). */
bool kunit_enable_param = true;
int kunit_stats_enabled = 1;
bool kunit_ktap_only;

/* The case running now (one at a time), for reports from other threads. */
static struct kunit *kunit_running;
static unsigned long cases_run, cases_failed;

/* Numbering of the suites in the current KTAP document. */
static size_t kunit_suite_counter = 1;

struct kunit_result_stats {
	unsigned long passed;
	unsigned long skipped;
	unsigned long failed;
	unsigned long total;
};

/* One output line: to the kernel log and, in KTAP-only mode, the console. */
static void kunit_emit_line(const char *lvl, const char *line, size_t len)
{
	char raw[KUNIT_LINE_MAX + 2];

	printk("%s%.*s\n", lvl, (int)len, line);
	if (kunit_ktap_only) {
		if (len > KUNIT_LINE_MAX)
			len = KUNIT_LINE_MAX;
		memcpy(raw, line, len);
		raw[len] = '\n';
		ksim_host->console_write(raw, len + 1);
	}
}

/* Print (and log) @text line by line; a trailing newline adds no line. */
static void kunit_emit(const char *lvl, char *log, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		kunit_emit_line(lvl, p, len);
		if (log)
			kunit_log_append(log, "%.*s\n", (int)len, p);
		if (!nl)
			break;
		p = nl + 1;
	}
}

static void kunit_vemit(const char *lvl, char *log, const char *fmt, va_list args)
{
	char buf[KUNIT_LINE_MAX];

	vscnprintf(buf, sizeof(buf), fmt, args);
	kunit_emit(lvl, log, buf);
}

void __kunit_log(const char *lvl, char *log, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	kunit_vemit(lvl, log, fmt, args);
	va_end(args);
}
EXPORT_SYMBOL_GPL(__kunit_log);

/* Lines of the KTAP document itself (headers, results): KERN_INFO. */
void kunit_ktap(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	kunit_vemit(KERN_INFO, NULL, fmt, args);
	va_end(args);
}

void kunit_log_append(char *log, const char *fmt, ...)
{
	char line[KUNIT_LOG_SIZE];
	size_t used;
	va_list args;

	if (!log)
		return;
	used = strlen(log);
	if (used >= KUNIT_LOG_SIZE - 1)
		return;
	va_start(args, fmt);
	vscnprintf(line, sizeof(line), fmt, args);
	va_end(args);
	strncat(log, line, KUNIT_LOG_SIZE - used - 1);
}
EXPORT_SYMBOL_GPL(kunit_log_append);

bool kunit_enabled(void)
{
	return kunit_enable_param;
}
EXPORT_SYMBOL_GPL(kunit_enabled);

size_t kunit_suite_num_test_cases(struct kunit_suite *suite)
{
	struct kunit_case *test_case;
	size_t len = 0;

	kunit_suite_for_each_test_case(suite, test_case)
		len++;
	return len;
}
EXPORT_SYMBOL_GPL(kunit_suite_num_test_cases);

unsigned int kunit_test_case_num(struct kunit_suite *suite, struct kunit_case *test_case)
{
	struct kunit_case *tc;
	unsigned int i = 1;

	kunit_suite_for_each_test_case(suite, tc) {
		if (tc == test_case)
			return i;
		i++;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(kunit_test_case_num);

enum kunit_status kunit_suite_has_succeeded(struct kunit_suite *suite)
{
	const struct kunit_case *test_case;
	enum kunit_status status = KUNIT_SKIPPED;

	if (suite->suite_init_err)
		return KUNIT_FAILURE;
	kunit_suite_for_each_test_case(suite, test_case) {
		if (test_case->status == KUNIT_FAILURE)
			return KUNIT_FAILURE;
		if (test_case->status == KUNIT_SUCCESS)
			status = KUNIT_SUCCESS;
	}
	return status;
}
EXPORT_SYMBOL_GPL(kunit_suite_has_succeeded);

static void kunit_print_ok_not_ok(const char *indent, enum kunit_status status,
				  size_t number, const char *name, const char *comment)
{
	bool skipped = status == KUNIT_SKIPPED;

	kunit_ktap("%s%s %zu %s%s%s", indent, kunit_status_to_ok_not_ok(status),
		   number, name, skipped ? " # SKIP " : "", skipped ? comment : "");
}

static bool kunit_should_print_stats(struct kunit_result_stats stats)
{
	if (kunit_stats_enabled == 0)
		return false;
	if (kunit_stats_enabled == 2)
		return true;
	return stats.total > 1;
}

static void kunit_update_stats(struct kunit_result_stats *stats, enum kunit_status status)
{
	switch (status) {
	case KUNIT_SUCCESS:
		stats->passed++;
		break;
	case KUNIT_SKIPPED:
		stats->skipped++;
		break;
	case KUNIT_FAILURE:
		stats->failed++;
		break;
	}
	stats->total++;
}

static void kunit_accumulate_stats(struct kunit_result_stats *total,
				   struct kunit_result_stats add)
{
	total->passed += add.passed;
	total->skipped += add.skipped;
	total->failed += add.failed;
	total->total += add.total;
}

static void kunit_fail(struct kunit *test, const struct kunit_loc *loc,
		       enum kunit_assert_type type, const struct kunit_assert *assert,
		       assert_format_t assert_format, const struct va_format *message)
{
	struct string_stream *stream;

	kunit_set_failure(test);
	/* Not on the stack: a test's kthread stack is the host's, but deep. */
	stream = ksim_host->mem_alloc(sizeof(*stream), 0);
	if (!stream) {
		kunit_err(test, "EXPECTATION FAILED at %s:%d (no memory for the message)",
			  loc->file, loc->line);
		return;
	}
	stream->len = 0;
	stream->truncated = false;
	stream->buf[0] = '\0';
	kunit_assert_prologue(loc, type, stream);
	assert_format(assert, message, stream);
	if (stream->truncated)
		string_stream_add(stream, "\n    [message truncated]");
	kunit_err(test, "%s", stream->buf);
	ksim_host->mem_free(stream);
}

void kunit_do_failed_assertion(struct kunit *test, const struct kunit_loc *loc,
			       enum kunit_assert_type type, const struct kunit_assert *assert,
			       assert_format_t assert_format, const char *fmt, ...)
{
	struct va_format message;
	va_list args;

	va_start(args, fmt);
	message.fmt = fmt;
	message.va = &args;
	kunit_fail(test, loc, type, assert, assert_format, &message);
	va_end(args);
	if (type == KUNIT_ASSERTION)
		kunit_try_catch_throw(&test->try_catch);
}
EXPORT_SYMBOL_GPL(kunit_do_failed_assertion);

void __kunit_fail_current_test(const char *file, int line, const char *fmt, ...)
{
	struct kunit *test = READ_ONCE(kunit_running);
	char buf[KUNIT_LINE_MAX];
	va_list args;

	if (!test)
		return;
	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	kunit_set_failure(test);
	kunit_err(test, "%s:%d: %s", file, line, buf);
}
EXPORT_SYMBOL_GPL(__kunit_fail_current_test);

void kunit_init_test(struct kunit *test, const char *name, char *log)
{
	spin_lock_init(&test->lock);
	INIT_LIST_HEAD(&test->resources);
	test->name = name;
	test->log = log;
	if (test->log)
		test->log[0] = '\0';
	test->status = KUNIT_SUCCESS;
	test->status_comment[0] = '\0';
}
EXPORT_SYMBOL_GPL(kunit_init_test);

struct kunit_try_catch_context {
	struct kunit *test;
	struct kunit_suite *suite;
	struct kunit_case *test_case;
};

static void kunit_run_case_cleanup(struct kunit *test, struct kunit_suite *suite)
{
	if (suite->exit)
		suite->exit(test);
	kunit_cleanup(test);
}

static void kunit_try_run_case(void *data)
{
	struct kunit_try_catch_context *ctx = data;
	struct kunit *test = ctx->test;
	struct kunit_suite *suite = ctx->suite;

	if (suite->init) {
		int ret = suite->init(test);

		if (ret) {
			kunit_err(test, "failed to initialize: %d\n", ret);
			kunit_set_failure(test);
			return;
		}
	}
	ctx->test_case->run_case(test);
	/* Not reached when the case was aborted: the catch cleans up then. */
	kunit_run_case_cleanup(test, suite);
}

static void kunit_catch_run_case(void *data)
{
	struct kunit_try_catch_context *ctx = data;
	struct kunit *test = ctx->test;
	int try_exit_code = kunit_try_catch_get_result(&test->try_catch);

	if (try_exit_code) {
		kunit_set_failure(test);
		/* The case did not finish: its state is unknown, no cleanup. */
		if (try_exit_code == -ETIMEDOUT)
			kunit_err(test, "test case timed out\n");
		else
			kunit_err(test, "internal error occurred preventing test case from running: %d\n",
				  try_exit_code);
		return;
	}
	kunit_run_case_cleanup(test, ctx->suite);
}

/*
 * ksim: what the harness saw while the case ran.  Leaks first (they are
 * reports too), then any report since the case began fails it.
 */
static void kunit_check_harness(struct kunit *test, struct module *mod, u64 leak_seq,
				const unsigned long *before)
{
	char what[256];
	size_t leaks, n = 0;
	int kind;

	leaks = ksim_kmemleak_report_since(mod, leak_seq);
	if (leaks)
		pr_warn("kmemleak: %zu new suspected memory leaks (test case %s)\n",
			leaks, test->name);
	what[0] = '\0';
	for (kind = 0; kind < KSIM_REPORT_NR; kind++) {
		unsigned long d = ksim_report_count(kind) - before[kind];

		if (d)
			n += scnprintf(what + n, sizeof(what) - n, "%s%lu %s", n ? ", " : "",
				       d, ksim_report_name(kind));
	}
	if (!n)
		return;
	kunit_set_failure(test);
	kunit_err(test, "ksim reported a problem while this test case ran: %s (%s)", what,
		  kunit_ktap_only ? "the report is in the kernel log; run without --kunit to see it" :
				    "see the report above");
}

static void kunit_run_case_catch_errors(struct kunit_suite *suite, struct kunit_case *test_case,
					struct kunit *test, struct module *mod)
{
	struct kunit_try_catch_context context;
	struct kunit_try_catch *try_catch;
	unsigned long before[KSIM_REPORT_NR];
	u64 leak_seq;
	int kind;

	kunit_init_test(test, test_case->name, test_case->log);
	try_catch = &test->try_catch;
	memset(try_catch, 0, sizeof(*try_catch));
	try_catch->test = test;
	try_catch->try = kunit_try_run_case;
	try_catch->catch = kunit_catch_run_case;
	context.test = test;
	context.suite = suite;
	context.test_case = test_case;

	for (kind = 0; kind < KSIM_REPORT_NR; kind++)
		before[kind] = ksim_report_count(kind);
	leak_seq = ksim_kmemleak_seq();
	WRITE_ONCE(kunit_running, test);
	kunit_try_catch_run(try_catch, &context);
	kunit_check_harness(test, mod, leak_seq, before);
	WRITE_ONCE(kunit_running, NULL);

	cases_run++;
	if (test->status == KUNIT_FAILURE) {
		cases_failed++;
		test_case->status = KUNIT_FAILURE;
	} else if (test_case->status != KUNIT_FAILURE && test->status == KUNIT_SUCCESS) {
		test_case->status = KUNIT_SUCCESS;
	}
}

static void kunit_print_suite_stats(struct kunit_suite *suite,
				    struct kunit_result_stats suite_stats,
				    struct kunit_result_stats param_stats)
{
	if (kunit_should_print_stats(suite_stats))
		kunit_log(KERN_INFO, suite, "# %s: pass:%lu fail:%lu skip:%lu total:%lu",
			  suite->name, suite_stats.passed, suite_stats.failed,
			  suite_stats.skipped, suite_stats.total);
	if (kunit_should_print_stats(param_stats))
		kunit_log(KERN_INFO, suite, "# Totals: pass:%lu fail:%lu skip:%lu total:%lu",
			  param_stats.passed, param_stats.failed,
			  param_stats.skipped, param_stats.total);
}

static void kunit_run_one_case(struct kunit_suite *suite, struct kunit_case *test_case,
			       struct module *mod, struct kunit_result_stats *suite_stats,
			       struct kunit_result_stats *total_stats)
{
	char param_desc[KUNIT_PARAM_DESC_SIZE];
	struct kunit test = { .param_value = NULL, .param_index = 0 };
	struct kunit_result_stats param_stats = { 0 };

	test_case->status = KUNIT_SKIPPED;
	if (!test_case->generate_params) {
		kunit_run_case_catch_errors(suite, test_case, &test, mod);
		kunit_update_stats(&param_stats, test.status);
	} else {
		param_desc[0] = '\0';
		test.param_value = test_case->generate_params(NULL, param_desc);
		test.name = test_case->name;
		kunit_ktap(KUNIT_SUBTEST_INDENT KUNIT_SUBTEST_INDENT "KTAP version 1");
		kunit_ktap(KUNIT_SUBTEST_INDENT KUNIT_SUBTEST_INDENT "# Subtest: %s",
			   test_case->name);
		while (test.param_value) {
			kunit_run_case_catch_errors(suite, test_case, &test, mod);
			if (param_desc[0] == '\0')
				scnprintf(param_desc, sizeof(param_desc), "param-%d",
					  test.param_index);
			kunit_ktap(KUNIT_SUBTEST_INDENT KUNIT_SUBTEST_INDENT "%s %d %s",
				   kunit_status_to_ok_not_ok(test.status),
				   test.param_index + 1, param_desc);
			param_desc[0] = '\0';
			test.param_value = test_case->generate_params(test.param_value,
								      param_desc);
			test.param_index++;
			kunit_update_stats(&param_stats, test.status);
		}
	}
	if (kunit_should_print_stats(param_stats))
		kunit_log(KERN_INFO, &test,
			  KUNIT_SUBTEST_INDENT "# %s: pass:%lu fail:%lu skip:%lu total:%lu",
			  test.name, param_stats.passed, param_stats.failed,
			  param_stats.skipped, param_stats.total);
	kunit_print_ok_not_ok(KUNIT_SUBTEST_INDENT, test_case->status,
			      kunit_test_case_num(suite, test_case), test_case->name,
			      test.status_comment);
	kunit_update_stats(suite_stats, test_case->status);
	kunit_accumulate_stats(total_stats, param_stats);
}

/* Run @suite; @mod is the module it belongs to (leaks are its leaks). */
int ksim_kunit_run_suite(struct kunit_suite *suite, struct module *mod)
{
	struct kunit_result_stats suite_stats = { 0 };
	struct kunit_result_stats total_stats = { 0 };
	struct kunit_case *test_case;

	/* Taint the kernel so the log says tests ran, as the kernel does. */
	add_taint(TAINT_TEST, LOCKDEP_STILL_OK);
	suite->status_comment[0] = '\0';
	suite->suite_init_err = 0;

	if (suite->suite_init) {
		suite->suite_init_err = suite->suite_init(suite);
		if (suite->suite_init_err) {
			kunit_err(suite, KUNIT_SUBTEST_INDENT "# failed to initialize (%d)",
				  suite->suite_init_err);
			cases_run++;
			cases_failed++;
			goto suite_end;
		}
	}

	kunit_ktap(KUNIT_SUBTEST_INDENT "KTAP version 1");
	kunit_ktap(KUNIT_SUBTEST_INDENT "# Subtest: %s", suite->name);
	kunit_ktap(KUNIT_SUBTEST_INDENT "1..%zu", kunit_suite_num_test_cases(suite));

	kunit_suite_for_each_test_case(suite, test_case)
		kunit_run_one_case(suite, test_case, mod, &suite_stats, &total_stats);

	if (suite->suite_exit)
		suite->suite_exit(suite);
	kunit_print_suite_stats(suite, suite_stats, total_stats);
suite_end:
	kunit_print_ok_not_ok("", kunit_suite_has_succeeded(suite), kunit_suite_counter++,
			      suite->name, suite->status_comment);
	return 0;
}

int kunit_run_tests(struct kunit_suite *suite)
{
	return ksim_kunit_run_suite(suite, ksim_module_of((unsigned long)suite));
}
EXPORT_SYMBOL_GPL(kunit_run_tests);

int __kunit_test_suites_init(struct kunit_suite * const * const suites, int num_suites)
{
	int i;

	if (!kunit_enabled() && num_suites > 0) {
		pr_info("kunit: disabled\n");
		return 0;
	}
	for (i = 0; i < num_suites; i++)
		kunit_run_tests(suites[i]);
	return 0;
}
EXPORT_SYMBOL_GPL(__kunit_test_suites_init);

void __kunit_test_suites_exit(struct kunit_suite **suites, int num_suites)
{
	kunit_suite_counter = 1;
}
EXPORT_SYMBOL_GPL(__kunit_test_suites_exit);

void ksim_kunit_reset_numbering(void)
{
	kunit_suite_counter = 1;
}

struct kunit_kmalloc_array_params {
	size_t n;
	size_t size;
	gfp_t gfp;
};

static int kunit_kmalloc_array_init(struct kunit_resource *res, void *context)
{
	struct kunit_kmalloc_array_params *params = context;

	res->data = kmalloc_array(params->n, params->size, params->gfp);
	return res->data ? 0 : -ENOMEM;
}

static void kunit_kmalloc_array_free(struct kunit_resource *res)
{
	kfree(res->data);
}

void *kunit_kmalloc_array(struct kunit *test, size_t n, size_t size, gfp_t gfp)
{
	struct kunit_kmalloc_array_params params = { .n = n, .size = size, .gfp = gfp };

	return kunit_alloc_resource(test, kunit_kmalloc_array_init, kunit_kmalloc_array_free,
				    gfp, &params);
}
EXPORT_SYMBOL_GPL(kunit_kmalloc_array);

static bool kunit_kfree_match(struct kunit *test, struct kunit_resource *res, void *match_data)
{
	return res->data == match_data && res->free == kunit_kmalloc_array_free;
}

void kunit_kfree(struct kunit *test, const void *ptr)
{
	if (!ptr)
		return;
	if (kunit_destroy_resource(test, kunit_kfree_match, (void *)ptr))
		KUNIT_FAIL(test, "kunit_kfree: %px was not allocated by kunit_kmalloc", ptr);
}
EXPORT_SYMBOL_GPL(kunit_kfree);

unsigned long ksim_kunit_cases_run(void)
{
	return cases_run;
}

unsigned long ksim_kunit_cases_failed(void)
{
	return cases_failed;
}

void ksim_kunit_reset(void)
{
	cases_run = 0;
	cases_failed = 0;
	kunit_suite_counter = 1;
}
