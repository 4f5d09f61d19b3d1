// SPDX-License-Identifier: GPL-2.0
/*
 * tests/host/test_nvme_exec.c - nvme-model/exec.c's inline execution with a
 * runner per I/O SQ: tasks ringing different SQs run their commands side by
 * side and each gets exactly its own completions back, none lost and none
 * twice; a doorbell rung while its SQ's runner is active (from the
 * interrupt that runner raised, on the same task) is still served; and the
 * timer worker posting delayed completions beside two runners changes
 * none of that.  Every check counts commands, never time.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "ktest.h"
#include "nvme_host.h"
#include "sim/host.h"

TestSuite(nvme_exec, .init = ktest_boot, .fini = ktest_shutdown);

#define BLK		512
#define BATCH		8	/* commands in flight per round */
#define QDEPTH		32

static struct nh h;

struct submitter {
	unsigned int qid;
	unsigned int rounds;
	struct nh_buf buf;	/* BATCH blocks */
	uint64_t slba;		/* its own LBA range: no two tasks share a block */
	/* Results, checked by the main task (no asserts off the main task). */
	unsigned long done, bad_status, bad_cid, bad_sqid, bad_data, timeouts;
};

static void submit_batch(struct submitter *s, uint8_t opc, unsigned int round)
{
	uint16_t cids[BATCH];
	bool seen[BATCH] = { false };

	for (unsigned int i = 0; i < BATCH; i++) {
		struct nh_sqe sqe = { .opc = opc, .nsid = 1 };
		uint64_t slba = s->slba + (round % 64) * BATCH + i;

		sqe.cdw10 = (uint32_t)slba;
		sqe.cdw11 = (uint32_t)(slba >> 32);
		nh_prp(&h, &sqe, &s->buf, i * BLK, BLK, NULL);
		cids[i] = nh_queue_cmd(&h, s->qid, &sqe, false);
		/* A doorbell per command: later ones may find the runner busy. */
		nh_ring(&h, s->qid);
	}
	for (unsigned int n = 0; n < BATCH; n++) {
		struct nh_cqe cqe;
		int st = nh_reap(&h, s->qid, &cqe, 10000);
		unsigned int i;

		if (st == NH_TIMEOUT) {
			s->timeouts++;
			return;
		}
		if (st)
			s->bad_status++;
		if (cqe.sqid != s->qid)
			s->bad_sqid++;
		for (i = 0; i < BATCH && cids[i] != cqe.cid; i++)
			;
		if (i == BATCH || seen[i])
			s->bad_cid++;
		else
			seen[i] = true;
		s->done++;
	}
}

/* Rounds of: write BATCH blocks with a pattern of (qid, round), read them back. */
static void submitter_fn(void *arg)
{
	struct submitter *s = arg;
	uint8_t *p = s->buf.ptr;

	for (unsigned int r = 0; r < s->rounds && !s->timeouts; r++) {
		for (unsigned int i = 0; i < BATCH; i++)
			memset(p + i * BLK, (int)(s->qid * 16 + (r + i) % 16), BLK);
		submit_batch(s, 0x01, r);	/* Write */
		memset(p, 0, BATCH * BLK);
		submit_batch(s, 0x02, r);	/* Read */
		for (unsigned int i = 0; i < BATCH; i++)
			if (p[i * BLK] != s->qid * 16 + (r + i) % 16 ||
			    memcmp(p + i * BLK, p + i * BLK + 1, BLK - 1))
				s->bad_data++;
	}
}

static void up(struct ksim_nvme_config *cfg)
{
	nh_create(&h, cfg);
	nh_enable(&h, 8);
	cr_assert_eq(nh_create_io_queue(&h, 1, QDEPTH, true), 0);
	cr_assert_eq(nh_create_io_queue(&h, 2, QDEPTH, true), 0);
}

