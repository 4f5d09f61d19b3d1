// SPDX-License-Identifier: GPL-2.0
/*
 * tests/host/test_nvme_driver.c - the NVMe host driver (drivers/nvme/host,
 * nvme-core.ko + nvme.ko) against the emulated controller, on its error
 * paths: an NVMe status reaching the submitter as the right errno, retries,
 * timeout -> Abort, Abort timeout -> reset, controller fatal status ->
 * reset, surprise removal, reset under load without losing an acknowledged
 * write, allocation failure at every allocation of probe, and Flush/FUA
 * reaching a file-backed namespace.
 *
 * Each test boots a fresh kernel (ktest), creates "nvme0", loads the two
 * modules, and unloads and destroys everything at the end: ktest_shutdown
 * then fails the test on any report (leak, live DMA mapping, live IRQ).
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ktest.h"
#include "ksim/blkdev.h"
#include "ksim/failslab.h"
#include "nvme-model/ksim_nvme.h"
#include "sim/job.h"
#include "sim/loader.h"

TestSuite(nvme_driver, .init = ktest_boot, .fini = ktest_shutdown, .timeout = 120);

struct drv {
	struct ksim_nvme_ctrl *ctrl;
	struct ksim_loaded_module *core, *pci;
	struct ksim_bdev *bdev;
};

static void mod_path(char *buf, size_t len, const char *name)
{
	const char *tree = getenv("KSIM_OBJTREE");

	snprintf(buf, len, "%s/drivers/nvme/host/%s", tree && *tree ? tree : ".", name);
}

static void load(struct drv *d, const char *core_arg, const char *pci_arg)
{
	struct ksim_module_arg ca = { .text = core_arg, .origin = "test" };
	struct ksim_module_arg pa = { .text = pci_arg, .origin = "test" };
	char path[512], err[256];
	int ret;

	mod_path(path, sizeof(path), "nvme-core.ko");
	ret = ksim_insmod(path, &ca, core_arg ? 1 : 0, &d->core, err, sizeof(err));
	cr_assert_eq(ret, 0, "insmod %s: %d %s", path, ret, err);
	mod_path(path, sizeof(path), "nvme.ko");
	ret = ksim_insmod(path, &pa, pci_arg ? 1 : 0, &d->pci, err, sizeof(err));
	cr_assert_eq(ret, 0, "insmod %s: %d %s", path, ret, err);
}

static void cfg_default(struct ksim_nvme_config *cfg)
{
	ksim_nvme_config_init(cfg);
	cr_assert_eq(ksim_nvme_config_set(cfg, "queues", "2", NULL, 0), 0);
	cr_assert_eq(ksim_nvme_config_set(cfg, "ns1.size", "16M", NULL, 0), 0);
}

/* Controller first, then the modules (probe runs in the driver's init). */
static void up_cfg(struct drv *d, const struct ksim_nvme_config *cfg, const char *core_arg)
{
	memset(d, 0, sizeof(*d));
	cr_assert_eq(ksim_nvme_create("nvme0", cfg, &d->ctrl), 0);
	load(d, core_arg, NULL);
	d->bdev = ksim_bdev_open("nvme0n1");
	cr_assert_not_null(d->bdev, "nvme0n1 registered");
}

static void up(struct drv *d, const char *core_arg)
{
	struct ksim_nvme_config cfg;

	cfg_default(&cfg);
	up_cfg(d, &cfg, core_arg);
}

/*
 * kapi-shim/block/bdev.c's ksim_io_put() touches the gendisk just after
 * the submitter's done callback has woken it: removing the disk at once
 * can free it under the completing interrupt handler.  Give the handler
 * time to return until bdev.c holds a disk reference across that.
 */
static void let_completions_return(void)
{
	ktest_sleep_ms(50);
}

static void down(struct drv *d)
{
	let_completions_return();
	if (d->bdev)
		ksim_bdev_close(d->bdev);
	ksim_rmmod(d->pci);
	ksim_rmmod(d->core);
	ksim_nvme_destroy(d->ctrl);
	cr_assert_eq(ksim_report_total(), 0, "no report (leak, DMA mapping, IRQ)");
}

static void *buf_alloc(size_t len)
{
	void *p = NULL;

	cr_assert_eq(posix_memalign(&p, 4096, len), 0);
	return p;
}

