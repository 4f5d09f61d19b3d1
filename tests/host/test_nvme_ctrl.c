// SPDX-License-Identifier: GPL-2.0
/*
 * tests/host/test_nvme_ctrl.c - nvme-model/ctrl.c: registers, the enable,
 * reset and shutdown handshakes, doorbells and their checks, completion
 * queues (phase, full, order) and interrupts (coalescing, polled queues).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "ktest.h"
#include "nvme_host.h"
#include "sim/host.h"

TestSuite(nvme_ctrl, .init = ktest_boot, .fini = ktest_shutdown);

static struct nh h;

static void up(struct ksim_nvme_config *cfg)
{
	struct ksim_nvme_config def;

	if (!cfg) {
		nh_config(&def);
		cfg = &def;
	}
	nh_create(&h, cfg);
	nh_enable(&h, 8);
}

Test(nvme_ctrl, enable_handshake_takes_time)
{
	struct ksim_nvme_config cfg;
	struct nh_buf asq, acq;
	uint64_t cap;
	int64_t t0;

	nh_config(&cfg);
	cfg.ready_delay_ms = 50;
	nh_create(&h, &cfg);
	cap = nh_rd64(&h, 0);
	cr_assert_eq(cap & 0xffff, cfg.mqes);
	cr_assert_eq((cap >> 16) & 1, 1, "CQR");
	cr_assert_eq((cap >> 37) & 1, 1, "CSS NVM");
	cr_assert_eq((cap >> 52) & 0xf, 4, "MPSMAX");
	cr_assert_eq(nh_rd32(&h, 0x08), 0x00020000);
	cr_assert_eq((uint32_t)(cap >> 32), nh_rd32(&h, 4), "CAP high half");

	nh_alloc(&h, &asq, 4096, KSIM_DMA_TO_DEVICE);
	nh_alloc(&h, &acq, 4096, KSIM_DMA_FROM_DEVICE);
	nh_wr32(&h, 0x24, 7 << 16 | 7);
	nh_wr64(&h, 0x28, asq.iova);
	nh_wr64(&h, 0x30, acq.iova);
	t0 = ksim_nvme_event_count(h.ctrl, "nvme_ready");
	nh_wr32(&h, 0x14, 1 | 6 << 16 | 4 << 20);
	cr_assert_eq(nh_rd32(&h, 0x1c) & 1, 0, "RDY must not be set at once");
	cr_assert(ktest_wait_for(nh_rd32(&h, 0x1c) & 1, ((cap >> 24) & 0xff) * 500),
		  "RDY within CAP.TO");
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "nvme_ready"), t0 + 1);
	nh_wr32(&h, 0x14, 6 << 16 | 4 << 20);
	cr_assert(ktest_wait_for(!(nh_rd32(&h, 0x1c) & 1), 5000));
	nh_free(&h, &asq);
	nh_free(&h, &acq);
	cr_assert_eq(ksim_nvme_ub_total(h.ctrl), 0);
	nh_destroy(&h);
}

Test(nvme_ctrl, invalid_enable_sets_cfs)
{
	struct ksim_nvme_config cfg;

	nh_config(&cfg);
	nh_create(&h, &cfg);
	/* No admin queue programmed and IOSQES = 0. */
	nh_wr32(&h, 0x14, 1);
	cr_assert(ktest_wait_for(nh_rd32(&h, 0x1c) & 2, 1000), "CSTS.CFS");
	cr_assert_eq(nh_rd32(&h, 0x1c) & 1, 0);
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "ub_cc_invalid"), 1);
	cr_assert(ksim_dmesg_contains("nvme0: ub_cc_invalid"));
	/* A reset clears it. */
	nh_wr32(&h, 0x14, 0);
	cr_assert_eq(nh_rd32(&h, 0x1c) & 2, 0);
	nh_destroy(&h);
}

Test(nvme_ctrl, register_misuse_is_ub)
{
	up(NULL);
	cr_assert_eq(ksim_pci_mmio_read(h.pdev, 0, 0x14, 2), 0);
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "ub_mmio_size"), 1);
	nh_wr32(&h, 0x08, 0x12345678);		/* VS is read-only */
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "ub_mmio_ro_write"), 1);
	cr_assert_eq(nh_rd32(&h, 0x08), 0x00020000);
	nh_wr32(&h, 0x24, 0);			/* AQA while enabled */
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "ub_aq_write_while_enabled"), 1);
	nh_destroy(&h);
}

