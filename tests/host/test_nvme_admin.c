// SPDX-License-Identifier: GPL-2.0
/*
 * tests/host/test_nvme_admin.c - nvme-model/admin.c: Identify data, every
 * queue creation and deletion error, features, logs, Abort and AER limits.
 */
#include <criterion/criterion.h>
#include <nvme/types.h>
#include <string.h>

#include "ktest.h"
#include "nvme_host.h"

TestSuite(nvme_admin, .init = ktest_boot, .fini = ktest_shutdown);

static struct nh h;

static void up(unsigned int nr_ns)
{
	struct ksim_nvme_config cfg;
	char err[128];

	nh_config(&cfg);
	if (nr_ns > 1) {
		cr_assert_eq(ksim_nvme_config_set(&cfg, "ns2.size", "8M", err, sizeof(err)), 0);
		cr_assert_eq(ksim_nvme_config_set(&cfg, "ns2.lba_size", "4096", err, sizeof(err)), 0);
	}
	nh_create(&h, &cfg);
	nh_enable(&h, 16);
}

static int identify(struct nh_buf *b, uint8_t cns, uint32_t nsid)
{
	struct nh_sqe c = { .opc = 0x06, .nsid = nsid, .prp1 = b->iova, .cdw10 = cns };

	memset(b->ptr, 0xff, 4096);
	return nh_cmd(&h, 0, &c, NULL);
}

Test(nvme_admin, identify)
{
	struct nh_buf b;
	struct nvme_id_ctrl *id;
	struct nvme_id_ns *ns;
	uint32_t *list;

	up(2);
	nh_alloc(&h, &b, 4096, KSIM_DMA_FROM_DEVICE);
	cr_assert_eq(identify(&b, 1, 0), 0);
	id = b.ptr;
	cr_assert_eq(id->vid, 0x1b36);
	cr_assert_eq(memcmp(id->sn, "KSIM0001    ", 12), 0);
	cr_assert_eq(id->sqes, 0x66);
	cr_assert_eq(id->cqes, 0x44);
	cr_assert_eq(id->nn, 2);
	cr_assert_eq(id->mdts, 5);
	cr_assert_eq(id->ver, 0x00020000);
	cr_assert_eq(id->vwc & 1, 1);
	cr_assert_eq(id->sgls & 3, 1);
	cr_assert_eq(id->aerl, 3);
	cr_assert(id->oncs & NVME_CTRL_ONCS_DSM);

	cr_assert_eq(identify(&b, 0, 2), 0);
	ns = b.ptr;
	cr_assert_eq(ns->nsze, 2048);
	cr_assert_eq(ns->lbaf[ns->flbas & 0xf].ds, 12);
	cr_assert_eq(ns->lbaf[0].ds, 9);

	cr_assert_eq(identify(&b, 2, 0), 0);
	list = b.ptr;
	cr_assert_eq(list[0], 1);
	cr_assert_eq(list[1], 2);
	cr_assert_eq(list[2], 0);
	cr_assert_eq(identify(&b, 2, 1), 0);
	cr_assert_eq(list[0], 2);

	cr_assert_eq(identify(&b, 3, 1), 0);
	cr_assert_eq(((uint8_t *)b.ptr)[0], NVME_NIDT_EUI64);
	cr_assert_eq(((uint8_t *)b.ptr)[1], 8);
	cr_assert_eq(((uint8_t *)b.ptr)[12], NVME_NIDT_NGUID);

	cr_assert_eq(identify(&b, 0, 3), 0x0b, "no namespace 3");
	cr_assert_eq(identify(&b, 0x55, 0), 0x02);
	nh_free(&h, &b);
	nh_destroy(&h);
}

static int create(uint8_t opc, uint64_t prp1, uint32_t cdw10, uint32_t cdw11)
{
	struct nh_sqe c = { .opc = opc, .prp1 = prp1, .cdw10 = cdw10, .cdw11 = cdw11 };
	struct nh_cqe e;
	int st = nh_cmd(&h, 0, &c, &e);

	if (st)
		cr_assert(NH_DNR(&e), "queue errors have DNR");
	return st;
}

