// SPDX-License-Identifier: GPL-2.0
/*
 * tests/host/test_nvme_io.c - nvme-model/io.c and dma.c: the NVM command
 * set through PRP lists and SGLs, range and MDTS checks, deallocation,
 * Compare, and what bad data pointers and IOMMU faults turn into.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "ktest.h"
#include "nvme_host.h"

TestSuite(nvme_io, .init = ktest_boot, .fini = ktest_shutdown);

static struct nh h;

static void up(void)
{
	struct ksim_nvme_config cfg;

	nh_config(&cfg);
	nh_create(&h, &cfg);
	nh_enable(&h, 8);
	cr_assert_eq(nh_create_io_queue(&h, 1, 32, true), 0);
}

static void fill(void *p, size_t len, unsigned int seed)
{
	for (size_t i = 0; i < len; i++)
		((uint8_t *)p)[i] = (uint8_t)(i * 7 + seed);
}

Test(nvme_io, prp_list_with_offset_round_trip)
{
	struct nh_buf wb, rb;
	size_t off = 512 + 64;		/* PRP1 with an offset, then a list */

	up();
	nh_alloc(&h, &wb, 20 * 4096, KSIM_DMA_TO_DEVICE);
	nh_alloc(&h, &rb, 20 * 4096, KSIM_DMA_FROM_DEVICE);
	fill((uint8_t *)wb.ptr + off, 64 * 1024, 3);
	cr_assert_eq(nh_rw(&h, 1, 0x01, 1000, 128, &wb, off), 0);
	cr_assert_eq(nh_rw(&h, 1, 0x02, 1000, 128, &rb, 4096 - 512), 0);
	cr_assert_eq(memcmp((uint8_t *)wb.ptr + off, (uint8_t *)rb.ptr + 4096 - 512, 64 * 1024), 0);
	/* Two pages exactly: PRP2 is a page pointer. */
	cr_assert_eq(nh_rw(&h, 1, 0x02, 1000, 16, &rb, 0), 0);
	cr_assert_eq(memcmp((uint8_t *)wb.ptr + off, rb.ptr, 8192), 0);
	nh_free(&h, &wb);
	nh_free(&h, &rb);
	cr_assert_eq(ksim_nvme_ub_total(h.ctrl), 0);
	nh_destroy(&h);
}

struct sgl { uint64_t addr; uint32_t len; uint8_t rsvd[3], type; };

Test(nvme_io, sgl_segments_round_trip)
{
	struct nh_buf wb, rb, seg;
	struct sgl *d;

	up();
	nh_alloc(&h, &wb, 3 * 4096, KSIM_DMA_TO_DEVICE);
	nh_alloc(&h, &rb, 3 * 4096, KSIM_DMA_FROM_DEVICE);
	nh_alloc(&h, &seg, 4096, KSIM_DMA_TO_DEVICE);
	fill(wb.ptr, 4096, 9);
	/* Write through one data block descriptor in the command. */
	struct nh_sqe c = { .opc = 0x01, .flags = 1 << 6, .nsid = 1, .cdw10 = 5, .cdw12 = 7 };
	struct sgl one = { .addr = wb.iova, .len = 4096, .type = 0x00 };

	memcpy(&c.prp1, &one, 16);
	cr_assert_eq(nh_cmd(&h, 1, &c, NULL), 0);
	/* Read it back scattered: last segment of three blocks 1000 + 96 + 3000. */
	d = seg.ptr;
	d[0] = (struct sgl){ .addr = rb.iova + 3, .len = 1000 };
	d[1] = (struct sgl){ .addr = rb.iova + 5000, .len = 96 };
	d[2] = (struct sgl){ .addr = rb.iova + 8192, .len = 3000 };
	struct nh_sqe r = { .opc = 0x02, .flags = 1 << 6, .nsid = 1, .cdw10 = 5, .cdw12 = 7 };
	struct sgl last = { .addr = seg.iova, .len = 48, .type = 0x30 };

	memcpy(&r.prp1, &last, 16);
	cr_assert_eq(nh_cmd(&h, 1, &r, NULL), 0);
	cr_assert_eq(memcmp((uint8_t *)rb.ptr + 3, wb.ptr, 1000), 0);
	cr_assert_eq(memcmp((uint8_t *)rb.ptr + 5000, (uint8_t *)wb.ptr + 1000, 96), 0);
	cr_assert_eq(memcmp((uint8_t *)rb.ptr + 8192, (uint8_t *)wb.ptr + 1096, 3000), 0);
	cr_assert_eq(ksim_nvme_ub_total(h.ctrl), 0);

	/* A bad descriptor type: SGL Descriptor Type Invalid, a ub_ event. */
	d[1].type = 0xf0;
	cr_assert_eq(nh_cmd(&h, 1, &r, NULL), 0x11);
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "ub_sgl_invalid"), 1);
	/* Too little data described: Data SGL Length Invalid. */
	d[1].type = 0;
	last.len = 32;
	memcpy(&r.prp1, &last, 16);
	cr_assert_eq(nh_cmd(&h, 1, &r, NULL), 0x0f);
	nh_free(&h, &wb);
	nh_free(&h, &rb);
	nh_free(&h, &seg);
	nh_destroy(&h);
}

