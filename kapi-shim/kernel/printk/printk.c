// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/printk/printk.c - the kernel log.
 *
 * Every message is stored, with its timestamp since boot, in the dmesg
 * buffer that ksim_dmesg_*() read (tests search it; `ksim` prints it as it
 * is written).  Messages whose level is below console_loglevel also go to
 * the console, formatted as the kernel's console shows them:
 * "[    0.000123] text".  A message that does not end in a newline is held
 * until a KERN_CONT continuation or the next message completes it.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/export.h>
#include <ksim/boot.h>
#include <ksim/report.h>

#include "internal.h"
#include "sim/host.h"

int console_printk[4] = {
	CONSOLE_LOGLEVEL_DEFAULT,
	MESSAGE_LOGLEVEL_DEFAULT,
	CONSOLE_LOGLEVEL_MIN,
	CONSOLE_LOGLEVEL_DEFAULT,
};
EXPORT_SYMBOL_GPL(console_printk);

/* Oldest lines are dropped past this size, as the kernel's ring overwrites. */
#define DMESG_MAX	(4 << 20)

static struct ksim_lock log_lock = KSIM_LOCK_INIT;
static char *dmesg;		/* whole lines, each "[ts] text\n" */
static size_t dmesg_len;
static size_t dmesg_size;
static bool console_on = true;

/* A line still waiting for its end (no trailing newline yet). */
static char cont_buf[LOG_LINE_MAX];
static size_t cont_len;
static int cont_level;
static s64 cont_ts;
static struct task_struct *cont_owner;

/* With log_lock held. */
static void dmesg_append(const char *line, size_t len)
{
	if (dmesg_len + len > dmesg_size) {
		size_t want = dmesg_size ? dmesg_size * 2 : 64 << 10;
		char *bigger;

		while (want < dmesg_len + len)
			want *= 2;
		if (want > DMESG_MAX)
			want = DMESG_MAX;
		if (dmesg_len + len > want) {
			/* Full: drop whole lines from the front. */
			size_t drop = dmesg_len + len - want;
			char *nl = memchr(dmesg + drop, '\n', dmesg_len - drop);

			drop = nl ? (size_t)(nl + 1 - dmesg) : dmesg_len;
			memmove(dmesg, dmesg + drop, dmesg_len - drop);
			dmesg_len -= drop;
		}
		if (want != dmesg_size) {
			bigger = ksim_host->mem_alloc(want, 0);
			if (!bigger)
				return;
			if (dmesg)
				memcpy(bigger, dmesg, dmesg_len);
			ksim_host->mem_free(dmesg);
			dmesg = bigger;
			dmesg_size = want;
		}
		if (len > dmesg_size)
			return;
	}
	memcpy(dmesg + dmesg_len, line, len);
	dmesg_len += len;
}

/* Store (and maybe print) one complete line.  With log_lock held. */
static void emit_line(int level, s64 ts, const char *text, size_t len)
{
	char line[LOG_LINE_MAX + 32];
	int n;

	if (len > LOG_LINE_MAX)
		len = LOG_LINE_MAX;
	n = scnprintf(line, sizeof(line), "[%5lld.%06lld] %.*s\n",
		      (long long)(ts / 1000000000), (long long)(ts % 1000000000) / 1000,
		      (int)len, text);
	dmesg_append(line, n);
	if (console_on && level < console_loglevel)
		ksim_host->console_write(line, n);
}

/* With log_lock held. */
static void cont_flush(void)
{
	if (!cont_len)
		return;
	emit_line(cont_level, cont_ts, cont_buf, cont_len);
	cont_len = 0;
	cont_owner = NULL;
}

/* Split @text at newlines; hold a trailing partial line.  With log_lock held. */
static void log_text(int level, s64 ts, const char *text, size_t len)
{
	while (len) {
		const char *nl = memchr(text, '\n', len);
		size_t part = nl ? (size_t)(nl - text) : len;

		if (cont_len) {
			/* Continue the held line; cut it rather than overflow. */
			size_t room = sizeof(cont_buf) - cont_len;

			if (part > room)
				part = room;
			memcpy(cont_buf + cont_len, text, part);
			cont_len += part;
			if (nl)
				cont_flush();
		} else if (nl) {
			emit_line(level, ts, text, part);
		} else {
			if (part > sizeof(cont_buf))
				part = sizeof(cont_buf);
			memcpy(cont_buf, text, part);
			cont_len = part;
			cont_level = level;
			cont_ts = ts;
			cont_owner = current;
		}
		if (!nl)
			break;
		len -= (size_t)(nl + 1 - text);
		text = nl + 1;
	}
}

int vprintk(const char *fmt, va_list args)
{
	char buf[LOG_LINE_MAX];
	const char *text = buf;
	int level = -1, kern_level, len;
	bool cont = false;
	s64 ts = ksim_host->now_ns();

	/*
	 * Format first, then take the level from the text, as the kernel does:
	 * the level may come from an argument (printk("%sCall Trace:", lvl)).
	 */
	len = vscnprintf(buf, sizeof(buf), fmt, args);
	while ((kern_level = printk_get_level(text)) != 0) {
		if (kern_level == 'c')
			cont = true;
		else
			level = kern_level - '0';
		text += 2;
		len -= 2;
	}
	if (level < 0)
		level = cont ? cont_level : default_message_loglevel;

	ksim_lock(&log_lock);
	/* A new message (not a continuation by the same task) ends a held line. */
	if (cont_len && (!cont || cont_owner != current))
		cont_flush();
	log_text(level, ts, text, len);
	ksim_unlock(&log_lock);
	return len;
}
EXPORT_SYMBOL(vprintk);

