// SPDX-License-Identifier: GPL-2.0
/*
 * bench/lib/host_engines.c - the baselines a user of this machine would
 * pick to read or write 4 KiB blocks of a file in /dev/shm, and the cost
 * of the benchmark loop itself:
 *  - null:     the loop with no I/O (pick an offset, two clock reads, a
 *              latency sample): what every engine pays on top of its I/O;
 *  - psync:    pread/pwrite, one at a time per thread; QD > 1 is QD
 *              threads (at most BENCH_PSYNC_MAX_THREADS), as fio's psync
 *              with numjobs;
 *  - io_uring: QD reads in flight on one ring; every completion found is
 *              reaped and its slot refilled, then one submit.  At the end
 *              everything in flight is reaped before the ring and the
 *              buffers go: the kernel writes into them until then.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

#define BS 4096

static uint64_t pick_offset(uint64_t *rng, uint64_t size)
{
	return (bench_rand(rng) % (size / BS)) * BS;
}

int bench_run_null(const struct bench_job *job, struct bench_sample *s)
{
	struct bench_lat lat = { 0 };
	uint64_t rng = 0x9e3779b97f4a7c15ull, ios = 0, sink = 0, *start;
	uint64_t t0, deadline;
	double c0;

	start = calloc(job->qd, sizeof(*start));
	if (!start)
		return -ENOMEM;
	c0 = bench_cpu_ns();
	t0 = bench_now_ns();
	deadline = t0 + (uint64_t)(job->runtime * 1e9);
	for (;;) {
		uint64_t now;

		for (unsigned int i = 0; i < job->qd; i++) {
			start[i] = bench_now_ns();
			sink += pick_offset(&rng, job->size);
		}
		for (unsigned int i = 0; i < job->qd; i++)
			bench_lat_add(&lat, bench_now_ns() - start[i]);
		ios += job->qd;
		now = bench_now_ns();
		if (now >= deadline)
			break;
	}
	__asm__ volatile("" : : "r"(sink));
	bench_sample_fill(s, &lat, ios, (bench_now_ns() - t0) / 1e9, bench_cpu_ns() - c0);
	bench_lat_free(&lat);
	free(start);
	return 0;
}

/* ---- psync ---- */

struct psync_thread {
	pthread_t thread;
	const struct bench_job *job;
	int fd;
	uint64_t rng, ios, deadline;
	struct bench_lat lat;
	int error;
};

unsigned int bench_psync_threads(unsigned int qd)
{
	return qd < BENCH_PSYNC_MAX_THREADS ? qd : BENCH_PSYNC_MAX_THREADS;
}

static void *psync_loop(void *arg)
{
	struct psync_thread *t = arg;
	void *buf;

	if (posix_memalign(&buf, BS, BS)) {
		t->error = -ENOMEM;
		return NULL;
	}
	memset(buf, 0x5a, BS);
	for (;;) {
		uint64_t off = pick_offset(&t->rng, t->job->size), t0 = bench_now_ns(), t1;
		ssize_t n = t->job->write ? pwrite(t->fd, buf, BS, (off_t)off) :
					    pread(t->fd, buf, BS, (off_t)off);

		t1 = bench_now_ns();
		if (n != BS) {
			t->error = n < 0 ? -errno : -EIO;
			break;
		}
		bench_lat_add(&t->lat, t1 - t0);
		t->ios++;
		if (t1 >= t->deadline)
			break;
	}
	free(buf);
	return NULL;
}

