// SPDX-License-Identifier: GPL-2.0
/*
 * tests/host/test_nvme_ns.c - nvme-model/ns.c: the backends (file through
 * io_uring with Flush and FUA, null, sparse RAM) and several namespaces of
 * different LBA formats on one controller.
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktest.h"
#include "nvme_host.h"

#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#else
#define RUNNING_ON_VALGRIND 0
#endif

/* Under a sanitizer or valgrind, their own shadow memory is resident too. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define RSS_MEANINGFUL	0
#else
#define RSS_MEANINGFUL	(!RUNNING_ON_VALGRIND)
#endif

TestSuite(nvme_ns, .init = ktest_boot, .fini = ktest_shutdown);
/* No fixture: the test boots a kernel in a child it then kills. */
TestSuite(nvme_ns_durable);

static struct nh h;

static void fill(void *p, size_t len, unsigned int seed)
{
	for (size_t i = 0; i < len; i++)
		((uint8_t *)p)[i] = (uint8_t)(i * 13 + seed);
}

static bool all_zero(const void *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (((const uint8_t *)p)[i])
			return false;
	return true;
}

static void set(struct ksim_nvme_config *cfg, const char *key, const char *value)
{
	char err[128];

	cr_assert_eq(ksim_nvme_config_set(cfg, key, value, err, sizeof(err)), 0, "%s", err);
}

/* Identify Namespace @nsid: size in blocks and the current format's block size. */
static void id_ns(uint32_t nsid, uint64_t *nsze, uint32_t *lba_size)
{
	struct nh_buf b;
	struct nh_sqe c = { .opc = 0x06, .nsid = nsid, .cdw10 = 0 };
	uint8_t *id, flbas;

	nh_alloc(&h, &b, 4096, KSIM_DMA_FROM_DEVICE);
	c.prp1 = b.iova;
	cr_assert_eq(nh_cmd(&h, 0, &c, NULL), 0, "Identify NS %u", nsid);
	id = b.ptr;
	memcpy(nsze, id, 8);
	flbas = id[26] & 0xf;
	/* LBA format n at 128 + 4n: MS (2), LBADS (1), RP (1). */
	*lba_size = 1u << id[128 + 4 * flbas + 2];
	nh_free(&h, &b);
}

/* ---- file backend: what Flush or FUA acknowledged survives a kill ---- */

#define DUR_FLUSHED_LBA	64
#define DUR_FUA_LBA	4096

/*
 * The child: boot, write a pattern and Flush, write another with FUA and no
 * Flush, send the statuses to the parent and die by SIGKILL with no
 * shutdown, no close, no destroy.
 */
static void durable_child(const char *path, int fd_out)
{
	struct ksim_nvme_config cfg;
	struct nh_buf b;
	int st[3];

	ktest_boot();
	nh_config(&cfg);
	set(&cfg, "ns1.backend", "file");
	set(&cfg, "ns1.path", path);
	set(&cfg, "ns1.size", "4M");
	nh_create(&h, &cfg);
	nh_enable(&h, 8);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, false), 0);
	nh_alloc(&h, &b, 16384, KSIM_DMA_BIDIRECTIONAL);
	fill(b.ptr, 8192, 1);
	st[0] = nh_rw(&h, 1, 0x01, DUR_FLUSHED_LBA, 16, &b, 0);
	st[1] = nh_flush(&h, 1, 1);
	fill((uint8_t *)b.ptr + 8192, 8192, 2);
	st[2] = nh_rw_ns(&h, 1, 1, 0x01, DUR_FUA_LBA, 16, 512, NH_FUA, &b, 8192);
	if (write(fd_out, st, sizeof(st)) != sizeof(st))
		_exit(3);
	kill(getpid(), SIGKILL);
	_exit(4);
}

