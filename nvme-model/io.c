// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-model/io.c - the NVM command set (NVM Command Set Specification
 * 1.0 with Base 2.0): Read, Write (FUA), Flush, Write Zeroes (DEAC),
 * Dataset Management (deallocate) and Compare.
 *
 * Runs on a worker without the controller lock: data moves through the
 * worker's bounce buffer between the host (dma.c) and the backend (ns.c),
 * except a Read from a memory store, which goes straight to the host.
 */
#include "nvme-model/nvme.h"

#define NVME_RW_FUA		(1u << 30)	/* CDW12 */
#define NVME_WZ_DEAC		(1u << 25)	/* CDW12 */
#define NVME_DSM_AD		(1u << 2)	/* CDW11 */

static uint16_t nvme_check_range(struct ksim_nvme_ctrl *ctrl, struct nvme_req *req,
				 struct nvme_ns *ns, uint64_t slba, uint64_t nlb)
{
	if (slba >= ns->nlbas || nlb > ns->nlbas - slba) {
		nvme_eventf(ctrl, NVME_EV_ub_lba_range,
			    "opcode 0x%02x LBA %llu + %llu beyond namespace %u (%llu blocks)",
			    req->sqe.opc, (unsigned long long)slba, (unsigned long long)nlb,
			    ns->nsid, (unsigned long long)ns->nlbas);
		req->err_lba = slba;
		return NVME_ST_GENERIC(NVME_SC_LBA_RANGE) | NVME_ST_DNR;
	}
	return 0;
}

static uint16_t nvme_rw(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
			struct nvme_req *req, struct nvme_ns *ns)
{
	uint64_t slba = nvme_slba(&req->sqe), nlb = nvme_nlb(&req->sqe);
	size_t len = (size_t)nlb << ns->lba_shift, max = (size_t)4096 << ctrl->cfg.mdts;
	uint64_t off = slba << ns->lba_shift;
	uint8_t *buf = w->bounce;
	uint16_t st;

	st = nvme_check_range(ctrl, req, ns, slba, nlb);
	if (st)
		return st;
	if (len > max) {
		nvme_eventf(ctrl, NVME_EV_ub_mdts_exceeded,
			    "opcode 0x%02x transfers %zu bytes, MDTS allows %zu",
			    req->sqe.opc, len, max);
		req->err_loc = 48;
		return NVME_ST_GENERIC(NVME_SC_INVALID_FIELD) | NVME_ST_DNR;
	}
	switch (req->sqe.opc) {
	case nvme_cmd_read:
		nvme_event(ctrl, NVME_EV_nvme_read);
		if (ns->ops->direct_read && !ctrl->hostile_on) {
			/* Store to host memory in one copy (dma.c). */
			st = nvme_dma_read_ns(ctrl, &req->sqe, ns, w, off, len);
		} else {
			if (ns->ops->read(ns, w, buf, off, len))
				return NVME_ST_MEDIA(NVME_SC_READ_ERROR);
			if (ctrl->hostile_on) {
				/* A hostile device lies about the data: it needs it whole. */
				nvme_lock(&ctrl->lock);
				nvme_hostile_data(ctrl, buf, len);
				nvme_unlock(&ctrl->lock);
			}
			st = nvme_dma_data(ctrl, &req->sqe, buf, len, true, true);
		}
		if (!st) {
			__atomic_add_fetch(&ctrl->host_reads, 1, __ATOMIC_RELAXED);
			__atomic_add_fetch(&ctrl->bytes_read, len, __ATOMIC_RELAXED);
		}
		return st;
	case nvme_cmd_write:
		nvme_event(ctrl, NVME_EV_nvme_write);
		st = nvme_dma_data(ctrl, &req->sqe, buf, len, false, true);
		if (st)
			return st;
		if (ns->ops->write(ns, w, buf, off, len,
				   le32toh(req->sqe.cdw12) & NVME_RW_FUA))
			return NVME_ST_MEDIA(NVME_SC_WRITE_FAULT);
		__atomic_add_fetch(&ctrl->host_writes, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&ctrl->bytes_written, len, __ATOMIC_RELAXED);
		return 0;
	default:	/* compare: the host's data goes in the second half */
		nvme_event(ctrl, NVME_EV_nvme_compare);
		st = nvme_dma_data(ctrl, &req->sqe, buf + max, len, false, true);
		if (st)
			return st;
		if (ns->ops->read(ns, w, buf, off, len))
			return NVME_ST_MEDIA(NVME_SC_READ_ERROR);
		if (memcmp(buf, buf + max, len))
			return NVME_ST_MEDIA(NVME_SC_COMPARE_FAILED) | NVME_ST_DNR;
		return 0;
	}
}

static uint16_t nvme_write_zeroes(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
				  struct nvme_req *req, struct nvme_ns *ns)
{
	uint64_t slba = nvme_slba(&req->sqe), nlb = nvme_nlb(&req->sqe);
	uint16_t st;

