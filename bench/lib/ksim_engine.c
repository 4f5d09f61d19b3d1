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
 * At depth QD the work is split over @jobs submitters (blkbench gives
 * min(QD, CPUs)), each a task on its own simulated CPU, hence its own
 * hardware queue, with QD/jobs in flight: the psync baseline spreads QD
 * threads over every CPU of the machine, so ksim may use them too
 * (fio's numjobs with iodepth QD/numjobs).
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
#include "ksim/boot.h"
#include "sim/host.h"
#include "bench.h"

#define BS 4096
#define HANG_NS (30 * 1000000000ull)

struct ksub;

struct kslot {
	struct ksim_bio_req req;
	struct ksub *sub;
	uint64_t start;
	uint32_t done;		/* set by the callback (release) */
	int error;
	bool busy;
	void *buf;
};

/*
 * One submitter: a task on its own simulated CPU (so its own hardware
 * queue) with its share of the depth.  Its completion word is bumped by
 * the callbacks of its slots, whichever task runs them.
 */
struct ksub {
	struct kslot *slots;
	struct ksim_bio_req **batch;
	unsigned int index, qd;
	uint32_t completions;	/* futex word: bumped by every callback */
	uint32_t waiting;	/* the submitter sleeps on completions */
	struct ksim_host_task *task;
	/* One run. */
	struct ksim_bdev *bdev;
	bool polled;
	const struct bench_job *job;
	struct bench_lat lat;
	uint64_t ios;
	int ret;
};

static struct {
	struct kslot *slots;
	struct ksim_bio_req **batch;
	struct ksub subs[BENCH_KSIM_MAX_JOBS];
	unsigned int max_qd;
	bool hung;		/* requests never completed: keep their memory */
} ke;

static void ksim_done(struct ksim_bio_req *req, int error)
{
	struct kslot *s = req->private;
	struct ksub *sub = s->sub;

	s->error = error;
	__atomic_store_n(&s->done, 1, __ATOMIC_RELEASE);
	__atomic_add_fetch(&sub->completions, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&sub->waiting, __ATOMIC_SEQ_CST))
		ksim_host->wake(&sub->completions, 1);
}

unsigned int bench_ksim_jobs(unsigned int qd, unsigned int cpus)
{
	unsigned int n = qd < cpus ? qd : cpus;

	if (n > BENCH_KSIM_MAX_JOBS)
		n = BENCH_KSIM_MAX_JOBS;
	return n ? n : 1;
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

/* Submit the @n prepared slots in @batch; -errno if one did not start. */
static int submit(struct ksim_bdev *bdev, struct ksim_bio_req **batch, int n)
{
	int started;

	if (!n)
		return 0;
	for (int i = 0; i < n; i++)
		((struct kslot *)batch[i]->private)->start = bench_now_ns();
	started = ksim_bdev_submit_batch(bdev, batch, n);
	if (started == n)
		return 0;
	for (int i = started; i < n; i++)
		((struct kslot *)batch[i]->private)->busy = false;
	return batch[started]->ksim_error ? batch[started]->ksim_error : -EIO;
}

/* One submitter's loop: its slots, until the deadline, then drain. */
static void sub_loop(struct ksub *sub, uint64_t t0)
{
	const struct bench_job *job = sub->job;
	struct ksim_bdev *bdev = sub->bdev;
	uint64_t rng = 0x9e3779b97f4a7c15ull * (sub->index + 1), deadline, last_progress;
	unsigned int qd = sub->qd, inflight = 0, i;
	bool stopping = false, polled = sub->polled;
	int ret = 0, n = 0;

	deadline = t0 + (uint64_t)(job->runtime * 1e9);
	last_progress = t0;
	for (i = 0; i < qd; i++) {
		prep(&sub->slots[i], bdev, polled, job, &rng);
		sub->batch[n++] = &sub->slots[i].req;
	}
	ret = submit(bdev, sub->batch, n);
	for (i = 0; i < qd; i++)
		inflight += sub->slots[i].busy;
	while (inflight) {
		uint32_t seen = __atomic_load_n(&sub->completions, __ATOMIC_SEQ_CST);
		uint64_t now = 0;
		int err;

		n = 0;
		for (i = 0; i < qd; i++) {
			struct kslot *sl = &sub->slots[i];

			if (!sl->busy || !__atomic_load_n(&sl->done, __ATOMIC_ACQUIRE))
				continue;
			if (!now)
				now = bench_now_ns();
			sl->busy = false;
			inflight--;
			if (sl->error && !ret)
				ret = sl->error;
			bench_lat_add(&sub->lat, now - sl->start);
			sub->ios++;
			if (stopping || ret)
				continue;
			prep(sl, bdev, polled, job, &rng);
			sub->batch[n++] = &sl->req;
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
			err = submit(bdev, sub->batch, n);
			if (err && !ret)
				ret = err;
			for (int k = 0; k < n; k++)
				inflight += ((struct kslot *)sub->batch[k]->private)->busy;
			continue;
		}
		if (now)
			continue;
		if (polled) {
			ksim_bdev_poll(bdev, NULL);
			continue;
		}
		__atomic_store_n(&sub->waiting, 1, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&sub->completions, __ATOMIC_SEQ_CST) == seen)
			ksim_host->wait(&sub->completions, seen, ksim_host->now_ns() + 1000000000);
		__atomic_store_n(&sub->waiting, 0, __ATOMIC_SEQ_CST);
	}
	sub->ret = ret;
}

