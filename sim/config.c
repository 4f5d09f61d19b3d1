// SPDX-License-Identifier: GPL-2.0
/*
 * sim/config.c - machine descriptions (the .ini files in configs/), read with inih.
 *
 *   [kernel]               loglevel, cpus, seed, run_time, backend, sched,
 *                          hung_task_timeout_secs
 *   [failslab]             allocation failure injection (see README)
 *   [kmemleak]             stack = 1: record a stack per allocation
 *   [nvme0], [nvme1], ...  an emulated NVMe controller (nvme-model/README.md)
 *   [job NAME]             a workload run once the modules are loaded (sim/job.h)
 *   [fuse]                 mountpoint, allow_other, threads, polled: the FUSE frontend (sim/fuse.h)
 *   [module NAME]          path = file.ko; every other key is a parameter
 *
 * Every problem is reported as "file:line: ..." naming the key and value.
 * Module paths are relative to the current directory, or else to the
 * config file's directory, or else to its parent; a sanitizer build's ksim
 * (build/san-FLAGS/ksim) looks in its own object tree first.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ksim/firmware.h"

#include "config.h"
#include "host.h"

struct parse_state {
	struct ksim_config *cfg;
	const char *path;
	char *dir;
	char *err;		/* first error, without the location */
	size_t errlen;
	char *text;		/* the whole file, to find a key's line number */
	bool failed;
	int fail_line;		/* overrides inih's line for the error, if set */
	char *section;
	struct ksim_module_spec *module;	/* the [module NAME] being read */
};

static char *xstrdup(const char *s)
{
	char *d = strdup(s ? s : "");

	if (!d) {
		perror("ksim");
		exit(2);
	}
	return d;
}

static char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0) {
		perror("ksim");
		exit(2);
	}
	va_end(ap);
	return s;
}

int ksim_parse_uint(const char *value, unsigned long long min, unsigned long long max,
		    unsigned long long *out, const char *what, char *err, size_t errlen)
{
	unsigned long long v;
	char *end;

	errno = 0;
	/* A digit first: strtoull would skip blanks and take " -1" as 2^64 - 1. */
	if (*value < '0' || *value > '9') {
		snprintf(err, errlen, "%s: '%s' is not a number (%llu..%llu)", what, value, min, max);
		return -EINVAL;
	}
	v = strtoull(value, &end, 0);
	if (errno || *end) {
		snprintf(err, errlen, "%s: '%s' is not a number (%llu..%llu)", what, value, min, max);
		return -EINVAL;
	}
	if (v < min || v > max) {
		snprintf(err, errlen, "%s: %s is out of range (%llu..%llu)", what, value, min, max);
		return -ERANGE;
	}
	*out = v;
	return 0;
}

int ksim_parse_loglevel(const char *value, int *out, const char *what, char *err, size_t errlen)
{
	unsigned long long v;
	int ret = ksim_parse_uint(value, 1, 15, &v, what, err, errlen);

	if (!ret)
		*out = (int)v;
	return ret;
}

