// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-model/ns.c - namespaces and their backing stores:
 *  - ram:  sparse; 4 KiB pages allocated on first write, found through a
 *          radix tree; never-written blocks read as zeros.
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

/*
 * The RAM store is a radix tree of 4 KiB pages, so a first write costs one
 * page of memory plus at most RAM_LEVELS small table nodes: a sparse
 * terabyte written at random holds about 4 KiB per write.  Nodes have 16
 * slots (128 bytes) and RAM_LEVELS of them sit under each slot of a flat
 * top table, which covers 16 MiB per slot (512 KiB of mostly untouched
 * virtual memory for a terabyte).
 *
 * Pages are carved, in the order they are first written, out of 2 MiB
 * chunks that are their own huge-page mappings (ksim_host_map_zeroed()):
 * a read of a random page then costs no TLB miss of its own, which on
 * 4 KiB pages scattered over the heap was a third of a 4 KiB read's CPU.
 * Filled in write order, a chunk's resident memory still grows about a
 * page per page written (plus one chunk at most).  Where the memory tools
 * watch the heap (or THP mappings fail) each page is its own calloc.
 * Pages are never freed before the namespace is.
 */
#define RAM_PAGE_SHIFT		12
#define RAM_PAGE		(1u << RAM_PAGE_SHIFT)
#define RAM_NODE_SHIFT		4
#define RAM_NODE		(1u << RAM_NODE_SHIFT)
#define RAM_LEVELS		3
#define RAM_TOP_SHIFT		(RAM_PAGE_SHIFT + RAM_NODE_SHIFT * RAM_LEVELS)

/* The file backend's source for Write Zeroes. */
static const uint8_t nvme_zeros[1u << 16];

struct nvme_ns *nvme_ns_get(struct ksim_nvme_ctrl *ctrl, uint32_t nsid)
{
	if (nsid == 0 || nsid > ctrl->nr_ns)
		return NULL;
	return &ctrl->ns[nsid - 1];
}

/* ---- ram ---- */

#define RAM_CHUNK		(2u << 20)

struct ram_chunk {
	struct ram_chunk *next;
	uint8_t *base;
};

struct ram_store {
	uint64_t nr_top;
	uint64_t mem_bytes;		/* pages and nodes allocated (atomic) */
	/* The chunk pages are carved from (under chunk_lock). */
	struct nvme_lock chunk_lock;
	struct ram_chunk *chunks;	/* newest first */
	size_t chunk_used;		/* bytes of chunks->base handed out */
	bool no_chunks;			/* mapping refused: calloc each page */
	void *top[];			/* each: a node of the highest level */
};

/* A zeroed page for the store: from the current chunk, or calloc. */
static void *ram_page_alloc(struct ram_store *rs)
{
	struct ram_chunk *c;
	void *p = NULL;

	nvme_lock(&rs->chunk_lock);
	if (!rs->no_chunks && (!rs->chunks || rs->chunk_used == RAM_CHUNK)) {
		c = malloc(sizeof(*c));
		if (c)
			c->base = ksim_host_map_zeroed(RAM_CHUNK, RAM_CHUNK);
		if (c && c->base) {
			c->next = rs->chunks;
			rs->chunks = c;
			rs->chunk_used = 0;
		} else {
			free(c);
			rs->no_chunks = true;
		}
	}
	if (!rs->no_chunks) {
		p = rs->chunks->base + rs->chunk_used;
		rs->chunk_used += RAM_PAGE;
	}
	nvme_unlock(&rs->chunk_lock);
	return p ? p : calloc(1, RAM_PAGE);
}

/* Whether @page came from a chunk (the list grows under chunk_lock). */
static bool ram_page_in_chunk(struct ram_store *rs, const void *page)
{
	bool found = false;

	nvme_lock(&rs->chunk_lock);
	for (struct ram_chunk *c = rs->chunks; c && !found; c = c->next)
		found = (const uint8_t *)page >= c->base &&
			(const uint8_t *)page < c->base + RAM_CHUNK;
	nvme_unlock(&rs->chunk_lock);
	return found;
}

/*
 * What @slot points to (a node or a page of @size bytes), allocated and
 * installed lock-free when @alloc and empty: racing writers keep the
 * first one installed.
 */
