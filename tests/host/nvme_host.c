// SPDX-License-Identifier: GPL-2.0
/*
 * tests/host/nvme_host.c - the tests' minimal NVMe host (see nvme_host.h).
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "ktest.h"
#include "nvme_host.h"
#include "sim/host.h"

#define NH_PAGE		4096
#define REG_CAP		0x00
#define REG_CC		0x14
#define REG_CSTS	0x1c
#define REG_AQA		0x24
#define REG_ASQ		0x28
#define REG_ACQ		0x30

void nh_config(struct ksim_nvme_config *cfg)
{
	ksim_nvme_config_init(cfg);
	cfg->ready_delay_ms = 2;
	cfg->queues = 4;
	cfg->ns[0].size = 16 << 20;
}

uint32_t nh_rd32(struct nh *h, uint64_t off)
{
	return (uint32_t)ksim_pci_mmio_read(h->pdev, 0, off, 4);
}

uint64_t nh_rd64(struct nh *h, uint64_t off)
{
	return ksim_pci_mmio_read(h->pdev, 0, off, 8);
}

void nh_wr32(struct nh *h, uint64_t off, uint32_t v)
{
	ksim_pci_mmio_write(h->pdev, 0, off, v, 4);
}

void nh_wr64(struct nh *h, uint64_t off, uint64_t v)
{
	ksim_pci_mmio_write(h->pdev, 0, off, v, 8);
}

void nh_alloc(struct nh *h, struct nh_buf *b, size_t len, enum ksim_dma_dir dir)
{
	size_t size = (len + NH_PAGE - 1) & ~(size_t)(NH_PAGE - 1);

	b->ptr = aligned_alloc(NH_PAGE, size);
	cr_assert(b->ptr);
	memset(b->ptr, 0, size);
	b->len = size;
	cr_assert_eq(ksim_iommu_map(h->pdev, b->ptr, size, dir, &b->iova), 0);
}

void nh_free(struct nh *h, struct nh_buf *b)
{
	if (!b->ptr)
		return;
	cr_assert_eq(ksim_iommu_unmap(h->pdev, b->iova, NULL, NULL), 0);
	free(b->ptr);
	b->ptr = NULL;
}

static void nh_irq(void *arg, unsigned int vector)
{
	struct nh *h = arg;

	if (vector < NH_MAX_Q) {
		__atomic_store_n(&h->irq_ns[vector], ksim_host->now_ns(), __ATOMIC_SEQ_CST);
		__atomic_add_fetch(&h->irqs[vector], 1, __ATOMIC_SEQ_CST);
	}
}

unsigned long nh_irqs(struct nh *h, unsigned int vector)
{
	return __atomic_load_n(&h->irqs[vector], __ATOMIC_SEQ_CST);
}

static uint32_t nh_cfg_rd(struct nh *h, unsigned int where, unsigned int size)
{
	uint32_t v = 0;

	cr_assert_eq(ksim_pci_config_read(h->pdev, where, size, &v), 0,
		     "config read at 0x%x", where);
	return v;
}

static void nh_cfg_wr(struct nh *h, unsigned int where, unsigned int size, uint32_t v)
{
	cr_assert_eq(ksim_pci_config_write(h->pdev, where, size, v), 0,
		     "config write at 0x%x", where);
}

static void nh_enable_msix(struct nh *h, unsigned int nvec)
{
	unsigned int pos;
	uint32_t ctl;

	/* Memory space and bus mastering on, as pci_enable_device + pci_set_master. */
	nh_cfg_wr(h, 0x04, 2, nh_cfg_rd(h, 0x04, 2) | 0x6);
	/* Walk the capability list for MSI-X (ID 0x11). */
	for (pos = nh_cfg_rd(h, 0x34, 1); pos; pos = nh_cfg_rd(h, pos + 1, 1))
		if (nh_cfg_rd(h, pos, 1) == 0x11)
			break;
	cr_assert(pos, "no MSI-X capability");
	h->msix_cap = pos;
	ctl = nh_cfg_rd(h, pos + 2, 2);
	/* MSI-X Enable on, Function Mask off. */
	nh_cfg_wr(h, pos + 2, 2, (ctl | 0x8000) & ~0x4000u);
	/* Unmask every vector in the table (vector control, dword 3). */
	for (unsigned int v = 0; v < nvec; v++)
		nh_msix_mask(h, v, false);
}

