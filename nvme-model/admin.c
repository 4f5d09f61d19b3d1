// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-model/admin.c - the admin command set (Base 2.0, section 5):
 * Identify, queue creation and deletion, Get/Set Features, Get Log Page,
 * Abort, Asynchronous Event Request, Keep Alive.
 *
 * Every handler runs with the controller lock held (none of them blocks)
 * and leaves its outcome in req->status / req->dw0.
 */
#include <stdio.h>
#include <stdlib.h>

#include "nvme-model/nvme.h"

#define NVME_ACL		3	/* Abort Command Limit, 0-based */
#define NVME_ELPE		(NVME_ERRLOG_ENTRIES - 1)

static void nvme_fail(struct nvme_req *req, uint16_t status)
{
	req->status = status;
}

/* ---- logs and events ---- */

void nvme_error_log_add(struct ksim_nvme_ctrl *ctrl, uint16_t sqid, uint16_t cid,
			uint16_t status, uint16_t loc, uint64_t lba, uint32_t nsid)
{
	struct nvme_error_log_page *e = &ctrl->errlog[ctrl->errlog_next];

	ctrl->errlog_next = (ctrl->errlog_next + 1) % NVME_ERRLOG_ENTRIES;
	memset(e, 0, sizeof(*e));
	e->error_count = htole64(++ctrl->error_count);
	e->sqid = htole16(sqid);
	e->cmdid = htole16(cid);
	e->status_field = htole16((uint16_t)((status & 0x7ff) << 1) |
				  ((status & NVME_ST_DNR) ? 0x8000 : 0));
	e->parm_error_location = htole16(loc);
	e->lba = htole64(lba);
	e->nsid = htole32(nsid);
}

void nvme_aen(struct ksim_nvme_ctrl *ctrl, uint8_t type, uint8_t info, uint8_t lid)
{
	uint32_t ev = type | (uint32_t)info << 8 | (uint32_t)lid << 16;

	for (unsigned int i = 0; i < ctrl->nr_aen; i++)
		if (ctrl->aen_queue[i] == ev)
			return;		/* already waiting to be reported */
	if (ctrl->nr_aen == sizeof(ctrl->aen_queue) / sizeof(ctrl->aen_queue[0]))
		return;
	ctrl->aen_queue[ctrl->nr_aen++] = ev;
	nvme_kick(ctrl);
}

void nvme_check_temperature(struct ksim_nvme_ctrl *ctrl)
{
	bool over = ctrl->temp_over && ctrl->temperature > ctrl->temp_over;
	bool under = ctrl->temp_under && ctrl->temperature < ctrl->temp_under;

	if (!over && !under) {
		ctrl->crit_warning &= ~NVME_SMART_CRIT_TEMPERATURE;
		return;
	}
	if (ctrl->crit_warning & NVME_SMART_CRIT_TEMPERATURE)
		return;
	ctrl->crit_warning |= NVME_SMART_CRIT_TEMPERATURE;
	nvme_log(ctrl, "temperature %u K crosses the %s threshold", ctrl->temperature,
		 over ? "over" : "under");
	if (ctrl->feat_aec & NVME_SMART_CRIT_TEMPERATURE)
		nvme_aen(ctrl, NVME_AER_SMART, NVME_AER_SMART_TEMPERATURE_THRESHOLD,
			 NVME_LOG_LID_SMART);
}

void ksim_nvme_set_temperature(struct ksim_nvme_ctrl *ctrl, unsigned int kelvin)
{
	nvme_lock(&ctrl->lock);
	ctrl->temperature = kelvin;
	nvme_check_temperature(ctrl);
	nvme_unlock(&ctrl->lock);
}

/* ---- Identify ---- */

static void nvme_pad(char *dst, const char *src, size_t len)
{
	size_t n = strlen(src);

	memset(dst, ' ', len);
	memcpy(dst, src, n < len ? n : len);
}