Test(nvme_ctrl, shutdown_reports_complete)
{
	up(NULL);
	nh_wr32(&h, 0x14, 1 | 6 << 16 | 4 << 20 | 1 << 14);
	cr_assert(ktest_wait_for(((nh_rd32(&h, 0x1c) >> 2) & 3) == 2, 5000), "SHST complete");
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "nvme_shutdown_done"), 1);
	nh_destroy(&h);
}

Test(nvme_ctrl, reset_deletes_io_queues)
{
	struct nh_buf buf;

	up(NULL);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);
	nh_alloc(&h, &buf, 4096, KSIM_DMA_BIDIRECTIONAL);
	cr_assert_eq(nh_rw(&h, 1, 0x01, 0, 8, &buf, 0), 0);
	nh_free(&h, &buf);
	nh_disable(&h);
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "nvme_reset_done"), 1);
	nh_enable(&h, 8);
	/* The old SQ 1 is gone: its doorbell is a driver bug. */
	nh_wr32(&h, 0x1008, 1);
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "ub_db_invalid_queue"), 1);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);
	nh_destroy(&h);
}

Test(nvme_ctrl, io_with_interrupts_and_polled)
{
	struct nh_buf buf;

	up(NULL);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);
	cr_assert_eq(nh_create_io_queue(&h, 2, 16, false), 0);
	nh_alloc(&h, &buf, 8192, KSIM_DMA_BIDIRECTIONAL);
	memset(buf.ptr, 0xa5, 4096);
	cr_assert_eq(nh_rw(&h, 1, 0x01, 10, 8, &buf, 0), 0);
	memset(buf.ptr, 0, 4096);
	cr_assert_eq(nh_rw(&h, 2, 0x02, 10, 8, &buf, 0), 0);
	cr_assert_eq(((uint8_t *)buf.ptr)[4095], 0xa5);
	cr_assert(ktest_wait_for(nh_irqs(&h, 1) >= 1, 2000), "vector 1 interrupted");
	cr_assert_eq(nh_irqs(&h, 2), 0, "a polled CQ is never interrupted");
	nh_free(&h, &buf);
	cr_assert_eq(ksim_nvme_ub_total(h.ctrl), 0);
	nh_destroy(&h);
}

Test(nvme_ctrl, cq_phase_wraps_many_times)
{
	struct nh_buf buf;

	up(NULL);
	cr_assert_eq(nh_create_io_queue(&h, 1, 4, false), 0);
	nh_alloc(&h, &buf, 4096, KSIM_DMA_BIDIRECTIONAL);
	for (unsigned int i = 0; i < 1000; i++) {
		*(uint32_t *)buf.ptr = i;
		cr_assert_eq(nh_rw(&h, 1, 0x01, i % 64, 1, &buf, 0), 0, "write %u", i);
		*(uint32_t *)buf.ptr = ~0u;
		cr_assert_eq(nh_rw(&h, 1, 0x02, i % 64, 1, &buf, 0), 0, "read %u", i);
		cr_assert_eq(*(uint32_t *)buf.ptr, i);
	}
	nh_free(&h, &buf);
	cr_assert_eq(ksim_nvme_ub_total(h.ctrl), 0);
	nh_destroy(&h);
}

Test(nvme_ctrl, full_cq_holds_completions)
{
	struct nh_buf buf;
	struct nh_cqe e;
	bool seen[6] = { 0 };

	up(NULL);
	/* The CQ holds 3 entries; 6 commands go in at once. */
	cr_assert_eq(nh_create_io_queue2(&h, 1, 8, 4, false), 0);
	nh_alloc(&h, &buf, 4096, KSIM_DMA_BIDIRECTIONAL);
	for (int i = 0; i < 6; i++) {
		struct nh_sqe c = { .opc = 0x02, .nsid = 1, .prp1 = buf.iova };

		nh_queue_cmd(&h, 1, &c, false);
	}
	nh_ring(&h, 1);
	cr_assert(ktest_wait_for(ksim_nvme_event_count(h.ctrl, "nvme_cq_full") >= 1, 2000));
	ktest_sleep_ms(20);
	/* Entry 3 (the slot the host has not freed) was never written. */
	cr_assert_eq(((struct nh_cqe *)h.q[1].cq.ptr)[3].status & 1, 0);
	for (int i = 0; i < 6; i++) {
		cr_assert_eq(nh_reap(&h, 1, &e, 2000), 0, "completion %d", i);
		cr_assert_lt(e.cid, 6);
		cr_assert(!seen[e.cid], "cid %u twice", e.cid);
		seen[e.cid] = true;
	}
	nh_free(&h, &buf);
	cr_assert_eq(ksim_nvme_ub_total(h.ctrl), 0);
	nh_destroy(&h);
}

