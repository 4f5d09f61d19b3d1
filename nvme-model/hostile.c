// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-model/hostile.c - hostile mode: a controller that misbehaves where
 * its owner (a fuzz target) decides.
 *
 * At each point where a real device could lie or break the protocol, the
 * model asks the owner's decide(n) for a value below n.  0 always means
 * "behave", so an owner with nothing left to say gets a correct
 * controller, and the rare values pick one misbehaviour each:
 *
 *   register reads      CAP, VS, CSTS... with bits flipped or replaced
 *   Identify data       fields the driver trusts (MDTS, NN, SQES, NSZE,
 *                       FLBAS, LBA formats...) or any byte, patched
 *   each command        an arbitrary status, never completed, completed
 *                       twice, completed late, no interrupt, an AEN,
 *                       controller fatal status
 *   each completion     wrong command id, phase tag, SQ head, SQ id or
 *                       result
 *   read data           patched bytes in what the device DMAs to the host
 *
 * Hostile mode is for the deterministic backend, where one task runs at a
 * time and the order of decisions is the same on every run of one input;
 * every hook is called with the controller lock held.
 */
#include <string.h>

#include "nvme.h"

void ksim_nvme_set_hostile(struct ksim_nvme_ctrl *ctrl, const struct ksim_nvme_hostile *h)
{
	nvme_lock(&ctrl->lock);
	if (h)
		ctrl->hostile = *h;
	ctrl->hostile_on = h != NULL;
	nvme_unlock(&ctrl->lock);
}

static uint32_t decide(struct ksim_nvme_ctrl *ctrl, uint32_t n)
{
	uint32_t v = ctrl->hostile.decide(ctrl->hostile.arg, n);

	return v < n ? v : 0;
}

static uint64_t decide_u64(struct ksim_nvme_ctrl *ctrl)
{
	uint64_t v;

	ctrl->hostile.fill(ctrl->hostile.arg, &v, sizeof(v));
	return v;
}

uint64_t nvme_hostile_reg(struct ksim_nvme_ctrl *ctrl, uint64_t off, uint64_t v,
			  unsigned int size)
{
	uint64_t mask = size == 8 ? ~0ULL : 0xffffffffULL;

	if (!ctrl->hostile_on)
		return v;
	switch (decide(ctrl, 32)) {
	case 1:		/* one bit flipped */
		v ^= 1ULL << decide(ctrl, size * 8);
		break;
	case 2:		/* garbage */
		v = decide_u64(ctrl);
		break;
	case 3:		/* a device that fell off the bus reads all ones */
		v = ~0ULL;
		break;
	default:
		return v;
	}
	nvme_event(ctrl, NVME_EV_nvme_hostile);
	(void)off;
	return v & mask;
}

/*
 * Fields of Identify Controller and Identify Namespace a driver acts on
 * (byte offsets from the NVMe base specification): a patch lands on one of
 * these far more often than on a byte drawn from all 4 KiB.
 */
static const uint16_t id_ctrl_fields[] = {
	77,		/* MDTS */
	78,		/* CNTLID */
	80,		/* VER */
	256,		/* OACS */
	258,		/* ACL */
	259,		/* AERL */
	260,		/* FRMW */
	261,		/* LPA */
	262,		/* ELPE */
	320,		/* KAS (2 bytes) */
	512,		/* SQES */
	513,		/* CQES */
	514,		/* MAXCMD */
	516,		/* NN */
	520,		/* ONCS */
	525,		/* VWC */
	536,		/* SGLS */
};

static const uint16_t id_ns_fields[] = {
	0,		/* NSZE */
	8,		/* NCAP */
	16,		/* NUSE */
	24,		/* NSFEAT */
	25,		/* NLBAF */
	26,		/* FLBAS */
	27,		/* MC */
	28,		/* DPC */
	29,		/* DPS */
	128,		/* LBAF0: MS */
	130,		/* LBAF0: LBADS */
	131,		/* LBAF0: RP */
	134,		/* LBAF1: LBADS */
};

