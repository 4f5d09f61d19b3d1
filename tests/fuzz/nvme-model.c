// SPDX-License-Identifier: GPL-2.0
/*
 * tests/fuzz/nvme-model.c - a hostile driver against nvme-model.
 *
 * The input is a controller configuration followed by a stream of
 * operations a driver could perform: register reads and writes (any offset
 * and size in BAR0), an enable with admin queues in DMA memory, disable and
 * shutdown, admin and I/O commands with structured or raw fields, queue
 * creation, doorbells (valid and not), consuming completions, writes into
 * DMA memory (PRP lists, SGL descriptors, DSM ranges, anything), PCI config
 * writes (bus mastering off, MSI-X masks), time passing, fatal status,
 * temperature and surprise removal.  Each execution boots a deterministic
 * machine, creates the controller, runs the operations, destroys it and
 * shuts the machine down.
 *
 * The model is expected to flag misuse: its ub_ and err_ events, the
 * platform's IOMMU fault and MMIO reports are the hostile input being seen,
 * not findings.  Any other report (a leak, a WARN, a lock or object error,
 * a hang), a crash, a sanitizer error or a timeout is a finding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ksim/platform.h"
#include "ksim/report.h"

#include "fuzz.h"
#include "nvme-model/ksim_nvme.h"
#include "sim/host.h"

#define PAGE		4096u
#define ARENA_PAGES	64u
#define ARENA_SIZE	(ARENA_PAGES * PAGE)
#define MAX_OPS		256
#define HOST_QUEUES	9		/* admin + 8 I/O, as the host tracks them */

/* Register offsets (NVMe Base 2.0, 3.1.3) and the doorbell stride 0. */
#define R_CAP		0x00
#define R_VS		0x08
#define R_INTMS		0x0c
#define R_INTMC		0x10
#define R_CC		0x14
#define R_CSTS		0x1c
#define R_NSSR		0x20
#define R_AQA		0x24
#define R_ASQ		0x28
#define R_ACQ		0x30
#define DB_BASE		0x1000
#define BAR0_SIZE	0x4000
#define MSIX_TABLE	0x2000
#define MSIX_PBA	0x3000

#define CC_DEFAULT	(6u << 16 | 4u << 20)	/* IOSQES 6, IOCQES 4, MPS 0, CSS NVM */

/* The host's own view of a submission queue entry (figure 88). */
struct fz_sqe {
	uint8_t opc, flags;
	uint16_t cid;
	uint32_t nsid;
	uint32_t cdw2, cdw3;
	uint64_t mptr;
	uint64_t prp1, prp2;
	uint32_t cdw10, cdw11, cdw12, cdw13, cdw14, cdw15;
};
_Static_assert(sizeof(struct fz_sqe) == 64, "SQE");

struct fz_queue {
	uint32_t sq_off, cq_off;	/* in the arena */
	uint16_t sq_size, cq_size;
	uint16_t sq_tail, cq_head;
	uint8_t phase;
	bool live;
};

static struct fuzz_input in;
static uint8_t *arena;
static uint64_t arena_iova;
static uint32_t arena_next;	/* bump allocator for queue memory */
static struct ksim_nvme_ctrl *ctrl;
static struct ksim_pci_dev *pdev;
static struct fz_queue q[HOST_QUEUES];
static unsigned int nr_vectors;
static uint16_t next_cid;

static const char *const fault_specs[] = {
	"read:nth=2:sc=0x281:dnr", "any:nth=3:drop", "write:every=2:double",
	"admin:nth=4:fatal", "io:nth=1:sc=0x6", "any:every=3:drop",
};

static void irq_handler(void *arg, unsigned int vector)
{
	(void)arg;
	(void)vector;
}