Test(nvme_ctrl, slow_command_completes_after_fast_one)
{
	struct ksim_nvme_config cfg;
	struct nh_buf buf;
	struct nh_cqe e;
	char err[128];
	uint16_t slow, fast;

	nh_config(&cfg);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "latency.write", "50ms", err, sizeof(err)), 0);
	up(&cfg);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);
	nh_alloc(&h, &buf, 4096, KSIM_DMA_BIDIRECTIONAL);
	struct nh_sqe w = { .opc = 0x01, .nsid = 1, .prp1 = buf.iova };
	struct nh_sqe r = { .opc = 0x02, .nsid = 1, .prp1 = buf.iova, .cdw10 = 100 };

	slow = nh_queue_cmd(&h, 1, &w, false);
	fast = nh_queue_cmd(&h, 1, &r, false);
	nh_ring(&h, 1);
	cr_assert_eq(nh_reap(&h, 1, &e, 2000), 0);
	cr_assert_eq(e.cid, fast, "the read overtakes the slow write");
	cr_assert_eq(nh_reap(&h, 1, &e, 2000), 0);
	cr_assert_eq(e.cid, slow);
	nh_free(&h, &buf);
	nh_destroy(&h);
}

Test(nvme_ctrl, coalescing_threshold)
{
	struct nh_buf buf;
	struct nh_cqe e;
	struct nh_sqe f = { .opc = 0x09, .cdw10 = 0x08, .cdw11 = 255 << 8 | 3 };

	up(NULL);
	cr_assert_eq(nh_cmd(&h, 0, &f, NULL), 0);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);
	nh_alloc(&h, &buf, 4096, KSIM_DMA_BIDIRECTIONAL);
	for (int i = 0; i < 8; i++) {
		struct nh_sqe c = { .opc = 0x02, .nsid = 1, .prp1 = buf.iova };

		nh_queue_cmd(&h, 1, &c, false);
	}
	nh_ring(&h, 1);
	for (int i = 0; i < 8; i++)
		cr_assert_eq(nh_reap(&h, 1, &e, 2000), 0);
	ktest_sleep_ms(50);
	/* Threshold 4: two interrupts (a third only if the 25.5 ms timer ran out). */
	cr_assert_geq(nh_irqs(&h, 1), 2);
	cr_assert_leq(nh_irqs(&h, 1), 3);
	nh_free(&h, &buf);
	nh_destroy(&h);
}

