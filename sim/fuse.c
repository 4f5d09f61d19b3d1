// SPDX-License-Identifier: GPL-2.0
/*
 * sim/fuse.c - the FUSE frontend (sim/fuse.h): every disk of the simulated
 * machine as a file, plus `dmesg` and `stats`; requests on dev/ go to
 * sim/fuse_chr.c (character devices).
 *
 * libfuse3's low-level API with its multithreaded loop: each worker thread
 * takes one request from /dev/fuse and carries it through the block layer's
 * submission API (ksim/blkdev.h), so as many requests are in flight as the
 * kernel hands over, up to the number of workers.  The workers are libfuse's
 * own pthreads: the shim adopts each as a task the first time it calls in
 * (kapi-shim/kernel/sched/core.c).  Everything kernel-facing happens in the
 * ksim_bdev_* calls, which wait for their completion through
 * ksim_host->wait, so a backend that must own every kernel-calling thread
 * can route these calls to a task it created instead.
 *
 * Any offset and length FUSE hands over is mapped onto whole blocks and
 * aligned buffers by sim/diskio.c (shared with the nbdkit plugin).
 */
#define _GNU_SOURCE
#define FUSE_USE_VERSION 312
#include <errno.h>
#include <fcntl.h>
#include <fuse_lowlevel.h>
#include <inttypes.h>
#include <linux/falloc.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "ksim/blkdev.h"
#include "ksim/boot.h"
#include "nvme-model/ksim_nvme.h"

#include "diskio.h"
#include "fuse.h"
#include "fuse_chr.h"

#define INO_ROOT	FUSE_ROOT_ID	/* 1 */
#define INO_DMESG	2
#define INO_STATS	3
#define INO_DEV		KSIM_FUSE_INO_DEV	/* dev/: character devices (sim/fuse_chr.c) */
#define INO_DISK0	16
#define MAX_DISKS	64
#define DEFAULT_THREADS	64
#define DMESG_MAX	(4u << 20)

struct ksim_fuse {
	struct fuse_session *se;
	char *mountpoint;
	dev_t mnt_dev;			/* for /sys/fs/fuse/connections/N/abort */
	unsigned int threads;
	uid_t uid;
	gid_t gid;
	struct timespec mtime;
	struct ksim_diskio disks[MAX_DISKS];
	int nr_disks;
	struct ksim_nvme_ctrl *const *ctrls;
	int nr_ctrls;
	bool polled;
	struct ksim_fuse_chr *chr;	/* dev/ */
	int wake_fd;
	pthread_t loop_thread;
	bool loop_started;
	int ended;			/* the loop has returned */
};

/* An open dmesg or stats: the text as it was at open. */
struct snapshot {
	size_t len;
	char text[];
};

static struct ksim_fuse *fs_of(fuse_req_t req)
{
	return fuse_req_userdata(req);
}

/* ---- the directory ---- */

static struct ksim_diskio *disk_of(struct ksim_fuse *f, fuse_ino_t ino)
{
	if (ino < INO_DISK0 || ino >= INO_DISK0 + (fuse_ino_t)f->nr_disks)
		return NULL;
	return &f->disks[ino - INO_DISK0];
}

static void fill_attr(struct ksim_fuse *f, fuse_ino_t ino, struct stat *st)
{
	struct ksim_diskio *d = disk_of(f, ino);

	memset(st, 0, sizeof(*st));
	st->st_ino = ino;
	st->st_uid = f->uid;
	st->st_gid = f->gid;
	st->st_mtim = st->st_ctim = st->st_atim = f->mtime;
	st->st_blksize = 4096;
	if (ino == INO_ROOT) {
		st->st_mode = S_IFDIR | 0755;
		st->st_nlink = 2;
		return;
	}
	st->st_nlink = 1;
	if (d) {
		st->st_mode = S_IFREG | 0600;
		st->st_size = (off_t)d->capacity;
		st->st_blocks = (blkcnt_t)(d->capacity / 512);
		st->st_blksize = d->lbs > 4096 ? d->lbs : 4096;
	} else {
		/* dmesg, stats: the size is only known when read (direct_io). */
		st->st_mode = S_IFREG | 0400;
	}
}