	nvme_event(ctrl, NVME_EV_nvme_write_zeroes);
	st = nvme_check_range(ctrl, req, ns, slba, nlb);
	if (st)
		return st;
	if (ns->ops->zero(ns, w, slba << ns->lba_shift, nlb << ns->lba_shift,
			  le32toh(req->sqe.cdw12) & NVME_WZ_DEAC))
		return NVME_ST_MEDIA(NVME_SC_WRITE_FAULT);
	return 0;
}

static uint16_t nvme_dsm(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
			 struct nvme_req *req, struct nvme_ns *ns)
{
	unsigned int nr = (le32toh(req->sqe.cdw10) & 0xff) + 1;
	struct nvme_dsm_range *r = w->bounce;
	uint16_t st;

	nvme_event(ctrl, NVME_EV_nvme_dsm);
	st = nvme_dma_data(ctrl, &req->sqe, r, nr * sizeof(*r), false, true);
	if (st || !(le32toh(req->sqe.cdw11) & NVME_DSM_AD))
		return st;
	/* Check every range before touching any. */
	for (unsigned int i = 0; i < nr; i++) {
		st = nvme_check_range(ctrl, req, ns, le64toh(r[i].slba), le32toh(r[i].nlb));
		if (st)
			return st;
	}
	for (unsigned int i = 0; i < nr; i++) {
		uint64_t slba = le64toh(r[i].slba), nlb = le32toh(r[i].nlb);

		if (nlb && ns->ops->zero(ns, w, slba << ns->lba_shift,
					 nlb << ns->lba_shift, true))
			return NVME_ST_MEDIA(NVME_SC_WRITE_FAULT);
	}
	return 0;
}

static uint16_t nvme_flush(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
			   struct nvme_req *req)
{
	uint32_t nsid = le32toh(req->sqe.nsid);
	struct nvme_ns *ns;

	nvme_event(ctrl, NVME_EV_nvme_flush);
	if (nsid == NVME_NSID_ALL) {
		for (unsigned int i = 0; i < ctrl->nr_ns; i++)
			if (ctrl->ns[i].ops->flush(&ctrl->ns[i], w))
				return NVME_ST_MEDIA(NVME_SC_WRITE_FAULT);
		return 0;
	}
	ns = nvme_ns_get(ctrl, nsid);
	if (!ns) {
		nvme_eventf(ctrl, NVME_EV_ub_invalid_ns, "flush of namespace %u", nsid);
		return NVME_ST_GENERIC(NVME_SC_INVALID_NS) | NVME_ST_DNR;
	}
	return ns->ops->flush(ns, w) ? NVME_ST_MEDIA(NVME_SC_WRITE_FAULT) : 0;
}

static uint16_t nvme_io(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
			struct nvme_req *req)
{
	uint8_t opc = req->sqe.opc;
	uint32_t nsid = le32toh(req->sqe.nsid);
	struct nvme_ns *ns;

	if (NVME_SQE_FUSE(req->sqe.flags)) {
		nvme_eventf(ctrl, NVME_EV_ub_invalid_field, "fused opcode 0x%02x", opc);
		req->err_loc = 1;
		return NVME_ST_GENERIC(NVME_SC_INVALID_FIELD) | NVME_ST_DNR;
	}
	switch (opc) {
	case nvme_cmd_flush:
		req->lat_kind = KSIM_NVME_LAT_FLUSH;
		return nvme_flush(ctrl, w, req);
	case nvme_cmd_read:
	case nvme_cmd_write:
	case nvme_cmd_compare:
	case nvme_cmd_write_zeroes:
	case nvme_cmd_dsm:
		break;
	default:
		nvme_eventf(ctrl, NVME_EV_ub_invalid_opcode, "I/O opcode 0x%02x", opc);
		return NVME_ST_GENERIC(NVME_SC_INVALID_OPCODE) | NVME_ST_DNR;
	}
	ns = nvme_ns_get(ctrl, nsid);
	if (!ns) {
		nvme_eventf(ctrl, NVME_EV_ub_invalid_ns, "opcode 0x%02x for namespace %u",
			    opc, nsid);
		return NVME_ST_GENERIC(NVME_SC_INVALID_NS) | NVME_ST_DNR;
	}
	switch (opc) {
	case nvme_cmd_read:
		req->lat_kind = KSIM_NVME_LAT_READ;
		return nvme_rw(ctrl, w, req, ns);
	case nvme_cmd_write:
		req->lat_kind = KSIM_NVME_LAT_WRITE;
		return nvme_rw(ctrl, w, req, ns);
	case nvme_cmd_compare:
		return nvme_rw(ctrl, w, req, ns);
	case nvme_cmd_write_zeroes:
		req->lat_kind = KSIM_NVME_LAT_WRITE;
		return nvme_write_zeroes(ctrl, w, req, ns);
	default:
		return nvme_dsm(ctrl, w, req, ns);
	}
}

void nvme_io_exec(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w, struct nvme_req *req)
{
	req->status = nvme_io(ctrl, w, req);
}