static void fill(void *buf, size_t len, unsigned int seed)
{
	unsigned char *p = buf;

	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)(seed * 131 + i * 7 + (i >> 9));
}

static unsigned long ev(struct drv *d, const char *name)
{
	return ksim_nvme_event_count(d->ctrl, name);
}

/* Reads the model received: executed ones plus those a fault rule ate. */
static unsigned long read_attempts(struct drv *d)
{
	return ev(d, "nvme_read") + ev(d, "nvme_fault_injected");
}

/*
 * (1) Unrecovered Read Error with DNR on the 5th read: that read fails
 * with -ENODATA (BLK_STS_MEDIUM), is not retried, and is logged with the
 * kernel's wording; the reads around it succeed with the right data.
 */
Test(nvme_driver, read_error_dnr_fails_with_enodata)
{
	struct drv d;
	void *w = buf_alloc(4096), *r = buf_alloc(4096);
	unsigned long reads;

	up(&d, NULL);
	fill(w, 4096, 1);
	cr_assert_eq(ksim_bdev_write(d.bdev, 64, w, 4096, 0), 0);
	cr_assert_eq(ksim_nvme_inject(d.ctrl, "read:nth=5:sc=0x281:dnr", NULL, 0), 0);
	reads = read_attempts(&d);
	for (int i = 1; i <= 6; i++) {
		memset(r, 0, 4096);
		int ret = ksim_bdev_read(d.bdev, 64, r, 4096);

		cr_assert_eq(ret, i == 5 ? -ENODATA : 0, "read %d: %d", i, ret);
		if (i != 5)
			cr_assert_eq(memcmp(r, w, 4096), 0, "read %d data", i);
	}
	cr_assert_eq(read_attempts(&d) - reads, 6, "DNR: not retried");
	cr_assert(ksim_dmesg_contains("nvme0n1: Read(0x2) @ LBA 64, 8 blocks, "
				      "Unrecovered Read Error (sct 0x2 / sc 0x81) DNR"));
	down(&d);
	free(w);
	free(r);
}

/* (1) A one-shot error without DNR is retried and the read succeeds. */
Test(nvme_driver, non_dnr_error_is_retried)
{
	struct drv d;
	void *w = buf_alloc(8192), *r = buf_alloc(8192);
	unsigned long reads;

	up(&d, NULL);
	fill(w, 8192, 2);
	cr_assert_eq(ksim_bdev_write(d.bdev, 0, w, 8192, 0), 0);
	cr_assert_eq(ksim_nvme_inject(d.ctrl, "read:nth=1:sc=0x6", NULL, 0), 0);
	reads = read_attempts(&d);
	cr_assert_eq(ksim_bdev_read(d.bdev, 0, r, 8192), 0);
	cr_assert_eq(memcmp(r, w, 8192), 0);
	cr_assert_eq(read_attempts(&d) - reads, 2, "one retry");
	cr_assert_eq(ev(&d, "nvme_fault_injected"), 1);
	cr_assert(!ksim_dmesg_contains("Internal Error"), "a retried error is not logged");
	down(&d);
	free(w);
	free(r);
}

/* (1) A persistent error without DNR: max_retries retries, then -EIO. */
Test(nvme_driver, persistent_error_fails_after_max_retries)
{
	struct drv d;
	void *r = buf_alloc(4096);
	unsigned long reads;

	up(&d, "max_retries=3");
	cr_assert_eq(ksim_nvme_inject(d.ctrl, "read:sc=0x6", NULL, 0), 0);
	reads = read_attempts(&d);
	cr_assert_eq(ksim_bdev_read(d.bdev, 8, r, 4096), -EIO);
	cr_assert_eq(read_attempts(&d) - reads, 4, "first try + 3 retries");
	cr_assert(ksim_dmesg_contains("nvme0n1: Read(0x2) @ LBA 8, 8 blocks, "
				      "Internal Error (sct 0x0 / sc 0x6)"));
	down(&d);
	free(r);
}

/*
 * (2) A dropped completion: the request times out (io_timeout=1), the
 * driver sends Abort, the model aborts the command, the request is retried
 * and completes with the right data; later I/O works.
 */