static void config_from_input(struct ksim_nvme_config *cfg)
{
	static const unsigned int mqes[] = { 1, 3, 7, 15, 63, 1023 };
	static const uint32_t lba[] = { 512, 1024, 2048, 4096 };
	unsigned int i;

	ksim_nvme_config_init(cfg);
	cfg->queues = 1 + fuzz_below(&in, 8);
	cfg->mqes = mqes[fuzz_below(&in, 6)];
	cfg->mdts = 1 + fuzz_below(&in, 9);
	cfg->sgl = fuzz_bool(&in);
	cfg->vwc = fuzz_bool(&in);
	cfg->ready_delay_ms = fuzz_below(&in, 3);
	cfg->exec_worker = fuzz_one_in(&in, 4);
	cfg->workers = 1 + fuzz_below(&in, 2);
	cfg->spin_us = 0;
	cfg->nr_ns = fuzz_below(&in, 3);
	for (i = 0; i < cfg->nr_ns; i++) {
		cfg->ns[i].lba_size = lba[fuzz_below(&in, 4)];
		cfg->ns[i].size = (uint64_t)cfg->ns[i].lba_size * (1 + fuzz_below(&in, 4096));
		cfg->ns[i].backend = fuzz_one_in(&in, 4) ? KSIM_NVME_BACKEND_NULL :
							   KSIM_NVME_BACKEND_RAM;
	}
	if (fuzz_one_in(&in, 4)) {
		unsigned int kind = fuzz_below(&in, KSIM_NVME_LAT_NR);

		cfg->latency[kind].min_ns = fuzz_below(&in, 100) * 1000;
		cfg->latency[kind].max_ns = cfg->latency[kind].min_ns + fuzz_below(&in, 100) * 1000;
	}
	if (fuzz_one_in(&in, 8)) {
		snprintf(cfg->faults[0], sizeof(cfg->faults[0]), "%s",
			 fault_specs[fuzz_below(&in, sizeof(fault_specs) / sizeof(fault_specs[0]))]);
		cfg->nr_faults = 1;
	}
}

static uint32_t rd32(uint64_t off)
{
	return (uint32_t)ksim_pci_mmio_read(pdev, 0, off, 4);
}

static void wr32(uint64_t off, uint32_t v)
{
	ksim_pci_mmio_write(pdev, 0, off, v, 4);
}

static void wr64(uint64_t off, uint64_t v)
{
	ksim_pci_mmio_write(pdev, 0, off, v, 8);
}

static void sleep_us(uint64_t us)
{
	ksim_host->sleep_until(ksim_host->now_ns() + (int64_t)us * 1000);
}

/* Wait (in virtual time, bounded) for CSTS.RDY to read @want. */
static void wait_rdy(uint32_t want)
{
	int i;

	for (i = 0; i < 50 && (rd32(R_CSTS) & 1) != want; i++)
		sleep_us(1000);
}

/* Queue memory from the arena (wrapping: queues may overlap, as a buggy driver's would). */
static uint32_t arena_take(uint32_t len)
{
	uint32_t off;

	len = (len + PAGE - 1) & ~(PAGE - 1);
	if (len > ARENA_SIZE / 2)
		len = ARENA_SIZE / 2;
	if (arena_next + len > ARENA_SIZE)
		arena_next = 0;
	off = arena_next;
	arena_next += len;
	return off;
}

/* A bus address for data: mostly in the arena, aligned or not, sometimes anywhere. */
static uint64_t pick_addr(void)
{
	switch (fuzz_below(&in, 6)) {
	case 0:
	case 1:
		return arena_iova + (uint64_t)fuzz_below(&in, ARENA_PAGES) * PAGE;
	case 2:
		return arena_iova + (uint64_t)fuzz_below(&in, ARENA_PAGES) * PAGE +
		       fuzz_below(&in, PAGE / 4) * 4;
	case 3:
		return arena_iova + fuzz_below(&in, ARENA_SIZE);
	case 4:
		return fuzz_u64(&in);
	default:
		return arena_iova + ARENA_SIZE - PAGE + fuzz_below(&in, 2 * PAGE);
	}
}

/* Put @sqe in SQ @qid at the host's tail and ring the doorbell (or not). */
static void submit(unsigned int qid, struct fz_sqe *sqe)
{
	struct fz_queue *fq = &q[qid];

	if (!fq->live || !fq->sq_size)
		return;
	sqe->cid = fuzz_one_in(&in, 16) ? fuzz_u16(&in) : next_cid++;
	memcpy(arena + fq->sq_off + (uint32_t)fq->sq_tail * sizeof(*sqe), sqe, sizeof(*sqe));
	fq->sq_tail = (uint16_t)((fq->sq_tail + 1) % fq->sq_size);
	if (!fuzz_one_in(&in, 8))
		wr32(DB_BASE + 8 * qid, fq->sq_tail);
}

