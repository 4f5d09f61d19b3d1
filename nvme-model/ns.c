// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-model/ns.c - namespaces and their backing stores:
 *  - ram:  sparse; 64 KiB chunks allocated on first write, found through a
 *          two-level table; never-written blocks read as zeros.
 *  - file: a regular file through pread/pwrite (see below); Flush and
 *          FUA reach the disk (fdatasync, RWF_DSYNC).
 *  - null: reads return zeros, writes are dropped: for measuring the path.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/uio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nvme-model/nvme.h"

#define RAM_CHUNK_SHIFT		16
#define RAM_CHUNK		(1u << RAM_CHUNK_SHIFT)
#define RAM_LEAF_SHIFT		9		/* 512 chunks (32 MiB) per leaf */
#define RAM_LEAF		(1u << RAM_LEAF_SHIFT)

static const uint8_t nvme_zeros[RAM_CHUNK];

struct nvme_ns *nvme_ns_get(struct ksim_nvme_ctrl *ctrl, uint32_t nsid)
{
	if (nsid == 0 || nsid > ctrl->nr_ns)
		return NULL;
	return &ctrl->ns[nsid - 1];
}

/* ---- ram ---- */

struct ram_store {
	uint64_t nr_leaves;
	uint64_t mem_bytes;		/* chunks and leaves allocated (atomic) */
	uint8_t **leaves[];		/* leaves[i][j]: chunk i * RAM_LEAF + j */
};

