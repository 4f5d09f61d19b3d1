// SPDX-License-Identifier: GPL-2.0
/*
 * sim/job.c - fio-style workloads through the block layer's submission API.
 *
 * Each job thread keeps iodepth requests in flight over its slice of the
 * region: it reaps completed requests (the block layer calls back from
 * whatever context completes them, often the device's interrupt), checks
 * and accounts them, and issues new ones.  It sleeps on a futex word the
 * completion callback bumps, or with polled I/O drives completions itself.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ksim/blkdev.h"
#include "ksim/boot.h"
#include "ksim/report.h"

#include "host.h"
#include "job.h"

#define JOB_MAGIC		0x6b73696d6a6f6221ULL	/* "ksimjob!" */
#define GEN_UNKNOWN		UINT32_MAX	/* a write failed: contents unknown */
#define HANG_TIMEOUT_NS		(60LL * 1000000000)

enum { DIR_READ, DIR_WRITE, DIR_FLUSH };

/* What a written block starts with; the rest is a pattern from the same values. */
struct block_header {
	uint64_t magic;
	uint64_t block;
	uint64_t seed;
	uint32_t gen;
	uint32_t bs;
};

struct job_slot {
	struct ksim_bio_req req;
	struct worker *w;
	void *buf;
	uint64_t block;		/* first unit, relative to the worker's slice */
	unsigned int nunits;	/* units covered */
	uint32_t gen;		/* written (write) */
	int dir;
	int error;
	int64_t start_ns, end_ns;
	uint32_t done;		/* set by the completion callback */
	bool busy;		/* issued, not yet reaped */
};

struct worker {
	const struct ksim_job_spec *spec;
	struct ksim_bdev *bdev;
	struct ksim_host_task *task;
	unsigned int index;
	uint64_t first_block, nr_blocks;	/* in units */
	unsigned int unit;	/* bytes: bs, or the bsrange minimum */
	unsigned int max_units;	/* units per I/O at most */
	uint32_t *gen;		/* per unit: last completed write, 0 none */
	uint8_t *inflight;	/* per unit: a request is using it */
	uint32_t next_gen;
	uint64_t seq_next;
	uint64_t rng;
	uint64_t bytes_issued, bytes_target;
	unsigned int writes_since_flush;
	struct job_slot *slots;
	void *expect;		/* scratch for verification */
	uint32_t completions;	/* futex word bumped by callbacks */
	uint32_t waiting;
	uint32_t in_callbacks;	/* on_done()s still touching this worker */
	struct ksim_job_result res;
	char *err;
	size_t errlen;
	int ret;
};

static int64_t now_ns(void)
{
	return ksim_host->now_ns();
}

static uint64_t xorshift(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

/* ---- spec ---- */

void ksim_job_spec_init(struct ksim_job_spec *spec, const char *name)
{
	memset(spec, 0, sizeof(*spec));
	snprintf(spec->name, sizeof(spec->name), "%s", name);
	snprintf(spec->disk, sizeof(spec->disk), "nvme0n1");
	spec->rw = KSIM_JOB_RANDRW;
	spec->rwmixread = 50;
	spec->bs = 4096;
	spec->iodepth = 32;
	spec->verify = true;
	spec->numjobs = 1;
	spec->seed = 0x5eed;
}

static int parse_size(const char *v, uint64_t *out)
{
	char *end;
	uint64_t n;
	unsigned int shift = 0;

	errno = 0;
	/* A digit first: strtoull would skip blanks and take " -1" as 2^64 - 1. */
	if (*v < '0' || *v > '9')
		return -EINVAL;
	n = strtoull(v, &end, 0);
	if (errno)
		return -EINVAL;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	case 't': case 'T': shift = 40; end++; break;
	}
	if (shift && n > (UINT64_MAX >> shift))
		return -EINVAL;		/* "99999999999T" would wrap */
	n <<= shift;
	if (shift && end[0] == 'i' && end[1] == 'B')	/* 4KiB */
		end += 2;
	else if (*end == 'B')				/* 4kB, 512B */
		end++;
	if (*end)
		return -EINVAL;
	*out = n;
	return 0;
}

static int parse_uint(const char *v, unsigned int min, unsigned int max, unsigned int *out)
{
	uint64_t n;

	if (parse_size(v, &n) || n < min || n > max)
		return -EINVAL;
	*out = (unsigned int)n;
	return 0;
}

