// SPDX-License-Identifier: GPL-2.0
/*
 * sim/fuse_chr.c - dev/ of the FUSE mount (sim/fuse_chr.h): character
 * devices of the simulated machine as files real programs drive.
 *
 * The tree is the /dev of the user side (<ksim/user.h>): every path
 * ksim_user_list() shows under /dev (misc devices, nodes made with
 * ksim_user_mknod(), subdirectories such as dev/net/), plus dev/char/ where
 * any MAJ:MIN opens the cdev registered there, as /dev/char does.  Inodes
 * are given out by path on first sight and kept, so a device that goes
 * and comes back keeps its number; entries are never cached by the kernel
 * (timeout 0), because modules register and remove devices at run time.
 *
 * An open of a dev/ file is an open(2) by a simulated process named after
 * the real caller (its /proc/PID/comm): the driver's ->open runs then, its
 * ->read/->write/->unlocked_ioctl/->poll on each request, ->release when
 * the last descriptor of the real program closes.  Requests on one open
 * file can come concurrently (threads of the caller, our poll waiter), and
 * a simulated process makes one call at a time, so a handle has a small
 * pool of processes sharing the open file (ksim_sys_share_fd), as threads
 * of one program share it.
 *
 * Threads: the calls run on the FUSE worker that took the request, as a
 * disk's I/O does (the shim adopts the worker; the call runs with
 * `current` switched to the simulated process), so a read that blocks in
 * the driver holds one worker of the multithreaded loop and the others go
 * on serving.  A FUSE_INTERRUPT (the caller got a signal, e.g. Ctrl-C)
 * becomes ksim_proc_interrupt(): the driver's interruptible sleep ends and
 * the caller sees EINTR.  poll: the first FUSE_POLL that finds nothing
 * ready arms a waiter, a task made with ksim_host->task_create that sleeps
 * in the driver's ->poll wait queues (ksim_sys_poll without timeout) and
 * sends fuse_lowlevel_notify_poll() when they wake it, so the real
 * poll()/select()/epoll sleeps without spinning.
 *
 * What FUSE cannot carry (these are regular files to the host kernel):
 * ioctls go in restricted mode, so only commands that encode their
 * argument's size and direction (_IOR/_IOW/_IOWR) get their buffer copied,
 * and _IO commands get the argument as a plain value; a few generic
 * ioctls (FIONREAD, FIONBIO, FIOASYNC, FIOCLEX) are answered by the host
 * kernel and never reach the driver; ->flush runs once, at the last close,
 * not at every close(2); mmap and fasync are not offered.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ksim/user.h"
#include "fuse_chr.h"
#include "host.h"

#define CHR_INO0	(1ull << 24)	/* above sim/fuse.c's own inodes */
#define DEV_DIR		"/dev"
#define DEV_CHAR_DIR	"/dev/char"
#define PATH_MAX_LEN	256
/* The status flags a real program can change after open (fcntl F_SETFL). */
#define STATUS_FLAGS	(O_NONBLOCK | O_APPEND)
/* How long an interrupt keeps trying to catch a call that is just entering the driver. */
#define INTERRUPT_TRIES	10000
#define INTERRUPT_STEP_US 100

struct chr_node {
	char *path;		/* in the user side's namespace: "/dev/miscfifo" */
	bool dir;
};

struct ksim_fuse_chr {
	pthread_mutex_t lock;		/* nodes, handles, callers, waiters */
	struct chr_node *nodes;		/* inode CHR_INO0 + i */
	size_t nr_nodes, cap_nodes;
	struct chr_handle *handles;	/* open files */
	bool stopping;
	uid_t uid;
	gid_t gid;
	struct timespec mtime;
};

/* A simulated process holding a handle's open file. */
struct chr_caller {
	struct ksim_proc *proc;
	int fd;
	bool busy;			/* a call or the poll waiter uses it */
	struct chr_caller *next;
};