static void nvme_id_ctrl(struct ksim_nvme_ctrl *ctrl, struct nvme_id_ctrl *id)
{
	const struct ksim_nvme_config *cfg = &ctrl->cfg;

	id->vid = htole16(cfg->vendor);
	id->ssvid = htole16(cfg->vendor);
	nvme_pad(id->sn, cfg->serial, sizeof(id->sn));
	nvme_pad(id->mn, cfg->model, sizeof(id->mn));
	nvme_pad(id->fr, cfg->firmware, sizeof(id->fr));
	id->rab = 6;
	id->ieee[0] = 0x4d;	/* an OUI of our own making */
	id->ieee[1] = 0x53;
	id->ieee[2] = 0x4b;
	id->mdts = cfg->mdts;
	id->cntlid = htole16(1);
	id->ver = htole32(0x00020000);
	id->cntrltype = 1;	/* I/O controller */
	id->acl = NVME_ACL;
	id->aerl = NVME_MAX_AER - 1;
	id->kas = htole16(1);	/* Keep Alive: 100 ms granularity */
	id->frmw = 0x3;		/* one slot, read-only */
	id->lpa = 0x4;		/* extended data for Get Log Page */
	id->elpe = NVME_ELPE;
	id->npss = 0;
	id->wctemp = htole16(343);
	id->cctemp = htole16(373);
	id->sqes = 0x66;
	id->cqes = 0x44;
	id->nn = htole32(ctrl->nr_ns);
	id->oncs = htole16(NVME_CTRL_ONCS_COMPARE | NVME_CTRL_ONCS_DSM |
			   NVME_CTRL_ONCS_WRITE_ZEROES);
	/* Bits 2:1 = 11b: Flush with NSID FFFFFFFFh is supported. */
	id->vwc = (cfg->vwc ? 1 : 0) | 0x6;
	id->sgls = htole32(cfg->sgl ? 0x1 : 0);
	snprintf(id->subnqn, sizeof(id->subnqn), "nqn.2024-01.org.ksim:nvme:%s", cfg->serial);
	id->psd[0].mp = htole16(2500);	/* 25 W */
}

static void nvme_id_ns(struct nvme_ns *ns, struct nvme_id_ns *id)
{
	id->nsze = id->ncap = id->nuse = htole64(ns->nlbas);
	id->nlbaf = NVME_NR_LBAF - 1;
	id->flbas = ns->flbas;
	for (int i = 0; i < NVME_NR_LBAF; i++)
		id->lbaf[i].ds = 9 + i;
	id->dlfeat = 0x1 | 0x8;		/* deallocated reads zeros; WZ may deallocate */
	memcpy(id->nguid, ns->nguid, sizeof(id->nguid));
	memcpy(id->eui64, ns->eui64, sizeof(id->eui64));
}

static size_t nvme_ns_descs(struct nvme_ns *ns, uint8_t *buf)
{
	static const struct { uint8_t type, len; size_t off; } d[] = {
		{ NVME_NIDT_EUI64, NVME_NIDT_EUI64_LEN, offsetof(struct nvme_ns, eui64) },
		{ NVME_NIDT_NGUID, NVME_NIDT_NGUID_LEN, offsetof(struct nvme_ns, nguid) },
		{ NVME_NIDT_UUID, NVME_NIDT_UUID_LEN, offsetof(struct nvme_ns, uuid) },
	};
	size_t pos = 0;

	for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
		buf[pos] = d[i].type;
		buf[pos + 1] = d[i].len;
		memcpy(buf + pos + 4, (uint8_t *)ns + d[i].off, d[i].len);
		pos += 4 + d[i].len;
	}
	buf[pos] = NVME_NIDT_CSI;
	buf[pos + 1] = NVME_NIDT_CSI_LEN;
	buf[pos + 4] = NVME_CSI_NVM;
	return pos + 8;
}

static void nvme_identify(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
			  struct nvme_req *req)
{
	uint8_t cns = le32toh(req->sqe.cdw10) & 0xff;
	uint32_t nsid = le32toh(req->sqe.nsid);
	uint8_t *buf = w->bounce;
	struct nvme_ns *ns;