Test(nvme_ns_durable, file_flush_and_fua_survive_kill)
{
	char path[] = "/tmp/ksim-nvme-durable-XXXXXX";
	uint8_t want[8192], got[8192];
	int fd, pfd[2], status, st[3] = { -1, -1, -1 };
	pid_t pid;

	fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	close(fd);
	cr_assert_eq(pipe(pfd), 0);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		close(pfd[0]);
		durable_child(path, pfd[1]);
	}
	close(pfd[1]);
	cr_assert_eq(read(pfd[0], st, sizeof(st)), (ssize_t)sizeof(st), "child died early");
	close(pfd[0]);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "status 0x%x", status);
	cr_assert_eq(st[0], 0, "write");
	cr_assert_eq(st[1], 0, "flush");
	cr_assert_eq(st[2], 0, "FUA write");

	fd = open(path, O_RDONLY);
	cr_assert_geq(fd, 0);
	fill(want, sizeof(want), 1);
	cr_assert_eq(pread(fd, got, sizeof(got), DUR_FLUSHED_LBA * 512), (ssize_t)sizeof(got));
	cr_assert_arr_eq(got, want, sizeof(got), "flushed data lost");
	fill(want, sizeof(want), 2);
	cr_assert_eq(pread(fd, got, sizeof(got), DUR_FUA_LBA * 512), (ssize_t)sizeof(got));
	cr_assert_arr_eq(got, want, sizeof(got), "FUA data lost");
	close(fd);
	unlink(path);
}

/* ---- null ---- */

Test(nvme_ns, null_backend_accepts_writes_reads_zeros)
{
	struct ksim_nvme_config cfg;
	struct nh_buf b;
	uint64_t nsze;
	uint32_t bs;

	nh_config(&cfg);
	set(&cfg, "ns1.backend", "null");
	set(&cfg, "ns1.size", "1T");
	nh_create(&h, &cfg);
	nh_enable(&h, 8);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);
	id_ns(1, &nsze, &bs);
	cr_assert_eq(nsze, (1ULL << 40) / 512);
	nh_alloc(&h, &b, 65536, KSIM_DMA_BIDIRECTIONAL);
	for (uint64_t lba = 0; lba + 128 <= nsze; lba += nsze / 7) {
		fill(b.ptr, 65536, (unsigned int)lba);
		cr_assert_eq(nh_rw(&h, 1, 0x01, lba, 128, &b, 0), 0, "write at %llu",
			     (unsigned long long)lba);
		cr_assert_eq(nh_rw(&h, 1, 0x02, lba, 128, &b, 0), 0);
		cr_assert(all_zero(b.ptr, 65536), "null read returned data at %llu",
			  (unsigned long long)lba);
	}
	cr_assert_eq(nh_flush(&h, 1, 1), 0);
	cr_assert_eq(ksim_nvme_ns_mem_bytes(h.ctrl, 1), 0, "the null backend keeps nothing");
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "nvme_write"), 7);
	cr_assert_eq(ksim_nvme_ub_total(h.ctrl), 0);
	nh_free(&h, &b);
	nh_destroy(&h);
}

/* ---- sparse RAM ---- */

Test(nvme_ns, sparse_ram_terabyte)
{
	static const uint64_t lbas[] = {
		0, 12345678, 1ULL << 30, (1ULL << 31) - 8,
	};
	struct ksim_nvme_config cfg;
	struct nh_buf b;
	uint64_t nsze, mem;
	uint32_t bs;

	nh_config(&cfg);
	set(&cfg, "ns1.size", "1T");
	nh_create(&h, &cfg);
	nh_enable(&h, 8);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);
	id_ns(1, &nsze, &bs);
	cr_assert_eq(nsze, 1ULL << 31);
	cr_assert_eq(bs, 512);
	cr_assert_eq(ksim_nvme_ns_mem_bytes(h.ctrl, 1), 0, "nothing written, nothing held");
	nh_alloc(&h, &b, 4096, KSIM_DMA_BIDIRECTIONAL);
	for (unsigned int i = 0; i < 4; i++) {
		fill(b.ptr, 4096, i + 10);
		cr_assert_eq(nh_rw(&h, 1, 0x01, lbas[i], 8, &b, 0), 0);
	}
	mem = ksim_nvme_ns_mem_bytes(h.ctrl, 1);
	/*
	 * Five 4 KiB pages (LBA 12345678 is not page-aligned: that write
	 * straddles two) and three 128-byte table nodes per place at most.
	 */
	cr_assert_gt(mem, 0);
	cr_assert_leq(mem, 5 * 4096 + 4 * 3 * 128, "%llu bytes for 16 KiB written",
		      (unsigned long long)mem);
	for (unsigned int i = 0; i < 4; i++) {
		uint8_t want[4096];

		memset(b.ptr, 0, 4096);
		cr_assert_eq(nh_rw(&h, 1, 0x02, lbas[i], 8, &b, 0), 0);
		fill(want, 4096, i + 10);
		cr_assert_arr_eq(b.ptr, want, 4096, "LBA %llu", (unsigned long long)lbas[i]);
	}
	/* Reading where nothing was written gives zeros and allocates nothing. */
	memset(b.ptr, 0xff, 4096);
	cr_assert_eq(nh_rw(&h, 1, 0x02, 1ULL << 29, 8, &b, 0), 0);
	cr_assert(all_zero(b.ptr, 4096));
	cr_assert_eq(ksim_nvme_ns_mem_bytes(h.ctrl, 1), mem);
	cr_assert_eq(ksim_nvme_ub_total(h.ctrl), 0);
	nh_free(&h, &b);
	nh_destroy(&h);
}