static int parse_bool(const char *v, bool *out)
{
	if (!strcmp(v, "1") || !strcasecmp(v, "y") || !strcasecmp(v, "yes") ||
	    !strcasecmp(v, "on") || !strcasecmp(v, "true"))
		*out = true;
	else if (!strcmp(v, "0") || !strcasecmp(v, "n") || !strcasecmp(v, "no") ||
		 !strcasecmp(v, "off") || !strcasecmp(v, "false"))
		*out = false;
	else
		return -EINVAL;
	return 0;
}

/* "512-128k": both multiples of 512, MIN <= MAX, MAX a multiple of MIN. */
static int parse_bsrange(const char *v, struct ksim_job_spec *spec)
{
	char lo[32];
	const char *dash = strchr(v, '-');
	unsigned int min, max;

	if (!dash || (size_t)(dash - v) >= sizeof(lo))
		return -EINVAL;
	memcpy(lo, v, dash - v);
	lo[dash - v] = 0;
	if (parse_uint(lo, 512, 16 << 20, &min) || parse_uint(dash + 1, 512, 16 << 20, &max))
		return -EINVAL;
	if (min % 512 || max < min || max % min)
		return -EINVAL;
	spec->bs_min = min;
	spec->bs_max = max;
	return 0;
}

int ksim_job_spec_set(struct ksim_job_spec *spec, const char *key, const char *value,
		      char *err, size_t errlen)
{
	static const char *const rws[] = {
		[KSIM_JOB_READ] = "read", [KSIM_JOB_WRITE] = "write",
		[KSIM_JOB_RANDREAD] = "randread", [KSIM_JOB_RANDWRITE] = "randwrite",
		[KSIM_JOB_RW] = "rw", [KSIM_JOB_RANDRW] = "randrw",
	};
	uint64_t n;
	char *end;
	int ret = 0;
	unsigned int i;

	if (!strcmp(key, "disk")) {
		if (!*value || strlen(value) >= sizeof(spec->disk))
			ret = -EINVAL;
		else
			snprintf(spec->disk, sizeof(spec->disk), "%s", value);
	} else if (!strcmp(key, "rw") || !strcmp(key, "readwrite")) {
		ret = -EINVAL;
		for (i = 0; i < sizeof(rws) / sizeof(rws[0]); i++)
			if (!strcmp(value, rws[i])) {
				spec->rw = i;
				ret = 0;
			}
		if (!strcmp(value, "readwrite")) {
			spec->rw = KSIM_JOB_RW;
			ret = 0;
		}
	} else if (!strcmp(key, "rwmixread")) {
		ret = parse_uint(value, 0, 100, &spec->rwmixread);
	} else if (!strcmp(key, "bs") || !strcmp(key, "blocksize")) {
		ret = parse_uint(value, 512, 16 << 20, &spec->bs);
		if (!ret && spec->bs % 512)
			ret = -EINVAL;
		spec->bs_min = spec->bs_max = 0;	/* the last of bs/bsrange wins */
	} else if (!strcmp(key, "bsrange") || !strcmp(key, "blocksize_range")) {
		ret = parse_bsrange(value, spec);
	} else if (!strcmp(key, "verify_only")) {
		ret = parse_bool(value, &spec->verify_only);
	} else if (!strcmp(key, "iodepth")) {
		ret = parse_uint(value, 1, 4096, &spec->iodepth);
	} else if (!strcmp(key, "size")) {
		ret = parse_size(value, &spec->size);
	} else if (!strcmp(key, "offset")) {
		ret = parse_size(value, &spec->offset);
	} else if (!strcmp(key, "io_size") || !strcmp(key, "io_limit")) {
		ret = parse_size(value, &spec->io_size);
	} else if (!strcmp(key, "runtime")) {
		errno = 0;
		spec->runtime = strtod(value, &end);
		if (errno || end == value || *end || !isfinite(spec->runtime) || spec->runtime < 0)
			ret = -EINVAL;
	} else if (!strcmp(key, "verify")) {
		if (!strcmp(value, "none") || !strcmp(value, "0"))
			spec->verify = false;
		else if (!strcmp(value, "pattern") || !strcmp(value, "crc32c") ||
			 !strcmp(value, "1"))
			spec->verify = true;
		else
			ret = -EINVAL;
	} else if (!strcmp(key, "hipri") || !strcmp(key, "polled")) {
		ret = parse_bool(value, &spec->polled);
	} else if (!strcmp(key, "fua")) {
		ret = parse_bool(value, &spec->fua);
	} else if (!strcmp(key, "fsync") || !strcmp(key, "flush_every")) {
		ret = parse_uint(value, 0, 1 << 30, &spec->flush_every);
	} else if (!strcmp(key, "numjobs")) {
		ret = parse_uint(value, 1, 64, &spec->numjobs);
	} else if (!strcmp(key, "seed") || !strcmp(key, "randseed")) {
		ret = parse_size(value, &n);
		if (!ret)
			spec->seed = n ? n : 1;
	} else {
		snprintf(err, errlen, "unknown key '%s' (known: disk, rw, rwmixread, bs, bsrange, iodepth, size, offset, io_size, runtime, verify, verify_only, hipri, fua, fsync, numjobs, seed)",
			 key);
		return -ENOENT;
	}
	if (ret)
		snprintf(err, errlen, "bad value '%s' for '%s'", value, key);
	return ret;
}