Test(nvme_ctrl, bad_doorbells_are_ub_and_post_events)
{
	struct nh_sqe aer = { .opc = 0x0c };
	struct nh_sqe log = { .opc = 0x02, .cdw10 = 0x01 | (64 * 64 / 4 - 1) << 16 };
	struct nh_buf buf;
	struct nh_cqe e;
	uint16_t cid;

	up(NULL);
	cid = nh_queue_cmd(&h, 0, &aer, false);
	nh_ring(&h, 0);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);
	nh_wr32(&h, 0x1008, 16);		/* tail == size */
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "ub_db_invalid_tail"), 1);
	cr_assert_eq(nh_reap(&h, 0, &e, 2000), 0);
	cr_assert_eq(e.cid, cid);
	cr_assert_eq(e.dw0 & 7, 0, "error event");
	cr_assert_eq((e.dw0 >> 8) & 0xff, 1, "Invalid Doorbell Write Value");
	cr_assert_eq((e.dw0 >> 16) & 0xff, 1, "error log page");
	nh_wr32(&h, 0x1000 + 8 * 5, 1);		/* SQ 5 does not exist */
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "ub_db_invalid_queue"), 1);
	nh_wr32(&h, 0x100c, 3);			/* CQ head past posted entries */
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "ub_db_invalid_head"), 1);
	cr_assert_eq(ksim_nvme_ub_total(h.ctrl), 3);
	/* The error log has an entry per bad doorbell, newest first. */
	nh_alloc(&h, &buf, 4096, KSIM_DMA_FROM_DEVICE);
	log.prp1 = buf.iova;
	cr_assert_eq(nh_cmd(&h, 0, &log, NULL), 0);
	cr_assert_eq(*(uint64_t *)buf.ptr, 3, "error count of the newest entry");
	nh_free(&h, &buf);
	/* The queue still works. */
	nh_alloc(&h, &buf, 4096, KSIM_DMA_BIDIRECTIONAL);
	cr_assert_eq(nh_rw(&h, 1, 0x02, 0, 1, &buf, 0), 0);
	nh_free(&h, &buf);
	nh_destroy(&h);
}

Test(nvme_ctrl, cid_reuse_is_ub)
{
	struct ksim_nvme_config cfg;
	struct nh_buf buf;
	struct nh_cqe e;

	nh_config(&cfg);
	cfg.latency[KSIM_NVME_LAT_READ] = (struct ksim_nvme_latency){ 20000000, 20000000 };
	up(&cfg);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);
	nh_alloc(&h, &buf, 4096, KSIM_DMA_BIDIRECTIONAL);
	struct nh_sqe c = { .opc = 0x02, .nsid = 1, .prp1 = buf.iova, .cid = 7 };

	nh_queue_cmd(&h, 1, &c, true);
	nh_queue_cmd(&h, 1, &c, true);
	nh_ring(&h, 1);
	cr_assert_eq(nh_reap(&h, 1, &e, 2000), 0);
	cr_assert_eq(nh_reap(&h, 1, &e, 2000), 0);
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "ub_cid_reuse"), 1);
	cr_assert(ksim_dmesg_contains("nvme0: ub_cid_reuse: command id 7 reused on SQ 1"));
	nh_free(&h, &buf);
	nh_destroy(&h);
}

Test(nvme_ctrl, doorbell_before_enable_is_ub)
{
	struct ksim_nvme_config cfg;

	nh_config(&cfg);
	nh_create(&h, &cfg);
	nh_wr32(&h, 0x1000, 1);
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "ub_io_before_enable"), 1);
	nh_destroy(&h);
}

Test(nvme_ctrl, sq_deletion_aborts_held_commands)
{
	struct ksim_nvme_config cfg;
	struct nh_buf buf;
	struct nh_cqe e;
	struct nh_sqe del = { .opc = 0x00, .cdw10 = 1 };
	char err[128];

	nh_config(&cfg);
	/* Reads are held by the model for 10 s: still there at the deletion. */
	cr_assert_eq(ksim_nvme_config_set(&cfg, "latency.read", "10s", err, sizeof(err)), 0);
	up(&cfg);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);
	nh_alloc(&h, &buf, 4096, KSIM_DMA_BIDIRECTIONAL);
	for (int i = 0; i < 3; i++) {
		struct nh_sqe c = { .opc = 0x02, .nsid = 1, .prp1 = buf.iova, .cdw10 = i };

		nh_queue_cmd(&h, 1, &c, false);
	}
	nh_ring(&h, 1);
	cr_assert(ktest_wait_for(ksim_nvme_event_count(h.ctrl, "nvme_read") == 3, 2000));
	cr_assert_eq(nh_reap(&h, 1, &e, 20), NH_TIMEOUT, "nothing completes before the deletion");
	cr_assert_eq(nh_cmd(&h, 0, &del, NULL), 0, "Delete I/O SQ");
	for (int i = 0; i < 3; i++) {
		cr_assert_eq(nh_reap(&h, 1, &e, 2000), 0x008,
			     "Command Aborted due to SQ Deletion");
		cr_assert_eq(e.sqid, 1);
		cr_assert_lt(e.cid, 3);
	}
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "err_abort_sq_deleted"), 3);
	/* Nothing more comes later from the latency heap. */
	cr_assert_eq(nh_reap(&h, 1, &e, 50), NH_TIMEOUT);
	nh_free(&h, &buf);
	cr_assert_eq(ksim_nvme_ub_total(h.ctrl), 0);
	nh_destroy(&h);
}