	memset(buf, 0, NVME_IDENTIFY_DATA_SIZE);
	switch (cns) {
	case NVME_IDENTIFY_CNS_CTRL:
		nvme_id_ctrl(ctrl, (struct nvme_id_ctrl *)buf);
		break;
	case NVME_IDENTIFY_CNS_NS:
	case NVME_IDENTIFY_CNS_NS_DESC_LIST:
		ns = nvme_ns_get(ctrl, nsid);
		if (!ns) {
			nvme_fail(req, NVME_ST_GENERIC(NVME_SC_INVALID_NS) | NVME_ST_DNR);
			return;
		}
		if (cns == NVME_IDENTIFY_CNS_NS)
			nvme_id_ns(ns, (struct nvme_id_ns *)buf);
		else
			nvme_ns_descs(ns, buf);
		break;
	case NVME_IDENTIFY_CNS_NS_ACTIVE_LIST: {
		uint32_t *list = (uint32_t *)buf, n = 0;

		if (nsid >= 0xfffffffe) {
			nvme_fail(req, NVME_ST_GENERIC(NVME_SC_INVALID_NS) | NVME_ST_DNR);
			return;
		}
		for (uint32_t i = nsid + 1; i <= ctrl->nr_ns && n < 1024; i++)
			list[n++] = htole32(i);
		break;
	}
	default:
		req->err_loc = 40;	/* CDW10 */
		nvme_fail(req, NVME_ST_GENERIC(NVME_SC_INVALID_FIELD) | NVME_ST_DNR);
		return;
	}
	nvme_hostile_identify(ctrl, cns, buf, NVME_IDENTIFY_DATA_SIZE);
	req->status = nvme_dma_data(ctrl, &req->sqe, buf, NVME_IDENTIFY_DATA_SIZE, true, false);
}

/* ---- queues ---- */

static uint16_t nvme_bad_queue(struct ksim_nvme_ctrl *ctrl, enum nvme_event ev,
			       uint16_t status, const char *fmt, unsigned int a, unsigned int b)
{
	char msg[128];

	snprintf(msg, sizeof(msg), fmt, a, b);
	nvme_eventf(ctrl, ev, "%s", msg);
	return status | NVME_ST_DNR;
}

static uint16_t nvme_create_cq(struct ksim_nvme_ctrl *ctrl, struct nvme_req *req)
{
	uint32_t dw10 = le32toh(req->sqe.cdw10), dw11 = le32toh(req->sqe.cdw11);
	uint16_t qid = dw10 & 0xffff, iv = dw11 >> 16;
	uint32_t qsize = (dw10 >> 16) + 1;
	uint64_t prp1 = le64toh(req->sqe.dptr[0]);
	enum nvme_event ev = NVME_EV_ub_create_cq_invalid;

	if (!qid || qid > ctrl->nr_io_cqs || ctrl->cq[qid])
		return nvme_bad_queue(ctrl, ev, NVME_ST_CMD(NVME_SC_QID_INVALID),
				      "create CQ %u: invalid queue id (granted %u)",
				      qid, ctrl->nr_io_cqs);
	if (qsize < 2 || qsize > NVME_CAP_MQES(ctrl->cap) + 1)
		return nvme_bad_queue(ctrl, ev, NVME_ST_CMD(NVME_SC_QUEUE_SIZE),
				      "create CQ %u: invalid size %u", qid, qsize);
	if (!(dw11 & 1))
		return nvme_bad_queue(ctrl, ev, NVME_ST_GENERIC(NVME_SC_INVALID_FIELD),
				      "create CQ %u: PC=0 but CAP.CQR=1", qid, 0);
	if ((dw11 & 2) && iv > ctrl->cfg.queues)
		return nvme_bad_queue(ctrl, ev, NVME_ST_CMD(NVME_SC_INVALID_VECTOR),
				      "create CQ %u: interrupt vector %u", qid, iv);
	if (!prp1 || (prp1 & ((1ULL << ctrl->page_shift) - 1)))
		return nvme_bad_queue(ctrl, ev, NVME_ST_GENERIC(NVME_SC_PRP_INVALID_OFFSET),
				      "create CQ %u: PRP1 not page aligned", qid, 0);
	if (!nvme_cq_create(ctrl, qid, qsize, prp1, dw11 & 2, iv))
		return NVME_ST_GENERIC(NVME_SC_INTERNAL);
	nvme_event(ctrl, NVME_EV_nvme_create_cq);
	return 0;
}

