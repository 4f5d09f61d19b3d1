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
 *   reported).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "kapi-shim/include/ksim/firmware.h"
#include "ksim/boot.h"
#include "ksim/failslab.h"
#include "ksim/module.h"
#include "ksim/report.h"
#include "nvme-model/ksim_nvme.h"

#include "backtrace.h"
#include "config.h"
#include "loader.h"
#include "modelf.h"

#define EXIT_REPORTS	1
#define EXIT_USAGE	2
#define EXIT_PANIC	3
#define EXIT_INIT	4
#define EXIT_IO		5

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
"  -s, --seed=N             seed for fault injection and randomness\n"
"                           (default: random, printed, replay with --seed)\n"
"  -t, --run-time=SECONDS   keep the modules loaded this long (default 0)\n"
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
"  -q, --quiet              kernel log not on the console (summary still is)\n"
"  -h, --help               this text\n"
"  -V, --version            version\n"
"\n"
"Exit status: 0 clean; 1 a report was made (WARN, BUG, leak, sleeping in\n"
"atomic context, ...); 2 bad input; 3 kernel panic; 4 a module's init failed;\n"
"5 a job saw I/O errors.\n";

/* ---- signals: a thread of its own, so the kernel's locks are never hit from a handler ---- */

static int wake_pipe[2] = { -1, -1 };
static volatile int stop_requested;
static pthread_t signal_thread;
static sigset_t stop_signals;

