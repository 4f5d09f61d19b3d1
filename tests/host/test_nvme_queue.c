// SPDX-License-Identifier: GPL-2.0
/*
 * tests/host/test_nvme_queue.c - nvme-model/queue.c's queue bitmaps: the
 * round-robin order in which fetch visits the SQs that hold entries
 * (nvme_qmap_next over ctrl->sq_ready), across the three words that cover
 * queue ids 0..KSIM_NVME_MAX_QUEUES, wrapping past the last one.
 * (Fetching, posting and interrupts end to end: test_nvme_ctrl.)
 */
#include <criterion/criterion.h>

#include "nvme-model/nvme.h"

Test(nvme_queue, empty_map_has_no_next)
{
	uint64_t map[NVME_QMAP_WORDS] = { 0 };

	for (unsigned int from = 0; from <= KSIM_NVME_MAX_QUEUES + 1; from++)
		cr_assert_eq(nvme_qmap_next(map, from), -1, "from %u", from);
}

Test(nvme_queue, round_robin_order_wraps)
{
	uint64_t map[NVME_QMAP_WORDS] = { 0 };

	nvme_qmap_set(map, 0);
	nvme_qmap_set(map, 3);
	nvme_qmap_set(map, 64);
	nvme_qmap_set(map, KSIM_NVME_MAX_QUEUES);	/* the last qid, in the third word */
	cr_assert_eq(nvme_qmap_next(map, 0), 0);
	cr_assert_eq(nvme_qmap_next(map, 1), 3);
	cr_assert_eq(nvme_qmap_next(map, 4), 64);
	cr_assert_eq(nvme_qmap_next(map, 65), KSIM_NVME_MAX_QUEUES);
	/* Past the last qid (rr_next = qid + 1) it comes round to the first. */
	cr_assert_eq(nvme_qmap_next(map, KSIM_NVME_MAX_QUEUES + 1), 0);
	nvme_qmap_clear(map, 0);
	cr_assert_eq(nvme_qmap_next(map, KSIM_NVME_MAX_QUEUES + 1), 3,
		     "wrapping also finds bits below the start in its own word");
}

Test(nvme_queue, every_queue_comes_round_once)
{
	uint64_t map[NVME_QMAP_WORDS] = { 0 };
	unsigned int from = 7, seen = 0;
	int q;

	for (unsigned int i = 0; i <= KSIM_NVME_MAX_QUEUES; i += 5)
		nvme_qmap_set(map, i);
	/* As fetch does: take the next ready queue, start after it next time. */
	for (int k = 0; k < 200; k++) {
		q = nvme_qmap_next(map, from);
		cr_assert_geq(q, 0);
		cr_assert_eq(q % 5, 0, "only set bits come out (%d)", q);
		nvme_qmap_clear(map, (unsigned int)q);
		from = (unsigned int)q + 1;
		seen++;
		if (nvme_qmap_next(map, 0) < 0)
			break;
	}
	cr_assert_eq(seen, KSIM_NVME_MAX_QUEUES / 5 + 1, "each set queue exactly once");
}