static fuse_ino_t lookup_name(struct ksim_fuse *f, const char *name)
{
	int i;

	if (!strcmp(name, "dmesg"))
		return INO_DMESG;
	if (!strcmp(name, "stats"))
		return INO_STATS;
	for (i = 0; i < f->nr_disks; i++)
		if (!strcmp(name, f->disks[i].name))
			return INO_DISK0 + i;
	return 0;
}

static void op_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	struct ksim_fuse *f = fs_of(req);
	struct fuse_entry_param e = { 0 };
	fuse_ino_t ino = parent == INO_ROOT ? lookup_name(f, name) : 0;
	int err;

	if (parent == INO_ROOT && !strcmp(name, "dev")) {
		e.ino = INO_DEV;
		e.generation = 1;
		err = ksim_fuse_chr_getattr(f->chr, INO_DEV, &e.attr);
	} else if (ksim_fuse_chr_owns(f->chr, parent)) {
		err = ksim_fuse_chr_lookup(f->chr, parent, name, &e);
	} else {
		err = 1;
	}
	if (err <= 0) {
		/* dev/ and below: devices come and go, nothing is cached. */
		if (err)
			fuse_reply_err(req, -err);
		else
			fuse_reply_entry(req, &e);
		return;
	}
	if (!ino) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	e.ino = ino;
	e.generation = 1;
	fill_attr(f, ino, &e.attr);
	/* Disks never change size; the text files do on every read. */
	e.attr_timeout = e.entry_timeout = disk_of(f, ino) ? 3600.0 : 0.0;
	fuse_reply_entry(req, &e);
}

static void op_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct ksim_fuse *f = fs_of(req);
	struct stat st;
	int err;

	if (ksim_fuse_chr_owns(f->chr, ino)) {
		err = ksim_fuse_chr_getattr(f->chr, ino, &st);
		if (err)
			fuse_reply_err(req, -err);
		else
			fuse_reply_attr(req, &st, 0.0);
		return;
	}
	if (ino != INO_ROOT && ino != INO_DMESG && ino != INO_STATS && !disk_of(f, ino)) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	fill_attr(f, ino, &st);
	fuse_reply_attr(req, &st, disk_of(f, ino) ? 3600.0 : 0.0);
}

/*
 * Sizes are fixed: a truncate (dd without conv=notrunc, an O_TRUNC open) is
 * accepted and changes nothing, as on a block device; so are chmod and touch.
 */
static void op_setattr(fuse_req_t req, fuse_ino_t ino, struct stat *attr, int to_set,
		       struct fuse_file_info *fi)
{
	op_getattr(req, ino, fi);
}

static void op_readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
		       struct fuse_file_info *fi)
{
	struct ksim_fuse *f = fs_of(req);
	char *buf;
	size_t used = 0;
	int i, nr = 5 + f->nr_disks;

	if (ksim_fuse_chr_owns(f->chr, ino)) {
		ksim_fuse_chr_readdir(f->chr, req, ino, size, off);
		return;
	}
	if (ino != INO_ROOT) {
		fuse_reply_err(req, ENOTDIR);
		return;
	}
	buf = calloc(1, size);
	if (!buf) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	for (i = (int)off; i < nr; i++) {
		struct stat st = { 0 };
		const char *name;
		size_t len;

		switch (i) {
		case 0: name = "."; st.st_ino = INO_ROOT; st.st_mode = S_IFDIR; break;
		case 1: name = ".."; st.st_ino = INO_ROOT; st.st_mode = S_IFDIR; break;
		case 2: name = "dmesg"; st.st_ino = INO_DMESG; st.st_mode = S_IFREG; break;
		case 3: name = "stats"; st.st_ino = INO_STATS; st.st_mode = S_IFREG; break;
		case 4: name = "dev"; st.st_ino = INO_DEV; st.st_mode = S_IFDIR; break;
		default:
			name = f->disks[i - 5].name;
			st.st_ino = INO_DISK0 + i - 5;
			st.st_mode = S_IFREG;
		}
		len = fuse_add_direntry(req, buf + used, size - used, name, &st, i + 1);
		if (len > size - used)
			break;
		used += len;
	}
	fuse_reply_buf(req, buf, used);
	free(buf);
}