void nh_msix_mask(struct nh *h, unsigned int vector, bool mask)
{
	ksim_pci_mmio_write(h->pdev, 0, NH_MSIX_TABLE + 16 * vector + 12, mask ? 1 : 0, 4);
}

bool nh_msix_pending(struct nh *h, unsigned int vector)
{
	uint64_t pba = ksim_pci_mmio_read(h->pdev, 0, NH_MSIX_PBA + 8 * (vector / 64), 8);

	return (pba >> (vector % 64)) & 1;
}

void nh_create(struct nh *h, const struct ksim_nvme_config *cfg)
{
	memset(h, 0, sizeof(*h));
	cr_assert_eq(ksim_nvme_create("nvme0", cfg, &h->ctrl), 0);
	h->pdev = ksim_nvme_pci_dev(h->ctrl);
	ksim_iommu_set_mask(h->pdev, ~0ULL);
	for (unsigned int v = 0; v < NH_MAX_Q && v <= cfg->queues; v++)
		ksim_msix_set_handler(h->pdev, v, nh_irq, h);
	nh_enable_msix(h, cfg->queues + 1);
}

static bool nh_wait_rdy(struct nh *h, uint32_t want, unsigned int ms)
{
	return ktest_wait_for((nh_rd32(h, REG_CSTS) & 1) == want, ms);
}

void nh_enable(struct nh *h, unsigned int entries)
{
	struct nh_queue *q = &h->q[0];

	q->size = q->sq_size = entries;
	q->phase = 1;
	q->live = true;
	nh_alloc(h, &q->sq, entries * 64, KSIM_DMA_TO_DEVICE);
	nh_alloc(h, &q->cq, entries * 16, KSIM_DMA_FROM_DEVICE);
	nh_wr32(h, REG_AQA, (entries - 1) << 16 | (entries - 1));
	nh_wr64(h, REG_ASQ, q->sq.iova);
	nh_wr64(h, REG_ACQ, q->cq.iova);
	nh_wr32(h, REG_CC, 1 | 6 << 16 | 4 << 20);
	cr_assert(nh_wait_rdy(h, 1, 5000), "CSTS.RDY never came up (CSTS 0x%x)",
		  nh_rd32(h, REG_CSTS));
}

static void nh_forget_queues(struct nh *h)
{
	for (unsigned int i = 0; i < NH_MAX_Q; i++) {
		nh_free(h, &h->q[i].sq);
		nh_free(h, &h->q[i].cq);
		memset(&h->q[i], 0, sizeof(h->q[i]));
	}
}

void nh_disable(struct nh *h)
{
	nh_wr32(h, REG_CC, 6 << 16 | 4 << 20);
	cr_assert(nh_wait_rdy(h, 0, 5000), "CSTS.RDY stuck at 1");
	nh_forget_queues(h);
}

void nh_destroy(struct nh *h)
{
	nh_forget_queues(h);
	ksim_nvme_destroy(h->ctrl);
	memset(h, 0, sizeof(*h));
}

uint16_t nh_queue_cmd(struct nh *h, unsigned int qid, struct nh_sqe *sqe, bool keep_cid)
{
	struct nh_queue *q = &h->q[qid];
	struct nh_sqe *slot = (struct nh_sqe *)q->sq.ptr + q->sq_tail;

	if (!keep_cid)
		sqe->cid = q->next_cid++;
	*slot = *sqe;
	q->sq_tail = (q->sq_tail + 1) % (q->sq_size ? q->sq_size : q->size);
	return sqe->cid;
}

void nh_ring(struct nh *h, unsigned int qid)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	nh_wr32(h, 0x1000 + 8 * qid, h->q[qid].sq_tail);
}

int nh_reap(struct nh *h, unsigned int qid, struct nh_cqe *out, unsigned int ms)
{
	struct nh_queue *q = &h->q[qid];
	struct nh_cqe *e = (struct nh_cqe *)q->cq.ptr + q->cq_head;
	int64_t i;

	for (i = 0; i < (int64_t)ms * 20; i++) {
		if ((__atomic_load_n(&e->status, __ATOMIC_ACQUIRE) & 1) == q->phase)
			break;
		if (i > 1000)
			ktest_sleep_ms(1), i += 19;
	}
	if ((__atomic_load_n(&e->status, __ATOMIC_ACQUIRE) & 1) != q->phase)
		return NH_TIMEOUT;
	*out = *e;
	if (++q->cq_head == q->size) {
		q->cq_head = 0;
		q->phase ^= 1;
	}
	nh_wr32(h, 0x1000 + 8 * qid + 4, q->cq_head);
	return NH_STATUS(out);
}

