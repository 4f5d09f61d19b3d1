/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sim/diskio.h - a disk of the simulated machine as a file: reads, writes
 * and zeroing at any byte offset and length, over the block layer's
 * submission API (ksim/blkdev.h), which wants aligned memory and whole
 * logical blocks.  Shared by the frontends (FUSE, nbdkit).
 *
 * Every call waits for its requests (ksim_bdev_* synchronous helpers, which
 * sleep through ksim_host->wait), so callers run many in parallel from as
 * many threads.  A write or zeroing that does not cover whole blocks reads
 * its edge blocks first, under the disk's read-modify-write lock, so two
 * partial writes into one block keep each other's bytes.  Errors: -EIO for
 * anything the device or driver failed (a removed disk too), -ENOSPC past
 * the end, -ENOMEM.
 */
#ifndef KSIM_DISKIO_H
#define KSIM_DISKIO_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ksim_bdev;

/* Counts a frontend shows (FUSE `stats`). */
struct ksim_diskio_stats {
	uint64_t reads, read_bytes, writes, write_bytes;
	uint64_t flushes, discards, write_zeroes, errors;
};

struct ksim_diskio {
	struct ksim_bdev *bdev;
	char name[32];
	uint64_t capacity;		/* bytes */
	unsigned int lbs;		/* logical block size */
	pthread_mutex_t rmw_lock;
	bool polled;			/* a lone read or write on a poll queue (set after open) */
	unsigned int inflight;		/* reads and writes in flight */
	struct ksim_diskio_stats st;	/* updated atomically */
};

/* Open disk @name; -ENODEV if there is none. */
int ksim_diskio_open(struct ksim_diskio *d, const char *name);
void ksim_diskio_close(struct ksim_diskio *d);

/*
 * Read [@off, @off+@len) (inside the disk) into a buffer of the calling
 * thread, valid until its next ksim_diskio call: no copy for a frontend
 * that replies from it.  NULL with -errno in *@err.
 */
const void *ksim_diskio_read_ref(struct ksim_diskio *d, uint64_t off, size_t len, int *err);
/* The same into @buf. */
int ksim_diskio_read(struct ksim_diskio *d, void *buf, uint64_t off, size_t len);
/* @flags: KSIM_BIO_FUA or 0.  Past the end: -ENOSPC, nothing written. */
int ksim_diskio_write(struct ksim_diskio *d, const void *buf, uint64_t off, size_t len,
		      unsigned int flags);
int ksim_diskio_flush(struct ksim_diskio *d);
/*
 * Make [@off, @off+@len) read as zeros: whole blocks with a discard
 * (@discard: the model's deallocated blocks read as zeros) or Write Zeroes,
 * the partial blocks at either edge by read-modify-write.
 */
int ksim_diskio_zero(struct ksim_diskio *d, uint64_t off, uint64_t len, bool discard);
/* A copy of the counters. */
void ksim_diskio_get_stats(struct ksim_diskio *d, struct ksim_diskio_stats *out);

#endif /* KSIM_DISKIO_H */
