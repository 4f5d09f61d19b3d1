// SPDX-License-Identifier: GPL-2.0
/*
 * bench/lib/fio.c - fio as a cross-check, in the same sitting: its psync
 * (numjobs threads, as ours), io_uring and null engines on the same
 * /dev/shm file with the same block size and depth.  IOPS and latency
 * percentiles come from fio's JSON (total latency: submission to
 * completion as fio sees it); CPU is fio's whole process as its parent
 * sees it (RUSAGE_CHILDREN), less its fixed start-up and exit cost
 * (measured by a short run, see fio_fixed_cost), divided by the I/Os
 * beyond those of the short run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

bool bench_fio_available(void)
{
	return system("fio --version >/dev/null 2>&1") == 0;
}

/* The number after "key" : in @from, or -1. */
static double json_number(const char *from, const char *key)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), "\"%s\" : ", key);
	p = from ? strstr(from, pat) : NULL;
	return p ? strtod(p + strlen(pat), NULL) : -1;
}

/* fio's JSON output and the CPU its process used, for one run of @ms ms. */
struct fio_run {
	char *out;
	const char *dir;	/* the "read" or "write" object */
	double cpu_ns;
	uint64_t ios;
};

static int fio_exec(const char *ioengine, const struct bench_job *job, unsigned int ms,
		    struct fio_run *r)
{
	char cmd[1024], *out = NULL;
	size_t len = 0, cap = 0;
	unsigned int jobs = 1, depth = job->qd;
	double c0;
	FILE *f;
	int status;

	if (!strcmp(ioengine, "psync")) {
		jobs = bench_psync_threads(job->qd);
		depth = 1;
	}
	snprintf(cmd, sizeof(cmd),
		 "fio --name=blkbench --ioengine=%s %s%s --size=%llu --bs=4k --rw=%s "
		 "--iodepth=%u --numjobs=%u --thread --group_reporting --time_based "
		 "--runtime=%ums --norandommap --randrepeat=0 --lat_percentiles=1 "
		 "--output-format=json 2>&1",
		 ioengine, strcmp(ioengine, "null") ? "--filename=" : "",
		 strcmp(ioengine, "null") ? job->path : "", (unsigned long long)job->size,
		 job->write ? "randwrite" : "randread", depth, jobs, ms);
	c0 = bench_children_cpu_ns();
	f = popen(cmd, "r");
	if (!f)
		return -errno;
	for (;;) {
		if (len + 4096 + 1 > cap) {
			char *n = realloc(out, cap = cap ? cap * 2 : 65536);

			if (!n) {
				pclose(f);
				free(out);
				return -ENOMEM;
			}
			out = n;
		}
		size_t got = fread(out + len, 1, 4096, f);

		if (!got)
			break;
		len += got;
	}
	out[len] = '\0';
	status = pclose(f);
	r->cpu_ns = bench_children_cpu_ns() - c0;
	r->out = out;
	r->dir = strstr(out, job->write ? "\"write\" : {" : "\"read\" : {");
	if (status || !r->dir || json_number(r->dir, "total_ios") <= 0) {
		fprintf(stderr, "blkbench: fio %s failed (status %d):\n%.2000s\n", ioengine,
			status, out);
		free(out);
		return -EIO;
	}
	r->ios = (uint64_t)json_number(r->dir, "total_ios");
	return 0;
}

/*
 * fio's fixed cost (start-up, thread creation, exit, report) for this
 * engine, depth and direction: the CPU of a FIO_SHORT_MS run, measured once
 * per sitting.  It is about 0.2 s of CPU here, a third of a one-second null
 * run, so it is left out: cpu_ns_per_io is the cost of the extra I/Os of the
 * real run, (cpu - cpu_short) / (ios - ios_short).
 */
#define FIO_SHORT_MS	20

static struct fio_fixed {
	char engine[16];
	unsigned int qd;
	bool write;
	double cpu_ns;
	uint64_t ios;
} fixed[64];
static unsigned int nr_fixed;

static const struct fio_fixed *fio_fixed_cost(const char *ioengine, const struct bench_job *job)
{
	struct fio_run r;

	for (unsigned int i = 0; i < nr_fixed; i++)
		if (!strcmp(fixed[i].engine, ioengine) && fixed[i].qd == job->qd &&
		    fixed[i].write == job->write)
			return &fixed[i];
	if (nr_fixed == sizeof(fixed) / sizeof(fixed[0]) ||
	    fio_exec(ioengine, job, FIO_SHORT_MS, &r))
		return NULL;
	free(r.out);
	snprintf(fixed[nr_fixed].engine, sizeof(fixed[nr_fixed].engine), "%s", ioengine);
	fixed[nr_fixed].qd = job->qd;
	fixed[nr_fixed].write = job->write;
	fixed[nr_fixed].cpu_ns = r.cpu_ns;
	fixed[nr_fixed].ios = r.ios;
	return &fixed[nr_fixed++];
}

int bench_run_fio(const char *ioengine, const struct bench_job *job, struct bench_sample *s)
{
	const struct fio_fixed *fx = fio_fixed_cost(ioengine, job);
	struct fio_run r;
	const char *lat;
	int ret;

	ret = fio_exec(ioengine, job, (unsigned int)(job->runtime * 1000), &r);
	if (ret)
		return ret;
	memset(s, 0, sizeof(*s));
	s->ios = r.ios;
	s->iops = json_number(r.dir, "iops");
	s->seconds = json_number(r.dir, "runtime") / 1e3;
	if (fx && r.ios > 2 * fx->ios && r.cpu_ns > fx->cpu_ns) {
		s->cpu_ns_per_io = (r.cpu_ns - fx->cpu_ns) / (double)(r.ios - fx->ios);
		s->fixed_cpu_ns = fx->cpu_ns;
	} else {
		s->cpu_ns_per_io = r.cpu_ns / r.ios;	/* no fixed cost known: all of it */
	}
	s->jobs = strcmp(ioengine, "psync") ? 1 : bench_psync_threads(job->qd);
	lat = strstr(r.dir, "\"lat_ns\" : {");
	s->min_us = json_number(lat, "min") / 1e3;
	s->max_us = json_number(lat, "max") / 1e3;
	s->p50_us = json_number(lat, "50.000000") / 1e3;
	s->p99_us = json_number(lat, "99.000000") / 1e3;
	s->loadavg = bench_loadavg();
	free(r.out);
	return 0;
}
