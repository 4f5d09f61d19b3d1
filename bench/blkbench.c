// SPDX-License-Identifier: GPL-2.0
/*
 * bench/blkbench.c - `make bench`: 4 KiB random I/O through the whole ksim
 * path (block layer, NVMe driver, emulated controller) against the
 * baseline a user would pick instead, io_uring on a file in /dev/shm,
 * measured in the same run so the ratio means something on a noisy machine.
 *
 *   blkbench [--quick] [--json FILE] [--runtime SECONDS]
 *
 * Prints a table and writes JSON: IOPS, median and p99 latency, and the
 * ratio against the io_uring baseline at the same queue depth.  Also the
 * CPU cost per I/O of the whole path on the null backend.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <liburing.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "ksim/boot.h"
#include "ksim/report.h"
#include "nvme-model/ksim_nvme.h"
#include "sim/job.h"
#include "sim/loader.h"

#define MAX_RESULTS 64

struct result {
	char backend[16];	/* null, ram, io_uring */
	char mode[8];		/* irq, polled, - */
	char rw[12];
	unsigned int qd;
	double iops, p50_us, p99_us;
	double cpu_ns_per_io;
	double ratio;		/* iops / io_uring iops at the same qd (reads) */
};

static struct result results[MAX_RESULTS];
static int nr_results;
static double runtime = 2.0;
static const unsigned int depths[] = { 1, 8, 32, 128 };

static double cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double wall_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- the baseline: io_uring random reads on a /dev/shm file ---- */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int uring_bench(const char *path, uint64_t size, unsigned int qd, struct result *r)
{
	struct io_uring ring;
	struct ksim_job_dir_stats *hist = calloc(1, sizeof(*hist));
	uint64_t *start = calloc(qd, sizeof(*start));
	char *bufs = NULL;
	uint64_t rng = 0x9e3779b97f4a7c15ULL, ios = 0;
	double t0, t1, c0;
	unsigned int i;
	int fd, ret;

	fd = open(path, O_RDONLY);
	if (fd < 0 || !hist || !start || posix_memalign((void **)&bufs, 4096, (size_t)qd * 4096))
		return -errno ? -errno : -ENOMEM;
	ret = io_uring_queue_init(qd < 4 ? 4 : qd, &ring, 0);
	if (ret < 0)
		return ret;
	c0 = cpu_seconds();
	t0 = wall_seconds();
	for (i = 0; i < qd; i++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

		rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
		io_uring_prep_read(sqe, fd, bufs + (size_t)i * 4096, 4096, (rng % (size / 4096)) * 4096);
		io_uring_sqe_set_data64(sqe, i);
		start[i] = now_ns();
	}
	io_uring_submit(&ring);
	for (;;) {
		struct io_uring_cqe *cqe;
		struct io_uring_sqe *sqe;
		unsigned int slot;

		ret = io_uring_wait_cqe(&ring, &cqe);
		if (ret < 0)
			break;
		slot = (unsigned int)io_uring_cqe_get_data64(cqe);
		ksim_job_lat_add(hist, now_ns() - start[slot]);
		hist->ios++;
		io_uring_cqe_seen(&ring, cqe);
		ios++;
		if (wall_seconds() - t0 >= runtime)
			break;
		sqe = io_uring_get_sqe(&ring);
		rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
		io_uring_prep_read(sqe, fd, bufs + (size_t)slot * 4096, 4096, (rng % (size / 4096)) * 4096);
		io_uring_sqe_set_data64(sqe, slot);
		start[slot] = now_ns();
		io_uring_submit(&ring);
	}
	t1 = wall_seconds();
	r->iops = ios / (t1 - t0);
	r->cpu_ns_per_io = (cpu_seconds() - c0) * 1e9 / (ios ? ios : 1);
	r->p50_us = ksim_job_percentile(hist, 50) / 1e3;
	r->p99_us = ksim_job_percentile(hist, 99) / 1e3;
	io_uring_queue_exit(&ring);
	close(fd);
	free(bufs);
	free(start);
	free(hist);
	return 0;
}

/* ---- the ksim path ---- */

static int run_job(const char *disk, const char *rw, unsigned int qd, bool polled,
		   struct result *r)
{
	struct ksim_job_spec spec;
	struct ksim_job_result res;
	char err[256], qdbuf[16], rt[32];
	double c0;
	int ret;