static void *ram_slot(struct ram_store *rs, void **slot, size_t size, bool alloc)
{
	void *p = __atomic_load_n(slot, __ATOMIC_ACQUIRE), *none = NULL;

	if (p || !alloc)
		return p;
	p = size == RAM_PAGE ? ram_page_alloc(rs) : calloc(1, size);
	if (!p)
		return NULL;
	if (!__atomic_compare_exchange_n(slot, &none, p, false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE)) {
		/* A racing writer's page won; a chunk's page just stays unused. */
		if (size != RAM_PAGE || !ram_page_in_chunk(rs, p))
			free(p);
		return none;
	}
	__atomic_add_fetch(&rs->mem_bytes, size, __ATOMIC_RELAXED);
	return p;
}

/* The page holding byte @off; allocated (with its nodes) when @alloc. */
static uint8_t *ram_page(struct ram_store *rs, uint64_t off, bool alloc)
{
	uint64_t pg = off >> RAM_PAGE_SHIFT;
	void **slot = &rs->top[off >> RAM_TOP_SHIFT];

	for (int level = RAM_LEVELS - 1; level >= 0; level--) {
		void **node = ram_slot(rs, slot, RAM_NODE * sizeof(void *), alloc);

		if (!node)
			return NULL;
		slot = &node[(pg >> (RAM_NODE_SHIFT * level)) & (RAM_NODE - 1)];
	}
	return ram_slot(rs, slot, RAM_PAGE, alloc);
}

static int ram_read(struct nvme_ns *ns, struct nvme_worker *w, void *buf, uint64_t off,
		    size_t len)
{
	uint8_t *dst = buf;

	while (len) {
		size_t in = off & (RAM_PAGE - 1), n = RAM_PAGE - in;
		uint8_t *page = ram_page(ns->priv, off, false);

		if (n > len)
			n = len;
		if (page)
			memcpy(dst, page + in, n);
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
		size_t in = off & (RAM_PAGE - 1), n = RAM_PAGE - in;
		uint8_t *page = ram_page(ns->priv, off, true);

		if (!page)
			return -ENOMEM;
		if (n > len)
			n = len;
		memcpy(page + in, src, n);
		src += n;
		off += n;
		len -= n;
	}
	return 0;
}

/*
 * Zeroing never frees a page: another worker may be copying from it.
 * Pages that were never written stay unallocated.
 */
static int ram_zero(struct nvme_ns *ns, struct nvme_worker *w, uint64_t off, uint64_t len,
		    bool deallocate)
{
	while (len) {
		size_t in = off & (RAM_PAGE - 1), n = RAM_PAGE - in;
		uint8_t *page = ram_page(ns->priv, off, false);

		if (n > len)
			n = len;
		if (page)
			memset(page + in, 0, n);
		off += n;
		len -= n;
	}
	return 0;
}

static int nop_flush(struct nvme_ns *ns, struct nvme_worker *w)
{
	return 0;
}

/* Free a node of @level (0: its slots hold pages) and all below it. */
static void ram_free_node(struct ram_store *rs, void **node, int level)
{
	if (!node)
		return;
	for (unsigned int i = 0; i < RAM_NODE; i++) {
		if (level)
			ram_free_node(rs, node[i], level - 1);
		else if (rs->no_chunks && node[i] && !ram_page_in_chunk(rs, node[i]))
			free(node[i]);	/* a calloc'd page (chunks went first) */
	}
	free(node);
}

static void ram_destroy(struct nvme_ns *ns)
{
	struct ram_store *rs = ns->priv;
	struct ram_chunk *c;

	for (uint64_t i = 0; i < rs->nr_top; i++)
		ram_free_node(rs, rs->top[i], RAM_LEVELS - 1);
	while ((c = rs->chunks)) {
		rs->chunks = c->next;
		ksim_host_unmap(c->base, RAM_CHUNK);
		free(c);
	}
	free(rs);
}

static const struct nvme_ns_ops ram_ops = {
	.read = ram_read, .write = ram_write, .zero = ram_zero,
	.flush = nop_flush, .destroy = ram_destroy, .direct_read = true,
};

static int ram_init(struct nvme_ns *ns, uint64_t size)
{
	uint64_t top = (size + (1ULL << RAM_TOP_SHIFT) - 1) >> RAM_TOP_SHIFT;
	struct ram_store *rs = calloc(1, sizeof(*rs) + top * sizeof(rs->top[0]));

	if (!rs)
		return -ENOMEM;
	rs->nr_top = top;
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
	.flush = nop_flush, .destroy = null_destroy, .direct_read = true,
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
