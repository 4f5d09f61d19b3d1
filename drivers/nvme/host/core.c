// SPDX-License-Identifier: GPL-2.0
/*
 * NVM Express host driver, transport-neutral core: the controller state
 * machine, controller enable/disable/shutdown, admin commands (Identify,
 * Set Features), namespaces and their disks, the NVMe status to blk_status_t
 * mapping, retries, and controller reset scheduling.  The transports
 * (pci.c) provide register access and queues through struct nvme_ctrl_ops.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/idr.h>
#include <linux/string.h>
#include <linux/semaphore.h>
#include <linux/dma-mapping.h>
#include <linux/ratelimit.h>
#include <linux/blk-mq.h>
#include <linux/blkdev.h>

#include "nvme.h"

unsigned int admin_timeout = 60;
module_param(admin_timeout, uint, 0644);
MODULE_PARM_DESC(admin_timeout, "timeout in seconds for admin commands");
EXPORT_SYMBOL_GPL(admin_timeout);

unsigned int nvme_io_timeout = 30;
module_param_named(io_timeout, nvme_io_timeout, uint, 0644);
MODULE_PARM_DESC(io_timeout, "timeout in seconds for I/O");
EXPORT_SYMBOL_GPL(nvme_io_timeout);

unsigned char shutdown_timeout = 5;
module_param(shutdown_timeout, byte, 0644);
MODULE_PARM_DESC(shutdown_timeout, "timeout in seconds for controller shutdown");

static u8 nvme_max_retries = 5;
module_param_named(max_retries, nvme_max_retries, byte, 0644);
MODULE_PARM_DESC(max_retries, "max number of retries a command may have");

struct workqueue_struct *nvme_wq;
EXPORT_SYMBOL_GPL(nvme_wq);

struct workqueue_struct *nvme_reset_wq;
EXPORT_SYMBOL_GPL(nvme_reset_wq);

static DEFINE_IDA(nvme_instance_ida);

/* "nvme nvme0: ..." as the kernel's nvme class device prints. */
static struct bus_type nvme_class_bus = {
	.name = "nvme",
};

/* ---- controller state machine ---- */

static const char * const nvme_state_names[] = {
	[NVME_CTRL_NEW]		= "new",
	[NVME_CTRL_LIVE]	= "live",
	[NVME_CTRL_RESETTING]	= "resetting",
	[NVME_CTRL_CONNECTING]	= "connecting",
	[NVME_CTRL_DELETING]	= "deleting",
	[NVME_CTRL_DELETING_NOIO] = "deleting (no IO)",
	[NVME_CTRL_DEAD]	= "dead",
};

const char *nvme_ctrl_state_name(struct nvme_ctrl *ctrl)
{
	return nvme_state_names[READ_ONCE(ctrl->state)];
}
EXPORT_SYMBOL_GPL(nvme_ctrl_state_name);

static bool nvme_state_transition_ok(enum nvme_ctrl_state old,
				     enum nvme_ctrl_state new)
{
	switch (new) {
	case NVME_CTRL_LIVE:
		return old == NVME_CTRL_NEW || old == NVME_CTRL_RESETTING ||
		       old == NVME_CTRL_CONNECTING;
	case NVME_CTRL_RESETTING:
		return old == NVME_CTRL_NEW || old == NVME_CTRL_LIVE;
	case NVME_CTRL_CONNECTING:
		return old == NVME_CTRL_NEW || old == NVME_CTRL_RESETTING;
	case NVME_CTRL_DELETING:
		return old == NVME_CTRL_LIVE || old == NVME_CTRL_RESETTING ||
		       old == NVME_CTRL_CONNECTING;
	case NVME_CTRL_DELETING_NOIO:
		return old == NVME_CTRL_DELETING || old == NVME_CTRL_DEAD;
	case NVME_CTRL_DEAD:
		return old == NVME_CTRL_DELETING;
	default:
		return false;
	}
}

bool nvme_change_ctrl_state(struct nvme_ctrl *ctrl,
			    enum nvme_ctrl_state new_state)
{
	unsigned long flags;
	bool changed;

	spin_lock_irqsave(&ctrl->lock, flags);
	changed = nvme_state_transition_ok(ctrl->state, new_state);
	if (changed)
		WRITE_ONCE(ctrl->state, new_state);
	spin_unlock_irqrestore(&ctrl->lock, flags);
	if (changed && new_state == NVME_CTRL_LIVE)
		complete_all(&ctrl->reset_done);
	return changed;
}
EXPORT_SYMBOL_GPL(nvme_change_ctrl_state);

int nvme_reset_ctrl(struct nvme_ctrl *ctrl)
{
	if (!nvme_change_ctrl_state(ctrl, NVME_CTRL_RESETTING))
		return -EBUSY;
	reinit_completion(&ctrl->reset_done);
	if (!queue_work(nvme_reset_wq, &ctrl->reset_work))
		return -EBUSY;
	return 0;
}
EXPORT_SYMBOL_GPL(nvme_reset_ctrl);

/* ---- status mapping, retries ---- */