/* ---- dmesg and stats ---- */

static struct snapshot *dmesg_snapshot(void)
{
	size_t cap = 64 << 10;

	for (;;) {
		struct snapshot *s = malloc(sizeof(*s) + cap);

		if (!s)
			return NULL;
		s->len = ksim_dmesg_read(s->text, cap);
		if (s->len < cap - 1 || cap >= DMESG_MAX)
			return s;
		free(s);
		cap *= 2;
	}
}

static struct snapshot *stats_snapshot(struct ksim_fuse *f)
{
	struct snapshot *s;
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	int i;

	if (!m)
		return NULL;
	for (i = 0; i < f->nr_disks; i++) {
		struct ksim_diskio *d = &f->disks[i];
		struct ksim_diskio_stats c;

		ksim_diskio_get_stats(d, &c);
		fprintf(m, "%s size %" PRIu64 "\n%s lba_size %u\n", d->name, d->capacity,
			d->name, d->lbs);
		fprintf(m, "%s reads %" PRIu64 "\n%s read_bytes %" PRIu64 "\n"
			"%s writes %" PRIu64 "\n%s write_bytes %" PRIu64 "\n"
			"%s flushes %" PRIu64 "\n%s discards %" PRIu64 "\n"
			"%s write_zeroes %" PRIu64 "\n%s errors %" PRIu64 "\n",
			d->name, c.reads, d->name, c.read_bytes, d->name, c.writes,
			d->name, c.write_bytes, d->name, c.flushes, d->name, c.discards,
			d->name, c.write_zeroes, d->name, c.errors);
	}
	for (i = 0; i < f->nr_ctrls; i++) {
		struct ksim_nvme_ctrl *c = f->ctrls[i];
		const char *ev;
		unsigned int k;

		for (k = 0; (ev = ksim_nvme_event_name(k)) != NULL; k++) {
			unsigned long n = ksim_nvme_event_count(c, ev);

			if (n)
				fprintf(m, "%s %s %lu\n", ksim_nvme_name(c), ev, n);
		}
		fprintf(m, "%s ub_total %lu\n", ksim_nvme_name(c), ksim_nvme_ub_total(c));
	}
	if (fclose(m))
		return NULL;
	s = malloc(sizeof(*s) + len + 1);
	if (s) {
		s->len = len;
		memcpy(s->text, text, len + 1);
	}
	free(text);
	return s;
}

static void op_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct ksim_fuse *f = fs_of(req);
	struct snapshot *s;

	if (ksim_fuse_chr_owns(f->chr, ino)) {
		ksim_fuse_chr_open(f->chr, req, ino, fi);
		return;
	}
	if (disk_of(f, ino)) {
		/* O_DIRECT bypasses the page cache: every call reaches the device. */
		if (fi->flags & O_DIRECT)
			fi->direct_io = 1;
		fuse_reply_open(req, fi);
		return;
	}
	if (ino != INO_DMESG && ino != INO_STATS) {
		fuse_reply_err(req, ino == INO_ROOT ? EISDIR : ENOENT);
		return;
	}
	if ((fi->flags & O_ACCMODE) != O_RDONLY) {
		fuse_reply_err(req, EACCES);
		return;
	}
	s = ino == INO_DMESG ? dmesg_snapshot() : stats_snapshot(f);
	if (!s) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	fi->fh = (uintptr_t)s;
	fi->direct_io = 1;	/* no cached size or pages: it changes */
	fuse_reply_open(req, fi);
}

static void op_release(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct ksim_fuse *f = fs_of(req);

	if (ksim_fuse_chr_owns(f->chr, ino)) {
		ksim_fuse_chr_release(f->chr, req, fi);
		return;
	}
	free((void *)(uintptr_t)fi->fh);
	fuse_reply_err(req, 0);
}

/* ---- disk I/O ---- */

static void op_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
		    struct fuse_file_info *fi)
{
	struct ksim_diskio *d = disk_of(fs_of(req), ino);
	const void *data;
	int err;