int ksim_parse_seconds(const char *value, double *out, const char *what, char *err, size_t errlen)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(value, &end);
	/* "inf" (or "infinity"): until signalled, or until the FUSE mount goes. */
	if (errno || end == value || *end || isnan(v) || v < 0) {
		snprintf(err, errlen, "%s: '%s' is not a number of seconds (>= 0)", what, value);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

int ksim_parse_backend(const char *value, char *out, size_t len, const char *what, char *err,
		       size_t errlen)
{
	if (!ksim_host_find(value) || !*value || strlen(value) >= len) {
		snprintf(err, errlen, "%s: '%s' is not a backend (known: threads, det)", what, value);
		return -EINVAL;
	}
	snprintf(out, len, "%s", value);
	return 0;
}

int ksim_parse_det_tasks(const char *value, char *out, size_t len, const char *what, char *err,
			 size_t errlen)
{
	if (strcmp(value, "threads") && strcmp(value, "fibers")) {
		snprintf(err, errlen, "%s: '%s' is not a way to run tasks (known: threads, fibers)",
			 what, value);
		return -EINVAL;
	}
	snprintf(out, len, "%s", value);
	return 0;
}

int ksim_parse_sched(const char *value, char *out, size_t len, const char *what, char *err,
		     size_t errlen)
{
	char why[160];

	if (ksim_host_check_sched(value, why, sizeof(why)) || !*value || strlen(value) >= len) {
		snprintf(err, errlen, "%s: %s", what,
			 *value ? why : "'' is not a strategy (known: random, pct, pct:D)");
		return -EINVAL;
	}
	snprintf(out, len, "%s", value);
	return 0;
}

int ksim_config_add_module(struct ksim_config *cfg, const char *path, const char *origin)
{
	struct ksim_module_spec *bigger;

	bigger = realloc(cfg->modules, (cfg->nr_modules + 1) * sizeof(*bigger));
	if (!bigger)
		return -ENOMEM;
	cfg->modules = bigger;
	memset(&bigger[cfg->nr_modules], 0, sizeof(*bigger));
	bigger[cfg->nr_modules].path = path ? xstrdup(path) : NULL;
	bigger[cfg->nr_modules].origin = xstrdup(origin);
	cfg->nr_modules++;
	return 0;
}

static int spec_add_arg(struct ksim_module_spec *m, const char *text, const char *origin)
{
	struct ksim_module_arg *bigger = realloc(m->args, (m->nr_args + 1) * sizeof(*bigger));

	if (!bigger)
		return -ENOMEM;
	m->args = bigger;
	bigger[m->nr_args].text = xstrdup(text);
	bigger[m->nr_args].origin = xstrdup(origin);
	m->nr_args++;
	return 0;
}

int ksim_config_add_arg(struct ksim_config *cfg, const char *text, const char *origin)
{
	if (!cfg->nr_modules)
		return -EINVAL;
	return spec_add_arg(&cfg->modules[cfg->nr_modules - 1], text, origin);
}

static int add_setting(struct ksim_setting **vec, int *nr, const char *key,
		       const char *value, const char *origin)
{
	struct ksim_setting *bigger = realloc(*vec, (*nr + 1) * sizeof(*bigger));

	if (!bigger)
		return -ENOMEM;
	*vec = bigger;
	bigger[*nr].key = xstrdup(key);
	bigger[*nr].value = xstrdup(value);
	bigger[*nr].origin = xstrdup(origin);
	(*nr)++;
	return 0;
}

int ksim_config_add_failslab(struct ksim_config *cfg, const char *key, const char *value,
			     const char *origin)
{
	return add_setting(&cfg->failslab, &cfg->nr_failslab, key, value, origin);
}

int ksim_config_add_kmemleak(struct ksim_config *cfg, const char *key, const char *value,
			     const char *origin)
{
	return add_setting(&cfg->kmemleak, &cfg->nr_kmemleak, key, value, origin);
}

bool ksim_is_nvme_name(const char *name)
{
	const char *p = name + 4;

	if (strncmp(name, "nvme", 4) || !*p || strlen(name) >= sizeof(((struct ksim_nvme_spec *)0)->name))
		return false;
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	return true;
}

int ksim_config_nvme_set(struct ksim_config *cfg, const char *name, const char *key,
			 const char *value, const char *origin, char *err, size_t errlen)
{
	struct ksim_nvme_spec *spec = NULL;
	int i;

	for (i = 0; i < cfg->nr_nvme; i++)
		if (!strcmp(cfg->nvme[i].name, name))
			spec = &cfg->nvme[i];
	if (!spec) {
		struct ksim_nvme_spec *bigger;

		bigger = realloc(cfg->nvme, (cfg->nr_nvme + 1) * sizeof(*bigger));
		if (!bigger)
			return -ENOMEM;
		cfg->nvme = bigger;
		spec = &bigger[cfg->nr_nvme++];
		memset(spec, 0, sizeof(*spec));
		snprintf(spec->name, sizeof(spec->name), "%s", name);
		spec->origin = xstrdup(origin);
		ksim_nvme_config_init(&spec->cfg);
	}
	if (!key)
		return 0;
	return ksim_nvme_config_set(&spec->cfg, key, value, err, errlen);
}

int ksim_config_job_set(struct ksim_config *cfg, const char *name, const char *key,
			const char *value, const char *origin, char *err, size_t errlen)
{
	struct ksim_job_spec *spec = NULL;
	int i;

	for (i = 0; i < cfg->nr_jobs; i++)
		if (!strcmp(cfg->jobs[i].name, name))
			spec = &cfg->jobs[i];
	if (!spec) {
		struct ksim_job_spec *bigger;

		if (!*name || strlen(name) >= sizeof(spec->name)) {
			snprintf(err, errlen, "job name '%s' is empty or too long", name);
			return -EINVAL;
		}
		bigger = realloc(cfg->jobs, (cfg->nr_jobs + 1) * sizeof(*bigger));
		if (!bigger)
			return -ENOMEM;
		cfg->jobs = bigger;
		spec = &bigger[cfg->nr_jobs++];
		ksim_job_spec_init(spec, name);
		spec->origin = xstrdup(origin);
	}
	if (!key)
		return 0;
	return ksim_job_spec_set(spec, key, value, err, errlen);
}

static void free_settings(struct ksim_setting *vec, int nr)
{
	int i;

	for (i = 0; i < nr; i++) {
		free(vec[i].key);
		free(vec[i].value);
		free(vec[i].origin);
	}
	free(vec);
}

static int fail(struct parse_state *st, const char *fmt, ...)
{
	va_list ap;

	/* ini_parse reports the line of the first error; keep its message. */
	if (!st->failed) {
		va_start(ap, fmt);
		vsnprintf(st->err, st->errlen, fmt, ap);
		va_end(ap);
		st->failed = true;
	}
	return 0;
}

static int kernel_key(struct parse_state *st, const char *name, const char *value)
{
	struct ksim_config *cfg = st->cfg;
	char what[128], msg[256];
	unsigned long long v;

	snprintf(what, sizeof(what), "[kernel] %s", name);
	if (!strcmp(name, "loglevel")) {
		if (ksim_parse_loglevel(value, &cfg->loglevel, what, msg, sizeof(msg)))
			return fail(st, "%s", msg);
	} else if (!strcmp(name, "cpus")) {
		if (ksim_parse_uint(value, 1, 64, &v, what, msg, sizeof(msg)))
			return fail(st, "%s", msg);
		cfg->cpus = (unsigned int)v;
	} else if (!strcmp(name, "seed")) {
		if (ksim_parse_uint(value, 0, ULLONG_MAX, &v, what, msg, sizeof(msg)))
			return fail(st, "%s", msg);
		cfg->seed = v;
	} else if (!strcmp(name, "run_time")) {
		if (ksim_parse_seconds(value, &cfg->run_time, what, msg, sizeof(msg)))
			return fail(st, "%s", msg);
	} else if (!strcmp(name, "backend")) {
		if (ksim_parse_backend(value, cfg->backend, sizeof(cfg->backend), what, msg,
				       sizeof(msg)))
			return fail(st, "%s", msg);
	} else if (!strcmp(name, "sched")) {
		if (ksim_parse_sched(value, cfg->sched, sizeof(cfg->sched), what, msg, sizeof(msg)))
			return fail(st, "%s", msg);
	} else if (!strcmp(name, "det_tasks")) {
		if (ksim_parse_det_tasks(value, cfg->det_tasks, sizeof(cfg->det_tasks), what, msg,
					 sizeof(msg)))
			return fail(st, "%s", msg);
	} else if (!strcmp(name, "hung_task_timeout_secs")) {
		if (ksim_parse_uint(value, 0, 86400, &v, what, msg, sizeof(msg)))
			return fail(st, "%s", msg);
		cfg->hung_task_timeout = (unsigned int)v;
		cfg->hung_task_timeout_set = true;
	} else if (!strcmp(name, "firmware_dir")) {
		/* Where request_firmware() looks, as --firmware-dir. */
		if (ksim_firmware_set_dir(value, what, msg, sizeof(msg)))
			return fail(st, "%s", msg);
	} else {
		return fail(st, "[kernel]: unknown key '%s' (known: loglevel, cpus, seed, run_time, backend, sched, det_tasks, hung_task_timeout_secs, firmware_dir)",
			    name);
	}
	return 1;
}

/*
 * The line of @key in [@section], for messages about parameters that are
 * only checked when the module loads (inih does not pass line numbers).
 */
static int key_line_nth(const struct parse_state *st, const char *section, const char *key,
			int nth)
{
	const char *p = st->text;
	bool in_section = false;
	int line = 0;
	size_t klen = strlen(key), slen = strlen(section);

	while (p && *p) {
		const char *end = strchr(p, '\n');
		const char *q = p;

		line++;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q == '[') {
			const char *close = strchr(q, ']');

			in_section = close && (size_t)(close - q - 1) == slen &&
				     !strncmp(q + 1, section, slen);
		} else if (in_section && !strncmp(q, key, klen)) {
			q += klen;
			while (*q == ' ' || *q == '\t')
				q++;
			if ((*q == '=' || *q == ':') && nth-- == 0)
				return line;
		}
		p = end ? end + 1 : NULL;
	}
	return 0;
}