static uint16_t nvme_create_sq(struct ksim_nvme_ctrl *ctrl, struct nvme_req *req)
{
	uint32_t dw10 = le32toh(req->sqe.cdw10), dw11 = le32toh(req->sqe.cdw11);
	uint16_t qid = dw10 & 0xffff, cqid = dw11 >> 16;
	uint32_t qsize = (dw10 >> 16) + 1;
	uint64_t prp1 = le64toh(req->sqe.dptr[0]);
	enum nvme_event ev = NVME_EV_ub_create_sq_invalid;

	if (!qid || qid > ctrl->nr_io_sqs || ctrl->sq[qid])
		return nvme_bad_queue(ctrl, ev, NVME_ST_CMD(NVME_SC_QID_INVALID),
				      "create SQ %u: invalid queue id (granted %u)",
				      qid, ctrl->nr_io_sqs);
	if (qsize < 2 || qsize > NVME_CAP_MQES(ctrl->cap) + 1)
		return nvme_bad_queue(ctrl, ev, NVME_ST_CMD(NVME_SC_QUEUE_SIZE),
				      "create SQ %u: invalid size %u", qid, qsize);
	if (!cqid || cqid > KSIM_NVME_MAX_QUEUES || !ctrl->cq[cqid])
		return nvme_bad_queue(ctrl, ev, NVME_ST_CMD(NVME_SC_CQ_INVALID),
				      "create SQ %u: completion queue %u does not exist", qid, cqid);
	if (!(dw11 & 1))
		return nvme_bad_queue(ctrl, ev, NVME_ST_GENERIC(NVME_SC_INVALID_FIELD),
				      "create SQ %u: PC=0 but CAP.CQR=1", qid, 0);
	if (!prp1 || (prp1 & ((1ULL << ctrl->page_shift) - 1)))
		return nvme_bad_queue(ctrl, ev, NVME_ST_GENERIC(NVME_SC_PRP_INVALID_OFFSET),
				      "create SQ %u: PRP1 not page aligned", qid, 0);
	if (!nvme_sq_create(ctrl, qid, cqid, qsize, prp1))
		return NVME_ST_GENERIC(NVME_SC_INTERNAL);
	nvme_event(ctrl, NVME_EV_nvme_create_sq);
	return 0;
}

static uint16_t nvme_delete_sq(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
			       struct nvme_req *req)
{
	uint16_t qid = le32toh(req->sqe.cdw10) & 0xffff;

	if (!qid || qid > KSIM_NVME_MAX_QUEUES || !ctrl->sq[qid])
		return nvme_bad_queue(ctrl, NVME_EV_ub_delete_queue_invalid,
				      NVME_ST_CMD(NVME_SC_QID_INVALID),
				      "delete SQ %u: no such queue", qid, 0);
	nvme_free_sq(ctrl, qid, true, w);
	nvme_event(ctrl, NVME_EV_nvme_delete_sq);
	return 0;
}

static uint16_t nvme_delete_cq(struct ksim_nvme_ctrl *ctrl, struct nvme_req *req)
{
	uint16_t qid = le32toh(req->sqe.cdw10) & 0xffff;

	if (!qid || qid > KSIM_NVME_MAX_QUEUES || !ctrl->cq[qid])
		return nvme_bad_queue(ctrl, NVME_EV_ub_delete_queue_invalid,
				      NVME_ST_CMD(NVME_SC_QID_INVALID),
				      "delete CQ %u: no such queue", qid, 0);
	if (ctrl->cq[qid]->nr_sqs)
		return nvme_bad_queue(ctrl, NVME_EV_ub_delete_queue_invalid,
				      NVME_ST_CMD(NVME_SC_INVALID_QUEUE),
				      "delete CQ %u: %u SQ(s) still attached",
				      qid, ctrl->cq[qid]->nr_sqs);
	nvme_free_cq(ctrl, qid);
	nvme_event(ctrl, NVME_EV_nvme_delete_cq);
	return 0;
}

/* ---- features ---- */