Test(nvme_ctrl, coalescing_time_interrupts_below_threshold)
{
	struct nh_buf buf;
	struct nh_cqe e;
	/* Threshold 256 completions, aggregation time 50 x 100 us = 5 ms. */
	struct nh_sqe f = { .opc = 0x09, .cdw10 = 0x08, .cdw11 = 50 << 8 | 255 };
	struct nh_sqe c = { .opc = 0x02, .nsid = 1 };
	int64_t t0;

	up(NULL);
	cr_assert_eq(nh_cmd(&h, 0, &f, NULL), 0);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);
	nh_alloc(&h, &buf, 4096, KSIM_DMA_BIDIRECTIONAL);
	c.prp1 = buf.iova;
	t0 = ksim_host->now_ns();
	cr_assert_eq(nh_cmd(&h, 1, &c, &e), 0);
	cr_assert(ktest_wait_for(nh_irqs(&h, 1) >= 1, 2000),
		  "one completion below the threshold never interrupted");
	cr_assert_geq(h.irq_ns[1] - t0, 5000000, "the interrupt came before the time (%lld ns)",
		      (long long)(h.irq_ns[1] - t0));
	ktest_sleep_ms(20);
	cr_assert_eq(nh_irqs(&h, 1), 1);
	nh_free(&h, &buf);
	nh_destroy(&h);
}

Test(nvme_ctrl, vector_config_disables_coalescing)
{
	struct nh_buf buf;
	struct nh_cqe e;
	/* Threshold 4 completions, time 25.5 ms; vector 1 opts out. */
	struct nh_sqe f = { .opc = 0x09, .cdw10 = 0x08, .cdw11 = 255 << 8 | 3 };
	struct nh_sqe iv = { .opc = 0x09, .cdw10 = 0x09, .cdw11 = 1 << 16 | 1 };
	struct nh_sqe get = { .opc = 0x0a, .cdw10 = 0x09, .cdw11 = 1 };

	up(NULL);
	cr_assert_eq(nh_cmd(&h, 0, &f, NULL), 0);
	cr_assert_eq(nh_cmd(&h, 0, &iv, NULL), 0);
	cr_assert_eq(nh_cmd(&h, 0, &get, &e), 0);
	cr_assert_eq(e.dw0, 1 << 16 | 1, "Get Features 09h reads back CD");
	get.cdw11 = 2;
	cr_assert_eq(nh_cmd(&h, 0, &get, &e), 0);
	cr_assert_eq(e.dw0, 2);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);
	cr_assert_eq(nh_create_io_queue(&h, 2, 16, true), 0);
	nh_alloc(&h, &buf, 4096, KSIM_DMA_BIDIRECTIONAL);
	for (unsigned int q = 1; q <= 2; q++) {
		for (int i = 0; i < 4; i++) {
			struct nh_sqe c = { .opc = 0x02, .nsid = 1, .prp1 = buf.iova };

			nh_queue_cmd(&h, q, &c, false);
		}
		nh_ring(&h, q);
		for (int i = 0; i < 4; i++)
			cr_assert_eq(nh_reap(&h, q, &e, 2000), 0);
	}
	/* Vector 1: one interrupt per completion; vector 2: one for four. */
	cr_assert(ktest_wait_for(nh_irqs(&h, 1) == 4, 2000), "vector 1: %lu", nh_irqs(&h, 1));
	cr_assert(ktest_wait_for(nh_irqs(&h, 2) >= 1, 2000));
	ktest_sleep_ms(40);
	cr_assert_eq(nh_irqs(&h, 2), 1, "vector 2 was coalesced");
	cr_assert_eq(nh_irqs(&h, 1), 4);
	nh_free(&h, &buf);
	nh_destroy(&h);
}