static uint64_t run_t0;

/* Submitters 1.. run as host tasks, each on its own simulated CPU. */
static void sub_task(void *arg)
{
	struct ksub *sub = arg;

	ksim_set_current_cpu(sub->index);
	sub_loop(sub, run_t0);
}

int bench_run_ksim(struct ksim_bdev *bdev, bool polled, const struct bench_job *job,
		   unsigned int jobs, struct bench_sample *s)
{
	struct bench_lat lat = { 0 };
	unsigned int first = 0, started = 1, i;
	uint64_t ios = 0;
	double c0;
	int ret = 0;

	if (job->qd > ke.max_qd || !jobs || jobs > BENCH_KSIM_MAX_JOBS || jobs > job->qd)
		return -EINVAL;
	/* The depth split as evenly as it goes; each submitter its own slots. */
	for (i = 0; i < jobs; i++) {
		struct ksub *sub = &ke.subs[i];
		unsigned int qd = job->qd / jobs + (i < job->qd % jobs);

		memset(&sub->lat, 0, sizeof(sub->lat));
		sub->slots = ke.slots + first;
		sub->batch = ke.batch + first;
		sub->index = i;
		sub->qd = qd;
		sub->bdev = bdev;
		sub->polled = polled;
		sub->job = job;
		sub->ios = 0;
		sub->ret = 0;
		/*
		 * The last run's final callback may still be reading this
		 * (it marks its slot done before it looks): at worst it
		 * wakes nobody.
		 */
		__atomic_store_n(&sub->waiting, 0, __ATOMIC_RELAXED);
		for (unsigned int k = 0; k < qd; k++)
			sub->slots[k].sub = sub;
		first += qd;
	}
	c0 = bench_cpu_ns();
	run_t0 = bench_now_ns();
	for (i = 1; i < jobs; i++) {
		char name[32];

		snprintf(name, sizeof(name), "blkbench-%u", i);
		ret = ksim_host->task_create(&ke.subs[i].task, name, sub_task, &ke.subs[i]);
		if (ret)
			break;
		started++;
	}
	ksim_set_current_cpu(0);
	sub_loop(&ke.subs[0], run_t0);
	for (i = 1; i < started; i++)
		ksim_host->task_join(ke.subs[i].task);
	for (i = 0; i < started; i++) {
		struct ksub *sub = &ke.subs[i];

		ios += sub->ios;
		for (size_t k = 0; k < sub->lat.nr; k++)
			bench_lat_add(&lat, sub->lat.ns[k]);
		bench_lat_free(&sub->lat);
		if (sub->ret && !ret)
			ret = sub->ret;
	}
	bench_sample_fill(s, &lat, ios, (bench_now_ns() - run_t0) / 1e9, bench_cpu_ns() - c0);
	s->jobs = started;
	bench_lat_free(&lat);
	return ret;
}
