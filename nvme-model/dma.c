// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-model/dma.c - data transfer: walking PRP entries and lists (Base
 * 2.0, 4.1.1) and SGLs (4.1.2) and moving the bytes with the platform's DMA.
 *
 * A read from a namespace whose store is memory (ram, null) skips the
 * bounce buffer: each segment is read from the store straight into the
 * host's memory (nvme_dma_read_ns()).
 *
 * Every rule the driver can break here (a misaligned PRP, a malformed SGL,
 * an unmapped buffer) ends as the spec's status in the completion and a ub_
 * event; the platform has already reported an IOMMU fault by itself.
 */
#include "nvme-model/nvme.h"

#define NVME_MAX_SGL_DESCS	4096	/* guards against descriptor loops */
#define NVME_PRP_BATCH		64

struct nvme_xfer {
	struct ksim_nvme_ctrl *ctrl;
	uint8_t *buf;
	size_t len, pos;
	bool to_host;
	/* nvme_dma_read_ns(): the bytes come from this namespace, at off + pos */
	struct nvme_ns *ns;
	struct nvme_worker *w;
	uint64_t off;
};

/*
 * Read the next @n bytes from the namespace straight into host memory: one
 * copy where the bounce buffer took two.  Memory the platform cannot hand
 * out directly (-EAGAIN) still goes through the bounce buffer.
 */
static uint16_t nvme_xfer_seg_ns(struct nvme_xfer *x, uint64_t iova, size_t n, uint8_t *p,
				 int err)
{
	struct nvme_ns *ns = x->ns;

	if (p) {
		if (ns->ops->read(ns, x->w, p, x->off + x->pos, n))
			return NVME_ST_MEDIA(NVME_SC_READ_ERROR);
		x->pos += n;
		return 0;
	}
	if (err == -EAGAIN) {
		if (ns->ops->read(ns, x->w, x->w->bounce, x->off + x->pos, n))
			return NVME_ST_MEDIA(NVME_SC_READ_ERROR);
		err = ksim_dma_write(x->ctrl->pdev, iova, x->w->bounce, n);
		if (!err) {
			x->pos += n;
			return 0;
		}
	}
	nvme_eventf(x->ctrl, NVME_EV_ub_dma_fault, "DMA write of %zu bytes at 0x%llx failed",
		    n, (unsigned long long)iova);
	return NVME_ST_GENERIC(NVME_SC_DATA_XFER_ERROR);
}

/* Move the next @n bytes of the buffer to or from bus address @iova. */
static uint16_t nvme_xfer_seg(struct nvme_xfer *x, uint64_t iova, size_t n)
{
	struct ksim_pci_dev *pdev = x->ctrl->pdev;
	enum ksim_dma_dir dir = x->to_host ? KSIM_DMA_FROM_DEVICE : KSIM_DMA_TO_DEVICE;
	uint8_t *p;
	int err;

	if (!nvme_can_master(x->ctrl)) {
		p = NULL;
		err = -EIO;
	} else {
		p = ksim_dma_translate(pdev, iova, n, dir, &err);
	}
	if (x->ns)
		return nvme_xfer_seg_ns(x, iova, n, p, err);
	if (p) {
		if (x->to_host)
			memcpy(p, x->buf + x->pos, n);
		else
			memcpy(x->buf + x->pos, p, n);
		err = 0;
	} else if (err == -EAGAIN) {
		err = x->to_host ? ksim_dma_write(pdev, iova, x->buf + x->pos, n) :
				   ksim_dma_read(pdev, iova, x->buf + x->pos, n);
	}
	if (err) {
		nvme_eventf(x->ctrl, NVME_EV_ub_dma_fault,
			    "DMA %s of %zu bytes at 0x%llx failed",
			    x->to_host ? "write" : "read", n, (unsigned long long)iova);
		return NVME_ST_GENERIC(NVME_SC_DATA_XFER_ERROR);
	}
	x->pos += n;
	return 0;
}

static uint16_t nvme_bad_prp(struct nvme_xfer *x, const char *what, uint64_t prp)
{
	nvme_eventf(x->ctrl, NVME_EV_ub_prp_offset, "%s 0x%llx has an invalid offset",
		    what, (unsigned long long)prp);
	return NVME_ST_GENERIC(NVME_SC_PRP_INVALID_OFFSET) | NVME_ST_DNR;
}