/* One open file (a FUSE file handle). */
struct chr_handle {
	struct ksim_fuse_chr *c;
	char comm[16];
	struct chr_caller *callers;	/* the first one opened the file */
	int status_flags;		/* STATUS_FLAGS as the driver's file has them */
	int64_t next_off;		/* the driver's f_pos, as far as we moved it */
	bool seekable;
	/* poll: at most one waiter; poll_lock orders FUSE_POLLs of this file */
	pthread_mutex_t poll_lock;
	struct ksim_host_task *waiter;
	struct chr_caller *wcaller;
	struct fuse_pollhandle *ph;	/* to notify; under c->lock */
	short wevents;
	bool wstop;
	int wdone;			/* the waiter's poll returned */
	struct chr_handle *prev, *next;
};

/* One driver call made for a FUSE request, for FUSE_INTERRUPT. */
struct chr_call {
	struct chr_caller *cl;
	int started, interrupted, done;
};

/* ---- the tree ---- */

struct dev_list {
	char **paths;
	size_t nr, cap;
	bool nomem;
};

static void dev_list_add(const char *path, void *arg)
{
	struct dev_list *l = arg;
	char **v;

	if (strncmp(path, DEV_DIR "/", strlen(DEV_DIR) + 1) || l->nomem)
		return;
	if (l->nr == l->cap) {
		v = realloc(l->paths, (l->cap ? l->cap * 2 : 32) * sizeof(*v));
		if (!v) {
			l->nomem = true;
			return;
		}
		l->paths = v;
		l->cap = l->cap ? l->cap * 2 : 32;
	}
	l->paths[l->nr] = strdup(path);
	if (!l->paths[l->nr])
		l->nomem = true;
	else
		l->nr++;
}

static void dev_list_free(struct dev_list *l)
{
	size_t i;

	for (i = 0; i < l->nr; i++)
		free(l->paths[i]);
	free(l->paths);
}

static int dev_list_get(struct dev_list *l)
{
	memset(l, 0, sizeof(*l));
	ksim_user_list(dev_list_add, l);
	if (l->nomem) {
		dev_list_free(l);
		return -ENOMEM;
	}
	return 0;
}

/* "MAJ:MIN" */
static bool is_devnum(const char *name)
{
	unsigned int major, minor;
	char tail;

	return sscanf(name, "%u:%u%c", &major, &minor, &tail) == 2;
}

/* What @path is now: 0 nothing, 1 a device file, 2 a directory. */
static int path_kind(const struct dev_list *l, const char *path)
{
	size_t i, len = strlen(path);
	const char *slash = strrchr(path, '/');

	if (!strcmp(path, DEV_DIR) || !strcmp(path, DEV_CHAR_DIR))
		return 2;
	if (slash && (size_t)(slash - path) == strlen(DEV_CHAR_DIR) &&
	    !strncmp(path, DEV_CHAR_DIR, slash - path) && is_devnum(slash + 1))
		return 1;
	for (i = 0; i < l->nr; i++) {
		if (!strcmp(l->paths[i], path))
			return 1;
		if (!strncmp(l->paths[i], path, len) && l->paths[i][len] == '/')
			return 2;
	}
	return 0;
}

/* The inode of @path, given out now if it has none; 0 when out of memory. */
static fuse_ino_t ino_of(struct ksim_fuse_chr *c, const char *path, bool dir)
{
	fuse_ino_t ino = 0;
	size_t i;

	if (!strcmp(path, DEV_DIR))
		return KSIM_FUSE_INO_DEV;
	pthread_mutex_lock(&c->lock);
	for (i = 0; i < c->nr_nodes; i++) {
		if (!strcmp(c->nodes[i].path, path)) {
			c->nodes[i].dir = dir;
			ino = CHR_INO0 + i;
			goto out;
		}
	}
	if (c->nr_nodes == c->cap_nodes) {
		size_t cap = c->cap_nodes ? c->cap_nodes * 2 : 32;
		struct chr_node *v = realloc(c->nodes, cap * sizeof(*v));

		if (!v)
			goto out;
		c->nodes = v;
		c->cap_nodes = cap;
	}
	c->nodes[c->nr_nodes].path = strdup(path);
	if (!c->nodes[c->nr_nodes].path)
		goto out;
	c->nodes[c->nr_nodes].dir = dir;
	ino = CHR_INO0 + c->nr_nodes++;
out:
	pthread_mutex_unlock(&c->lock);
	return ino;
}

