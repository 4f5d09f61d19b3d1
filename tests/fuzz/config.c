// SPDX-License-Identifier: GPL-2.0
/*
 * tests/fuzz/config.c - ksim's parsers of what users type.
 *
 * The first input byte picks a parser, the rest is its text:
 *   0  a config file (sim/config.c over inih), written to a scratch file
 *      and loaded with ksim_config_load(), then ksim_config_check_nvme();
 *   1  --nvme=NAME:K=V,...     (ksim_config_parse_option "nvme")
 *   2  --job=NAME:K=V,...      (ksim_config_parse_option "job")
 *   3  --failslab=K=V,...      (ksim_config_parse_option "failslab")
 *   4  module parameters, one "name[=value]" a line, set on a module with a
 *      parameter of every type (kapi-shim/kernel/params.c) as insmod does,
 *      then read back with each parameter's get();
 *   5  the single-value option parsers (--seed, --cpus, --run-time,
 *      --loglevel, --backend, --sched), one "which value" per input.
 *
 * A parse error is expected: it must come back as an error whose message
 * names the input (the file, the option or the parameter).  A finding is a
 * crash, a sanitizer error, a leak (LeakSanitizer, or the machine's
 * kmemleak for mode 4), an error message that does not name the input, or
 * a value accepted but silently changed: a negative number read as a huge
 * unsigned one, a size that wrapped, text cut at a NUL byte.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/moduleparam.h>
#include <linux/module.h>
#include "ksim/module.h"

#include "fuzz.h"
#include "sim/config.h"

#define MAX_TEXT	4096

static char text[MAX_TEXT + 1];
static size_t text_len;

static void finding(const char *what, const char *detail)
{
	char why[1024];

	snprintf(why, sizeof(why), "%s: %.900s", what, detail);
	fprintf(stderr, "ksim-fuzz: config: %s\n", why);
	abort();
}

/* The error must be there and name @name (a path, an option, a parameter). */
static void check_error(const char *err, const char *name)
{
	if (!err[0])
		finding("an error without a message", name);
	if (!strstr(err, name))
		finding("an error message that does not name the input", err);
}

/*
 * A decimal size with an optional K/M/G/T unit (and i/iB/B): the exact
 * value, or -1 when it does not fit in 64 bits.  0 when @v is not of that
 * form (then nothing is checked).
 */
static int reference_size(const char *v, unsigned __int128 *out)
{
	unsigned __int128 n = 0;
	const char *p = v;
	int shift = 0;

	if (*p < '1' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		n = n * 10 + (unsigned)(*p - '0');
		if (n >> 64)
			return -1;
	}
	switch (*p | 0x20) {
	case 'k': shift = 10; p++; break;
	case 'm': shift = 20; p++; break;
	case 'g': shift = 30; p++; break;
	case 't': shift = 40; p++; break;
	}
	if (shift && *p == 'i' && p[1] == 'B')
		p += 2;
	else if (*p == 'B')
		p++;
	if (*p)
		return 0;
	n <<= shift;
	*out = n;
	return (n >> 64) ? -1 : 1;
}

static void check_size(const char *key, const char *value, uint64_t parsed)
{
	unsigned __int128 want;
	char msg[256];
	int r = reference_size(value, &want);

	if (r < 0) {
		snprintf(msg, sizeof(msg), "%s = %s does not fit in 64 bits yet was accepted as %llu",
			 key, value, (unsigned long long)parsed);
		finding("a size wrapped", msg);
	}
	if (r > 0 && (uint64_t)want != parsed) {
		snprintf(msg, sizeof(msg), "%s = %s read as %llu", key, value,
			 (unsigned long long)parsed);
		finding("a size read wrong", msg);
	}
}

/* A value with a minus sign before its first digit was accepted as unsigned. */
static void check_not_negative(const char *what, const char *value)
{
	const char *p;

	for (p = value; *p && (*p < '0' || *p > '9'); p++)
		if (*p == '-') {
			char msg[256];

			snprintf(msg, sizeof(msg), "%s = '%s'", what, value);
			finding("a negative number accepted as unsigned", msg);
		}
}

