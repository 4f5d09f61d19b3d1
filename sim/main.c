// SPDX-License-Identifier: GPL-2.0
/*
 * sim/main.c - the ksim command.
 *
 *   ksim [OPTION]... [MODULE.ko [PARAM=VALUE]...]...
 *   ksim modinfo MODULE.ko
 *   ksim symvers
 *
 * Boots the simulated kernel, loads the modules in order (config file
 * first, then the command line), keeps them loaded for --run-time, unloads
 * them in reverse order (at once on SIGINT/SIGTERM), shuts the kernel down,
 * prints a one-line summary and exits:
 *   0 clean, 1 a report was made, 2 bad input, 3 kernel panic,
 *   4 a module's init failed, 5 a job saw I/O errors (and nothing was
 *   reported), 6 a --exec/[user] command failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kapi-shim/include/ksim/firmware.h"
#include "ksim/blkdev.h"
#include "ksim/boot.h"
#include "ksim/failslab.h"
#include "ksim/kunit.h"
#include "ksim/module.h"
#include "ksim/platform.h"
#include "ksim/report.h"
#include "nvme-model/ksim_nvme.h"

#include "backtrace.h"
#include "config.h"
#include "fuse.h"
#include "host.h"
#include "loader.h"
#include "modelf.h"
#include "user_exec.h"

#define EXIT_REPORTS	1
#define EXIT_USAGE	2
#define EXIT_PANIC	3
#define EXIT_INIT	4
#define EXIT_IO		5
#define EXIT_KUNIT	6
#define EXIT_USER	7
#define EXIT_PROBE	8

static const char usage_text[] =
"Usage: ksim [OPTION]... [MODULE.ko [PARAM=VALUE]...]...\n"
"       ksim modinfo MODULE.ko\n"
"       ksim symvers\n"
"\n"
"Boot the simulated kernel, load each MODULE with its parameters, unload\n"
"them in reverse order at the end (or on SIGINT/SIGTERM), print a summary.\n"
"\n"
"  -c, --config=FILE        machine description (INI; see configs/)\n"
"  -l, --loglevel=N         print kernel messages with level < N (1-15,\n"
"                           default 7: all but debug); also 'loglevel=N'\n"
"  -s, --seed=N             seed for fault injection, randomness and (det)\n"
"                           scheduling (default: random, printed, replay\n"
"                           with --seed)\n"
"  -b, --backend=NAME       host backend: threads (default: a thread per task,\n"
"                           real time) or det (one task at a time, seeded\n"
"                           scheduling, virtual time: same seed, same run)\n"
"      --sched=S            det scheduling strategy: random (default), pct:D\n"
"      --det-tasks=HOW      det: threads (default: each task a thread, as gdb\n"
"                           shows them) or fibers (all on one thread: the\n"
"                           same run, several times faster switches)\n"
"      --explore=N          det: run N seeds (from --seed on), stop at the\n"
"                           first run with a report, print its replay command\n"
"      --hung-task-timeout=SECS  threads: report hung tasks after SECS with\n"
"                           every task blocked (default 120; 0: off)\n"
"  -t, --run-time=SECONDS   keep the modules loaded this long (default 0;\n"
"                           'inf': until signalled or, with --fuse, unmounted)\n"
"      --fuse=DIR           serve the disks (and dmesg, stats) as files in DIR\n"
"                           (FUSE) until unmounted or signalled; [fuse] in a config\n"
"      --fuse-allow-other   let other users into the --fuse mount (default: owner only)\n"
"      --cpus=N             CPUs of the simulated machine (default 2)\n"
"      --failslab=K=V[,K=V] allocation failure injection; keys: probability,\n"
"                           interval, times, after, space, module,\n"
"                           ignore_gfp_wait, verbose (see README)\n"
"      --kmemleak-stack     record a stack trace per allocation, for leak reports\n"
"      --firmware-dir DIR   where request_firmware() finds its files\n"
"      --job=NAME[:K=V,...] run a fio-style workload once the modules are\n"
"                           loaded, e.g. --job=verify:disk=nvme0n1,rw=randrw,\n"
"                           bs=4k,iodepth=32,runtime=2 (keys as in a [job NAME]\n"
"                           config section; data is verified)\n"
"      --nvme=NAME[:K=V,...]  add (or configure) an emulated NVMe controller,\n"
"                           e.g. --nvme=nvme0:queues=4,ns1.size=1G (keys as\n"
"                           in an [nvme0] config section)\n"
"      --exec='CMD; CMD...'  act as a user process once the modules are loaded:\n"
"                           cat, read, echo ... > PATH, ioctl, poll, sleep, ls,\n"
"                           expect, fails, '&', wait (see README; also a\n"
"                           [user] config section of 'run = CMD' lines)\n"
"  -q, --quiet              kernel log not on the console (summary still is)\n"
"      --kunit              print only the KTAP of the modules' KUnit suites on\n"
"                           stdout (ksim's own lines go to stderr)\n"
"  kunit.filter_glob=S[.T]  run only the KUnit suites (and test cases) that\n"
"                           match; also kunit.enable=0, kunit.stats_enabled=N\n"
"  -h, --help               this text\n"
"  -V, --version            version\n"
"\n"
"Exit status: 0 clean; 1 a report was made (WARN, BUG, leak, sleeping in\n"
"atomic context, ...); 2 bad input; 3 kernel panic; 4 a module's init failed;\n"
"5 a job saw I/O errors; 6 a KUnit test case failed; 7 a --exec/[user]\n"
"command failed; 8 a driver failed its device (no disk after its probe).\n";

/* ---- signals: a thread of its own, so the kernel's locks are never hit from a handler ---- */