/* The path of @ino (kept until ksim_fuse_chr_free), or NULL. */
static const char *path_of(struct ksim_fuse_chr *c, fuse_ino_t ino)
{
	const char *path = NULL;

	if (ino == KSIM_FUSE_INO_DEV)
		return DEV_DIR;
	pthread_mutex_lock(&c->lock);
	if (ino >= CHR_INO0 && ino - CHR_INO0 < c->nr_nodes)
		path = c->nodes[ino - CHR_INO0].path;
	pthread_mutex_unlock(&c->lock);
	return path;
}

bool ksim_fuse_chr_owns(const struct ksim_fuse_chr *c, fuse_ino_t ino)
{
	return ino == KSIM_FUSE_INO_DEV || ino >= CHR_INO0;
}

static void fill_stat(struct ksim_fuse_chr *c, fuse_ino_t ino, bool dir, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_ino = ino;
	st->st_uid = c->uid;
	st->st_gid = c->gid;
	st->st_mtim = st->st_ctim = st->st_atim = c->mtime;
	st->st_blksize = 4096;
	/* A regular file with no size: a host device node would be a host device. */
	st->st_mode = dir ? S_IFDIR | 0755 : S_IFREG | 0600;
	st->st_nlink = dir ? 2 : 1;
}

/* @ino's kind now (0: gone), its path in *@path. */
static int ino_kind(struct ksim_fuse_chr *c, fuse_ino_t ino, const char **path)
{
	struct dev_list l;
	int kind;

	*path = path_of(c, ino);
	if (!*path)
		return 0;
	if (dev_list_get(&l))
		return -ENOMEM;
	kind = path_kind(&l, *path);
	dev_list_free(&l);
	return kind;
}

int ksim_fuse_chr_lookup(struct ksim_fuse_chr *c, fuse_ino_t parent, const char *name,
			 struct fuse_entry_param *e)
{
	const char *dir;
	char path[PATH_MAX_LEN];
	struct dev_list l;
	int kind;

	if (ino_kind(c, parent, &dir) != 2)
		return -ENOENT;
	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	if (dev_list_get(&l))
		return -ENOMEM;
	kind = path_kind(&l, path);
	dev_list_free(&l);
	if (!kind)
		return -ENOENT;
	memset(e, 0, sizeof(*e));
	e->ino = ino_of(c, path, kind == 2);
	if (!e->ino)
		return -ENOMEM;
	e->generation = 1;
	fill_stat(c, e->ino, kind == 2, &e->attr);
	return 0;
}

int ksim_fuse_chr_getattr(struct ksim_fuse_chr *c, fuse_ino_t ino, struct stat *st)
{
	const char *path;
	int kind = ino_kind(c, ino, &path);

	if (kind < 0)
		return kind;
	if (!kind)
		return -ENOENT;
	fill_stat(c, ino, kind == 2, st);
	return 0;
}

struct dirent_list {
	char **names;
	bool *dirs;
	size_t nr;
};

static int dirent_add(struct dirent_list *d, const char *name, size_t len, bool dir)
{
	size_t i;
	char **n;
	bool *b;

	for (i = 0; i < d->nr; i++)
		if (strlen(d->names[i]) == len && !strncmp(d->names[i], name, len))
			return 0;
	n = realloc(d->names, (d->nr + 1) * sizeof(*n));
	if (!n)
		return -ENOMEM;
	d->names = n;
	b = realloc(d->dirs, (d->nr + 1) * sizeof(*b));
	if (!b)
		return -ENOMEM;
	d->dirs = b;
	d->names[d->nr] = strndup(name, len);
	if (!d->names[d->nr])
		return -ENOMEM;
	d->dirs[d->nr++] = dir;
	return 0;
}

static void dirent_free(struct dirent_list *d)
{
	size_t i;

	for (i = 0; i < d->nr; i++)
		free(d->names[i]);
	free(d->names);
	free(d->dirs);
}