/*
 * A Read from a RAM namespace goes from the store straight to host memory,
 * segment by segment: a data block over several pages of one mapping
 * arrives whole; one that runs past its mapping is a Data Transfer Error
 * with an IOMMU fault, as through the bounce buffer; a null namespace
 * reads as zeros, whatever the buffer held.
 */
Test(nvme_io, read_straight_from_the_store)
{
	struct nh_buf wb, rb, stale;
	uint8_t zeros[4096] = { 0 };

	up();
	nh_alloc(&h, &wb, 2 * 4096, KSIM_DMA_TO_DEVICE);
	nh_alloc(&h, &rb, 3 * 4096, KSIM_DMA_FROM_DEVICE);
	fill(wb.ptr, 2 * 4096, 11);
	cr_assert_eq(nh_rw(&h, 1, 0x01, 64, 16, &wb, 0), 0);

	struct nh_sqe r = { .opc = 0x02, .flags = 1 << 6, .nsid = 1, .cdw10 = 64, .cdw12 = 15 };
	struct sgl one = { .addr = rb.iova + 100, .len = 2 * 4096, .type = 0x00 };

	memcpy(&r.prp1, &one, 16);
	cr_assert_eq(nh_cmd(&h, 1, &r, NULL), 0);
	cr_assert_eq(memcmp((uint8_t *)rb.ptr + 100, wb.ptr, 2 * 4096), 0);
	cr_assert_eq(ksim_nvme_ub_total(h.ctrl), 0);

	/* 4 KiB from 2 KiB before the end of the mapping: the rest is unmapped. */
	one.addr = rb.iova + 3 * 4096 - 2048;
	one.len = 4096;
	memcpy(&r.prp1, &one, 16);
	r.cdw12 = 7;
	ktest_expect_reports(KSIM_REPORT_IOMMU, 1);
	cr_assert_eq(nh_cmd(&h, 1, &r, NULL), 0x04);
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "ub_dma_fault"), 1);
	nh_free(&h, &wb);
	nh_free(&h, &rb);
	nh_destroy(&h);

	struct ksim_nvme_config cfg;

	nh_config(&cfg);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "ns1.backend", "null", NULL, 0), 0);
	nh_create(&h, &cfg);
	nh_enable(&h, 8);
	cr_assert_eq(nh_create_io_queue(&h, 1, 16, true), 0);
	nh_alloc(&h, &stale, 4096, KSIM_DMA_FROM_DEVICE);
	fill(stale.ptr, 4096, 5);
	cr_assert_eq(nh_rw(&h, 1, 0x02, 0, 8, &stale, 0), 0);
	cr_assert_eq(memcmp(stale.ptr, zeros, 4096), 0);
	nh_free(&h, &stale);
	nh_destroy(&h);
}

Test(nvme_io, lba_range_and_mdts)
{
	struct nh_buf b;
	struct nh_cqe e;

	up();
	nh_alloc(&h, &b, 4096, KSIM_DMA_BIDIRECTIONAL);
	/* 16 MiB of 512-byte blocks: 32768 LBAs. */
	struct nh_sqe c = { .opc = 0x02, .nsid = 1, .prp1 = b.iova, .cdw10 = 32767, .cdw12 = 1 };

	cr_assert_eq(nh_cmd(&h, 1, &c, &e), 0x80);
	cr_assert(NH_DNR(&e));
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "ub_lba_range"), 1);
	c.cdw10 = 0;
	c.cdw12 = 511;			/* 256 KiB > 128 KiB MDTS */
	cr_assert_eq(nh_cmd(&h, 1, &c, NULL), 0x02);
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "ub_mdts_exceeded"), 1);
	c.cdw12 = 0;
	c.nsid = 9;
	cr_assert_eq(nh_cmd(&h, 1, &c, NULL), 0x0b);
	c.nsid = 1;
	c.opc = 0x7e;
	cr_assert_eq(nh_cmd(&h, 1, &c, NULL), 0x01);
	cr_assert_geq(ksim_nvme_event_count(h.ctrl, "err_cmd"), 4);
	nh_free(&h, &b);
	nh_destroy(&h);
}