static uint16_t nvme_prp(struct nvme_xfer *x, uint64_t prp1, uint64_t prp2)
{
	struct ksim_nvme_ctrl *ctrl = x->ctrl;
	uint64_t page = 1ULL << ctrl->page_shift, mask = page - 1;
	uint64_t list[NVME_PRP_BATCH];
	size_t n;
	uint16_t st;

	if (prp1 & 3)
		return nvme_bad_prp(x, "PRP1", prp1);
	n = page - (prp1 & mask);
	if (n > x->len)
		n = x->len;
	st = nvme_xfer_seg(x, prp1, n);
	if (st || x->pos == x->len)
		return st;
	if (x->len - x->pos <= page) {
		/* PRP2 is the second (and last) page. */
		if (prp2 & mask)
			return nvme_bad_prp(x, "PRP2", prp2);
		return nvme_xfer_seg(x, prp2, x->len - x->pos);
	}
	/* PRP2 points to a list; the last entry of a full list page chains. */
	if (prp2 & 7)
		return nvme_bad_prp(x, "PRP list pointer", prp2);
	while (x->pos < x->len) {
		size_t slots = (page - (prp2 & mask)) / 8;
		size_t pages = (x->len - x->pos + mask) >> ctrl->page_shift;
		bool chain = pages > slots;
		size_t want = chain ? slots : pages, i = 0;

		while (i < want) {
			size_t batch = want - i < NVME_PRP_BATCH ? want - i : NVME_PRP_BATCH;

			if (ksim_dma_read(ctrl->pdev, prp2 + i * 8, list, batch * 8)) {
				nvme_eventf(ctrl, NVME_EV_ub_dma_fault,
					    "PRP list at 0x%llx unreadable",
					    (unsigned long long)(prp2 + i * 8));
				return NVME_ST_GENERIC(NVME_SC_DATA_XFER_ERROR);
			}
			for (size_t k = 0; k < batch; k++, i++) {
				uint64_t e = le64toh(list[k]);

				if (chain && i == want - 1) {
					if (e & 7)
						return nvme_bad_prp(x, "PRP list chain", e);
					prp2 = e;
					i = want;
					break;
				}
				if (e & mask)
					return nvme_bad_prp(x, "PRP list entry", e);
				n = x->len - x->pos < page ? x->len - x->pos : page;
				st = nvme_xfer_seg(x, e, n);
				if (st)
					return st;
			}
		}
	}
	return 0;
}

static uint16_t nvme_bad_sgl(struct nvme_xfer *x, uint8_t sc, const char *why)
{
	nvme_eventf(x->ctrl, NVME_EV_ub_sgl_invalid, "%s", why);
	return NVME_ST_GENERIC(sc) | NVME_ST_DNR;
}

/* One descriptor; a segment descriptor sets @seg, @seg_len and @seg_is_last. */
static uint16_t nvme_sgl_desc(struct nvme_xfer *x, const struct nvme_sgl_desc *d,
			      bool is_last_in_seg, bool in_last_seg, uint64_t *seg,
			      uint32_t *seg_len, bool *seg_is_last)
{
	uint8_t type = d->type >> 4, subtype = d->type & 0xf;
	uint32_t len = le32toh(d->len);
	size_t n;

	if (subtype != 0)
		return nvme_bad_sgl(x, NVME_SC_SGL_INVALID_TYPE, "SGL descriptor subtype not 0");
	switch (type) {
	case NVME_SGL_TYPE_DATA_BLOCK:
		n = x->len - x->pos < len ? x->len - x->pos : len;
		return n ? nvme_xfer_seg(x, le64toh(d->addr), n) : 0;
	case NVME_SGL_TYPE_SEGMENT:
	case NVME_SGL_TYPE_LAST_SEGMENT:
		if (!is_last_in_seg || in_last_seg)
			return nvme_bad_sgl(x, NVME_SC_SGL_INVALID_LAST,
					    "SGL segment descriptor in an invalid position");
		if (!len || (len % sizeof(*d)))
			return nvme_bad_sgl(x, NVME_SC_SGL_INVALID_COUNT,
					    "SGL segment length not a multiple of 16");
		*seg = le64toh(d->addr);
		*seg_len = len;
		*seg_is_last = type == NVME_SGL_TYPE_LAST_SEGMENT;
		return 0;
	default:
		return nvme_bad_sgl(x, NVME_SC_SGL_INVALID_TYPE, "SGL descriptor type invalid");
	}
}

