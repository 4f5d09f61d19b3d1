// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-model/inline.c - exec=inline (the default): a doorbell runs the
 * controller on the task that wrote it, as many steps as there is work
 * (exec.c's nvme_step), and the interrupt is raised on that task, so it is
 * taken as soon as the task can take one (at once, or when it leaves its
 * spinlock or irqs-off section), as a real interrupt would be on that CPU.
 * No thread hand-off per I/O.
 *
 * Its own file because it is its own concurrency scheme:
 *  - An I/O SQ's tail doorbell runs only that SQ (its runner, struct
 *    nvme_sq_runner: a busy flag and a kick), so tasks submitting on
 *    different hardware queues run their commands side by side, as a real
 *    controller's queues do.  Had one task run the whole controller, a
 *    second submitter would hand it its commands and interrupts and cost
 *    more CPU per I/O than it gains.
 *  - Everything else (the admin SQ, events, completions held for room, a
 *    shutdown) goes through one controller-wide runner (inline_busy), which
 *    also serves I/O SQs left unfetched, through their runners.
 *  - A worker task (exec.c starts it) serves what time alone brings (the
 *    latency model, coalescing timers, the ready delay, Keep Alive): it
 *    sleeps until the next such deadline (timer_at) and is woken only when
 *    an earlier one appears.
 */
#include <stdlib.h>

#include "nvme-model/nvme.h"

/* Inline: wake the worker (it sleeps on timer_word, not on every doorbell's kick). */
static void nvme_wake_timer(struct ksim_nvme_ctrl *ctrl)
{
	__atomic_add_fetch(&ctrl->timer_word, 1, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&ctrl->sleepers, __ATOMIC_SEQ_CST))
		ksim_host->wake(&ctrl->timer_word, 1);
}

/*
 * The controller this thread is bound to run before it returns: inside an
 * MMIO write (which runs it after the lock is dropped) or a run in
 * progress.  A kick then needs no wake-up: the running side sees it.
 */
static __thread const struct ksim_nvme_ctrl *tls_will_run;

/* Per task, also where tasks are fibers sharing one thread. */
static void *tls_will_run_addr(void)
{
	return &tls_will_run;
}

static void __attribute__((constructor)) tls_will_run_register(void)
{
	ksim_host_task_local(tls_will_run_addr, sizeof(tls_will_run));
}

void nvme_kick(struct ksim_nvme_ctrl *ctrl)
{
	__atomic_add_fetch(&ctrl->kick, 1, __ATOMIC_SEQ_CST);
	if (ctrl->cfg.exec_worker) {
		if (__atomic_load_n(&ctrl->sleepers, __ATOMIC_SEQ_CST))
			ksim_host->wake(&ctrl->kick, 1);
		return;
	}
	/* Inline: nobody on the way to run it (an event from outside): the worker does. */
	if (tls_will_run != ctrl)
		nvme_wake_timer(ctrl);
}

/*
 * Inline: make sure the worker wakes for @next if it sleeps past it.  Only
 * ever lowers timer_at (runners arm side by side); the worker raises it
 * again, to FOREVER, before it looks at the timers itself.
 */
