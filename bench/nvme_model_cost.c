// SPDX-License-Identifier: GPL-2.0
/*
 * bench/nvme_model_cost.c - what one command costs in nvme-model, measured
 * from a polling "driver": 4 KiB reads on a RAM and a null namespace, at
 * queue depth 1 and 32, one worker, no interrupts (IEN = 0).  Prints ns per
 * command (wall time / commands), which includes the doorbell MMIO, the
 * SQE fetch, PRP translation through the IOMMU, the copy and the CQE.
 *
 *	build/bench/nvme_model_cost [commands]	(default 100000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ksim/boot.h"
#include "ksim/platform.h"
#include "nvme-model/ksim_nvme.h"

#define PAGE	4096
#define QD_MAX	32
#define QSIZE	64

struct sqe {
	uint8_t opc, flags;
	uint16_t cid;
	uint32_t nsid, rsvd[2];
	uint64_t mptr, prp1, prp2;
	uint32_t cdw10, cdw11, cdw12, cdw13, cdw14, cdw15;
};

struct cqe {
	uint32_t dw0, dw1;
	uint16_t sqhd, sqid, cid, status;
};

struct buf {
	void *p;
	uint64_t iova;
};

struct q {
	struct buf sq, cq;
	uint16_t tail, head, qid, size;
	uint8_t phase;
};

static struct ksim_pci_dev *pdev;

static void die(const char *what)
{
	fprintf(stderr, "nvme_model_cost: %s\n", what);
	exit(1);
}

static void balloc(struct buf *b, size_t len, enum ksim_dma_dir dir)
{
	b->p = aligned_alloc(PAGE, len);
	if (!b->p)
		die("out of memory");
	memset(b->p, 0, len);
	if (ksim_iommu_map(pdev, b->p, len, dir, &b->iova))
		die("iommu map");
}

static void bfree(struct buf *b)
{
	ksim_iommu_unmap(pdev, b->iova, NULL, NULL);
	free(b->p);
}

static void submit(struct q *q, struct sqe *c)
{
	((struct sqe *)q->sq.p)[q->tail] = *c;
	q->tail = (q->tail + 1) % q->size;
}

static void ring(struct q *q)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	ksim_pci_mmio_write(pdev, 0, 0x1000 + 8 * q->qid, q->tail, 4);
}

/* Spin for the next completion; returns its status (phase stripped). */
static unsigned int reap(struct q *q, int ring_head)
{
	struct cqe *e = (struct cqe *)q->cq.p + q->head;
	unsigned long spins = 0;
	unsigned int st;

	while ((__atomic_load_n(&e->status, __ATOMIC_ACQUIRE) & 1) != q->phase)
		if (++spins > 4000000000UL)
			die("completion timeout");
	st = e->status >> 1;
	if (++q->head == q->size) {
		q->head = 0;
		q->phase ^= 1;
	}
	if (ring_head)
		ksim_pci_mmio_write(pdev, 0, 0x1000 + 8 * q->qid + 4, q->head, 4);
	return st;
}

static void admin(struct q *aq, struct sqe *c)
{
	submit(aq, c);
	ring(aq);
	if (reap(aq, 1))
		die("admin command failed");
}

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static double run(struct q *q, struct buf *data, unsigned int qd, unsigned long n)
{
	unsigned long sent = 0, done = 0;
	int64_t t0;
	uint16_t cid = 0;

	t0 = now_ns();
	while (done < n) {
		unsigned int batch = 0;

		while (sent - done < qd && sent < n) {
			struct sqe c = { .opc = 0x02, .nsid = 1, .cid = cid++ };

			c.prp1 = data->iova + (sent % QD_MAX) * PAGE;
			c.cdw10 = (uint32_t)(sent % 1024) * 8;	/* 4 MiB of LBAs */
			c.cdw12 = 7;
			submit(q, &c);
			sent++;
			batch++;
		}
		if (batch)
			ring(q);
		/* Reap what is there (at least one), then ring the head once. */
		do {
			if (reap(q, 0))
				die("read failed");
			done++;
		} while (done < sent &&
			 (__atomic_load_n(&((struct cqe *)q->cq.p)[q->head].status,
					  __ATOMIC_ACQUIRE) & 1) == q->phase);
		ksim_pci_mmio_write(pdev, 0, 0x1000 + 8 * q->qid + 4, q->head, 4);
	}
	return (double)(now_ns() - t0) / (double)n;
}

