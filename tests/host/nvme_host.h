/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/host/nvme_host.h - a minimal NVMe "driver" for the model's tests:
 * it plays the host through the platform's bus-master half (MMIO,
 * IOMMU mappings, MSI-X handlers).  Its wire structures are its own, written
 * from the spec independently of nvme-model/nvme.h.
 */
#ifndef KSIM_TEST_NVME_HOST_H
#define KSIM_TEST_NVME_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ksim/platform.h"
#include "nvme-model/ksim_nvme.h"

struct nh_sqe {
	uint8_t opc, flags;
	uint16_t cid;
	uint32_t nsid;
	uint32_t rsvd[2];
	uint64_t mptr;
	uint64_t prp1, prp2;
	uint32_t cdw10, cdw11, cdw12, cdw13, cdw14, cdw15;
};
_Static_assert(sizeof(struct nh_sqe) == 64, "SQE");

struct nh_cqe {
	uint32_t dw0, dw1;
	uint16_t sqhd, sqid, cid, status;
};
_Static_assert(sizeof(struct nh_cqe) == 16, "CQE");

/* Status as SCT << 8 | SC (phase and DNR stripped). */
#define NH_STATUS(cqe)	((uint16_t)(((cqe)->status >> 1) & 0x7ff))
#define NH_DNR(cqe)	(((cqe)->status >> 15) & 1)
#define NH_TIMEOUT	(-1)

#define NH_MAX_Q	9

struct nh_buf {
	void *ptr;
	uint64_t iova;
	size_t len;
};

struct nh_queue {
	struct nh_buf sq, cq;
	uint16_t qid, size, sq_size;	/* size: the CQ's */
	uint16_t sq_tail, cq_head;
	uint8_t phase;
	uint16_t next_cid;
	bool live;
};

struct nh {
	struct ksim_nvme_ctrl *ctrl;
	struct ksim_pci_dev *pdev;
	struct nh_queue q[NH_MAX_Q];	/* [0]: admin */
	unsigned long irqs[NH_MAX_Q];	/* per vector, counted by the handler */
	int64_t irq_ns[NH_MAX_Q];	/* ksim_host->now_ns() of the last one */
	unsigned int msix_cap;		/* config-space offset of the MSI-X capability */
};

/* Where the model puts the MSI-X table and PBA in BAR0. */
#define NH_MSIX_TABLE	0x2000
#define NH_MSIX_PBA	0x3000

/* Defaults for tests: fast ready, 4 queues, one 16 MiB RAM namespace. */
void nh_config(struct ksim_nvme_config *cfg);
/* Create "nvme0" with @cfg; install counting MSI-X handlers; enable MSI-X. */
void nh_create(struct nh *h, const struct ksim_nvme_config *cfg);
/* Program the admin queue (@entries), set CC.EN and wait for RDY. */
void nh_enable(struct nh *h, unsigned int entries);
/* CC.EN = 0, wait for RDY = 0, forget the queues. */
void nh_disable(struct nh *h);
void nh_destroy(struct nh *h);

uint32_t nh_rd32(struct nh *h, uint64_t off);
uint64_t nh_rd64(struct nh *h, uint64_t off);
void nh_wr32(struct nh *h, uint64_t off, uint32_t v);
void nh_wr64(struct nh *h, uint64_t off, uint64_t v);

/* Page-aligned memory (+@offset), mapped for the device. */
void nh_alloc(struct nh *h, struct nh_buf *b, size_t len, enum ksim_dma_dir dir);
void nh_free(struct nh *h, struct nh_buf *b);

/* Queue a command on SQ @qid (cid assigned unless @keep_cid); no doorbell. */
uint16_t nh_queue_cmd(struct nh *h, unsigned int qid, struct nh_sqe *sqe, bool keep_cid);
void nh_ring(struct nh *h, unsigned int qid);
/* Poll CQ @qid for the next entry, up to @ms; consumes it and rings the head. */
int nh_reap(struct nh *h, unsigned int qid, struct nh_cqe *out, unsigned int ms);
/* Submit, ring, reap: the status (SCT << 8 | SC) or NH_TIMEOUT. */
int nh_cmd(struct nh *h, unsigned int qid, struct nh_sqe *sqe, struct nh_cqe *out);

/* Create CQ and SQ @qid with @entries, interrupts on vector @qid if @ien. */
int nh_create_io_queue(struct nh *h, unsigned int qid, unsigned int entries, bool ien);
int nh_create_io_queue2(struct nh *h, unsigned int qid, unsigned int sq_entries,
			unsigned int cq_entries, bool ien);

/* Read/write @nlb blocks at @slba of namespace 1 through a PRP-described buffer. */
int nh_rw(struct nh *h, unsigned int qid, uint8_t opc, uint64_t slba, uint32_t nlb,
	  struct nh_buf *buf, size_t offset);
/*
 * The same on namespace @nsid with @lba_size-byte blocks; @flags go in
 * CDW12's upper half (e.g. NH_FUA).
 */
#define NH_FUA	(1u << 30)
int nh_rw_ns(struct nh *h, unsigned int qid, uint32_t nsid, uint8_t opc, uint64_t slba,
	     uint32_t nlb, uint32_t lba_size, uint32_t flags, struct nh_buf *buf,
	     size_t offset);
/* Flush namespace @nsid (0xffffffff: all). */
int nh_flush(struct nh *h, unsigned int qid, uint32_t nsid);
/* Fill PRP1/PRP2 (and a PRP list in @list if needed) for @len bytes at buf + offset. */
void nh_prp(struct nh *h, struct nh_sqe *sqe, struct nh_buf *buf, size_t offset,
	    size_t len, struct nh_buf *list);

unsigned long nh_irqs(struct nh *h, unsigned int vector);
/* Set or clear the Mask bit of @vector's MSI-X table entry (an MMIO write). */
void nh_msix_mask(struct nh *h, unsigned int vector, bool mask);
/* @vector's bit in the MSI-X Pending Bit Array. */
bool nh_msix_pending(struct nh *h, unsigned int vector);

#endif