static int key_line(const struct parse_state *st, const char *section, const char *key)
{
	return key_line_nth(st, section, key, 0);
}

/* The line of the "[@section]" header. */
static int section_line(const struct parse_state *st, const char *section)
{
	const char *p = st->text;
	size_t slen = strlen(section);
	int line = 0;

	while (p && *p) {
		const char *q = p;

		line++;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q == '[' && !strncmp(q + 1, section, slen) && q[1 + slen] == ']')
			return line;
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	return 0;
}

int ksim_config_check_nvme(const struct ksim_config *cfg, char *err, size_t errlen)
{
	int i;
	unsigned int n;

	for (i = 0; i < cfg->nr_nvme; i++) {
		const struct ksim_nvme_spec *spec = &cfg->nvme[i];

		for (n = 0; n < spec->cfg.nr_ns; n++) {
			const struct ksim_nvme_ns_config *ns = &spec->cfg.ns[n];
			unsigned int lba = ns->lba_size;

			if (lba < 512 || lba > 4096 || (lba & (lba - 1))) {
				snprintf(err, errlen, "%s: ns%u.lba_size: %u is not 512, 1024, 2048 or 4096",
					 spec->origin, n + 1, lba);
				return -EINVAL;
			}
			if (!ns->size || ns->size % lba) {
				snprintf(err, errlen, "%s: ns%u.size: %llu is not a multiple of the block size (%u)",
					 spec->origin, n + 1,
					 (unsigned long long)ns->size, lba);
				return -EINVAL;
			}
			if (ns->backend == KSIM_NVME_BACKEND_FILE && !ns->path[0]) {
				snprintf(err, errlen, "%s: ns%u.backend: 'file' needs ns%u.path = FILE",
					 spec->origin, n + 1, n + 1);
				return -EINVAL;
			}
		}
	}
	return 0;
}

