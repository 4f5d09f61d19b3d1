// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-model/latency.c - the latency model: a completion that is not due yet waits
 * in a min-heap ordered by due time; the execution core posts it when its
 * time comes (nvme_housekeeping).  Lock held.
 */
#include <stdio.h>
#include <stdlib.h>

#include "nvme-model/nvme.h"

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

bool nvme_heap_push(struct ksim_nvme_ctrl *ctrl, struct nvme_req *req)
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

uint64_t nvme_latency(struct ksim_nvme_ctrl *ctrl, unsigned int kind)
{
	const struct ksim_nvme_latency *lat = &ctrl->cfg.latency[kind];

	if (!lat->max_ns)
		return 0;
	if (lat->max_ns <= lat->min_ns)
		return lat->min_ns;
	return lat->min_ns + ksim_host->random_u64() % (lat->max_ns - lat->min_ns + 1);
}