/* Consume what CQ @qid holds (by phase tag) and ring its head doorbell. */
static void reap(unsigned int qid)
{
	struct fz_queue *fq = &q[qid];
	unsigned int n = 0;

	if (!fq->live || !fq->cq_size)
		return;
	for (;;) {
		const uint8_t *cqe = arena + fq->cq_off + (uint32_t)fq->cq_head * 16;
		uint16_t status;

		memcpy(&status, cqe + 14, 2);
		if ((status & 1) != fq->phase || n++ > fq->cq_size)
			break;
		if (++fq->cq_head == fq->cq_size) {
			fq->cq_head = 0;
			fq->phase ^= 1;
		}
	}
	wr32(DB_BASE + 8 * qid + 4, fq->cq_head);
}

static void host_forget_queues(void)
{
	memset(q, 0, sizeof(q));
	arena_next = 0;
}

static void op_enable(void)
{
	struct fz_queue *aq = &q[0];
	uint16_t entries = 2 + fuzz_below(&in, 63);
	uint32_t cc = CC_DEFAULT | 1;

	host_forget_queues();
	aq->sq_size = aq->cq_size = entries;
	aq->sq_off = arena_take(entries * 64u);
	aq->cq_off = arena_take(entries * 16u);
	aq->phase = 1;
	aq->live = true;
	memset(arena + aq->cq_off, 0, entries * 16u);
	wr32(R_AQA, (uint32_t)(entries - 1) << 16 | (entries - 1));
	wr64(R_ASQ, arena_iova + aq->sq_off);
	wr64(R_ACQ, arena_iova + aq->cq_off);
	if (fuzz_one_in(&in, 8))
		cc ^= 1u << (4 + fuzz_below(&in, 20));	/* an invalid CSS/MPS/AMS/ES field */
	wr32(R_CC, cc);
	wait_rdy(1);
}

static void op_disable(void)
{
	uint32_t cc = CC_DEFAULT;

	if (fuzz_one_in(&in, 3))
		cc |= (1u + fuzz_below(&in, 2)) << 14 | 1;	/* shutdown, controller still enabled */
	wr32(R_CC, cc);
	if (!(cc & 1)) {
		wait_rdy(0);
		host_forget_queues();
	} else {
		sleep_us(fuzz_below(&in, 2000));
	}
}

static void op_reg_write(void)
{
	static const uint16_t regs[] = { R_CAP, R_VS, R_INTMS, R_INTMC, R_CC, R_CSTS, R_NSSR,
					 R_AQA, R_ASQ, R_ASQ + 4, R_ACQ, R_ACQ + 4, 0x38, 0x3c };
	static const unsigned int sizes[] = { 4, 8, 1, 2 };
	uint64_t off = fuzz_one_in(&in, 4) ? fuzz_below(&in, BAR0_SIZE + 16) :
					     regs[fuzz_below(&in, sizeof(regs) / sizeof(regs[0]))];
	unsigned int size = sizes[fuzz_below(&in, 4)];

	ksim_pci_mmio_write(pdev, 0, off, fuzz_u64(&in), size);
}

static void op_reg_read(void)
{
	static const unsigned int sizes[] = { 4, 8, 1, 2 };
	uint64_t off = fuzz_below(&in, BAR0_SIZE + 16);

	(void)ksim_pci_mmio_read(pdev, 0, off, sizes[fuzz_below(&in, 4)]);
}