/*
 * What inih would silently reshape, refused with the real line number: a
 * line longer than its buffer (the rest would be parsed as a new line) and
 * an indented line (folded into the previous key's value as a continuation).
 * Indented comments and blank lines are fine.
 */
#ifndef INI_MAX_LINE
#define INI_MAX_LINE 200
#endif
static int check_layout(const char *path, const char *text, char *err, size_t errlen)
{
	const char *p = text;
	int line = 1;

	while (p && *p) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *s = p;

		if (len && p[len - 1] == '\r')
			len--;
		if (len >= INI_MAX_LINE - 1) {
			snprintf(err, errlen, "%s:%d: line is %zu characters long; the parser's limit is %d",
				 path, line, len, INI_MAX_LINE - 2);
			return -EINVAL;
		}
		while (s < p + len && (*s == ' ' || *s == '\t'))
			s++;
		if (s > p && s < p + len && *s != ';' && *s != '#') {
			snprintf(err, errlen, "%s:%d: indented line '%.*s': keys and sections start in column 1 (a continuation line is not supported)",
				 path, line, (int)(p + len - s), s);
			return -EINVAL;
		}
		p = end ? end + 1 : NULL;
		line++;
	}
	return 0;
}

static char *key_origin(const struct parse_state *st, const char *section, const char *key)
{
	return xasprintf("%s:%d: [%s] %s", st->path, key_line(st, section, key), section, key);
}