blk_status_t nvme_error_status(u16 status)
{
	switch (NVME_HOST_SCT_SC(status)) {
	case NVME_SC_SUCCESS:
		return BLK_STS_OK;
	case NVME_SC_CAP_EXCEEDED:
		return BLK_STS_NOSPC;
	case NVME_SC_LBA_RANGE:
	case NVME_SC_CMD_INTERRUPTED:
	case NVME_SC_NS_NOT_READY:
		return BLK_STS_TARGET;
	case NVME_SC_BAD_ATTRIBUTES:
	case NVME_SC_ONCS_NOT_SUPPORTED:
	case NVME_SC_INVALID_OPCODE:
	case NVME_SC_INVALID_FIELD:
	case NVME_SC_INVALID_NS:
		return BLK_STS_NOTSUPP;
	case NVME_SC_WRITE_FAULT:
	case NVME_SC_READ_ERROR:
	case NVME_SC_UNWRITTEN_BLOCK:
	case NVME_SC_ACCESS_DENIED:
	case NVME_SC_READ_ONLY:
	case NVME_SC_COMPARE_FAILED:
		return BLK_STS_MEDIUM;
	case NVME_SC_GUARD_CHECK:
	case NVME_SC_APPTAG_CHECK:
	case NVME_SC_REFTAG_CHECK:
	case NVME_SC_INVALID_PI:
		return BLK_STS_PROTECTION;
	case NVME_SC_RESERVATION_CONFLICT:
		return BLK_STS_NEXUS;
	case NVME_SC_HOST_PATH_ERROR:
		return BLK_STS_TRANSPORT;
	default:
		return BLK_STS_IOERR;
	}
}
EXPORT_SYMBOL_GPL(nvme_error_status);

static const char *nvme_status_name(u16 status)
{
	switch (NVME_HOST_SCT_SC(status)) {
	case NVME_SC_INVALID_OPCODE:	return "Invalid Command Opcode";
	case NVME_SC_INVALID_FIELD:	return "Invalid Field in Command";
	case NVME_SC_DATA_XFER_ERROR:	return "Data Transfer Error";
	case NVME_SC_INTERNAL:		return "Internal Error";
	case NVME_SC_ABORT_REQ:		return "Command Abort Requested";
	case NVME_SC_INVALID_NS:	return "Invalid Namespace or Format";
	case NVME_SC_LBA_RANGE:		return "LBA Out of Range";
	case NVME_SC_CAP_EXCEEDED:	return "Capacity Exceeded";
	case NVME_SC_NS_NOT_READY:	return "Namespace Not Ready";
	case NVME_SC_WRITE_FAULT:	return "Write Fault";
	case NVME_SC_READ_ERROR:	return "Unrecovered Read Error";
	case NVME_SC_COMPARE_FAILED:	return "Compare Failure";
	case NVME_SC_ACCESS_DENIED:	return "Access Denied";
	case NVME_SC_HOST_PATH_ERROR:	return "Host Pathing Error";
	case NVME_SC_HOST_ABORTED_CMD:	return "Host Aborted Command";
	default:			return "Unknown";
	}
}

static const char *nvme_op_name(u8 opcode)
{
	switch (opcode) {
	case nvme_cmd_flush:		return "Flush";
	case nvme_cmd_write:		return "Write";
	case nvme_cmd_read:		return "Read";
	case nvme_cmd_write_zeroes:	return "Write Zeroes";
	case nvme_cmd_dsm:		return "Dataset Management";
	default:			return "I/O Cmd";
	}
}

static void nvme_log_error(struct request *req)
{
	struct nvme_ns *ns = nvme_rq_ns(req);
	struct nvme_request *nr = nvme_req(req);
	static DEFINE_RATELIMIT_STATE(rs, 5 * HZ, 10);

	if (!__ratelimit(&rs))
		return;
	pr_err("%s: %s(0x%x) @ LBA %llu, %u blocks, %s (sct 0x%x / sc 0x%x) %s%s\n",
	       ns->disk->disk_name, nvme_op_name(nr->cmd->common.opcode),
	       nr->cmd->common.opcode,
	       (unsigned long long)nvme_sect_to_lba(ns, blk_rq_pos(req)),
	       blk_rq_bytes(req) >> ns->lba_shift,
	       nvme_status_name(nr->status), NVME_HOST_SCT(nr->status),
	       NVME_HOST_SC(nr->status),
	       nr->status & NVME_STATUS_MORE ? "MORE " : "",
	       nr->status & NVME_STATUS_DNR ? "DNR " : "");
}

enum nvme_disposition {
	COMPLETE,
	RETRY,
};

static enum nvme_disposition nvme_decide_disposition(struct request *req)
{
	struct nvme_request *nr = nvme_req(req);

	if (likely(nr->status == 0))
		return COMPLETE;
	if ((req->cmd_flags & REQ_FAILFAST_MASK) ||
	    (nr->status & NVME_STATUS_DNR) ||
	    nr->retries >= nvme_max_retries)
		return COMPLETE;
	/* A dying controller: requeueing would only bounce the request. */
	if (READ_ONCE(nr->ctrl->state) == NVME_CTRL_DEAD ||
	    READ_ONCE(nr->ctrl->state) == NVME_CTRL_DELETING_NOIO)
		return COMPLETE;
	return RETRY;
}

void nvme_complete_rq(struct request *req)
{
	struct nvme_request *nr = nvme_req(req);

	switch (nvme_decide_disposition(req)) {
	case COMPLETE:
		if (unlikely(nr->status && !(nr->flags & NVME_REQ_CANCELLED)))
			nvme_log_error(req);
		blk_mq_end_request(req, nvme_error_status(nr->status));
		return;
	case RETRY:
		nr->retries++;
		blk_mq_requeue_request(req, true);
		return;
	}
}
EXPORT_SYMBOL_GPL(nvme_complete_rq);

/*
 * Called for every outstanding request when a controller is disabled: the
 * controller forgot the command, so complete it with a host-side status
 * that lets nvme_complete_rq retry it after the reset (or fail it when the
 * controller is gone).
 */
bool nvme_cancel_request(struct request *req, void *data)
{
	if (blk_mq_request_completed(req))
		return true;
	nvme_req(req)->status = NVME_SC_HOST_ABORTED_CMD;
	nvme_req(req)->flags |= NVME_REQ_CANCELLED;
	blk_mq_complete_request(req);
	return true;
}
EXPORT_SYMBOL_GPL(nvme_cancel_request);