/* ---- data pattern ---- */

static void fill_block(const struct worker *w, void *buf, uint64_t block, uint32_t gen)
{
	struct block_header *h = buf;
	uint64_t s = (w->spec->seed * 0x9e3779b97f4a7c15ULL) ^ (block << 20) ^ gen ^ 1;
	uint64_t *p = buf;
	size_t i;

	for (i = sizeof(*h) / 8; i < w->unit / 8; i++)
		p[i] = xorshift(&s);
	h->magic = JOB_MAGIC;
	h->block = block;
	h->seed = w->spec->seed;
	h->gen = gen;
	h->bs = w->unit;
}

/* Fill @n units starting at unit @block (relative to the region). */
static void fill_units(const struct worker *w, void *buf, uint64_t block, unsigned int n,
		       uint32_t gen)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		fill_block(w, (char *)buf + (size_t)i * w->unit, block + i, gen);
}

/* @u: unit relative to the region; @got: what the read returned for it. */
static void report_mismatch(struct worker *w, uint64_t u, uint32_t gen, const void *data)
{
	const struct block_header *got = data;
	uint64_t byte = w->spec->offset + u * w->unit;

	if (w->spec->verify_only)
		fprintf(stdout, "job %s: %s: DATA MISMATCH at byte offset %" PRIu64 " (block %" PRIu64
			"): not what a job with seed %" PRIu64 " wrote there, found magic %#" PRIx64
			" block %" PRIu64 " generation %u\n",
			w->spec->name, w->spec->disk, byte, u, w->spec->seed,
			got->magic, got->block, got->gen);
	else
		fprintf(stdout, "job %s: %s: DATA MISMATCH at byte offset %" PRIu64 " (block %" PRIu64
			"): expected generation %u, found magic %#" PRIx64 " block %" PRIu64
			" generation %u\n",
			w->spec->name, w->spec->disk, byte, u, gen,
			got->magic, got->block, got->gen);
	ksim_report(KSIM_REPORT_DATA);
}

/* ---- issuing and reaping ---- */

static void on_done(struct ksim_bio_req *req, int error)
{
	struct job_slot *s = req->private;
	struct worker *w = s->w;

	/*
	 * Once done is set the job thread may reap the last request and
	 * return; it waits for in_callbacks to drop before freeing itself.
	 */
	__atomic_add_fetch(&w->in_callbacks, 1, __ATOMIC_ACQ_REL);
	s->error = error;
	s->end_ns = now_ns();
	__atomic_store_n(&s->done, 1, __ATOMIC_RELEASE);
	__atomic_add_fetch(&w->completions, 1, __ATOMIC_ACQ_REL);
	if (__atomic_load_n(&w->waiting, __ATOMIC_ACQUIRE))
		ksim_host->wake(&w->completions, 1);
	__atomic_sub_fetch(&w->in_callbacks, 1, __ATOMIC_RELEASE);
}

static bool range_idle(const struct worker *w, uint64_t first, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (w->inflight[first + i])
			return false;
	return true;
}