/*
 * A ksim built into its own object tree (SAN=... builds: build/san-FLAGS/ksim,
 * marked by a .ksim-objtree file beside it) has its own, instrumented,
 * modules there: a config's relative module paths name those first, so the
 * sanitized ksim never loads the plain build's modules (or fails on a fresh
 * clone where there are none).  NULL for the plain build.
 */
static char *objtree_path(const char *value)
{
	char exe[PATH_MAX], *slash, *p;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	p = xasprintf("%s/.ksim-objtree", exe);
	if (access(p, F_OK)) {
		free(p);
		return NULL;
	}
	free(p);
	p = xasprintf("%s/%s", exe, value);
	if (access(p, F_OK) == 0)
		return p;
	free(p);
	return NULL;
}

/*
 * Relative paths: the build's own object tree (above), then the current
 * directory, then the config file's directory, then its parent
 * (configs/x.ini naming drivers/... in the tree).
 */
static char *resolve_module_path(struct parse_state *st, const char *value)
{
	char *alt;

	if (value[0] != '/' && (alt = objtree_path(value)))
		return alt;
	if (value[0] == '/' || access(value, F_OK) == 0 || !st->dir)
		return xstrdup(value);
	alt = xasprintf("%s/%s", st->dir, value);
	if (access(alt, F_OK) == 0)
		return alt;
	free(alt);
	alt = xasprintf("%s/../%s", st->dir, value);
	if (access(alt, F_OK) == 0)
		return alt;
	free(alt);
	return xstrdup(value);
}

/*
 * A namespace's backing file (nsN.path) named relatively in a config file
 * lives beside the config, wherever ksim is run from: never in a fixed
 * shared directory.  NULL: @value is used as it is.
 */
static char *resolve_ns_path(struct parse_state *st, const char *key, const char *value)
{
	size_t len = strlen(key);

	if (strncmp(key, "ns", 2) || len < 6 || strcmp(key + len - 5, ".path") ||
	    value[0] == '/' || !value[0] || !st->dir)
		return NULL;
	return xasprintf("%s/%s", st->dir, value);
}