Test(nvme_ctrl, msix_mask_pends_and_unmask_delivers_once)
{
	struct nh_buf buf;
	struct nh_cqe e;
	struct nh_sqe c = { .opc = 0x02, .nsid = 1 };

	up(NULL);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);
	nh_alloc(&h, &buf, 4096, KSIM_DMA_BIDIRECTIONAL);
	c.prp1 = buf.iova;
	cr_assert(!nh_msix_pending(&h, 1));
	nh_msix_mask(&h, 1, true);
	cr_assert_eq(nh_cmd(&h, 1, &c, &e), 0);
	cr_assert(ktest_wait_for(nh_msix_pending(&h, 1), 2000), "PBA bit never set");
	ktest_sleep_ms(10);
	cr_assert_eq(nh_irqs(&h, 1), 0, "a masked vector interrupted");
	nh_msix_mask(&h, 1, false);
	cr_assert(ktest_wait_for(nh_irqs(&h, 1) >= 1, 2000), "unmask did not deliver");
	ktest_sleep_ms(10);
	cr_assert_eq(nh_irqs(&h, 1), 1, "exactly one message for the pending bit");
	cr_assert(!nh_msix_pending(&h, 1), "PBA bit still set after delivery");
	/* Unmasked again: the next completion interrupts at once. */
	cr_assert_eq(nh_cmd(&h, 1, &c, &e), 0);
	cr_assert(ktest_wait_for(nh_irqs(&h, 1) == 2, 2000));
	nh_free(&h, &buf);
	nh_destroy(&h);
}

Test(nvme_ctrl, polled_queue_moves_data_both_ways)
{
	struct nh_buf wb, rb;
	struct nh_cqe e;
	const unsigned int depth = 8;

	up(NULL);
	cr_assert_eq(nh_create_io_queue(&h, 3, 16, false), 0);
	nh_alloc(&h, &wb, depth * 8192, KSIM_DMA_TO_DEVICE);
	nh_alloc(&h, &rb, depth * 8192, KSIM_DMA_FROM_DEVICE);
	for (size_t i = 0; i < depth * 8192; i++)
		((uint8_t *)wb.ptr)[i] = (uint8_t)(i * 31 + 5);
	for (int round = 0; round < 10; round++) {
		/* Eight 8 KiB writes in flight, then eight reads, reaped by phase tag. */
		for (unsigned int dir = 0; dir < 2; dir++) {
			for (unsigned int i = 0; i < depth; i++) {
				struct nh_sqe c = {
					.opc = dir ? 0x02 : 0x01, .nsid = 1,
					.cdw10 = round * 256 + i * 16, .cdw12 = 15,
				};

				c.prp1 = (dir ? rb.iova : wb.iova) + i * 8192;
				c.prp2 = c.prp1 + 4096;
				nh_queue_cmd(&h, 3, &c, false);
			}
			nh_ring(&h, 3);
			for (unsigned int i = 0; i < depth; i++)
				cr_assert_eq(nh_reap(&h, 3, &e, 2000), 0, "round %d", round);
		}
		cr_assert_arr_eq(rb.ptr, wb.ptr, depth * 8192, "round %d", round);
		memset(rb.ptr, 0, depth * 8192);
	}
	for (unsigned int v = 1; v < NH_MAX_Q; v++)
		cr_assert_eq(nh_irqs(&h, v), 0, "vector %u", v);
	nh_free(&h, &wb);
	nh_free(&h, &rb);
	cr_assert_eq(ksim_nvme_ub_total(h.ctrl), 0);
	nh_destroy(&h);
}

Test(nvme_ctrl, enable_disable_enable_then_io)
{
	struct nh_buf buf;

	up(NULL);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);
	nh_alloc(&h, &buf, 4096, KSIM_DMA_BIDIRECTIONAL);
	memset(buf.ptr, 0x3c, 4096);
	cr_assert_eq(nh_rw(&h, 1, 0x01, 40, 8, &buf, 0), 0);
	nh_free(&h, &buf);
	for (int cycle = 0; cycle < 3; cycle++) {
		nh_disable(&h);
		cr_assert_eq(nh_rd32(&h, 0x1c) & 1, 0);
		nh_enable(&h, 8);
		cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0, "cycle %d", cycle);
		nh_alloc(&h, &buf, 4096, KSIM_DMA_BIDIRECTIONAL);
		/* The media outlives a controller reset. */
		cr_assert_eq(nh_rw(&h, 1, 0x02, 40, 8, &buf, 0), 0);
		cr_assert_eq(((uint8_t *)buf.ptr)[4095], 0x3c, "cycle %d", cycle);
		memset(buf.ptr, 0x3c, 4096);
		cr_assert_eq(nh_rw(&h, 1, 0x01, 48 + cycle, 1, &buf, 0), 0);
		nh_free(&h, &buf);
	}
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "nvme_ready"), 4);
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "nvme_reset_done"), 3);
	cr_assert(ktest_wait_for(nh_irqs(&h, 1) >= 4, 2000));
	cr_assert_eq(ksim_nvme_ub_total(h.ctrl), 0);
	nh_destroy(&h);
}

