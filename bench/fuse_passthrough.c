// SPDX-License-Identifier: GPL-2.0
/*
 * bench/fuse_passthrough.c - the baseline for bench/fusebench.c: a minimal
 * libfuse3 file system serving one host file (a /dev/shm file) as `disk`,
 * with the same API, loop and O_DIRECT handling as ksim's FUSE frontend
 * (sim/fuse.c), so the two differ only in what is behind the read: pread
 * on tmpfs here, the driver and the emulated device there.
 *
 *   fuse_passthrough FILE MOUNTPOINT      (until unmounted or SIGTERM)
 */
#define _GNU_SOURCE
#define FUSE_USE_VERSION 312
#include <errno.h>
#include <fcntl.h>
#include <fuse_lowlevel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define INO_DISK 2

static int backing_fd;
static off_t backing_size;
static __thread char *thread_buf;
static __thread size_t thread_buf_size;

static void fill(fuse_ino_t ino, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_ino = ino;
	st->st_uid = getuid();
	st->st_gid = getgid();
	st->st_nlink = 1;
	if (ino == FUSE_ROOT_ID) {
		st->st_mode = S_IFDIR | 0755;
		st->st_nlink = 2;
	} else {
		st->st_mode = S_IFREG | 0600;
		st->st_size = backing_size;
	}
}

static void pt_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	struct fuse_entry_param e = { 0 };

	if (parent != FUSE_ROOT_ID || strcmp(name, "disk")) {
		fuse_reply_err(req, ENOENT);
		return;
	}
	e.ino = INO_DISK;
	e.attr_timeout = e.entry_timeout = 3600;
	fill(INO_DISK, &e.attr);
	fuse_reply_entry(req, &e);
}

static void pt_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct stat st;

	fill(ino, &st);
	fuse_reply_attr(req, &st, 3600);
}

static void pt_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	if (ino != INO_DISK) {
		fuse_reply_err(req, EISDIR);
		return;
	}
	if (fi->flags & O_DIRECT)
		fi->direct_io = 1;
	fuse_reply_open(req, fi);
}

static void pt_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
		    struct fuse_file_info *fi)
{
	ssize_t n;

	if (thread_buf_size < size) {
		free(thread_buf);
		thread_buf = malloc(size);
		thread_buf_size = thread_buf ? size : 0;
		if (!thread_buf) {
			fuse_reply_err(req, ENOMEM);
			return;
		}
	}
	n = pread(backing_fd, thread_buf, size, off);
	if (n < 0)
		fuse_reply_err(req, errno);
	else
		fuse_reply_buf(req, thread_buf, n);
}

static void pt_write(fuse_req_t req, fuse_ino_t ino, const char *buf, size_t size,
		     off_t off, struct fuse_file_info *fi)
{
	ssize_t n = pwrite(backing_fd, buf, size, off);

	if (n < 0)
		fuse_reply_err(req, errno);
	else
		fuse_reply_write(req, n);
}

static void pt_fsync(fuse_req_t req, fuse_ino_t ino, int datasync, struct fuse_file_info *fi)
{
	fuse_reply_err(req, fdatasync(backing_fd) ? errno : 0);
}

static const struct fuse_lowlevel_ops pt_ops = {
	.lookup = pt_lookup, .getattr = pt_getattr, .open = pt_open,
	.read = pt_read, .write = pt_write, .fsync = pt_fsync,
};

int main(int argc, char **argv)
{
	char *fargv[] = { "fuse_passthrough", "-o", "fsname=passthrough", NULL };
	struct fuse_args args = FUSE_ARGS_INIT(3, fargv);
	struct fuse_loop_config *cfg;
	struct fuse_session *se;
	struct stat st;
	int ret;

	if (argc != 3) {
		fprintf(stderr, "usage: %s FILE MOUNTPOINT\n", argv[0]);
		return 2;
	}
	backing_fd = open(argv[1], O_RDWR | O_CLOEXEC);
	if (backing_fd < 0 || fstat(backing_fd, &st)) {
		fprintf(stderr, "fuse_passthrough: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	backing_size = st.st_size;
	se = fuse_session_new(&args, &pt_ops, sizeof(pt_ops), NULL);
	fuse_opt_free_args(&args);
	if (!se || fuse_set_signal_handlers(se) || fuse_session_mount(se, argv[2])) {
		fprintf(stderr, "fuse_passthrough: cannot mount %s\n", argv[2]);
		return 1;
	}
	cfg = fuse_loop_cfg_create();
	fuse_loop_cfg_set_max_threads(cfg, 64);
	fuse_loop_cfg_set_idle_threads(cfg, 64);
	fuse_loop_cfg_set_clone_fd(cfg, 1);
	ret = fuse_session_loop_mt(se, cfg);
	fuse_loop_cfg_destroy(cfg);
	fuse_session_unmount(se);
	fuse_remove_signal_handlers(se);
	fuse_session_destroy(se);
	return ret ? 1 : 0;
}