void nvme_cancel_tagset(struct nvme_ctrl *ctrl)
{
	if (!ctrl->tagset)
		return;
	blk_mq_tagset_busy_iter(ctrl->tagset, nvme_cancel_request, ctrl);
	blk_mq_tagset_wait_completed_request(ctrl->tagset);
}
EXPORT_SYMBOL_GPL(nvme_cancel_tagset);

blk_status_t nvme_fail_nonready_command(struct nvme_ctrl *ctrl,
					struct request *req)
{
	enum nvme_ctrl_state state = READ_ONCE(ctrl->state);

	if (state != NVME_CTRL_DELETING_NOIO && state != NVME_CTRL_DEAD &&
	    !(req->cmd_flags & REQ_FAILFAST_MASK))
		return BLK_STS_RESOURCE;
	return BLK_STS_IOERR;
}
EXPORT_SYMBOL_GPL(nvme_fail_nonready_command);

/* ---- building I/O commands ---- */

static blk_status_t nvme_setup_rw(struct nvme_ns *ns, struct request *req,
				  struct nvme_command *cmd, u8 opcode)
{
	u16 control = 0;

	if (req->cmd_flags & REQ_FUA)
		control |= NVME_RW_FUA;
	if (req->cmd_flags & (REQ_FAILFAST_DEV | REQ_RAHEAD))
		control |= NVME_RW_LR;

	cmd->rw.opcode = opcode;
	cmd->rw.flags = 0;
	cmd->rw.nsid = cpu_to_le32(ns->head_nsid);
	cmd->rw.cdw2 = 0;
	cmd->rw.cdw3 = 0;
	cmd->rw.metadata = 0;
	cmd->rw.slba = cpu_to_le64(nvme_sect_to_lba(ns, blk_rq_pos(req)));
	cmd->rw.length = cpu_to_le16((blk_rq_bytes(req) >> ns->lba_shift) - 1);
	cmd->rw.control = cpu_to_le16(control);
	cmd->rw.dsmgmt = 0;
	cmd->rw.reftag = 0;
	cmd->rw.apptag = 0;
	cmd->rw.appmask = 0;
	return BLK_STS_OK;
}

static blk_status_t nvme_setup_write_zeroes(struct nvme_ns *ns,
					    struct request *req,
					    struct nvme_command *cmd)
{
	if (!(ns->ctrl->oncs & NVME_CTRL_ONCS_WRITE_ZEROES))
		return BLK_STS_NOTSUPP;
	memset(cmd, 0, sizeof(*cmd));
	cmd->write_zeroes.opcode = nvme_cmd_write_zeroes;
	cmd->write_zeroes.nsid = cpu_to_le32(ns->head_nsid);
	cmd->write_zeroes.slba = cpu_to_le64(nvme_sect_to_lba(ns, blk_rq_pos(req)));
	cmd->write_zeroes.length =
		cpu_to_le16((blk_rq_bytes(req) >> ns->lba_shift) - 1);
	if (!(req->cmd_flags & REQ_NOUNMAP))
		cmd->write_zeroes.control = cpu_to_le16(NVME_HOST_WZ_DEAC);
	return BLK_STS_OK;
}

/*
 * Discard: a single DSM range in the command's payload.  The transport
 * maps nvme_req(req)->dsm_range (in its pdu, so nothing is allocated).
 */
static blk_status_t nvme_setup_discard(struct nvme_ns *ns, struct request *req,
				       struct nvme_command *cmd)
{
	if (!(ns->ctrl->oncs & NVME_CTRL_ONCS_DSM))
		return BLK_STS_NOTSUPP;
	memset(cmd, 0, sizeof(*cmd));
	cmd->dsm.opcode = nvme_cmd_dsm;
	cmd->dsm.nsid = cpu_to_le32(ns->head_nsid);
	cmd->dsm.nr = 0;
	cmd->dsm.attributes = cpu_to_le32(NVME_DSMGMT_AD);
	nvme_req(req)->dsm_range.cattr = 0;
	nvme_req(req)->dsm_range.nlb = cpu_to_le32(blk_rq_bytes(req) >> ns->lba_shift);
	nvme_req(req)->dsm_range.slba =
		cpu_to_le64(nvme_sect_to_lba(ns, blk_rq_pos(req)));
	return BLK_STS_OK;
}

blk_status_t nvme_setup_cmd(struct nvme_ns *ns, struct request *req)
{
	struct nvme_request *nr = nvme_req(req);
	struct nvme_command *cmd = nr->cmd;
	blk_status_t ret;

	if (!(req->rq_flags & RQF_DONTPREP)) {
		nr->retries = 0;
		nr->flags = 0;
		req->rq_flags |= RQF_DONTPREP;
	}
	nr->status = 0;
	nr->result.u64 = 0;

	switch (req_op(req)) {
	case REQ_OP_READ:
		ret = nvme_setup_rw(ns, req, cmd, nvme_cmd_read);
		break;
	case REQ_OP_WRITE:
		ret = nvme_setup_rw(ns, req, cmd, nvme_cmd_write);
		break;
	case REQ_OP_FLUSH:
		memset(cmd, 0, sizeof(*cmd));
		cmd->common.opcode = nvme_cmd_flush;
		cmd->common.nsid = cpu_to_le32(ns->head_nsid);
		ret = BLK_STS_OK;
		break;
	case REQ_OP_WRITE_ZEROES:
		ret = nvme_setup_write_zeroes(ns, req, cmd);
		break;
	case REQ_OP_DISCARD:
		ret = nvme_setup_discard(ns, req, cmd);
		break;
	default:
		WARN_ON_ONCE(1);
		return BLK_STS_IOERR;
	}
	if (ret)
		return ret;

	nr->genctr++;
	cmd->common.command_id = nvme_cid(req);
	return BLK_STS_OK;
}
EXPORT_SYMBOL_GPL(nvme_setup_cmd);

/* ---- admin commands ---- */