Test(nvme_ctrl, keep_alive_timer)
{
	struct nh_sqe kato = { .opc = 0x09, .cdw10 = 0x0f, .cdw11 = 250 };
	struct nh_sqe get = { .opc = 0x0a, .cdw10 = 0x0f };
	struct nh_sqe ka = { .opc = 0x18 };
	struct nh_cqe e;

	up(NULL);
	/* 250 ms, rounded up to the 100 ms granularity the model reports. */
	cr_assert_eq(nh_cmd(&h, 0, &kato, NULL), 0);
	cr_assert_eq(nh_cmd(&h, 0, &get, &e), 0);
	cr_assert_eq(e.dw0, 300);
	/* Keep Alive every 20 ms keeps the controller alive past the timeout. */
	for (int i = 0; i < 20; i++) {
		cr_assert_eq(nh_cmd(&h, 0, &ka, NULL), 0);
		ktest_sleep_ms(20);
	}
	cr_assert_eq(nh_rd32(&h, 0x1c) & 2, 0, "CFS while the host kept alive");
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "nvme_keep_alive"), 20);
	/* Silence: the timer expires, CSTS.CFS. */
	cr_assert(ktest_wait_for(nh_rd32(&h, 0x1c) & 2, 3000), "keep alive never expired");
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "nvme_keep_alive_expired"), 1);
	/* A reset clears it; KATO is back to 0 and nothing expires. */
	nh_disable(&h);
	nh_enable(&h, 8);
	cr_assert_eq(nh_cmd(&h, 0, &get, &e), 0);
	cr_assert_eq(e.dw0, 0);
	ktest_sleep_ms(400);
	cr_assert_eq(nh_rd32(&h, 0x1c) & 2, 0);
	nh_destroy(&h);
}

/*
 * Destroyed with commands still running on worker tasks and interrupts to
 * raise: the workers stop before the PCI device's memory goes (found by
 * tests/fuzz/nvme-model, corpus bug-destroy-with-work-in-flight: a worker
 * raised MSI-X on the freed device; ASan and valgrind see it here).
 */
Test(nvme_ctrl, destroy_with_work_in_flight)
{
	struct ksim_nvme_config cfg;
	struct nh_buf buf;

	nh_config(&cfg);
	cfg.exec_worker = true;
	cfg.workers = 2;
	/* Completions due a little later, when the device is being removed. */
	cfg.latency[KSIM_NVME_LAT_READ] = (struct ksim_nvme_latency){ 100000, 3000000 };
	cfg.latency[KSIM_NVME_LAT_WRITE] = (struct ksim_nvme_latency){ 100000, 3000000 };
	up(&cfg);
	cr_assert_eq(nh_create_io_queue(&h, 1, 64, true), 0);
	nh_alloc(&h, &buf, 4096, KSIM_DMA_BIDIRECTIONAL);
	for (int i = 0; i < 32; i++) {
		struct nh_sqe c = { .opc = i & 1 ? 0x01 : 0x02, .nsid = 1, .prp1 = buf.iova,
				    .cdw10 = (uint32_t)i * 8, .cdw12 = 7 };

		nh_queue_cmd(&h, 1, &c, false);
	}
	nh_ring(&h, 1);
	ksim_nvme_destroy(h.ctrl);
	/* The device is gone: the host's buffers are plain memory again. */
	for (unsigned int i = 0; i < NH_MAX_Q; i++) {
		free(h.q[i].sq.ptr);
		free(h.q[i].cq.ptr);
	}
	free(buf.ptr);
	memset(&h, 0, sizeof(h));
}