static void bench(const char *backend, unsigned long n)
{
	struct ksim_nvme_config cfg;
	struct ksim_nvme_ctrl *ctrl;
	struct q aq = { .qid = 0, .size = 8, .phase = 1 };
	struct q io = { .qid = 1, .size = QSIZE, .phase = 1 };
	struct buf data;
	uint32_t v;
	char err[128];

	ksim_nvme_config_init(&cfg);
	cfg.ready_delay_ms = 0;
	if (ksim_nvme_config_set(&cfg, "ns1.backend", backend, err, sizeof(err)) ||
	    ksim_nvme_config_set(&cfg, "ns1.size", "64M", err, sizeof(err)))
		die(err);
	if (ksim_nvme_create("nvme0", &cfg, &ctrl))
		die("create");
	pdev = ksim_nvme_pci_dev(ctrl);
	ksim_iommu_set_mask(pdev, ~0ULL);
	ksim_pci_config_read(pdev, 0x04, 2, &v);
	ksim_pci_config_write(pdev, 0x04, 2, v | 0x6);

	balloc(&aq.sq, PAGE, KSIM_DMA_TO_DEVICE);
	balloc(&aq.cq, PAGE, KSIM_DMA_FROM_DEVICE);
	ksim_pci_mmio_write(pdev, 0, 0x24, 7 << 16 | 7, 4);
	ksim_pci_mmio_write(pdev, 0, 0x28, aq.sq.iova, 8);
	ksim_pci_mmio_write(pdev, 0, 0x30, aq.cq.iova, 8);
	ksim_pci_mmio_write(pdev, 0, 0x14, 1 | 6 << 16 | 4 << 20, 4);
	while (!(ksim_pci_mmio_read(pdev, 0, 0x1c, 4) & 1))
		;

	balloc(&io.sq, QSIZE * 64, KSIM_DMA_TO_DEVICE);
	balloc(&io.cq, PAGE, KSIM_DMA_FROM_DEVICE);
	balloc(&data, QD_MAX * PAGE, KSIM_DMA_FROM_DEVICE);
	struct sqe ccq = { .opc = 0x05, .prp1 = io.cq.iova, .cdw10 = (QSIZE - 1) << 16 | 1,
			   .cdw11 = 1 };	/* PC, IEN = 0: polled */
	struct sqe csq = { .opc = 0x01, .cid = 1, .prp1 = io.sq.iova,
			   .cdw10 = (QSIZE - 1) << 16 | 1, .cdw11 = 1 | 1 << 16 };
	admin(&aq, &ccq);
	admin(&aq, &csq);

	run(&io, &data, 1, n / 10 + 1);		/* warm up: chunks, caches */
	printf("%-5s 4 KiB read  QD1:  %7.0f ns/command\n", backend, run(&io, &data, 1, n));
	printf("%-5s 4 KiB read  QD32: %7.0f ns/command\n", backend, run(&io, &data, 32, n));

	ksim_pci_mmio_write(pdev, 0, 0x14, 6 << 16 | 4 << 20, 4);
	while (ksim_pci_mmio_read(pdev, 0, 0x1c, 4) & 1)
		;
	bfree(&data);
	bfree(&io.sq);
	bfree(&io.cq);
	bfree(&aq.sq);
	bfree(&aq.cq);
	ksim_nvme_destroy(ctrl);
}

int main(int argc, char **argv)
{
	struct ksim_boot_params params = { .seed = 1 };
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 0) : 100000;

	if (ksim_kernel_boot(&params))
		die("boot");
	bench("ram", n);
	bench("null", n);
	ksim_kernel_shutdown();
	return 0;
}
