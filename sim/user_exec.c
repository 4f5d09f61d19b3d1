// SPDX-License-Identifier: GPL-2.0
/*
 * sim/user_exec.c - a tiny shell for driving devices from `ksim --exec`
 * and `[user]` config sections, over the user side (<ksim/user.h>).
 *
 * One command per line (or per ';' in --exec), words split as a shell
 * does with '...' and "..." quoting (\n, \t, \\ and \" inside "..."):
 *
 *   cat [-n] PATH            read PATH to the end (-n: O_NONBLOCK, also
 *                            stop when no data is ready) and print it
 *   read [-n] PATH [COUNT]   one read(2) of up to COUNT bytes (4096)
 *   echo [-n] WORD... > PATH write the words (and a newline) to PATH
 *   ioctl PATH CMD [ARG]     ioctl(2); CMD a number (0x80046601); when CMD
 *                            encodes a size, ARG fills a buffer of that size
 *                            and the buffer is printed back after the call,
 *                            otherwise ARG is passed as the value
 *   poll PATH [in|out|inout] [MS]  poll(2) with a timeout (default 0 ms);
 *                            prints the ready events or "timeout"
 *   sleep SECONDS            wait (on the host's clock)
 *   ls                       list the registered files
 *   expect TEXT              the last command printed exactly TEXT (a
 *                            trailing newline ignored), else fail
 *   fails ERRNO COMMAND...   COMMAND must fail with ERRNO (EAGAIN, EFAULT...)
 *   COMMAND &                run in the background; `wait` joins them all
 *
 * Each command runs in a new simulated process, so its files are closed
 * (the driver sees ->release) when it ends.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "ksim/user.h"
#include "config.h"
#include "host.h"
#include "user_exec.h"

#define MAX_WORDS	64
#define OUT_MAX		(64 * 1024)
#define MAX_BG		32

struct cmd_ctx {
	const struct ksim_setting *cmd;
	char out[OUT_MAX + 1];		/* what the command printed, for expect */
	size_t out_len;
	int err;			/* -errno of the failing system call, or 0 */
	char why[256];			/* what failed, for the message */
};

struct bg_job {
	struct ksim_host_task *task;
	struct cmd_ctx *ctx;
	char **argv;
	int argc;
	bool failed;
};

static struct bg_job bg_jobs[MAX_BG];
static int nr_bg;

/* ---- words ---- */

/* Split @line into words; returns the count, -1 on an unterminated quote. */
static int split_words(const char *line, char **words, int max, char *buf)
{
	const char *p = line;
	char *o = buf;
	int n = 0;

	for (;;) {
		bool any = false;
		char q;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (n == max)
			return -1;
		words[n] = o;
		while (*p && *p != ' ' && *p != '\t') {
			any = true;
			if (*p == '\'' || *p == '"') {
				q = *p++;
				while (*p && *p != q) {
					if (q == '"' && *p == '\\' && p[1]) {
						p++;
						*o++ = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
						p++;
						continue;
					}
					*o++ = *p++;
				}
				if (*p != q)
					return -1;
				p++;
			} else {
				*o++ = *p++;
			}
		}
		if (any) {
			*o++ = '\0';
			n++;
		}
	}
	return n;
}

int ksim_user_exec_split(const char *script, struct ksim_setting **cmds, int *nr)
{
	const char *p = script, *start = script;
	char q = 0;

	for (;; p++) {
		if (q) {
			if (*p == q)
				q = 0;
			else if (!*p)
				q = 0;	/* reported by split_words when run */
		} else if (*p == '\'' || *p == '"') {
			q = *p;
		}
		if (!*p || (!q && (*p == ';' || *p == '\n'))) {
			const char *s = start, *e = p;
			struct ksim_setting *v;

			while (s < e && (*s == ' ' || *s == '\t'))
				s++;
			if (e > s) {
				v = realloc(*cmds, (*nr + 1) * sizeof(**cmds));
				if (!v)
					return -ENOMEM;
				*cmds = v;
				v[*nr].key = strdup("run");
				v[*nr].value = strndup(s, e - s);
				if (asprintf(&v[*nr].origin, "--exec command %d", *nr + 1) < 0)
					v[*nr].origin = NULL;
				if (!v[*nr].key || !v[*nr].value || !v[*nr].origin)
					return -ENOMEM;
				(*nr)++;
			}
			if (!*p)
				break;
			start = p + 1;
		}
	}
	return 0;
}