static void nvme_free_admin_buffer(struct nvme_ctrl *ctrl,
				   struct nvme_admin_slot *slot)
{
	if (!slot->buf)
		return;
	dma_free_coherent(ctrl->dev, slot->buf_len, slot->buf, slot->buf_dma);
	slot->buf = NULL;
}

static void nvme_admin_slot_release(struct nvme_ctrl *ctrl,
				    struct nvme_admin_slot *slot)
{
	unsigned long flags;

	spin_lock_irqsave(&ctrl->admin_lock, flags);
	slot->busy = false;
	slot->abandoned = false;
	slot->end = NULL;
	spin_unlock_irqrestore(&ctrl->admin_lock, flags);
	up(&ctrl->admin_sem);
}

static int nvme_admin_slot_get(struct nvme_ctrl *ctrl, bool can_sleep)
{
	unsigned long flags;
	int i;

	if (can_sleep)
		down(&ctrl->admin_sem);
	else if (down_trylock(&ctrl->admin_sem))
		return -EBUSY;

	spin_lock_irqsave(&ctrl->admin_lock, flags);
	for (i = 0; i < NVME_NR_ADMIN_SLOTS; i++) {
		if (!ctrl->admin_slots[i].busy) {
			ctrl->admin_slots[i].busy = true;
			ctrl->admin_slots[i].status = 0;
			ctrl->admin_slots[i].result.u64 = 0;
			reinit_completion(&ctrl->admin_slots[i].done);
			break;
		}
	}
	spin_unlock_irqrestore(&ctrl->admin_lock, flags);
	if (WARN_ON_ONCE(i == NVME_NR_ADMIN_SLOTS)) {
		up(&ctrl->admin_sem);
		return -EBUSY;
	}
	return i;
}

static void nvme_admin_slot_done(struct nvme_ctrl *ctrl, int cid, u16 status,
				 union nvme_result result)
{
	struct nvme_admin_slot *slot = &ctrl->admin_slots[cid];
	nvme_admin_end_fn end;
	bool abandoned;
	void *priv;

	spin_lock(&ctrl->admin_lock);
	if (!slot->busy) {
		spin_unlock(&ctrl->admin_lock);
		dev_warn(ctrl->device, "admin completion for unused command id %d\n",
			 cid);
		return;
	}
	slot->status = status;
	slot->result = result;
	end = slot->end;
	priv = slot->priv;
	abandoned = slot->abandoned;
	spin_unlock(&ctrl->admin_lock);

	if (end) {
		end(ctrl, priv, status, result);
		nvme_admin_slot_release(ctrl, slot);
	} else if (abandoned) {
		nvme_free_admin_buffer(ctrl, slot);
		nvme_admin_slot_release(ctrl, slot);
	} else {
		complete(&slot->done);
	}
}

/* The transport's admin queue handler passes each completion here. */
void nvme_complete_admin_cqe(struct nvme_ctrl *ctrl, struct nvme_completion *cqe)
{
	u16 cid = cqe->command_id;

	if (unlikely(cid >= NVME_NR_ADMIN_SLOTS)) {
		dev_warn(ctrl->device, "invalid admin command id %u completed\n", cid);
		return;
	}
	nvme_admin_slot_done(ctrl, cid, le16_to_cpu(cqe->status) >> 1, cqe->result);
}
EXPORT_SYMBOL_GPL(nvme_complete_admin_cqe);

/* The controller was disabled: it forgot every admin command it held. */
void nvme_cancel_admin_cmds(struct nvme_ctrl *ctrl)
{
	union nvme_result res = { .u64 = 0 };
	int i;

	for (i = 0; i < NVME_NR_ADMIN_SLOTS; i++) {
		if (READ_ONCE(ctrl->admin_slots[i].busy))
			nvme_admin_slot_done(ctrl, i,
					     NVME_SC_HOST_ABORTED_CMD | NVME_STATUS_DNR,
					     res);
	}
}
EXPORT_SYMBOL_GPL(nvme_cancel_admin_cmds);

int nvme_submit_admin_async(struct nvme_ctrl *ctrl, struct nvme_command *cmd,
			    nvme_admin_end_fn end, void *priv)
{
	struct nvme_admin_slot *slot;
	int cid, ret;

	cid = nvme_admin_slot_get(ctrl, false);
	if (cid < 0)
		return cid;
	slot = &ctrl->admin_slots[cid];
	slot->end = end;
	slot->priv = priv;
	cmd->common.command_id = cid;
	ret = ctrl->ops->submit_admin_cmd(ctrl, cmd);
	if (ret)
		nvme_admin_slot_release(ctrl, slot);
	return ret;
}
EXPORT_SYMBOL_GPL(nvme_submit_admin_async);

/*
 * Submit an admin command and wait for it.  @buffer (up to two pages) is
 * bounced through a coherent DMA buffer owned by the slot, so a command
 * that times out can still complete into memory that is mapped.  Returns 0,
 * a positive NVMe status, or a negative errno.
 */