static void patch(struct ksim_nvme_ctrl *ctrl, uint8_t *buf, size_t len,
		  const uint16_t *fields, size_t nr_fields)
{
	unsigned int nr = decide(ctrl, 4), i;

	for (i = 0; i < nr; i++) {
		size_t off;
		uint64_t v;
		unsigned int n;

		if (fields && decide(ctrl, 2) == 0)
			off = fields[decide(ctrl, nr_fields)];
		else
			off = decide(ctrl, len > 65536 ? 65536 : (uint32_t)len);
		n = 1 + decide(ctrl, 8);
		if (off + n > len)
			n = len - off;
		v = decide_u64(ctrl);
		memcpy(buf + off, &v, n);
	}
	if (nr)
		nvme_event(ctrl, NVME_EV_nvme_hostile);
}

void nvme_hostile_identify(struct ksim_nvme_ctrl *ctrl, uint8_t cns, uint8_t *buf, size_t len)
{
	if (!ctrl->hostile_on)
		return;
	switch (cns) {
	case NVME_IDENTIFY_CNS_CTRL:
		patch(ctrl, buf, len, id_ctrl_fields,
		      sizeof(id_ctrl_fields) / sizeof(id_ctrl_fields[0]));
		break;
	case NVME_IDENTIFY_CNS_NS:
		patch(ctrl, buf, len, id_ns_fields,
		      sizeof(id_ns_fields) / sizeof(id_ns_fields[0]));
		break;
	default:
		patch(ctrl, buf, len, NULL, 0);
		break;
	}
}

void nvme_hostile_data(struct ksim_nvme_ctrl *ctrl, uint8_t *buf, size_t len)
{
	if (ctrl->hostile_on && len)
		patch(ctrl, buf, len, NULL, 0);
}

/* Longest a late completion waits: past the driver's I/O timeout (30 s), short of forever. */
#define HOSTILE_MAX_LATE_NS	(90ULL * 1000000000)

void nvme_hostile_command(struct ksim_nvme_ctrl *ctrl, struct nvme_req *req)
{
	if (!ctrl->hostile_on)
		return;
	switch (decide(ctrl, 64)) {
	case 1:		/* any status, any type, with or without DNR */
		req->status = decide(ctrl, 0x800) | (decide(ctrl, 2) ? NVME_ST_DNR : 0);
		break;
	case 2:
		req->status = NVME_ST_GENERIC(NVME_SC_INTERNAL);
		break;
	case 3:
		req->dropped = true;
		break;
	case 4:
		req->twice = true;
		break;
	case 5:
		req->hostile_late_ns = decide_u64(ctrl) % HOSTILE_MAX_LATE_NS;
		break;
	case 6:
		req->hostile_noirq = true;
		break;
	case 7:
		req->hostile_cqe = true;
		break;
	case 8:
		nvme_aen(ctrl, decide(ctrl, 8), decide(ctrl, 256), decide(ctrl, 256));
		break;
	case 9:
		nvme_fatal(ctrl, "hostile device");
		req->dropped = true;
		break;
	default:
		return;
	}
	nvme_event(ctrl, NVME_EV_nvme_hostile);
}

void nvme_hostile_cqe(struct ksim_nvme_ctrl *ctrl, struct nvme_req *req, struct nvme_cqe *cqe,
		      uint8_t *phase)
{
	if (!ctrl->hostile_on || !req->hostile_cqe)
		return;
	switch (decide(ctrl, 6)) {
	case 0:
		cqe->cid ^= htole16((uint16_t)(1 + decide(ctrl, 0xffff)));
		break;
	case 1:
		*phase ^= 1;	/* the host never sees it: a lost completion */
		break;
	case 2:
		cqe->sqhd = htole16((uint16_t)decide(ctrl, 0x10000));
		break;
	case 3:
		cqe->sqid = htole16((uint16_t)decide(ctrl, 0x10000));
		break;
	case 4:
		cqe->dw0 = htole32((uint32_t)decide_u64(ctrl));
		break;
	default:
		cqe->status = htole16((uint16_t)(decide(ctrl, 0x800) << 1));
		break;
	}
}