static int wake_pipe[2] = { -1, -1 };
static _Atomic int stop_requested;	/* set by signal_loop's thread */
static pthread_t signal_thread;
static sigset_t stop_signals;

static void *signal_loop(void *arg)
{
	const struct ksim_host_ops *host;
	int sig, count = 0;

	for (;;) {
		if (sigwait(&stop_signals, &sig))
			continue;
		if (++count > 1) {
			static const char msg[] = "ksim: second signal, exiting now\n";

			if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
				_exit(130);
			_exit(128 + sig);
		}
		fprintf(stderr, "ksim: caught %s, unloading modules (again to exit at once)\n",
			strsignal(sig));
		stop_requested = 1;
		/* Under det only the machine's own tasks may enter the kernel. */
		host = __atomic_load_n(&ksim_host, __ATOMIC_ACQUIRE);	/* set by main's boot */
		if (!host || !host->trace_hash)
			ksim_signal_all();
		if (write(wake_pipe[1], "x", 1) < 0)
			continue;
	}
	return NULL;
}

static int start_signal_thread(void)
{
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGINT);
	sigaddset(&stop_signals, SIGTERM);
	/* Blocked everywhere: every thread started later inherits the mask. */
	pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
	if (pipe2(wake_pipe, O_CLOEXEC))
		return -errno;
	return -pthread_create(&signal_thread, NULL, signal_loop, NULL);
}

static void stop_signal_thread(void)
{
	pthread_cancel(signal_thread);
	pthread_join(signal_thread, NULL);
	close(wake_pipe[0]);
	close(wake_pipe[1]);
}

/* Stay up for @seconds, or until a signal. */
static struct ksim_fuse *fuse;

static void run_for(double seconds)
{
	struct timespec start, now;
	struct pollfd pfd = { .fd = wake_pipe[0], .events = POLLIN };

	if (ksim_host->trace_hash) {
		/* Virtual time: the machine's own clock, in steps a signal can cut. */
		int64_t end = ksim_host->now_ns() + (int64_t)(seconds * 1e9);

		while (!stop_requested && ksim_host->now_ns() < end) {
			int64_t step = ksim_host->now_ns() + 1000000000;

			ksim_host->sleep_until(step < end ? step : end);
		}
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (!stop_requested && !(fuse && ksim_fuse_ended(fuse))) {
		double left;

		clock_gettime(CLOCK_MONOTONIC, &now);
		left = seconds - ((now.tv_sec - start.tv_sec) +
				  (now.tv_nsec - start.tv_nsec) / 1e9);
		if (left <= 0)
			break;
		poll(&pfd, 1, left > 1000 ? 1000000 : (int)(left * 1000) + 1);
	}
}

/* ---- summary ---- */

static struct timespec t_start;
static int nr_loaded_total;
static uint64_t run_seed;

/* --kunit and the kunit.* parameters of the command line. */
#define MAX_KUNIT_ARGS 16
static bool kunit_only;
static const char *kunit_args[MAX_KUNIT_ARGS];
static int nr_kunit_args;

static double elapsed(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t_start.tv_sec) + (now.tv_nsec - t_start.tv_nsec) / 1e9;
}

static void print_summary(const char *outcome)
{
	unsigned long total = ksim_report_total();
	char detail[512] = "";
	size_t n = 0;
	int k;

	for (k = 0; k < KSIM_REPORT_NR; k++) {
		unsigned long c = ksim_report_count(k);

		if (c)
			n += snprintf(detail + n, sizeof(detail) - n, "%s%lu %s",
				      n ? ", " : " (", c, ksim_report_name(k));
	}
	if (n)
		n += snprintf(detail + n, sizeof(detail) - n, ")");
	if (ksim_kunit_cases_run())
		snprintf(detail + n, sizeof(detail) - n, ", %lu KUnit test case%s (%lu failed)",
			 ksim_kunit_cases_run(), ksim_kunit_cases_run() == 1 ? "" : "s",
			 ksim_kunit_cases_failed());
	if (ksim_host && ksim_host->trace_hash)
		printf("ksim: seed %llu, trace 0x%016llx\n", (unsigned long long)run_seed,
		       (unsigned long long)ksim_host->trace_hash());
	printf("ksim: %s: %d module%s, %lu report%s%s, %.3fs\n", outcome,
	       nr_loaded_total, nr_loaded_total == 1 ? "" : "s",
	       total, total == 1 ? "" : "s", detail, elapsed());
	fflush(stdout);
}

static void on_panic(void)
{
	ksim_fuse_emergency_unmount(fuse);
	print_summary("kernel panic");
}

static void on_hung(void)
{
	print_summary("FAILED (hung tasks)");
}

/* ---- subcommands ---- */