/* Choose @n units and the first of them, none of them in flight. */
static bool pick_block(struct worker *w, bool random, uint64_t *block, unsigned int *n)
{
	uint64_t b, i, starts;

	*n = 1;
	if (w->max_units > 1)
		*n = 1 + (unsigned int)(xorshift(&w->rng) % w->max_units);
	if (random) {
		starts = w->nr_blocks - *n + 1;
		b = xorshift(&w->rng) % starts;
	} else {
		/* Sequential: shorten the last I/O of a pass so none is skipped. */
		b = w->seq_next % w->nr_blocks;
		if (b + *n > w->nr_blocks)
			*n = (unsigned int)(w->nr_blocks - b);
		starts = w->nr_blocks - *n + 1;
	}
	for (i = 0; i < starts; i++) {
		uint64_t c = (b + i) % starts;

		if (range_idle(w, c, *n)) {
			*block = c;
			w->seq_next = c + *n;
			return true;
		}
	}
	return false;
}

static int issue(struct worker *w, struct job_slot *s)
{
	const struct ksim_job_spec *spec = w->spec;
	bool random = spec->rw == KSIM_JOB_RANDREAD || spec->rw == KSIM_JOB_RANDWRITE ||
		      spec->rw == KSIM_JOB_RANDRW;
	bool write;
	int ret;

	memset(&s->req, 0, sizeof(s->req));
	s->req.done = on_done;
	s->req.private = s;
	s->req.flags = spec->polled ? KSIM_BIO_POLLED : 0;

	if (spec->flush_every && w->writes_since_flush >= spec->flush_every) {
		w->writes_since_flush = 0;
		s->dir = DIR_FLUSH;
		s->req.op = KSIM_BIO_FLUSH;
		goto submit;
	}
	switch (spec->rw) {
	case KSIM_JOB_READ:
	case KSIM_JOB_RANDREAD:
		write = false;
		break;
	case KSIM_JOB_WRITE:
	case KSIM_JOB_RANDWRITE:
		write = true;
		break;
	default:
		write = xorshift(&w->rng) % 100 >= spec->rwmixread;
	}
	if (!pick_block(w, random, &s->block, &s->nunits))
		return -EBUSY;
	memset(w->inflight + s->block, 1, s->nunits);
	s->req.sector = (spec->offset + (w->first_block + s->block) * w->unit) / 512;
	s->req.buf = s->buf;
	s->req.len = (size_t)s->nunits * w->unit;
	if (write) {
		s->dir = DIR_WRITE;
		s->req.op = KSIM_BIO_WRITE;
		if (spec->fua)
			s->req.flags |= KSIM_BIO_FUA;
		s->gen = ++w->next_gen;
		if (s->gen == GEN_UNKNOWN || !s->gen)
			s->gen = w->next_gen = 1;
		if (spec->verify)
			fill_units(w, s->buf, w->first_block + s->block, s->nunits, s->gen);
		w->writes_since_flush++;
	} else {
		s->dir = DIR_READ;
		s->req.op = KSIM_BIO_READ;
	}
	w->bytes_issued += s->req.len;
submit:
	s->done = 0;
	s->busy = true;
	s->start_ns = now_ns();
	ret = ksim_bdev_submit(w->bdev, &s->req);
	if (ret) {
		/* Refused before it reached the device: account as a failed I/O. */
		s->error = ret;
		s->end_ns = s->start_ns;
		__atomic_store_n(&s->done, 1, __ATOMIC_RELEASE);
	}
	return 0;
}

static unsigned int lat_bucket(uint64_t ns)
{
	unsigned int e, sub;

	if (ns < 16)
		return (unsigned int)ns;
	e = 63 - (unsigned int)__builtin_clzll(ns);
	sub = (unsigned int)(ns >> (e - 4)) & 15;
	if (e >= 37)
		return KSIM_LAT_BUCKETS - 1;
	return e * 16 + sub;
}

static uint64_t bucket_value(unsigned int idx)
{
	unsigned int e = idx / 16, sub = idx % 16;

	if (idx < 16)
		return idx;
	return (uint64_t)(16 + sub) << (e - 4);
}