	if (ksim_fuse_chr_owns(fs_of(req)->chr, ino)) {
		ksim_fuse_chr_read(fs_of(req)->chr, req, size, off, fi);
		return;
	}
	if (!d) {
		struct snapshot *s = (void *)(uintptr_t)fi->fh;

		if (!s || (uint64_t)off >= s->len)
			fuse_reply_buf(req, NULL, 0);
		else
			fuse_reply_buf(req, s->text + off,
				       size < s->len - off ? size : s->len - off);
		return;
	}
	if ((uint64_t)off >= d->capacity || !size) {
		fuse_reply_buf(req, NULL, 0);
		return;
	}
	if (size > d->capacity - off)
		size = d->capacity - off;
	data = ksim_diskio_read_ref(d, off, size, &err);
	if (!data)
		fuse_reply_err(req, -err);
	else
		fuse_reply_buf(req, data, size);
}

static void op_write(fuse_req_t req, fuse_ino_t ino, const char *data, size_t size,
		     off_t off, struct fuse_file_info *fi)
{
	struct ksim_diskio *d = disk_of(fs_of(req), ino);
	unsigned int flags = fi->flags & (O_SYNC | O_DSYNC) ? KSIM_BIO_FUA : 0;
	int err;

	if (ksim_fuse_chr_owns(fs_of(req)->chr, ino)) {
		ksim_fuse_chr_write(fs_of(req)->chr, req, data, size, off, fi);
		return;
	}
	if (!d) {
		fuse_reply_err(req, EBADF);
		return;
	}
	if ((uint64_t)off >= d->capacity) {
		fuse_reply_err(req, size ? ENOSPC : 0);
		return;
	}
	if (size > d->capacity - off)
		size = d->capacity - off;	/* a short write, then ENOSPC */
	err = ksim_diskio_write(d, data, off, size, flags);
	if (err)
		fuse_reply_err(req, -err);
	else
		fuse_reply_write(req, size);
}

/* fsync and fdatasync: the device's volatile write cache goes to media. */
static void op_fsync(fuse_req_t req, fuse_ino_t ino, int datasync, struct fuse_file_info *fi)
{
	struct ksim_diskio *d = disk_of(fs_of(req), ino);

	fuse_reply_err(req, d ? -ksim_diskio_flush(d) : 0);
}

/*
 * PUNCH_HOLE is a discard (the model's deallocated blocks read as zeros, so
 * the hole reads back as zeros, as a file's would), ZERO_RANGE a Write
 * Zeroes; sim/diskio.c zeroes the parts of blocks at either edge.
 */
static void op_fallocate(fuse_req_t req, fuse_ino_t ino, int mode, off_t off, off_t len,
			 struct fuse_file_info *fi)
{
	struct ksim_diskio *d = disk_of(fs_of(req), ino);
	uint64_t end;

	if (!d) {
		fuse_reply_err(req, EBADF);
		return;
	}
	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE) ||
	    ((mode & FALLOC_FL_PUNCH_HOLE) && (mode & FALLOC_FL_ZERO_RANGE))) {
		fuse_reply_err(req, EOPNOTSUPP);
		return;
	}
	if (off < 0 || len <= 0) {
		fuse_reply_err(req, EINVAL);
		return;
	}
	end = (uint64_t)off + (uint64_t)len;
	if (!(mode & (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE))) {
		/* Plain allocation: every block already exists. */
		fuse_reply_err(req, end > d->capacity ? ENOSPC : 0);
		return;
	}
	if ((uint64_t)off >= d->capacity) {
		fuse_reply_err(req, 0);
		return;
	}
	if (end > d->capacity)
		end = d->capacity;
	fuse_reply_err(req, -ksim_diskio_zero(d, off, end - off, mode & FALLOC_FL_PUNCH_HOLE));
}

static void op_flush(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	/* close(): nothing buffered here; durability is fsync's job. */
	fuse_reply_err(req, 0);
}

/* Only dev/ files take ioctls; a disk file has none of a block device's. */
static void op_ioctl(fuse_req_t req, fuse_ino_t ino, unsigned int cmd, void *arg,
		     struct fuse_file_info *fi, unsigned int flags, const void *in_buf,
		     size_t in_bufsz, size_t out_bufsz)
{
	struct ksim_fuse *f = fs_of(req);

	if (ksim_fuse_chr_owns(f->chr, ino))
		ksim_fuse_chr_ioctl(f->chr, req, cmd, arg, fi, flags, in_buf, in_bufsz, out_bufsz);
	else
		fuse_reply_err(req, ENOTTY);
}