/* What a parsed controller may hold, whatever the text said. */
static void check_nvme_config(const struct ksim_nvme_spec *spec)
{
	const struct ksim_nvme_config *c = &spec->cfg;
	unsigned int i;

	if (c->queues < 1 || c->queues > KSIM_NVME_MAX_QUEUES || c->mdts < 1 || c->mdts > 9 ||
	    c->nr_ns > KSIM_NVME_MAX_NS || c->workers < 1 || c->workers > KSIM_NVME_MAX_WORKERS ||
	    c->nr_faults > KSIM_NVME_MAX_FAULTS)
		finding("a controller config out of range", spec->name);
	if (strnlen(c->serial, sizeof(c->serial)) == sizeof(c->serial) ||
	    strnlen(c->model, sizeof(c->model)) == sizeof(c->model) ||
	    strnlen(c->firmware, sizeof(c->firmware)) == sizeof(c->firmware))
		finding("an unterminated identify string", spec->name);
	for (i = 0; i < c->nr_faults; i++)
		if (strnlen(c->faults[i], sizeof(c->faults[i])) == sizeof(c->faults[i]))
			finding("an unterminated fault rule", spec->name);
	for (i = 0; i < KSIM_NVME_LAT_NR; i++)
		if (c->latency[i].max_ns < c->latency[i].min_ns)
			finding("a latency range upside down", spec->name);
}

static void check_job(const struct ksim_job_spec *j)
{
	if (j->bs < 512 || j->bs % 512 || j->rwmixread > 100 || j->iodepth < 1 ||
	    j->iodepth > 4096 || j->numjobs < 1 || j->numjobs > 64 ||
	    (j->bs_max && (j->bs_min < 512 || j->bs_max < j->bs_min || j->bs_max % j->bs_min)) ||
	    j->runtime < 0 || j->runtime != j->runtime)
		finding("a job spec out of range", j->name);
	if (strnlen(j->disk, sizeof(j->disk)) == sizeof(j->disk))
		finding("an unterminated disk name", j->name);
}

/* Each K=V of an option, checked against what the parser stored. */
static void check_option_values(const struct ksim_config *cfg, const char *opt, const char *arg)
{
	char *copy = strdup(arg), *save = NULL, *item, *list;
	int i;

	if (!copy)
		abort();
	list = strcmp(opt, "failslab") ? strchr(copy, ':') : copy;
	for (item = list ? strtok_r(list + (list != copy), ",", &save) : NULL; item;
	     item = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(item, '=');

		if (!eq)
			continue;
		*eq = '\0';
		if (!strcmp(opt, "job") && cfg->nr_jobs) {
			const struct ksim_job_spec *j = &cfg->jobs[cfg->nr_jobs - 1];

			if (!strcmp(item, "size"))
				check_size(item, eq + 1, j->size);
			if (!strcmp(item, "size") || !strcmp(item, "offset") ||
			    !strcmp(item, "io_size") || !strcmp(item, "iodepth") ||
			    !strcmp(item, "bs") || !strcmp(item, "numjobs") || !strcmp(item, "seed"))
				check_not_negative(item, eq + 1);
		}
		if (!strcmp(opt, "nvme") && cfg->nr_nvme && !strncmp(item, "ns", 2)) {
			char *end;
			unsigned long n = strtoul(item + 2, &end, 10);

			if (n >= 1 && n <= KSIM_NVME_MAX_NS && !strcmp(end, ".size"))
				check_size(item, eq + 1, cfg->nvme[cfg->nr_nvme - 1].cfg.ns[n - 1].size);
		}
	}
	free(copy);
	for (i = 0; i < cfg->nr_nvme; i++)
		check_nvme_config(&cfg->nvme[i]);
	for (i = 0; i < cfg->nr_jobs; i++)
		check_job(&cfg->jobs[i]);
}