static uint64_t clamp_u64(uint64_t v, uint64_t lo, uint64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

uint64_t ksim_job_percentile(const struct ksim_job_dir_stats *st, double p)
{
	uint64_t want, seen = 0;
	unsigned int i;

	if (!st->ios)
		return 0;
	want = (uint64_t)ceil(st->ios * p / 100.0);
	if (!want)
		want = 1;
	/* The extremes are known exactly; only ranks between them are binned. */
	if (want >= st->ios)
		return st->lat_max_ns;
	if (want == 1)
		return st->lat_min_ns;
	for (i = 0; i < KSIM_LAT_BUCKETS; i++) {
		seen += st->lat_hist[i];
		/*
		 * A bucket's value is its lower bound: the smallest latency in
		 * it may lie above that, so the answer is kept within what was
		 * seen (a p50 below the minimum reads as a bug in the job).
		 */
		if (seen >= want)
			return clamp_u64(bucket_value(i), st->lat_min_ns, st->lat_max_ns);
	}
	return st->lat_max_ns;
}

void ksim_job_lat_add(struct ksim_job_dir_stats *st, uint64_t lat)
{
	if (!st->lat_min_ns || lat < st->lat_min_ns)
		st->lat_min_ns = lat;
	if (lat > st->lat_max_ns)
		st->lat_max_ns = lat;
	st->lat_sum_ns += lat;
	st->lat_hist[lat_bucket(lat)]++;
}

/*
 * A unit of a verify_only read: it must name itself, our seed and unit
 * size, and hold the pattern of the generation it names.
 */
static bool unit_self_consistent(struct worker *w, uint64_t u, const void *data)
{
	const struct block_header *h = data;

	if (h->magic != JOB_MAGIC || h->block != u || h->seed != w->spec->seed ||
	    h->bs != w->unit || !h->gen || h->gen == GEN_UNKNOWN)
		return false;
	fill_block(w, w->expect, u, h->gen);
	return !memcmp(w->expect, data, w->unit);
}

/* Check every unit of a completed read whose contents we know. */
static void verify_read(struct worker *w, struct job_slot *s)
{
	bool checked = false;
	unsigned int i;

	for (i = 0; i < s->nunits; i++) {
		const char *data = (const char *)s->buf + (size_t)i * w->unit;
		uint64_t u = w->first_block + s->block + i;
		uint32_t gen = w->gen[s->block + i];
		bool ok;

		if (w->spec->verify_only) {
			ok = unit_self_consistent(w, u, data);
		} else {
			if (!gen || gen == GEN_UNKNOWN)
				continue;
			fill_block(w, w->expect, u, gen);
			ok = !memcmp(w->expect, data, w->unit);
		}
		checked = true;
		if (!ok && ++w->res.mismatches <= 3)
			report_mismatch(w, u, gen, data);
	}
	if (checked)
		w->res.verified++;
}

static void set_gen(struct worker *w, struct job_slot *s, uint32_t gen)
{
	unsigned int i;

	for (i = 0; i < s->nunits; i++)
		w->gen[s->block + i] = gen;
}

static void account(struct worker *w, struct job_slot *s)
{
	uint64_t lat = (uint64_t)(s->end_ns - s->start_ns);
	struct ksim_job_dir_stats *st;

	if (s->dir == DIR_FLUSH) {
		w->res.flushes++;
		if (s->error) {
			w->res.flush_errors++;
			if (!w->res.first_error)
				w->res.first_error = s->error;
		}
		return;
	}
	st = &w->res.dir[s->dir];
	st->ios++;
	if (s->error) {
		st->errors++;
		if (!w->res.first_error)
			w->res.first_error = s->error;
		if (s->dir == DIR_WRITE)
			set_gen(w, s, GEN_UNKNOWN);
	} else {
		st->bytes += s->req.len;
		if (s->dir == DIR_WRITE)
			set_gen(w, s, s->gen);
		else if (w->spec->verify)
			verify_read(w, s);
	}
	ksim_job_lat_add(st, lat);
	memset(w->inflight + s->block, 0, s->nunits);
}

static void worker_loop(struct worker *w);

static void worker_run(void *arg)
{
	struct worker *w = arg;

	/* Thread i on CPU i: numjobs = CPUs drives every hardware queue. */
	ksim_set_current_cpu(w->index);
	worker_loop(w);
	/* A completion callback may still be on its way out of this worker. */
	while (__atomic_load_n(&w->in_callbacks, __ATOMIC_ACQUIRE))
		ksim_host->yield();
}

static void worker_loop(struct worker *w)
{
	const struct ksim_job_spec *spec = w->spec;
	int64_t start = now_ns(), last_progress = start;
	int64_t deadline = spec->runtime > 0 ? start + (int64_t)(spec->runtime * 1e9) : INT64_MAX;
	unsigned int i, inflight = 0;
	bool stopping = false;

	for (;;) {
		unsigned int reaped = 0;
		uint32_t seen = __atomic_load_n(&w->completions, __ATOMIC_ACQUIRE);

		for (i = 0; i < spec->iodepth; i++) {
			struct job_slot *s = &w->slots[i];

			if (s->busy && __atomic_load_n(&s->done, __ATOMIC_ACQUIRE)) {
				s->busy = false;
				account(w, s);
				inflight--;
				reaped++;
			}
		}
		if (reaped)
			last_progress = now_ns();
		if (!stopping && (now_ns() >= deadline ||
				  (!spec->runtime && w->bytes_issued >= w->bytes_target)))
			stopping = true;
		for (i = 0; !stopping && i < spec->iodepth; i++) {
			struct job_slot *s = &w->slots[i];

			if (s->busy)
				continue;
			if (!spec->runtime && w->bytes_issued >= w->bytes_target)
				break;
			if (issue(w, s))
				break;
			inflight++;
		}
		if (!inflight && stopping)
			break;
		if (reaped || !inflight)
			continue;
		if (now_ns() - last_progress > HANG_TIMEOUT_NS) {
			fprintf(stdout, "job %s: %s: %u requests have not completed in %lld s; giving up on them\n",
				spec->name, spec->disk, inflight, HANG_TIMEOUT_NS / 1000000000);
			ksim_report(KSIM_REPORT_HUNG);
			/* Their buffers stay allocated: the device may still write them. */
			w->slots = NULL;
			w->ret = -ETIMEDOUT;
			break;
		}
		if (spec->polled) {
			for (i = 0; i < spec->iodepth; i++)
				if (w->slots[i].busy && !w->slots[i].done)
					ksim_bdev_poll(w->bdev, &w->slots[i].req);
			/* A busy loop: let a device worker run where tasks take turns. */
			ksim_host_sched_point();
			continue;
		}
		__atomic_store_n(&w->waiting, 1, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&w->completions, __ATOMIC_SEQ_CST) == seen)
			ksim_host->wait(&w->completions, seen, now_ns() + 1000000000);
		__atomic_store_n(&w->waiting, 0, __ATOMIC_RELAXED);
	}
	w->res.seconds = (now_ns() - start) / 1e9;
}

