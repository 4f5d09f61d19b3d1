// SPDX-License-Identifier: GPL-2.0
/*
 * tests/host/test_nvme_fault.c - nvme-model/fault.c: each injected fault
 * (status on the Nth command, a dropped completion found by Abort, a double
 * completion, controller fatal status, surprise removal) and rule parsing.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include "ktest.h"
#include "nvme_host.h"

TestSuite(nvme_fault, .init = ktest_boot, .fini = ktest_shutdown);

static struct nh h;
static struct nh_buf b;

static void up(void)
{
	struct ksim_nvme_config cfg;

	nh_config(&cfg);
	nh_create(&h, &cfg);
	nh_enable(&h, 8);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);
	nh_alloc(&h, &b, 4096, KSIM_DMA_BIDIRECTIONAL);
}

static void down(void)
{
	nh_free(&h, &b);
	nh_destroy(&h);
}

Test(nvme_fault, status_on_nth_read)
{
	struct nh_cqe e;
	struct nh_sqe c;

	up();
	cr_assert_eq(ksim_nvme_inject(h.ctrl, "read:nth=3:sc=0x281:dnr", NULL, 0), 0);
	for (int i = 1; i <= 5; i++) {
		c = (struct nh_sqe){ .opc = 0x02, .nsid = 1, .prp1 = b.iova };
		int st = nh_cmd(&h, 1, &c, &e);

		cr_assert_eq(st, i == 3 ? 0x281 : 0, "read %d", i);
		if (i == 3)
			cr_assert(NH_DNR(&e));
	}
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "nvme_fault_injected"), 1);
	cr_assert(ksim_dmesg_contains("nvme0: fault injected: read:nth=3:sc=0x281:dnr"));
	down();
}

Test(nvme_fault, dropped_completion_then_abort)
{
	struct nh_sqe c = { .opc = 0x02, .nsid = 1, .prp1 = b.iova };
	struct nh_cqe e;
	uint16_t cid;

	up();
	c.prp1 = b.iova;
	cr_assert_eq(ksim_nvme_inject(h.ctrl, "read:nth=1:drop", NULL, 0), 0);
	cid = nh_queue_cmd(&h, 1, &c, false);
	nh_ring(&h, 1);
	cr_assert_eq(nh_reap(&h, 1, &e, 100), NH_TIMEOUT, "never completes");
	struct nh_sqe abort = { .opc = 0x08, .cdw10 = (uint32_t)cid << 16 | 1 };

	cr_assert_eq(nh_cmd(&h, 0, &abort, &e), 0);
	cr_assert_eq(e.dw0 & 1, 0, "aborted");
	cr_assert_eq(nh_reap(&h, 1, &e, 2000), 0x007, "Command Abort Requested");
	cr_assert_eq(e.cid, cid);
	/* Nothing left to abort now. */
	cr_assert_eq(nh_cmd(&h, 0, &abort, &e), 0);
	cr_assert_eq(e.dw0 & 1, 1, "not aborted");
	down();
}

Test(nvme_fault, double_completion)
{
	struct nh_sqe c = { .opc = 0x02, .nsid = 1 };
	struct nh_cqe e1, e2;

	up();
	c.prp1 = b.iova;
	cr_assert_eq(ksim_nvme_inject(h.ctrl, "io:nth=1:double", NULL, 0), 0);
	cr_assert_eq(nh_cmd(&h, 1, &c, &e1), 0);
	cr_assert_eq(nh_reap(&h, 1, &e2, 2000), 0);
	cr_assert_eq(e1.cid, e2.cid, "the same command twice");
	down();
}

Test(nvme_fault, fatal_stops_until_reset)
{
	struct nh_sqe c = { .opc = 0x02, .nsid = 1 };
	struct nh_cqe e;

	up();
	c.prp1 = b.iova;
	ksim_nvme_inject_fatal(h.ctrl);
	cr_assert(nh_rd32(&h, 0x1c) & 2, "CSTS.CFS");
	nh_queue_cmd(&h, 1, &c, false);
	nh_ring(&h, 1);
	cr_assert_eq(nh_reap(&h, 1, &e, 100), NH_TIMEOUT);
	nh_free(&h, &b);
	nh_disable(&h);
	cr_assert_eq(nh_rd32(&h, 0x1c) & 2, 0, "reset clears CFS");
	nh_enable(&h, 8);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);
	nh_alloc(&h, &b, 4096, KSIM_DMA_BIDIRECTIONAL);
	cr_assert_eq(nh_rw(&h, 1, 0x02, 0, 1, &b, 0), 0);
	down();
}

Test(nvme_fault, surprise_removal)
{
	up();
	ksim_nvme_inject_surprise_removal(h.ctrl);
	cr_assert_eq(nh_rd32(&h, 0x1c), 0xffffffffu, "reads of a removed device: all ones");
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "nvme_surprise_removal"), 1);
	down();
}

Test(nvme_fault, rule_syntax)
{
	struct ksim_nvme_config cfg;
	char err[160];

	ksim_nvme_config_init(&cfg);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "fault", "write:every=2:sc=0x6", err, sizeof(err)), 0);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "fault", "admin:nth=2:fatal", err, sizeof(err)), 0);
	cr_assert_eq(cfg.nr_faults, 2);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "fault", "read:nth=1", err, sizeof(err)), -EINVAL);
	cr_assert(strstr(err, "needs exactly one"), "%s", err);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "fault", "bogus:drop", err, sizeof(err)), -EINVAL);
	cr_assert(strstr(err, "bogus"), "%s", err);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "fault", "read:prob=2:drop", err, sizeof(err)), -EINVAL);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "nope", "1", err, sizeof(err)), -ENOENT);
	cr_assert(strstr(err, "nope"));
	cr_assert_eq(ksim_nvme_config_set(&cfg, "ns3.size", "1G", err, sizeof(err)), 0);
	cr_assert_eq(cfg.ns[2].size, 1ULL << 30);
	cr_assert_eq(cfg.nr_ns, 3);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "ns1.size", "12X", err, sizeof(err)), -EINVAL);
	cr_assert(strstr(err, "12X") && strstr(err, "ns1.size"), "%s", err);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "latency.read", "5us-50us", err, sizeof(err)), 0);
	cr_assert_eq(cfg.latency[KSIM_NVME_LAT_READ].min_ns, 5000);
	cr_assert_eq(cfg.latency[KSIM_NVME_LAT_READ].max_ns, 50000);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "latency.read", "50us-5us", err, sizeof(err)), -EINVAL);
	cr_assert_eq(cfg.latency[KSIM_NVME_LAT_READ].min_ns, 5000, "a refused range changes nothing");
	cr_assert_eq(cfg.latency[KSIM_NVME_LAT_READ].max_ns, 50000);
	/* Durations no uint64_t of nanoseconds holds (found by tests/fuzz/config). */
	cr_assert_eq(ksim_nvme_config_set(&cfg, "latency.read", "infs", err, sizeof(err)), -EINVAL);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "latency.write", "nanus", err, sizeof(err)), -EINVAL);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "latency.flush", "1e30s", err, sizeof(err)), -EINVAL);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "latency.flush", "1ms-1e300s", err, sizeof(err)), -EINVAL);
	cr_assert_eq(cfg.latency[KSIM_NVME_LAT_READ].max_ns, 50000, "a refused value changes nothing");
}