static int cmd_symvers(void)
{
	const struct ksim_ksym *k;

	for (k = ksim_ksymtab_begin(); k < ksim_ksymtab_end(); k++)
		printf("0x00000000\t%s\tvmlinux\t%s\t\n", k->name,
		       k->gpl_only ? "EXPORT_SYMBOL_GPL" : "EXPORT_SYMBOL");
	return 0;
}

static int cmd_modinfo(int argc, char **argv)
{
	struct ksim_modelf m;
	char err[1024], *abs;
	const char *prev = NULL, *type;
	size_t i;

	if (argc != 2) {
		fprintf(stderr, "usage: ksim modinfo MODULE.ko\n");
		return EXIT_USAGE;
	}
	if (ksim_modelf_read(&m, argv[1], err, sizeof(err))) {
		fprintf(stderr, "ksim: modinfo: %s\n", err);
		return EXIT_USAGE;
	}
	abs = realpath(argv[1], NULL);
	printf("%-16s%s\n", "filename:", abs ? abs : argv[1]);
	free(abs);
	for (i = 0; i < m.nr_modinfo; i++) {
		const char *eq = strchr(m.modinfo[i], '=');
		char key[64];

		if (!eq || !strncmp(m.modinfo[i], "parm", 4))
			continue;
		snprintf(key, sizeof(key), "%.*s:", (int)(eq - m.modinfo[i]), m.modinfo[i]);
		printf("%-16s%s\n", key, eq + 1);
	}
	/* parm: name:description (type), as modinfo(8) prints it */
	while ((type = ksim_modelf_info(&m, "parmtype", &prev)) != NULL) {
		const char *colon = strchr(type, ':'), *dprev = NULL, *desc;
		int nlen = colon ? (int)(colon - type) : (int)strlen(type);
		const char *found = NULL;

		while ((desc = ksim_modelf_info(&m, "parm", &dprev)) != NULL)
			if (!strncmp(desc, type, nlen) && desc[nlen] == ':')
				found = desc + nlen + 1;
		printf("%-16s%.*s:%s%s(%s)\n", "parm:", nlen, type, found ? found : "",
		       found ? " " : "", colon ? colon + 1 : "?");
	}
	for (i = 0; i < m.nr_exports; i++)
		printf("%-16s%s%s\n", "export:", m.exports[i], m.export_gpl[i] ? " (GPL)" : "");
	ksim_modelf_free(&m);
	return 0;
}

/* ---- command line ---- */

static bool is_module_path(const char *arg)
{
	size_t len = strlen(arg);

	return (len > 3 && !strcmp(arg + len - 3, ".ko")) || strchr(arg, '/');
}

/* Where a --failslab/--nvme/--job setting ends up. */
/* --failslab=, --nvme=, --job=: sim/config.c parses them; the error goes to stderr. */
static int parse_option(struct ksim_config *cfg, const char *opt, const char *arg)
{
	char msg[600];
	int ret = ksim_config_parse_option(cfg, opt, arg, msg, sizeof(msg));

	if (ret)
		fprintf(stderr, "ksim: %s\n", msg);
	return ret;
}

static unsigned long long explore_runs;

static bool is_det(const struct ksim_config *cfg)
{
	return cfg->backend[0] && ksim_host_find(cfg->backend) == &ksim_host_det;
}