int _printk(const char *fmt, ...)
{
	va_list args;
	int r;

	va_start(args, fmt);
	r = vprintk(fmt, args);
	va_end(args);
	return r;
}
EXPORT_SYMBOL(_printk);

/* ---- rate limiting ---- */

int ___ratelimit(struct ratelimit_state *rs, const char *func)
{
	struct ksim_lock *lock = (struct ksim_lock *)&rs->lock;
	unsigned long now = jiffies;
	int ret;

	BUILD_BUG_ON(sizeof(rs->lock) != sizeof(struct ksim_lock));
	if (!rs->interval)
		return 1;
	ksim_lock(lock);
	if (rs->ksim_boot != ksim_boot_seq) {
		/* Last used by an earlier machine in this process: start over. */
		rs->ksim_boot = ksim_boot_seq;
		rs->begin = 0;
		rs->printed = 0;
		rs->missed = 0;
	}
	if (!rs->begin)
		rs->begin = now;
	if (time_is_before_jiffies(rs->begin + rs->interval)) {
		if (rs->missed && !(rs->flags & RATELIMIT_MSG_ON_RELEASE))
			pr_warn("%s: %d callbacks suppressed\n", func, rs->missed);
		rs->begin = now;
		rs->printed = 0;
		rs->missed = 0;
	}
	if (rs->burst && rs->burst > rs->printed) {
		rs->printed++;
		ret = 1;
	} else {
		rs->missed++;
		ret = 0;
	}
	ksim_unlock(lock);
	return ret;
}
EXPORT_SYMBOL(___ratelimit);

static DEFINE_RATELIMIT_STATE(printk_ratelimit_state, 5 * HZ, 10);

int printk_ratelimit(void)
{
	return ___ratelimit(&printk_ratelimit_state, "printk_ratelimit");
}
EXPORT_SYMBOL(printk_ratelimit);

bool printk_timed_ratelimit(unsigned long *caller_jiffies, unsigned int interval_msec)
{
	unsigned long elapsed = jiffies - *caller_jiffies;

	if (*caller_jiffies && elapsed <= msecs_to_jiffies(interval_msec))
		return false;
	*caller_jiffies = jiffies;
	return true;
}
EXPORT_SYMBOL(printk_timed_ratelimit);

/* ---- stacks ---- */

void dump_stack_lvl(const char *log_lvl)
{
	ksim_print_task_header(log_lvl);
	ksim_dump_stack_skip(log_lvl, 1);
}
EXPORT_SYMBOL(dump_stack_lvl);

void dump_stack(void)
{
	ksim_print_task_header(KERN_DEFAULT);
	ksim_dump_stack_skip(KERN_DEFAULT, 1);
}
EXPORT_SYMBOL(dump_stack);

/* ---- for ksim and tests ---- */

int ksim_printk_init(const struct ksim_boot_params *params)
{
	if (params->loglevel > 0)
		console_loglevel = params->loglevel;
	return 0;
}

void ksim_printk_flush(void)
{
	ksim_lock(&log_lock);
	cont_flush();
	ksim_unlock(&log_lock);
}

void ksim_printk_exit(void)
{
	ksim_lock(&log_lock);
	cont_flush();
	ksim_host->mem_free(dmesg);
	dmesg = NULL;
	dmesg_len = dmesg_size = 0;
	ksim_unlock(&log_lock);
}

size_t ksim_dmesg_read(char *buf, size_t len)
{
	size_t n;

	if (!len)
		return 0;
	ksim_printk_flush();
	ksim_lock(&log_lock);
	n = dmesg_len < len - 1 ? dmesg_len : len - 1;
	memcpy(buf, dmesg + dmesg_len - n, n);
	buf[n] = '\0';
	ksim_unlock(&log_lock);
	return n;
}

unsigned int ksim_dmesg_count(const char *needle)
{
	unsigned int count = 0;
	const char *line, *end;

	ksim_printk_flush();
	ksim_lock(&log_lock);
	for (line = dmesg; dmesg && line < dmesg + dmesg_len; line = end + 1) {
		end = memchr(line, '\n', dmesg + dmesg_len - line);
		if (!end)
			end = dmesg + dmesg_len;
		if (strnstr(line, needle, end - line))
			count++;
	}
	ksim_unlock(&log_lock);
	return count;
}

bool ksim_dmesg_contains(const char *needle)
{
	return ksim_dmesg_count(needle) > 0;
}

void ksim_dmesg_clear(void)
{
	ksim_lock(&log_lock);
	dmesg_len = 0;
	ksim_unlock(&log_lock);
}

void ksim_console_enable(bool on)
{
	ksim_lock(&log_lock);
	console_on = on;
	ksim_unlock(&log_lock);
}