Test(nvme_admin, queue_creation_errors)
{
	struct nh_buf q;

	up(1);
	nh_alloc(&h, &q, 4096, KSIM_DMA_BIDIRECTIONAL);
	cr_assert_eq(create(0x05, q.iova, 15 << 16 | 0, 3), 0x101, "CQ id 0");
	cr_assert_eq(create(0x05, q.iova, 15 << 16 | 5, 3), 0x101, "CQ id > granted");
	cr_assert_eq(create(0x05, q.iova, 0 << 16 | 1, 3), 0x102, "size 1");
	cr_assert_eq(create(0x05, q.iova, 0xffff << 16 | 1, 3), 0x102, "size > MQES");
	cr_assert_eq(create(0x05, q.iova, 15 << 16 | 1, 2), 0x002, "PC = 0");
	cr_assert_eq(create(0x05, q.iova, 15 << 16 | 1, 3 | 9 << 16), 0x108, "vector");
	cr_assert_eq(create(0x05, q.iova + 64, 15 << 16 | 1, 3), 0x013, "PRP1 offset");
	cr_assert_eq(create(0x05, q.iova, 15 << 16 | 1, 3 | 1 << 16), 0);
	cr_assert_eq(create(0x05, q.iova, 15 << 16 | 1, 3), 0x101, "exists");
	cr_assert_eq(create(0x01, q.iova, 15 << 16 | 1, 1 | 2 << 16), 0x100, "no CQ 2");
	cr_assert_eq(create(0x01, q.iova, 15 << 16 | 1, 0 | 1 << 16), 0x002, "SQ PC = 0");
	cr_assert_eq(create(0x01, q.iova, 15 << 16 | 9, 1 | 1 << 16), 0x101, "SQ id");
	cr_assert_eq(create(0x01, q.iova, 15 << 16 | 1, 1 | 1 << 16), 0);
	cr_assert_eq(create(0x04, 0, 1, 0), 0x10c, "CQ with an SQ attached");
	cr_assert_eq(create(0x00, 0, 3, 0), 0x101, "no SQ 3");
	cr_assert_eq(create(0x00, 0, 1, 0), 0);
	cr_assert_eq(create(0x04, 0, 1, 0), 0);
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "ub_create_cq_invalid"), 8);
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "ub_create_sq_invalid"), 3);
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "ub_delete_queue_invalid"), 2);
	nh_free(&h, &q);
	nh_destroy(&h);
}

Test(nvme_admin, number_of_queues)
{
	struct nh_sqe c = { .opc = 0x09, .cdw10 = 0x07, .cdw11 = 63 << 16 | 63 };
	struct nh_cqe e;

	up(1);
	cr_assert_eq(nh_cmd(&h, 0, &c, &e), 0);
	cr_assert_eq(e.dw0, 3 << 16 | 3, "granted = min(requested, 4)");
	c.cdw11 = 1 << 16 | 1;
	cr_assert_eq(nh_cmd(&h, 0, &c, &e), 0);
	cr_assert_eq(e.dw0, 1 << 16 | 1);
	cr_assert_eq(create(0x05, 0, 15 << 16 | 3, 3), 0x101, "only 2 granted now");
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);
	cr_assert_eq(nh_cmd(&h, 0, &c, &e), 0x0c, "Command Sequence Error after creation");
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "ub_set_nr_queues_late"), 1);
	nh_destroy(&h);
}

Test(nvme_admin, logs_and_features)
{
	struct nh_buf b, d;
	struct nh_sqe log = { .opc = 0x02, .cdw10 = 0x02 | (512 / 4 - 1) << 16 };
	struct nh_sqe vwc = { .opc = 0x0a, .cdw10 = 0x06 };
	struct nh_cqe e;
	struct nvme_smart_log *s;

	up(1);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);
	nh_alloc(&h, &b, 4096, KSIM_DMA_FROM_DEVICE);
	nh_alloc(&h, &d, 4096, KSIM_DMA_BIDIRECTIONAL);
	for (int i = 0; i < 3; i++)
		cr_assert_eq(nh_rw(&h, 1, 0x01, 0, 8, &d, 0), 0);
	cr_assert_eq(nh_rw(&h, 1, 0x02, 0, 8, &d, 0), 0);
	log.prp1 = b.iova;
	cr_assert_eq(nh_cmd(&h, 0, &log, NULL), 0);
	s = b.ptr;
	cr_assert_eq(s->host_writes[0], 3);
	cr_assert_eq(s->host_reads[0], 1);
	cr_assert_eq(s->data_units_written[0], 1, "12 KiB rounds up to one unit");
	cr_assert_eq(s->temperature[0] | s->temperature[1] << 8, 300);
	cr_assert_eq(nh_cmd(&h, 0, &vwc, &e), 0);
	cr_assert_eq(e.dw0, 1, "write cache enabled");
	log.cdw10 = 0x7f | 127 << 16;
	cr_assert_eq(nh_cmd(&h, 0, &log, NULL), 0x109, "Invalid Log Page");
	struct nh_sqe bad = { .opc = 0x3f };

	cr_assert_eq(nh_cmd(&h, 0, &bad, NULL), 0x01, "Invalid Command Opcode");
	nh_free(&h, &b);
	nh_free(&h, &d);
	nh_destroy(&h);
}