int nvme_submit_sync_cmd(struct nvme_ctrl *ctrl, struct nvme_command *cmd,
			 void *buffer, unsigned int bufflen)
{
	struct nvme_admin_slot *slot;
	unsigned long flags;
	int cid, ret;

	if (WARN_ON_ONCE(bufflen > 2 * NVME_CTRL_PAGE_SIZE))
		return -EINVAL;

	cid = nvme_admin_slot_get(ctrl, true);
	if (cid < 0)
		return cid;
	slot = &ctrl->admin_slots[cid];

	if (bufflen) {
		slot->buf_len = 2 * NVME_CTRL_PAGE_SIZE;
		slot->buf = dma_alloc_coherent(ctrl->dev, slot->buf_len,
					       &slot->buf_dma, GFP_KERNEL);
		if (!slot->buf) {
			ret = -ENOMEM;
			goto out_release;
		}
		if (nvme_is_write(cmd))
			memcpy(slot->buf, buffer, bufflen);
		else
			memset(slot->buf, 0, bufflen);
		cmd->common.dptr.prp1 = cpu_to_le64(slot->buf_dma);
		if (bufflen > NVME_CTRL_PAGE_SIZE)
			cmd->common.dptr.prp2 =
				cpu_to_le64(slot->buf_dma + NVME_CTRL_PAGE_SIZE);
	}

	cmd->common.command_id = cid;
	ret = ctrl->ops->submit_admin_cmd(ctrl, cmd);
	if (ret)
		goto out_free_buf;

	if (!wait_for_completion_timeout(&slot->done, NVME_ADMIN_TIMEOUT)) {
		spin_lock_irqsave(&ctrl->admin_lock, flags);
		if (!completion_done(&slot->done)) {
			/* the completion (or the cancel) frees the slot */
			slot->abandoned = true;
			spin_unlock_irqrestore(&ctrl->admin_lock, flags);
			dev_warn(ctrl->device,
				 "admin command 0x%x (id %d) timed out\n",
				 cmd->common.opcode, cid);
			if (READ_ONCE(ctrl->state) == NVME_CTRL_LIVE)
				nvme_reset_ctrl(ctrl);
			return -EINTR;
		}
		spin_unlock_irqrestore(&ctrl->admin_lock, flags);
	}

	ret = slot->status;
	if (ret == 0 && bufflen && !nvme_is_write(cmd))
		memcpy(buffer, slot->buf, bufflen);
	/* cancelled by a controller disable, not failed by the device */
	if (NVME_HOST_SCT_SC(slot->status) == NVME_SC_HOST_ABORTED_CMD)
		ret = -EINTR;
	ctrl->admin_result = slot->result;
out_free_buf:
	nvme_free_admin_buffer(ctrl, slot);
out_release:
	nvme_admin_slot_release(ctrl, slot);
	return ret;
}
EXPORT_SYMBOL_GPL(nvme_submit_sync_cmd);

int nvme_set_features(struct nvme_ctrl *ctrl, unsigned int fid,
		      unsigned int dword11, void *buffer, size_t buflen,
		      u32 *result)
{
	struct nvme_command c = { };
	int ret;

	c.features.opcode = nvme_admin_set_features;
	c.features.fid = cpu_to_le32(fid);
	c.features.dword11 = cpu_to_le32(dword11);
	ret = nvme_submit_sync_cmd(ctrl, &c, buffer, buflen);
	if (ret >= 0 && result)
		*result = le32_to_cpu(ctrl->admin_result.u32);
	return ret;
}
EXPORT_SYMBOL_GPL(nvme_set_features);

/*
 * Ask for @count I/O queue pairs; on return @count holds what the
 * controller granted (0 if it refused: a degraded controller still gets
 * its admin queue, as in the kernel).
 */
int nvme_set_queue_count(struct nvme_ctrl *ctrl, int *count)
{
	u32 q_count = (*count - 1) | ((*count - 1) << 16);
	u32 result;
	int status, nr_io_queues;

	status = nvme_set_features(ctrl, NVME_FEAT_NUM_QUEUES, q_count, NULL, 0,
				   &result);
	if (status < 0)
		return status;
	if (status > 0) {
		dev_err(ctrl->device, "Could not set queue count (%d)\n", status);
		*count = 0;
	} else {
		nr_io_queues = min(result & 0xffff, result >> 16) + 1;
		*count = min(*count, nr_io_queues);
	}
	return 0;
}
EXPORT_SYMBOL_GPL(nvme_set_queue_count);

static int nvme_identify(struct nvme_ctrl *ctrl, u8 cns, u32 nsid, void *buf)
{
	struct nvme_command c = { };

	c.identify.opcode = nvme_admin_identify;
	c.identify.nsid = cpu_to_le32(nsid);
	c.identify.cns = cns;
	return nvme_submit_sync_cmd(ctrl, &c, buf, NVME_IDENTIFY_DATA_SIZE);
}

/* ---- enable, disable, shutdown ---- */

#define NVME_READY_POLLS	10

static int nvme_wait_ready(struct nvme_ctrl *ctrl, u32 mask, u32 val,
			   u32 timeout_ms, const char *op)
{
	unsigned long timeout = jiffies + msecs_to_jiffies(timeout_ms) + 1;
	unsigned int polls = 0;
	u32 csts;
	int ret;

	for (;;) {
		ret = ctrl->ops->reg_read32(ctrl, NVME_REG_CSTS, &csts);
		if (ret)
			return ret;
		if (csts == ~0U)
			return -ENODEV;
		if ((csts & mask) == val)
			return 0;
		if (time_after(jiffies, timeout)) {
			dev_err(ctrl->device,
				"Device not ready; aborting %s, CSTS=0x%x\n",
				op, csts);
			return -ETIMEDOUT;
		}
		/*
		 * A controller that is quick to change state is not made to
		 * wait a millisecond: poll briefly (about 100 us), then sleep
		 * between reads as the kernel does.
		 */
		if (polls < NVME_READY_POLLS) {
			polls++;
			udelay(10);
			continue;
		}
		msleep(1);
	}
}

static u32 nvme_cap_timeout_ms(u64 cap)
{
	/* CAP.TO is in 500 ms units; the kernel allows one more unit. */
	return (NVME_CAP_TIMEOUT(cap) + 1) * 500;
}

int nvme_disable_ctrl(struct nvme_ctrl *ctrl, bool shutdown)
{
	int ret;

	ctrl->ctrl_config &= ~NVME_CC_SHN_MASK;
	if (shutdown)
		ctrl->ctrl_config |= NVME_CC_SHN_NORMAL;
	else
		ctrl->ctrl_config &= ~NVME_CC_ENABLE;

	ret = ctrl->ops->reg_write32(ctrl, NVME_REG_CC, ctrl->ctrl_config);
	if (ret)
		return ret;

	if (shutdown)
		return nvme_wait_ready(ctrl, NVME_CSTS_SHST_MASK,
				       NVME_CSTS_SHST_CMPLT,
				       ctrl->shutdown_timeout * 1000,
				       "shutdown");
	return nvme_wait_ready(ctrl, NVME_CSTS_RDY, 0,
			       nvme_cap_timeout_ms(ctrl->cap), "reset");
}
EXPORT_SYMBOL_GPL(nvme_disable_ctrl);