/* The entries of directory @dir now (devices, subdirectories, char/). */
static int list_dir(const char *dir, struct dirent_list *d)
{
	size_t i, len = strlen(dir);
	struct dev_list l;
	int err = 0;

	memset(d, 0, sizeof(*d));
	if (dev_list_get(&l))
		return -ENOMEM;
	if (!strcmp(dir, DEV_DIR))
		err = dirent_add(d, "char", 4, true);
	for (i = 0; !err && i < l.nr; i++) {
		const char *rest = l.paths[i] + len + 1, *slash;

		if (strncmp(l.paths[i], dir, len) || l.paths[i][len] != '/')
			continue;
		slash = strchr(rest, '/');
		err = dirent_add(d, rest, slash ? (size_t)(slash - rest) : strlen(rest), slash);
	}
	dev_list_free(&l);
	if (err)
		dirent_free(d);
	return err;
}

void ksim_fuse_chr_readdir(struct ksim_fuse_chr *c, fuse_req_t req, fuse_ino_t ino,
			   size_t size, off_t off)
{
	struct dirent_list d;
	const char *dir;
	char path[PATH_MAX_LEN];
	size_t used = 0, i;
	char *buf;
	int kind = ino_kind(c, ino, &dir);

	if (kind != 2) {
		fuse_reply_err(req, kind < 0 ? -kind : kind ? ENOTDIR : ENOENT);
		return;
	}
	if (list_dir(dir, &d)) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	buf = calloc(1, size);
	if (!buf) {
		dirent_free(&d);
		fuse_reply_err(req, ENOMEM);
		return;
	}
	for (i = (size_t)off; i < d.nr + 2; i++) {
		struct stat st = { 0 };
		const char *name;
		size_t len;

		if (i < 2) {
			name = i ? ".." : ".";
			st.st_ino = ino;
			st.st_mode = S_IFDIR;
		} else {
			name = d.names[i - 2];
			snprintf(path, sizeof(path), "%s/%s", dir, name);
			st.st_ino = ino_of(c, path, d.dirs[i - 2]);
			st.st_mode = d.dirs[i - 2] ? S_IFDIR : S_IFREG;
		}
		len = fuse_add_direntry(req, buf + used, size - used, name, &st, (off_t)i + 1);
		if (len > size - used)
			break;
		used += len;
	}
	fuse_reply_buf(req, buf, used);
	free(buf);
	dirent_free(&d);
}

/* ---- driver calls ---- */

static struct chr_handle *handle_of(struct fuse_file_info *fi)
{
	return (struct chr_handle *)(uintptr_t)fi->fh;
}

/* A new process holding @h's open file (under c->lock). */
static struct chr_caller *caller_new(struct chr_handle *h)
{
	struct chr_caller *cl = calloc(1, sizeof(*cl)), **tail;

	if (!cl)
		return NULL;
	cl->proc = ksim_proc_create(h->comm);
	if (!cl->proc) {
		free(cl);
		return NULL;
	}
	cl->fd = ksim_sys_share_fd(h->callers->proc, h->callers->fd, cl->proc);
	if (cl->fd < 0) {
		ksim_proc_destroy(cl->proc);
		free(cl);
		return NULL;
	}
	for (tail = &h->callers; *tail; tail = &(*tail)->next)
		;
	*tail = cl;
	return cl;
}

/* An idle process of @h, marked busy; NULL with -errno in *@err. */
static struct chr_caller *caller_get(struct chr_handle *h, int *err)
{
	struct ksim_fuse_chr *c = h->c;
	struct chr_caller *cl;

	pthread_mutex_lock(&c->lock);
	if (c->stopping) {
		pthread_mutex_unlock(&c->lock);
		*err = -EIO;
		return NULL;
	}
	for (cl = h->callers; cl && cl->busy; cl = cl->next)
		;
	if (!cl)
		cl = caller_new(h);
	if (cl)
		cl->busy = true;
	pthread_mutex_unlock(&c->lock);
	*err = cl ? 0 : -ENOMEM;
	return cl;
}

static void caller_put(struct chr_handle *h, struct chr_caller *cl)
{
	pthread_mutex_lock(&h->c->lock);
	cl->busy = false;
	pthread_mutex_unlock(&h->c->lock);
}