Test(nvme_driver, timeout_sends_abort_then_retries)
{
	struct drv d;
	void *w = buf_alloc(4096), *r = buf_alloc(4096);

	up(&d, "io_timeout=1");
	fill(w, 4096, 3);
	cr_assert_eq(ksim_bdev_write(d.bdev, 128, w, 4096, 0), 0);
	cr_assert_eq(ksim_nvme_inject(d.ctrl, "read:nth=1:drop", NULL, 0), 0);
	cr_assert_eq(ksim_bdev_read(d.bdev, 128, r, 4096), 0);
	cr_assert_eq(memcmp(r, w, 4096), 0);
	cr_assert(ksim_dmesg_contains("QID 1 timeout, aborting"));
	cr_assert_eq(ev(&d, "nvme_abort_hit"), 1, "the Abort found the command");
	cr_assert(!ksim_dmesg_contains("reset controller"), "no reset needed");
	cr_assert_eq(ev(&d, "nvme_enable"), 1);
	memset(r, 0, 4096);
	cr_assert_eq(ksim_bdev_read(d.bdev, 128, r, 4096), 0);
	cr_assert_eq(memcmp(r, w, 4096), 0);
	down(&d);
	free(w);
	free(r);
}

/*
 * (3) A dropped completion whose Abort is dropped too: the second timeout
 * resets the controller; the request is requeued and completes after the
 * reset; later I/O works.
 */
Test(nvme_driver, abort_timeout_resets_controller)
{
	struct drv d;
	void *w = buf_alloc(4096), *r = buf_alloc(4096);

	up(&d, "io_timeout=1");
	fill(w, 4096, 4);
	cr_assert_eq(ksim_bdev_write(d.bdev, 256, w, 4096, 0), 0);
	cr_assert_eq(ksim_nvme_inject(d.ctrl, "read:nth=1:drop", NULL, 0), 0);
	cr_assert_eq(ksim_nvme_inject(d.ctrl, "admin_opc=0x08:drop", NULL, 0), 0);
	cr_assert_eq(ksim_bdev_read(d.bdev, 256, r, 4096), 0);
	cr_assert_eq(memcmp(r, w, 4096), 0);
	cr_assert(ksim_dmesg_contains("timeout, aborting"));
	cr_assert(ksim_dmesg_contains("timeout, reset controller"));
	/* logged just after the requests restart */
	cr_assert(ktest_wait_for(ksim_dmesg_contains("nvme nvme0: controller reset complete"),
				 5000));
	cr_assert_eq(ev(&d, "nvme_enable"), 2, "enabled again by the reset");
	fill(w, 4096, 5);
	cr_assert_eq(ksim_bdev_write(d.bdev, 256, w, 4096, 0), 0);
	cr_assert_eq(ksim_bdev_read(d.bdev, 256, r, 4096), 0);
	cr_assert_eq(memcmp(r, w, 4096), 0);
	down(&d);
	free(w);
	free(r);
}

#define NR_ASYNC	32

struct async {
	struct ksim_bio_req req[NR_ASYNC];
	int error[NR_ASYNC];
	int done;
};

static void async_done(struct ksim_bio_req *req, int error)
{
	struct async *a = req->private;

	a->error[req - a->req] = error;
	__atomic_add_fetch(&a->done, 1, __ATOMIC_RELEASE);
}

static void async_submit(struct drv *d, struct async *a, unsigned int op, void *buf)
{
	memset(a, 0, sizeof(*a));
	for (int i = 0; i < NR_ASYNC; i++) {
		a->req[i] = (struct ksim_bio_req){
			.op = op, .sector = (uint64_t)i * 8,
			.buf = (char *)buf + i * 4096, .len = 4096,
			.done = async_done, .private = a,
		};
		cr_assert_eq(ksim_bdev_submit(d->bdev, &a->req[i]), 0);
	}
}

static bool async_all_done(struct async *a)
{
	return __atomic_load_n(&a->done, __ATOMIC_ACQUIRE) == NR_ASYNC;
}

/*
 * (4) CSTS.CFS while writes are outstanding: the timeout sees it, the
 * controller is reset, every outstanding write is requeued and completes
 * successfully, and reads back.
 */