static void run_two_submitters(unsigned int rounds)
{
	struct submitter s[2];
	struct ksim_host_task *t[2];
	unsigned long io0 = ksim_nvme_event_count(h.ctrl, "nvme_io_cmd");

	memset(s, 0, sizeof(s));
	for (unsigned int i = 0; i < 2; i++) {
		s[i].qid = i + 1;
		s[i].rounds = rounds;
		s[i].slba = (uint64_t)i * 4096;
		nh_alloc(&h, &s[i].buf, BATCH * BLK, KSIM_DMA_BIDIRECTIONAL);
	}
	for (unsigned int i = 0; i < 2; i++)
		cr_assert_eq(ksim_host->task_create(&t[i], "nvme-exec-sub", submitter_fn, &s[i]), 0);
	for (unsigned int i = 0; i < 2; i++)
		ksim_host->task_join(t[i]);
	for (unsigned int i = 0; i < 2; i++) {
		cr_assert_eq(s[i].timeouts, 0, "SQ %u: a command never completed", s[i].qid);
		cr_assert_eq(s[i].done, 2ul * BATCH * rounds, "SQ %u: %lu completions",
			     s[i].qid, s[i].done);
		cr_assert_eq(s[i].bad_cid, 0, "SQ %u: unknown or duplicate command ids", s[i].qid);
		cr_assert_eq(s[i].bad_sqid, 0, "SQ %u: another SQ's completion", s[i].qid);
		cr_assert_eq(s[i].bad_status, 0, "SQ %u: failed commands", s[i].qid);
		cr_assert_eq(s[i].bad_data, 0, "SQ %u: data read back differs", s[i].qid);
		nh_free(&h, &s[i].buf);
	}
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "nvme_io_cmd") - io0,
		     2ul * 2 * BATCH * rounds, "each command ran exactly once");
	cr_assert_eq(ksim_nvme_ub_total(h.ctrl), 0);
}

Test(nvme_exec, two_tasks_two_sqs_each_complete_their_own)
{
	struct ksim_nvme_config cfg;

	nh_config(&cfg);
	up(&cfg);
	run_two_submitters(400);
	cr_assert_gt(nh_irqs(&h, 1), 0);
	cr_assert_gt(nh_irqs(&h, 2), 0);
	nh_destroy(&h);
}

Test(nvme_exec, timer_worker_beside_two_runners_loses_nothing)
{
	struct ksim_nvme_config cfg;

	nh_config(&cfg);
	/* Some completions due later: the timer worker posts them while both SQs run. */
	cr_assert_eq(ksim_nvme_config_set(&cfg, "latency.read", "0-20us", NULL, 0), 0);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "latency.write", "0-5us", NULL, 0), 0);
	up(&cfg);
	run_two_submitters(150);
	nh_destroy(&h);
}

/* Vector 1's handler: queue one more read on SQ 1 and ring, @left times. */
static struct nh_buf nested_buf;
static unsigned int nested_left, nested_rung;

static void nested_irq(void *arg, unsigned int vector)
{
	struct nh_sqe sqe = { .opc = 0x02, .nsid = 1 };

	(void)arg;
	(void)vector;
	if (!nested_left)
		return;
	nested_left--;
	nh_prp(&h, &sqe, &nested_buf, 0, BLK, NULL);
	nh_queue_cmd(&h, 1, &sqe, false);
	nested_rung++;
	/* On the task whose SQ 1 runner raised this: that runner is still active. */
	nh_ring(&h, 1);
}

Test(nvme_exec, doorbell_rung_while_its_runner_is_active_is_served)
{
	struct ksim_nvme_config cfg;
	struct nh_sqe sqe = { .opc = 0x02, .nsid = 1 };
	struct nh_cqe cqe;
	unsigned long io0;

	nh_config(&cfg);
	up(&cfg);
	nh_alloc(&h, &nested_buf, BLK, KSIM_DMA_BIDIRECTIONAL);
	nested_left = 20;
	nested_rung = 0;
	ksim_msix_set_handler(h.pdev, 1, nested_irq, NULL);
	io0 = ksim_nvme_event_count(h.ctrl, "nvme_io_cmd");
	nh_prp(&h, &sqe, &nested_buf, 0, BLK, NULL);
	nh_queue_cmd(&h, 1, &sqe, false);
	nh_ring(&h, 1);
	for (unsigned int i = 0; i < 21; i++)
		cr_assert_eq(nh_reap(&h, 1, &cqe, 10000), 0, "completion %u of 21", i);
	cr_assert_eq(nested_rung, 20);
	cr_assert_eq(ksim_nvme_event_count(h.ctrl, "nvme_io_cmd") - io0, 21);
	ksim_msix_set_handler(h.pdev, 1, NULL, NULL);
	nh_free(&h, &nested_buf);
	cr_assert_eq(ksim_nvme_ub_total(h.ctrl), 0);
	nh_destroy(&h);
}