/* Resident set size of this process, in bytes (/proc/self/statm). */
static uint64_t rss_bytes(void)
{
	unsigned long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	cr_assert_not_null(f);
	cr_assert_eq(fscanf(f, "%lu %lu", &pages, &resident), 2);
	fclose(f);
	return (uint64_t)resident * (uint64_t)sysconf(_SC_PAGESIZE);
}

/*
 * The RAM store allocates 4 KiB at a time: a write costs one page plus
 * its table nodes, a second write into the same page costs nothing, and
 * random 4 KiB writes over a terabyte cost about 4 KiB each in the
 * model's count and in the process's resident memory.
 */
Test(nvme_ns, sparse_ram_allocates_4k_pages)
{
	enum { WRITES = 2048 };
	struct ksim_nvme_config cfg;
	struct nh_buf b;
	uint64_t mem, rss0, rss1, rng = 0x2545f4914f6cdd1dULL;

	nh_config(&cfg);
	set(&cfg, "ns1.size", "1T");
	nh_create(&h, &cfg);
	nh_enable(&h, 8);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);
	nh_alloc(&h, &b, 4096, KSIM_DMA_BIDIRECTIONAL);
	fill(b.ptr, 4096, 3);

	/* One sector: its page and one node per level. */
	cr_assert_eq(nh_rw(&h, 1, 0x01, 1000, 1, &b, 0), 0);
	cr_assert_eq(ksim_nvme_ns_mem_bytes(h.ctrl, 1), 4096 + 3 * 128);
	/* The other sectors of that page (LBAs 1000..1007 less the one written). */
	cr_assert_eq(nh_rw(&h, 1, 0x01, 1001, 7, &b, 0), 0);
	cr_assert_eq(ksim_nvme_ns_mem_bytes(h.ctrl, 1), 4096 + 3 * 128);
	/* The next page shares all its nodes. */
	cr_assert_eq(nh_rw(&h, 1, 0x01, 1008, 8, &b, 0), 0);
	cr_assert_eq(ksim_nvme_ns_mem_bytes(h.ctrl, 1), 2 * 4096 + 3 * 128);

	/* Random pages over the terabyte. */
	mem = ksim_nvme_ns_mem_bytes(h.ctrl, 1);
	rss0 = rss_bytes();
	for (unsigned int i = 0; i < WRITES; i++) {
		rng ^= rng << 13;
		rng ^= rng >> 7;
		rng ^= rng << 17;
		cr_assert_eq(nh_rw(&h, 1, 0x01, (rng % (1ULL << 28)) * 8, 8, &b, 0), 0);
	}
	rss1 = rss_bytes();
	mem = ksim_nvme_ns_mem_bytes(h.ctrl, 1) - mem;
	cr_assert_geq(mem, (uint64_t)WRITES * 4096);
	cr_assert_leq(mem, (uint64_t)WRITES * (4096 + 3 * 128), "%llu bytes for %d pages",
		      (unsigned long long)mem, WRITES);
	/* Resident memory: allocator overhead allowed, a 64 KiB chunk is not. */
	if (RSS_MEANINGFUL)
		cr_assert_leq(rss1 - rss0, (uint64_t)WRITES * 6144,
			      "RSS grew %llu bytes for %d pages",
			      (unsigned long long)(rss1 - rss0), WRITES);
	cr_assert_eq(ksim_nvme_ub_total(h.ctrl), 0);
	nh_free(&h, &b);
	nh_destroy(&h);
}