static bool nvme_lower_timer(struct ksim_nvme_ctrl *ctrl, int64_t next)
{
	int64_t cur = __atomic_load_n(&ctrl->timer_at, __ATOMIC_SEQ_CST);

	while (next < cur) {
		if (__atomic_compare_exchange_n(&ctrl->timer_at, &cur, next, false,
						__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			return true;
	}
	return false;
}

static void nvme_arm_timer(struct ksim_nvme_ctrl *ctrl, int64_t next)
{
	if (nvme_lower_timer(ctrl, next))
		nvme_wake_timer(ctrl);
}

static void nvme_run_inline(struct ksim_nvme_ctrl *ctrl);

/*
 * Inline: run I/O SQ @qid on this task until it is empty.  The standard
 * pattern: take its busy flag (taken: the holder, another task or this one
 * further out, sees the kick and runs the work), run, release, and look
 * again if the SQ was kicked meanwhile, so no doorbell is lost.  Whoever
 * asks for a run bumps the SQ's kick first.
 */
static void nvme_run_sq(struct ksim_nvme_ctrl *ctrl, unsigned int qid)
{
	struct nvme_sq_runner *r = &ctrl->sq_run[qid];
	const struct ksim_nvme_ctrl *outer = tls_will_run;
	uint32_t ctrl_kick = __atomic_load_n(&ctrl->kick, __ATOMIC_SEQ_CST);

	for (;;) {
		uint32_t seen = __atomic_load_n(&r->kick, __ATOMIC_SEQ_CST);
		int64_t next;

		if (__atomic_exchange_n(&r->busy, 1, __ATOMIC_SEQ_CST))
			break;
		tls_will_run = ctrl;
		next = nvme_run_until_idle(ctrl, &r->w, (int)qid);
		tls_will_run = outer;
		__atomic_store_n(&r->busy, 0, __ATOMIC_SEQ_CST);
		nvme_arm_timer(ctrl, next);
		if (__atomic_load_n(&r->kick, __ATOMIC_SEQ_CST) == seen)
			break;
	}
	/*
	 * A kick for the whole controller while this task ran (an event, a
	 * completion held for room): nobody was woken for it, this task was
	 * bound to see it.
	 */
	if (__atomic_load_n(&ctrl->kick, __ATOMIC_SEQ_CST) != ctrl_kick)
		nvme_run_inline(ctrl);
}

/*
 * The controller-wide part: timers, events, shutdown and the admin SQ (SQ 0,
 * only ever run here), then every I/O SQ left holding entries (the ready
 * delay, a reset, Bus Master off left them unfetched), each through its
 * own runner.  Returns the next deadline of its own steps.
 */
static int64_t nvme_run_ctrl(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w)
{
	uint64_t ready[NVME_QMAP_WORDS] = { 0 };
	int64_t next = nvme_run_until_idle(ctrl, w, 0);

	nvme_lock(&ctrl->lock);
	if (!ctrl->stopping && nvme_can_fetch(ctrl))
		memcpy(ready, ctrl->sq_ready, sizeof(ready));
	nvme_unlock(&ctrl->lock);
	ready[0] &= ~1ULL;
	for (unsigned int i = 0; i < NVME_QMAP_WORDS; i++) {
		for (; ready[i]; ready[i] &= ready[i] - 1) {
			unsigned int qid = i * 64 + (unsigned int)__builtin_ctzll(ready[i]);

			__atomic_add_fetch(&ctrl->sq_run[qid].kick, 1, __ATOMIC_SEQ_CST);
			nvme_run_sq(ctrl, qid);
		}
	}
	return next;
}

static void nvme_run_inline(struct ksim_nvme_ctrl *ctrl)
{
	const struct ksim_nvme_ctrl *outer = tls_will_run;

	for (;;) {
		uint32_t seen = __atomic_load_n(&ctrl->kick, __ATOMIC_SEQ_CST);
		int64_t next;

		/* Busy: another task (or this one, further out) is running it and will see the kick. */
		if (__atomic_exchange_n(&ctrl->inline_busy, 1, __ATOMIC_SEQ_CST))
			return;
		tls_will_run = ctrl;
		next = nvme_run_ctrl(ctrl, &ctrl->inline_w);
		tls_will_run = outer;
		__atomic_store_n(&ctrl->inline_busy, 0, __ATOMIC_SEQ_CST);
		nvme_arm_timer(ctrl, next);
		if (__atomic_load_n(&ctrl->kick, __ATOMIC_SEQ_CST) == seen)
			return;
	}
}

void nvme_kick_sq(struct ksim_nvme_ctrl *ctrl, unsigned int qid)
{
	/* The worker mode, the admin SQ: the controller-wide way. */
	if (ctrl->cfg.exec_worker || !qid || qid > KSIM_NVME_MAX_QUEUES) {
		nvme_kick(ctrl);
		return;
	}
	__atomic_add_fetch(&ctrl->sq_run[qid].kick, 1, __ATOMIC_SEQ_CST);
	/* Not inside an MMIO write that will run it (see _mmio_end): the worker's scan. */
	if (tls_will_run != ctrl)
		nvme_kick(ctrl);
}

/* An I/O SQ's tail doorbell (Base 2.0, 3.1.4): its qid, else 0. */
static unsigned int nvme_db_io_sq(uint64_t off)
{
	uint64_t idx;

	if (off < NVME_DB_BASE || off >= NVME_MSIX_TABLE)
		return 0;
	idx = (off - NVME_DB_BASE) / 4;
	if ((idx & 1) || idx / 2 > KSIM_NVME_MAX_QUEUES)
		return 0;
	return (unsigned int)(idx / 2);
}

void nvme_exec_mmio_begin(struct ksim_nvme_ctrl *ctrl, struct nvme_mmio_ctx *ctx,
			  uint64_t off)
{
	ctx->outer = tls_will_run;
	ctx->kick = __atomic_load_n(&ctrl->kick, __ATOMIC_SEQ_CST);
	ctx->sq = ctrl->cfg.exec_worker ? 0 : nvme_db_io_sq(off);
	if (ctx->sq)
		ctx->sq_kick = __atomic_load_n(&ctrl->sq_run[ctx->sq].kick, __ATOMIC_SEQ_CST);
	tls_will_run = ctrl;
}

void nvme_exec_mmio_end(struct ksim_nvme_ctrl *ctrl, struct nvme_mmio_ctx *ctx)
{
	bool sq, whole;

	tls_will_run = ctx->outer;
	if (ctrl->cfg.exec_worker)
		return;
	sq = ctx->sq && __atomic_load_n(&ctrl->sq_run[ctx->sq].kick, __ATOMIC_SEQ_CST) != ctx->sq_kick;
	whole = __atomic_load_n(&ctrl->kick, __ATOMIC_SEQ_CST) != ctx->kick;
	if (!sq && !whole)
		return;
	/* A doorbell: where tasks take turns, another may run before the device looks. */
	ksim_host_sched_point();
	if (sq)
		nvme_run_sq(ctrl, ctx->sq);
	if (whole)
		nvme_run_inline(ctrl);
}

/* The inline mode's worker task: only what time brings (see the top). */
void nvme_inline_worker(struct nvme_worker *w)
{
	struct ksim_nvme_ctrl *ctrl = w->ctrl;

	for (;;) {
		uint32_t seen = __atomic_load_n(&ctrl->timer_word, __ATOMIC_SEQ_CST);
		uint32_t kick = __atomic_load_n(&ctrl->kick, __ATOMIC_SEQ_CST);
		int64_t next;

		if (__atomic_load_n(&ctrl->stopping, __ATOMIC_SEQ_CST))
			break;
		if (!__atomic_exchange_n(&ctrl->inline_busy, 1, __ATOMIC_SEQ_CST)) {
			/*
			 * Forget the armed deadline before looking at the
			 * timers: a runner that files an earlier one from
			 * here on finds it higher, lowers it and wakes us
			 * (timer_word moves past seen).
			 */
			__atomic_store_n(&ctrl->timer_at, KSIM_HOST_FOREVER,
					 __ATOMIC_SEQ_CST);
			tls_will_run = ctrl;
			next = nvme_run_ctrl(ctrl, w);
			tls_will_run = NULL;
			__atomic_store_n(&ctrl->inline_busy, 0, __ATOMIC_SEQ_CST);
			/* Not arm: waking itself, it would never sleep. */
			nvme_lower_timer(ctrl, next);
			next = __atomic_load_n(&ctrl->timer_at, __ATOMIC_SEQ_CST);
			/* A doorbell whose writer found us running: its work is ours. */
			if (__atomic_load_n(&ctrl->kick, __ATOMIC_SEQ_CST) != kick)
				continue;
		} else {
			/*
			 * A task is running it inline right now and may
			 * finish without a deadline for us to see (its
			 * re-arm compares against ours): look again soon.
			 */
			next = nvme_now() + 1000000;
		}
		__atomic_add_fetch(&ctrl->sleepers, 1, __ATOMIC_SEQ_CST);
		ksim_host->wait(&ctrl->timer_word, seen, next);
		__atomic_sub_fetch(&ctrl->sleepers, 1, __ATOMIC_SEQ_CST);
	}
}
