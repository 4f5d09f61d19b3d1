// SPDX-License-Identifier: GPL-2.0
/*
 * tests/fuzz/planted/device.c - the hostile ksim mailbox (see
 * ksim_mbox_hw.h): the device the planted driver (ksim_mbox.c) drives,
 * with every choice a device could get wrong read from the fuzz input.
 *
 * The model is synchronous: a doorbell write runs the new commands at
 * once, on the driver's CPU, and posts their completions; the interrupt
 * follows through the platform (deferred to the irq task when the driver
 * rang with interrupts off).  Per command the input gives three bytes,
 * each zero for "behave":
 *
 *	mode	bits 1:0: 0 complete once, 1 complete twice (same tag),
 *		2 never complete, 3 complete once and raise a spurious
 *		interrupt as well
 *	status	the completion's status byte, as is
 *	len	a query's reply length, reported and written (0: the true
 *		length, 16; never more than the query's buffer)
 *
 * and at creation one byte: bits 3:0 the CAP register's channel count,
 * bit 4 "never becomes ready".  The rest (register values, reply data,
 * channel priorities) is fixed: what the input decides is what reaches the
 * driver's decisions, which keeps the decode short and the fuzzer's
 * mutations meaningful.
 *
 * The device stays within the DMA the driver allows it (a reply never
 * longer than the command's buffer, no DMA while disabled), so every
 * finding is the driver's.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ksim/platform.h"

#include "device.h"
#include "planted/ksim_mbox_hw.h"

#define MODE_ONCE	0
#define MODE_TWICE	1
#define MODE_NEVER	2
#define MODE_SPURIOUS	3

#define CFG_NR_CHAN	0x0f
#define CFG_NOT_READY	0x10

/* The true length of a reply. */
#define REPLY_LEN	16
/* Completions waiting for room in the ring: at most two per tag. */
#define MAX_PENDING	(2 * MBOX_DEPTH + 2)

struct pending_cpl {
	uint8_t tag, status, len;
};

struct mbox_model {
	struct fuzz_input *in;
	struct ksim_pci_dev *pdev;
	uint8_t cfg;
	uint32_t ctrl;
	uint64_t ring;
	unsigned int cmd_head;		/* next command the device reads */
	unsigned int cpl_tail;		/* next completion slot it writes */
	unsigned int cpl_head;		/* the driver's consumer index */
	struct pending_cpl pending[MAX_PENDING];
	unsigned int nr_pending;
	uint8_t scratch[MBOX_MSG_MAX];
};

static bool enabled(const struct mbox_model *m)
{
	return m->ctrl & MBOX_CTRL_ENABLE;
}

static void reset(struct mbox_model *m)
{
	m->cmd_head = 0;
	m->cpl_tail = 0;
	m->cpl_head = 0;
	m->nr_pending = 0;
}

/* Write what fits in the completion ring; raise the vector if anything went. */
static void flush_completions(struct mbox_model *m)
{
	unsigned int posted = 0, i;

	while (posted < m->nr_pending && (m->cpl_tail + 1) % MBOX_DEPTH != m->cpl_head) {
		const struct pending_cpl *p = &m->pending[posted];
		uint8_t cpl[MBOX_CPL_SIZE] = { p->tag, p->status, p->len, 0, 0, 0, 0, 0 };

		if (ksim_dma_write(m->pdev, m->ring + MBOX_CPL_OFF + m->cpl_tail * MBOX_CPL_SIZE,
				   cpl, sizeof(cpl)))
			break;
		m->cpl_tail = (m->cpl_tail + 1) % MBOX_DEPTH;
		posted++;
	}
	if (!posted)
		return;
	for (i = posted; i < m->nr_pending; i++)
		m->pending[i - posted] = m->pending[i];
	m->nr_pending -= posted;
	ksim_msix_raise(m->pdev, 0);
}

static void queue_completion(struct mbox_model *m, uint8_t tag, uint8_t status, uint8_t len)
{
	if (m->nr_pending == MAX_PENDING)
		return;		/* a device with a full internal queue drops it */
	m->pending[m->nr_pending++] = (struct pending_cpl){ tag, status, len };
}