static void worker_free(struct worker *w)
{
	unsigned int i;

	if (w->slots) {
		for (i = 0; i < w->spec->iodepth; i++)
			free(w->slots[i].buf);
		free(w->slots);
	}
	free(w->expect);
	free(w->gen);
	free(w->inflight);
}

static int worker_init(struct worker *w, unsigned int index, uint64_t blocks_each)
{
	const struct ksim_job_spec *spec = w->spec;
	unsigned int i;

	w->unit = spec->bs_min;
	w->max_units = spec->bs_max / spec->bs_min;
	w->index = index;
	w->first_block = index * blocks_each;
	w->nr_blocks = blocks_each;
	w->rng = (spec->seed + index + 1) * 0x2545f4914f6cdd1dULL;
	w->bytes_target = (spec->io_size ? spec->io_size : spec->size) / spec->numjobs;
	w->gen = calloc(blocks_each, sizeof(*w->gen));
	w->inflight = calloc(blocks_each, 1);
	w->slots = calloc(spec->iodepth, sizeof(*w->slots));
	if (posix_memalign(&w->expect, 4096, w->unit))
		w->expect = NULL;
	if (!w->gen || !w->inflight || !w->slots || !w->expect)
		return -ENOMEM;
	for (i = 0; i < spec->iodepth; i++) {
		w->slots[i].w = w;
		if (posix_memalign(&w->slots[i].buf, 4096, spec->bs_max))
			return -ENOMEM;
		memset(w->slots[i].buf, 0, spec->bs_max);
	}
	return 0;
}

static void merge(struct ksim_job_result *into, const struct ksim_job_result *r)
{
	int d, i;

	if (r->seconds > into->seconds)
		into->seconds = r->seconds;
	for (d = 0; d < 2; d++) {
		const struct ksim_job_dir_stats *a = &r->dir[d];
		struct ksim_job_dir_stats *b = &into->dir[d];

		b->ios += a->ios;
		b->bytes += a->bytes;
		b->errors += a->errors;
		if (a->lat_min_ns && (!b->lat_min_ns || a->lat_min_ns < b->lat_min_ns))
			b->lat_min_ns = a->lat_min_ns;
		if (a->lat_max_ns > b->lat_max_ns)
			b->lat_max_ns = a->lat_max_ns;
		b->lat_sum_ns += a->lat_sum_ns;
		for (i = 0; i < KSIM_LAT_BUCKETS; i++)
			b->lat_hist[i] += a->lat_hist[i];
	}
	into->flushes += r->flushes;
	into->flush_errors += r->flush_errors;
	into->verified += r->verified;
	into->mismatches += r->mismatches;
	if (!into->first_error)
		into->first_error = r->first_error;
}

