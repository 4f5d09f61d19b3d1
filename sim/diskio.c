// SPDX-License-Identifier: GPL-2.0
/*
 * sim/diskio.c - byte-granular I/O on a disk over the submission API
 * (sim/diskio.h).  Each thread keeps one aligned bounce buffer.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ksim/blkdev.h"
#include "sim/host.h"

#include "diskio.h"

struct bounce {
	void *buf;
	size_t size;
};

static pthread_key_t bounce_key;
static pthread_once_t bounce_once = PTHREAD_ONCE_INIT;

static void bounce_free(void *p)
{
	struct bounce *b = p;

	free(b->buf);
	free(b);
}

static void bounce_key_init(void)
{
	pthread_key_create(&bounce_key, bounce_free);
}

/* The calling thread's buffer, at least @len bytes, 4096-aligned. */
static void *bounce_get(size_t len)
{
	struct bounce *b;

	pthread_once(&bounce_once, bounce_key_init);
	b = pthread_getspecific(bounce_key);
	if (!b) {
		b = calloc(1, sizeof(*b));
		if (!b)
			return NULL;
		pthread_setspecific(bounce_key, b);
	}
	if (b->size < len) {
		void *p;

		if (posix_memalign(&p, 4096, len))
			return NULL;
		free(b->buf);
		b->buf = p;
		b->size = len;
	}
	return b->buf;
}

static void count(uint64_t *c, uint64_t n)
{
	__atomic_fetch_add(c, n, __ATOMIC_RELAXED);
}

int ksim_diskio_open(struct ksim_diskio *d, const char *name)
{
	memset(d, 0, sizeof(*d));
	d->bdev = ksim_bdev_open(name);
	if (!d->bdev)
		return -ENODEV;
	snprintf(d->name, sizeof(d->name), "%s", name);
	d->capacity = ksim_bdev_capacity(d->bdev);
	d->lbs = ksim_bdev_logical_block_size(d->bdev);
	if (d->lbs < 512)
		d->lbs = 512;
	pthread_mutex_init(&d->rmw_lock, NULL);
	return 0;
}

void ksim_diskio_close(struct ksim_diskio *d)
{
	if (!d->bdev)
		return;
	pthread_mutex_destroy(&d->rmw_lock);
	ksim_bdev_close(d->bdev);
	d->bdev = NULL;
}

/* Every failure of the device or driver is an I/O error to the caller. */
static int result(struct ksim_diskio *d, int ret)
{
	if (!ret)
		return 0;
	count(&d->st.errors, 1);
	return ret == -ENOMEM ? -ENOMEM : -EIO;
}

/*
 * One word says where the wait is (pending, a sleeper, done), so the
 * completion touches the waiter's stack frame once: the exchange that says
 * done.  After it the waiter may return and reuse that frame; the wake-up
 * only names the address (a futex word: a stale one wakes nobody).
 */
enum { IO_PENDING, IO_SLEEPING, IO_DONE };

struct io_wait {
	uint32_t state;
	int error;
};

static void io_wait_done(struct ksim_bio_req *req, int error)
{
	struct io_wait *w = req->private;

	w->error = error;
	if (__atomic_exchange_n(&w->state, IO_DONE, __ATOMIC_ACQ_REL) == IO_SLEEPING)
		ksim_host->wake(&w->state, 1);
}

/*
 * Submit one request and wait for it: on a poll queue the caller reaps its
 * own completion (no interrupt); otherwise it sleeps through ksim_host->wait
 * until the interrupt handler's callback wakes it.  (Spinning before the
 * sleep was measured in fusebench and did not help on this 2-CPU machine.)
 */