/* ---- several namespaces, 512 and 4096 ---- */

Test(nvme_ns, namespaces_with_512_and_4096_blocks)
{
	struct ksim_nvme_config cfg;
	struct nh_buf b;
	uint64_t nsze;
	uint32_t bs;
	uint8_t want[8192];

	nh_config(&cfg);
	set(&cfg, "ns1.size", "16M");
	set(&cfg, "ns1.lba_size", "512");
	set(&cfg, "ns2.size", "32M");
	set(&cfg, "ns2.lba_size", "4096");
	set(&cfg, "ns3.size", "8M");
	set(&cfg, "ns3.lba_size", "4096");
	set(&cfg, "ns3.backend", "null");
	nh_create(&h, &cfg);
	nh_enable(&h, 8);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);

	id_ns(1, &nsze, &bs);
	cr_assert_eq(bs, 512);
	cr_assert_eq(nsze, (16 << 20) / 512);
	id_ns(2, &nsze, &bs);
	cr_assert_eq(bs, 4096);
	cr_assert_eq(nsze, (32 << 20) / 4096);
	id_ns(3, &nsze, &bs);
	cr_assert_eq(bs, 4096);
	cr_assert_eq(nsze, (8 << 20) / 4096);

	nh_alloc(&h, &b, 16384, KSIM_DMA_BIDIRECTIONAL);
	/* Two 4 KiB blocks on ns2 at LBA 3 (byte 12288). */
	fill(b.ptr, 8192, 42);
	cr_assert_eq(nh_rw_ns(&h, 1, 2, 0x01, 3, 2, 4096, 0, &b, 0), 0);
	/* One 512-byte block on ns1 at LBA 3 (byte 1536): a different namespace. */
	fill(b.ptr, 512, 7);
	cr_assert_eq(nh_rw_ns(&h, 1, 1, 0x01, 3, 1, 512, 0, &b, 0), 0);

	/* A one-block read of ns2 moves exactly 4096 bytes. */
	memset(b.ptr, 0xee, 16384);
	cr_assert_eq(nh_rw_ns(&h, 1, 2, 0x02, 4, 1, 4096, 0, &b, 0), 0);
	fill(want, 8192, 42);
	cr_assert_arr_eq(b.ptr, want + 4096, 4096);
	cr_assert_eq(((uint8_t *)b.ptr)[4096], 0xee);
	/* A one-block read of ns1 moves exactly 512 bytes. */
	memset(b.ptr, 0xee, 16384);
	cr_assert_eq(nh_rw_ns(&h, 1, 1, 0x02, 3, 1, 512, 0, &b, 0), 0);
	fill(want, 512, 7);
	cr_assert_arr_eq(b.ptr, want, 512);
	cr_assert_eq(((uint8_t *)b.ptr)[512], 0xee);
	/* ns1 byte 12288 (LBA 24) was never written: ns2's data is not there. */
	cr_assert_eq(nh_rw_ns(&h, 1, 1, 0x02, 24, 8, 512, 0, &b, 0), 0);
	cr_assert(all_zero(b.ptr, 4096));

	/* Range checks in each namespace's own blocks. */
	cr_assert_eq(nh_rw_ns(&h, 1, 2, 0x02, 8191, 1, 4096, 0, &b, 0), 0);
	cr_assert_eq(nh_rw_ns(&h, 1, 2, 0x02, 8192, 1, 4096, 0, &b, 0), 0x80);
	cr_assert_eq(nh_rw_ns(&h, 1, 1, 0x02, 8192, 1, 512, 0, &b, 0), 0);
	/* ns3 is null: accepts the write, reads zeros. */
	fill(b.ptr, 4096, 9);
	cr_assert_eq(nh_rw_ns(&h, 1, 3, 0x01, 0, 1, 4096, 0, &b, 0), 0);
	cr_assert_eq(nh_rw_ns(&h, 1, 3, 0x02, 0, 1, 4096, 0, &b, 0), 0);
	cr_assert(all_zero(b.ptr, 4096));
	/* No namespace 4. */
	cr_assert_eq(nh_rw_ns(&h, 1, 4, 0x02, 0, 1, 512, 0, &b, 0), 0x0b);
	nh_free(&h, &b);
	nh_destroy(&h);
}