/* Create I/O CQ and SQ @qid from arena memory, as a driver would (the fields sometimes off). */
static void op_create_queue_pair(void)
{
	unsigned int qid = 1 + fuzz_below(&in, HOST_QUEUES - 1);
	uint16_t entries = 2 + fuzz_below(&in, 127);
	struct fz_queue *fq = &q[qid];
	struct fz_sqe sqe;

	if (!q[0].live)
		return;
	fq->sq_size = fq->cq_size = entries;
	fq->sq_off = arena_take(entries * 64u);
	fq->cq_off = arena_take(entries * 16u);
	fq->sq_tail = fq->cq_head = 0;
	fq->phase = 1;
	fq->live = true;
	memset(arena + fq->cq_off, 0, entries * 16u);

	memset(&sqe, 0, sizeof(sqe));
	sqe.opc = 0x05;
	sqe.prp1 = arena_iova + fq->cq_off;
	sqe.cdw10 = (uint32_t)(entries - 1) << 16 | qid;
	sqe.cdw11 = (qid % (nr_vectors ? nr_vectors : 1)) << 16 | 1u << 1 | 1;
	if (fuzz_one_in(&in, 4))
		sqe.cdw11 = fuzz_u32(&in);
	submit(0, &sqe);
	memset(&sqe, 0, sizeof(sqe));
	sqe.opc = 0x01;
	sqe.prp1 = arena_iova + fq->sq_off;
	sqe.cdw10 = (uint32_t)(entries - 1) << 16 | qid;
	sqe.cdw11 = (uint32_t)(fuzz_one_in(&in, 4) ? fuzz_below(&in, 10) : qid) << 16 | 1;
	submit(0, &sqe);
	reap(0);
}

static uint32_t pick_nsid(void)
{
	switch (fuzz_below(&in, 5)) {
	case 0:
	case 1:
		return 1;
	case 2:
		return 2;
	case 3:
		return 0xffffffff;
	default:
		return fuzz_u32(&in);
	}
}

static void fill_data_pointer(struct fz_sqe *sqe)
{
	sqe->prp1 = pick_addr();
	sqe->prp2 = pick_addr();
	if (fuzz_one_in(&in, 3)) {
		/* An SGL descriptor in DPTR: PSDT 01b, a type and length from the input. */
		sqe->flags |= (uint8_t)((1 + fuzz_below(&in, 3)) << 6);
		sqe->prp2 = (uint64_t)fuzz_u32(&in) | (uint64_t)fuzz_u8(&in) << 56;
	}
}

static void op_admin_cmd(void)
{
	static const uint8_t opcodes[] = { 0x00, 0x01, 0x02, 0x04, 0x05, 0x06, 0x08, 0x09,
					   0x0a, 0x0c, 0x18, 0x10, 0x80, 0x7f };
	struct fz_sqe sqe;

	memset(&sqe, 0, sizeof(sqe));
	sqe.opc = fuzz_one_in(&in, 8) ? fuzz_u8(&in) :
					opcodes[fuzz_below(&in, sizeof(opcodes))];
	if (fuzz_one_in(&in, 8))
		sqe.flags = fuzz_u8(&in);
	sqe.nsid = fuzz_one_in(&in, 2) ? 0 : pick_nsid();
	fill_data_pointer(&sqe);
	switch (sqe.opc) {
	case 0x06:			/* Identify: CNS, sometimes with CNTID/NSID */
		sqe.cdw10 = fuzz_one_in(&in, 4) ? fuzz_u32(&in) : fuzz_below(&in, 4);
		break;
	case 0x02:			/* Get Log Page: LID and a dword count */
		sqe.cdw10 = fuzz_below(&in, 8) | (uint32_t)fuzz_u16(&in) << 16;
		sqe.cdw12 = fuzz_one_in(&in, 4) ? fuzz_u32(&in) : 0;
		break;
	case 0x09:			/* Set/Get Features: FID and a value */
	case 0x0a:
		sqe.cdw10 = fuzz_one_in(&in, 4) ? fuzz_u32(&in) : fuzz_below(&in, 0x12);
		sqe.cdw11 = fuzz_u32(&in);
		break;
	case 0x08:			/* Abort: SQID and CID */
		sqe.cdw10 = fuzz_below(&in, HOST_QUEUES) | (uint32_t)fuzz_below(&in, next_cid + 1) << 16;
		break;
	default:
		sqe.cdw10 = fuzz_u32(&in);
		sqe.cdw11 = fuzz_u32(&in);
		break;
	}
	submit(0, &sqe);
}