int ksim_job_run(const struct ksim_job_spec *in, struct ksim_job_result *res,
		 char *err, size_t errlen)
{
	struct ksim_job_spec spec = *in;
	struct worker *workers;
	struct ksim_bdev *bdev;
	uint64_t cap, blocks_each;
	unsigned int lbs, i;
	int ret = 0;

	memset(res, 0, sizeof(*res));
	bdev = ksim_bdev_open(spec.disk);
	if (!bdev) {
		snprintf(err, errlen, "no disk named '%s'", spec.disk);
		return -ENODEV;
	}
	cap = ksim_bdev_capacity(bdev);
	lbs = ksim_bdev_logical_block_size(bdev);
	if (!spec.bs_min)
		spec.bs_min = spec.bs_max = spec.bs;
	if (spec.bs_min % lbs) {
		snprintf(err, errlen, "bs=%u is not a multiple of %s's block size %u",
			 spec.bs_min, spec.disk, lbs);
		ret = -EINVAL;
		goto out_close;
	}
	if (spec.verify_only) {
		if (spec.rw != KSIM_JOB_READ && spec.rw != KSIM_JOB_RANDREAD) {
			snprintf(err, errlen, "verify_only needs rw=read or rw=randread");
			ret = -EINVAL;
			goto out_close;
		}
		spec.verify = true;
	}
	if (spec.offset % lbs || spec.offset >= cap) {
		snprintf(err, errlen, "offset=%" PRIu64 " is not a block inside %s (%" PRIu64 " bytes)",
			 spec.offset, spec.disk, cap);
		ret = -EINVAL;
		goto out_close;
	}
	if (!spec.size)
		spec.size = cap - spec.offset < (64ULL << 20) ? cap - spec.offset : 64ULL << 20;
	if (spec.offset + spec.size > cap) {
		snprintf(err, errlen, "offset+size=%" PRIu64 " is past the end of %s (%" PRIu64 " bytes)",
			 spec.offset + spec.size, spec.disk, cap);
		ret = -EINVAL;
		goto out_close;
	}
	blocks_each = spec.size / spec.bs_min / spec.numjobs;
	if (blocks_each < spec.bs_max / spec.bs_min) {
		snprintf(err, errlen, "size=%" PRIu64 " holds fewer than numjobs=%u blocks of bs=%u",
			 spec.size, spec.numjobs, spec.bs_max);
		ret = -EINVAL;
		goto out_close;
	}
	workers = calloc(spec.numjobs, sizeof(*workers));
	if (!workers) {
		ret = -ENOMEM;
		goto out_close;
	}
	for (i = 0; i < spec.numjobs && !ret; i++) {
		workers[i].spec = &spec;
		workers[i].bdev = bdev;
		ret = worker_init(&workers[i], i, blocks_each);
	}
	if (ret) {
		snprintf(err, errlen, "out of memory for %u x iodepth %u x bs %u",
			 spec.numjobs, spec.iodepth, spec.bs_max);
		goto out_free;
	}
	/* Host tasks, so that a deterministic backend schedules them too. */
	for (i = 1; i < spec.numjobs; i++) {
		char name[48];

		snprintf(name, sizeof(name), "job/%s.%u", spec.name, i);
		if (ksim_host->task_create(&workers[i].task, name, worker_run, &workers[i]))
			workers[i].task = NULL;
	}
	worker_run(&workers[0]);
	for (i = 1; i < spec.numjobs; i++) {
		if (workers[i].task)
			ksim_host->task_join(workers[i].task);
		else
			worker_run(&workers[i]);	/* no thread for it: run it here */
	}
	for (i = 0; i < spec.numjobs; i++) {
		merge(res, &workers[i].res);
		if (workers[i].ret && !ret) {
			ret = workers[i].ret;
			snprintf(err, errlen, "requests never completed");
		}
	}
out_free:
	for (i = 0; i < spec.numjobs; i++)
		worker_free(&workers[i]);
	free(workers);
out_close:
	/* A disk with requests still in flight (a hang) stays open. */
	if (ret != -ETIMEDOUT)
		ksim_bdev_close(bdev);
	return ret;
}