static int parse_cmdline(struct ksim_config *cfg, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config",	required_argument, NULL, 'c' },
		{ "loglevel",	required_argument, NULL, 'l' },
		{ "seed",	required_argument, NULL, 's' },
		{ "run-time",	required_argument, NULL, 't' },
		{ "cpus",	required_argument, NULL, 'C' },
		{ "failslab",	required_argument, NULL, 'F' },
		{ "kmemleak-stack", no_argument,   NULL, 'K' },
		{ "firmware-dir", required_argument, NULL, 'W' },
		{ "nvme",	required_argument, NULL, 'N' },
		{ "job",	required_argument, NULL, 'J' },
		{ "fuse",	required_argument, NULL, 'U' },
		{ "fuse-allow-other", no_argument, NULL, 'A' },
		{ "backend",	required_argument, NULL, 'b' },
		{ "sched",	required_argument, NULL, 'S' },
		{ "det-tasks",	required_argument, NULL, 'D' },
		{ "explore",	required_argument, NULL, 'E' },
		{ "hung-task-timeout", required_argument, NULL, 'H' },
		{ "exec",	required_argument, NULL, 'X' },
		{ "quiet",	no_argument,	   NULL, 'q' },
		{ "kunit",	no_argument,	   NULL, 'T' },
		{ "help",	no_argument,	   NULL, 'h' },
		{ "version",	no_argument,	   NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct ksim_config cli = { 0 };
	char err[1024];
	unsigned long long v;
	int opt, i;

	/*
	 * Options may stand anywhere (GNU getopt moves them first, keeping the
	 * modules and their parameters in order); they apply after the config file.
	 */
	bool have_loglevel = false, have_seed = false, have_cpus = false, have_run = false;
	bool have_hung = false;

	while ((opt = getopt_long(argc, argv, "c:l:s:t:b:qhV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			if (ksim_config_load(cfg, optarg, err, sizeof(err))) {
				fprintf(stderr, "ksim: %s\n", err);
				return -EINVAL;
			}
			break;
		case 'l':
			if (ksim_parse_loglevel(optarg, &cli.loglevel, "--loglevel", err, sizeof(err)))
				goto bad;
			have_loglevel = true;
			break;
		case 's':
			if (ksim_parse_uint(optarg, 0, ~0ULL, &v, "--seed", err, sizeof(err)))
				goto bad;
			cli.seed = v;
			have_seed = true;
			break;
		case 't':
			if (ksim_parse_seconds(optarg, &cli.run_time, "--run-time", err, sizeof(err)))
				goto bad;
			have_run = true;
			break;
		case 'C':
			if (ksim_parse_uint(optarg, 1, 64, &v, "--cpus", err, sizeof(err)))
				goto bad;
			cli.cpus = (unsigned int)v;
			have_cpus = true;
			break;
		case 'F':
			if (parse_option(cfg, "failslab", optarg))
				return -EINVAL;
			break;
		case 'N':
			if (parse_option(cfg, "nvme", optarg))
				return -EINVAL;
			break;
		case 'J':
			if (parse_option(cfg, "job", optarg))
				return -EINVAL;
			break;
		case 'X':
			if (ksim_user_exec_split(optarg, &cfg->user, &cfg->nr_user))
				return -ENOMEM;
			break;
		case 'U':
			if (ksim_config_fuse_set(cfg, "mountpoint", optarg, err, sizeof(err)))
				goto bad;
			break;
		case 'A':
			cfg->fuse_allow_other = true;
			break;
		case 'K':
			ksim_config_add_kmemleak(cfg, "stack", "1", "--kmemleak-stack");
			break;
		case 'b':
			if (ksim_parse_backend(optarg, cli.backend, sizeof(cli.backend), "--backend",
					       err, sizeof(err)))
				goto bad;
			break;
		case 'S':
			if (ksim_parse_sched(optarg, cli.sched, sizeof(cli.sched), "--sched", err,
					     sizeof(err)))
				goto bad;
			break;
		case 'D':
			if (ksim_parse_det_tasks(optarg, cli.det_tasks, sizeof(cli.det_tasks),
						 "--det-tasks", err, sizeof(err)))
				goto bad;
			break;
		case 'E':
			if (ksim_parse_uint(optarg, 1, 100000000, &v, "--explore", err, sizeof(err)))
				goto bad;
			explore_runs = v;
			break;
		case 'H':
			if (ksim_parse_uint(optarg, 0, 86400, &v, "--hung-task-timeout", err,
					    sizeof(err)))
				goto bad;
			cli.hung_task_timeout = (unsigned int)v;
			have_hung = true;
			break;
		case 'W':	/* request_firmware() reads DIR (sim/firmware.c) */
			if (ksim_firmware_set_dir(optarg, "--firmware-dir", err, sizeof(err)))
				goto bad;
			break;
		case 'q':
			cfg->quiet = true;
			break;
		case 'T':
			kunit_only = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 1;
		case 'V':
			printf("ksim 0.1 (Linux 6.1 kernel API)\n");
			return 1;
		default:
			fprintf(stderr, "Try 'ksim --help' for more information.\n");
			return -EINVAL;
		}
	}
	for (i = optind; i < argc; i++) {
		const char *arg = argv[i];

		/* kunit.<param>=value: the kernel command line's KUnit parameters. */
		if (!strncmp(arg, "kunit.", 6) && !is_module_path(arg)) {
			if (nr_kunit_args == MAX_KUNIT_ARGS) {
				fprintf(stderr, "ksim: '%s': too many kunit.* parameters\n", arg);
				return -EINVAL;
			}
			kunit_args[nr_kunit_args++] = arg;
			continue;
		}
		if (!cfg->nr_modules || is_module_path(arg)) {
			if (!strncmp(arg, "loglevel=", 9) && !is_module_path(arg)) {
				if (ksim_parse_loglevel(arg + 9, &cli.loglevel, "loglevel=", err,
							sizeof(err)))
					goto bad;
				have_loglevel = true;
				continue;
			}
			if (!is_module_path(arg)) {
				fprintf(stderr, "ksim: '%s': expected a module (a path ending in .ko) before parameters\n",
					arg);
				return -EINVAL;
			}
			ksim_config_add_module(cfg, arg, "command line");
		} else {
			ksim_config_add_arg(cfg, arg, "command line");
		}
	}
	if (have_loglevel)
		cfg->loglevel = cli.loglevel;
	if (have_seed)
		cfg->seed = cli.seed;
	if (have_cpus)
		cfg->cpus = cli.cpus;
	if (have_run)
		cfg->run_time = cli.run_time;
	if (cli.backend[0])
		memcpy(cfg->backend, cli.backend, sizeof(cfg->backend));
	/* KSIM_BACKEND=det: the default for runs that name no backend (the test suites use it). */
	if (!cfg->backend[0] && getenv("KSIM_BACKEND") && *getenv("KSIM_BACKEND") &&
	    ksim_parse_backend(getenv("KSIM_BACKEND"), cfg->backend, sizeof(cfg->backend),
			       "KSIM_BACKEND", err, sizeof(err)))
		goto bad;
	if (cli.sched[0])
		memcpy(cfg->sched, cli.sched, sizeof(cfg->sched));
	if (cli.det_tasks[0])
		memcpy(cfg->det_tasks, cli.det_tasks, sizeof(cfg->det_tasks));
	if (have_hung) {
		cfg->hung_task_timeout = cli.hung_task_timeout;
		cfg->hung_task_timeout_set = true;
	}
	if (explore_runs && !is_det(cfg)) {
		snprintf(err, sizeof(err), "--explore needs the deterministic backend (--backend=det)");
		goto bad;
	}
	if (cfg->sched[0] && !is_det(cfg)) {
		snprintf(err, sizeof(err), "--sched=%s needs the deterministic backend (--backend=det)",
			 cfg->sched);
		goto bad;
	}
	if (cfg->det_tasks[0] && !is_det(cfg)) {
		snprintf(err, sizeof(err), "--det-tasks=%s needs the deterministic backend (--backend=det)",
			 cfg->det_tasks);
		goto bad;
	}
	return 0;
bad:
	fprintf(stderr, "ksim: %s\n", err);
	return -EINVAL;
}

/* How many of the run's modules have KUnit suites, and how many suites. */
static void plan_kunit_run(const struct ksim_config *cfg)
{
	int i, nr_modules = 0, nr_suites = 0;
	struct ksim_modelf m;
	char err[256];

	for (i = 0; i < cfg->nr_modules; i++) {
		/* A bad file is reported when it is loaded. */
		if (ksim_modelf_read(&m, cfg->modules[i].path, err, sizeof(err)))
			continue;
		if (m.kunit_suites_size) {
			nr_modules++;
			nr_suites += (int)(m.kunit_suites_size / sizeof(void *));
		}
		ksim_modelf_free(&m);
	}
	ksim_kunit_plan_run(nr_modules, nr_suites);
}

/* kunit.<name>=<value>, after boot (KUnit's parameters live in the shim). */
static int apply_kunit_args(void)
{
	int i, ret;

	for (i = 0; i < nr_kunit_args; i++) {
		const char *arg = kunit_args[i] + 6;
		const char *eq = strchr(arg, '=');
		char name[64];

		snprintf(name, sizeof(name), "%.*s", eq ? (int)(eq - arg) : (int)strlen(arg), arg);
		ret = ksim_kunit_set_param(name, eq ? eq + 1 : NULL);
		if (ret == -ENOENT) {
			fprintf(stderr, "ksim: command line: unknown KUnit parameter '%s' (known: kunit.filter_glob, kunit.enable, kunit.stats_enabled)\n",
				kunit_args[i]);
			return ret;
		}
		if (ret) {
			fprintf(stderr, "ksim: command line: bad value in '%s'\n", kunit_args[i]);
			return ret;
		}
	}
	ksim_kunit_set_ktap_only(kunit_only);
	return 0;
}


static int apply_failslab(const struct ksim_config *cfg)
{
	int i, ret;

	for (i = 0; i < cfg->nr_failslab; i++) {
		const struct ksim_setting *s = &cfg->failslab[i];

		ret = ksim_failslab_set(s->key, s->value);
		if (ret == -ENOENT) {
			fprintf(stderr, "ksim: %s: unknown failslab key '%s' (known: probability, interval, times, after, space, module, ignore_gfp_wait, verbose)\n",
				s->origin, s->key);
			return ret;
		}
		if (ret) {
			fprintf(stderr, "ksim: %s: bad value '%s' for failslab %s\n",
				s->origin, s->value, s->key);
			return ret;
		}
	}
	for (i = 0; i < cfg->nr_kmemleak; i++) {
		const struct ksim_setting *s = &cfg->kmemleak[i];

		ret = ksim_kmemleak_set(s->key, s->value);
		if (ret) {
			fprintf(stderr, "ksim: %s: %s kmemleak setting %s = '%s' (known: stack = 0|1)\n",
				s->origin, ret == -ENOENT ? "unknown" : "bad value for",
				s->key, s->value);
			return ret;
		}
	}
	return 0;
}

/*
 * Under det every address the run prints (kmemleak's objects, %px) must be
 * the same each time, so address-space randomization goes: run again once
 * with it off, as gdb does.  Not under valgrind, which lays memory out
 * deterministically itself and would re-exec its own tool.
 */
static void det_disable_aslr(char **argv)
{
	int pers = personality(0xffffffff);
	const char *preload = getenv("LD_PRELOAD");

	if (pers < 0 || (pers & ADDR_NO_RANDOMIZE) || getenv("KSIM_DET_REEXEC"))
		return;
	if (preload && strstr(preload, "vgpreload"))
		return;
	if (personality((unsigned long)pers | ADDR_NO_RANDOMIZE) < 0)
		return;
	setenv("KSIM_DET_REEXEC", "1", 1);
	fflush(NULL);
	execv("/proc/self/exe", argv);
	/* Could not: carry on with randomization (addresses may then differ). */
	personality((unsigned long)pers);
}

/* "--job j" / "--nvme nvme0" name the thing already; "configs/x.ini:12" does not. */
static bool origin_names_it(const char *origin)
{
	return !strncmp(origin, "--", 2);
}

/*
 * A job's disk @disk is missing: is that the driver's failure (a namespace
 * the controller has, on a device a driver's probe ran for: the probe
 * failed, or the driver gave the device up later) rather than a wrong name
 * or a driver never loaded (bad input)?
 */
static bool probe_failed(const struct ksim_config *cfg, struct ksim_nvme_ctrl **nvme,
			 const char *disk)
{
	for (int i = 0; nvme && i < cfg->nr_nvme; i++) {
		const char *name = cfg->nvme[i].name;
		size_t len = strlen(name);
		unsigned long nsid;
		char *end;

		if (!nvme[i] || strncmp(disk, name, len) || disk[len] != 'n')
			continue;
		errno = 0;
		nsid = strtoul(disk + len + 1, &end, 10);
		if (errno || *end || !nsid || nsid > cfg->nvme[i].cfg.nr_ns)
			return false;
		return ksim_pci_probed(ksim_nvme_pci_dev(nvme[i]));
	}
	return false;
}

/*
 * After loading: a controller a driver's probe ran for that shows none of
 * its namespaces as a disk was failed by its driver (the probe failed, or
 * a device fault made the driver give it up).  Says so; true if any.
 */
static bool devices_failed(const struct ksim_config *cfg, struct ksim_nvme_ctrl **nvme)
{
	bool failed = false;

	for (int i = 0; nvme && i < cfg->nr_nvme; i++) {
		char disk[32];
		struct ksim_bdev *bdev;
		bool named;

		if (!nvme[i] || !cfg->nvme[i].cfg.nr_ns ||
		    !ksim_pci_probed(ksim_nvme_pci_dev(nvme[i])))
			continue;
		snprintf(disk, sizeof(disk), "%sn1", cfg->nvme[i].name);
		bdev = ksim_bdev_open(disk);
		if (bdev) {
			ksim_bdev_close(bdev);
			continue;
		}
		named = origin_names_it(cfg->nvme[i].origin);
		fprintf(stderr, "ksim: %s: %s%sno disk %s: its driver failed the device (the probe failed, or a device fault made it give the device up: see the log)\n",
			cfg->nvme[i].origin, named ? "" : cfg->nvme[i].name, named ? "" : ": ", disk);
		failed = true;
	}
	return failed;
}

/* Boot, create the devices, load, run the jobs, unload, shut down: the exit status. */
static int run_machine(struct ksim_config *cfg)
{
	struct ksim_boot_params params = { 0 };
	struct ksim_loaded_module **loaded;
	struct ksim_nvme_ctrl **nvme = NULL;
	bool init_failed = false, jobs_failed = false, user_failed = false;
	int i, ret, status = 0, nr_loaded = 0;
	char err[4096];

	run_seed = cfg->seed;
	params.seed = cfg->seed;
	params.loglevel = cfg->loglevel;
	params.nr_cpus = cfg->cpus;
	params.host = ksim_host_find(cfg->backend);
	params.sched = cfg->sched[0] ? cfg->sched : NULL;
	params.det_fibers = !strcmp(cfg->det_tasks, "fibers");
	params.hung_task_timeout_secs = cfg->hung_task_timeout_set ? cfg->hung_task_timeout : 120;
	ksim_set_panic_notifier(on_panic);
	ksim_set_hung_notifier(on_hung);
	if (cfg->quiet || kunit_only)
		ksim_console_enable(false);
	/*
	 * --kunit: stdout carries the KTAP document alone (the console writes
	 * it there), so ksim's own lines (seed, summary) go to stderr.
	 */
	if (kunit_only)
		stdout = stderr;
	ret = ksim_kernel_boot(&params);
	if (ret) {
		fprintf(stderr, "ksim: cannot boot the kernel: %s\n", strerror(-ret));
		return EXIT_USAGE;
	}
	printf("ksim: seed %llu (replay with --seed=%llu)\n",
	       (unsigned long long)cfg->seed, (unsigned long long)cfg->seed);
	if (apply_failslab(cfg) || apply_kunit_args()) {
		status = EXIT_USAGE;
		goto out_shutdown;
	}
	plan_kunit_run(cfg);

	nvme = calloc(cfg->nr_nvme + 1, sizeof(*nvme));
	for (i = 0; nvme && i < cfg->nr_nvme; i++) {
		ret = ksim_nvme_create(cfg->nvme[i].name, &cfg->nvme[i].cfg, &nvme[i]);
		if (ret) {
			fprintf(stderr, "ksim: %s: cannot create %s: %s\n", cfg->nvme[i].origin,
				cfg->nvme[i].name, strerror(-ret));
			status = EXIT_USAGE;
			goto out_devices;
		}
	}

	loaded = calloc(cfg->nr_modules + 1, sizeof(*loaded));
	for (i = 0; loaded && i < cfg->nr_modules && !stop_requested; i++) {
		const struct ksim_module_spec *m = &cfg->modules[i];

		ret = ksim_insmod(m->path, m->args, m->nr_args, &loaded[nr_loaded], err, sizeof(err));
		if (ret < 0) {
			fprintf(stderr, "ksim: %s\n", err);
			status = EXIT_USAGE;
			break;
		}
		if (ret == KSIM_INSMOD_INIT_FAILED) {
			fprintf(stderr, "insmod: ERROR: %s\n", err);
			init_failed = true;
			break;
		}
		nr_loaded++;
		nr_loaded_total++;
	}
	if (!status && !init_failed && devices_failed(cfg, nvme))
		status = EXIT_PROBE;
	for (i = 0; !status && !init_failed && i < cfg->nr_jobs && !stop_requested; i++) {
		struct ksim_job_result res;

		ret = ksim_job_run(&cfg->jobs[i], &res, err, sizeof(err));
		if (ret) {
			const struct ksim_job_spec *job = &cfg->jobs[i];
			bool named = origin_names_it(job->origin);

			fprintf(stderr, "ksim: %s: %s%s%s%s\n", job->origin, named ? "" : "job ",
				named ? "" : job->name, named ? "" : ": ", err);
			if (ret == -ENODEV && probe_failed(cfg, nvme, job->disk)) {
				fprintf(stderr, "ksim: %s: the driver does not drive the device that has it (its probe failed or it gave the device up: see the log above)\n",
					job->disk);
				status = EXIT_PROBE;
			} else if (ret != -ETIMEDOUT) {
				status = EXIT_USAGE;
			}
			break;
		}
		ksim_job_print(stdout, &cfg->jobs[i], &res);
		if (res.dir[0].errors || res.dir[1].errors || res.flush_errors)
			jobs_failed = true;
	}
	if (!status && !init_failed && cfg->nr_user && !stop_requested)
		user_failed = ksim_user_exec(cfg->user, cfg->nr_user) != 0;
	if (!status && !init_failed && !stop_requested && cfg->fuse_mountpoint) {
		struct ksim_fuse_opts fo = {
			.mountpoint = cfg->fuse_mountpoint,
			.allow_other = cfg->fuse_allow_other,
			.threads = cfg->fuse_threads,
			.polled = cfg->fuse_polled,
		};

		ret = ksim_fuse_start(&fo, nvme, cfg->nr_nvme, wake_pipe[1], &fuse, err, sizeof(err));
		if (ret) {
			fprintf(stderr, "ksim: --fuse: %s\n", err);
			status = EXIT_USAGE;
		} else {
			printf("ksim: disks served in %s until unmounted or signalled\n",
			       cfg->fuse_mountpoint);
			/* With a mount, run_time 0 means until it is unmounted. */
			run_for(cfg->run_time > 0 ? cfg->run_time : INFINITY);
			ksim_fuse_stop(fuse);
			fuse = NULL;
		}
	} else if (!status && !init_failed && cfg->run_time > 0) {
		run_for(cfg->run_time);
	}
	while (nr_loaded > 0)
		ksim_rmmod(loaded[--nr_loaded]);
	free(loaded);

out_devices:
	for (i = cfg->nr_nvme - 1; nvme && i >= 0; i--) {
		unsigned long ub;

		if (!nvme[i])
			continue;
		/* The driver broke the device's protocol: a finding, like a WARN. */
		ub = ksim_nvme_ub_total(nvme[i]);
		if (ub) {
			printf("ksim: %s: the driver broke the NVMe protocol %lu time%s:\n",
			       cfg->nvme[i].name, ub, ub == 1 ? "" : "s");
			ksim_nvme_dump_events(nvme[i]);
			ksim_report(KSIM_REPORT_DEVICE);
		}
		ksim_nvme_destroy(nvme[i]);
	}
	free(nvme);

out_shutdown:
	ksim_kernel_shutdown();
	/* Reports outrank everything but bad input: they are what ksim is for. */
	if (status == EXIT_PROBE && ksim_report_total())
		status = EXIT_REPORTS;
	if (!status) {
		if (ksim_report_total())
			status = EXIT_REPORTS;
		else if (init_failed)
			status = EXIT_INIT;
		else if (jobs_failed)
			status = EXIT_IO;
		else if (ksim_kunit_cases_failed())
			status = EXIT_KUNIT;
		else if (user_failed)
			status = EXIT_USER;
	}
	print_summary(status == EXIT_USAGE ? "stopped on bad input" :
		      status == EXIT_PROBE ? "the driver failed its device" :
		      status == EXIT_INIT ? "module init failed" :
		      status == EXIT_REPORTS ? "FAILED" :
		      status == EXIT_IO ? "I/O errors" :
		      status == EXIT_KUNIT ? "KUnit tests failed" :
		      status == EXIT_USER ? "user command failed" : "ok");
	return status;
}

/* The command line that replays seed @seed: this one, with --seed and without --explore. */
static void print_replay(int argc, char **argv, uint64_t seed)
{
	printf("ksim: replay:");
	for (int i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "--explore", 9) || !strncmp(argv[i], "--seed", 6) ||
		    !strcmp(argv[i], "-s") || !strncmp(argv[i], "-q", 2))
			continue;
		if (i > 0 && (!strcmp(argv[i - 1], "-s") ||
			      !strcmp(argv[i - 1], "--explore") || !strcmp(argv[i - 1], "--seed")))
			continue;
		printf(" %s", argv[i]);
	}
	printf(" --seed=%llu\n", (unsigned long long)seed);
}