int ksim_config_fuse_set(struct ksim_config *cfg, const char *key, const char *value,
			 char *err, size_t errlen)
{
	unsigned long long v;

	if (!strcmp(key, "mountpoint")) {
		if (!*value) {
			snprintf(err, errlen, "mountpoint: empty");
			return -EINVAL;
		}
		free(cfg->fuse_mountpoint);
		cfg->fuse_mountpoint = xstrdup(value);
	} else if (!strcmp(key, "allow_other")) {
		if (ksim_parse_uint(value, 0, 1, &v, "allow_other", err, errlen))
			return -EINVAL;
		cfg->fuse_allow_other = v;
	} else if (!strcmp(key, "polled")) {
		if (ksim_parse_uint(value, 0, 1, &v, "polled", err, errlen))
			return -EINVAL;
		cfg->fuse_polled = v;
	} else if (!strcmp(key, "threads")) {
		if (ksim_parse_uint(value, 1, 1024, &v, "threads", err, errlen))
			return -EINVAL;
		cfg->fuse_threads = (unsigned int)v;
	} else {
		snprintf(err, errlen, "unknown key '%s' (known: mountpoint, allow_other, threads, polled)", key);
		return -ENOENT;
	}
	return 0;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct parse_state *st = user;
	char *origin;

	if (!st->section || strcmp(st->section, section)) {
		free(st->section);
		st->section = xstrdup(section);
		st->module = NULL;
		if (!strncmp(section, "module ", 7) && section[7]) {
			origin = xasprintf("%s: [%s]", st->path, section);
			ksim_config_add_module(st->cfg, NULL, origin);
			free(origin);
			st->module = &st->cfg->modules[st->cfg->nr_modules - 1];
		} else if (!strncmp(section, "job ", 4) && section[4]) {
			char msg[256];

			origin = xasprintf("%s:%d: [%s]", st->path, section_line(st, section), section);
			if (ksim_config_job_set(st->cfg, section + 4, NULL, NULL, origin, msg,
						sizeof(msg))) {
				free(origin);
				return fail(st, "[%s]: %s", section, msg);
			}
			free(origin);
		} else if (ksim_is_nvme_name(section)) {
			origin = xasprintf("%s:%d: [%s]", st->path, section_line(st, section), section);
			ksim_config_nvme_set(st->cfg, section, NULL, NULL, origin, NULL, 0);
			free(origin);
		} else if (strcmp(section, "kernel") && strcmp(section, "failslab") &&
			   strcmp(section, "kmemleak") && strcmp(section, "user") &&
			   strcmp(section, "fuse")) {
			if (!st->failed)
				st->fail_line = section_line(st, section);
			return fail(st, "unknown section [%s] (known: [kernel], [failslab], [kmemleak], [fuse], [nvmeN], [module NAME], [job NAME], [user])",
				    section);
		}
	}
	if (!name)	/* an empty section */
		return 1;
	if (!strcmp(section, "kernel"))
		return kernel_key(st, name, value);
	if (!strcmp(section, "user")) {
		/* One command per "run =" line, in order (sim/user_exec.c). */
		if (strcmp(name, "run"))
			return fail(st, "[user]: unknown key '%s' (each command is a 'run = COMMAND' line)",
				    name);
		origin = xasprintf("%s:%d: [user]", st->path,
				   key_line_nth(st, section, name, st->cfg->nr_user));
		add_setting(&st->cfg->user, &st->cfg->nr_user, name, value, origin);
		free(origin);
		return 1;
	}
	if (!strcmp(section, "failslab") || !strcmp(section, "kmemleak")) {
		origin = key_origin(st, section, name);
		if (section[0] == 'f')
			ksim_config_add_failslab(st->cfg, name, value, origin);
		else
			ksim_config_add_kmemleak(st->cfg, name, value, origin);
		free(origin);
		return 1;
	}
	if (!strncmp(section, "job ", 4)) {
		char msg[512];

		origin = key_origin(st, section, name);
		if (ksim_config_job_set(st->cfg, section + 4, name, value, origin, msg, sizeof(msg))) {
			free(origin);
			return fail(st, "[%s] %s", section, msg);
		}
		free(origin);
		return 1;
	}
	if (!strcmp(section, "fuse")) {
		char msg[512];

		if (ksim_config_fuse_set(st->cfg, name, value, msg, sizeof(msg)))
			return fail(st, "[fuse] %s", msg);
		return 1;
	}
	if (ksim_is_nvme_name(section)) {
		char msg[256], *path = NULL;
		int ret;

		origin = key_origin(st, section, name);
		path = resolve_ns_path(st, name, value);
		ret = ksim_config_nvme_set(st->cfg, section, name, path ? path : value, origin,
					   msg, sizeof(msg));
		free(path);
		free(origin);
		if (ret)
			return fail(st, "[%s] %s", section, msg);
		return 1;
	}
	if (st->module) {
		if (!strcmp(name, "path")) {
			if (!*value)
				return fail(st, "[%s] path: empty", section);
			free(st->module->path);
			st->module->path = resolve_module_path(st, value);
			return 1;
		}
		origin = key_origin(st, section, name);
		/* "flag =" with no value is a bare bool parameter */
		if (*value) {
			char *text = xasprintf("%s=%s", name, value);

			spec_add_arg(st->module, text, origin);
			free(text);
		} else {
			spec_add_arg(st->module, name, origin);
		}
		free(origin);
		return 1;
	}
	return fail(st, "[%s]: unknown key '%s'", section, name);
}

static char *read_whole(FILE *f, size_t *lenp)
{
	size_t len = 0, size = 4096;
	char *buf = malloc(size);
	size_t n;

	while (buf && (n = fread(buf + len, 1, size - len - 1, f)) > 0) {
		len += n;
		if (len + 1 == size) {
			char *bigger = realloc(buf, size *= 2);

			if (!bigger) {
				free(buf);
				return NULL;
			}
			buf = bigger;
		}
	}
	if (buf)
		buf[len] = '\0';
	*lenp = len;
	return buf;
}

/*
 * A NUL byte ends the line for inih and every string function: what follows
 * it on the line would be dropped without a word.  Refuse it, with its line.
 */
