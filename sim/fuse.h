/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sim/fuse.h - the FUSE frontend: the simulated machine's disks as files,
 * so real programs (mkfs.ext4, mount -o loop, dd, fio) drive the driver.
 *
 *   ksim -c configs/nvme.ini --fuse=DIR --run-time=inf     ([fuse] mountpoint = DIR)
 *
 *   DIR/nvme0n1 ...   one regular file per disk, its size the capacity;
 *                     read/write/fsync/fallocate go to the block layer
 *   DIR/dmesg         the kernel log so far
 *   DIR/stats         per-disk I/O counts, the NVMe model's event counts
 *   DIR/dev/...       the character devices modules registered, driven
 *                     through their file_operations (sim/fuse_chr.c)
 *
 * Implementation: libfuse3's low-level API with its multithreaded loop
 * (sim/fuse.c).
 */
#ifndef KSIM_FUSE_H
#define KSIM_FUSE_H

#include <stdbool.h>
#include <stddef.h>

struct ksim_fuse;
struct ksim_nvme_ctrl;

struct ksim_fuse_opts {
	const char *mountpoint;
	bool allow_other;	/* let other users in (needs root or user_allow_other) */
	unsigned int threads;	/* FUSE worker threads = requests in flight; 0: 64 */
	bool polled;		/* reads/writes on poll queues, reaped by the worker (nvme poll_queues > 0) */
};

/*
 * Mount @o->mountpoint and serve it from threads of its own.  @ctrls
 * (@nr_ctrls of them, may be 0) are the NVMe models whose event counts
 * `stats` shows.  @wake_fd gets a byte when the session ends on its own
 * (someone unmounted it).  0 or -errno with the reason in @err.
 */
int ksim_fuse_start(const struct ksim_fuse_opts *o, struct ksim_nvme_ctrl *const *ctrls,
		    int nr_ctrls, int wake_fd, struct ksim_fuse **out, char *err, size_t errlen);
/* Whether the session has ended (unmounted from outside). */
bool ksim_fuse_ended(struct ksim_fuse *f);
/*
 * Unmount (lazily, so a busy mount still goes away), wait for the workers
 * (aborting the connection if users keep it alive), free everything.
 */
void ksim_fuse_stop(struct ksim_fuse *f);
/* From a panic: detach the mount so no caller is left hanging on it. */
void ksim_fuse_emergency_unmount(struct ksim_fuse *f);

#endif /* KSIM_FUSE_H */