/* ---- output ---- */

static void out_add(struct cmd_ctx *c, const void *data, size_t len)
{
	size_t room = OUT_MAX - c->out_len;

	if (len > room)
		len = room;
	memcpy(c->out + c->out_len, data, len);
	c->out_len += len;
	c->out[c->out_len] = '\0';
}

static void out_print(struct cmd_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void out_print(struct cmd_ctx *c, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 1)
		n = sizeof(line) - 1;
	out_add(c, line, n);
}

static int fail_call(struct cmd_ctx *c, long ret, const char *what)
{
	c->err = (int)-ret;
	snprintf(c->why, sizeof(c->why), "%s: %s (%s)", what, strerror(c->err),
		 strerrorname_np(c->err) ? strerrorname_np(c->err) : "?");
	return -1;
}

static int fail_usage(struct cmd_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int fail_usage(struct cmd_ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->why, sizeof(c->why), fmt, ap);
	va_end(ap);
	c->err = 0;
	return -1;
}

static bool parse_num(const char *s, unsigned long long *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return !errno && *s && !*end && *s != '-';
}

/* ---- commands ---- */

static int open_path(struct cmd_ctx *c, struct ksim_proc *p, const char *path, int flags)
{
	int fd = ksim_sys_open(p, path, flags);

	if (fd < 0) {
		char what[300];

		snprintf(what, sizeof(what), "open %s", path);
		return fail_call(c, fd, what);
	}
	return fd;
}

static int cmd_cat(struct cmd_ctx *c, struct ksim_proc *p, int argc, char **argv, bool once)
{
	bool nonblock = false;
	unsigned long long count = 4096;
	char buf[4096];
	const char *path;
	int fd;

	if (argc >= 3 && !strcmp(argv[1], "-n")) {
		nonblock = true;
		argv++;
		argc--;
	}
	if (argc < 2 || argc > (once ? 3 : 2))
		return fail_usage(c, once ? "usage: read [-n] PATH [COUNT]" :
				  "usage: cat [-n] PATH");
	path = argv[1];
	if (once && argc == 3 && (!parse_num(argv[2], &count) || !count || count > sizeof(buf)))
		return fail_usage(c, "read: COUNT '%s' is not a number from 1 to %zu",
				  argv[2], sizeof(buf));
	fd = open_path(c, p, path, O_RDONLY | (nonblock ? O_NONBLOCK : 0));
	if (fd < 0)
		return -1;
	for (;;) {
		ssize_t n = ksim_user_read(p, fd, buf, once ? count : sizeof(buf));

		/* cat -n stops when nothing more is ready; read -n reports it. */
		if (n == -EAGAIN && nonblock && !once)
			break;
		if (n < 0)
			return fail_call(c, n, "read");
		fwrite(buf, 1, n, stdout);
		out_add(c, buf, n);
		if (!n || once)
			break;
	}
	fflush(stdout);
	return 0;
}

static int cmd_echo(struct cmd_ctx *c, struct ksim_proc *p, int argc, char **argv)
{
	bool newline = true, append = false;
	const char *path = NULL;
	char text[4096];
	size_t len = 0;
	ssize_t n;
	int i, fd;

	for (i = 1; i < argc; i++) {
		if (i == 1 && !strcmp(argv[i], "-n")) {
			newline = false;
			continue;
		}
		if (!strcmp(argv[i], ">") || !strcmp(argv[i], ">>")) {
			if (i + 2 != argc)
				return fail_usage(c, "usage: echo [-n] WORD... > PATH");
			append = argv[i][1] == '>';
			path = argv[i + 1];
			break;
		}
		if (argv[i][0] == '>') {	/* echo hi >/dev/x */
			if (i + 1 != argc)
				return fail_usage(c, "usage: echo [-n] WORD... > PATH");
			append = argv[i][1] == '>';
			path = argv[i] + (append ? 2 : 1);
			break;
		}
		n = snprintf(text + len, sizeof(text) - len, "%s%s", len ? " " : "", argv[i]);
		if (n < 0 || (size_t)n >= sizeof(text) - len)
			return fail_usage(c, "echo: text longer than %zu bytes", sizeof(text) - 2);
		len += n;
	}
	if (!path || !*path)
		return fail_usage(c, "echo: no '> PATH' (usage: echo [-n] WORD... > PATH)");
	if (newline && len < sizeof(text) - 1)
		text[len++] = '\n';
	fd = open_path(c, p, path, O_WRONLY | (append ? O_APPEND : 0));
	if (fd < 0)
		return -1;
	n = ksim_user_write(p, fd, text, len);
	if (n < 0)
		return fail_call(c, n, "write");
	if ((size_t)n != len)
		return fail_usage(c, "write: short write, %zd of %zu bytes", n, len);
	return 0;
}

