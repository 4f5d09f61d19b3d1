// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-model/ctrl.c - the controller as an object: built from its config
 * (namespaces, fault rules), plugged into the PCI bus, unplugged and freed.
 * Its registers live in regs.c, its queues in queue.c, the latency model in
 * latency.c, and what runs it in exec.c.
 */
#include <stdio.h>
#include <stdlib.h>

#include "nvme-model/nvme.h"

static void nvme_free_ctrl(struct ksim_nvme_ctrl *ctrl)
{
	nvme_reset_queues(ctrl);
	nvme_req_cache_drain(ctrl);
	for (unsigned int i = 0; i < ctrl->nr_ns; i++)
		nvme_ns_fini(&ctrl->ns[i]);
	free(ctrl->heap);
	free(ctrl);
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
	/* Aligned as its type says: the SQ runners sit one per cache line. */
	if (posix_memalign((void **)&ctrl, _Alignof(struct ksim_nvme_ctrl), sizeof(*ctrl)))
		return -ENOMEM;
	memset(ctrl, 0, sizeof(*ctrl));
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
	ret = nvme_exec_start(ctrl);
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
	nvme_exec_stop(ctrl);
out_free:
	nvme_free_ctrl(ctrl);
	return ret;
}

void ksim_nvme_destroy(struct ksim_nvme_ctrl *ctrl)
{
	if (!ctrl)
		return;
	/*
	 * The driver goes first (its remove() still needs the workers for the
	 * ready handshake), then the workers, which may still raise an
	 * interrupt or DMA for what a driver left queued, then the device.
	 */
	ksim_pci_unplug_device(ctrl->pdev);
	nvme_exec_stop(ctrl);
	ksim_pci_remove_device(ctrl->pdev);
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