/*
 * --explore=N: each seed in a child process of its own (a run that
 * deadlocks or panics ends its process), quiet; the first that fails is
 * announced with its replay command, then run again here, log and all.
 */
static void explore_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static int explore(struct ksim_config *cfg, int argc, char **argv)
{
	uint64_t base = cfg->seed;
	unsigned long long i;
	struct sigaction sa;
	int status;

	/*
	 * No thread but this one while forking: a thread that held a lock at
	 * fork() (the allocator's, while it started up) leaves the child
	 * waiting for it forever.  A child starts its own signal thread; here
	 * a plain handler asks the loop to stop.
	 */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = explore_stop;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	printf("ksim: exploring %llu seeds from %llu (sched %s)\n", explore_runs,
	       (unsigned long long)base, cfg->sched[0] ? cfg->sched : "random");
	fflush(stdout);
	for (i = 0; i < explore_runs && !stop_requested; i++) {
		uint64_t seed = base + i;
		int wstatus, code;
		pid_t pid = fork();

		if (pid < 0) {
			perror("ksim: --explore: fork");
			return EXIT_USAGE;
		}
		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);

			if (null >= 0) {
				dup2(null, STDOUT_FILENO);
				dup2(null, STDERR_FILENO);
			}
			cfg->seed = seed;
			cfg->quiet = true;
			/*
			 * Fibers give the same run as threads, faster; the replay
			 * below (and the printed command) keep threads for gdb.
			 */
			if (!cfg->det_tasks[0])
				snprintf(cfg->det_tasks, sizeof(cfg->det_tasks), "fibers");
			if (start_signal_thread())
				_exit(EXIT_USAGE);
			_exit(run_machine(cfg));
		}
		while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
			;
		code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
		if (code == 0 || code == EXIT_INIT || code == EXIT_IO || code == EXIT_PROBE)
			continue;
		if (code == EXIT_USAGE) {
			fprintf(stderr, "ksim: --explore: seed %llu stopped on bad input\n",
				(unsigned long long)seed);
			return EXIT_USAGE;
		}
		printf("ksim: explore: seed %llu fails (exit status %d) after %llu run%s, sched %s\n",
		       (unsigned long long)seed, code, i + 1, i ? "s" : "",
		       cfg->sched[0] ? cfg->sched : "random");
		print_replay(argc, argv, seed);
		printf("ksim: replaying seed %llu:\n", (unsigned long long)seed);
		fflush(stdout);
		cfg->seed = seed;
		if (start_signal_thread())
			return EXIT_USAGE;
		status = run_machine(cfg);
		stop_signal_thread();
		return status;
	}
	printf("ksim: explore: %llu seed%s, no report\n", i, i == 1 ? "" : "s");
	return 0;
}