static int cmd_ioctl(struct cmd_ctx *c, struct ksim_proc *p, int argc, char **argv)
{
	unsigned long long cmd, arg = 0;
	unsigned int size, dir;
	uint64_t ubuf = 0;
	long ret;
	int fd;

	if (argc < 3 || argc > 4)
		return fail_usage(c, "usage: ioctl PATH CMD [ARG]");
	if (!parse_num(argv[2], &cmd) || cmd > 0xffffffffULL)
		return fail_usage(c, "ioctl: CMD '%s' is not a 32-bit number", argv[2]);
	if (argc == 4 && !parse_num(argv[3], &arg))
		return fail_usage(c, "ioctl: ARG '%s' is not a number", argv[3]);
	fd = open_path(c, p, argv[1], O_RDWR);
	if (fd < 0)
		return -1;
	dir = _IOC_DIR(cmd);
	size = _IOC_SIZE(cmd);
	if (dir != _IOC_NONE && size) {
		void *host;

		ubuf = ksim_user_mmap(p, size, KSIM_PROT_READ | KSIM_PROT_WRITE);
		host = ubuf ? ksim_user_host_ptr(p, ubuf, size) : NULL;
		if (!host)
			return fail_usage(c, "ioctl: cannot map %u bytes", size);
		memcpy(host, &arg, size < sizeof(arg) ? size : sizeof(arg));
		ret = ksim_sys_ioctl(p, fd, (unsigned int)cmd, ubuf);
		if (ret < 0)
			return fail_call(c, ret, "ioctl");
		if (dir & _IOC_READ) {
			unsigned long long v = 0;

			memcpy(&v, host, size < sizeof(v) ? size : sizeof(v));
			out_print(c, "%llu\n", v);
		} else {
			out_print(c, "%ld\n", ret);
		}
	} else {
		ret = ksim_sys_ioctl(p, fd, (unsigned int)cmd, arg);
		if (ret < 0)
			return fail_call(c, ret, "ioctl");
		out_print(c, "%ld\n", ret);
	}
	fputs(c->out, stdout);
	return 0;
}

static int cmd_poll(struct cmd_ctx *c, struct ksim_proc *p, int argc, char **argv)
{
	struct ksim_pollfd pfd = { .events = POLLIN };
	unsigned long long ms = 0;
	int ret, fd;

	if (argc < 2 || argc > 4)
		return fail_usage(c, "usage: poll PATH [in|out|inout] [TIMEOUT_MS]");
	if (argc >= 3) {
		if (!strcmp(argv[2], "in"))
			pfd.events = POLLIN;
		else if (!strcmp(argv[2], "out"))
			pfd.events = POLLOUT;
		else if (!strcmp(argv[2], "inout"))
			pfd.events = POLLIN | POLLOUT;
		else
			return fail_usage(c, "poll: '%s' is not in, out or inout", argv[2]);
	}
	if (argc == 4 && (!parse_num(argv[3], &ms) || ms > 3600000))
		return fail_usage(c, "poll: TIMEOUT_MS '%s' is not a number from 0 to 3600000",
				  argv[3]);
	fd = open_path(c, p, argv[1], O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return -1;
	pfd.fd = fd;
	ret = ksim_sys_poll(p, &pfd, 1, (int)ms);
	if (ret < 0)
		return fail_call(c, ret, "poll");
	if (!ret) {
		out_print(c, "timeout\n");
	} else {
		static const struct { short bit; const char *name; } names[] = {
			{ POLLIN, "in" }, { POLLPRI, "pri" }, { POLLOUT, "out" },
			{ POLLERR, "err" }, { POLLHUP, "hup" }, { POLLNVAL, "nval" },
		};
		bool first = true;
		size_t i;

		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			if (pfd.revents & names[i].bit) {
				out_print(c, "%s%s", first ? "" : " ", names[i].name);
				first = false;
			}
		}
		out_print(c, "\n");
	}
	fputs(c->out, stdout);
	return 0;
}