static uint16_t nvme_sgl(struct nvme_xfer *x, const struct nvme_sgl_desc *first)
{
	struct nvme_sgl_desc descs[16];
	uint64_t seg = 0;
	uint32_t seg_len = 0;
	bool seg_last = false, in_last = false;
	unsigned int total = 0;
	uint16_t st;

	st = nvme_sgl_desc(x, first, true, false, &seg, &seg_len, &seg_last);
	while (!st && seg_len) {
		uint32_t count = seg_len / sizeof(descs[0]), i = 0;

		in_last = seg_last;
		seg_len = 0;
		while (i < count) {
			uint32_t batch = count - i < 16 ? count - i : 16;

			if (ksim_dma_read(x->ctrl->pdev, seg + (uint64_t)i * 16, descs, batch * 16)) {
				nvme_eventf(x->ctrl, NVME_EV_ub_dma_fault,
					    "SGL segment at 0x%llx unreadable",
					    (unsigned long long)seg);
				return NVME_ST_GENERIC(NVME_SC_DATA_XFER_ERROR);
			}
			for (uint32_t k = 0; k < batch; k++, i++) {
				uint64_t nseg = 0;

				if (++total > NVME_MAX_SGL_DESCS)
					return nvme_bad_sgl(x, NVME_SC_SGL_INVALID_COUNT,
							    "too many SGL descriptors");
				st = nvme_sgl_desc(x, &descs[k], i == count - 1, in_last,
						   &nseg, &seg_len, &seg_last);
				if (st)
					return st;
				if (seg_len)
					seg = nseg;
			}
		}
		if (!in_last && !seg_len)
			return nvme_bad_sgl(x, NVME_SC_SGL_INVALID_LAST,
					    "SGL segment does not end in a segment descriptor");
	}
	if (!st && x->pos < x->len)
		return nvme_bad_sgl(x, NVME_SC_SGL_INVALID_DATA,
				    "SGL describes less data than the command transfers");
	return st;
}

static uint16_t nvme_dma(struct nvme_xfer *x, const struct nvme_sqe *sqe, bool allow_sgl)
{
	struct ksim_nvme_ctrl *ctrl = x->ctrl;
	unsigned int psdt = NVME_SQE_PSDT(sqe->flags);
	struct nvme_sgl_desc d;

	if (!x->len)
		return 0;
	if (psdt == 0)
		return nvme_prp(x, le64toh(sqe->dptr[0]), le64toh(sqe->dptr[1]));
	if (psdt == 3 || !allow_sgl || !ctrl->cfg.sgl) {
		nvme_eventf(ctrl, NVME_EV_ub_invalid_field,
			    "PSDT %u in opcode 0x%02x not allowed", psdt, sqe->opc);
		return NVME_ST_GENERIC(NVME_SC_INVALID_FIELD) | NVME_ST_DNR;
	}
	memcpy(&d, sqe->dptr, sizeof(d));
	return nvme_sgl(x, &d);
}

uint16_t nvme_dma_data(struct ksim_nvme_ctrl *ctrl, const struct nvme_sqe *sqe,
		       void *buf, size_t len, bool to_host, bool allow_sgl)
{
	struct nvme_xfer x = { .ctrl = ctrl, .buf = buf, .len = len, .to_host = to_host };

	return nvme_dma(&x, sqe, allow_sgl);
}

uint16_t nvme_dma_read_ns(struct ksim_nvme_ctrl *ctrl, const struct nvme_sqe *sqe,
			  struct nvme_ns *ns, struct nvme_worker *w, uint64_t off, size_t len)
{
	struct nvme_xfer x = {
		.ctrl = ctrl, .len = len, .to_host = true, .ns = ns, .w = w, .off = off,
	};

	return nvme_dma(&x, sqe, true);
}
