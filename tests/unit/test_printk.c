// SPDX-License-Identifier: GPL-2.0
/* kernel/printk/printk.c: the log buffer, levels, continuation lines, once/ratelimit. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* criterion.h (in ktest.h) must come before redirect.h: Criterion 2.4 quirk. */
#include "ktest.h"
#include <criterion/redirect.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>

TestSuite(printk, .init = ktest_boot, .fini = ktest_shutdown);

static char log[1 << 16];

Test(printk, lines_carry_a_timestamp_since_boot)
{
	pr_info("hello %d\n", 42);
	ksim_dmesg_read(log, sizeof(log));
	/* "[    0.000123] hello 42" */
	char *line = strstr(log, "] hello 42\n");

	cr_assert_not_null(line, "log: %s", log);
	cr_assert(line - log >= 13);
	cr_assert_eq(line[-7], '.', "timestamp format in: %s", log);
	cr_assert_eq(log[0], '[');
}

Test(printk, pr_fmt_prefix_and_levels)
{
	printk(KERN_ERR "an error\n");
	printk(KERN_DEBUG "a debug line\n");
	printk("no level\n");
	cr_assert(ksim_dmesg_contains("] an error"));
	cr_assert(ksim_dmesg_contains("] a debug line"), "dmesg keeps every level");
	cr_assert(ksim_dmesg_contains("] no level"));
}

Test(printk, continuation_lines_join)
{
	pr_info("numbers:");
	pr_cont(" %d", 1);
	pr_cont(" %d", 2);
	pr_cont("\n");
	cr_assert(ksim_dmesg_contains("] numbers: 1 2"));
	cr_assert_eq(ksim_dmesg_count("numbers"), 1);
}

Test(printk, a_new_message_ends_a_held_line)
{
	pr_info("first without newline");
	pr_info("second\n");
	cr_assert(ksim_dmesg_contains("] first without newline"));
	cr_assert(ksim_dmesg_contains("] second"));
	cr_assert_eq(ksim_dmesg_count("first without newline"), 1);
	cr_assert(!ksim_dmesg_contains("first without newlinesecond"));
}

Test(printk, embedded_newlines_make_separate_lines)
{
	pr_info("line one\nline two\n");
	cr_assert(ksim_dmesg_contains("] line one"));
	cr_assert(ksim_dmesg_contains("] line two"));
}

Test(printk, printk_once_prints_once)
{
	int i;

	for (i = 0; i < 5; i++)
		pr_info_once("only once %d\n", i);
	cr_assert_eq(ksim_dmesg_count("only once"), 1);
	cr_assert(ksim_dmesg_contains("only once 0"));
}

Test(printk, ratelimited_stops_after_the_burst)
{
	int i;

	for (i = 0; i < 100; i++)
		pr_warn_ratelimited("storm %d\n", i);
	cr_assert_eq(ksim_dmesg_count("storm"), DEFAULT_RATELIMIT_BURST);
}

Test(printk, ratelimit_state_counts_and_reopens)
{
	DEFINE_RATELIMIT_STATE(rs, 1, 2);	/* 2 per jiffy */
	int ok = 0, i;

	for (i = 0; i < 10; i++)
		ok += __ratelimit(&rs);
	cr_assert_eq(ok, 2);
	ktest_sleep_ms(20);	/* several jiffies at HZ=250 */
	cr_assert(__ratelimit(&rs), "a new interval allows messages again");
}

static void storm_and_warn(void)
{
	int i;

	for (i = 0; i < 30; i++)
		pr_warn_ratelimited("reboot storm %d\n", i);
	pr_info_once("reboot once\n");
	WARN_ON_ONCE(1);
}

/*
 * A second machine in one process (fuzzing boots thousands) starts as a
 * fresh kernel: once-flags clear, ratelimits with no history.
 */
Test(printk, a_new_boot_forgets_once_and_ratelimit_state)
{
	storm_and_warn();
	storm_and_warn();
	cr_assert_eq(ksim_dmesg_count("reboot storm"), DEFAULT_RATELIMIT_BURST);
	cr_assert_eq(ksim_dmesg_count("reboot once"), 1);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_WARN), 1);
	ksim_kernel_shutdown();
	ksim_printk_exit();
	ksim_report_reset();
	ktest_boot();
	storm_and_warn();
	cr_assert_eq(ksim_dmesg_count("reboot storm"), DEFAULT_RATELIMIT_BURST,
		     "the ratelimit kept its count from the last boot");
	cr_assert_eq(ksim_dmesg_count("reboot once"), 1, "pr_info_once stayed silent");
	cr_assert_eq(ksim_report_count(KSIM_REPORT_WARN), 1, "WARN_ON_ONCE stayed silent");
	ktest_expect_reports(KSIM_REPORT_WARN, 1);
}

Test(printk, long_messages_are_cut_not_overflowed)
{
	static char big[3 * LOG_LINE_MAX];

	memset(big, 'x', sizeof(big) - 1);
	pr_info("%s\n", big);
	pr_info("after the long one\n");
	cr_assert(ksim_dmesg_contains("after the long one"));
}

/* Its own suite: it needs stdout redirected before the kernel boots. */
Test(printk_console, console_honours_the_log_level, .init = cr_redirect_stdout)
{
	char out[4096] = "";
	FILE *f;

	ktest_boot();
	ksim_console_enable(true);
	console_loglevel = 4;		/* only KERN_ERR and more urgent */
	pr_err("visible error\n");
	pr_info("hidden info\n");
	fflush(stdout);
	f = cr_get_redirected_stdout();
	fread(out, 1, sizeof(out) - 1, f);
	cr_assert(strstr(out, "visible error"), "console: %s", out);
	cr_assert(!strstr(out, "hidden info"), "console: %s", out);
	cr_assert(ksim_dmesg_contains("hidden info"), "dmesg still has it");
	ktest_shutdown();
}

Test(printk, dump_stack_names_the_caller)
{
	dump_stack();
	cr_assert(ksim_dmesg_contains("Call Trace:"));
	cr_assert(ksim_dmesg_contains("printk_dump_stack_names_the_caller"),
		  "symbolized frames");
}