Test(nvme_driver, fatal_status_during_io_resets_and_recovers)
{
	struct drv d;
	struct async *a = calloc(1, sizeof(*a));
	size_t len = NR_ASYNC * 4096;
	void *w = buf_alloc(len), *r = buf_alloc(len);

	up(&d, "io_timeout=1");
	fill(w, len, 6);
	/*
	 * The model holds the first 31 writes and fails on the 32nd, so no
	 * doorbell is written after CSTS.CFS (the model counts that as misuse).
	 */
	cr_assert_eq(ksim_nvme_inject(d.ctrl, "write:count=31:drop", NULL, 0), 0);
	cr_assert_eq(ksim_nvme_inject(d.ctrl, "write:nth=1:fatal", NULL, 0), 0);
	async_submit(&d, a, KSIM_BIO_WRITE, w);
	cr_assert(ktest_wait_for(async_all_done(a), 30000), "writes completed");
	for (int i = 0; i < NR_ASYNC; i++)
		cr_assert_eq(a->error[i], 0, "write %d: %d", i, a->error[i]);
	cr_assert(ksim_dmesg_contains("controller is down; will reset: CSTS=0x3"));
	/* logged just after the requests restart */
	cr_assert(ktest_wait_for(ksim_dmesg_contains("nvme nvme0: controller reset complete"),
				 5000));
	cr_assert_eq(ksim_bdev_read(d.bdev, 0, r, len), 0);
	cr_assert_eq(memcmp(r, w, len), 0, "every acknowledged write is there");
	down(&d);
	free(a);
	free(w);
	free(r);
}

/*
 * (4) The same with ksim_nvme_inject_fatal() from outside, while the model
 * holds all 32 writes.
 */
Test(nvme_driver, injected_fatal_during_io_recovers)
{
	struct drv d;
	struct async *a = calloc(1, sizeof(*a));
	size_t len = NR_ASYNC * 4096;
	void *w = buf_alloc(len), *r = buf_alloc(len);

	up(&d, "io_timeout=1");
	fill(w, len, 7);
	cr_assert_eq(ksim_nvme_inject(d.ctrl, "write:count=32:drop", NULL, 0), 0);
	async_submit(&d, a, KSIM_BIO_WRITE, w);
	cr_assert(ktest_wait_for(ev(&d, "nvme_fault_injected") == NR_ASYNC, 10000));
	ksim_nvme_inject_fatal(d.ctrl);
	cr_assert(ktest_wait_for(async_all_done(a), 30000), "writes completed");
	for (int i = 0; i < NR_ASYNC; i++)
		cr_assert_eq(a->error[i], 0, "write %d: %d", i, a->error[i]);
	cr_assert_eq(ev(&d, "nvme_fatal"), 1);
	cr_assert(ksim_dmesg_contains("controller is down; will reset: CSTS=0x3"));
	cr_assert(ktest_wait_for(ksim_dmesg_contains("nvme nvme0: controller reset complete"),
				 5000));
	cr_assert_eq(ksim_bdev_read(d.bdev, 0, r, len), 0);
	cr_assert_eq(memcmp(r, w, len), 0);
	down(&d);
	free(a);
	free(w);
	free(r);
}

/*
 * (5) Surprise removal with reads outstanding: each fails with -EIO or
 * -ENODEV within the timeout, new I/O fails, and unloading afterwards is
 * clean (down() and ktest_shutdown check: no leak, mapping or IRQ left).
 */
Test(nvme_driver, surprise_removal_fails_outstanding_io)
{
	struct drv d;
	struct async *a = calloc(1, sizeof(*a));
	size_t len = NR_ASYNC * 4096;
	void *r = buf_alloc(len);
	int ret;

	up(&d, "io_timeout=1");
	/* the model holds every read (as a dead device would) */
	cr_assert_eq(ksim_nvme_inject(d.ctrl, "read:drop", NULL, 0), 0);
	async_submit(&d, a, KSIM_BIO_READ, r);
	ksim_nvme_inject_surprise_removal(d.ctrl);
	cr_assert(ktest_wait_for(async_all_done(a), 30000), "no hang");
	for (int i = 0; i < NR_ASYNC; i++)
		cr_assert(a->error[i] == -EIO || a->error[i] == -ENODEV,
			  "read %d: %d", i, a->error[i]);
	ret = ksim_bdev_read(d.bdev, 0, r, 4096);
	cr_assert(ret == -EIO || ret == -ENODEV, "new I/O fails: %d", ret);
	cr_assert_eq(ev(&d, "nvme_surprise_removal"), 1);
	down(&d);
	free(a);
	free(r);
}

