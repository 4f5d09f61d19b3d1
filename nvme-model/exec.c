// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-model/exec.c - the execution core: one step of the controller (timers,
 * shutdown, fetch and run one command, raise the vectors it asked for), and
 * the worker tasks that drive it.
 *
 *  - inline (exec=inline, the default): doorbells run the controller on the
 *    task that wrote them (inline.c: a runner per I/O SQ and one for the
 *    rest); a worker task here only serves what time alone brings.
 *  - worker (exec=worker): worker tasks fetch and run commands, woken by
 *    doorbells after a short spin; the device then really runs beside the
 *    driver, and races between them can show.
 *
 * Under the deterministic host backend either way is scheduled like any
 * other task: the doorbell and the interrupt are scheduling points.
 *
 * Locking: one lock per controller guards registers, queues, the latency
 * heap, logs and features; the runners only take it for the short shared
 * parts of a step (housekeeping, fetch, post).  Admin commands run under it
 * (they never block); I/O commands run outside it, and a controller reset
 * in the meantime is noticed through ctrl->gen.  Interrupts are raised after
 * the lock is dropped, because delivery may run the driver's handler, which
 * rings doorbells.
 */
#include <stdio.h>
#include <stdlib.h>

#include "nvme-model/nvme.h"

/* ---- workers ---- */

