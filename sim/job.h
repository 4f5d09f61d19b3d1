/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sim/job.h - fio-style workloads against the simulated machine's disks,
 * through the block layer's in-process submission API (ksim/blkdev.h).
 *
 *   [job verify]            ; or --job=verify:disk=nvme0n1,rw=randrw,...
 *   disk = nvme0n1
 *   rw = randrw             ; read write randread randwrite rw randrw
 *   rwmixread = 50
 *   bs = 4k
 *   iodepth = 32
 *   size = 64M              ; the region used, from offset
 *   runtime = 2             ; seconds (0: one pass over io_size)
 *   verify = crc32c         ; or none
 *   bsrange = 512-128k      ; random sizes (below)
 *   verify_only = 1         ; read back a region an earlier run wrote
 *
 * Writes carry a header and a pattern derived from (block, generation,
 * seed); reads of blocks written in this run are checked against the last
 * completed write.  A mismatch is a data-corruption report.
 *
 * Random sizes (bsrange=MIN-MAX, as in fio): the region is cut into units
 * of MIN bytes, and the unit is the "block" of everything above: each unit
 * carries its own header and pattern, and has its own generation and
 * in-flight flag.  An I/O covers 1..MAX/MIN whole contiguous units (its
 * length a multiple of MIN, uniformly drawn), never one that another
 * request in flight uses, so every unit's expected contents stay known
 * whatever the mix of sizes.  MAX must be a multiple of MIN.  Without
 * bsrange, MIN = MAX = bs and the unit is bs.
 *
 * verify_only=1 (rw=read or randread): no writes; every unit read is
 * checked against the header it carries: the magic, its own unit number,
 * the job's seed and unit size, and the pattern of the generation it names.
 * A unit that was never written (or was written for another offset, seed
 * or size) is a mismatch.  So a second ksim run with the same seed, bs (or
 * bsrange), offset and size verifies what a first run wrote to a file-
 * backed namespace, e.g. rw=write,runtime=0 (every unit once, in order),
 * then rw=read,verify_only=1.
 */
#ifndef KSIM_JOB_H
#define KSIM_JOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum ksim_job_rw {
	KSIM_JOB_READ,
	KSIM_JOB_WRITE,
	KSIM_JOB_RANDREAD,
	KSIM_JOB_RANDWRITE,
	KSIM_JOB_RW,
	KSIM_JOB_RANDRW,
};

struct ksim_job_spec {
	char name[32];
	char *origin;		/* where it was defined, for messages */
	char disk[32];
	enum ksim_job_rw rw;
	unsigned int rwmixread;	/* percent of reads in rw/randrw */
	unsigned int bs;	/* bytes, a multiple of the disk's block size */
	unsigned int bs_min, bs_max;	/* bsrange (the last of bs/bsrange wins); 0: bs */
	unsigned int iodepth;
	uint64_t size;		/* bytes of the disk used; 0: min(disk, 64 MiB) */
	uint64_t offset;	/* bytes */
	double runtime;		/* seconds; 0: stop after io_size */
	uint64_t io_size;	/* bytes to transfer; 0: size */
	bool verify;
	bool verify_only;	/* read and check units an earlier run wrote */
	bool polled;		/* KSIM_BIO_POLLED: reap by polling */
	bool fua;		/* writes with FUA */
	unsigned int flush_every;	/* a flush after every N writes; 0: never */
	unsigned int numjobs;	/* threads, each with its own region slice */
	uint64_t seed;
};

/* Latency histogram: log2 buckets split in 16, from 1 ns to ~70 s. */
#define KSIM_LAT_BUCKETS (37 * 16)

struct ksim_job_dir_stats {
	uint64_t ios, bytes, errors;
	uint64_t lat_min_ns, lat_max_ns, lat_sum_ns;
	uint32_t lat_hist[KSIM_LAT_BUCKETS];
};

struct ksim_job_result {
	double seconds;
	struct ksim_job_dir_stats dir[2];	/* 0 read, 1 write */
	uint64_t flushes;
	uint64_t flush_errors;			/* flushes that failed */
	uint64_t verified, mismatches;
	int first_error;			/* -errno of the first failed I/O */
};

void ksim_job_spec_init(struct ksim_job_spec *spec, const char *name);
/* Set one key; -ENOENT unknown key, -EINVAL bad value (message in @err). */
int ksim_job_spec_set(struct ksim_job_spec *spec, const char *key, const char *value,
		      char *err, size_t errlen);
/*
 * Run @spec to completion.  Returns 0, or -errno when it could not run at
 * all (no such disk, bad geometry: @err says why).  I/O errors and
 * mismatches are counted in @res, not returned.
 */
int ksim_job_run(const struct ksim_job_spec *spec, struct ksim_job_result *res,
		 char *err, size_t errlen);
/* Add one latency sample (also for baselines measured outside a job). */
void ksim_job_lat_add(struct ksim_job_dir_stats *st, uint64_t ns);
/* Percentile @p (0..100) of one direction's latencies, in ns. */
uint64_t ksim_job_percentile(const struct ksim_job_dir_stats *st, double p);
/* Human summary, as `ksim` prints it. */
void ksim_job_print(FILE *f, const struct ksim_job_spec *spec, const struct ksim_job_result *res);
/* One JSON object (no trailing newline), for benchmarks. */
void ksim_job_print_json(FILE *f, const struct ksim_job_spec *spec,
			 const struct ksim_job_result *res);

#endif
