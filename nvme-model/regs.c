// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-model/regs.c - the register file (Base 2.0, 3.1.3) and the enable,
 * reset and shutdown handshakes, behind the PCI platform's MMIO callbacks.
 * A doorbell write records the new value (queue.c) and then, in the inline
 * execution mode, runs the controller on the writing task (exec.c) after
 * the lock is dropped.
 */
#include <stdio.h>
#include <stdlib.h>

#include "nvme-model/nvme.h"


#define NVME_SHUTDOWN_NS	(100 * 1000)	/* SHST processing -> complete */
/* ---- state machine: enable, reset, shutdown ---- */

void nvme_update_state(struct ksim_nvme_ctrl *ctrl, int64_t now)
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
	v = nvme_hostile_reg(ctrl, off, v, size);
	nvme_unlock(&ctrl->lock);
	return v;
}

static void nvme_mmio_write(void *model, int bar, uint64_t off, uint64_t value,
			    unsigned int size)
{
	struct ksim_nvme_ctrl *ctrl = model;
	struct nvme_mmio_ctx mmio;

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
	nvme_exec_mmio_begin(ctrl, &mmio, off);
	nvme_lock(&ctrl->lock);
	if (off >= NVME_DB_BASE)
		nvme_doorbell(ctrl, off, value);
	else
		nvme_reg_write(ctrl, off, value, size);
	nvme_unlock(&ctrl->lock);
	nvme_exec_mmio_end(ctrl, &mmio);
}

static void nvme_bus_master(void *model, bool enabled)
{
	struct ksim_nvme_ctrl *ctrl = model;

	__atomic_store_n(&ctrl->bus_master, enabled, __ATOMIC_RELAXED);
}

const struct ksim_pci_model_ops nvme_pci_ops = {
	.mmio_read = nvme_mmio_read,
	.mmio_write = nvme_mmio_write,
	.bus_master = nvme_bus_master,
};

uint64_t nvme_build_cap(const struct ksim_nvme_config *cfg)
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