/* One command from the ring: do it, then complete it as the input says. */
static void run_command(struct mbox_model *m, const uint8_t *cmd)
{
	uint8_t opcode = cmd[0], tag = cmd[1];
	uint16_t len = cmd[2] | cmd[3] << 8;
	uint64_t addr = 0;
	uint8_t mode = fuzz_u8(m->in) & 3;
	uint8_t status = fuzz_u8(m->in);
	uint8_t reply_len = fuzz_u8(m->in);
	int i;

	for (i = 7; i >= 0; i--)
		addr = addr << 8 | cmd[8 + i];
	if (mode == MODE_NEVER)
		return;
	if (opcode == MBOX_OP_POST) {
		if (ksim_dma_read(m->pdev, addr, m->scratch,
				  len < sizeof(m->scratch) ? len : sizeof(m->scratch)))
			status = MBOX_STS_INVALID;
		reply_len = 0;
	} else if (opcode == MBOX_OP_QUERY) {
		uint8_t reply[256];
		size_t n = reply_len ? reply_len : REPLY_LEN;

		if (n > len)
			n = len;
		for (i = 0; i < (int)n; i++)
			reply[i] = (uint8_t)(tag * 16 + i);
		if (n && ksim_dma_write(m->pdev, addr, reply, n))
			status = MBOX_STS_INVALID;
		if (!reply_len)
			reply_len = (uint8_t)n;
	} else {
		status = MBOX_STS_INVALID;
		reply_len = 0;
	}
	queue_completion(m, tag, status, reply_len);
	if (mode == MODE_TWICE)
		queue_completion(m, tag, status, reply_len);
	flush_completions(m);
	if (mode == MODE_SPURIOUS)
		ksim_msix_raise(m->pdev, 0);
}

static void doorbell(struct mbox_model *m, unsigned int tail)
{
	uint8_t cmd[MBOX_CMD_SIZE];

	tail %= MBOX_DEPTH;
	while (enabled(m) && m->cmd_head != tail) {
		if (ksim_dma_read(m->pdev, m->ring + m->cmd_head * MBOX_CMD_SIZE, cmd, sizeof(cmd)))
			return;
		m->cmd_head = (m->cmd_head + 1) % MBOX_DEPTH;
		run_command(m, cmd);
	}
}

static uint64_t mbox_mmio_read(void *model, int bar, uint64_t off, unsigned int size)
{
	struct mbox_model *m = model;

	(void)bar;
	if (off >= MBOX_REG_CHAN_PRIO(0) && off < MBOX_REG_CHAN_PRIO(16))
		return 1 + (off - MBOX_REG_CHAN_PRIO(0)) % 4;
	if (size != 4)
		return 0;
	switch (off) {
	case MBOX_REG_ID:
		return MBOX_ID_MAGIC;
	case MBOX_REG_CAP:
		return m->cfg & CFG_NR_CHAN;
	case MBOX_REG_CTRL:
		return m->ctrl;
	case MBOX_REG_STATUS:
		return enabled(m) && !(m->cfg & CFG_NOT_READY) ? MBOX_STATUS_READY : 0;
	case MBOX_REG_RING_LO:
		return (uint32_t)m->ring;
	case MBOX_REG_RING_HI:
		return (uint32_t)(m->ring >> 32);
	case MBOX_REG_CPL_TAIL:
		return m->cpl_tail;
	default:
		return 0;
	}
}

static void mbox_mmio_write(void *model, int bar, uint64_t off, uint64_t val, unsigned int size)
{
	struct mbox_model *m = model;

	(void)bar;
	if (size != 4)
		return;
	switch (off) {
	case MBOX_REG_CTRL:
		m->ctrl = (uint32_t)val;
		if (!enabled(m))
			reset(m);
		break;
	case MBOX_REG_RING_LO:
		m->ring = (m->ring & ~0xffffffffULL) | (uint32_t)val;
		break;
	case MBOX_REG_RING_HI:
		m->ring = (m->ring & 0xffffffffULL) | (uint64_t)(uint32_t)val << 32;
		break;
	case MBOX_REG_CMD_TAIL:
		doorbell(m, (unsigned int)val);
		break;
	case MBOX_REG_CPL_HEAD:
		m->cpl_head = (unsigned int)val % MBOX_DEPTH;
		if (enabled(m))
			flush_completions(m);
		break;
	default:
		break;
	}
}

static const struct ksim_pci_model_ops mbox_ops = {
	.mmio_read = mbox_mmio_read,
	.mmio_write = mbox_mmio_write,
};

int mbox_model_create(struct fuzz_input *in, struct mbox_model **out)
{
	struct ksim_pci_dev_info info = { 0 };
	struct mbox_model *m = calloc(1, sizeof(*m));
	int ret;

	if (!m)
		return -ENOMEM;
	m->in = in;
	m->cfg = fuzz_u8(in);
	info.name = "kmbox0";
	info.vendor = MBOX_VENDOR_ID;
	info.device = MBOX_DEVICE_ID;
	info.subsystem_vendor = MBOX_VENDOR_ID;
	info.subsystem_device = MBOX_DEVICE_ID;
	info.class_code = MBOX_CLASS;
	info.revision = 1;
	info.bar_size[0] = MBOX_BAR_SIZE;
	info.msix_vectors = 1;
	info.msix_bar = 0;
	info.msix_table_offset = MBOX_MSIX_TABLE;
	info.msix_pba_offset = MBOX_MSIX_PBA;
	info.ops = &mbox_ops;
	info.model = m;
	ret = ksim_pci_add_device(&info, &m->pdev);
	if (ret) {
		free(m);
		return ret;
	}
	*out = m;
	return 0;
}

void mbox_model_destroy(struct mbox_model *m)
{
	if (!m)
		return;
	ksim_pci_remove_device(m->pdev);
	free(m);
}