static int check_nul(const char *path, const char *text, size_t len, char *err, size_t errlen)
{
	const char *nul = memchr(text, '\0', len);
	const char *p;
	int line = 1;

	if (!nul)
		return 0;
	for (p = text; p < nul; p++)
		line += *p == '\n';
	snprintf(err, errlen, "%s:%d: a NUL byte: not a text file", path, line);
	return -EINVAL;
}

int ksim_config_load(struct ksim_config *cfg, const char *path, char *err, size_t errlen)
{
	struct parse_state st = {
		.cfg = cfg, .path = path, .err = err, .errlen = errlen,
	};
	char msg[512] = "";
	const char *slash;
	int first_module = cfg->nr_modules, i, line;
	size_t text_len = 0;
	FILE *f;

	struct stat sb;

	st.err = msg;
	st.errlen = sizeof(msg);
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		snprintf(err, errlen, "%s: is a directory, not a config file", path);
		return -EISDIR;
	}
	f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -errno;
	}
	slash = strrchr(path, '/');
	st.dir = slash ? strndup(path, slash - path) : NULL;
	st.text = read_whole(f, &text_len);
	if (st.text && (check_nul(path, st.text, text_len, err, errlen) ||
			check_layout(path, st.text, err, errlen))) {
		fclose(f);
		free(st.dir);
		free(st.text);
		return -EINVAL;
	}
	rewind(f);
	line = ini_parse_file(f, handler, &st);
	fclose(f);
	free(st.dir);
	free(st.text);
	free(st.section);
	if (line > 0) {
		if (st.fail_line > 0)
			line = st.fail_line;
		if (st.failed)
			snprintf(err, errlen, "%s:%d: %s", path, line, msg);
		else
			snprintf(err, errlen, "%s:%d: syntax error (expected [section] or key = value)",
				 path, line);
		return -EINVAL;
	}
	if (line < 0) {
		snprintf(err, errlen, "%s: cannot read it", path);
		return -EIO;
	}
	for (i = first_module; i < cfg->nr_modules; i++) {
		if (!cfg->modules[i].path) {
			snprintf(err, errlen, "%s: missing 'path = file.ko'", cfg->modules[i].origin);
			return -EINVAL;
		}
	}
	return 0;
}

void ksim_config_free(struct ksim_config *cfg)
{
	int i, j;

	free_settings(cfg->user, cfg->nr_user);

	for (i = 0; i < cfg->nr_modules; i++) {
		struct ksim_module_spec *m = &cfg->modules[i];

		for (j = 0; j < m->nr_args; j++) {
			free((char *)m->args[j].text);
			free((char *)m->args[j].origin);
		}
		free(m->args);
		free(m->path);
		free(m->origin);
	}
	free(cfg->modules);
	free(cfg->fuse_mountpoint);
	for (i = 0; i < cfg->nr_nvme; i++)
		free(cfg->nvme[i].origin);
	free(cfg->nvme);
	for (i = 0; i < cfg->nr_jobs; i++)
		free(cfg->jobs[i].origin);
	free(cfg->jobs);
	free_settings(cfg->failslab, cfg->nr_failslab);
	free_settings(cfg->kmemleak, cfg->nr_kmemleak);
	memset(cfg, 0, sizeof(*cfg));
}

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
 * exists even with no settings), then once per pair.  Named options start
 * with "NAME:" (--nvme=nvme0:queues=4, --job=verify:rw=randrw); --failslab
 * is bare (--failslab=probability=10).
 */
int ksim_config_parse_option(struct ksim_config *cfg, const char *opt, const char *arg,
			     char *err, size_t errlen)
{
	char *copy, *list, *name = "", *save = NULL, *item;
	char msg[512] = "", origin[64];
	bool named = strcmp(opt, "failslab") != 0;
	kv_set_fn set = !strcmp(opt, "nvme") ? set_nvme :
			!strcmp(opt, "job") ? ksim_config_job_set : set_failslab;
	int ret;

	if (strcmp(opt, "nvme") && strcmp(opt, "job") && strcmp(opt, "failslab")) {
		snprintf(err, errlen, "--%s: not an option of this parser", opt);
		return -EINVAL;
	}
	copy = xstrdup(arg);
	list = copy;
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
		snprintf(err, errlen, "%s: %s", origin, msg);
	free(copy);
	return ret;
}
