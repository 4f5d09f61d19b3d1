// SPDX-License-Identifier: GPL-2.0
/*
 * bench/lib/measure.c - clocks, CPU time, load, and exact latency
 * percentiles (every sample kept and sorted: no histogram bucket bounds).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench.h"

uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static double rusage_ns(int who)
{
	struct rusage ru;

	getrusage(who, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e9 +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e3;
}

double bench_cpu_ns(void)
{
	return rusage_ns(RUSAGE_SELF);
}

double bench_children_cpu_ns(void)
{
	return rusage_ns(RUSAGE_CHILDREN);
}

double bench_loadavg(void)
{
	double l = -1;
	FILE *f = fopen("/proc/loadavg", "r");

	if (f) {
		if (fscanf(f, "%lf", &l) != 1)
			l = -1;
		fclose(f);
	}
	return l;
}

uint64_t bench_rand(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *state = x;
}

void bench_lat_add(struct bench_lat *lat, uint64_t ns)
{
	if (lat->nr == lat->cap) {
		size_t cap = lat->cap ? lat->cap * 2 : 1 << 16;
		uint32_t *n = realloc(lat->ns, cap * sizeof(*n));

		if (!n) {
			fprintf(stderr, "blkbench: out of memory for latency samples\n");
			exit(2);
		}
		lat->ns = n;
		lat->cap = cap;
	}
	lat->ns[lat->nr++] = ns > UINT32_MAX ? UINT32_MAX : (uint32_t)ns;
}

/* LSD radix sort, 8 bits a pass: millions of samples in milliseconds. */
void bench_lat_sort(struct bench_lat *lat)
{
	uint32_t *tmp, *src = lat->ns, *dst;
	size_t i;

	if (lat->nr < 2)
		return;
	tmp = malloc(lat->nr * sizeof(*tmp));
	if (!tmp) {
		fprintf(stderr, "blkbench: out of memory sorting latency samples\n");
		exit(2);
	}
	dst = tmp;
	for (unsigned int shift = 0; shift < 32; shift += 8) {
		size_t count[257] = { 0 };
		uint32_t *t;

		for (i = 0; i < lat->nr; i++)
			count[((src[i] >> shift) & 0xff) + 1]++;
		for (i = 1; i < 257; i++)
			count[i] += count[i - 1];
		for (i = 0; i < lat->nr; i++)
			dst[count[(src[i] >> shift) & 0xff]++] = src[i];
		t = src;
		src = dst;
		dst = t;
	}
	/* Four passes: the sorted data is back in lat->ns. */
	free(tmp);
}

/* Nearest-rank percentile: a value that was measured, never below the minimum. */
uint64_t bench_lat_pct(const struct bench_lat *lat, double p)
{
	size_t rank;

	if (!lat->nr)
		return 0;
	rank = (size_t)(p / 100.0 * lat->nr + 0.999999);
	if (rank < 1)
		rank = 1;
	if (rank > lat->nr)
		rank = lat->nr;
	return lat->ns[rank - 1];
}

void bench_lat_free(struct bench_lat *lat)
{
	free(lat->ns);
	memset(lat, 0, sizeof(*lat));
}

void bench_sample_fill(struct bench_sample *s, struct bench_lat *lat, uint64_t ios,
		       double seconds, double cpu_ns)
{
	bench_lat_sort(lat);
	s->ios = ios;
	s->seconds = seconds;
	s->iops = seconds > 0 ? ios / seconds : 0;
	s->cpu_ns_per_io = ios ? cpu_ns / ios : 0;
	s->p50_us = bench_lat_pct(lat, 50) / 1e3;
	s->p99_us = bench_lat_pct(lat, 99) / 1e3;
	s->min_us = lat->nr ? lat->ns[0] / 1e3 : 0;
	s->max_us = lat->nr ? lat->ns[lat->nr - 1] / 1e3 : 0;
	s->loadavg = bench_loadavg();
	s->jobs = 1;
	s->fixed_cpu_ns = 0;
}