int bench_run_psync(const struct bench_job *job, struct bench_sample *s)
{
	unsigned int n = bench_psync_threads(job->qd), i;
	struct psync_thread *t = calloc(n, sizeof(*t));
	struct bench_lat lat = { 0 };
	uint64_t ios = 0, t0;
	double c0;
	int fd, ret = 0;

	fd = open(job->path, job->write ? O_RDWR : O_RDONLY);
	if (!t || fd < 0) {
		ret = fd < 0 ? -errno : -ENOMEM;
		goto out;
	}
	c0 = bench_cpu_ns();
	t0 = bench_now_ns();
	for (i = 0; i < n; i++) {
		t[i].job = job;
		t[i].fd = fd;
		t[i].rng = 0x9e3779b97f4a7c15ull * (i + 1);
		t[i].deadline = t0 + (uint64_t)(job->runtime * 1e9);
		if (i && pthread_create(&t[i].thread, NULL, psync_loop, &t[i])) {
			ret = -EAGAIN;
			n = i;
			break;
		}
	}
	psync_loop(&t[0]);
	for (i = 1; i < n; i++)
		pthread_join(t[i].thread, NULL);
	for (i = 0; i < n; i++) {
		ios += t[i].ios;
		for (size_t k = 0; k < t[i].lat.nr; k++)
			bench_lat_add(&lat, t[i].lat.ns[k]);
		bench_lat_free(&t[i].lat);
		if (t[i].error && !ret)
			ret = t[i].error;
	}
	bench_sample_fill(s, &lat, ios, (bench_now_ns() - t0) / 1e9, bench_cpu_ns() - c0);
	s->jobs = n;
	bench_lat_free(&lat);
out:
	if (fd >= 0)
		close(fd);
	free(t);
	return ret;
}

/* ---- io_uring ---- */

static void uring_prep(struct io_uring *ring, const struct bench_job *job, int fd, char *buf,
		       unsigned int slot, uint64_t *rng)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
	uint64_t off = pick_offset(rng, job->size);

	if (job->write)
		io_uring_prep_write(sqe, fd, buf, BS, off);
	else
		io_uring_prep_read(sqe, fd, buf, BS, off);
	io_uring_sqe_set_data64(sqe, slot);
}

int bench_run_uring(const struct bench_job *job, struct bench_sample *s)
{
	unsigned int qd = job->qd, inflight = 0, i;
	struct bench_lat lat = { 0 };
	uint64_t rng = 0x9e3779b97f4a7c15ull, ios = 0, t0, deadline, *start;
	struct io_uring ring;
	char *bufs = NULL;
	bool stopping = false;
	double c0;
	int fd, ret;

	start = calloc(qd, sizeof(*start));
	if (!start || posix_memalign((void **)&bufs, BS, (size_t)qd * BS)) {
		free(start);
		return -ENOMEM;
	}
	memset(bufs, 0x5a, (size_t)qd * BS);
	fd = open(job->path, job->write ? O_RDWR : O_RDONLY);
	if (fd < 0) {
		ret = -errno;
		goto out_free;
	}
	ret = io_uring_queue_init(qd < 4 ? 4 : qd, &ring, 0);
	if (ret < 0)
		goto out_close;
	c0 = bench_cpu_ns();
	t0 = bench_now_ns();
	deadline = t0 + (uint64_t)(job->runtime * 1e9);
	for (i = 0; i < qd; i++) {
		uring_prep(&ring, job, fd, bufs + (size_t)i * BS, i, &rng);
		start[i] = bench_now_ns();
	}
	inflight = qd;
	io_uring_submit(&ring);
	while (inflight) {
		struct io_uring_cqe *cqe;
		unsigned int head, seen = 0, refill = 0;
		uint64_t now;

		int werr = io_uring_wait_cqe(&ring, &cqe);

		if (werr < 0) {
			ret = werr;
			break;
		}
		now = bench_now_ns();
		io_uring_for_each_cqe(&ring, head, cqe) {
			unsigned int slot = (unsigned int)io_uring_cqe_get_data64(cqe);

			seen++;
			if (cqe->res != BS && !ret)
				ret = cqe->res < 0 ? cqe->res : -EIO;
			bench_lat_add(&lat, now - start[slot]);
			ios++;
			inflight--;
			if (stopping)
				continue;
			uring_prep(&ring, job, fd, bufs + (size_t)slot * BS, slot, &rng);
			start[slot] = bench_now_ns();
			refill++;
		}
		io_uring_cq_advance(&ring, seen);
		if (now >= deadline)
			stopping = true;
		if (refill) {
			inflight += refill;
			io_uring_submit(&ring);
		}
	}
	bench_sample_fill(s, &lat, ios, (bench_now_ns() - t0) / 1e9, bench_cpu_ns() - c0);
	/* Nothing is in flight any more (unless waiting failed: then leak the buffers). */
	if (inflight)
		bufs = NULL;
	io_uring_queue_exit(&ring);
out_close:
	close(fd);
out_free:
	bench_lat_free(&lat);
	free(bufs);
	free(start);
	return ret < 0 ? ret : 0;
}
