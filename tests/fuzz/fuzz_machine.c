// SPDX-License-Identifier: GPL-2.0
/*
 * tests/fuzz/fuzz_machine.c - one execution's machine, in process.
 *
 * Each execution boots the simulated kernel on the deterministic backend,
 * loads its modules, runs, unloads and shuts down, all in the fuzzer's own
 * process: the shutdown's checks (kmemleak at exit, live timers, work,
 * tasks) say whether the machine was left clean, and ksim_kernel_boot()
 * starts the next execution from zero.  The modules stay mapped between
 * executions (ksim_loader_keep_mapped()): their data is put back as first
 * loaded, so the coverage ids stay the same and AFL++'s stability holds.
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "ksim/boot.h"
#include "ksim/report.h"

#include "fuzz.h"
#include "sim/host.h"
#include "sim/loader.h"

#define FUZZ_MAX_MODULES	16

static const uint8_t *cur_data;
static unsigned long expected_kinds;	/* report kinds that are no finding */
static size_t cur_size;
static struct ksim_loaded_module *loaded[FUZZ_MAX_MODULES];
static int nr_loaded;
static char log_buf[1 << 20];

/*
 * Where modules are: $KSIM_FUZZ_OBJTREE, else the object tree the target was
 * built in, else (a target copied elsewhere, as ClusterFuzzLite copies it
 * into $OUT with the modules beside it) the directory of the binary.
 */
const char *fuzz_objtree(void)
{
	static char exe_dir[4096];
	const char *env = getenv("KSIM_FUZZ_OBJTREE");
	struct stat st;
	ssize_t n;
	char *slash;

	if (env && *env)
		return env;
#ifdef KSIM_FUZZ_DEFAULT_OBJTREE
	if (!stat(KSIM_FUZZ_DEFAULT_OBJTREE, &st) && S_ISDIR(st.st_mode))
		return KSIM_FUZZ_DEFAULT_OBJTREE;
#endif
	if (!exe_dir[0]) {
		n = readlink("/proc/self/exe", exe_dir, sizeof(exe_dir) - 1);
		if (n <= 0)
			return ".";
		exe_dir[n] = 0;
		slash = strrchr(exe_dir, '/');
		if (slash)
			*slash = 0;
	}
	return exe_dir;
}

/* FNV-1a of the input: the name its report is kept under. */
static uint64_t input_hash(void)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < cur_size; i++)
		h = (h ^ cur_data[i]) * 0x100000001b3ULL;
	return h;
}

static void write_file(const char *path, const void *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return;
	ksim_host_write_all(fd, buf, len);
	if (close(fd))
		fprintf(stderr, "ksim-fuzz: %s: %s\n", path, strerror(errno));
}

/* $KSIM_FUZZ_REPORTS/<hash>.input and <hash>.txt: the input and what it made the kernel say. */
static void keep_report(const char *text, size_t len)
{
	const char *dir = getenv("KSIM_FUZZ_REPORTS");
	char path[4096];
	uint64_t h = input_hash();

	if (!dir || !*dir)
		return;
	snprintf(path, sizeof(path), "%s/%016llx.input", dir, (unsigned long long)h);
	write_file(path, cur_data, cur_size);
	snprintf(path, sizeof(path), "%s/%016llx.txt", dir, (unsigned long long)h);
	write_file(path, text, len);
}

void fuzz_finding(const char *why)
{
	static char text[sizeof(log_buf) + 256];
	size_t len;
	int k, n;

	n = snprintf(text, sizeof(text), "ksim-fuzz: finding: %s\n", why);
	for (k = 0; k < KSIM_REPORT_NR; k++)
		if (ksim_report_count(k))
			n += snprintf(text + n, sizeof(text) - n, "ksim-fuzz: %lu %s report(s)\n",
				      ksim_report_count(k), ksim_report_name(k));
	len = ksim_dmesg_read(log_buf, sizeof(log_buf));
	if (len > sizeof(text) - n - 1)
		len = sizeof(text) - n - 1;
	memcpy(text + n, log_buf, len);
	len += n;
	text[len] = 0;
	ksim_host_write_all(2, text, len);
	keep_report(text, len);
	abort();
}

static void on_panic(void)
{
	fuzz_finding("kernel panic");
}

static void on_hung(void)
{
	fuzz_finding("hung task");
}

static bool env_is_set(const char *name)
{
	const char *v = getenv(name);

	return v && *v && strcmp(v, "0");
}