int nvme_enable_ctrl(struct nvme_ctrl *ctrl)
{
	unsigned int dev_page_min;
	int ret;

	ret = ctrl->ops->reg_read64(ctrl, NVME_REG_CAP, &ctrl->cap);
	if (ret) {
		dev_err(ctrl->device, "Reading CAP failed (%d)\n", ret);
		return ret;
	}
	dev_page_min = NVME_CAP_MPSMIN(ctrl->cap) + 12;
	if (NVME_CTRL_PAGE_SHIFT < dev_page_min) {
		dev_err(ctrl->device,
			"Minimum device page size %u too large for host (%u)\n",
			1 << dev_page_min, 1 << NVME_CTRL_PAGE_SHIFT);
		return -ENODEV;
	}
	if (!(NVME_CAP_CSS(ctrl->cap) & NVME_CAP_CSS_NVM)) {
		dev_err(ctrl->device, "NVM command set not supported\n");
		return -ENODEV;
	}

	ctrl->page_size = NVME_CTRL_PAGE_SIZE;
	ctrl->ctrl_config = NVME_CC_CSS_NVM;
	ctrl->ctrl_config |= (NVME_CTRL_PAGE_SHIFT - 12) << NVME_CC_MPS_SHIFT;
	ctrl->ctrl_config |= NVME_CC_AMS_RR | NVME_CC_SHN_NONE;
	ctrl->ctrl_config |= NVME_CC_IOSQES | NVME_CC_IOCQES;
	ret = ctrl->ops->reg_write32(ctrl, NVME_REG_CC, ctrl->ctrl_config);
	if (ret)
		return ret;

	ctrl->ctrl_config |= NVME_CC_ENABLE;
	ret = ctrl->ops->reg_write32(ctrl, NVME_REG_CC, ctrl->ctrl_config);
	if (ret)
		return ret;
	return nvme_wait_ready(ctrl, NVME_CSTS_RDY, NVME_CSTS_RDY,
			       nvme_cap_timeout_ms(ctrl->cap), "initialisation");
}
EXPORT_SYMBOL_GPL(nvme_enable_ctrl);

/* Copy an Identify string, dropping the space padding. */
static void nvme_copy_id_string(char *dst, const char *src, size_t len)
{
	memcpy(dst, src, len);
	while (len && (dst[len - 1] == ' ' || dst[len - 1] == '\0'))
		dst[--len] = '\0';
}

/* Identify the controller and derive the limits every namespace shares. */
int nvme_init_ctrl_finish(struct nvme_ctrl *ctrl)
{
	struct nvme_id_ctrl *id;
	u32 max_hw_sectors;
	int ret;

	ret = ctrl->ops->reg_read32(ctrl, NVME_REG_VS, &ctrl->vs);
	if (ret)
		return ret;

	id = kzalloc(sizeof(*id), GFP_KERNEL);
	if (!id)
		return -ENOMEM;
	ret = nvme_identify(ctrl, NVME_ID_CNS_CTRL, 0, id);
	if (ret) {
		dev_err(ctrl->device, "Identify Controller failed (%d)\n", ret);
		ret = ret > 0 ? -EIO : ret;
		goto out_free;
	}

	nvme_copy_id_string(ctrl->serial, id->sn, sizeof(id->sn));
	nvme_copy_id_string(ctrl->model, id->mn, sizeof(id->mn));
	nvme_copy_id_string(ctrl->firmware_rev, id->fr, sizeof(id->fr));
	ctrl->cntlid = le16_to_cpu(id->cntlid);
	ctrl->oncs = le16_to_cpu(id->oncs);
	ctrl->vwc = id->vwc;
	ctrl->sgls = le32_to_cpu(id->sgls);
	ctrl->nn = le32_to_cpu(id->nn);

	/*
	 * MDTS is a power of two in units of the minimum page size; 0: none.
	 * The device chooses it: a limit too large to count is no limit.
	 */
	if (!id->mdts || check_shl_overflow(1U, id->mdts + NVME_CAP_MPSMIN(ctrl->cap) + 12 - 9,
					    &max_hw_sectors))
		max_hw_sectors = UINT_MAX;
	ctrl->max_hw_sectors = min_not_zero(ctrl->max_hw_sectors, max_hw_sectors);

	dev_info(ctrl->device, "%s, serial %s, firmware %s, NVMe %u.%u\n",
			 ctrl->model, ctrl->serial, ctrl->firmware_rev,
			 NVME_MAJOR(ctrl->vs), NVME_MINOR(ctrl->vs));
	ret = 0;
out_free:
	kfree(id);
	return ret;
}
EXPORT_SYMBOL_GPL(nvme_init_ctrl_finish);

/* ---- namespaces ---- */

static const struct block_device_operations nvme_bdev_ops = {
	.owner		= THIS_MODULE,
};

