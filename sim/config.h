/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sim/config.h - what one ksim run is: the machine (kernel options, fault
 * injection) and the modules to load, from an INI file and the command line.
 */
#ifndef KSIM_CONFIG_H
#define KSIM_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "loader.h"
#include "nvme-model/ksim_nvme.h"
#include "job.h"

/* An emulated NVMe controller: [nvme0] in the config, --nvme on the command line. */
struct ksim_nvme_spec {
	char name[16];
	char *origin;
	struct ksim_nvme_config cfg;
};

struct ksim_module_spec {
	char *path;
	char *origin;			/* where it was named: "configs/x.ini:7" */
	struct ksim_module_arg *args;
	int nr_args;
};

struct ksim_setting {
	char *key;
	char *value;
	char *origin;
};

struct ksim_config {
	int loglevel;			/* 0: the kernel's default */
	unsigned int cpus;		/* 0: 2 */
	uint64_t seed;			/* 0: pick one and print it */
	double run_time;		/* seconds to stay up after loading */
	char backend[16];		/* "threads" (default) or "det" */
	char sched[32];			/* det: "random" (default), "pct:D" */
	char det_tasks[16];		/* det: "threads" (default) or "fibers" */
	unsigned int hung_task_timeout;	/* threads: seconds, 0 off (when _set) */
	bool hung_task_timeout_set;	/* else the default, 120 s */
	bool quiet;
	struct ksim_module_spec *modules;
	int nr_modules;
	struct ksim_setting *failslab;	/* applied after boot, in order */
	int nr_failslab;
	struct ksim_setting *kmemleak;	/* [kmemleak] stack = 1 */
	int nr_kmemleak;
	struct ksim_nvme_spec *nvme;	/* created after boot, before modules load */
	int nr_nvme;
	struct ksim_job_spec *jobs;	/* run in order once the modules are loaded */
	int nr_jobs;
	struct ksim_setting *user;	/* [user] run = ..., --exec: after the jobs */
	int nr_user;
	/* [fuse] / --fuse: serve the disks as files there (sim/fuse.h) */
	char *fuse_mountpoint;
	bool fuse_allow_other;
	unsigned int fuse_threads;	/* 0: the frontend's default */
	bool fuse_polled;
};

/*
 * Read @path into @cfg (adding to what is there).  Returns 0, or -errno
 * with "file:line: what is wrong" in @err.
 */
int ksim_config_load(struct ksim_config *cfg, const char *path, char *err, size_t errlen);
/* Add a module (and later its arguments) named on the command line. */
int ksim_config_add_module(struct ksim_config *cfg, const char *path, const char *origin);
int ksim_config_add_arg(struct ksim_config *cfg, const char *text, const char *origin);
int ksim_config_add_failslab(struct ksim_config *cfg, const char *key, const char *value,
			     const char *origin);
int ksim_config_add_kmemleak(struct ksim_config *cfg, const char *key, const char *value,
			     const char *origin);
/*
 * Set @key of controller @name (created with defaults on first use).
 * Returns 0, or -errno with "what: why" in @err.
 */
int ksim_config_nvme_set(struct ksim_config *cfg, const char *name, const char *key,
			 const char *value, const char *origin, char *err, size_t errlen);
/* Set @key of workload @name (created with defaults on first use). */
int ksim_config_job_set(struct ksim_config *cfg, const char *name, const char *key,
			const char *value, const char *origin, char *err, size_t errlen);
/* Set @key of [fuse] (mountpoint, allow_other, threads). */
int ksim_config_fuse_set(struct ksim_config *cfg, const char *key, const char *value,
			 char *err, size_t errlen);
/* Whether @name is a device section name: nvme0, nvme1, ... */
bool ksim_is_nvme_name(const char *name);
/*
 * Check what the keys of every controller add up to (a namespace size that
 * is not a multiple of its block size, a file backend without a path), so
 * the error names the key ("nvme0: ns1.size: 1000 is not a multiple of the
 * block size (512)") before anything is created.  0 or -EINVAL with @err.
 */
int ksim_config_check_nvme(const struct ksim_config *cfg, char *err, size_t errlen);

/* Option values, checked strictly; on error @err names @what and the value. */
int ksim_parse_loglevel(const char *value, int *out, const char *what, char *err, size_t errlen);
int ksim_parse_uint(const char *value, unsigned long long min, unsigned long long max,
		    unsigned long long *out, const char *what, char *err, size_t errlen);
int ksim_parse_seconds(const char *value, double *out, const char *what, char *err, size_t errlen);
/* A host backend name ("threads", "det"), stored as given; errors name @what. */
int ksim_parse_backend(const char *value, char *out, size_t len, const char *what, char *err,
		       size_t errlen);
/* How det runs its tasks: "threads" or "fibers". */
int ksim_parse_det_tasks(const char *value, char *out, size_t len, const char *what, char *err,
			 size_t errlen);
/* A scheduling strategy ("random", "pct", "pct:D"). */
int ksim_parse_sched(const char *value, char *out, size_t len, const char *what, char *err,
		     size_t errlen);
/*
 * The command line's --nvme=NAME:K=V,..., --job=NAME:K=V,... and
 * --failslab=K=V,... (@opt "nvme", "job", "failslab").  Returns 0, or
 * -errno with @err naming the option and the pair at fault.
 */
int ksim_config_parse_option(struct ksim_config *cfg, const char *opt, const char *arg,
			     char *err, size_t errlen);
void ksim_config_free(struct ksim_config *cfg);

#endif