static void op_io_cmd(void)
{
	static const uint8_t opcodes[] = { 0x00, 0x01, 0x02, 0x05, 0x08, 0x09, 0x01, 0x02 };
	unsigned int qid = 1 + fuzz_below(&in, HOST_QUEUES - 1);
	struct fz_sqe sqe;
	uint64_t slba;

	memset(&sqe, 0, sizeof(sqe));
	sqe.opc = fuzz_one_in(&in, 8) ? fuzz_u8(&in) :
					opcodes[fuzz_below(&in, sizeof(opcodes))];
	if (fuzz_one_in(&in, 16))
		sqe.flags = fuzz_u8(&in);
	sqe.nsid = pick_nsid();
	fill_data_pointer(&sqe);
	slba = fuzz_one_in(&in, 4) ? fuzz_u64(&in) : fuzz_below(&in, 64);
	sqe.cdw10 = (uint32_t)slba;
	sqe.cdw11 = (uint32_t)(slba >> 32);
	if (sqe.opc == 0x09) {		/* DSM: ranges - 1, attributes */
		sqe.cdw10 = fuzz_below(&in, 256);
		sqe.cdw11 = fuzz_below(&in, 8);
	} else {
		sqe.cdw12 = fuzz_one_in(&in, 4) ? fuzz_u32(&in) : fuzz_below(&in, 64);
		if (fuzz_one_in(&in, 4))
			sqe.cdw12 |= 1u << 30;	/* FUA */
	}
	submit(fuzz_one_in(&in, 16) ? 0 : qid, &sqe);
}

static void op_doorbell(void)
{
	unsigned int idx = fuzz_below(&in, 2 * (HOST_QUEUES + 2));
	uint32_t value = fuzz_one_in(&in, 2) ? fuzz_u16(&in) : fuzz_below(&in, 130);

	wr32(DB_BASE + 4 * idx, value);
}

/* Bytes into DMA memory: a PRP list, SGL descriptors, DSM ranges or just data. */
static void op_dma_write(void)
{
	uint32_t off = fuzz_below(&in, ARENA_SIZE / 8) * 8;
	unsigned int i, n;

	switch (fuzz_below(&in, 3)) {
	case 0:				/* PRP list entries */
		n = 1 + fuzz_below(&in, 32);
		for (i = 0; i < n && off + 8 <= ARENA_SIZE; i++, off += 8) {
			uint64_t a = pick_addr();

			memcpy(arena + off, &a, 8);
		}
		break;
	case 1:				/* SGL descriptors */
		n = 1 + fuzz_below(&in, 8);
		for (i = 0; i < n && off + 16 <= ARENA_SIZE; i++, off += 16) {
			uint64_t a = pick_addr();
			uint32_t len = fuzz_one_in(&in, 4) ? fuzz_u32(&in) : fuzz_below(&in, 2 * PAGE);
			uint8_t type = (uint8_t)(fuzz_below(&in, 5) << 4 | fuzz_below(&in, 2));

			if (fuzz_one_in(&in, 4))
				len = (uint32_t)(1 + fuzz_below(&in, 8)) * 16;
			memcpy(arena + off, &a, 8);
			memcpy(arena + off + 8, &len, 4);
			memset(arena + off + 12, 0, 3);
			arena[off + 15] = type;
		}
		break;
	default:
		n = 1 + fuzz_below(&in, 64);
		if (off + n > ARENA_SIZE)
			n = ARENA_SIZE - off;
		fuzz_bytes(&in, arena + off, n);
		break;
	}
}

static void op_pci(void)
{
	unsigned int v = fuzz_below(&in, nr_vectors + 1);

	switch (fuzz_below(&in, 4)) {
	case 0:				/* bus mastering / memory space toggled */
		ksim_pci_config_write(pdev, 0x04, 2, fuzz_below(&in, 8));
		break;
	case 1:
		ksim_pci_mmio_write(pdev, 0, MSIX_TABLE + 16 * v + 12, fuzz_below(&in, 2), 4);
		break;
	case 2:
		(void)ksim_pci_mmio_read(pdev, 0, MSIX_PBA, 8);
		break;
	default:
		ksim_pci_config_write(pdev, fuzz_below(&in, 256) & ~3u, 4, fuzz_u32(&in));
		break;
	}
}

static void op_misc(void)
{
	switch (fuzz_below(&in, 8)) {
	case 0:
		ksim_nvme_inject_fatal(ctrl);
		break;
	case 1:
		ksim_nvme_inject_surprise_removal(ctrl);
		break;
	case 2:
	case 3:
		ksim_nvme_set_temperature(ctrl, 200 + fuzz_below(&in, 200));
		break;
	default:
		sleep_us(fuzz_below(&in, 4) == 0 ? 200000 : fuzz_below(&in, 2000));
		break;
	}
}