static bool nvme_io_queues_exist(struct ksim_nvme_ctrl *ctrl)
{
	for (unsigned int i = 1; i <= KSIM_NVME_MAX_QUEUES; i++)
		if (ctrl->sq[i] || ctrl->cq[i])
			return true;
	return false;
}

static uint16_t nvme_set_features(struct ksim_nvme_ctrl *ctrl, struct nvme_req *req)
{
	uint32_t dw10 = le32toh(req->sqe.cdw10), dw11 = le32toh(req->sqe.cdw11);
	uint8_t fid = dw10 & 0xff;
	const uint16_t inval = NVME_ST_GENERIC(NVME_SC_INVALID_FIELD) | NVME_ST_DNR;

	if (dw10 & (1u << 31))
		return NVME_ST_CMD(NVME_SC_FEATURE_NOT_SAVEABLE) | NVME_ST_DNR;
	switch (fid) {
	case NVME_FEAT_FID_ARBITRATION:
		ctrl->feat_arb = dw11;
		return 0;
	case NVME_FEAT_FID_POWER_MGMT:
		return (dw11 & 0x1f) ? inval : 0;
	case NVME_FEAT_FID_TEMP_THRESH: {
		unsigned int sel = (dw11 >> 16) & 0xf, thsel = (dw11 >> 20) & 3;

		if (sel != 0 || thsel > 1)
			return inval;
		if (thsel == 0)
			ctrl->temp_over = dw11 & 0xffff;
		else
			ctrl->temp_under = dw11 & 0xffff;
		nvme_check_temperature(ctrl);
		return 0;
	}
	case NVME_FEAT_FID_ERR_RECOVERY:
	case NVME_FEAT_FID_WRITE_ATOMIC:
		return 0;
	case NVME_FEAT_FID_KATO:
		/* Rounded up to the granularity we report in KAS. */
		ctrl->kato_ms = (dw11 + NVME_KAS_MS - 1) / NVME_KAS_MS * NVME_KAS_MS;
		nvme_keep_alive_restart(ctrl);
		return 0;
	case NVME_FEAT_FID_VOLATILE_WC:
		if (!ctrl->cfg.vwc)
			return inval;
		ctrl->feat_vwc = dw11 & 1;
		return 0;
	case NVME_FEAT_FID_NUM_QUEUES: {
		unsigned int nsq = (dw11 & 0xffff) + 1, ncq = (dw11 >> 16) + 1;

		if ((dw11 & 0xffff) == 0xffff || (dw11 >> 16) == 0xffff)
			return inval;
		if (nvme_io_queues_exist(ctrl)) {
			nvme_eventf(ctrl, NVME_EV_ub_set_nr_queues_late,
				    "Set Features (Number of Queues) after I/O queues exist");
			return NVME_ST_GENERIC(NVME_SC_CMD_SEQ_ERROR) | NVME_ST_DNR;
		}
		ctrl->nr_io_sqs = nsq < ctrl->cfg.queues ? nsq : ctrl->cfg.queues;
		ctrl->nr_io_cqs = ncq < ctrl->cfg.queues ? ncq : ctrl->cfg.queues;
		ctrl->nr_queues_set = true;
		req->dw0 = (ctrl->nr_io_sqs - 1) | (ctrl->nr_io_cqs - 1) << 16;
		return 0;
	}
	case NVME_FEAT_FID_IRQ_COALESCE:
		ctrl->feat_coalesce = dw11 & 0xffff;
		return 0;
	case NVME_FEAT_FID_IRQ_CONFIG: {
		unsigned int iv = dw11 & 0xffff;

		if (iv > ctrl->cfg.queues)
			return inval;
		ctrl->iv_cd[iv] = (dw11 >> 16) & 1;
		return 0;
	}
	case NVME_FEAT_FID_ASYNC_EVENT:
		ctrl->feat_aec = dw11;
		nvme_check_temperature(ctrl);
		return 0;
	default:
		req->err_loc = 40;
		return inval;
	}
}