int nh_cmd(struct nh *h, unsigned int qid, struct nh_sqe *sqe, struct nh_cqe *out)
{
	struct nh_cqe tmp;

	if (!out)
		out = &tmp;
	nh_queue_cmd(h, qid, sqe, false);
	nh_ring(h, qid);
	return nh_reap(h, qid, out, 5000);
}

int nh_create_io_queue(struct nh *h, unsigned int qid, unsigned int entries, bool ien)
{
	return nh_create_io_queue2(h, qid, entries, entries, ien);
}

int nh_create_io_queue2(struct nh *h, unsigned int qid, unsigned int sq_entries,
			unsigned int entries, bool ien)
{
	struct nh_queue *q = &h->q[qid];
	struct nh_sqe c = { 0 };
	int st;

	nh_alloc(h, &q->cq, entries * 16, KSIM_DMA_FROM_DEVICE);
	nh_alloc(h, &q->sq, sq_entries * 64, KSIM_DMA_TO_DEVICE);
	q->qid = qid;
	q->size = entries;
	q->sq_size = sq_entries;
	q->phase = 1;
	c.opc = 0x05;
	c.prp1 = q->cq.iova;
	c.cdw10 = (entries - 1) << 16 | qid;
	c.cdw11 = 1 | (ien ? 2 : 0) | qid << 16;
	st = nh_cmd(h, 0, &c, NULL);
	if (st)
		return st;
	memset(&c, 0, sizeof(c));
	c.opc = 0x01;
	c.prp1 = q->sq.iova;
	c.cdw10 = (sq_entries - 1) << 16 | qid;
	c.cdw11 = 1 | qid << 16;
	st = nh_cmd(h, 0, &c, NULL);
	q->live = !st;
	return st;
}

void nh_prp(struct nh *h, struct nh_sqe *sqe, struct nh_buf *buf, size_t offset,
	    size_t len, struct nh_buf *list)
{
	uint64_t first = buf->iova + offset;
	size_t in_first = NH_PAGE - (first & (NH_PAGE - 1));
	size_t rest = len > in_first ? len - in_first : 0;
	uint64_t next = (first & ~(uint64_t)(NH_PAGE - 1)) + NH_PAGE;

	sqe->prp1 = first;
	sqe->prp2 = 0;
	if (!rest)
		return;
	if (rest <= NH_PAGE) {
		sqe->prp2 = next;
		return;
	}
	size_t n = (rest + NH_PAGE - 1) / NH_PAGE;

	/* One list page holds 512 entries; tests stay below that. */
	cr_assert(n <= 512);
	nh_alloc(h, list, NH_PAGE, KSIM_DMA_TO_DEVICE);
	for (size_t i = 0; i < n; i++)
		((uint64_t *)list->ptr)[i] = next + i * NH_PAGE;
	sqe->prp2 = list->iova;
}

int nh_rw_ns(struct nh *h, unsigned int qid, uint32_t nsid, uint8_t opc, uint64_t slba,
	     uint32_t nlb, uint32_t lba_size, uint32_t flags, struct nh_buf *buf,
	     size_t offset)
{
	struct nh_buf list = { 0 };
	struct nh_sqe c = { 0 };
	int st;

	c.opc = opc;
	c.nsid = nsid;
	c.cdw10 = (uint32_t)slba;
	c.cdw11 = (uint32_t)(slba >> 32);
	c.cdw12 = (nlb - 1) | flags;
	nh_prp(h, &c, buf, offset, (size_t)nlb * lba_size, &list);
	st = nh_cmd(h, qid, &c, NULL);
	nh_free(h, &list);
	return st;
}

int nh_rw(struct nh *h, unsigned int qid, uint8_t opc, uint64_t slba, uint32_t nlb,
	  struct nh_buf *buf, size_t offset)
{
	return nh_rw_ns(h, qid, 1, opc, slba, nlb, 512, 0, buf, offset);
}

int nh_flush(struct nh *h, unsigned int qid, uint32_t nsid)
{
	struct nh_sqe c = { .opc = 0x00, .nsid = nsid };

	return nh_cmd(h, qid, &c, NULL);
}