/*
 * Latency percentiles come from a log-linear histogram whose buckets are
 * named by their lower bound: they must still fall within [min, max] of
 * what was measured (one latency of 230.3 us once printed p50 229.4).
 */
Test(nvme_driver, job_percentiles_stay_within_min_and_max)
{
	struct ksim_job_dir_stats *st = calloc(1, sizeof(*st));
	uint64_t p;

	ksim_job_lat_add(st, 230300);
	st->ios = 1;
	cr_assert_eq(ksim_job_percentile(st, 50), 230300);
	cr_assert_eq(ksim_job_percentile(st, 99.9), 230300);

	ksim_job_lat_add(st, 1000);
	ksim_job_lat_add(st, 5000000);
	st->ios = 3;
	p = ksim_job_percentile(st, 50);
	cr_assert(p >= 1000 && p <= 5000000, "p50 %llu", (unsigned long long)p);
	cr_assert_leq(ksim_job_percentile(st, 50), 230300, "p50 is the middle value's bucket");
	cr_assert_eq(ksim_job_percentile(st, 1), 1000);
	cr_assert_eq(ksim_job_percentile(st, 100), 5000000);
	free(st);
}

static void job_spec(struct ksim_job_spec *spec, const char *const *kv)
{
	char err[128];

	ksim_job_spec_init(spec, "t");
	for (; *kv; kv += 2)
		cr_assert_eq(ksim_job_spec_set(spec, kv[0], kv[1], err, sizeof(err)), 0,
			     "%s=%s: %s", kv[0], kv[1], err);
}

/*
 * (6) Resets under a verifying random read/write load (Abort timeouts); every read of a block written before
 * matches the last acknowledged write, and nothing fails.
 */
Test(nvme_driver, reset_under_load_loses_no_acknowledged_write)
{
	static const char *const kv[] = {
		"disk", "nvme0n1", "rw", "randrw", "bs", "4k", "iodepth", "32",
		"size", "4M", "io_size", "48M", "verify", "crc32c", NULL,
	};
	struct ksim_job_spec spec;
	struct ksim_job_result *res = calloc(1, sizeof(*res));
	char err[128];
	struct drv d;

	up(&d, "io_timeout=1");
	/*
	 * Two Abort timeouts -> two resets.  (CSTS.CFS under a deep load is
	 * left to tests/integration/nvme_errors.sh at iodepth=1: the driver
	 * cannot see CFS before it rings the next doorbell.)
	 */
	cr_assert_eq(ksim_nvme_inject(d.ctrl, "write:nth=2000:drop", NULL, 0), 0);
	cr_assert_eq(ksim_nvme_inject(d.ctrl, "read:nth=3000:drop", NULL, 0), 0);
	cr_assert_eq(ksim_nvme_inject(d.ctrl, "admin_opc=0x08:drop", NULL, 0), 0);
	job_spec(&spec, kv);
	cr_assert_eq(ksim_job_run(&spec, res, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(res->mismatches, 0);
	cr_assert_gt(res->verified, 1000);
	cr_assert_eq(res->dir[0].errors + res->dir[1].errors, 0, "first error %d",
		     res->first_error);
	/* both lost commands may time out together: one reset or two */
	cr_assert_geq(ev(&d, "nvme_enable"), 2, "reset (%lu)", ev(&d, "nvme_enable"));
	cr_assert_geq(ev(&d, "nvme_fault_injected"), 3, "both drops and an Abort");
	cr_assert_eq(ksim_report_count(KSIM_REPORT_DATA), 0);
	down(&d);
	free(res);
}

/*
 * (7) failslab at every allocation of probe: for N = 1, 2, ... the Nth
 * allocation after the modules are loaded fails (probe runs at
 * ksim_nvme_create); probe fails or degrades, and destroying the
 * controller leaves nothing behind.  Stops when no failure was injected
 * (probe went through without reaching allocation N).
 */
Test(nvme_driver, failslab_every_probe_allocation)
{
	struct ksim_nvme_config cfg;
	struct ksim_nvme_ctrl *ctrl;
	struct drv d = { 0 };
	char after[16];
	int n, ret, failed_probes = 0;

	cfg_default(&cfg);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "queues", "1", NULL, 0), 0);
	load(&d, NULL, "io_queue_depth=8");
	for (n = 1; n < 2000; n++) {
		struct ksim_bdev *bdev;

		snprintf(after, sizeof(after), "%d", n - 1);
		cr_assert_eq(ksim_failslab_set("times", "1"), 0);
		cr_assert_eq(ksim_failslab_set("after", after), 0);
		cr_assert_eq(ksim_failslab_set("probability", "100"), 0);
		ctrl = NULL;
		ret = ksim_nvme_create("nvme0", &cfg, &ctrl);
		bool injected = ksim_failslab_injected() > 0;

		ksim_failslab_reset();
		if (ret) {
			cr_assert(injected, "create failed (%d) without an injected failure", ret);
			continue;
		}
		bdev = ksim_bdev_open("nvme0n1");
		if (bdev) {
			char buf[4096] __attribute__((aligned(4096)));

			memset(buf, 0x5a, sizeof(buf));
			cr_assert_eq(ksim_bdev_write(bdev, 0, buf, 4096, 0), 0, "N=%d", n);
			ksim_bdev_close(bdev);
			let_completions_return();
		} else {
			failed_probes++;
		}
		ksim_nvme_destroy(ctrl);
		cr_assert_eq(ksim_report_total(), 0, "N=%d: a report", n);
		if (!injected)
			break;
	}
	cr_log_info("probe: %d allocations, %d failed probes", n - 1, failed_probes);
	cr_assert_lt(n, 2000, "probe finished");
	cr_assert_gt(n, 10, "probe allocates (%d)", n);
	cr_assert_gt(failed_probes, 0);
	ksim_rmmod(d.pci);
	ksim_rmmod(d.core);
	cr_assert_eq(ksim_report_total(), 0);
}