static uint16_t nvme_get_features(struct ksim_nvme_ctrl *ctrl, struct nvme_req *req)
{
	uint32_t dw10 = le32toh(req->sqe.cdw10), dw11 = le32toh(req->sqe.cdw11);
	uint8_t fid = dw10 & 0xff, sel = (dw10 >> 8) & 7;
	bool dflt = sel == 1 || sel == 2;

	if (sel == 3) {		/* supported capabilities: changeable, nothing saveable */
		req->dw0 = 0x4;
		return 0;
	}
	if (sel > 3)
		return NVME_ST_GENERIC(NVME_SC_INVALID_FIELD) | NVME_ST_DNR;
	switch (fid) {
	case NVME_FEAT_FID_ARBITRATION: req->dw0 = dflt ? 0 : ctrl->feat_arb; return 0;
	case NVME_FEAT_FID_POWER_MGMT: req->dw0 = 0; return 0;
	case NVME_FEAT_FID_TEMP_THRESH: {
		unsigned int thsel = (dw11 >> 20) & 3;

		if (thsel > 1)
			return NVME_ST_GENERIC(NVME_SC_INVALID_FIELD) | NVME_ST_DNR;
		if (thsel == 0)
			req->dw0 = dflt ? 358 : ctrl->temp_over;
		else
			req->dw0 = dflt ? 0 : ctrl->temp_under;
		return 0;
	}
	case NVME_FEAT_FID_ERR_RECOVERY:
	case NVME_FEAT_FID_WRITE_ATOMIC:
		req->dw0 = 0;
		return 0;
	case NVME_FEAT_FID_KATO:
		req->dw0 = dflt ? 0 : ctrl->kato_ms;
		return 0;
	case NVME_FEAT_FID_VOLATILE_WC:
		if (!ctrl->cfg.vwc)
			return NVME_ST_GENERIC(NVME_SC_INVALID_FIELD) | NVME_ST_DNR;
		req->dw0 = dflt ? 1 : ctrl->feat_vwc;
		return 0;
	case NVME_FEAT_FID_NUM_QUEUES:
		req->dw0 = (ctrl->nr_io_sqs - 1) | (ctrl->nr_io_cqs - 1) << 16;
		return 0;
	case NVME_FEAT_FID_IRQ_COALESCE: req->dw0 = dflt ? 0 : ctrl->feat_coalesce; return 0;
	case NVME_FEAT_FID_IRQ_CONFIG: {
		unsigned int iv = dw11 & 0xffff;

		if (iv > ctrl->cfg.queues)
			return NVME_ST_GENERIC(NVME_SC_INVALID_FIELD) | NVME_ST_DNR;
		req->dw0 = iv | (dflt ? 0 : (uint32_t)ctrl->iv_cd[iv] << 16);
		return 0;
	}
	case NVME_FEAT_FID_ASYNC_EVENT: req->dw0 = dflt ? 0 : ctrl->feat_aec; return 0;
	default:
		req->err_loc = 40;
		return NVME_ST_GENERIC(NVME_SC_INVALID_FIELD) | NVME_ST_DNR;
	}
}

/* ---- Get Log Page ---- */

static void nvme_put128(uint8_t *dst, uint64_t v)
{
	uint64_t le = htole64(v);

	memcpy(dst, &le, sizeof(le));
}

static void nvme_smart_log(struct ksim_nvme_ctrl *ctrl, struct nvme_smart_log *s)
{
	uint64_t rd = __atomic_load_n(&ctrl->bytes_read, __ATOMIC_RELAXED);
	uint64_t wr = __atomic_load_n(&ctrl->bytes_written, __ATOMIC_RELAXED);

	s->critical_warning = ctrl->crit_warning;
	s->temperature[0] = ctrl->temperature & 0xff;
	s->temperature[1] = ctrl->temperature >> 8;
	s->avail_spare = 100;
	s->spare_thresh = 10;
	/* Thousands of 512-byte units, rounded up. */
	nvme_put128(s->data_units_read, (rd + 512 * 1000 - 1) / (512 * 1000));
	nvme_put128(s->data_units_written, (wr + 512 * 1000 - 1) / (512 * 1000));
	nvme_put128(s->host_reads, __atomic_load_n(&ctrl->host_reads, __ATOMIC_RELAXED));
	nvme_put128(s->host_writes, __atomic_load_n(&ctrl->host_writes, __ATOMIC_RELAXED));
	nvme_put128(s->power_cycles, 1);
	nvme_put128(s->num_err_log_entries, ctrl->error_count);
	s->temp_sensor[0] = htole16(ctrl->temperature);
}

