/* SPDX-License-Identifier: GPL-2.0 */
/*
 * drivers/nvme/host/nvme.h - what the transport-neutral core (core.c) and
 * the transports (pci.c) share: the controller and namespace objects, the
 * per-request data every transport's pdu starts with, the controller state
 * machine and the transport operations table.
 */
#ifndef _NVME_HOST_NVME_H
#define _NVME_HOST_NVME_H

#include <linux/nvme.h>
#include <asm/byteorder.h>
#include <linux/device.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/completion.h>
#include <linux/semaphore.h>
#include <linux/workqueue.h>
#include <linux/blk-mq.h>
#include <linux/blkdev.h>

extern unsigned int admin_timeout;
#define NVME_ADMIN_TIMEOUT	(admin_timeout * HZ)

extern unsigned int nvme_io_timeout;
#define NVME_IO_TIMEOUT		(nvme_io_timeout * HZ)

extern unsigned char shutdown_timeout;

extern struct workqueue_struct *nvme_wq;
extern struct workqueue_struct *nvme_reset_wq;

/*
 * Controller states (the kernel's state machine):
 *   NEW -> CONNECTING? -> LIVE; LIVE -> RESETTING -> CONNECTING -> LIVE;
 *   any -> DELETING -> DELETING_NOIO -> DEAD on removal or failure.
 */
enum nvme_ctrl_state {
	NVME_CTRL_NEW,
	NVME_CTRL_LIVE,
	NVME_CTRL_RESETTING,
	NVME_CTRL_CONNECTING,
	NVME_CTRL_DELETING,
	NVME_CTRL_DELETING_NOIO,
	NVME_CTRL_DEAD,
};

/* The host's memory page size as the controller sees it (CC.MPS). */
/*
 * Fields that Linux 6.1's <linux/nvme.h> has no names for (later kernels
 * added them); the driver keeps its own so it builds against both.
 */
#define NVME_HOST_SCT_SC(status)	((status) & 0x7ff)	/* SCT and SC */
#define NVME_HOST_SCT(status)		(((status) >> 8) & 0x7)
#define NVME_HOST_SC(status)		((status) & 0xff)
#define NVME_HOST_WZ_DEAC		(1 << 9)	/* Write Zeroes CDW12 bit 25 */
#define NVME_HOST_SGLS_ALIGNED		0x3	/* SGLS: byte or dword aligned */

#define NVME_CTRL_PAGE_SHIFT	12
#define NVME_CTRL_PAGE_SIZE	(1 << NVME_CTRL_PAGE_SHIFT)

/* Slots for synchronous and asynchronous admin commands (Abort). */
#define NVME_NR_ADMIN_SLOTS	(NVME_AQ_DEPTH - 1)

struct nvme_ctrl;
typedef void (*nvme_admin_end_fn)(struct nvme_ctrl *ctrl, void *priv,
				  u16 status, union nvme_result result);

struct nvme_admin_slot {
	struct completion done;
	nvme_admin_end_fn end;		/* asynchronous: called on completion */
	void *priv;
	u16 status;
	union nvme_result result;
	bool busy;
	bool abandoned;			/* the waiter timed out and left */
	void *buf;			/* coherent bounce buffer for the data */
	dma_addr_t buf_dma;
	size_t buf_len;
};

/* ctrl->flags bits */
enum {
	NVME_CTRL_STOPPED	= 0,	/* the I/O queues are quiesced */
};

struct nvme_ctrl {
	enum nvme_ctrl_state state;
	unsigned long flags;
	spinlock_t lock;
	struct mutex scan_lock;
	const struct nvme_ctrl_ops *ops;
	struct device *dev;		/* the transport's device (DMA, PCI) */
	struct device ctrl_device;	/* "nvme0", for messages */
	struct device *device;
	int instance;
	struct blk_mq_tag_set *tagset;
	struct list_head namespaces;
	struct mutex namespaces_lock;
	struct work_struct reset_work;
	struct completion reset_done;

	/* admin command slots, the command id is the slot index */
	spinlock_t admin_lock;
	struct nvme_admin_slot admin_slots[NVME_NR_ADMIN_SLOTS];
	struct semaphore admin_sem;	/* counts free slots */
	union nvme_result admin_result;	/* of the last synchronous command */

	u64 cap;
	u32 vs;
	u32 ctrl_config;
	u32 queue_count;
	u32 page_size;
	u32 max_hw_sectors;
	u32 max_segments;
	u16 oncs;
	u16 mtfa;
	u8 vwc;
	u32 sgls;
	u32 nn;
	u16 cntlid;
	u16 sqsize;
	unsigned int shutdown_timeout;	/* seconds */
	char serial[20];
	char model[40];
	char firmware_rev[8];
};

struct nvme_ns {
	struct list_head list;
	struct nvme_ctrl *ctrl;
	struct request_queue *queue;
	struct gendisk *disk;
	unsigned int head_nsid;
	int lba_shift;
	u64 capacity;			/* 512-byte sectors */
	bool removed;
	unsigned long flags;		/* NVME_NS_* */
};

/* nvme_ns.flags bits */
enum {
	NVME_NS_STOPPED	= 0,	/* this namespace's queue is quiesced by the driver */
};

/*
 * The common part of every transport's per-request data (first member of
 * the pdu), so the core finds it with blk_mq_rq_to_pdu().
 */
struct nvme_request {
	struct nvme_command *cmd;
	union nvme_result result;
	u8 genctr;
	u8 retries;
	u8 flags;
	u16 status;
	struct nvme_ctrl *ctrl;
	struct nvme_dsm_range dsm_range;	/* discard payload */
};