static void nvme_raise_pending(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w)
{
	if (!w->any_raise)
		return;
	w->any_raise = false;
	for (unsigned int i = 0; i < NVME_QMAP_WORDS; i++) {
		while (w->raise[i]) {
			unsigned int v = i * 64 + (unsigned int)__builtin_ctzll(w->raise[i]);

			w->raise[i] &= w->raise[i] - 1;
			nvme_event(ctrl, NVME_EV_nvme_irq);
			if (!__atomic_load_n(&ctrl->removed, __ATOMIC_RELAXED))
				ksim_msix_raise(ctrl->pdev, v);
		}
	}
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

/*
 * The time, read once per step and only when a timer needs it: a clock
 * read costs more than the rest of a step (~80 ns on this VM's kvm-clock,
 * a microsecond of virtual time under the deterministic backend).
 */
static int64_t nvme_step_now(int64_t *now)
{
	if (*now < 0)
		*now = nvme_now();
	return *now;
}

/* One CQ's completions held for room and its coalescing timer; lock held. */
static void nvme_cq_housekeeping(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
				 struct nvme_cq *cq, int64_t *now, int64_t *next)
{
	while (cq->ovf_head && !nvme_cq_full(cq)) {
		struct nvme_req *req = cq->ovf_head;

		cq->ovf_head = req->next;
		if (!cq->ovf_head)
			cq->ovf_tail = NULL;
		nvme_post(ctrl, w, cq, req);
	}
	if (cq->coalesce_deadline) {
		if (cq->coalesce_deadline <= nvme_step_now(now)) {
			cq->coalesce_deadline = 0;
			cq->unsignalled = 0;
			nvme_want_irq(w, cq->iv);
		} else if (cq->coalesce_deadline < *next) {
			*next = cq->coalesce_deadline;
		}
	}
	if (!cq->ovf_head && !cq->coalesce_deadline)
		nvme_qmap_clear(ctrl->cq_busy, cq->qid);
}

/* Timers, held completions, events; lock held.  Returns the next deadline. */
static int64_t nvme_housekeeping(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
				 int64_t *now)
{
	int64_t next = KSIM_HOST_FOREVER;
	unsigned int i;

	if (ctrl->ready_at || ctrl->unready_at)
		nvme_update_state(ctrl, nvme_step_now(now));
	if (ctrl->ready_at)
		next = ctrl->ready_at;
	if (ctrl->unready_at && ctrl->unready_at < next)
		next = ctrl->unready_at;
	while (ctrl->heap_len && ctrl->heap[0]->due_ns <= nvme_step_now(now)) {
		struct nvme_req *req = ctrl->heap[0];

		nvme_heap_remove(ctrl, 0);
		req->due_ns = 0;
		nvme_complete(ctrl, w, req);
	}
	if (ctrl->heap_len && ctrl->heap[0]->due_ns < next)
		next = ctrl->heap[0]->due_ns;
	/* Only the CQs with held completions or a coalescing deadline. */
	for (i = 0; i < NVME_QMAP_WORDS; i++) {
		for (uint64_t busy = ctrl->cq_busy[i]; busy; busy &= busy - 1)
			nvme_cq_housekeeping(ctrl, w, ctrl->cq[i * 64 + __builtin_ctzll(busy)],
					     now, &next);
	}
	if (ctrl->ka_deadline) {
		if (ctrl->ka_deadline <= nvme_step_now(now)) {
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
	nvme_hostile_command(ctrl, req);
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

/*
 * One step: timers and events, a pending shutdown, then at most one command,
 * from SQ @qid or, with @qid < 0, from any SQ (round robin).  Lock held on
 * entry and on return.  Returns whether it ran a command (already finished
 * or handed on), and the next deadline in *next.  Used by the inline
 * runners and by every worker.
 */
static bool nvme_step(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w, int qid,
		      int64_t *next)
{
	struct nvme_req *req;
	int64_t now = -1;	/* read when a timer needs it */

	*next = nvme_housekeeping(ctrl, w, &now);
	if (ctrl->shutdown_pending)
		nvme_do_shutdown(ctrl, w);
	req = qid < 0 ? nvme_fetch(ctrl) : nvme_fetch_sq(ctrl, (unsigned int)qid);
	if (!req)
		return false;
	nvme_run_one(ctrl, w, req);
	return true;
}

/*
 * Run steps (commands of SQ @qid, or of any SQ with @qid < 0) until there is
 * no command to fetch; returns the next deadline.
 */
int64_t nvme_run_until_idle(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w, int qid)
{
	int64_t next = KSIM_HOST_FOREVER;
	bool ran;

	do {
		nvme_lock(&ctrl->lock);
		ran = !ctrl->stopping && nvme_step(ctrl, w, qid, &next);
		nvme_unlock(&ctrl->lock);
		nvme_raise_pending(ctrl, w);
	} while (ran);
	return next;
}

static void nvme_worker_fn(void *arg)
{
	struct nvme_worker *w = arg;
	struct ksim_nvme_ctrl *ctrl = w->ctrl;

	if (!ctrl->cfg.exec_worker) {
		nvme_inline_worker(w);
		return;
	}

	for (;;) {
		uint32_t seen = __atomic_load_n(&ctrl->kick, __ATOMIC_SEQ_CST);
		int64_t next, now;
		bool ran, more;

		nvme_lock(&ctrl->lock);
		if (ctrl->stopping) {
			nvme_unlock(&ctrl->lock);
			break;
		}
		ran = nvme_step(ctrl, w, -1, &next);
		more = ran && nvme_sq_pending(ctrl);
		nvme_unlock(&ctrl->lock);
		nvme_raise_pending(ctrl, w);
		if (ran) {
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
			/* The clock every 32 turns: a reading costs ~80 ns here. */
			for (int k = 0; k < 32 &&
			     __atomic_load_n(&ctrl->kick, __ATOMIC_SEQ_CST) == seen; k++)
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

void nvme_exec_stop(struct ksim_nvme_ctrl *ctrl)
{
	nvme_lock(&ctrl->lock);
	__atomic_store_n(&ctrl->stopping, true, __ATOMIC_SEQ_CST);
	nvme_unlock(&ctrl->lock);
	__atomic_add_fetch(&ctrl->kick, 1, __ATOMIC_SEQ_CST);
	ksim_host->wake(&ctrl->kick, INT32_MAX);
	__atomic_add_fetch(&ctrl->timer_word, 1, __ATOMIC_SEQ_CST);
	ksim_host->wake(&ctrl->timer_word, INT32_MAX);
	for (unsigned int i = 0; i < ctrl->nr_workers; i++) {
		struct nvme_worker *w = &ctrl->workers[i];

		ksim_host->task_join(w->task);
		nvme_worker_fini(w);
		free(w->bounce);
	}
	ctrl->nr_workers = 0;
	if (ctrl->inline_w.bounce) {
		nvme_worker_fini(&ctrl->inline_w);
		free(ctrl->inline_w.bounce);
		ctrl->inline_w.bounce = NULL;
	}
	for (unsigned int i = 1; i <= KSIM_NVME_MAX_QUEUES; i++) {
		struct nvme_worker *w = &ctrl->sq_run[i].w;

		if (!w->bounce)
			continue;
		nvme_worker_fini(w);
		free(w->bounce);
		w->bounce = NULL;
	}
}

int nvme_exec_start(struct ksim_nvme_ctrl *ctrl)
{
	/* Inline: one worker is enough for the timers. */
	unsigned int nr = ctrl->cfg.exec_worker ? ctrl->cfg.workers : 1;

	ctrl->timer_at = KSIM_HOST_FOREVER;
	if (!ctrl->cfg.exec_worker) {
		ctrl->inline_w.ctrl = ctrl;
		ctrl->inline_w.id = KSIM_NVME_MAX_WORKERS;
		ctrl->inline_w.bounce = malloc((size_t)8192 << ctrl->cfg.mdts);
		if (!ctrl->inline_w.bounce)
			return -ENOMEM;
		/* A runner per I/O SQ the controller can grant (qid 1..queues). */
		for (unsigned int i = 1; i <= ctrl->cfg.queues; i++) {
			struct nvme_worker *w = &ctrl->sq_run[i].w;

			w->ctrl = ctrl;
			w->id = KSIM_NVME_MAX_WORKERS + i;
			w->bounce = malloc((size_t)8192 << ctrl->cfg.mdts);
			if (!w->bounce)
				return -ENOMEM;
		}
	}
	for (unsigned int i = 0; i < nr; i++) {
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