static void fuzz_ini(void)
{
	struct ksim_config cfg;
	char err[1024] = "", path[64];
	FILE *f;
	int ret, i;

	/* Every execution the same way: no first-call branch to vary coverage. */
	snprintf(path, sizeof(path), "/tmp/ksim-fuzz-config-%d.ini", (int)getpid());
	f = fopen(path, "w");
	if (!f || fwrite(text, 1, text_len, f) != text_len || fclose(f)) {
		fprintf(stderr, "ksim-fuzz: %s: cannot write the scratch file\n", path);
		exit(2);
	}
	memset(&cfg, 0, sizeof(cfg));
	ret = ksim_config_load(&cfg, path, err, sizeof(err));
	if (ret) {
		check_error(err, path);
	} else {
		if (memchr(text, 0, text_len))
			finding("a config with a NUL byte was accepted (text after it ignored)", path);
		for (i = 0; i < cfg.nr_nvme; i++)
			check_nvme_config(&cfg.nvme[i]);
		for (i = 0; i < cfg.nr_jobs; i++)
			check_job(&cfg.jobs[i]);
		err[0] = '\0';
		if (ksim_config_check_nvme(&cfg, err, sizeof(err)))
			check_error(err, "nvme");
	}
	ksim_config_free(&cfg);
	unlink(path);
}

static void fuzz_option(const char *opt)
{
	struct ksim_config cfg;
	char err[1024] = "", name[32];

	memset(&cfg, 0, sizeof(cfg));
	if (ksim_config_parse_option(&cfg, opt, text, err, sizeof(err))) {
		snprintf(name, sizeof(name), "--%s", opt);
		check_error(err, name);
	} else {
		check_option_values(&cfg, opt, text);
	}
	ksim_config_free(&cfg);
}

/* ---- module parameters: a module with one parameter of every kind ---- */

/*
 * The parameters' variables, in one struct so that each execution starts
 * them from zero, as a freshly loaded module would: a value the previous
 * execution left would change what get() prints, and AFL++ would see the
 * same input cover different edges (unstable).
 */
static struct {
	int p_int;
	unsigned int p_uint;
	unsigned char p_byte;
	short p_short;
	unsigned short p_ushort;
	long p_long;
	unsigned long p_ulong;
	unsigned long long p_ullong;
	unsigned int p_hexint;
	bool p_bool, p_invbool;
	int p_bint;
	char *p_charp;
	char p_string[16];
	int p_array[4];
	unsigned int p_array_n;
	char *p_charp_array[3];
	unsigned int p_charp_array_n;
} pv;

static const struct kparam_string p_string_desc = { sizeof(pv.p_string), pv.p_string };
static const struct kparam_array p_array_desc = {
	.max = 4, .num = &pv.p_array_n, .ops = &param_ops_int, .elemsize = sizeof(int),
	.elem = pv.p_array,
};
static const struct kparam_array p_charp_array_desc = {
	.max = 3, .num = &pv.p_charp_array_n, .ops = &param_ops_charp, .elemsize = sizeof(char *),
	.elem = pv.p_charp_array,
};

static struct kernel_param fz_params[] = {
	{ .name = "p_int", .ops = &param_ops_int, .arg = &pv.p_int },
	{ .name = "p_uint", .ops = &param_ops_uint, .arg = &pv.p_uint },
	{ .name = "p_byte", .ops = &param_ops_byte, .arg = &pv.p_byte },
	{ .name = "p_short", .ops = &param_ops_short, .arg = &pv.p_short },
	{ .name = "p_ushort", .ops = &param_ops_ushort, .arg = &pv.p_ushort },
	{ .name = "p_long", .ops = &param_ops_long, .arg = &pv.p_long },
	{ .name = "p_ulong", .ops = &param_ops_ulong, .arg = &pv.p_ulong },
	{ .name = "p_ullong", .ops = &param_ops_ullong, .arg = &pv.p_ullong },
	{ .name = "p_hexint", .ops = &param_ops_hexint, .arg = &pv.p_hexint },
	{ .name = "p_bool", .ops = &param_ops_bool, .arg = &pv.p_bool },
	{ .name = "p_invbool", .ops = &param_ops_invbool, .arg = &pv.p_invbool },
	{ .name = "p_bint", .ops = &param_ops_bint, .arg = &pv.p_bint },
	{ .name = "p_charp", .ops = &param_ops_charp, .arg = &pv.p_charp },
	{ .name = "p_string", .ops = &param_ops_string, .str = &p_string_desc },
	{ .name = "p_array", .ops = &param_array_ops, .arr = &p_array_desc },
	{ .name = "p_charp_array", .ops = &param_array_ops, .arr = &p_charp_array_desc },
};