static int submit_and_wait(struct ksim_diskio *d, unsigned int op, void *buf,
			   uint64_t start, size_t len, unsigned int flags, bool polled)
{
	struct io_wait w = { IO_PENDING, 0 };
	uint32_t pending = IO_PENDING;
	struct ksim_bio_req req = {
		.op = op, .flags = flags, .sector = start / 512,
		.buf = buf, .len = len, .done = io_wait_done, .private = &w,
	};
	int ret;

	if (polled)
		req.flags |= KSIM_BIO_POLLED;
	ret = ksim_bdev_submit(d->bdev, &req);
	if (ret == -EOPNOTSUPP && polled) {
		__atomic_store_n(&d->polled, false, __ATOMIC_RELAXED);	/* no poll queues */
		req.flags &= ~KSIM_BIO_POLLED;
		ret = ksim_bdev_submit(d->bdev, &req);
	}
	if (ret)
		return ret;
	if (req.flags & KSIM_BIO_POLLED) {
		while (__atomic_load_n(&w.state, __ATOMIC_ACQUIRE) != IO_DONE)
			ksim_bdev_poll(d->bdev, &req);
		return w.error;
	}
	if (__atomic_compare_exchange_n(&w.state, &pending, IO_SLEEPING, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		while (__atomic_load_n(&w.state, __ATOMIC_ACQUIRE) != IO_DONE)
			ksim_host->wait(&w.state, IO_SLEEPING, KSIM_HOST_FOREVER);
	}
	return w.error;
}

/*
 * Polled mode polls only when this is the disk's one request in flight: a
 * lone caller saves the interrupt's wake-up, while many callers spinning
 * on a poll queue starve the CPUs the device needs (measured: 8 threads
 * fell to 1/30 of the interrupt-driven rate on this 2-CPU machine).
 */
static int rw_blocks(struct ksim_diskio *d, unsigned int op, void *buf, uint64_t start,
		     size_t len, unsigned int flags)
{
	bool alone = __atomic_fetch_add(&d->inflight, 1, __ATOMIC_RELAXED) == 0;
	int ret = submit_and_wait(d, op, buf, start, len, flags,
				  alone && __atomic_load_n(&d->polled, __ATOMIC_RELAXED));

	__atomic_fetch_sub(&d->inflight, 1, __ATOMIC_RELAXED);
	return ret;
}

/* Whole blocks: @start and @len multiples of the block size, @buf aligned. */
static int read_blocks(struct ksim_diskio *d, void *buf, uint64_t start, size_t len)
{
	int ret = rw_blocks(d, KSIM_BIO_READ, buf, start, len, 0);

	count(&d->st.reads, 1);
	count(&d->st.read_bytes, len);
	return result(d, ret);
}

static int write_blocks(struct ksim_diskio *d, const void *buf, uint64_t start, size_t len,
			unsigned int flags)
{
	int ret = rw_blocks(d, KSIM_BIO_WRITE, (void *)buf, start, len, flags);

	count(&d->st.writes, 1);
	count(&d->st.write_bytes, len);
	return result(d, ret);
}

static uint64_t round_down(struct ksim_diskio *d, uint64_t v)
{
	return v & ~(uint64_t)(d->lbs - 1);
}

static uint64_t round_up(struct ksim_diskio *d, uint64_t v)
{
	return round_down(d, v + d->lbs - 1);
}

static bool inside(struct ksim_diskio *d, uint64_t off, uint64_t len)
{
	return off <= d->capacity && len <= d->capacity - off;
}

const void *ksim_diskio_read_ref(struct ksim_diskio *d, uint64_t off, size_t len, int *err)
{
	uint64_t start = round_down(d, off), end = round_up(d, off + len);
	char *buf;

	if (!inside(d, off, len)) {
		*err = -ENOSPC;
		return NULL;
	}
	buf = bounce_get(end - start ? end - start : d->lbs);
	if (!buf) {
		*err = -ENOMEM;
		return NULL;
	}
	*err = len ? read_blocks(d, buf, start, end - start) : 0;
	return *err ? NULL : buf + (off - start);
}

int ksim_diskio_read(struct ksim_diskio *d, void *buf, uint64_t off, size_t len)
{
	int err;
	const void *p = ksim_diskio_read_ref(d, off, len, &err);

	if (p)
		memcpy(buf, p, len);
	return err;
}

int ksim_diskio_write(struct ksim_diskio *d, const void *data, uint64_t off, size_t len,
		      unsigned int flags)
{
	uint64_t start = round_down(d, off), end = round_up(d, off + len);
	bool partial = start != off || end != off + len;
	char *buf;
	int err = 0;

	if (!inside(d, off, len))
		return -ENOSPC;
	if (!len)
		return 0;
	buf = bounce_get(end - start);
	if (!buf)
		return -ENOMEM;
	if (partial) {
		pthread_mutex_lock(&d->rmw_lock);
		if (start != off)
			err = read_blocks(d, buf, start, d->lbs);
		/* The last block, unless it is the first and was just read. */
		if (!err && end != off + len && (end - d->lbs > start || start == off))
			err = read_blocks(d, buf + (end - d->lbs - start), end - d->lbs, d->lbs);
	}
	if (!err) {
		memcpy(buf + (off - start), data, len);
		err = write_blocks(d, buf, start, end - start, flags);
	}
	if (partial)
		pthread_mutex_unlock(&d->rmw_lock);
	return err;
}

int ksim_diskio_flush(struct ksim_diskio *d)
{
	count(&d->st.flushes, 1);
	return result(d, ksim_bdev_flush(d->bdev));
}

/* Zero [off, off+len) inside one logical block, by read-modify-write. */
static int zero_partial(struct ksim_diskio *d, uint64_t off, uint64_t len)
{
	uint64_t start = round_down(d, off);
	char *buf = bounce_get(d->lbs);
	int err;

	if (!buf)
		return -ENOMEM;
	pthread_mutex_lock(&d->rmw_lock);
	err = read_blocks(d, buf, start, d->lbs);
	if (!err) {
		memset(buf + (off - start), 0, len);
		err = write_blocks(d, buf, start, d->lbs, 0);
	}
	pthread_mutex_unlock(&d->rmw_lock);
	return err;
}

int ksim_diskio_zero(struct ksim_diskio *d, uint64_t off, uint64_t len, bool discard)
{
	uint64_t end = off + len, first = round_up(d, off), last = round_down(d, end);
	int err = 0, ret;

	if (!inside(d, off, len))
		return -ENOSPC;
	if (!len)
		return 0;
	if (first > last)		/* inside one block */
		return zero_partial(d, off, len);
	if (first != off)
		err = zero_partial(d, off, first - off);
	if (!err && last != end)
		err = zero_partial(d, last, end - last);
	if (err || last == first)
		return err;
	if (discard) {
		count(&d->st.discards, 1);
		ret = ksim_bdev_discard(d->bdev, first / 512, last - first);
	} else {
		count(&d->st.write_zeroes, 1);
		ret = ksim_bdev_write_zeroes(d->bdev, first / 512, last - first);
	}
	return result(d, ret);
}

void ksim_diskio_get_stats(struct ksim_diskio *d, struct ksim_diskio_stats *out)
{
	uint64_t *dst = (uint64_t *)out, *src = (uint64_t *)&d->st;
	size_t i;

	for (i = 0; i < sizeof(*out) / sizeof(uint64_t); i++)
		dst[i] = __atomic_load_n(&src[i], __ATOMIC_RELAXED);
}