static void ls_one(const char *path, void *arg)
{
	struct cmd_ctx *c = arg;

	out_print(c, "%s\n", path);
}

static int errno_by_name(const char *name)
{
	int e;

	for (e = 1; e < 4096; e++) {
		const char *n = strerrorname_np(e);

		if (n && !strcmp(n, name))
			return e;
	}
	return 0;
}

/* A command that runs in a process: cat, read, echo, ioctl, poll, ls. */
static int run_in_process(struct cmd_ctx *c, int argc, char **argv)
{
	struct ksim_proc *p;
	int ret;

	if (!strcmp(argv[0], "ls")) {
		ksim_user_list(ls_one, c);
		fputs(c->out, stdout);
		return 0;
	}
	p = ksim_proc_create(argv[0]);
	if (!p)
		return fail_usage(c, "out of memory creating a process");
	if (!strcmp(argv[0], "cat"))
		ret = cmd_cat(c, p, argc, argv, false);
	else if (!strcmp(argv[0], "read"))
		ret = cmd_cat(c, p, argc, argv, true);
	else if (!strcmp(argv[0], "echo"))
		ret = cmd_echo(c, p, argc, argv);
	else if (!strcmp(argv[0], "ioctl"))
		ret = cmd_ioctl(c, p, argc, argv);
	else if (!strcmp(argv[0], "poll"))
		ret = cmd_poll(c, p, argc, argv);
	else
		ret = fail_usage(c, "unknown command '%s' (known: cat, read, echo, ioctl, poll, sleep, ls, expect, fails, wait, and '&')",
				 argv[0]);
	ksim_proc_destroy(p);
	fflush(stdout);
	return ret;
}

static int run_words(struct cmd_ctx *c, int argc, char **argv)
{
	if (!strcmp(argv[0], "fails")) {
		int want, ret;

		if (argc < 3)
			return fail_usage(c, "usage: fails ERRNO COMMAND...");
		want = errno_by_name(argv[1]);
		if (!want)
			return fail_usage(c, "fails: '%s' is not an errno name (EAGAIN, EFAULT, ...)",
					  argv[1]);
		ret = run_words(c, argc - 2, argv + 2);
		if (!ret)
			return fail_usage(c, "succeeded, expected it to fail with %s", argv[1]);
		if (c->err != want)
			return -1;	/* the command's own message says what happened */
		c->err = 0;
		c->why[0] = '\0';
		return 0;
	}
	return run_in_process(c, argc, argv);
}

static void bg_run(void *arg)
{
	struct bg_job *job = arg;

	job->failed = run_words(job->ctx, job->argc, job->argv) != 0;
}

static int wait_background(void)
{
	int i, failed = 0;

	for (i = 0; i < nr_bg; i++) {
		struct bg_job *job = &bg_jobs[i];

		ksim_host->task_join(job->task);
		if (job->failed) {
			fprintf(stderr, "ksim: %s: %s: %s\n", job->ctx->cmd->origin,
				job->ctx->cmd->value, job->ctx->why);
			failed = -1;
		}
		free(job->argv[0]);
		free(job->argv);
		free(job->ctx);
	}
	nr_bg = 0;
	return failed;
}