Test(nvme_admin, aer_limit_and_temperature_event)
{
	struct nh_sqe aer = { .opc = 0x0c };
	struct nh_sqe aec = { .opc = 0x09, .cdw10 = 0x0b, .cdw11 = 0x2 };
	struct nh_sqe thr = { .opc = 0x09, .cdw10 = 0x04, .cdw11 = 320 };
	struct nh_cqe e;

	up(1);
	cr_assert_eq(nh_cmd(&h, 0, &aec, NULL), 0);
	for (int i = 0; i < 4; i++)
		nh_queue_cmd(&h, 0, &aer, false);
	cr_assert_eq(nh_cmd(&h, 0, &aer, &e), 0x105, "AER limit exceeded");
	cr_assert_eq(nh_cmd(&h, 0, &thr, NULL), 0);
	ksim_nvme_set_temperature(h.ctrl, 330);
	cr_assert_eq(nh_reap(&h, 0, &e, 2000), 0);
	cr_assert_eq(e.dw0 & 7, 1, "SMART event");
	cr_assert_eq((e.dw0 >> 8) & 0xff, 1, "temperature threshold");
	cr_assert_eq((e.dw0 >> 16) & 0xff, 2, "SMART log");
	nh_destroy(&h);
}

Test(nvme_admin, firmware_slot_log)
{
	struct nh_buf b;
	/* Log 03h, 512 bytes. */
	struct nh_sqe log = { .opc = 0x02, .cdw10 = 0x03 | (512 / 4 - 1) << 16 };
	const char fw[8] = { '1', '.', '0', ' ', ' ', ' ', ' ', ' ' };
	uint8_t *p;

	up(1);
	nh_alloc(&h, &b, 4096, KSIM_DMA_FROM_DEVICE);
	memset(b.ptr, 0xaa, 4096);
	log.prp1 = b.iova;
	cr_assert_eq(nh_cmd(&h, 0, &log, NULL), 0);
	p = b.ptr;
	cr_assert_eq(p[0] & 7, 1, "AFI: slot 1 active");
	cr_assert_arr_eq(p + 8, fw, 8, "FRS1 is the firmware revision");
	for (int i = 16; i < 64; i++)
		cr_assert_eq(p[i], 0, "FRS2-7 empty (byte %d)", i);
	cr_assert_eq(p[512], 0xaa, "no more than 512 bytes");
	/* Only FRS1, with a log page offset of 8 (CDW12). */
	memset(b.ptr, 0xaa, 4096);
	log.cdw10 = 0x03 | (8 / 4 - 1) << 16;
	log.cdw12 = 8;
	cr_assert_eq(nh_cmd(&h, 0, &log, NULL), 0);
	cr_assert_arr_eq(b.ptr, fw, 8);
	cr_assert_eq(p[8], 0xaa);
	/* An offset not dword aligned is Invalid Field. */
	log.cdw12 = 2;
	cr_assert_eq(nh_cmd(&h, 0, &log, NULL), 0x02);
	/* Identify Controller agrees: FRMW one slot, slot 1 read-only; KAS set. */
	cr_assert_eq(identify(&b, 1, 0), 0);
	cr_assert_eq(p[260], 0x3, "FRMW");
	cr_assert_eq(p[320] | p[321] << 8, 1, "KAS: 100 ms");
	nh_free(&h, &b);
	nh_destroy(&h);
}