static uint16_t nvme_get_log(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
			     struct nvme_req *req)
{
	uint32_t dw10 = le32toh(req->sqe.cdw10), dw11 = le32toh(req->sqe.cdw11);
	uint8_t lid = dw10 & 0xff;
	bool rae = dw10 & (1u << 15);
	size_t len = ((size_t)((dw11 & 0xffff) << 16 | dw10 >> 16) + 1) * 4;
	uint64_t off = (uint64_t)le32toh(req->sqe.cdw13) << 32 | le32toh(req->sqe.cdw12);
	size_t max = (size_t)4096 << ctrl->cfg.mdts, size;
	uint8_t *log = calloc(1, NVME_ERRLOG_ENTRIES * sizeof(struct nvme_error_log_page));
	uint16_t st;

	if (!log)
		return NVME_ST_GENERIC(NVME_SC_INTERNAL);
	switch (lid) {
	case NVME_LOG_LID_ERROR: {
		struct nvme_error_log_page *e = (void *)log;
		unsigned int n = ctrl->error_count < NVME_ERRLOG_ENTRIES ?
				 ctrl->error_count : NVME_ERRLOG_ENTRIES;

		for (unsigned int i = 0; i < n; i++)	/* newest first */
			e[i] = ctrl->errlog[(ctrl->errlog_next + NVME_ERRLOG_ENTRIES - 1 - i) %
					    NVME_ERRLOG_ENTRIES];
		size = NVME_ERRLOG_ENTRIES * sizeof(*e);
		break;
	}
	case NVME_LOG_LID_SMART:
		nvme_smart_log(ctrl, (void *)log);
		size = sizeof(struct nvme_smart_log);
		break;
	case NVME_LOG_LID_FW_SLOT: {
		struct nvme_firmware_slot *fw = (void *)log;

		fw->afi = 1;
		nvme_pad(fw->frs[0], ctrl->cfg.firmware, sizeof(fw->frs[0]));
		size = sizeof(*fw);
		break;
	}
	default:
		free(log);
		req->err_loc = 40;
		return NVME_ST_CMD(NVME_SC_INVALID_LOG_PAGE) | NVME_ST_DNR;
	}
	if ((off & 3) || off >= size || len > max) {
		free(log);
		req->err_loc = 48;
		return NVME_ST_GENERIC(NVME_SC_INVALID_FIELD) | NVME_ST_DNR;
	}
	memset(w->bounce, 0, len);
	memcpy(w->bounce, log + off, size - off < len ? size - off : len);
	free(log);
	st = nvme_dma_data(ctrl, &req->sqe, w->bounce, len, true, false);
	if (!st && !rae) {
		/* Reading the log re-arms events of its type. */
		if (lid == NVME_LOG_LID_ERROR)
			ctrl->aen_masked &= ~(1u << NVME_AER_ERROR);
		else if (lid == NVME_LOG_LID_SMART)
			ctrl->aen_masked &= ~(1u << NVME_AER_SMART);
	}
	return st;
}

/* ---- Abort, AER ---- */

static uint16_t nvme_abort(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
			   struct nvme_req *req)
{
	uint32_t dw10 = le32toh(req->sqe.cdw10);
	uint16_t sqid = dw10 & 0xffff, cid = dw10 >> 16;
	struct nvme_req *victim = NULL, **pp;