/* ---- output ---- */

static const char *rw_name(enum ksim_job_rw rw)
{
	static const char *const names[] = {
		"read", "write", "randread", "randwrite", "rw", "randrw",
	};

	return names[rw];
}

static void print_dir(FILE *f, const char *label, const struct ksim_job_dir_stats *st,
		      double secs)
{
	if (!st->ios)
		return;
	fprintf(f, "  %s: %.0f IOPS, %.1f MiB/s, lat usec: min %.1f p50 %.1f p99 %.1f p99.9 %.1f max %.1f",
		label, st->ios / secs, st->bytes / secs / 1048576.0,
		st->lat_min_ns / 1e3, ksim_job_percentile(st, 50) / 1e3,
		ksim_job_percentile(st, 99) / 1e3, ksim_job_percentile(st, 99.9) / 1e3,
		st->lat_max_ns / 1e3);
	if (st->errors)
		fprintf(f, ", %" PRIu64 " errors", st->errors);
	fputc('\n', f);
}

void ksim_job_print(FILE *f, const struct ksim_job_spec *spec, const struct ksim_job_result *res)
{
	double secs = res->seconds > 0 ? res->seconds : 1e-9;
	char bs[32];

	if (spec->bs_min && spec->bs_min != spec->bs_max)
		snprintf(bs, sizeof(bs), "%u-%u", spec->bs_min, spec->bs_max);
	else
		snprintf(bs, sizeof(bs), "%u", spec->bs_min ? spec->bs_min : spec->bs);
	fprintf(f, "job %s: %s %s bs=%s iodepth=%u numjobs=%u%s%s: %.2fs\n", spec->name,
		spec->disk, rw_name(spec->rw), bs, spec->iodepth, spec->numjobs,
		spec->polled ? " polled" : "", spec->verify_only ? " verify_only" : "",
		res->seconds);
	print_dir(f, "read ", &res->dir[0], secs);
	print_dir(f, "write", &res->dir[1], secs);
	if (res->flushes)
		fprintf(f, "  flush: %" PRIu64 "%s", res->flushes, res->flush_errors ? "" : "\n");
	if (res->flush_errors)
		fprintf(f, ", %" PRIu64 " errors\n", res->flush_errors);
	if (spec->verify)
		fprintf(f, "  verify: %" PRIu64 " reads checked, %" PRIu64 " mismatches\n",
			res->verified, res->mismatches);
	if (res->first_error)
		fprintf(f, "  first error: %s\n", strerror(-res->first_error));
}

static void json_dir(FILE *f, const struct ksim_job_dir_stats *st, double secs)
{
	fprintf(f, "{\"ios\":%" PRIu64 ",\"iops\":%.1f,\"bw_bytes\":%.0f,\"errors\":%" PRIu64
		",\"lat_ns\":{\"min\":%" PRIu64 ",\"mean\":%.0f,\"p50\":%" PRIu64 ",\"p99\":%" PRIu64
		",\"p99.9\":%" PRIu64 ",\"max\":%" PRIu64 "}}",
		st->ios, st->ios / secs, st->bytes / secs, st->errors, st->lat_min_ns,
		st->ios ? (double)st->lat_sum_ns / st->ios : 0.0,
		ksim_job_percentile(st, 50), ksim_job_percentile(st, 99),
		ksim_job_percentile(st, 99.9), st->lat_max_ns);
}

void ksim_job_print_json(FILE *f, const struct ksim_job_spec *spec,
			 const struct ksim_job_result *res)
{
	double secs = res->seconds > 0 ? res->seconds : 1e-9;

	fprintf(f, "{\"name\":\"%s\",\"disk\":\"%s\",\"rw\":\"%s\",\"bs\":%u,\"iodepth\":%u,"
		"\"numjobs\":%u,\"polled\":%s,\"seconds\":%.3f,\"read\":",
		spec->name, spec->disk, rw_name(spec->rw), spec->bs, spec->iodepth,
		spec->numjobs, spec->polled ? "true" : "false", res->seconds);
	json_dir(f, &res->dir[0], secs);
	fprintf(f, ",\"write\":");
	json_dir(f, &res->dir[1], secs);
	fprintf(f, ",\"verified\":%" PRIu64 ",\"mismatches\":%" PRIu64 "}",
		res->verified, res->mismatches);
}
