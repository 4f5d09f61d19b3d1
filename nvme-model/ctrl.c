// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-model/ctrl.c - the controller: registers (Base 2.0, 3.1.3), the
 * enable, reset and shutdown handshakes, doorbells, the workers that fetch
 * and complete commands, completion queues and their interrupts.
 *
 * Locking: one lock per controller guards registers, queues, the latency
 * heap, logs and features.  MMIO callbacks take it briefly and never do
 * work inline: a doorbell records the new value and kicks a worker.  Admin
 * commands run under the lock (they never block); I/O commands run outside
 * it, and a controller reset in the meantime is noticed through ctrl->gen.
 * Interrupts are raised after the lock is dropped, because delivery may run
 * the driver's handler, which rings doorbells.
 */
#include <stdio.h>
#include <stdlib.h>

#include "nvme-model/nvme.h"

#define NVME_BAR0_SIZE		0x4000
#define NVME_DB_BASE		0x1000
#define NVME_MSIX_TABLE		0x2000
#define NVME_MSIX_PBA		0x3000
#define NVME_SHUTDOWN_NS	(100 * 1000)	/* SHST processing -> complete */

static inline int64_t nvme_now(void)
{
	return ksim_host->now_ns();
}

void nvme_kick(struct ksim_nvme_ctrl *ctrl)
{
	__atomic_add_fetch(&ctrl->kick, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&ctrl->sleepers, __ATOMIC_SEQ_CST))
		ksim_host->wake(&ctrl->kick, 1);
}

/* ---- queues ---- */

struct nvme_sq *nvme_sq_create(struct ksim_nvme_ctrl *ctrl, uint16_t qid,
			       uint16_t cqid, uint32_t size, uint64_t base)
{
	struct nvme_sq *sq = calloc(1, sizeof(*sq));

	if (!sq)
		return NULL;
	sq->cids = calloc(65536 / 64, sizeof(uint64_t));
	if (!sq->cids) {
		free(sq);
		return NULL;
	}
	sq->qid = qid;
	sq->cqid = cqid;
	sq->size = size;
	sq->base = base;
	ctrl->sq[qid] = sq;
	ctrl->cq[cqid]->nr_sqs++;
	return sq;
}

struct nvme_cq *nvme_cq_create(struct ksim_nvme_ctrl *ctrl, uint16_t qid,
			       uint32_t size, uint64_t base, bool ien, uint16_t iv)
{
	struct nvme_cq *cq = calloc(1, sizeof(*cq));

	if (!cq)
		return NULL;
	cq->qid = qid;
	cq->size = size;
	cq->base = base;
	cq->phase = 1;
	cq->ien = ien;
	cq->iv = iv;
	ctrl->cq[qid] = cq;
	return cq;
}

static void nvme_req_list_free(struct nvme_req *req)
{
	while (req) {
		struct nvme_req *next = req->next;

		free(req);
		req = next;
	}
}

void nvme_free_cq(struct ksim_nvme_ctrl *ctrl, uint16_t qid)
{
	struct nvme_cq *cq = ctrl->cq[qid];

	if (!cq)
		return;
	nvme_req_list_free(cq->ovf_head);
	ctrl->cq[qid] = NULL;
	free(cq);
}

/* Take every held command of SQ @qid off @list into a private chain. */
static struct nvme_req *nvme_take_sq_reqs(struct nvme_req **list, uint16_t qid)
{
	struct nvme_req *out = NULL, **pp = list;

	while (*pp) {
		struct nvme_req *req = *pp;

		if (req->sqid == qid) {
			*pp = req->next;
			req->next = out;
			out = req;
		} else {
			pp = &req->next;
		}
	}
	return out;
}

/*
 * Delete SQ @qid.  With @abort_cmds, commands it still holds in the model
 * (delayed by the latency model, or swallowed by a drop fault) complete
 * with Command Aborted due to SQ Deletion, as the spec asks.
 */
void nvme_free_sq(struct ksim_nvme_ctrl *ctrl, uint16_t qid, bool abort_cmds,
		  struct nvme_worker *w)
{
	struct nvme_sq *sq = ctrl->sq[qid];
	struct nvme_req *held;
	unsigned int i;

	if (!sq)
		return;
	held = nvme_take_sq_reqs(&ctrl->dropped, qid);
	for (i = 0; i < ctrl->heap_len; ) {
		struct nvme_req *req = ctrl->heap[i];

		if (req->sqid != qid) {
			i++;
			continue;
		}
		nvme_heap_remove(ctrl, i);
		req->next = held;
		held = req;
	}
	if (ctrl->cq[sq->cqid])
		ctrl->cq[sq->cqid]->nr_sqs--;
	ctrl->sq[qid] = NULL;
	free(sq->cids);
	free(sq);
	while (held) {
		struct nvme_req *req = held;

		held = req->next;
		req->next = NULL;
		if (!abort_cmds) {
			free(req);
			continue;
		}
		req->dropped = false;
		req->due_ns = 0;
		req->status = NVME_ST_GENERIC(NVME_SC_ABORT_QUEUE);
		nvme_complete(ctrl, w, req);
	}
}

/* Controller reset: every queue, every held command, every pending event. */
void nvme_reset_queues(struct ksim_nvme_ctrl *ctrl)
{
	unsigned int i;

	ctrl->gen++;
	for (i = 0; i <= KSIM_NVME_MAX_QUEUES; i++)
		nvme_free_sq(ctrl, i, false, NULL);
	for (i = 0; i <= KSIM_NVME_MAX_QUEUES; i++)
		nvme_free_cq(ctrl, i);
	for (i = 0; i < ctrl->heap_len; i++)
		free(ctrl->heap[i]);
	ctrl->heap_len = 0;
	nvme_req_list_free(ctrl->dropped);
	ctrl->dropped = NULL;
	for (i = 0; i < ctrl->nr_aer; i++)
		free(ctrl->aer[i]);
	ctrl->nr_aer = 0;
	ctrl->nr_aen = 0;
	ctrl->aen_masked = 0;
	ctrl->nr_queues_set = false;
	ctrl->nr_io_sqs = ctrl->nr_io_cqs = ctrl->cfg.queues;
	ctrl->feat_arb = 0;
	ctrl->feat_coalesce = 0;
	ctrl->feat_aec = 0;
	ctrl->kato_ms = 0;
	ctrl->ka_deadline = 0;
	ctrl->feat_vwc = ctrl->cfg.vwc ? 1 : 0;
	memset(ctrl->iv_cd, 0, sizeof(ctrl->iv_cd));
}

