// SPDX-License-Identifier: GPL-2.0
/*
 * tests/fuzz/nvme-device.c - a hostile NVMe controller against drivers/nvme.
 *
 * The input decides the scheduler's seed, the controller's shape (queues,
 * namespaces, sizes), and then, through the model's hostile mode
 * (nvme-model/hostile.c), what the device does wherever a real device
 * could misbehave: register values, Identify data, each command's status,
 * result, duplication, loss or delay, completion entries, interrupts,
 * AENs, fatal status, read data.  Each execution probes, does I/O on every
 * disk, resets once, and removes the device.
 */
#include "fuzz_nvme.h"
#include "nvme-model/ksim_nvme.h"

static uint32_t hostile_decide(void *arg, uint32_t n)
{
	return fuzz_below(arg, n);
}

static void hostile_fill(void *arg, void *buf, size_t len)
{
	fuzz_bytes(arg, buf, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in;
	struct ksim_nvme_hostile hostile = {
		.decide = hostile_decide,
		.fill = hostile_fill,
		.arg = &in,
	};
	struct ksim_nvme_ctrl *ctrl;

	fuzz_input_init(&in, data, size);
	fuzz_machine_begin(data, size, fuzz_u32(&in));
	/*
	 * A hostile device may DMA anywhere (stale or made-up addresses): the
	 * IOMMU stopping it is the system working.  The driver's own bugs
	 * show as other reports (MMIO outside its BAR, slab, leaks, WARN...).
	 */
	fuzz_expect_reports(KSIM_REPORT_IOMMU);
	ctrl = fuzz_nvme_create(&in);
	ksim_nvme_set_hostile(ctrl, &hostile);
	fuzz_nvme_load_driver();
	fuzz_nvme_exercise(&in, ctrl);
	ksim_nvme_destroy(ctrl);
	fuzz_machine_end();
	return 0;
}