/* The chunk holding byte @off; allocated (lock-free) when @alloc. */
static uint8_t *ram_chunk(struct ram_store *rs, uint64_t off, bool alloc)
{
	uint64_t c = off >> RAM_CHUNK_SHIFT;
	uint8_t ***leafp = &rs->leaves[c >> RAM_LEAF_SHIFT];
	uint8_t **leaf = __atomic_load_n(leafp, __ATOMIC_ACQUIRE), *chunk, *expect;

	if (!leaf) {
		uint8_t **fresh, **none = NULL;

		if (!alloc)
			return NULL;
		fresh = calloc(RAM_LEAF, sizeof(*fresh));
		if (!fresh)
			return NULL;
		if (__atomic_compare_exchange_n(leafp, &none, fresh, false,
						__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
			leaf = fresh;
			__atomic_add_fetch(&rs->mem_bytes, RAM_LEAF * sizeof(*fresh),
					   __ATOMIC_RELAXED);
		} else {
			free(fresh);
			leaf = none;
		}
	}
	chunk = __atomic_load_n(&leaf[c & (RAM_LEAF - 1)], __ATOMIC_ACQUIRE);
	if (chunk || !alloc)
		return chunk;
	chunk = calloc(1, RAM_CHUNK);
	if (!chunk)
		return NULL;
	expect = NULL;
	if (!__atomic_compare_exchange_n(&leaf[c & (RAM_LEAF - 1)], &expect, chunk, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		free(chunk);
		chunk = expect;
	} else {
		__atomic_add_fetch(&rs->mem_bytes, RAM_CHUNK, __ATOMIC_RELAXED);
	}
	return chunk;
}

static int ram_read(struct nvme_ns *ns, struct nvme_worker *w, void *buf, uint64_t off,
		    size_t len)
{
	uint8_t *dst = buf;

	while (len) {
		size_t in = off & (RAM_CHUNK - 1), n = RAM_CHUNK - in;
		uint8_t *chunk = ram_chunk(ns->priv, off, false);

		if (n > len)
			n = len;
		if (chunk)
			memcpy(dst, chunk + in, n);
		else
			memset(dst, 0, n);
		dst += n;
		off += n;
		len -= n;
	}
	return 0;
}

static int ram_write(struct nvme_ns *ns, struct nvme_worker *w, const void *buf,
		     uint64_t off, size_t len, bool fua)
{
	const uint8_t *src = buf;

	while (len) {
		size_t in = off & (RAM_CHUNK - 1), n = RAM_CHUNK - in;
		uint8_t *chunk = ram_chunk(ns->priv, off, true);

		if (!chunk)
			return -ENOMEM;
		if (n > len)
			n = len;
		memcpy(chunk + in, src, n);
		src += n;
		off += n;
		len -= n;
	}
	return 0;
}

/*
 * Zeroing never frees a chunk: another worker may be copying from it.
 * Chunks that were never written stay unallocated.
 */
static int ram_zero(struct nvme_ns *ns, struct nvme_worker *w, uint64_t off, uint64_t len,
		    bool deallocate)
{
	while (len) {
		size_t in = off & (RAM_CHUNK - 1), n = RAM_CHUNK - in;
		uint8_t *chunk = ram_chunk(ns->priv, off, false);

		if (n > len)
			n = len;
		if (chunk)
			memset(chunk + in, 0, n);
		off += n;
		len -= n;
	}
	return 0;
}

static int nop_flush(struct nvme_ns *ns, struct nvme_worker *w)
{
	return 0;
}

static void ram_destroy(struct nvme_ns *ns)
{
	struct ram_store *rs = ns->priv;

	for (uint64_t i = 0; i < rs->nr_leaves; i++) {
		if (!rs->leaves[i])
			continue;
		for (unsigned int j = 0; j < RAM_LEAF; j++)
			free(rs->leaves[i][j]);
		free(rs->leaves[i]);
	}
	free(rs);
}

static const struct nvme_ns_ops ram_ops = {
	.read = ram_read, .write = ram_write, .zero = ram_zero,
	.flush = nop_flush, .destroy = ram_destroy,
};

static int ram_init(struct nvme_ns *ns, uint64_t size)
{
	uint64_t chunks = (size + RAM_CHUNK - 1) >> RAM_CHUNK_SHIFT;
	uint64_t leaves = (chunks + RAM_LEAF - 1) >> RAM_LEAF_SHIFT;
	struct ram_store *rs = calloc(1, sizeof(*rs) + leaves * sizeof(rs->leaves[0]));

	if (!rs)
		return -ENOMEM;
	rs->nr_leaves = leaves;
	ns->priv = rs;
	ns->ops = &ram_ops;
	return 0;
}

/* ---- null ---- */

static int null_read(struct nvme_ns *ns, struct nvme_worker *w, void *buf, uint64_t off,
		     size_t len)
{
	memset(buf, 0, len);
	return 0;
}

static int null_write(struct nvme_ns *ns, struct nvme_worker *w, const void *buf,
		      uint64_t off, size_t len, bool fua)
{
	return 0;
}

static int null_zero(struct nvme_ns *ns, struct nvme_worker *w, uint64_t off, uint64_t len,
		     bool deallocate)
{
	return 0;
}

static void null_destroy(struct nvme_ns *ns)
{
}

static const struct nvme_ns_ops null_ops = {
	.read = null_read, .write = null_write, .zero = null_zero,
	.flush = nop_flush, .destroy = null_destroy,
};

/* ---- file ---- */

/*
 * Plain positional syscalls.  Each command waits for its own transfer
 * anyway, and buffered I/O through io_uring is punted to a kernel worker
 * thread on this kernel (tmpfs: ~23K/s against ~690K/s for pread): the
 * syscalls are faster, and they keep a deterministic run deterministic
 * (no completion arrives from another thread).
 */
struct file_store {
	int fd;
};

void nvme_worker_fini(struct nvme_worker *w)
{
}

enum file_op { FILE_READ, FILE_WRITE, FILE_FSYNC };

/* One operation, synchronously; short transfers are continued.  0 or -errno. */
static int file_io(struct nvme_ns *ns, struct nvme_worker *w, enum file_op op, void *buf,
		   uint64_t off, size_t len, bool dsync)
{
	struct file_store *fs = ns->priv;
	size_t done = 0;

	if (op == FILE_FSYNC)
		return fdatasync(fs->fd) ? -errno : 0;
	do {
		struct iovec iov = {
			.iov_base = (uint8_t *)buf + done,
			.iov_len = len - done,
		};
		ssize_t ret;

		if (op == FILE_READ)
			ret = preadv2(fs->fd, &iov, 1, (off_t)(off + done), 0);
		else
			ret = pwritev2(fs->fd, &iov, 1, (off_t)(off + done), dsync ? RWF_DSYNC : 0);
		if (ret < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (ret == 0) {
			if (op == FILE_WRITE)
				return -EIO;
			/* Reading past the end of a sparse file: zeros. */
			memset((uint8_t *)buf + done, 0, len - done);
			return 0;
		}
		done += (size_t)ret;
	} while (done < len);
	return 0;
}

static int file_read(struct nvme_ns *ns, struct nvme_worker *w, void *buf, uint64_t off,
		     size_t len)
{
	return file_io(ns, w, FILE_READ, buf, off, len, false);
}

static int file_write(struct nvme_ns *ns, struct nvme_worker *w, const void *buf,
		      uint64_t off, size_t len, bool fua)
{
	return file_io(ns, w, FILE_WRITE, (void *)buf, off, len, fua);
}

static int file_zero(struct nvme_ns *ns, struct nvme_worker *w, uint64_t off, uint64_t len,
		     bool deallocate)
{
	while (len) {
		size_t n = len < sizeof(nvme_zeros) ? len : sizeof(nvme_zeros);
		int ret = file_io(ns, w, FILE_WRITE, (void *)nvme_zeros, off, n, false);

		if (ret)
			return ret;
		off += n;
		len -= n;
	}
	return 0;
}

static int file_flush(struct nvme_ns *ns, struct nvme_worker *w)
{
	return file_io(ns, w, FILE_FSYNC, NULL, 0, 0, false);
}

static void file_destroy(struct nvme_ns *ns)
{
	struct file_store *fs = ns->priv;

	close(fs->fd);
	free(fs);
}

static const struct nvme_ns_ops file_ops = {
	.read = file_read, .write = file_write, .zero = file_zero,
	.flush = file_flush, .destroy = file_destroy,
};

static int file_init(struct ksim_nvme_ctrl *ctrl, struct nvme_ns *ns,
		     const struct ksim_nvme_ns_config *cfg)
{
	struct file_store *fs;
	struct stat st;
	int fd;

	if (!cfg->path[0]) {
		nvme_log(ctrl, "namespace %u: file backend without a path", ns->nsid);
		return -EINVAL;
	}
	/*
	 * Never through a symlink (one planted at the path would make us
	 * extend or overwrite its target), and private to the owner when new.
	 */
	fd = open(cfg->path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		int err = -errno;

		nvme_log(ctrl, "namespace %u: cannot open %s: %s%s", ns->nsid, cfg->path,
			 strerror(-err), err == -ELOOP ? " (a symlink: name its target instead)" : "");
		return err;
	}
	if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) {
		nvme_log(ctrl, "namespace %u: %s is not a regular file or block device",
			 ns->nsid, cfg->path);
		close(fd);
		return -EINVAL;
	}
	if (fstat(fd, &st) || (S_ISREG(st.st_mode) && (uint64_t)st.st_size < cfg->size &&
			       ftruncate(fd, (off_t)cfg->size))) {
		int err = -errno;

		nvme_log(ctrl, "namespace %u: cannot size %s: %s", ns->nsid, cfg->path,
			 strerror(-err));
		close(fd);
		return err;
	}
	fs = calloc(1, sizeof(*fs));
	if (!fs) {
		close(fd);
		return -ENOMEM;
	}
	fs->fd = fd;
	ns->priv = fs;
	ns->ops = &file_ops;
	return 0;
}

/* ---- namespaces ---- */

int nvme_ns_init(struct ksim_nvme_ctrl *ctrl, struct nvme_ns *ns, uint32_t nsid,
		 const struct ksim_nvme_ns_config *cfg)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a of name and nsid: stable ids */
	unsigned int shift = __builtin_ctz(cfg->lba_size ? cfg->lba_size : 1);

	if (cfg->lba_size < 512 || cfg->lba_size > 4096 || (cfg->lba_size & (cfg->lba_size - 1)) ||
	    !cfg->size || (cfg->size & (cfg->lba_size - 1))) {
		nvme_log(ctrl, "namespace %u: size %llu / LBA size %u invalid", nsid,
			 (unsigned long long)cfg->size, cfg->lba_size);
		return -EINVAL;
	}
	memset(ns, 0, sizeof(*ns));
	ns->nsid = nsid;
	ns->lba_shift = shift;
	ns->flbas = shift - 9;
	ns->nlbas = cfg->size >> shift;
	ns->backend = cfg->backend;
	for (const char *p = ctrl->name; *p; p++)
		h = (h ^ (uint8_t)*p) * 0x100000001b3ULL;
	h = (h ^ nsid) * 0x100000001b3ULL;
	for (int i = 0; i < 8; i++) {
		ns->eui64[i] = h >> (8 * i);
		ns->nguid[i] = ns->nguid[8 + i] = ns->uuid[i] = h >> (8 * (7 - i));
		ns->uuid[8 + i] = ~ns->eui64[i];
	}
	ns->uuid[6] = (ns->uuid[6] & 0x0f) | 0x40;	/* version 4 */
	ns->uuid[8] = (ns->uuid[8] & 0x3f) | 0x80;	/* RFC 4122 variant */
	switch (cfg->backend) {
	case KSIM_NVME_BACKEND_RAM:
		return ram_init(ns, cfg->size);
	case KSIM_NVME_BACKEND_FILE:
		return file_init(ctrl, ns, cfg);
	default:
		ns->ops = &null_ops;
		return 0;
	}
}

uint64_t ksim_nvme_ns_mem_bytes(struct ksim_nvme_ctrl *ctrl, uint32_t nsid)
{
	struct nvme_ns *ns = nvme_ns_get(ctrl, nsid);
	struct ram_store *rs;

	if (!ns || ns->backend != KSIM_NVME_BACKEND_RAM)
		return 0;
	rs = ns->priv;
	return __atomic_load_n(&rs->mem_bytes, __ATOMIC_RELAXED);
}

void nvme_ns_fini(struct nvme_ns *ns)
{
	if (ns->ops)
		ns->ops->destroy(ns);
	ns->ops = NULL;
}