/* ---- the latency heap ---- */

static void nvme_heap_swap(struct ksim_nvme_ctrl *ctrl, unsigned int a, unsigned int b)
{
	struct nvme_req *t = ctrl->heap[a];

	ctrl->heap[a] = ctrl->heap[b];
	ctrl->heap[b] = t;
}

static void nvme_heap_down(struct ksim_nvme_ctrl *ctrl, unsigned int i)
{
	for (;;) {
		unsigned int l = 2 * i + 1, r = l + 1, m = i;

		if (l < ctrl->heap_len && ctrl->heap[l]->due_ns < ctrl->heap[m]->due_ns)
			m = l;
		if (r < ctrl->heap_len && ctrl->heap[r]->due_ns < ctrl->heap[m]->due_ns)
			m = r;
		if (m == i)
			return;
		nvme_heap_swap(ctrl, i, m);
		i = m;
	}
}

static void nvme_heap_up(struct ksim_nvme_ctrl *ctrl, unsigned int i)
{
	while (i && ctrl->heap[(i - 1) / 2]->due_ns > ctrl->heap[i]->due_ns) {
		nvme_heap_swap(ctrl, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static bool nvme_heap_push(struct ksim_nvme_ctrl *ctrl, struct nvme_req *req)
{
	if (ctrl->heap_len == ctrl->heap_cap) {
		unsigned int cap = ctrl->heap_cap ? 2 * ctrl->heap_cap : 64;
		struct nvme_req **h = realloc(ctrl->heap, cap * sizeof(*h));

		if (!h)
			return false;
		ctrl->heap = h;
		ctrl->heap_cap = cap;
	}
	ctrl->heap[ctrl->heap_len++] = req;
	nvme_heap_up(ctrl, ctrl->heap_len - 1);
	return true;
}

void nvme_heap_remove(struct ksim_nvme_ctrl *ctrl, unsigned int i)
{
	ctrl->heap_len--;
	if (i == ctrl->heap_len)
		return;
	ctrl->heap[i] = ctrl->heap[ctrl->heap_len];
	nvme_heap_down(ctrl, i);
	nvme_heap_up(ctrl, i);
}

/* ---- completions and interrupts ---- */

static void nvme_want_irq(struct nvme_worker *w, uint16_t iv)
{
	if (w && iv < NVME_MAX_VECTORS) {
		w->raise[iv] = 1;
		w->any_raise = true;
	}
}

static void nvme_irq_after_post(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
				struct nvme_cq *cq)
{
	unsigned int thr = (ctrl->feat_coalesce & 0xff) + 1;
	unsigned int time = (ctrl->feat_coalesce >> 8) & 0xff;

	if (!cq->ien)
		return;
	cq->unsignalled++;
	/* The admin CQ and vectors with Coalescing Disable are never delayed. */
	if (cq->qid == 0 || ctrl->iv_cd[cq->iv] || !ctrl->feat_coalesce ||
	    cq->unsignalled >= thr || !time) {
		cq->unsignalled = 0;
		cq->coalesce_deadline = 0;
		nvme_want_irq(w, cq->iv);
		return;
	}
	if (!cq->coalesce_deadline)
		cq->coalesce_deadline = nvme_now() + (int64_t)time * 100000;
}

static bool nvme_cq_full(const struct nvme_cq *cq)
{
	return (cq->tail + 1) % cq->size == cq->head;
}

/* Write one CQE; the status word (with the phase tag) goes last. */
static int nvme_write_cqe(struct ksim_nvme_ctrl *ctrl, struct nvme_cq *cq,
			  const struct nvme_cqe *cqe)
{
	uint64_t addr = cq->base + (uint64_t)cq->tail * sizeof(*cqe);
	struct nvme_cqe *p;
	int err;

	p = ksim_dma_translate(ctrl->pdev, addr, sizeof(*cqe), KSIM_DMA_FROM_DEVICE, &err);
	if (p) {
		memcpy(p, cqe, offsetof(struct nvme_cqe, status));
		__atomic_store_n(&p->status, cqe->status, __ATOMIC_RELEASE);
		return 0;
	}
	if (err != -EAGAIN)
		return err;
	return ksim_dma_write(ctrl->pdev, addr, cqe, sizeof(*cqe));
}

static void nvme_post(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
		      struct nvme_cq *cq, struct nvme_req *req)
{
	struct nvme_sq *sq = ctrl->sq[req->sqid];
	struct nvme_cqe cqe = {
		.dw0 = htole32(req->dw0),
		.sqhd = htole16(sq ? sq->head : req->sqhd),
		.sqid = htole16(req->sqid),
		.cid = req->sqe.cid,
	};
	uint16_t st = req->status;
	int copies = req->twice ? 2 : 1;

	cqe.status = htole16((uint16_t)((st & 0x7ff) << 1) |
			     ((st & NVME_ST_DNR) ? 0x8000 : 0));
	while (copies--) {
		cqe.status = htole16((le16toh(cqe.status) & ~1) | cq->phase);
		if (nvme_write_cqe(ctrl, cq, &cqe)) {
			nvme_eventf(ctrl, NVME_EV_ub_cqe_post_fault,
				    "cannot write a completion to CQ %u (entry %u)",
				    cq->qid, cq->tail);
			break;
		}
		cq->tail++;
		if (cq->tail == cq->size) {
			cq->tail = 0;
			cq->phase ^= 1;
		}
		nvme_irq_after_post(ctrl, w, cq);
		/* The duplicate goes in only if there is room; never overwrite. */
		if (copies && nvme_cq_full(cq))
			break;
	}
	free(req);
}

void nvme_complete(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
		   struct nvme_req *req)
{
	struct nvme_sq *sq;
	struct nvme_cq *cq;

	if (req->gen != ctrl->gen) {
		free(req);	/* the controller was reset meanwhile */
		return;
	}
	/*
	 * A failed (CSTS.CFS) or removed controller posts nothing more: the
	 * host finds out from CSTS or from reads of all ones, and a completion
	 * DMA'd after surprise removal would only fault.
	 */
	if ((ctrl->csts & (1 << NVME_CSTS_CFS_SHIFT)) ||
	    __atomic_load_n(&ctrl->removed, __ATOMIC_RELAXED)) {
		free(req);
		return;
	}
	if (req->dropped) {
		req->next = ctrl->dropped;
		ctrl->dropped = req;
		return;
	}
	if (req->due_ns && req->due_ns > nvme_now() && nvme_heap_push(ctrl, req))
		return;
	req->due_ns = 0;
	sq = ctrl->sq[req->sqid];
	if (sq) {
		sq->cids[req->sqe.cid / 64] &= ~(1ULL << (req->sqe.cid % 64));
	} else if (req->status == 0) {
		/* Its SQ was deleted while the command ran. */
		req->status = NVME_ST_GENERIC(NVME_SC_ABORT_QUEUE);
	}
	cq = ctrl->cq[req->cqid];
	if (req->status) {
		nvme_status_event(ctrl, req->status);
		if (!req->deferred)
			nvme_error_log_add(ctrl, req->sqid, req->sqe.cid, req->status,
					   req->err_loc, req->err_lba,
					   le32toh(req->sqe.nsid));
	}
	if (!cq) {
		free(req);
		return;
	}
	if (cq->ovf_head || nvme_cq_full(cq)) {
		nvme_event(ctrl, NVME_EV_nvme_cq_full);
		req->next = NULL;
		if (cq->ovf_tail)
			cq->ovf_tail->next = req;
		else
			cq->ovf_head = req;
		cq->ovf_tail = req;
		return;
	}
	nvme_post(ctrl, w, cq, req);
}

/* ---- state machine: enable, reset, shutdown ---- */

static void nvme_update_state(struct ksim_nvme_ctrl *ctrl, int64_t now)
{
	if (ctrl->ready_at && now >= ctrl->ready_at) {
		ctrl->ready_at = 0;
		ctrl->csts |= 1 << NVME_CSTS_RDY_SHIFT;
		nvme_event(ctrl, NVME_EV_nvme_ready);
	}
	if (ctrl->unready_at && now >= ctrl->unready_at && !ctrl->executing) {
		ctrl->unready_at = 0;
		ctrl->csts &= ~(1u << NVME_CSTS_RDY_SHIFT);
		nvme_event(ctrl, NVME_EV_nvme_reset_done);
	}
}

static bool nvme_cc_valid(struct ksim_nvme_ctrl *ctrl, uint32_t cc, char *why, size_t len)
{
	unsigned int aqsq = (ctrl->aqa & 0xfff) + 1, aqcq = ((ctrl->aqa >> 16) & 0xfff) + 1;

	if (NVME_CC_CSS(cc) != NVME_CC_CSS_NVM)
		snprintf(why, len, "CC.CSS %u not supported", NVME_CC_CSS(cc));
	else if (NVME_CC_MPS(cc) > NVME_CAP_MPSMAX(ctrl->cap))
		snprintf(why, len, "CC.MPS %u above CAP.MPSMAX", NVME_CC_MPS(cc));
	else if (NVME_CC_AMS(cc) != NVME_CC_AMS_RR)
		snprintf(why, len, "CC.AMS %u not supported", NVME_CC_AMS(cc));
	else if (NVME_CC_IOSQES(cc) != 6 || NVME_CC_IOCQES(cc) != 4)
		snprintf(why, len, "CC.IOSQES/IOCQES %u/%u, need 6/4",
			 NVME_CC_IOSQES(cc), NVME_CC_IOCQES(cc));
	else if (aqsq < 2 || aqcq < 2)
		snprintf(why, len, "AQA 0x%x: admin queues need 2 entries at least", ctrl->aqa);
	else if (!ctrl->asq || !ctrl->acq || ((ctrl->asq | ctrl->acq) & 0xfff))
		snprintf(why, len, "ASQ 0x%llx / ACQ 0x%llx missing or not page aligned",
			 (unsigned long long)ctrl->asq, (unsigned long long)ctrl->acq);
	else
		return true;
	return false;
}

static void nvme_enable(struct ksim_nvme_ctrl *ctrl, uint32_t cc)
{
	char why[128];

	ctrl->cc = cc;
	nvme_event(ctrl, NVME_EV_nvme_enable);
	if (!nvme_cc_valid(ctrl, cc, why, sizeof(why))) {
		nvme_eventf(ctrl, NVME_EV_ub_cc_invalid, "enable refused: %s", why);
		ctrl->csts |= 1 << NVME_CSTS_CFS_SHIFT;
		return;
	}
	ctrl->page_shift = 12 + NVME_CC_MPS(cc);
	ctrl->unready_at = 0;
	if (!nvme_cq_create(ctrl, 0, ((ctrl->aqa >> 16) & 0xfff) + 1, ctrl->acq, true, 0) ||
	    !nvme_sq_create(ctrl, 0, 0, (ctrl->aqa & 0xfff) + 1, ctrl->asq)) {
		nvme_fatal(ctrl, "out of memory for the admin queues");
		return;
	}
	ctrl->ready_at = nvme_now() + (int64_t)ctrl->cfg.ready_delay_ms * 1000000;
	if (ctrl->ready_at == 0)
		ctrl->ready_at = 1;
}

static void nvme_disable(struct ksim_nvme_ctrl *ctrl, uint32_t cc)
{
	ctrl->cc = cc;
	nvme_event(ctrl, NVME_EV_nvme_disable);
	nvme_reset_queues(ctrl);
	ctrl->csts &= ~((1u << NVME_CSTS_CFS_SHIFT) | (3u << NVME_CSTS_SHST_SHIFT));
	ctrl->ready_at = 0;
	ctrl->shutdown_pending = false;
	if (ctrl->csts & (1 << NVME_CSTS_RDY_SHIFT))
		ctrl->unready_at = nvme_now() + (int64_t)ctrl->cfg.ready_delay_ms * 1000000 + 1;
}

static void nvme_write_cc(struct ksim_nvme_ctrl *ctrl, uint32_t cc)
{
	uint32_t old = ctrl->cc;
	uint32_t fixed = ~((NVME_CC_SHN_MASK << NVME_CC_SHN_SHIFT) | 1u);

	if (!NVME_CC_EN(old) && NVME_CC_EN(cc)) {
		nvme_enable(ctrl, cc);
	} else if (NVME_CC_EN(old) && !NVME_CC_EN(cc)) {
		nvme_disable(ctrl, cc);
	} else if (NVME_CC_EN(old)) {
		if ((old ^ cc) & fixed)
			nvme_eventf(ctrl, NVME_EV_ub_cc_write_while_enabled,
				    "CC 0x%08x -> 0x%08x changes fields while enabled", old, cc);
		ctrl->cc = (old & fixed) | (cc & ~fixed);
	} else {
		ctrl->cc = cc;
	}
	if (NVME_CC_SHN(cc) && !NVME_CC_SHN(old)) {
		nvme_event(ctrl, NVME_EV_nvme_shutdown);
		ctrl->csts = (ctrl->csts & ~(3u << NVME_CSTS_SHST_SHIFT)) |
			     (NVME_CSTS_SHST_OCCUR << NVME_CSTS_SHST_SHIFT);
		ctrl->shutdown_pending = true;
		nvme_kick(ctrl);
	}
}

/* ---- MMIO ---- */

static bool nvme_reg_size_ok(uint64_t off, unsigned int size)
{
	if (off & (size - 1))
		return false;
	if (size == 4)
		return true;
	return size == 8 && (off == NVME_REG_CAP || off == NVME_REG_ASQ || off == NVME_REG_ACQ);
}

static uint64_t nvme_reg_read(struct ksim_nvme_ctrl *ctrl, uint64_t off, unsigned int size)
{
	uint64_t v;

	switch (off & ~7ULL) {
	case NVME_REG_CAP: v = ctrl->cap; break;
	case NVME_REG_ASQ: v = ctrl->asq; break;
	case NVME_REG_ACQ: v = ctrl->acq; break;
	default:
		switch (off) {
		case NVME_REG_VS: return 0x00020000;	/* 2.0.0 */
		case NVME_REG_INTMS:
		case NVME_REG_INTMC: return ctrl->intms;
		case NVME_REG_CC: return ctrl->cc;
		case NVME_REG_CSTS:
			nvme_update_state(ctrl, nvme_now());
			return ctrl->csts;
		case NVME_REG_AQA: return ctrl->aqa;
		default: return 0;	/* CMBLOC, CMBSZ, reserved: 0 */
		}
	}
	if (size == 8)
		return v;
	return (off & 4) ? v >> 32 : (uint32_t)v;
}

static void nvme_set_half(uint64_t *reg, uint64_t off, uint64_t value, unsigned int size)
{
	if (size == 8)
		*reg = value;
	else if (off & 4)
		*reg = (*reg & 0xffffffffULL) | (value << 32);
	else
		*reg = (*reg & ~0xffffffffULL) | (uint32_t)value;
}

static void nvme_reg_write(struct ksim_nvme_ctrl *ctrl, uint64_t off, uint64_t value,
			   unsigned int size)
{
	switch (off & ~7ULL) {
	case NVME_REG_ASQ:
	case NVME_REG_ACQ:
		if (NVME_CC_EN(ctrl->cc)) {
			nvme_eventf(ctrl, NVME_EV_ub_aq_write_while_enabled,
				    "%s written while CC.EN=1", off < NVME_REG_ACQ ? "ASQ" : "ACQ");
			return;
		}
		nvme_set_half((off & ~7ULL) == NVME_REG_ASQ ? &ctrl->asq : &ctrl->acq,
			      off, value, size);
		return;
	}
	switch (off) {
	case NVME_REG_CAP:
	case NVME_REG_CAP + 4:
	case NVME_REG_VS:
	case NVME_REG_CSTS:
	case NVME_REG_CMBLOC:
	case NVME_REG_CMBSZ:
		nvme_eventf(ctrl, NVME_EV_ub_mmio_ro_write,
			    "write of 0x%llx to read-only register 0x%llx",
			    (unsigned long long)value, (unsigned long long)off);
		return;
	case NVME_REG_INTMS:
		ctrl->intms |= (uint32_t)value;
		return;
	case NVME_REG_INTMC:
		ctrl->intms &= ~(uint32_t)value;
		return;
	case NVME_REG_CC:
		nvme_write_cc(ctrl, (uint32_t)value);
		return;
	case NVME_REG_NSSR:
		return;		/* CAP.NSSRS = 0: no subsystem reset */
	case NVME_REG_AQA:
		if (NVME_CC_EN(ctrl->cc)) {
			nvme_eventf(ctrl, NVME_EV_ub_aq_write_while_enabled,
				    "AQA written while CC.EN=1");
			return;
		}
		ctrl->aqa = (uint32_t)value & 0x0fff0fff;
		return;
	default:
		nvme_eventf(ctrl, NVME_EV_ub_mmio_unknown_reg,
			    "write of 0x%llx to reserved offset 0x%llx",
			    (unsigned long long)value, (unsigned long long)off);
	}
}

static void nvme_db_error(struct ksim_nvme_ctrl *ctrl, enum nvme_event ev, uint8_t info,
			  const char *what, unsigned int qid, uint64_t value)
{
	nvme_eventf(ctrl, ev, "%s doorbell of queue %u written with %llu", what, qid,
		    (unsigned long long)value);
	nvme_error_log_add(ctrl, 0xffff, 0xffff, NVME_ST_GENERIC(NVME_SC_INVALID_FIELD),
			   0xffff, 0, 0);
	nvme_aen(ctrl, NVME_AER_ERROR, info, NVME_LOG_LID_ERROR);
}

static void nvme_doorbell(struct ksim_nvme_ctrl *ctrl, uint64_t off, uint64_t value)
{
	unsigned int idx = (off - NVME_DB_BASE) / 4, qid = idx / 2;
	bool is_cq = idx & 1;
	uint32_t v = (uint32_t)value;

	/*
	 * After a fatal status the host cannot know until it reads CSTS:
	 * doorbells it rings meanwhile are ignored, not held against it.
	 */
	if (NVME_CC_EN(ctrl->cc) && (ctrl->csts & (1 << NVME_CSTS_CFS_SHIFT)))
		return;
	if (!NVME_CC_EN(ctrl->cc)) {
		nvme_eventf(ctrl, NVME_EV_ub_io_before_enable,
			    "%s doorbell of queue %u written while the controller is %s",
			    is_cq ? "CQ head" : "SQ tail", qid,
			    NVME_CC_EN(ctrl->cc) ? "failed" : "disabled");
		return;
	}
	if (is_cq) {
		struct nvme_cq *cq = qid <= KSIM_NVME_MAX_QUEUES ? ctrl->cq[qid] : NULL;
		uint32_t posted, moved;

		if (!cq) {
			nvme_db_error(ctrl, NVME_EV_ub_db_invalid_queue,
				      NVME_AER_ERROR_INVALID_DB_REG, "CQ head (no such CQ)", qid, v);
			return;
		}
		posted = (cq->tail + cq->size - cq->head) % cq->size;
		moved = (v + cq->size - cq->head) % cq->size;
		if (v >= cq->size || moved > posted) {
			nvme_db_error(ctrl, NVME_EV_ub_db_invalid_head,
				      NVME_AER_ERROR_INVALID_DB_VAL, "CQ head", qid, v);
			return;
		}
		cq->head = v;
		if (cq->ovf_head)
			nvme_kick(ctrl);
		return;
	}
	struct nvme_sq *sq = qid <= KSIM_NVME_MAX_QUEUES ? ctrl->sq[qid] : NULL;

	if (!sq) {
		nvme_db_error(ctrl, NVME_EV_ub_db_invalid_queue,
			      NVME_AER_ERROR_INVALID_DB_REG, "SQ tail (no such SQ)", qid, v);
		return;
	}
	if (v >= sq->size) {
		nvme_db_error(ctrl, NVME_EV_ub_db_invalid_tail,
			      NVME_AER_ERROR_INVALID_DB_VAL, "SQ tail", qid, v);
		return;
	}
	sq->tail = v;
	nvme_kick(ctrl);
}

static uint64_t nvme_mmio_read(void *model, int bar, uint64_t off, unsigned int size)
{
	struct ksim_nvme_ctrl *ctrl = model;
	uint64_t v = 0;

	if (bar != 0)
		return 0;
	if (off >= NVME_DB_BASE)
		return 0;	/* doorbells read back as 0 */
	if (!nvme_reg_size_ok(off, size)) {
		nvme_eventf(ctrl, NVME_EV_ub_mmio_size, "%u-byte read at 0x%llx", size,
			    (unsigned long long)off);
		return 0;
	}
	nvme_lock(&ctrl->lock);
	v = nvme_reg_read(ctrl, off, size);
	nvme_unlock(&ctrl->lock);
	return v;
}

static void nvme_mmio_write(void *model, int bar, uint64_t off, uint64_t value,
			    unsigned int size)
{
	struct ksim_nvme_ctrl *ctrl = model;

	if (bar != 0)
		return;
	if ((off >= NVME_DB_BASE && (size != 4 || (off & 3))) ||
	    (off < NVME_DB_BASE && !nvme_reg_size_ok(off, size))) {
		nvme_eventf(ctrl, NVME_EV_ub_mmio_size, "%u-byte write of 0x%llx at 0x%llx",
			    size, (unsigned long long)value, (unsigned long long)off);
		return;
	}
	if (off >= NVME_MSIX_TABLE) {
		/* Beyond the doorbells, outside the MSI-X table and PBA. */
		nvme_eventf(ctrl, NVME_EV_ub_mmio_unknown_reg,
			    "write of 0x%llx to unused offset 0x%llx",
			    (unsigned long long)value, (unsigned long long)off);
		return;
	}
	nvme_lock(&ctrl->lock);
	if (off >= NVME_DB_BASE)
		nvme_doorbell(ctrl, off, value);
	else
		nvme_reg_write(ctrl, off, value, size);
	nvme_unlock(&ctrl->lock);
}

static void nvme_bus_master(void *model, bool enabled)
{
	struct ksim_nvme_ctrl *ctrl = model;

	__atomic_store_n(&ctrl->bus_master, enabled, __ATOMIC_RELAXED);
}

static const struct ksim_pci_model_ops nvme_pci_ops = {
	.mmio_read = nvme_mmio_read,
	.mmio_write = nvme_mmio_write,
	.bus_master = nvme_bus_master,
};

/* ---- workers ---- */

static void nvme_raise_pending(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w)
{
	if (!w->any_raise)
		return;
	w->any_raise = false;
	for (unsigned int v = 0; v < NVME_MAX_VECTORS; v++) {
		if (!w->raise[v])
			continue;
		w->raise[v] = 0;
		nvme_event(ctrl, NVME_EV_nvme_irq);
		if (!__atomic_load_n(&ctrl->removed, __ATOMIC_RELAXED))
			ksim_msix_raise(ctrl->pdev, v);
	}
}

static uint64_t nvme_latency(struct ksim_nvme_ctrl *ctrl, unsigned int kind)
{
	const struct ksim_nvme_latency *lat = &ctrl->cfg.latency[kind];

	if (!lat->max_ns)
		return 0;
	if (lat->max_ns <= lat->min_ns)
		return lat->min_ns;
	return lat->min_ns + ksim_host->random_u64() % (lat->max_ns - lat->min_ns + 1);
}

static void nvme_finish(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
			struct nvme_req *req)
{
	uint64_t lat = nvme_latency(ctrl, req->lat_kind);

	if (lat)
		req->due_ns = nvme_now() + (int64_t)lat;
	nvme_complete(ctrl, w, req);
}

static void nvme_dispatch_aens(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w)
{
	unsigned int i = 0;

	while (i < ctrl->nr_aen && ctrl->nr_aer) {
		uint32_t ev = ctrl->aen_queue[i];
		uint8_t type = ev & 7;
		struct nvme_req *req;

		if (ctrl->aen_masked & (1u << type)) {
			i++;
			continue;
		}
		memmove(&ctrl->aen_queue[i], &ctrl->aen_queue[i + 1],
			(ctrl->nr_aen - i - 1) * sizeof(ctrl->aen_queue[0]));
		ctrl->nr_aen--;
		ctrl->aen_masked |= 1u << type;
		req = ctrl->aer[--ctrl->nr_aer];
		req->dw0 = ev;
		req->deferred = false;
		nvme_event(ctrl, NVME_EV_nvme_aer_posted);
		nvme_complete(ctrl, w, req);
	}
}

/* Timers, held completions, events; lock held.  Returns the next deadline. */
static int64_t nvme_housekeeping(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
				 int64_t now)
{
	int64_t next = KSIM_HOST_FOREVER;
	unsigned int i;

	nvme_update_state(ctrl, now);
	if (ctrl->ready_at)
		next = ctrl->ready_at;
	if (ctrl->unready_at && ctrl->unready_at < next)
		next = ctrl->unready_at;
	while (ctrl->heap_len && ctrl->heap[0]->due_ns <= now) {
		struct nvme_req *req = ctrl->heap[0];

		nvme_heap_remove(ctrl, 0);
		req->due_ns = 0;
		nvme_complete(ctrl, w, req);
	}
	if (ctrl->heap_len && ctrl->heap[0]->due_ns < next)
		next = ctrl->heap[0]->due_ns;
	for (i = 0; i <= KSIM_NVME_MAX_QUEUES; i++) {
		struct nvme_cq *cq = ctrl->cq[i];

		if (!cq)
			continue;
		while (cq->ovf_head && !nvme_cq_full(cq)) {
			struct nvme_req *req = cq->ovf_head;

			cq->ovf_head = req->next;
			if (!cq->ovf_head)
				cq->ovf_tail = NULL;
			nvme_post(ctrl, w, cq, req);
		}
		if (cq->coalesce_deadline) {
			if (cq->coalesce_deadline <= now) {
				cq->coalesce_deadline = 0;
				cq->unsignalled = 0;
				nvme_want_irq(w, cq->iv);
			} else if (cq->coalesce_deadline < next) {
				next = cq->coalesce_deadline;
			}
		}
	}
	if (ctrl->ka_deadline) {
		if (ctrl->ka_deadline <= now) {
			/* The host went quiet: log it and stop, as the spec asks. */
			ctrl->ka_deadline = 0;
			nvme_event(ctrl, NVME_EV_nvme_keep_alive_expired);
			nvme_error_log_add(ctrl, 0xffff, 0xffff,
					   NVME_ST_GENERIC(NVME_SC_KAT_EXPIRED), 0xffff, 0, 0);
			nvme_fatal(ctrl, "Keep Alive Timer expired");
		} else if (ctrl->ka_deadline < next) {
			next = ctrl->ka_deadline;
		}
	}
	if (ctrl->nr_aen && ctrl->nr_aer)
		nvme_dispatch_aens(ctrl, w);
	return next;
}

static bool nvme_can_fetch(struct ksim_nvme_ctrl *ctrl)
{
	return NVME_CC_EN(ctrl->cc) && (ctrl->csts & (1 << NVME_CSTS_RDY_SHIFT)) &&
	       !(ctrl->csts & (1 << NVME_CSTS_CFS_SHIFT)) &&
	       !NVME_CSTS_SHST(ctrl->csts) && !ctrl->unready_at && !ctrl->removed;
}

/* Fetch the next command, round robin over the SQs; lock held. */
static struct nvme_req *nvme_fetch(struct ksim_nvme_ctrl *ctrl)
{
	unsigned int n = KSIM_NVME_MAX_QUEUES + 1;

	if (!nvme_can_fetch(ctrl))
		return NULL;
	for (unsigned int k = 0; k < n; k++) {
		unsigned int qid = (ctrl->rr_next + k) % n;
		struct nvme_sq *sq = ctrl->sq[qid];
		struct nvme_req *req;
		uint16_t cid;

		if (!sq || sq->head == sq->tail)
			continue;
		ctrl->rr_next = qid + 1;
		req = calloc(1, sizeof(*req));
		if (!req)
			return NULL;	/* retried on the next pass */
		if (ksim_dma_read(ctrl->pdev, sq->base + (uint64_t)sq->head * 64,
				  &req->sqe, sizeof(req->sqe))) {
			free(req);
			nvme_eventf(ctrl, NVME_EV_ub_sqe_fetch_fault,
				    "cannot fetch entry %u of SQ %u", sq->head, qid);
			nvme_fatal(ctrl, "submission queue unreadable");
			return NULL;
		}
		sq->head = (sq->head + 1) % sq->size;
		req->sqid = qid;
		req->cqid = sq->cqid;
		req->sqhd = sq->head;
		req->gen = ctrl->gen;
		cid = le16toh(req->sqe.cid);
		if (sq->cids[cid / 64] & (1ULL << (cid % 64)))
			nvme_eventf(ctrl, NVME_EV_ub_cid_reuse,
				    "command id %u reused on SQ %u while still outstanding",
				    cid, qid);
		sq->cids[cid / 64] |= 1ULL << (cid % 64);
		return req;
	}
	return NULL;
}

static bool nvme_sq_pending(struct ksim_nvme_ctrl *ctrl)
{
	if (!nvme_can_fetch(ctrl))
		return false;
	for (unsigned int i = 0; i <= KSIM_NVME_MAX_QUEUES; i++)
		if (ctrl->sq[i] && ctrl->sq[i]->head != ctrl->sq[i]->tail)
			return true;
	return false;
}

/* A normal or abrupt shutdown: write back the cache, then SHST complete. */
static void nvme_do_shutdown(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w)
{
	ctrl->shutdown_pending = false;
	ctrl->executing++;
	nvme_unlock(&ctrl->lock);
	for (unsigned int i = 0; i < ctrl->nr_ns; i++)
		ctrl->ns[i].ops->flush(&ctrl->ns[i], w);
	nvme_lock(&ctrl->lock);
	ctrl->executing--;
	if (NVME_CSTS_SHST(ctrl->csts) == NVME_CSTS_SHST_OCCUR) {
		ctrl->csts = (ctrl->csts & ~(3u << NVME_CSTS_SHST_SHIFT)) |
			     (NVME_CSTS_SHST_CMPLT << NVME_CSTS_SHST_SHIFT);
		nvme_event(ctrl, NVME_EV_nvme_shutdown_done);
	}
}

static void nvme_run_one(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
			 struct nvme_req *req)
{
	bool admin = req->sqid == 0;

	req->lat_kind = admin ? KSIM_NVME_LAT_ADMIN : KSIM_NVME_LAT_OTHER;
	nvme_fault_check(ctrl, req, admin);
	if (req->status || req->dropped) {
		/* A fault decided the outcome; the command does not run. */
		nvme_finish(ctrl, w, req);
		return;
	}
	if (admin) {
		nvme_event(ctrl, NVME_EV_nvme_admin_cmd);
		nvme_admin_exec(ctrl, w, req);
		if (!req->deferred)
			nvme_finish(ctrl, w, req);
		return;
	}
	nvme_event(ctrl, NVME_EV_nvme_io_cmd);
	ctrl->executing++;
	nvme_unlock(&ctrl->lock);
	nvme_raise_pending(ctrl, w);
	nvme_io_exec(ctrl, w, req);
	nvme_lock(&ctrl->lock);
	ctrl->executing--;
	nvme_finish(ctrl, w, req);
}

static void nvme_worker_fn(void *arg)
{
	struct nvme_worker *w = arg;
	struct ksim_nvme_ctrl *ctrl = w->ctrl;

	for (;;) {
		uint32_t seen = __atomic_load_n(&ctrl->kick, __ATOMIC_SEQ_CST);
		struct nvme_req *req = NULL;
		int64_t next, now;
		bool more = false;

		nvme_lock(&ctrl->lock);
		if (ctrl->stopping) {
			nvme_unlock(&ctrl->lock);
			break;
		}
		next = nvme_housekeeping(ctrl, w, nvme_now());
		if (ctrl->shutdown_pending)
			nvme_do_shutdown(ctrl, w);
		req = nvme_fetch(ctrl);
		if (req) {
			nvme_run_one(ctrl, w, req);
			more = nvme_sq_pending(ctrl);
		}
		nvme_unlock(&ctrl->lock);
		nvme_raise_pending(ctrl, w);
		if (req) {
			/* Let a sleeping colleague take the rest. */
			if (more && ctrl->nr_workers > 1)
				nvme_kick(ctrl);
			continue;
		}

		/* Idle: spin a little (a wake-up costs tens of us here), then sleep. */
		now = nvme_now();
		int64_t spin_end = now + (int64_t)ctrl->cfg.spin_us * 1000;

		while (now < spin_end && now < next &&
		       __atomic_load_n(&ctrl->kick, __ATOMIC_SEQ_CST) == seen) {
			__builtin_ia32_pause();
			now = nvme_now();
		}
		if (now >= next || __atomic_load_n(&ctrl->kick, __ATOMIC_SEQ_CST) != seen)
			continue;
		__atomic_add_fetch(&ctrl->sleepers, 1, __ATOMIC_SEQ_CST);
		ksim_host->wait(&ctrl->kick, seen, next);
		__atomic_sub_fetch(&ctrl->sleepers, 1, __ATOMIC_SEQ_CST);
	}
}

/* ---- construction ---- */

static void nvme_stop_workers(struct ksim_nvme_ctrl *ctrl)
{
	nvme_lock(&ctrl->lock);
	ctrl->stopping = true;
	nvme_unlock(&ctrl->lock);
	__atomic_add_fetch(&ctrl->kick, 1, __ATOMIC_SEQ_CST);
	ksim_host->wake(&ctrl->kick, INT32_MAX);
	for (unsigned int i = 0; i < ctrl->nr_workers; i++) {
		struct nvme_worker *w = &ctrl->workers[i];

		ksim_host->task_join(w->task);
		nvme_worker_fini(w);
		free(w->bounce);
	}
	ctrl->nr_workers = 0;
}

static void nvme_free_ctrl(struct ksim_nvme_ctrl *ctrl)
{
	nvme_reset_queues(ctrl);
	for (unsigned int i = 0; i < ctrl->nr_ns; i++)
		nvme_ns_fini(&ctrl->ns[i]);
	free(ctrl->heap);
	free(ctrl);
}

static uint64_t nvme_build_cap(const struct ksim_nvme_config *cfg)
{
	uint64_t to = (cfg->ready_delay_ms + 499) / 500 + 4;	/* 500 ms units, with margin */

	if (to > 0xff)
		to = 0xff;
	return (uint64_t)cfg->mqes << NVME_CAP_MQES_SHIFT |
	       1ULL << NVME_CAP_CQR_SHIFT |
	       to << NVME_CAP_TO_SHIFT |
	       (uint64_t)NVME_CAP_CSS_NVM << NVME_CAP_CSS_SHIFT |
	       0ULL << NVME_CAP_MPSMIN_SHIFT |
	       4ULL << NVME_CAP_MPSMAX_SHIFT;
}

static int nvme_start_workers(struct ksim_nvme_ctrl *ctrl)
{
	for (unsigned int i = 0; i < ctrl->cfg.workers; i++) {
		struct nvme_worker *w = &ctrl->workers[i];
		char name[48];
		int ret;

		w->ctrl = ctrl;
		w->id = i;
		/* Twice the MDTS: Compare holds the media and the host data. */
		w->bounce = malloc((size_t)8192 << ctrl->cfg.mdts);
		if (!w->bounce)
			return -ENOMEM;
		snprintf(name, sizeof(name), "%s-w%u", ctrl->name, i);
		ret = ksim_host->task_create(&w->task, name, nvme_worker_fn, w);
		if (ret) {
			free(w->bounce);
			return ret;
		}
		ctrl->nr_workers++;
	}
	return 0;
}

int ksim_nvme_create(const char *name, const struct ksim_nvme_config *cfg,
		     struct ksim_nvme_ctrl **out)
{
	struct ksim_pci_dev_info info = { 0 };
	struct ksim_nvme_ctrl *ctrl;
	char err[160];
	int ret;

	if (!cfg->workers || cfg->workers > KSIM_NVME_MAX_WORKERS ||
	    !cfg->queues || cfg->queues > KSIM_NVME_MAX_QUEUES ||
	    cfg->mqes < 1 || cfg->mdts < 1 || cfg->mdts > 9 ||
	    cfg->nr_ns > KSIM_NVME_MAX_NS)
		return -EINVAL;
	ctrl = calloc(1, sizeof(*ctrl));
	if (!ctrl)
		return -ENOMEM;
	snprintf(ctrl->name, sizeof(ctrl->name), "%s", name);
	ctrl->cfg = *cfg;
	ctrl->cap = nvme_build_cap(cfg);
	ctrl->temperature = 300;	/* 27 C */
	ctrl->temp_over = 358;		/* 85 C, the spec's usual default */
	ctrl->temp_under = 0;
	nvme_reset_queues(ctrl);
	ctrl->gen = 0;

	for (unsigned int i = 0; i < cfg->nr_ns; i++) {
		ret = nvme_ns_init(ctrl, &ctrl->ns[i], i + 1, &cfg->ns[i]);
		if (ret)
			goto out_free;
		ctrl->nr_ns++;
	}
	for (unsigned int i = 0; i < cfg->nr_faults; i++) {
		ret = nvme_fault_parse(&ctrl->faults[i], cfg->faults[i], err, sizeof(err));
		if (ret) {
			nvme_log(ctrl, "%s", err);
			goto out_free;
		}
		ctrl->nr_faults++;
	}
	ret = nvme_start_workers(ctrl);
	if (ret)
		goto out_stop;

	info.name = ctrl->name;
	info.vendor = cfg->vendor;
	info.device = cfg->device;
	info.subsystem_vendor = cfg->vendor;
	info.subsystem_device = cfg->device;
	info.class_code = 0x010802;
	info.revision = 2;
	info.bar_size[0] = NVME_BAR0_SIZE;
	info.msix_vectors = cfg->queues + 1;
	info.msix_bar = 0;
	info.msix_table_offset = NVME_MSIX_TABLE;
	info.msix_pba_offset = NVME_MSIX_PBA;
	info.ops = &nvme_pci_ops;
	info.model = ctrl;
	ret = ksim_pci_add_device(&info, &ctrl->pdev);
	if (ret)
		goto out_stop;
	nvme_log(ctrl, "NVMe 2.0 controller at %s: %u I/O queue pairs, %u namespace(s), %u worker(s)",
		 ksim_pci_dev_name(ctrl->pdev), cfg->queues, cfg->nr_ns, cfg->workers);
	*out = ctrl;
	return 0;

out_stop:
	nvme_stop_workers(ctrl);
out_free:
	nvme_free_ctrl(ctrl);
	return ret;
}

void ksim_nvme_destroy(struct ksim_nvme_ctrl *ctrl)
{
	if (!ctrl)
		return;
	ksim_pci_remove_device(ctrl->pdev);
	nvme_stop_workers(ctrl);
	nvme_free_ctrl(ctrl);
}

struct ksim_pci_dev *ksim_nvme_pci_dev(struct ksim_nvme_ctrl *ctrl)
{
	return ctrl->pdev;
}

const char *ksim_nvme_name(const struct ksim_nvme_ctrl *ctrl)
{
	return ctrl->name;
}

void ksim_nvme_inject_surprise_removal(struct ksim_nvme_ctrl *ctrl)
{
	nvme_lock(&ctrl->lock);
	ctrl->removed = true;
	nvme_unlock(&ctrl->lock);
	nvme_event(ctrl, NVME_EV_nvme_surprise_removal);
	nvme_event(ctrl, NVME_EV_nvme_fault_injected);
	nvme_log(ctrl, "fault injected: surprise removal");
	ksim_pci_surprise_remove(ctrl->pdev);
}