static void *signal_loop(void *arg)
{
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
static void run_for(double seconds)
{
	struct timespec start, now;
	struct pollfd pfd = { .fd = wake_pipe[0], .events = POLLIN };

	clock_gettime(CLOCK_MONOTONIC, &start);
	while (!stop_requested) {
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
		snprintf(detail + n, sizeof(detail) - n, ")");
	printf("ksim: %s: %d module%s, %lu report%s%s, %.3fs\n", outcome,
	       nr_loaded_total, nr_loaded_total == 1 ? "" : "s",
	       total, total == 1 ? "" : "s", detail, elapsed());
	fflush(stdout);
}

static void on_panic(void)
{
	print_summary("kernel panic");
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
typedef int (*kv_set_fn)(struct ksim_config *cfg, const char *name, const char *key,
			 const char *value, const char *origin, char *err, size_t errlen);

static int set_failslab(struct ksim_config *cfg, const char *name, const char *key,
			const char *value, const char *origin, char *err, size_t errlen)
{
	return key ? ksim_config_add_failslab(cfg, key, value, origin) : 0;
}

static int set_nvme(struct ksim_config *cfg, const char *name, const char *key,
		    const char *value, const char *origin, char *err, size_t errlen)
{
	if (!ksim_is_nvme_name(name)) {
		snprintf(err, errlen, "'%s' is not a controller name (nvme0, nvme1, ...)", name);
		return -EINVAL;
	}
	return ksim_config_nvme_set(cfg, name, key, value, origin, err, errlen);
}

/*
 * --OPT=[NAME:]K=V,K=V...: @set first with a NULL key (so a named object
 * exists even with no settings), then once per pair.  @named: the list
 * starts with "NAME:" (--nvme=nvme0:queues=4, --job=verify:rw=randrw);
 * otherwise it is bare (--failslab=probability=10).
 */
static int parse_kv_option(struct ksim_config *cfg, const char *opt, const char *arg,
			   bool named, kv_set_fn set)
{
	char *copy = strdup(arg), *list = copy, *name = "", *save = NULL, *item;
	char msg[512] = "", origin[64];
	int ret;

	if (!copy)
		return -ENOMEM;
	if (named) {
		char *colon = strchr(copy, ':');

		name = copy;
		list = colon ? colon + 1 : NULL;
		if (colon)
			*colon = '\0';
	}
	snprintf(origin, sizeof(origin), "--%s%s%s", opt, named ? " " : "", name);
	ret = set(cfg, name, NULL, NULL, origin, msg, sizeof(msg));
	for (item = list && !ret ? strtok_r(list, ",", &save) : NULL; item;
	     item = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(item, '=');

		if (!eq || eq == item) {
			snprintf(msg, sizeof(msg), "'%s' is not KEY=VALUE", item);
			ret = -EINVAL;
			break;
		}
		*eq = '\0';
		ret = set(cfg, name, item, eq + 1, origin, msg, sizeof(msg));
		if (ret)
			break;
	}
	if (ret)
		fprintf(stderr, "ksim: %s: %s\n", origin, msg);
	free(copy);
	return ret;
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
		{ "quiet",	no_argument,	   NULL, 'q' },
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

	while ((opt = getopt_long(argc, argv, "c:l:s:t:qhV", longopts, NULL)) != -1) {
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
			if (parse_kv_option(cfg, "failslab", optarg, false, set_failslab))
				return -EINVAL;
			break;
		case 'N':
			if (parse_kv_option(cfg, "nvme", optarg, true, set_nvme))
				return -EINVAL;
			break;
		case 'J':
			if (parse_kv_option(cfg, "job", optarg, true, ksim_config_job_set))
				return -EINVAL;
			break;
		case 'K':
			ksim_config_add_kmemleak(cfg, "stack", "1", "--kmemleak-stack");
			break;
		case 'W':	/* request_firmware() reads DIR (sim/firmware.c) */
			if (ksim_firmware_set_dir(optarg))
				return -EINVAL;
			break;
		case 'q':
			cfg->quiet = true;
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
	return 0;
bad:
	fprintf(stderr, "ksim: %s\n", err);
	return -EINVAL;
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

int main(int argc, char **argv)
{
	struct ksim_boot_params params = { 0 };
	struct ksim_loaded_module **loaded;
	struct ksim_nvme_ctrl **nvme = NULL;
	struct ksim_config cfg = { 0 };
	bool init_failed = false, jobs_failed = false;
	int i, ret, status = 0, nr_loaded = 0;
	char err[4096];

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
	/* Check every module file before booting: bad input never half-runs. */
	for (i = 0; i < cfg.nr_modules; i++) {
		if (access(cfg.modules[i].path, R_OK)) {
			fprintf(stderr, "ksim: %s: %s: %s\n", cfg.modules[i].origin,
				cfg.modules[i].path, strerror(errno));
			ksim_config_free(&cfg);
			return EXIT_USAGE;
		}
	}
	if (!cfg.seed && getrandom(&cfg.seed, sizeof(cfg.seed), 0) != sizeof(cfg.seed))
		cfg.seed = (uint64_t)t_start.tv_nsec | 1;
	if (start_signal_thread()) {
		perror("ksim: signal thread");
		return EXIT_USAGE;
	}

	params.seed = cfg.seed;
	params.loglevel = cfg.loglevel;
	params.nr_cpus = cfg.cpus;
	ksim_set_panic_notifier(on_panic);
	if (cfg.quiet)
		ksim_console_enable(false);
	ret = ksim_kernel_boot(&params);
	if (ret) {
		fprintf(stderr, "ksim: cannot boot the kernel: %s\n", strerror(-ret));
		return EXIT_USAGE;
	}
	printf("ksim: seed %llu (replay with --seed=%llu)\n",
	       (unsigned long long)cfg.seed, (unsigned long long)cfg.seed);
	if (apply_failslab(&cfg)) {
		status = EXIT_USAGE;
		goto out_shutdown;
	}

	nvme = calloc(cfg.nr_nvme + 1, sizeof(*nvme));
	for (i = 0; nvme && i < cfg.nr_nvme; i++) {
		ret = ksim_nvme_create(cfg.nvme[i].name, &cfg.nvme[i].cfg, &nvme[i]);
		if (ret) {
			fprintf(stderr, "ksim: %s: cannot create %s: %s\n", cfg.nvme[i].origin,
				cfg.nvme[i].name, strerror(-ret));
			status = EXIT_USAGE;
			goto out_devices;
		}
	}

	loaded = calloc(cfg.nr_modules + 1, sizeof(*loaded));
	for (i = 0; loaded && i < cfg.nr_modules && !stop_requested; i++) {
		const struct ksim_module_spec *m = &cfg.modules[i];

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
	for (i = 0; !status && !init_failed && i < cfg.nr_jobs && !stop_requested; i++) {
		struct ksim_job_result res;

		ret = ksim_job_run(&cfg.jobs[i], &res, err, sizeof(err));
		if (ret) {
			fprintf(stderr, "ksim: %s: job %s: %s\n", cfg.jobs[i].origin,
				cfg.jobs[i].name, err);
			if (ret != -ETIMEDOUT)
				status = EXIT_USAGE;
			break;
		}
		ksim_job_print(stdout, &cfg.jobs[i], &res);
		if (res.dir[0].errors || res.dir[1].errors)
			jobs_failed = true;
	}
	if (!status && !init_failed && cfg.run_time > 0)
		run_for(cfg.run_time);
	while (nr_loaded > 0)
		ksim_rmmod(loaded[--nr_loaded]);
	free(loaded);

out_devices:
	for (i = cfg.nr_nvme - 1; nvme && i >= 0; i--) {
		unsigned long ub;

		if (!nvme[i])
			continue;
		/* The driver broke the device's protocol: a finding, like a WARN. */
		ub = ksim_nvme_ub_total(nvme[i]);
		if (ub) {
			printf("ksim: %s: the driver broke the NVMe protocol %lu time%s:\n",
			       cfg.nvme[i].name, ub, ub == 1 ? "" : "s");
			ksim_nvme_dump_events(nvme[i]);
			ksim_report(KSIM_REPORT_DEVICE);
		}
		ksim_nvme_destroy(nvme[i]);
	}
	free(nvme);

out_shutdown:
	ksim_kernel_shutdown();
	stop_signal_thread();
	if (!status) {
		if (ksim_report_total())
			status = EXIT_REPORTS;
		else if (init_failed)
			status = EXIT_INIT;
		else if (jobs_failed)
			status = EXIT_IO;
	}
	print_summary(status == EXIT_USAGE ? "stopped on bad input" :
		      status == EXIT_INIT ? "module init failed" :
		      status == EXIT_REPORTS ? "FAILED" :
		      status == EXIT_IO ? "I/O errors" : "ok");
	ksim_printk_exit();
	ksim_backtrace_cleanup();
	ksim_config_free(&cfg);
	return status;
}