Test(nvme_io, deallocate_and_write_zeroes_read_zeros)
{
	struct nh_buf b, r;
	static const uint8_t zero[4096];

	up();
	nh_alloc(&h, &b, 4096, KSIM_DMA_BIDIRECTIONAL);
	nh_alloc(&h, &r, 4096, KSIM_DMA_TO_DEVICE);
	memset(b.ptr, 0xee, 4096);
	cr_assert_eq(nh_rw(&h, 1, 0x01, 64, 8, &b, 0), 0);
	cr_assert_eq(nh_rw(&h, 1, 0x01, 128, 8, &b, 0), 0);
	/* DSM deallocate of LBAs 64..71. */
	((uint32_t *)r.ptr)[1] = 8;
	((uint64_t *)r.ptr)[1] = 64;
	struct nh_sqe d = { .opc = 0x09, .nsid = 1, .prp1 = r.iova, .cdw10 = 0, .cdw11 = 4 };

	cr_assert_eq(nh_cmd(&h, 1, &d, NULL), 0);
	cr_assert_eq(nh_rw(&h, 1, 0x02, 64, 8, &b, 0), 0);
	cr_assert_eq(memcmp(b.ptr, zero, 4096), 0);
	/* Write Zeroes of LBAs 128..135. */
	memset(b.ptr, 0xee, 4096);
	struct nh_sqe z = { .opc = 0x08, .nsid = 1, .cdw10 = 128, .cdw12 = 7 };

	cr_assert_eq(nh_cmd(&h, 1, &z, NULL), 0);
	cr_assert_eq(nh_rw(&h, 1, 0x02, 128, 8, &b, 0), 0);
	cr_assert_eq(memcmp(b.ptr, zero, 4096), 0);
	nh_free(&h, &b);
	nh_free(&h, &r);
	nh_destroy(&h);
}

Test(nvme_io, compare_success_and_failure)
{
	struct nh_buf b;
	struct nh_cqe e;

	up();
	nh_alloc(&h, &b, 4096, KSIM_DMA_BIDIRECTIONAL);
	fill(b.ptr, 4096, 1);
	cr_assert_eq(nh_rw(&h, 1, 0x01, 8, 8, &b, 0), 0);
	cr_assert_eq(nh_rw(&h, 1, 0x05, 8, 8, &b, 0), 0);
	((uint8_t *)b.ptr)[4000] ^= 1;
	struct nh_sqe c = { .opc = 0x05, .nsid = 1, .prp1 = b.iova, .cdw10 = 8, .cdw12 = 7 };

	cr_assert_eq(nh_cmd(&h, 1, &c, &e), 0x285, "Compare Failure");
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "err_compare_failure"), 1);
	cr_assert_eq(ksim_nvme_ub_total(h.ctrl), 0);
	nh_free(&h, &b);
	nh_destroy(&h);
}

Test(nvme_io, bad_prp_offset_is_ub)
{
	struct nh_buf b;

	up();
	nh_alloc(&h, &b, 3 * 4096, KSIM_DMA_BIDIRECTIONAL);
	struct nh_sqe c = { .opc = 0x02, .nsid = 1, .prp1 = b.iova + 2, .cdw12 = 0 };

	cr_assert_eq(nh_cmd(&h, 1, &c, NULL), 0x13, "PRP1 not dword aligned");
	c.prp1 = b.iova;
	c.prp2 = b.iova + 4096 + 8;
	c.cdw12 = 15;
	cr_assert_eq(nh_cmd(&h, 1, &c, NULL), 0x13, "PRP2 with an offset");
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "ub_prp_offset"), 2);
	nh_free(&h, &b);
	nh_destroy(&h);
}

Test(nvme_io, unmapped_buffer_is_data_transfer_error)
{
	struct nh_buf b;
	uint64_t iova;

	up();
	nh_alloc(&h, &b, 4096, KSIM_DMA_BIDIRECTIONAL);
	iova = b.iova;
	nh_free(&h, &b);
	ktest_expect_reports(KSIM_REPORT_IOMMU, 1);
	struct nh_sqe c = { .opc = 0x02, .nsid = 1, .prp1 = iova };

	cr_assert_eq(nh_cmd(&h, 1, &c, NULL), 0x04);
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "ub_dma_fault"), 1);
	nh_destroy(&h);
}