/* Enable the function and MSI-X as the PCI core would for the driver. */
static void pci_setup(const struct ksim_nvme_config *cfg)
{
	uint32_t v = 0;
	unsigned int pos, i;

	nr_vectors = cfg->queues + 1;
	ksim_iommu_set_mask(pdev, ~0ULL);
	for (i = 0; i < nr_vectors; i++)
		ksim_msix_set_handler(pdev, i, irq_handler, NULL);
	ksim_pci_config_read(pdev, 0x04, 2, &v);
	ksim_pci_config_write(pdev, 0x04, 2, v | 0x6);
	ksim_pci_config_read(pdev, 0x34, 1, &v);
	for (pos = v; pos; pos = v) {
		uint32_t id = 0;

		ksim_pci_config_read(pdev, pos, 1, &id);
		if (id == 0x11) {
			ksim_pci_config_read(pdev, pos + 2, 2, &v);
			ksim_pci_config_write(pdev, pos + 2, 2, (v | 0x8000) & ~0x4000u);
			break;
		}
		v = 0;
		ksim_pci_config_read(pdev, pos + 1, 1, &v);
	}
	for (i = 0; i < nr_vectors; i++)
		ksim_pci_mmio_write(pdev, 0, MSIX_TABLE + 16 * i + 12, 0, 4);
}

/*
 * The reports a hostile driver is expected to cause: the platform's IOMMU
 * faults (DMA to memory it did not map) and MMIO reports (accesses outside
 * BAR0).  Anything else made during the run is the model's bug.
 */
static void check_reports(void)
{
	unsigned long unexpected = ksim_report_total() - ksim_report_count(KSIM_REPORT_IOMMU) -
				   ksim_report_count(KSIM_REPORT_MMIO);

	if (unexpected)
		fuzz_finding("the model or platform reported a bug under a hostile driver");
	ksim_report_reset();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ksim_nvme_config cfg;
	int ops, err;

	if (!arena && posix_memalign((void **)&arena, PAGE, ARENA_SIZE))
		abort();
	memset(arena, 0, ARENA_SIZE);
	host_forget_queues();
	next_cid = 0;
	fuzz_input_init(&in, data, size);
	fuzz_machine_begin(data, size, fuzz_u32(&in));
	config_from_input(&cfg);
	err = ksim_nvme_create("nvme0", &cfg, &ctrl);
	if (err) {
		fprintf(stderr, "ksim-fuzz: the NVMe model could not be created (%d)\n", err);
		exit(2);
	}
	pdev = ksim_nvme_pci_dev(ctrl);
	pci_setup(&cfg);
	if (ksim_iommu_map(pdev, arena, ARENA_SIZE, KSIM_DMA_BIDIRECTIONAL, &arena_iova)) {
		fprintf(stderr, "ksim-fuzz: the DMA arena could not be mapped\n");
		exit(2);
	}

	for (ops = 0; ops < MAX_OPS && !fuzz_empty(&in); ops++) {
		switch (fuzz_below(&in, 16)) {
		case 0:
			op_enable();
			break;
		case 1:
			op_disable();
			break;
		case 2:
			op_reg_write();
			break;
		case 3:
			op_reg_read();
			break;
		case 4:
			op_create_queue_pair();
			break;
		case 5:
		case 6:
			op_admin_cmd();
			break;
		case 7:
		case 8:
		case 9:
			op_io_cmd();
			break;
		case 10:
			op_doorbell();
			break;
		case 11:
			reap(fuzz_below(&in, HOST_QUEUES));
			break;
		case 12:
			op_dma_write();
			break;
		case 13:
			op_pci();
			break;
		default:
			op_misc();
			break;
		}
	}

	/* With the console on (replaying an input), what the model saw. */
	if (getenv("KSIM_FUZZ_CONSOLE"))
		ksim_nvme_dump_events(ctrl);
	/* The driver goes away with the controller in whatever state the input left it. */
	if (ksim_iommu_unmap(pdev, arena_iova, NULL, NULL))
		fuzz_finding("the DMA arena mapping vanished");
	ksim_nvme_destroy(ctrl);
	ctrl = NULL;
	pdev = NULL;
	check_reports();
	fuzz_machine_end();
	return 0;
}