static void nvme_update_disk_info(struct nvme_ns *ns, struct nvme_id_ns *id)
{
	struct nvme_ctrl *ctrl = ns->ctrl;
	struct request_queue *q = ns->queue;
	u32 bs = 1U << ns->lba_shift;
	bool vwc = ctrl->vwc & NVME_CTRL_VWC_PRESENT;

	blk_queue_logical_block_size(q, bs);
	blk_queue_physical_block_size(q, bs);
	blk_queue_io_min(q, bs);
	blk_queue_max_hw_sectors(q, ctrl->max_hw_sectors);
	blk_queue_max_segments(q, min_t(u32, ctrl->max_segments, USHRT_MAX));
	/* PRPs cannot describe a gap inside a controller page */
	blk_queue_virt_boundary(q, NVME_CTRL_PAGE_SIZE - 1);
	blk_queue_dma_alignment(q, 3);
	blk_queue_write_cache(q, vwc, vwc);
	blk_queue_flag_set(QUEUE_FLAG_NONROT, q);
	if (ctrl->oncs & NVME_CTRL_ONCS_DSM) {
		blk_queue_max_discard_sectors(q, UINT_MAX >> SECTOR_SHIFT);
		blk_queue_max_discard_segments(q, 1);
	}
	if (ctrl->oncs & NVME_CTRL_ONCS_WRITE_ZEROES)
		blk_queue_max_write_zeroes_sectors(q,
				min_t(u32, ctrl->max_hw_sectors,
				      nvme_lba_to_sect(ns, 0x10000)));
	ns->capacity = nvme_lba_to_sect(ns, le64_to_cpu(id->nsze));
	set_capacity(ns->disk, ns->capacity);
}

/*
 * A reset and a removal may both stop the queues, and a namespace may be
 * found while they are stopped: a bit per namespace makes stopping and
 * starting it idempotent, so every quiesce has its one unquiesce (blk-mq
 * counts them, and warns at an unquiesce too many).
 */
static void nvme_stop_ns_queue(struct nvme_ns *ns)
{
	if (!test_and_set_bit(NVME_NS_STOPPED, &ns->flags))
		blk_mq_quiesce_queue(ns->queue);
}

static void nvme_start_ns_queue(struct nvme_ns *ns)
{
	if (test_and_clear_bit(NVME_NS_STOPPED, &ns->flags)) {
		blk_mq_unquiesce_queue(ns->queue);
		blk_mq_kick_requeue_list(ns->queue);
	}
}

static int nvme_alloc_ns(struct nvme_ctrl *ctrl, unsigned int nsid)
{
	struct nvme_id_ns *id;
	struct gendisk *disk;
	struct nvme_ns *ns;
	int ret;

	id = kzalloc(sizeof(*id), GFP_KERNEL);
	if (!id)
		return -ENOMEM;
	ret = nvme_identify(ctrl, NVME_ID_CNS_NS, nsid, id);
	if (ret) {
		dev_err(ctrl->device, "Identify namespace %u failed (%d)\n",
			nsid, ret);
		ret = ret > 0 ? -EIO : ret;
		goto out_free_id;
	}
	if (!id->nsze) {
		ret = 0;	/* allocated but not active */
		goto out_free_id;
	}

	ns = kzalloc(sizeof(*ns), GFP_KERNEL);
	if (!ns) {
		ret = -ENOMEM;
		goto out_free_id;
	}
	ns->ctrl = ctrl;
	ns->head_nsid = nsid;
	ns->lba_shift = id->lbaf[nvme_lbaf_index(id->flbas)].ds;
	if (ns->lba_shift < SECTOR_SHIFT || ns->lba_shift > 12) {
		dev_warn(ctrl->device, "namespace %u: unsupported LBA size 2^%d\n",
			 nsid, ns->lba_shift);
		ret = 0;
		goto out_free_ns;
	}

	disk = blk_mq_alloc_disk(ctrl->tagset, ns);
	if (IS_ERR(disk)) {
		ret = PTR_ERR(disk);
		goto out_free_ns;
	}
	ns->disk = disk;
	ns->queue = disk->queue;
	disk->fops = &nvme_bdev_ops;
	disk->private_data = ns;
	snprintf(disk->disk_name, DISK_NAME_LEN, "nvme%dn%u", ctrl->instance, nsid);
	nvme_update_disk_info(ns, id);

	ret = device_add_disk(ctrl->device, disk, NULL);
	if (ret)
		goto out_put_disk;

	mutex_lock(&ctrl->namespaces_lock);
	/* Found during a reset: stopped like the others, so the restart pairs up. */
	if (test_bit(NVME_CTRL_STOPPED, &ctrl->flags))
		nvme_stop_ns_queue(ns);
	list_add_tail(&ns->list, &ctrl->namespaces);
	mutex_unlock(&ctrl->namespaces_lock);

	dev_info(ctrl->device, "%s: %llu %u-byte logical blocks (%llu MiB)\n",
		 disk->disk_name, (unsigned long long)le64_to_cpu(id->nsze),
		 1U << ns->lba_shift,
		 (unsigned long long)(ns->capacity >> (20 - SECTOR_SHIFT)));
	kfree(id);
	return 0;

out_put_disk:
	put_disk(disk);
out_free_ns:
	kfree(ns);
out_free_id:
	kfree(id);
	return ret;
}

/* Identify the active namespace list (CNS 02h) and add a disk for each. */
void nvme_scan_namespaces(struct nvme_ctrl *ctrl)
{
	__le32 *ns_list;
	unsigned int i, nsid;
	int ret;

	ns_list = kzalloc(NVME_IDENTIFY_DATA_SIZE, GFP_KERNEL);
	if (!ns_list)
		return;

	mutex_lock(&ctrl->scan_lock);
	ret = nvme_identify(ctrl, NVME_ID_CNS_NS_ACTIVE_LIST, 0, ns_list);
	if (ret) {
		dev_warn(ctrl->device, "Identify NS List failed (status=0x%x)\n",
			 ret);
		goto out;
	}
	for (i = 0; i < NVME_IDENTIFY_DATA_SIZE / sizeof(__le32); i++) {
		nsid = le32_to_cpu(ns_list[i]);
		if (!nsid)
			break;
		ret = nvme_alloc_ns(ctrl, nsid);
		if (ret)
			dev_warn(ctrl->device, "namespace %u not added (%d)\n",
				 nsid, ret);
	}
out:
	mutex_unlock(&ctrl->scan_lock);
	kfree(ns_list);
}
EXPORT_SYMBOL_GPL(nvme_scan_namespaces);