void fuzz_machine_begin(const uint8_t *data, size_t size, uint64_t seed)
{
	struct ksim_boot_params params = { 0 };
	const char *console = getenv("KSIM_FUZZ_CONSOLE");
	int err;

	cur_data = data;
	cur_size = size;
	ksim_loader_keep_mapped(true);
	ksim_set_panic_notifier(on_panic);
	ksim_set_hung_notifier(on_hung);
	ksim_report_reset();
	ksim_taint_reset();
	expected_kinds = 0;
	ksim_console_enable(console && *console == '1');
	params.host = ksim_host_find("det");
	params.seed = seed ? seed : 1;
	params.sched = getenv("KSIM_FUZZ_SCHED");
	/*
	 * Tasks as fibers: the same schedule as with a thread per task, at a
	 * fraction of the cost per switch.  KSIM_FUZZ_THREADS=1 gives each
	 * task its own thread, to see them all under gdb ("info threads").
	 */
	params.det_fibers = !env_is_set("KSIM_FUZZ_THREADS");
	err = ksim_kernel_boot(&params);
	if (err) {
		fprintf(stderr, "ksim-fuzz: the machine did not boot: %s\n", strerror(-err));
		exit(2);
	}
}

int fuzz_insmod(const char *path, const char *const *args, int nr_args)
{
	struct ksim_module_arg margs[16];
	char full[4096], err[1024] = "";
	int i, ret;

	if (nr_loaded == FUZZ_MAX_MODULES || nr_args > 16) {
		fprintf(stderr, "ksim-fuzz: %s: too many modules or parameters\n", path);
		exit(2);
	}
	if (path[0] == '/')
		snprintf(full, sizeof(full), "%s", path);
	else
		snprintf(full, sizeof(full), "%s/%s", fuzz_objtree(), path);
	for (i = 0; i < nr_args; i++) {
		margs[i].text = args[i];
		margs[i].origin = "fuzz target";
	}
	ret = ksim_insmod(full, margs, nr_args, &loaded[nr_loaded], err, sizeof(err));
	if (ret < 0) {
		fprintf(stderr, "ksim-fuzz: %s\n", err);
		exit(2);
	}
	if (ret == 0)
		nr_loaded++;
	return ret;
}

static uint64_t last_trace;

#define FUZZ_MAX_USER_MODULES	8

static char *user_modules[FUZZ_MAX_USER_MODULES];
static int nr_user_modules = -1;

/*
 * KSIM_FUZZ_MODULES, split and made absolute once (relative paths are
 * taken from the directory the target was started in, as a user gives them).
 */
static void parse_user_modules(void)
{
	const char *env = getenv("KSIM_FUZZ_MODULES");
	char *list, *tok, *save = NULL;

	nr_user_modules = 0;
	if (!env || !*env)
		return;
	list = strdup(env);
	if (!list)
		abort();
	for (tok = strtok_r(list, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		char *path = realpath(tok, NULL);

		if (!path) {
			fprintf(stderr, "ksim-fuzz: KSIM_FUZZ_MODULES: %s: no such module file\n", tok);
			exit(2);
		}
		if (nr_user_modules == FUZZ_MAX_USER_MODULES) {
			fprintf(stderr, "ksim-fuzz: KSIM_FUZZ_MODULES: more than %d modules\n",
				FUZZ_MAX_USER_MODULES);
			exit(2);
		}
		user_modules[nr_user_modules++] = path;
	}
	free(list);
}

int fuzz_load_driver(const char *const *defaults, int nr_defaults)
{
	const char *const *paths = defaults;
	int i, nr = nr_defaults;

	if (nr_user_modules < 0)
		parse_user_modules();
	if (nr_user_modules) {
		paths = (const char *const *)user_modules;
		nr = nr_user_modules;
	}
	/* A module whose init failed (failslab) leaves the ones after it unloadable. */
	for (i = 0; i < nr; i++)
		if (fuzz_insmod(paths[i], NULL, 0))
			return -1;
	return 0;
}

void fuzz_expect_reports(enum ksim_report_kind kind)
{
	expected_kinds |= 1UL << kind;
}

static unsigned long unexpected_reports(void)
{
	unsigned long n = 0;
	int k;

	for (k = 0; k < KSIM_REPORT_NR; k++)
		if (!(expected_kinds & (1UL << k)))
			n += ksim_report_count(k);
	return n;
}

void fuzz_machine_end(void)
{
	while (nr_loaded)
		ksim_rmmod(loaded[--nr_loaded]);
	ksim_kernel_shutdown();
	if (unexpected_reports())
		fuzz_finding("the kernel reported a bug");
	last_trace = ksim_host->trace_hash ? ksim_host->trace_hash() : 0;
	ksim_printk_exit();
}

uint64_t fuzz_last_trace(void)
{
	return last_trace;
}

void fuzz_warm_up(void)
{
	static const uint8_t none[1];

	LLVMFuzzerTestOneInput(none, 0);
}

#ifdef KSIM_FUZZ_ENGINE
/* The engine's one-time set-up (libFuzzer, AFL++'s driver): see fuzz_warm_up(). */
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_warm_up();
	return 0;
}
#endif
