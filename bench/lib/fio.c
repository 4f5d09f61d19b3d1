// SPDX-License-Identifier: GPL-2.0
/*
 * bench/lib/fio.c - fio as a cross-check, in the same sitting: its psync
 * (numjobs threads, as ours), io_uring and null engines on the same
 * /dev/shm file with the same block size and depth.  IOPS and latency
 * percentiles come from fio's JSON (total latency: submission to
 * completion as fio sees it); CPU is fio's whole process as its parent
 * sees it (RUSAGE_CHILDREN), divided by its I/Os, so it includes fio's
 * own start-up (a few ms; small against a run of a second or more).
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

int bench_run_fio(const char *ioengine, const struct bench_job *job, struct bench_sample *s)
{
	char cmd[1024], *out = NULL;
	const char *dir, *lat;
	size_t len = 0, cap = 0;
	unsigned int jobs = 1, depth = job->qd;
	double c0, total;
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
		 job->write ? "randwrite" : "randread", depth, jobs,
		 (unsigned int)(job->runtime * 1000));
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
	total = bench_children_cpu_ns() - c0;
	dir = strstr(out, job->write ? "\"write\" : {" : "\"read\" : {");
	if (status || !dir || json_number(dir, "total_ios") <= 0) {
		fprintf(stderr, "blkbench: fio %s failed (status %d):\n%.2000s\n", ioengine,
			status, out);
		free(out);
		return -EIO;
	}
	memset(s, 0, sizeof(*s));
	s->ios = (uint64_t)json_number(dir, "total_ios");
	s->iops = json_number(dir, "iops");
	s->seconds = json_number(dir, "runtime") / 1e3;
	s->cpu_ns_per_io = total / s->ios;
	lat = strstr(dir, "\"lat_ns\" : {");
	s->min_us = json_number(lat, "min") / 1e3;
	s->max_us = json_number(lat, "max") / 1e3;
	s->p50_us = json_number(lat, "50.000000") / 1e3;
	s->p99_us = json_number(lat, "99.000000") / 1e3;
	s->loadavg = bench_loadavg();
	free(out);
	return 0;
}