static int fz_init(void)
{
	return 0;
}

static struct module fz_module = {
	.name = "fuzzparams",
	.init = fz_init,
	.kp = fz_params,
	.ksim_kp_end = fz_params + sizeof(fz_params) / sizeof(fz_params[0]),
};

static void fuzz_params(const uint8_t *data, size_t size)
{
	static char buf[4096];
	char *line, *save = NULL;
	unsigned int i;

	fuzz_machine_begin(data, size, 1);
	memset(&pv, 0, sizeof(pv));
	if (ksim_module_add(&fz_module, (unsigned long)fz_init, (unsigned long)fz_init + 16,
			    "GPL")) {
		fprintf(stderr, "ksim-fuzz: the parameter module could not be added\n");
		exit(2);
	}
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char err[512] = "", *eq = strchr(line, '=');
		int ret;

		if (eq)
			*eq = '\0';
		ret = ksim_module_set_param(&fz_module, line, eq ? eq + 1 : NULL, err, sizeof(err));
		if (ret)
			check_error(err, line);
	}
	for (i = 0; i < sizeof(fz_params) / sizeof(fz_params[0]); i++) {
		int n = fz_params[i].ops->get ? fz_params[i].ops->get(buf, &fz_params[i]) : 0;

		if (n < 0 || n >= (int)sizeof(buf) || strnlen(buf, sizeof(buf)) == sizeof(buf))
			finding("a parameter's get() overflowed its page", fz_params[i].name);
	}
	ksim_module_discard(&fz_module);
	fuzz_machine_end();
}

/* ---- the single-value command-line parsers ---- */

static void fuzz_values(void)
{
	char err[512] = "", out[64];
	unsigned long long v;
	double d;
	int lvl, which = text[0] % 6;
	const char *value = text_len ? text + 1 : text;

	switch (which) {
	case 0:
		if (ksim_parse_uint(value, 0, ~0ULL, &v, "--seed", err, sizeof(err)))
			check_error(err, "--seed");
		else
			check_not_negative("--seed", value);
		break;
	case 1:
		if (ksim_parse_uint(value, 1, 64, &v, "--cpus", err, sizeof(err)))
			check_error(err, "--cpus");
		else if (v < 1 || v > 64)
			finding("--cpus out of range", value);
		break;
	case 2:
		if (ksim_parse_seconds(value, &d, "--run-time", err, sizeof(err)))
			check_error(err, "--run-time");
		else if (!(d >= 0))
			finding("--run-time negative or NaN", value);
		break;
	case 3:
		if (ksim_parse_loglevel(value, &lvl, "--loglevel", err, sizeof(err)))
			check_error(err, "--loglevel");
		break;
	case 4:
		if (ksim_parse_backend(value, out, sizeof(out), "--backend", err, sizeof(err)))
			check_error(err, "--backend");
		break;
	default:
		if (ksim_parse_sched(value, out, sizeof(out), "--sched", err, sizeof(err)))
			check_error(err, "--sched");
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned int mode;

	if (!size)
		return 0;
	mode = data[0] % 6;
	text_len = size - 1 > MAX_TEXT ? MAX_TEXT : size - 1;
	memcpy(text, data + 1, text_len);
	text[text_len] = '\0';
	switch (mode) {
	case 0:
		fuzz_ini();
		break;
	case 1:
		fuzz_option("nvme");
		break;
	case 2:
		fuzz_option("job");
		break;
	case 3:
		fuzz_option("failslab");
		break;
	case 4:
		fuzz_params(data, size);
		break;
	default:
		fuzz_values();
		break;
	}
	return 0;
}