/*
 * dev/ files poll their driver; the others are always ready, as regular
 * files are.  (Not ENOSYS: the kernel would then stop polling any file.)
 */
static void op_poll(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi,
		    struct fuse_pollhandle *ph)
{
	struct ksim_fuse *f = fs_of(req);

	if (ksim_fuse_chr_owns(f->chr, ino)) {
		ksim_fuse_chr_poll(f->chr, req, fi, ph);
		return;
	}
	if (ph)
		fuse_pollhandle_destroy(ph);
	fuse_reply_poll(req, POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM);
}

static void op_init(void *userdata, struct fuse_conn_info *conn)
{
	struct ksim_fuse *f = userdata;

	/* Let the kernel keep as many background requests (readahead, AIO) in flight as we have workers. */
	conn->max_background = f->threads;
	conn->congestion_threshold = f->threads * 3 / 4;
	if (conn->capable & FUSE_CAP_ASYNC_DIO)
		conn->want |= FUSE_CAP_ASYNC_DIO;
}

static const struct fuse_lowlevel_ops ksim_fuse_ops = {
	.init		= op_init,
	.lookup		= op_lookup,
	.getattr	= op_getattr,
	.setattr	= op_setattr,
	.readdir	= op_readdir,
	.open		= op_open,
	.release	= op_release,
	.read		= op_read,
	.write		= op_write,
	.flush		= op_flush,
	.fsync		= op_fsync,
	.fallocate	= op_fallocate,
	.ioctl		= op_ioctl,
	.poll		= op_poll,
};

/* ---- session ---- */

static int add_disk(const char *name, void *arg)
{
	struct ksim_fuse *f = arg;

	if (f->nr_disks < MAX_DISKS && !ksim_diskio_open(&f->disks[f->nr_disks], name)) {
		f->disks[f->nr_disks].polled = f->polled;
		f->nr_disks++;
	}
	return 0;
}

static void *loop_main(void *arg)
{
	struct ksim_fuse *f = arg;
	struct fuse_loop_config *cfg = fuse_loop_cfg_create();

	if (cfg) {
		fuse_loop_cfg_set_max_threads(cfg, f->threads);
		fuse_loop_cfg_set_idle_threads(cfg, f->threads);
		fuse_loop_cfg_set_clone_fd(cfg, 1);
		fuse_session_loop_mt(f->se, cfg);
		fuse_loop_cfg_destroy(cfg);
	}
	__atomic_store_n(&f->ended, 1, __ATOMIC_RELEASE);
	if (f->wake_fd >= 0 && write(f->wake_fd, "f", 1) < 0)
		return NULL;
	return NULL;
}

static void free_fuse(struct ksim_fuse *f)
{
	int i;

	if (f->se)
		fuse_session_destroy(f->se);
	/* Before the modules go: drivers see ->release of what users left open. */
	ksim_fuse_chr_free(f->chr);
	for (i = 0; i < f->nr_disks; i++)
		ksim_diskio_close(&f->disks[i]);
	free(f->mountpoint);
	free(f);
}

