/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench/lib/bench.h - what blkbench's parts share: one measured point
 * (IOPS, CPU per I/O, exact latency percentiles), the engines that produce
 * one (host baselines, fio, ksim) and the reports (JSON, plot).
 *
 * Every engine measures the same way: latency from just before the I/O is
 * submitted to the moment the submitting thread sees it complete, with
 * CLOCK_MONOTONIC; CPU as the whole process's user + system time
 * (getrusage: all threads, the model's workers included; for fio, its
 * own process through RUSAGE_CHILDREN) divided by the I/Os done.
 */
#ifndef BENCH_LIB_BENCH_H
#define BENCH_LIB_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ksim_bdev;

/* Every latency sample of one point, in ns: percentiles are exact. */
struct bench_lat {
	uint32_t *ns;
	size_t nr, cap;
};

void bench_lat_add(struct bench_lat *lat, uint64_t ns);
/* Sort the samples; then bench_lat_pct() is the exact p-th percentile. */
void bench_lat_sort(struct bench_lat *lat);
uint64_t bench_lat_pct(const struct bench_lat *lat, double p);
void bench_lat_free(struct bench_lat *lat);

/* One run of one engine at one depth. */
struct bench_sample {
	double iops;
	double cpu_ns_per_io;
	double p50_us, p99_us, min_us, max_us;
	uint64_t ios;
	double seconds;
	double loadavg;		/* 1-minute load average when it ended */
	unsigned int jobs;	/* submitting threads (psync, ksim, fio numjobs) */
	double fixed_cpu_ns;	/* fio: start-up and exit CPU, left out of cpu_ns_per_io */
};

/* What to run. */
struct bench_job {
	bool write;
	unsigned int qd;
	double runtime;		/* seconds */
	const char *path;	/* the /dev/shm file (host engines, fio) */
	uint64_t size;		/* bytes of the file / disk region used */
};

uint64_t bench_now_ns(void);
double bench_cpu_ns(void);		/* this process, all threads */
double bench_children_cpu_ns(void);	/* waited-for children */
double bench_loadavg(void);
uint64_t bench_rand(uint64_t *state);	/* xorshift64 */

/* Fill @s from the raw counts and the sorted samples. */
void bench_sample_fill(struct bench_sample *s, struct bench_lat *lat, uint64_t ios,
		       double seconds, double cpu_ns);

/* host_engines.c: the loop alone, pread/pwrite (psync), io_uring. */
int bench_run_null(const struct bench_job *job, struct bench_sample *s);
/* @qd threads (at most BENCH_PSYNC_MAX_THREADS), one pread/pwrite at a time each. */
#define BENCH_PSYNC_MAX_THREADS	32
unsigned int bench_psync_threads(unsigned int qd);
int bench_run_psync(const struct bench_job *job, struct bench_sample *s);
int bench_run_uring(const struct bench_job *job, struct bench_sample *s);

/* fio.c: fio's psync, io_uring or null engine, as a separate process. */
bool bench_fio_available(void);
int bench_run_fio(const char *ioengine, const struct bench_job *job, struct bench_sample *s);

/* ksim_engine.c: the in-process submission API (ksim/blkdev.h). */
#define BENCH_KSIM_MAX_JOBS	16
/* Submitters at depth @qd on @cpus CPUs: min(qd, cpus), one per CPU. */
unsigned int bench_ksim_jobs(unsigned int qd, unsigned int cpus);
int bench_ksim_init(unsigned int max_qd);
void bench_ksim_exit(void);
int bench_ksim_fill(struct ksim_bdev *bdev, uint64_t size);
/* @jobs submitters, each on its own simulated CPU, sharing @job->qd. */
int bench_run_ksim(struct ksim_bdev *bdev, bool polled, const struct bench_job *job,
		   unsigned int jobs, struct bench_sample *s);

#endif
