// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/panic.c - WARN, BUG, panic and taint.
 *
 * A WARN prints the kernel's "cut here" report and lets the task go on; a
 * BUG is an oops, and ksim treats every oops as fatal (panic_on_oops): the
 * machine stops with exit status 3 after the report, because the task that
 * hit it cannot be unwound safely in a user process.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/printk.h>
#include <linux/bug.h>
#include <linux/export.h>
#include <ksim/boot.h>
#include <ksim/report.h>

#include "internal.h"
#include "sim/host.h"

int panic_on_warn;
EXPORT_SYMBOL_GPL(panic_on_warn);
int panic_on_oops = 1;
EXPORT_SYMBOL_GPL(panic_on_oops);
enum system_states system_state = SYSTEM_BOOTING;
EXPORT_SYMBOL(system_state);

static unsigned long tainted_mask;
static void (*panic_notifier)(void);

void add_taint(unsigned int flag, enum lockdep_ok lockdep_ok)
{
	__atomic_fetch_or(&tainted_mask, 1UL << flag, __ATOMIC_RELAXED);
}
EXPORT_SYMBOL(add_taint);

int test_taint(unsigned int flag)
{
	return !!(__atomic_load_n(&tainted_mask, __ATOMIC_RELAXED) & (1UL << flag));
}
EXPORT_SYMBOL(test_taint);

unsigned long get_taint(void)
{
	return __atomic_load_n(&tainted_mask, __ATOMIC_RELAXED);
}
EXPORT_SYMBOL(get_taint);

void ksim_set_panic_notifier(void (*fn)(void))
{
	panic_notifier = fn;
}

void ksim_taint_reset(void)
{
	__atomic_store_n(&tainted_mask, 0, __ATOMIC_RELAXED);
}

static void end_trace(void)
{
	pr_warn("---[ end trace 0000000000000000 ]---\n");
}

void panic(const char *fmt, ...)
{
	static u32 in_panic;
	char buf[1024];
	va_list args;

	/* A second CPU (task) panicking at the same time just waits. */
	if (__atomic_exchange_n(&in_panic, 1, __ATOMIC_ACQ_REL))
		for (;;)
			ksim_host->sleep_until(KSIM_HOST_FOREVER);
	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	ksim_report(KSIM_REPORT_BUG);
	system_state = SYSTEM_HALT;
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
	ksim_printk_flush();
	if (panic_notifier)
		panic_notifier();
	ksim_host->halt(3);
}
EXPORT_SYMBOL(panic);

void warn_slowpath_fmt(const char *file, const int line, unsigned int taint,
		       const char *fmt, ...)
{
	void *caller = __builtin_return_address(0);
	char sym[256];

	pr_warn("------------[ cut here ]------------\n");
	if (fmt) {
		va_list args;

		va_start(args, fmt);
		vprintk(fmt, args);
		va_end(args);
		ksim_printk_flush();
	}
	ksim_host->symbolize(caller, sym, sizeof(sym));
	pr_warn("WARNING: CPU: 0 PID: %d at %s:%d %s\n", current->pid, file, line, sym);
	ksim_print_modules(KERN_WARNING);
	add_taint(taint, LOCKDEP_STILL_OK);
	ksim_print_task_header(KERN_WARNING);
	ksim_dump_stack_skip(KERN_WARNING, 1);
	end_trace();
	ksim_report(KSIM_REPORT_WARN);
	if (panic_on_warn)
		panic("panic_on_warn set ...\n");
}
EXPORT_SYMBOL(warn_slowpath_fmt);

void ksim_bug(const char *file, int line, const char *func)
{
	pr_crit("------------[ cut here ]------------\n");
	pr_crit("kernel BUG at %s:%d!\n", file, line);
	pr_emerg("invalid opcode: 0000 [#1] PREEMPT SMP\n");
	ksim_print_modules(KERN_EMERG);
	ksim_print_task_header(KERN_EMERG);
	pr_emerg("RIP: %s\n", func);
	ksim_dump_stack_skip(KERN_EMERG, 1);
	end_trace();
	/* panic() counts the report. */
	panic("Fatal exception");
}
EXPORT_SYMBOL(ksim_bug);