	ksim_job_spec_init(&spec, "bench");
	snprintf(qdbuf, sizeof(qdbuf), "%u", qd);
	snprintf(rt, sizeof(rt), "%g", runtime);
	if (ksim_job_spec_set(&spec, "disk", disk, err, sizeof(err)) ||
	    ksim_job_spec_set(&spec, "rw", rw, err, sizeof(err)) ||
	    ksim_job_spec_set(&spec, "bs", "4k", err, sizeof(err)) ||
	    ksim_job_spec_set(&spec, "iodepth", qdbuf, err, sizeof(err)) ||
	    ksim_job_spec_set(&spec, "runtime", rt, err, sizeof(err)) ||
	    ksim_job_spec_set(&spec, "size", "256M", err, sizeof(err)) ||
	    ksim_job_spec_set(&spec, "verify", "none", err, sizeof(err)) ||
	    ksim_job_spec_set(&spec, "hipri", polled ? "1" : "0", err, sizeof(err))) {
		fprintf(stderr, "blkbench: %s\n", err);
		return -EINVAL;
	}
	c0 = cpu_seconds();
	ret = ksim_job_run(&spec, &res, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "blkbench: %s: %s\n", disk, err);
		return ret;
	}
	{
		const struct ksim_job_dir_stats *st = &res.dir[!strcmp(rw, "randwrite")];

		r->iops = st->ios / res.seconds;
		r->p50_us = ksim_job_percentile(st, 50) / 1e3;
		r->p99_us = ksim_job_percentile(st, 99) / 1e3;
		r->cpu_ns_per_io = (cpu_seconds() - c0) * 1e9 / (st->ios ? st->ios : 1);
		if (st->errors) {
			fprintf(stderr, "blkbench: %s: %" PRIu64 " I/O errors\n", disk, st->errors);
			return -EIO;
		}
	}
	return 0;
}

static struct result *add_result(const char *backend, const char *mode, const char *rw,
				 unsigned int qd)
{
	struct result *r = &results[nr_results++];

	memset(r, 0, sizeof(*r));
	snprintf(r->backend, sizeof(r->backend), "%s", backend);
	snprintf(r->mode, sizeof(r->mode), "%s", mode);
	snprintf(r->rw, sizeof(r->rw), "%s", rw);
	r->qd = qd;
	return r;
}

static const struct result *baseline(unsigned int qd)
{
	int i;

	for (i = 0; i < nr_results; i++)
		if (!strcmp(results[i].backend, "io_uring") && results[i].qd == qd)
			return &results[i];
	return NULL;
}