/*
 * FUSE_INTERRUPT for a request whose driver call is in progress (libfuse
 * calls this on another worker, under the request's lock).  The call may
 * not be inside the driver yet: keep trying briefly until it is, or done.
 */
static void call_interrupted(fuse_req_t req, void *data)
{
	struct chr_call *call = data;
	int i;

	__atomic_store_n(&call->interrupted, 1, __ATOMIC_SEQ_CST);
	if (!__atomic_load_n(&call->started, __ATOMIC_SEQ_CST))
		return;		/* call_begin() sees the flag and makes no call */
	for (i = 0; i < INTERRUPT_TRIES && !__atomic_load_n(&call->done, __ATOMIC_ACQUIRE); i++) {
		if (ksim_proc_interrupt(call->cl->proc))
			return;
		usleep(INTERRUPT_STEP_US);
	}
}

/* 0: make the call on call->cl; -errno: reply that instead. */
static int call_begin(struct chr_handle *h, fuse_req_t req, struct chr_call *call)
{
	int err;

	memset(call, 0, sizeof(*call));
	call->cl = caller_get(h, &err);
	if (!call->cl)
		return err;
	fuse_req_interrupt_func(req, call_interrupted, call);
	__atomic_store_n(&call->started, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&call->interrupted, __ATOMIC_SEQ_CST)) {
		__atomic_store_n(&call->done, 1, __ATOMIC_RELEASE);
		fuse_req_interrupt_func(req, NULL, NULL);
		caller_put(h, call->cl);
		return -EINTR;
	}
	return 0;
}

static void call_end(struct chr_handle *h, fuse_req_t req, struct chr_call *call)
{
	__atomic_store_n(&call->done, 1, __ATOMIC_RELEASE);
	/* Waits for an interrupt callback still running, then none comes. */
	fuse_req_interrupt_func(req, NULL, NULL);
	caller_put(h, call->cl);
}

/* The real caller's command name, for the simulated process (reports show it). */
static void caller_comm(fuse_req_t req, char *comm, size_t len)
{
	const struct fuse_ctx *ctx = fuse_req_ctx(req);
	char path[64];
	FILE *f;

	snprintf(comm, len, "fuse-user");
	snprintf(path, sizeof(path), "/proc/%d/comm", ctx ? (int)ctx->pid : 0);
	f = ctx && ctx->pid > 0 ? fopen(path, "re") : NULL;
	if (!f)
		return;
	if (fgets(comm, (int)len, f))
		comm[strcspn(comm, "\n")] = '\0';
	fclose(f);
}

void ksim_fuse_chr_open(struct ksim_fuse_chr *c, fuse_req_t req, fuse_ino_t ino,
			struct fuse_file_info *fi)
{
	const int pass = O_ACCMODE | O_NONBLOCK | O_APPEND | O_SYNC | O_DSYNC;
	struct chr_handle *h;
	struct chr_caller *cl;
	const char *path;
	int kind = ino_kind(c, ino, &path), fd;

	if (kind != 1) {
		fuse_reply_err(req, kind < 0 ? -kind : kind ? EISDIR : ENOENT);
		return;
	}
	h = calloc(1, sizeof(*h));
	cl = calloc(1, sizeof(*cl));
	if (!h || !cl)
		goto out_nomem;
	caller_comm(req, h->comm, sizeof(h->comm));
	cl->proc = ksim_proc_create(h->comm);
	if (!cl->proc)
		goto out_nomem;
	/* The driver's ->open may sleep; a blocked open holds this worker only. */
	fd = ksim_sys_open(cl->proc, path, fi->flags & pass);
	if (fd < 0) {
		ksim_proc_destroy(cl->proc);
		free(cl);
		free(h);
		fuse_reply_err(req, -fd);
		return;
	}
	cl->fd = fd;
	h->c = c;
	h->callers = cl;
	h->status_flags = fi->flags & STATUS_FLAGS;
	h->seekable = true;
	pthread_mutex_init(&h->poll_lock, NULL);
	pthread_mutex_lock(&c->lock);
	h->next = c->handles;
	if (c->handles)
		c->handles->prev = h;
	c->handles = h;
	pthread_mutex_unlock(&c->lock);
	fi->fh = (uintptr_t)h;
	/* No page cache: every read and write reaches the driver. */
	fi->direct_io = 1;
	fi->keep_cache = 0;
	if (fuse_reply_open(req, fi) == -ENOENT) {
		/* The caller was interrupted meanwhile: no release will come. */
		ksim_fuse_chr_release(c, NULL, fi);
	}
	return;

out_nomem:
	free(cl);
	free(h);
	fuse_reply_err(req, ENOMEM);
}