enum {
	NVME_REQ_CANCELLED	= (1 << 0),
	NVME_REQ_USERCMD	= (1 << 1),
};

static inline struct nvme_request *nvme_req(struct request *req)
{
	return blk_mq_rq_to_pdu(req);
}

struct nvme_ctrl_ops {
	const char *name;
	struct module *module;
	unsigned int flags;
	int (*reg_read32)(struct nvme_ctrl *ctrl, u32 off, u32 *val);
	int (*reg_write32)(struct nvme_ctrl *ctrl, u32 off, u32 val);
	int (*reg_read64)(struct nvme_ctrl *ctrl, u32 off, u64 *val);
	/* post an admin command (command_id already set) to the admin SQ */
	int (*submit_admin_cmd)(struct nvme_ctrl *ctrl, struct nvme_command *cmd);
	void (*free_ctrl)(struct nvme_ctrl *ctrl);
	/* optional */
	void (*submit_async_event)(struct nvme_ctrl *ctrl);
	void (*delete_ctrl)(struct nvme_ctrl *ctrl);
	int (*get_address)(struct nvme_ctrl *ctrl, char *buf, int size);
	void (*print_device_info)(struct nvme_ctrl *ctrl);
};

static inline struct nvme_ns *nvme_rq_ns(struct request *req)
{
	return req->q->queuedata;
}

static inline u64 nvme_sect_to_lba(struct nvme_ns *ns, sector_t sector)
{
	return sector >> (ns->lba_shift - SECTOR_SHIFT);
}

static inline sector_t nvme_lba_to_sect(struct nvme_ns *ns, u64 lba)
{
	return lba << (ns->lba_shift - SECTOR_SHIFT);
}

static inline bool nvme_ctrl_ready(struct nvme_ctrl *ctrl)
{
	u32 val = 0;

	if (ctrl->ops->reg_read32(ctrl, NVME_REG_CSTS, &val))
		return false;
	return val & NVME_CSTS_RDY;
}

/* The command id: the tag in the low 12 bits, a generation above. */
#define NVME_CID_GEN_SHIFT	12
#define NVME_CID_TAG_MASK	((1 << NVME_CID_GEN_SHIFT) - 1)

static inline u16 nvme_cid(struct request *rq)
{
	return ((u16)(nvme_req(rq)->genctr & 0xf) << NVME_CID_GEN_SHIFT) | rq->tag;
}

static inline u16 nvme_tag_from_cid(u16 command_id)
{
	return command_id & NVME_CID_TAG_MASK;
}

static inline u8 nvme_genctr_from_cid(u16 command_id)
{
	return command_id >> NVME_CID_GEN_SHIFT;
}

/* core.c */
int nvme_init_ctrl(struct nvme_ctrl *ctrl, struct device *dev,
		   const struct nvme_ctrl_ops *ops);
void nvme_uninit_ctrl(struct nvme_ctrl *ctrl);
void nvme_put_ctrl(struct nvme_ctrl *ctrl);
bool nvme_change_ctrl_state(struct nvme_ctrl *ctrl, enum nvme_ctrl_state new_state);
int nvme_disable_ctrl(struct nvme_ctrl *ctrl, bool shutdown);
int nvme_enable_ctrl(struct nvme_ctrl *ctrl);
int nvme_init_ctrl_finish(struct nvme_ctrl *ctrl);
int nvme_set_queue_count(struct nvme_ctrl *ctrl, int *count);
int nvme_submit_sync_cmd(struct nvme_ctrl *ctrl, struct nvme_command *cmd,
			 void *buffer, unsigned int bufflen);
int nvme_submit_admin_async(struct nvme_ctrl *ctrl, struct nvme_command *cmd,
			    nvme_admin_end_fn end, void *priv);
void nvme_complete_admin_cqe(struct nvme_ctrl *ctrl, struct nvme_completion *cqe);
void nvme_cancel_admin_cmds(struct nvme_ctrl *ctrl);
int nvme_set_features(struct nvme_ctrl *ctrl, unsigned int fid, unsigned int dword11,
		      void *buffer, size_t buflen, u32 *result);
void nvme_scan_namespaces(struct nvme_ctrl *ctrl);
void nvme_remove_namespaces(struct nvme_ctrl *ctrl);
void nvme_mark_namespaces_dead(struct nvme_ctrl *ctrl);
void nvme_quiesce_io_queues(struct nvme_ctrl *ctrl);
void nvme_unquiesce_io_queues(struct nvme_ctrl *ctrl);
int nvme_reset_ctrl(struct nvme_ctrl *ctrl);
blk_status_t nvme_setup_cmd(struct nvme_ns *ns, struct request *req);
void nvme_complete_rq(struct request *req);
bool nvme_cancel_request(struct request *req, void *data);
void nvme_cancel_tagset(struct nvme_ctrl *ctrl);
blk_status_t nvme_fail_nonready_command(struct nvme_ctrl *ctrl, struct request *req);
void nvme_cleanup_cmd(struct request *req);
blk_status_t nvme_error_status(u16 status);
const char *nvme_ctrl_state_name(struct nvme_ctrl *ctrl);

/* The completion path: record the status and let blk-mq call ->complete. */
static inline void nvme_end_request_cqe(struct request *req, __le16 status,
					union nvme_result result)
{
	struct nvme_request *rq = nvme_req(req);

	rq->status = le16_to_cpu(status) >> 1;
	rq->result = result;
	blk_mq_complete_request(req);
}

#endif /* _NVME_HOST_NVME_H */
