// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-model/queue.c - submission and completion queues: creation and deletion,
 * the doorbells, fetching entries (round robin over the SQs), posting
 * completions with the phase tag, CQ overflow, and which vectors to raise
 * (interrupt coalescing).  Everything here runs with the controller lock held.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ksim/poison.h"
#include "nvme-model/nvme.h"

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
	nvme_qmap_clear(ctrl->cq_busy, qid);
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
	nvme_qmap_clear(ctrl->sq_ready, qid);
	free(sq->cids);
	free(sq);
	while (held) {
		struct nvme_req *req = held;

		held = req->next;
		req->next = NULL;
		if (!abort_cmds) {
			nvme_req_free(ctrl, req);
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

/* ---- completions and interrupts ---- */

void nvme_want_irq(struct nvme_worker *w, uint16_t iv)
{
	if (w && iv < NVME_MAX_VECTORS) {
		nvme_qmap_set(w->raise, iv);
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
	if (!cq->coalesce_deadline) {
		cq->coalesce_deadline = nvme_now() + (int64_t)time * 100000;
		nvme_qmap_set(ctrl->cq_busy, cq->qid);
	}
}

bool nvme_cq_full(const struct nvme_cq *cq)
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

	if (!nvme_can_master(ctrl))
		return -EIO;
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

void nvme_post(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
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
	uint8_t phase_flip = 0;

	cqe.status = htole16((uint16_t)((st & 0x7ff) << 1) |
			     ((st & NVME_ST_DNR) ? 0x8000 : 0));
	nvme_hostile_cqe(ctrl, req, &cqe, &phase_flip);
	while (copies--) {
		cqe.status = htole16((le16toh(cqe.status) & ~1) | (cq->phase ^ phase_flip));
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
		if (!req->hostile_noirq)
			nvme_irq_after_post(ctrl, w, cq);
		/* The duplicate goes in only if there is room; never overwrite. */
		if (copies && nvme_cq_full(cq))
			break;
	}
	nvme_req_free(ctrl, req);
}

void nvme_complete(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
		   struct nvme_req *req)
{
	struct nvme_sq *sq;
	struct nvme_cq *cq;

	if (req->gen != ctrl->gen) {
		nvme_req_free(ctrl, req);	/* the controller was reset meanwhile */
		return;
	}
	/*
	 * A failed (CSTS.CFS) or removed controller posts nothing more: the
	 * host finds out from CSTS or from reads of all ones, and a completion
	 * DMA'd after surprise removal would only fault.
	 */
	if ((ctrl->csts & (1 << NVME_CSTS_CFS_SHIFT)) ||
	    __atomic_load_n(&ctrl->removed, __ATOMIC_RELAXED)) {
		nvme_req_free(ctrl, req);
		return;
	}
	if (req->dropped) {
		req->next = ctrl->dropped;
		ctrl->dropped = req;
		return;
	}
	if (req->hostile_late_ns) {
		req->due_ns = nvme_now() + (int64_t)req->hostile_late_ns;
		req->hostile_late_ns = 0;
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
		nvme_req_free(ctrl, req);
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
		nvme_qmap_set(ctrl->cq_busy, cq->qid);
		return;
	}
	nvme_post(ctrl, w, cq, req);
}

/* ---- doorbells ---- */

static void nvme_db_error(struct ksim_nvme_ctrl *ctrl, enum nvme_event ev, uint8_t info,
			  const char *what, unsigned int qid, uint64_t value)
{
	nvme_eventf(ctrl, ev, "%s doorbell of queue %u written with %llu", what, qid,
		    (unsigned long long)value);
	nvme_error_log_add(ctrl, 0xffff, 0xffff, NVME_ST_GENERIC(NVME_SC_INVALID_FIELD),
			   0xffff, 0, 0);
	nvme_aen(ctrl, NVME_AER_ERROR, info, NVME_LOG_LID_ERROR);
}

void nvme_doorbell(struct ksim_nvme_ctrl *ctrl, uint64_t off, uint64_t value)
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
	if (sq->tail != sq->head)
		nvme_qmap_set(ctrl->sq_ready, qid);
	else
		nvme_qmap_clear(ctrl->sq_ready, qid);
	nvme_kick_sq(ctrl, qid);
}

/* ---- fetching ---- */

bool nvme_can_fetch(struct ksim_nvme_ctrl *ctrl)
{
	return NVME_CC_EN(ctrl->cc) && (ctrl->csts & (1 << NVME_CSTS_RDY_SHIFT)) &&
	       !(ctrl->csts & (1 << NVME_CSTS_CFS_SHIFT)) &&
	       !NVME_CSTS_SHST(ctrl->csts) && !ctrl->unready_at && !ctrl->removed &&
	       nvme_can_master(ctrl);
}

/*
 * A command structure for the next fetch: one kept from an earlier command
 * if there is one (no allocation per command), zeroed as calloc would.
 * While kept, all but its link is poisoned (ASan, valgrind), so a use after
 * the model freed it is still caught as it would be with free().
 */
#define REQ_BODY(req)	((char *)(req) + sizeof((req)->next))
#define REQ_BODY_LEN	(sizeof(struct nvme_req) - sizeof(((struct nvme_req *)0)->next))

static struct nvme_req *nvme_req_alloc(struct ksim_nvme_ctrl *ctrl)
{
	struct nvme_req *req = ctrl->req_cache;

	if (!req)
		return calloc(1, sizeof(*req));
	ctrl->req_cache = req->next;
	ctrl->nr_req_cache--;
	ASAN_UNPOISON_MEMORY_REGION(REQ_BODY(req), REQ_BODY_LEN);
	VALGRIND_MAKE_MEM_UNDEFINED(REQ_BODY(req), REQ_BODY_LEN);
	memset(req, 0, sizeof(*req));
	return req;
}

/* Enough for every command of a deep queue to be reused without malloc. */
#define NVME_REQ_CACHE_MAX	1024

void nvme_req_free(struct ksim_nvme_ctrl *ctrl, struct nvme_req *req)
{
	if (ctrl->nr_req_cache >= NVME_REQ_CACHE_MAX) {
		free(req);
		return;
	}
	req->next = ctrl->req_cache;
	ctrl->req_cache = req;
	ctrl->nr_req_cache++;
	ASAN_POISON_MEMORY_REGION(REQ_BODY(req), REQ_BODY_LEN);
	VALGRIND_MAKE_MEM_NOACCESS(REQ_BODY(req), REQ_BODY_LEN);
}

void nvme_req_cache_drain(struct ksim_nvme_ctrl *ctrl)
{
	for (struct nvme_req *req = ctrl->req_cache; req; req = req->next) {
		ASAN_UNPOISON_MEMORY_REGION(REQ_BODY(req), REQ_BODY_LEN);
		VALGRIND_MAKE_MEM_UNDEFINED(REQ_BODY(req), REQ_BODY_LEN);
	}
	nvme_req_list_free(ctrl->req_cache);
	ctrl->req_cache = NULL;
	ctrl->nr_req_cache = 0;
}

/* Fetch the entry at SQ @qid's head; the SQ holds one (sq_ready); lock held. */
static struct nvme_req *nvme_fetch_from(struct ksim_nvme_ctrl *ctrl, unsigned int qid)
{
	struct nvme_sq *sq = ctrl->sq[qid];
	struct nvme_req *req;
	uint16_t cid;

	req = nvme_req_alloc(ctrl);
	if (!req)
		return NULL;	/* retried on the next pass */
	if (ksim_dma_read(ctrl->pdev, sq->base + (uint64_t)sq->head * 64,
			  &req->sqe, sizeof(req->sqe))) {
		nvme_req_free(ctrl, req);
		nvme_eventf(ctrl, NVME_EV_ub_sqe_fetch_fault,
			    "cannot fetch entry %u of SQ %u", sq->head, qid);
		nvme_fatal(ctrl, "submission queue unreadable");
		return NULL;
	}
	sq->head = (sq->head + 1) % sq->size;
	if (sq->head == sq->tail)
		nvme_qmap_clear(ctrl->sq_ready, qid);
	req->sqid = (uint16_t)qid;
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

/*
 * Fetch the next command, round robin over the SQs that hold entries
 * (ctrl->sq_ready, kept by the doorbell and here); lock held.
 */
struct nvme_req *nvme_fetch(struct ksim_nvme_ctrl *ctrl)
{
	int qid;

	if (!nvme_can_fetch(ctrl))
		return NULL;
	qid = nvme_qmap_next(ctrl->sq_ready, ctrl->rr_next);
	if (qid < 0)
		return NULL;
	ctrl->rr_next = (unsigned int)qid + 1;
	return nvme_fetch_from(ctrl, (unsigned int)qid);
}

/* The next command of SQ @qid only (its inline runner, exec.c), or NULL; lock held. */
struct nvme_req *nvme_fetch_sq(struct ksim_nvme_ctrl *ctrl, unsigned int qid)
{
	if (!nvme_can_fetch(ctrl) || !(ctrl->sq_ready[qid / 64] & (1ULL << (qid % 64))))
		return NULL;
	return nvme_fetch_from(ctrl, qid);
}

bool nvme_sq_pending(struct ksim_nvme_ctrl *ctrl)
{
	return nvme_can_fetch(ctrl) && nvme_qmap_next(ctrl->sq_ready, 0) >= 0;
}

/* A normal or abrupt shutdown: write back the cache, then SHST complete. */
