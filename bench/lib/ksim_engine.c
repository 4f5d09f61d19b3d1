// SPDX-License-Identifier: GPL-2.0
/*
 * bench/lib/ksim_engine.c - 4 KiB random I/O through ksim's in-process
 * submission API (ksim/blkdev.h): block layer, NVMe driver, emulated
 * controller.  The loop is the io_uring baseline's: QD slots; every
 * completion the submitter finds is accounted and its slot refilled, and
 * the refills go down as one plugged batch (ksim_bdev_submit_batch).
 * Interrupt mode sleeps on a futex word when nothing has completed;
 * polled mode reaps the poll queues itself (ksim_bdev_poll).
 *
 * The slots, their buffers and the completion word live as long as the
 * machine (bench_ksim_init .. bench_ksim_exit): a completion callback may
 * still be returning after the submitter saw its slot done, so nothing it
 * touches may be freed between runs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ksim/blkdev.h"
#include "sim/host.h"
#include "bench.h"

#define BS 4096
#define HANG_NS (30 * 1000000000ull)

struct kslot {
	struct ksim_bio_req req;
	uint64_t start;
	uint32_t done;		/* set by the callback (release) */
	int error;
	bool busy;
	void *buf;
};

static struct {
	struct kslot *slots;
	struct ksim_bio_req **batch;
	unsigned int max_qd;
	uint32_t completions;	/* futex word: bumped by every callback */
	uint32_t waiting;	/* the submitter sleeps on completions */
	bool hung;		/* requests never completed: keep their memory */
} ke;

static void ksim_done(struct ksim_bio_req *req, int error)
{
	struct kslot *s = req->private;

	s->error = error;
	__atomic_store_n(&s->done, 1, __ATOMIC_RELEASE);
	__atomic_add_fetch(&ke.completions, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&ke.waiting, __ATOMIC_SEQ_CST))
		ksim_host->wake(&ke.completions, 1);
}

int bench_ksim_init(unsigned int max_qd)
{
	ke.slots = calloc(max_qd, sizeof(*ke.slots));
	ke.batch = calloc(max_qd, sizeof(*ke.batch));
	if (!ke.slots || !ke.batch)
		return -ENOMEM;
	ke.max_qd = max_qd;
	for (unsigned int i = 0; i < max_qd; i++) {
		if (posix_memalign(&ke.slots[i].buf, BS, BS))
			return -ENOMEM;
		memset(ke.slots[i].buf, 0x5a, BS);
	}
	return 0;
}

void bench_ksim_exit(void)
{
	if (ke.hung)
		return;
	for (unsigned int i = 0; ke.slots && i < ke.max_qd; i++)
		free(ke.slots[i].buf);
	free(ke.slots);
	free(ke.batch);
	memset(&ke, 0, sizeof(ke));
}

/* Write the region once, so reads copy data as the baselines do. */
int bench_ksim_fill(struct ksim_bdev *bdev, uint64_t size)
{
	size_t chunk = ksim_bdev_max_transfer(bdev);
	void *buf;
	int ret = 0;

	if (chunk > (1u << 20))
		chunk = 1u << 20;
	if (posix_memalign(&buf, BS, chunk))
		return -ENOMEM;
	memset(buf, 0xa5, chunk);
	for (uint64_t off = 0; off < size && !ret; off += chunk)
		ret = ksim_bdev_write(bdev, off / 512, buf, chunk, 0);
	free(buf);
	return ret;
}

static void prep(struct kslot *s, struct ksim_bdev *bdev, bool polled,
		 const struct bench_job *job, uint64_t *rng)
{
	memset(&s->req, 0, sizeof(s->req));
	s->req.op = job->write ? KSIM_BIO_WRITE : KSIM_BIO_READ;
	s->req.flags = polled ? KSIM_BIO_POLLED : 0;
	s->req.sector = (bench_rand(rng) % (job->size / BS)) * (BS / 512);
	s->req.buf = s->buf;
	s->req.len = BS;
	s->req.done = ksim_done;
	s->req.private = s;
	s->done = 0;
	s->error = 0;
	s->busy = true;
}