	req->dw0 = 1;		/* bit 0 set: not aborted */
	for (pp = &ctrl->dropped; *pp; pp = &(*pp)->next) {
		if ((*pp)->sqid == sqid && le16toh((*pp)->sqe.cid) == cid) {
			victim = *pp;
			*pp = victim->next;
			break;
		}
	}
	for (unsigned int i = 0; !victim && i < ctrl->heap_len; i++) {
		if (ctrl->heap[i]->sqid == sqid && le16toh(ctrl->heap[i]->sqe.cid) == cid) {
			victim = ctrl->heap[i];
			nvme_heap_remove(ctrl, i);
		}
	}
	for (unsigned int i = 0; !victim && sqid == 0 && i < ctrl->nr_aer; i++) {
		if (le16toh(ctrl->aer[i]->sqe.cid) == cid) {
			victim = ctrl->aer[i];
			ctrl->aer[i] = ctrl->aer[--ctrl->nr_aer];
		}
	}
	if (!victim) {
		nvme_event(ctrl, NVME_EV_nvme_abort_miss);
		return 0;
	}
	nvme_event(ctrl, NVME_EV_nvme_abort_hit);
	victim->next = NULL;
	victim->dropped = false;
	victim->deferred = false;
	victim->due_ns = 0;
	victim->status = NVME_ST_GENERIC(NVME_SC_ABORT_REQ);
	nvme_complete(ctrl, w, victim);
	req->dw0 = 0;
	return 0;
}

static uint16_t nvme_aer(struct ksim_nvme_ctrl *ctrl, struct nvme_req *req)
{
	if (ctrl->nr_aer >= NVME_MAX_AER) {
		nvme_eventf(ctrl, NVME_EV_ub_aer_limit,
			    "more than %u Asynchronous Event Requests outstanding", NVME_MAX_AER);
		return NVME_ST_CMD(NVME_SC_ASYNC_LIMIT) | NVME_ST_DNR;
	}
	req->deferred = true;
	ctrl->aer[ctrl->nr_aer++] = req;
	return 0;
}

/*
 * The Keep Alive Timer (Base 2.0, 3.9.5) runs from Set Features (KATO) and
 * every Keep Alive command; the worker's housekeeping watches the deadline.
 */
void nvme_keep_alive_restart(struct ksim_nvme_ctrl *ctrl)
{
	if (!ctrl->kato_ms) {
		ctrl->ka_deadline = 0;
		return;
	}
	ctrl->ka_deadline = ksim_host->now_ns() + (int64_t)ctrl->kato_ms * 1000000;
	nvme_kick(ctrl);
}

void nvme_admin_exec(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
		     struct nvme_req *req)
{
	uint8_t opc = req->sqe.opc;

	if (NVME_SQE_PSDT(req->sqe.flags) || NVME_SQE_FUSE(req->sqe.flags)) {
		nvme_eventf(ctrl, NVME_EV_ub_invalid_field,
			    "admin opcode 0x%02x with PSDT/FUSE set (flags 0x%02x)",
			    opc, req->sqe.flags);
		req->err_loc = 1;
		req->status = NVME_ST_GENERIC(NVME_SC_INVALID_FIELD) | NVME_ST_DNR;
		return;
	}
	switch (opc) {
	case nvme_admin_identify:
		nvme_identify(ctrl, w, req);
		break;
	case nvme_admin_create_cq:
		req->status = nvme_create_cq(ctrl, req);
		break;
	case nvme_admin_create_sq:
		req->status = nvme_create_sq(ctrl, req);
		break;
	case nvme_admin_delete_sq:
		req->status = nvme_delete_sq(ctrl, w, req);
		break;
	case nvme_admin_delete_cq:
		req->status = nvme_delete_cq(ctrl, req);
		break;
	case nvme_admin_set_features:
		req->status = nvme_set_features(ctrl, req);
		break;
	case nvme_admin_get_features:
		req->status = nvme_get_features(ctrl, req);
		break;
	case nvme_admin_get_log_page:
		req->status = nvme_get_log(ctrl, w, req);
		break;
	case nvme_admin_abort_cmd:
		req->status = nvme_abort(ctrl, w, req);
		break;
	case nvme_admin_async_event:
		req->status = nvme_aer(ctrl, req);
		break;
	case nvme_admin_keep_alive:
		nvme_event(ctrl, NVME_EV_nvme_keep_alive);
		nvme_keep_alive_restart(ctrl);
		req->status = 0;
		break;
	default:
		nvme_eventf(ctrl, NVME_EV_ub_invalid_opcode, "admin opcode 0x%02x", opc);
		req->status = NVME_ST_GENERIC(NVME_SC_INVALID_OPCODE) | NVME_ST_DNR;
	}
}