/* Stop @h's poll waiter, if any, and give its process back (not under a lock). */
static void waiter_reap(struct chr_handle *h)
{
	struct ksim_fuse_chr *c = h->c;
	struct ksim_host_task *t;

	pthread_mutex_lock(&c->lock);
	t = h->waiter;
	h->wstop = true;
	pthread_mutex_unlock(&c->lock);
	if (!t)
		return;
	while (!__atomic_load_n(&h->wdone, __ATOMIC_ACQUIRE)) {
		ksim_proc_interrupt(h->wcaller->proc);
		usleep(1000);
	}
	ksim_host->task_join(t);
	pthread_mutex_lock(&c->lock);
	h->waiter = NULL;
	h->wcaller->busy = false;
	h->wcaller = NULL;
	if (h->ph)
		fuse_pollhandle_destroy(h->ph);
	h->ph = NULL;
	pthread_mutex_unlock(&c->lock);
}

static void handle_close(struct chr_handle *h)
{
	struct chr_caller *cl, *next, *first = h->callers;

	waiter_reap(h);
	/* Helpers first: the opener's close is the last one, with ->release. */
	for (cl = first->next; cl; cl = next) {
		next = cl->next;
		ksim_proc_destroy(cl->proc);
		free(cl);
	}
	ksim_proc_destroy(first->proc);
	free(first);
	pthread_mutex_destroy(&h->poll_lock);
	free(h);
}

void ksim_fuse_chr_release(struct ksim_fuse_chr *c, fuse_req_t req, struct fuse_file_info *fi)
{
	struct chr_handle *h = handle_of(fi);

	pthread_mutex_lock(&c->lock);
	if (h->prev)
		h->prev->next = h->next;
	else
		c->handles = h->next;
	if (h->next)
		h->next->prev = h->prev;
	pthread_mutex_unlock(&c->lock);
	handle_close(h);
	if (req)
		fuse_reply_err(req, 0);
}

/*
 * Before a read or write: the file's status flags as the real caller's file
 * has them now (fcntl O_NONBLOCK after open), and its position where the
 * caller's is (lseek; a stream driver refuses and is left alone).
 */
static void sync_file(struct chr_handle *h, struct chr_caller *cl, int flags, off_t off)
{
	int want = flags & STATUS_FLAGS;

	if (want != __atomic_load_n(&h->status_flags, __ATOMIC_RELAXED) &&
	    !ksim_sys_setfl(cl->proc, cl->fd, want))
		__atomic_store_n(&h->status_flags, want, __ATOMIC_RELAXED);
	if (h->seekable && off != h->next_off) {
		if (ksim_sys_lseek(cl->proc, cl->fd, off, SEEK_SET) < 0)
			h->seekable = false;
		else
			h->next_off = off;
	}
}

/* One read or write for @req: the bytes moved, or -errno. */
static ssize_t chr_rw(struct chr_handle *h, fuse_req_t req, struct fuse_file_info *fi,
		      off_t off, void *buf, size_t size, bool write)
{
	struct chr_call call;
	ssize_t n = call_begin(h, req, &call);

	if (n)
		return n;
	sync_file(h, call.cl, fi->flags, off);
	n = write ? ksim_user_write(call.cl->proc, call.cl->fd, buf, size) :
		    ksim_user_read(call.cl->proc, call.cl->fd, buf, size);
	if (n > 0)
		h->next_off = off + n;
	call_end(h, req, &call);
	return n;
}