/* Submit the @n prepared slots in ke.batch; -errno if one did not start. */
static int submit(struct ksim_bdev *bdev, int n)
{
	int started;

	if (!n)
		return 0;
	for (int i = 0; i < n; i++)
		((struct kslot *)ke.batch[i]->private)->start = bench_now_ns();
	started = ksim_bdev_submit_batch(bdev, ke.batch, n);
	if (started == n)
		return 0;
	for (int i = started; i < n; i++)
		((struct kslot *)ke.batch[i]->private)->busy = false;
	return ke.batch[started]->ksim_error ? ke.batch[started]->ksim_error : -EIO;
}

int bench_run_ksim(struct ksim_bdev *bdev, bool polled, const struct bench_job *job,
		   struct bench_sample *s)
{
	struct bench_lat lat = { 0 };
	uint64_t rng = 0x9e3779b97f4a7c15ull, ios = 0, t0, deadline, last_progress;
	unsigned int qd = job->qd, inflight = 0, i;
	bool stopping = false;
	int ret = 0, n = 0;
	double c0;

	if (qd > ke.max_qd)
		return -EINVAL;
	c0 = bench_cpu_ns();
	t0 = bench_now_ns();
	deadline = t0 + (uint64_t)(job->runtime * 1e9);
	last_progress = t0;
	for (i = 0; i < qd; i++) {
		prep(&ke.slots[i], bdev, polled, job, &rng);
		ke.batch[n++] = &ke.slots[i].req;
	}
	ret = submit(bdev, n);
	for (i = 0; i < qd; i++)
		inflight += ke.slots[i].busy;
	while (inflight) {
		uint32_t seen = __atomic_load_n(&ke.completions, __ATOMIC_SEQ_CST);
		uint64_t now = 0;
		int err;

		n = 0;
		for (i = 0; i < qd; i++) {
			struct kslot *sl = &ke.slots[i];

			if (!sl->busy || !__atomic_load_n(&sl->done, __ATOMIC_ACQUIRE))
				continue;
			if (!now)
				now = bench_now_ns();
			sl->busy = false;
			inflight--;
			if (sl->error && !ret)
				ret = sl->error;
			bench_lat_add(&lat, now - sl->start);
			ios++;
			if (stopping || ret)
				continue;
			prep(sl, bdev, polled, job, &rng);
			ke.batch[n++] = &sl->req;
		}
		if (now) {
			last_progress = now;
			if (now >= deadline)
				stopping = true;
		} else if (bench_now_ns() - last_progress > HANG_NS) {
			/* The slots stay allocated: the device may still write them. */
			fprintf(stderr, "blkbench: %s: %u requests not completed in %d s\n",
				ksim_bdev_name(bdev), inflight, (int)(HANG_NS / 1000000000));
			ke.hung = true;
			ret = -ETIMEDOUT;
			break;
		}
		if (n) {
			err = submit(bdev, n);
			if (err && !ret)
				ret = err;
			for (int k = 0; k < n; k++)
				inflight += ((struct kslot *)ke.batch[k]->private)->busy;
			continue;
		}
		if (now)
			continue;
		if (polled) {
			ksim_bdev_poll(bdev, NULL);
			continue;
		}
		__atomic_store_n(&ke.waiting, 1, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&ke.completions, __ATOMIC_SEQ_CST) == seen)
			ksim_host->wait(&ke.completions, seen, ksim_host->now_ns() + 1000000000);
		__atomic_store_n(&ke.waiting, 0, __ATOMIC_SEQ_CST);
	}
	bench_sample_fill(s, &lat, ios, (bench_now_ns() - t0) / 1e9, bench_cpu_ns() - c0);
	bench_lat_free(&lat);
	return ret;
}