/*
 * (8) A file-backed namespace: a FUA write is in the file once it
 * completes, a flush reaches the model as Flush, and a job with fua=1 and
 * fsync=4 runs clean.
 */
Test(nvme_driver, flush_and_fua_reach_file_backend)
{
	static const char *const kv[] = {
		"disk", "nvme0n1", "rw", "randwrite", "bs", "4k", "iodepth", "8",
		"size", "1M", "io_size", "2M", "fua", "1", "fsync", "4", NULL,
	};
	struct ksim_nvme_config cfg;
	struct ksim_job_spec spec;
	struct ksim_job_result *res = calloc(1, sizeof(*res));
	char path[64], err[128];
	void *w = buf_alloc(8192), *f = buf_alloc(8192);
	unsigned long flushes;
	struct drv d;
	int fd;

	snprintf(path, sizeof(path), "/tmp/ksim-nvme-driver-%d.img", (int)getpid());
	ksim_nvme_config_init(&cfg);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "ns1.backend", "file", NULL, 0), 0);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "ns1.path", path, NULL, 0), 0);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "ns1.size", "4M", NULL, 0), 0);
	up_cfg(&d, &cfg, NULL);

	fill(w, 8192, 8);
	cr_assert_eq(ksim_bdev_write(d.bdev, 2048, w, 8192, KSIM_BIO_FUA), 0);
	fd = open(path, O_RDONLY);
	cr_assert_geq(fd, 0);
	cr_assert_eq(pread(fd, f, 8192, 2048 * 512), 8192);
	cr_assert_eq(memcmp(f, w, 8192), 0, "FUA write in the file");

	flushes = ev(&d, "nvme_flush");
	cr_assert_eq(ksim_bdev_flush(d.bdev), 0);
	cr_assert_eq(ev(&d, "nvme_flush") - flushes, 1, "Flush sent");

	job_spec(&spec, kv);
	flushes = ev(&d, "nvme_flush");
	cr_assert_eq(ksim_job_run(&spec, res, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(res->dir[1].errors, 0);
	cr_assert_gt(res->flushes, 0);
	cr_assert_eq(ev(&d, "nvme_flush") - flushes, res->flushes, "every flush reached the model");
	cr_assert_eq(ksim_nvme_event_count(d.ctrl, "err_cmd"), 0);
	down(&d);

	/* after the controller is gone, the data is still in the file */
	cr_assert_eq(pread(fd, f, 8192, 2048 * 512), 8192);
	cr_assert_eq(memcmp(f, w, 8192), 0);
	close(fd);
	unlink(path);
	free(res);
	free(w);
	free(f);
}