int main(int argc, char **argv)
{
	struct ksim_config cfg = { 0 };
	int i, ret, status;
	char err[1024];

	clock_gettime(CLOCK_MONOTONIC, &t_start);
	/* The log and the summary interleave with errors on a terminal or a pipe. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "symvers"))
		return cmd_symvers();
	if (argc > 1 && !strcmp(argv[1], "modinfo"))
		return cmd_modinfo(argc - 1, argv + 1);

	ret = parse_cmdline(&cfg, argc, argv);
	if (ret) {
		ksim_config_free(&cfg);
		return ret > 0 ? 0 : EXIT_USAGE;
	}
	if (ksim_config_check_nvme(&cfg, err, sizeof(err))) {
		fprintf(stderr, "ksim: %s\n", err);
		ksim_config_free(&cfg);
		return EXIT_USAGE;
	}
	/* Check every module file before booting: bad input never half-runs. */
	for (i = 0; i < cfg.nr_modules; i++) {
		if (access(cfg.modules[i].path, R_OK)) {
			fprintf(stderr, "ksim: %s: %s: %s\n", cfg.modules[i].origin,
				cfg.modules[i].path, strerror(errno));
			ksim_config_free(&cfg);
			return EXIT_USAGE;
		}
	}
	if (cfg.fuse_mountpoint) {
		struct stat st;

		/* FUSE's and the kernel's threads are host threads: not one task at a time. */
		if (is_det(&cfg)) {
			fprintf(stderr, "ksim: --fuse needs the threads backend (not --backend=det)\n");
			ksim_config_free(&cfg);
			return EXIT_USAGE;
		}
		errno = 0;
		if (stat(cfg.fuse_mountpoint, &st) || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, "ksim: --fuse: mount point '%s': %s\n", cfg.fuse_mountpoint,
				strerror(errno ? errno : ENOTDIR));
			ksim_config_free(&cfg);
			return EXIT_USAGE;
		}
	}
	if (is_det(&cfg))
		det_disable_aslr(argv);
	if (!cfg.seed && getrandom(&cfg.seed, sizeof(cfg.seed), 0) != sizeof(cfg.seed))
		cfg.seed = (uint64_t)t_start.tv_nsec | 1;
	if (explore_runs) {
		status = explore(&cfg, argc, argv);
	} else {
		if (start_signal_thread()) {
			perror("ksim: signal thread");
			return EXIT_USAGE;
		}
		status = run_machine(&cfg);
		stop_signal_thread();
	}
	/* --explore that found nothing never booted here: nothing to release. */
	if (ksim_host)
		ksim_printk_exit();
	ksim_backtrace_cleanup();
	ksim_config_free(&cfg);
	return status;
}