static int start_background(const struct ksim_setting *cmd, int argc, char **argv)
{
	struct bg_job *job;
	size_t total = 0;
	char *buf;
	int i, ret;

	if (nr_bg == MAX_BG) {
		fprintf(stderr, "ksim: %s: more than %d background commands (use 'wait')\n",
			cmd->origin, MAX_BG);
		return -1;
	}
	job = &bg_jobs[nr_bg];
	memset(job, 0, sizeof(*job));
	for (i = 0; i < argc; i++)
		total += strlen(argv[i]) + 1;
	job->ctx = calloc(1, sizeof(*job->ctx));
	job->argv = calloc(argc + 1, sizeof(char *));
	buf = malloc(total ? total : 1);
	if (!job->ctx || !job->argv || !buf)
		goto nomem;
	for (i = 0; i < argc; i++) {
		job->argv[i] = strcpy(buf, argv[i]);
		buf += strlen(argv[i]) + 1;
	}
	job->argc = argc;
	job->ctx->cmd = cmd;
	ret = ksim_host->task_create(&job->task, "user-bg", bg_run, job);
	if (ret) {
		fprintf(stderr, "ksim: %s: cannot start a background task: %s\n", cmd->origin,
			strerror(-ret));
		free(job->argv[0]);
		free(job->argv);
		free(job->ctx);
		return -1;
	}
	nr_bg++;
	return 0;
nomem:
	free(buf);
	free(job->argv);
	free(job->ctx);
	fprintf(stderr, "ksim: %s: out of memory\n", cmd->origin);
	return -1;
}

static int sleep_seconds(const struct ksim_setting *cmd, const char *arg)
{
	char *end;
	double s;

	errno = 0;
	s = arg ? strtod(arg, &end) : -1;
	if (!arg || errno || *end || s < 0 || s > 3600) {
		fprintf(stderr, "ksim: %s: %s: usage: sleep SECONDS (0 to 3600)\n", cmd->origin,
			cmd->value);
		return -1;
	}
	ksim_host->sleep_until(ksim_host->now_ns() + (int64_t)(s * 1e9));
	return 0;
}

/* Compare @want with what the last command printed, a final newline aside. */
static int check_expect(const struct ksim_setting *cmd, const char *last, const char *want)
{
	size_t len = strlen(last);

	if (len && last[len - 1] == '\n')
		len--;
	if (strlen(want) == len && !memcmp(last, want, len))
		return 0;
	fprintf(stderr, "ksim: %s: expect: wanted \"%s\", the last command printed \"%.*s\"\n",
		cmd->origin, want, (int)len, last);
	return -1;
}

int ksim_user_exec(const struct ksim_setting *cmds, int nr)
{
	static struct cmd_ctx last;	/* big: not on the stack */
	char *words[MAX_WORDS];
	int i, argc, ret = 0;

	last.out[0] = '\0';
	for (i = 0; i < nr && !ret; i++) {
		const struct ksim_setting *cmd = &cmds[i];
		char *buf = malloc(strlen(cmd->value) + 1);
		bool background = false;

		if (!buf) {
			ret = -1;
			break;
		}
		argc = split_words(cmd->value, words, MAX_WORDS, buf);
		if (argc < 0) {
			fprintf(stderr, "ksim: %s: %s: unterminated quote or more than %d words\n",
				cmd->origin, cmd->value, MAX_WORDS);
			ret = -1;
		} else if (argc > 0 && !strcmp(words[argc - 1], "&")) {
			background = true;
			argc--;
		}
		if (ret || argc == 0) {
			/* nothing to run */
		} else if (!strcmp(words[0], "wait")) {
			ret = wait_background();
		} else if (!strcmp(words[0], "sleep")) {
			ret = sleep_seconds(cmd, argc == 2 ? words[1] : NULL);
		} else if (!strcmp(words[0], "expect")) {
			char *want = strchr(cmd->value, ' ');
			char wantbuf[1024];

			/* The rest of the line, quotes removed word by word. */
			wantbuf[0] = '\0';
			for (int w = 1; w < argc && want; w++)
				snprintf(wantbuf + strlen(wantbuf), sizeof(wantbuf) - strlen(wantbuf),
					 "%s%s", w > 1 ? " " : "", words[w]);
			ret = check_expect(cmd, last.out, wantbuf);
		} else if (background) {
			ret = start_background(cmd, argc, words);
		} else {
			memset(&last, 0, offsetof(struct cmd_ctx, out) + 1);
			last.out_len = 0;
			last.err = 0;
			last.cmd = cmd;
			if (run_words(&last, argc, words)) {
				fprintf(stderr, "ksim: %s: %s: %s\n", cmd->origin, cmd->value, last.why);
				ret = -1;
			}
		}
		free(buf);
	}
	if (wait_background())
		ret = -1;
	return ret;
}