static int setup_machine(struct ksim_nvme_ctrl **ctrl, struct ksim_loaded_module **mods)
{
	struct ksim_boot_params params = { .seed = 1 };
	struct ksim_nvme_config cfg;
	static const char *const keys[][2] = {
		{ "queues", "4" }, { "namespaces", "2" },
		{ "ns1.size", "1G" }, { "ns1.backend", "null" },
		{ "ns2.size", "1G" }, { "ns2.backend", "ram" },
	};
	static const struct ksim_module_arg nvme_args[] = {
		{ "poll_queues=2", "blkbench" },
	};
	char err[512];
	unsigned int i;
	int ret;

	ksim_console_enable(false);
	ret = ksim_kernel_boot(&params);
	if (ret)
		return ret;
	ksim_nvme_config_init(&cfg);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		ret = ksim_nvme_config_set(&cfg, keys[i][0], keys[i][1], err, sizeof(err));
		if (ret) {
			fprintf(stderr, "blkbench: nvme0: %s\n", err);
			return ret;
		}
	}
	ret = ksim_nvme_create("nvme0", &cfg, ctrl);
	if (ret)
		return ret;
	ret = ksim_insmod("drivers/nvme/host/nvme-core.ko", NULL, 0, &mods[0], err, sizeof(err));
	if (!ret)
		ret = ksim_insmod("drivers/nvme/host/nvme.ko", nvme_args, 1, &mods[1], err, sizeof(err));
	if (ret) {
		fprintf(stderr, "blkbench: %s\n", err);
		return -ENODEV;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "quick", no_argument, NULL, 'q' },
		{ "json", required_argument, NULL, 'j' },
		{ "runtime", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const char *json = "build/bench/blkbench.json";
	const char *shm = "/dev/shm/ksim-blkbench.img";
	struct ksim_loaded_module *mods[2] = { NULL, NULL };
	struct ksim_nvme_ctrl *ctrl = NULL;
	uint64_t size = 256ULL << 20;
	unsigned int d;
	int opt, i, fd, status = 0;
	FILE *f;

	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt == 'q')
			runtime = 0.5;
		else if (opt == 'j')
			json = optarg;
		else if (opt == 'r')
			runtime = atof(optarg);
		else
			return 2;
	}

	/* The baseline's file: written once, so reads come from memory. */
	fd = open(shm, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || ftruncate(fd, (off_t)size)) {
		perror(shm);
		return 2;
	}
	{
		static char block[1 << 20];
		uint64_t off;

		memset(block, 0xa5, sizeof(block));
		for (off = 0; off < size; off += sizeof(block))
			if (pwrite(fd, block, sizeof(block), (off_t)off) != (ssize_t)sizeof(block)) {
				perror(shm);
				return 2;
			}
		close(fd);
	}

	if (setup_machine(&ctrl, mods)) {
		fprintf(stderr, "blkbench: could not set up the machine (build with make first)\n");
		return 2;
	}

	/* Interleave baseline and ksim per depth so drift hits both alike. */
	for (d = 0; d < sizeof(depths) / sizeof(depths[0]); d++) {
		unsigned int qd = depths[d];
		static const char *const rws[] = { "randread", "randwrite" };
		static const char *const modes[] = { "irq", "polled" };
		static const char *const disks[][2] = { { "nvme0n1", "null" }, { "nvme0n2", "ram" } };
		unsigned int a, b, c;

		if (uring_bench(shm, size, qd, add_result("io_uring", "-", "randread", qd))) {
			fprintf(stderr, "blkbench: io_uring baseline failed\n");
			status = 1;
		}
		for (a = 0; a < 2; a++)
			for (b = 0; b < 2; b++)
				for (c = 0; c < 2; c++) {
					struct result *r = add_result(disks[a][1], modes[b], rws[c], qd);

					if (run_job(disks[a][0], rws[c], qd, b == 1, r))
						status = 1;
				}
	}
	unlink(shm);

	for (i = 0; i < nr_results; i++) {
		const struct result *base = baseline(results[i].qd);

		results[i].ratio = base && base->iops ? results[i].iops / base->iops : 0;
	}

	printf("\n%-9s %-7s %-10s %5s %12s %10s %10s %12s %8s\n", "backend", "mode", "rw", "qd",
	       "IOPS", "p50 us", "p99 us", "cpu ns/IO", "ratio");
	for (i = 0; i < nr_results; i++) {
		const struct result *r = &results[i];

		printf("%-9s %-7s %-10s %5u %12.0f %10.1f %10.1f %12.0f %8.2f\n", r->backend, r->mode,
		       r->rw, r->qd, r->iops, r->p50_us, r->p99_us, r->cpu_ns_per_io, r->ratio);
	}

	f = fopen(json, "w");
	if (!f) {
		perror(json);
		status = 1;
	} else {
		fprintf(f, "{\n  \"benchmark\": \"blkbench\",\n  \"runtime_s\": %g,\n  \"results\": [\n",
			runtime);
		for (i = 0; i < nr_results; i++) {
			const struct result *r = &results[i];

			fprintf(f, "    {\"backend\":\"%s\",\"mode\":\"%s\",\"rw\":\"%s\",\"qd\":%u,"
				"\"iops\":%.1f,\"p50_us\":%.2f,\"p99_us\":%.2f,\"cpu_ns_per_io\":%.0f,"
				"\"ratio_vs_io_uring\":%.3f}%s\n", r->backend, r->mode, r->rw, r->qd,
				r->iops, r->p50_us, r->p99_us, r->cpu_ns_per_io, r->ratio,
				i + 1 < nr_results ? "," : "");
		}
		fprintf(f, "  ]\n}\n");
		fclose(f);
		printf("\nwrote %s\n", json);
	}

	for (i = 1; i >= 0; i--)
		if (mods[i])
			ksim_rmmod(mods[i]);
	if (ctrl)
		ksim_nvme_destroy(ctrl);
	ksim_kernel_shutdown();
	if (ksim_report_total()) {
		fprintf(stderr, "blkbench: %lu reports during the run\n", ksim_report_total());
		status = 1;
	}
	return status;
}