void nvme_remove_namespaces(struct nvme_ctrl *ctrl)
{
	struct nvme_ns *ns, *next;
	LIST_HEAD(list);

	mutex_lock(&ctrl->scan_lock);
	mutex_lock(&ctrl->namespaces_lock);
	list_splice_init(&ctrl->namespaces, &list);
	mutex_unlock(&ctrl->namespaces_lock);

	list_for_each_entry_safe(ns, next, &list, list) {
		del_gendisk(ns->disk);
		put_disk(ns->disk);
		list_del(&ns->list);
		kfree(ns);
	}
	mutex_unlock(&ctrl->scan_lock);
}
EXPORT_SYMBOL_GPL(nvme_remove_namespaces);

/* The controller is gone: new I/O fails at once instead of waiting. */
void nvme_mark_namespaces_dead(struct nvme_ctrl *ctrl)
{
	struct nvme_ns *ns;

	mutex_lock(&ctrl->namespaces_lock);
	list_for_each_entry(ns, &ctrl->namespaces, list)
		blk_mark_disk_dead(ns->disk);
	mutex_unlock(&ctrl->namespaces_lock);
}
EXPORT_SYMBOL_GPL(nvme_mark_namespaces_dead);

void nvme_quiesce_io_queues(struct nvme_ctrl *ctrl)
{
	struct nvme_ns *ns;

	if (test_and_set_bit(NVME_CTRL_STOPPED, &ctrl->flags))
		return;
	mutex_lock(&ctrl->namespaces_lock);
	list_for_each_entry(ns, &ctrl->namespaces, list)
		nvme_stop_ns_queue(ns);
	mutex_unlock(&ctrl->namespaces_lock);
}
EXPORT_SYMBOL_GPL(nvme_quiesce_io_queues);

void nvme_unquiesce_io_queues(struct nvme_ctrl *ctrl)
{
	struct nvme_ns *ns;

	if (!test_and_clear_bit(NVME_CTRL_STOPPED, &ctrl->flags))
		return;
	mutex_lock(&ctrl->namespaces_lock);
	list_for_each_entry(ns, &ctrl->namespaces, list)
		nvme_start_ns_queue(ns);
	mutex_unlock(&ctrl->namespaces_lock);
}
EXPORT_SYMBOL_GPL(nvme_unquiesce_io_queues);

/* ---- controller object ---- */

static void nvme_ctrl_device_release(struct device *dev)
{
	struct nvme_ctrl *ctrl = container_of(dev, struct nvme_ctrl, ctrl_device);

	ida_free(&nvme_instance_ida, ctrl->instance);
	ctrl->ops->free_ctrl(ctrl);
}

int nvme_init_ctrl(struct nvme_ctrl *ctrl, struct device *dev,
		   const struct nvme_ctrl_ops *ops)
{
	int i, ret;

	ctrl->state = NVME_CTRL_NEW;
	spin_lock_init(&ctrl->lock);
	spin_lock_init(&ctrl->admin_lock);
	mutex_init(&ctrl->scan_lock);
	mutex_init(&ctrl->namespaces_lock);
	INIT_LIST_HEAD(&ctrl->namespaces);
	init_completion(&ctrl->reset_done);
	sema_init(&ctrl->admin_sem, NVME_NR_ADMIN_SLOTS);
	for (i = 0; i < NVME_NR_ADMIN_SLOTS; i++)
		init_completion(&ctrl->admin_slots[i].done);
	ctrl->dev = dev;
	ctrl->ops = ops;
	ctrl->shutdown_timeout = shutdown_timeout;

	ret = ida_alloc(&nvme_instance_ida, GFP_KERNEL);
	if (ret < 0)
		return ret;
	ctrl->instance = ret;

	device_initialize(&ctrl->ctrl_device);
	ctrl->device = &ctrl->ctrl_device;
	ctrl->device->bus = &nvme_class_bus;
	ctrl->device->parent = dev;
	ctrl->device->release = nvme_ctrl_device_release;
	ret = dev_set_name(ctrl->device, "nvme%d", ctrl->instance);
	if (ret)
		goto out_free_instance;
	return 0;

out_free_instance:
	ida_free(&nvme_instance_ida, ctrl->instance);
	return ret;
}
EXPORT_SYMBOL_GPL(nvme_init_ctrl);

void nvme_uninit_ctrl(struct nvme_ctrl *ctrl)
{
	/* nothing is registered beyond the name; kept for the kernel's shape */
}
EXPORT_SYMBOL_GPL(nvme_uninit_ctrl);

/* Drop the last reference: the device's release hands ctrl back to ops. */
void nvme_put_ctrl(struct nvme_ctrl *ctrl)
{
	put_device(ctrl->device);
}
EXPORT_SYMBOL_GPL(nvme_put_ctrl);

static int __init nvme_core_init(void)
{
	nvme_wq = alloc_workqueue("nvme-wq", WQ_UNBOUND | WQ_MEM_RECLAIM, 0);
	if (!nvme_wq)
		return -ENOMEM;
	nvme_reset_wq = alloc_workqueue("nvme-reset-wq",
					WQ_UNBOUND | WQ_MEM_RECLAIM, 0);
	if (!nvme_reset_wq)
		goto out_destroy_wq;
	return 0;

out_destroy_wq:
	destroy_workqueue(nvme_wq);
	return -ENOMEM;
}

static void __exit nvme_core_exit(void)
{
	destroy_workqueue(nvme_reset_wq);
	destroy_workqueue(nvme_wq);
	ida_destroy(&nvme_instance_ida);
}

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("NVM Express host driver core");
module_init(nvme_core_init);
module_exit(nvme_core_exit);