int ksim_fuse_start(const struct ksim_fuse_opts *o, struct ksim_nvme_ctrl *const *ctrls,
		    int nr_ctrls, int wake_fd, struct ksim_fuse **out, char *err, size_t errlen)
{
	char *argv[] = { "ksim", "-o",
		o->allow_other ? "fsname=ksim,subtype=ksim,allow_other" : "fsname=ksim,subtype=ksim",
		NULL };
	struct fuse_args args = FUSE_ARGS_INIT(3, argv);
	struct ksim_fuse *f;
	struct stat st;
	int ret;

	if (access("/dev/fuse", R_OK | W_OK)) {
		snprintf(err, errlen, "/dev/fuse: %s", strerror(errno));
		return -errno;
	}
	if (stat(o->mountpoint, &st) || !S_ISDIR(st.st_mode)) {
		ret = errno && !S_ISDIR(st.st_mode) ? -errno : -ENOTDIR;
		snprintf(err, errlen, "mount point '%s': %s", o->mountpoint,
			 strerror(ret == -ENOTDIR ? ENOTDIR : -ret));
		return ret;
	}
	f = calloc(1, sizeof(*f));
	if (!f)
		return -ENOMEM;
	f->mountpoint = strdup(o->mountpoint);
	f->threads = o->threads ? o->threads : DEFAULT_THREADS;
	f->uid = getuid();
	f->gid = getgid();
	f->ctrls = ctrls;
	f->nr_ctrls = nr_ctrls;
	f->wake_fd = wake_fd;
	f->polled = o->polled;
	clock_gettime(CLOCK_REALTIME, &f->mtime);
	ksim_bdev_for_each(add_disk, f);
	f->chr = ksim_fuse_chr_new(f->uid, f->gid, &f->mtime);

	f->se = fuse_session_new(&args, &ksim_fuse_ops, sizeof(ksim_fuse_ops), f);
	fuse_opt_free_args(&args);	/* libfuse may have added to them */
	if (!f->se || !f->mountpoint || !f->chr) {
		snprintf(err, errlen, "cannot start a FUSE session");
		free_fuse(f);
		return -ENOMEM;
	}
	if (fuse_session_mount(f->se, o->mountpoint)) {
		snprintf(err, errlen, "cannot mount FUSE on '%s' (see the message above)",
			 o->mountpoint);
		free_fuse(f);
		return -EIO;
	}
	ret = -pthread_create(&f->loop_thread, NULL, loop_main, f);
	if (ret) {
		fuse_session_unmount(f->se);
		snprintf(err, errlen, "cannot start the FUSE loop: %s", strerror(-ret));
		free_fuse(f);
		return ret;
	}
	f->loop_started = true;
	/* Served by the loop now (a stat before it started would wait forever). */
	if (!stat(o->mountpoint, &st))
		f->mnt_dev = st.st_dev;
	*out = f;
	return 0;
}

bool ksim_fuse_ended(struct ksim_fuse *f)
{
	return __atomic_load_n(&f->ended, __ATOMIC_ACQUIRE);
}

/* Fail every request still queued or to come, so no caller waits on us. */
static void abort_connection(struct ksim_fuse *f)
{
	char path[96];
	int fd;

	snprintf(path, sizeof(path), "/sys/fs/fuse/connections/%u/abort", minor(f->mnt_dev));
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (write(fd, "1", 1) < 0)
		fprintf(stderr, "ksim: fuse: %s: %s\n", path, strerror(errno));
	close(fd);
}

void ksim_fuse_stop(struct ksim_fuse *f)
{
	struct timespec deadline;
	int i;

	if (!f)
		return;
	/* A read blocked in a driver holds a worker: end it (EINTR to its caller). */
	ksim_fuse_chr_stop(f->chr);
	if (!ksim_fuse_ended(f)) {
		fuse_session_exit(f->se);
		/* Lazy: the name goes now, the workers end when the last user closes. */
		fuse_session_unmount(f->se);
		for (i = 0; i < 50 && !ksim_fuse_ended(f); i++)
			usleep(100 * 1000);
		if (!ksim_fuse_ended(f)) {
			fprintf(stderr, "ksim: fuse: %s still in use; aborting the connection\n",
				f->mountpoint);
			abort_connection(f);
		}
	} else {
		/* Unmounted from outside: this only releases libfuse's record of it. */
		fuse_session_unmount(f->se);
	}
	if (f->loop_started) {
		clock_gettime(CLOCK_REALTIME, &deadline);
		deadline.tv_sec += 30;
		if (pthread_timedjoin_np(f->loop_thread, NULL, &deadline)) {
			fprintf(stderr, "ksim: fuse: the FUSE loop did not stop; leaving it\n");
			return;
		}
	}
	free_fuse(f);
}

void ksim_fuse_emergency_unmount(struct ksim_fuse *f)
{
	if (!f || ksim_fuse_ended(f))
		return;
	if (umount2(f->mountpoint, MNT_DETACH))
		fuse_session_unmount(f->se);
}