void ksim_fuse_chr_read(struct ksim_fuse_chr *c, fuse_req_t req, size_t size, off_t off,
			struct fuse_file_info *fi)
{
	char *buf = malloc(size ? size : 1);
	ssize_t n = buf ? chr_rw(handle_of(fi), req, fi, off, buf, size, false) : -ENOMEM;

	if (n < 0)
		fuse_reply_err(req, (int)-n);
	else
		fuse_reply_buf(req, buf, (size_t)n);
	free(buf);
}

void ksim_fuse_chr_write(struct ksim_fuse_chr *c, fuse_req_t req, const char *data,
			 size_t size, off_t off, struct fuse_file_info *fi)
{
	ssize_t n = chr_rw(handle_of(fi), req, fi, off, (void *)data, size, true);

	if (n < 0)
		fuse_reply_err(req, (int)-n);
	else
		fuse_reply_write(req, (size_t)n);
}

void ksim_fuse_chr_ioctl(struct ksim_fuse_chr *c, fuse_req_t req, unsigned int cmd, void *arg,
			 struct fuse_file_info *fi, unsigned int flags, const void *in_buf,
			 size_t in_bufsz, size_t out_bufsz)
{
	struct chr_handle *h = handle_of(fi);
	size_t len = in_bufsz > out_bufsz ? in_bufsz : out_bufsz;
	struct chr_call call;
	uint64_t ubuf = 0;
	void *host = NULL, *out = NULL;
	long ret;
	int err;

	if (flags & FUSE_IOCTL_COMPAT) {
		/* A 32-bit caller's layouts would need the driver's compat_ioctl. */
		fuse_reply_err(req, ENOTTY);
		return;
	}
	err = call_begin(h, req, &call);
	if (err) {
		fuse_reply_err(req, -err);
		return;
	}
	if (len) {
		/* The argument's buffer, in the simulated process's memory. */
		out = malloc(len);
		ubuf = out ? ksim_user_mmap(call.cl->proc, len, KSIM_PROT_READ | KSIM_PROT_WRITE) : 0;
		host = ubuf ? ksim_user_host_ptr(call.cl->proc, ubuf, len) : NULL;
		if (!host) {
			if (ubuf)
				ksim_user_munmap(call.cl->proc, ubuf);
			call_end(h, req, &call);
			free(out);
			fuse_reply_err(req, ENOMEM);
			return;
		}
		if (in_bufsz)	/* _IOR: nothing comes in (in_buf is NULL) */
			memcpy(host, in_buf, in_bufsz);
		ret = ksim_sys_ioctl(call.cl->proc, call.cl->fd, cmd, ubuf);
		memcpy(out, host, len);
		ksim_user_munmap(call.cl->proc, ubuf);
	} else {
		ret = ksim_sys_ioctl(call.cl->proc, call.cl->fd, cmd, (unsigned long)arg);
	}
	/* Done with the request's interrupt hook before the reply frees it. */
	call_end(h, req, &call);
	if (ret < 0)
		fuse_reply_err(req, (int)-ret);
	else
		fuse_reply_ioctl(req, (int)ret, out, out_bufsz);
	free(out);
}

/* The poll waiter: sleeps in the driver until @h is ready, then tells the kernel. */
static void poll_waiter(void *arg)
{
	struct chr_handle *h = arg;
	struct ksim_pollfd pfd = { .fd = h->wcaller->fd, .events = h->wevents };
	int ret = ksim_sys_poll(h->wcaller->proc, &pfd, 1, -1);

	pthread_mutex_lock(&h->c->lock);
	if (ret > 0 && h->ph && !h->wstop)
		fuse_lowlevel_notify_poll(h->ph);
	if (h->ph)
		fuse_pollhandle_destroy(h->ph);
	h->ph = NULL;
	pthread_mutex_unlock(&h->c->lock);
	__atomic_store_n(&h->wdone, 1, __ATOMIC_RELEASE);
}

/* Notify @ph when @h gets one of @events; takes @ph. */
static void waiter_arm(struct chr_handle *h, struct fuse_pollhandle *ph, short events)
{
	struct ksim_fuse_chr *c = h->c;
	int err;

	pthread_mutex_lock(&c->lock);
	if (h->waiter && !__atomic_load_n(&h->wdone, __ATOMIC_ACQUIRE) && !h->wstop &&
	    h->wevents == events) {
		/* Already waiting for these: notify the newest handle. */
		if (h->ph)
			fuse_pollhandle_destroy(h->ph);
		h->ph = ph;
		pthread_mutex_unlock(&c->lock);
		return;
	}
	pthread_mutex_unlock(&c->lock);
	waiter_reap(h);
	h->wcaller = caller_get(h, &err);
	if (!h->wcaller) {
		fuse_pollhandle_destroy(ph);
		return;
	}
	pthread_mutex_lock(&c->lock);
	h->ph = ph;
	h->wevents = events;
	h->wstop = false;
	__atomic_store_n(&h->wdone, 0, __ATOMIC_RELEASE);
	err = ksim_host->task_create(&h->waiter, "fuse-poll", poll_waiter, h);
	if (err) {
		h->waiter = NULL;
		h->wcaller->busy = false;
		h->wcaller = NULL;
		h->ph = NULL;
		fuse_pollhandle_destroy(ph);
	}
	pthread_mutex_unlock(&c->lock);
}

void ksim_fuse_chr_poll(struct ksim_fuse_chr *c, fuse_req_t req, struct fuse_file_info *fi,
			struct fuse_pollhandle *ph)
{
	struct chr_handle *h = handle_of(fi);
	short events = fi->poll_events ? (short)fi->poll_events : POLLIN | POLLPRI | POLLOUT;
	struct ksim_pollfd pfd;
	struct chr_call call;
	int ret;

	pthread_mutex_lock(&h->poll_lock);
	ret = call_begin(h, req, &call);
	if (!ret) {
		pfd = (struct ksim_pollfd){ .fd = call.cl->fd, .events = events };
		ret = ksim_sys_poll(call.cl->proc, &pfd, 1, 0);
		call_end(h, req, &call);
	}
	if (ret < 0) {
		if (ph)
			fuse_pollhandle_destroy(ph);
		pthread_mutex_unlock(&h->poll_lock);
		fuse_reply_err(req, -ret);
		return;
	}
	/* Nothing the caller waits for: wake its poll() when there is. */
	if (ph && !ret)
		waiter_arm(h, ph, events);
	else if (ph)
		fuse_pollhandle_destroy(ph);
	pthread_mutex_unlock(&h->poll_lock);
	fuse_reply_poll(req, ret ? (unsigned int)pfd.revents : 0);
}

/* ---- life ---- */

struct ksim_fuse_chr *ksim_fuse_chr_new(uid_t uid, gid_t gid, const struct timespec *mtime)
{
	struct ksim_fuse_chr *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	pthread_mutex_init(&c->lock, NULL);
	c->uid = uid;
	c->gid = gid;
	c->mtime = *mtime;
	return c;
}

void ksim_fuse_chr_stop(struct ksim_fuse_chr *c)
{
	struct chr_handle *h;
	struct chr_caller *cl;
	int round, busy;

	if (!c)
		return;
	for (round = 0; round < 1000; round++) {
		busy = 0;
		pthread_mutex_lock(&c->lock);
		c->stopping = true;
		for (h = c->handles; h; h = h->next) {
			for (cl = h->callers; cl; cl = cl->next) {
				if (cl->busy && cl != h->wcaller) {
					ksim_proc_interrupt(cl->proc);
					busy++;
				}
			}
		}
		pthread_mutex_unlock(&c->lock);
		if (!busy)
			return;
		usleep(1000);
	}
}

void ksim_fuse_chr_free(struct ksim_fuse_chr *c)
{
	struct chr_handle *h;
	size_t i;

	if (!c)
		return;
	/* Files users left open when the connection went: close them as exit would. */
	while ((h = c->handles) != NULL) {
		c->handles = h->next;
		handle_close(h);
	}
	for (i = 0; i < c->nr_nodes; i++)
		free(c->nodes[i].path);
	free(c->nodes);
	pthread_mutex_destroy(&c->lock);
	free(c);
}
