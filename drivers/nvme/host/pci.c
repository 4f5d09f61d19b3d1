// SPDX-License-Identifier: GPL-2.0
/*
 * NVM Express host driver, PCI transport: BAR0 registers and doorbells,
 * submission/completion queue pairs in coherent DMA memory, MSI-X
 * interrupts and polled queues, PRP lists and SGLs built from the request's
 * DMA-mapped segments, timeouts (Abort, then controller reset), probe and
 * remove.  The transport-neutral parts live in core.c.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/pci.h>
#include <linux/interrupt.h>
#include <linux/dma-mapping.h>
#include <linux/dmapool.h>
#include <linux/io.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/scatterlist.h>
#include <linux/blk-mq.h>
#include <linux/blk-mq-pci.h>
#include <linux/blkdev.h>

#include "nvme.h"

#define SQ_SIZE(q)	((q)->q_depth << NVME_NVM_IOSQES)
#define CQ_SIZE(q)	((q)->q_depth * sizeof(struct nvme_completion))

/* Largest transfer and segment count we set up per request. */
#define NVME_MAX_KB_SZ		4096
#define NVME_MAX_SEGS		127
#define NVME_MAX_NR_ALLOCATIONS	5
#define NVME_SMALL_POOL_SIZE	256

static unsigned int io_queue_depth = 1024;
module_param(io_queue_depth, uint, 0644);
MODULE_PARM_DESC(io_queue_depth, "set io queue depth, should >= 2 and < 4096");

static unsigned int sgl_threshold = 32768;
module_param(sgl_threshold, uint, 0644);
MODULE_PARM_DESC(sgl_threshold,
		 "Use SGLs when average request segment size is larger or equal to this size. Use 0 to disable SGLs.");

static unsigned int write_queues;
module_param(write_queues, uint, 0644);
MODULE_PARM_DESC(write_queues,
		 "Number of queues to use for writes. If not set, reads and writes will share a queue set.");

static unsigned int poll_queues;
module_param(poll_queues, uint, 0644);
MODULE_PARM_DESC(poll_queues, "Number of queues to use for polled IO.");

enum {
	NVMEQ_ENABLED,
	NVMEQ_POLLED,
};

struct nvme_dev;

struct nvme_queue {
	struct nvme_dev *dev;
	spinlock_t sq_lock;
	void *sq_cmds;
	spinlock_t cq_poll_lock;	/* polled queues: one reaper at a time */
	struct nvme_completion *cqes;
	dma_addr_t sq_dma_addr;
	dma_addr_t cq_dma_addr;
	u32 __iomem *q_db;
	u32 q_depth;
	u16 cq_vector;
	u16 sq_tail;
	u16 last_sq_tail;
	u16 cq_head;
	u16 qid;
	u8 cq_phase;
	bool irq_requested;
	unsigned long flags;
};

struct nvme_dev {
	struct nvme_queue *queues;
	struct blk_mq_tag_set tagset;
	u32 __iomem *dbs;
	struct device *dev;
	struct dma_pool *prp_page_pool;
	struct dma_pool *prp_small_pool;
	unsigned int online_queues;
	unsigned int max_qid;
	unsigned int io_queues[HCTX_MAX_TYPES];
	unsigned int num_vecs;
	u32 q_depth;
	u32 db_stride;
	void __iomem *bar;
	unsigned long bar_len;		/* bytes of BAR0 mapped */
	struct mutex shutdown_lock;
	bool tagset_allocated;
	bool vectors_set;
	unsigned int nr_allocated_queues;
	unsigned int nr_write_queues;
	unsigned int nr_poll_queues;
	struct nvme_ctrl ctrl;
};

/*
 * Per-request data (the blk-mq pdu).  Preallocated with the request, so
 * queue_rq allocates nothing but PRP/SGL list pages from the DMA pools.
 */
struct nvme_iod {
	struct nvme_request req;	/* first: the core finds it here */
	struct nvme_command cmd;
	bool aborted;
	bool use_sgl;
	bool small_pool;
	s8 nr_allocations;		/* list pages taken from the pools */
	int nents;			/* entries blk_rq_map_sg filled */
	int nr_mapped;			/* entries dma_map_sg returned */
	dma_addr_t dsm_dma;		/* discard range, mapped single */
	void *list[NVME_MAX_NR_ALLOCATIONS];
	dma_addr_t list_dma[NVME_MAX_NR_ALLOCATIONS];
	struct scatterlist sg[];
};

static inline struct nvme_dev *to_nvme_dev(struct nvme_ctrl *ctrl)
{
	return container_of(ctrl, struct nvme_dev, ctrl);
}

static struct pci_dev *to_pci(struct nvme_dev *dev)
{
	return to_pci_dev(dev->dev);
}

static unsigned int nvme_pci_iod_size(struct nvme_dev *dev)
{
	return sizeof(struct nvme_iod) +
		dev->ctrl.max_segments * sizeof(struct scatterlist);
}

/* ---- registers (the core's view through nvme_ctrl_ops) ---- */

static int nvme_pci_reg_read32(struct nvme_ctrl *ctrl, u32 off, u32 *val)
{
	*val = readl(to_nvme_dev(ctrl)->bar + off);
	return 0;
}

static int nvme_pci_reg_write32(struct nvme_ctrl *ctrl, u32 off, u32 val)
{
	writel(val, to_nvme_dev(ctrl)->bar + off);
	return 0;
}

static int nvme_pci_reg_read64(struct nvme_ctrl *ctrl, u32 off, u64 *val)
{
	*val = lo_hi_readq(to_nvme_dev(ctrl)->bar + off);
	return 0;
}

/* ---- submission ---- */

static void nvme_write_sq_db(struct nvme_queue *nvmeq, bool write_sq)
{
	if (!write_sq) {
		u16 next_tail = nvmeq->sq_tail + 1;

		if (next_tail == nvmeq->q_depth)
			next_tail = 0;
		/* ring anyway when the queue is about to fill up */
		if (next_tail != nvmeq->last_sq_tail)
			return;
	}
	writel(nvmeq->sq_tail, nvmeq->q_db);
	nvmeq->last_sq_tail = nvmeq->sq_tail;
}

static void nvme_sq_copy_cmd(struct nvme_queue *nvmeq, struct nvme_command *cmd)
{
	memcpy(nvmeq->sq_cmds + (nvmeq->sq_tail << NVME_NVM_IOSQES), cmd,
	       sizeof(*cmd));
	if (++nvmeq->sq_tail == nvmeq->q_depth)
		nvmeq->sq_tail = 0;
}

static void nvme_submit_cmd(struct nvme_queue *nvmeq, struct nvme_command *cmd,
			    bool write_sq)
{
	spin_lock(&nvmeq->sq_lock);
	nvme_sq_copy_cmd(nvmeq, cmd);
	nvme_write_sq_db(nvmeq, write_sq);
	spin_unlock(&nvmeq->sq_lock);
}

static void nvme_commit_rqs(struct blk_mq_hw_ctx *hctx)
{
	struct nvme_queue *nvmeq = hctx->driver_data;

	spin_lock(&nvmeq->sq_lock);
	if (nvmeq->sq_tail != nvmeq->last_sq_tail)
		nvme_write_sq_db(nvmeq, true);
	spin_unlock(&nvmeq->sq_lock);
}

static int nvme_pci_submit_admin_cmd(struct nvme_ctrl *ctrl,
				     struct nvme_command *cmd)
{
	struct nvme_queue *nvmeq = &to_nvme_dev(ctrl)->queues[0];
	unsigned long flags;

	if (!test_bit(NVMEQ_ENABLED, &nvmeq->flags))
		return -ENODEV;
	spin_lock_irqsave(&nvmeq->sq_lock, flags);
	nvme_sq_copy_cmd(nvmeq, cmd);
	nvme_write_sq_db(nvmeq, true);
	spin_unlock_irqrestore(&nvmeq->sq_lock, flags);
	return 0;
}

/* ---- data mapping: PRPs and SGLs ---- */

static void nvme_free_lists(struct nvme_dev *dev, struct nvme_iod *iod)
{
	int i;

	for (i = 0; i < iod->nr_allocations; i++)
		dma_pool_free(iod->small_pool && i == 0 ? dev->prp_small_pool :
			      dev->prp_page_pool, iod->list[i], iod->list_dma[i]);
	iod->nr_allocations = 0;
}

static void nvme_unmap_data(struct nvme_dev *dev, struct request *req)
{
	struct nvme_iod *iod = blk_mq_rq_to_pdu(req);

	if (iod->dsm_dma) {
		dma_unmap_single(dev->dev, iod->dsm_dma,
				 sizeof(struct nvme_dsm_range), DMA_TO_DEVICE);
		iod->dsm_dma = 0;
	}
	if (iod->nents) {
		dma_unmap_sg(dev->dev, iod->sg, iod->nents, rq_dma_dir(req));
		iod->nents = 0;
	}
	nvme_free_lists(dev, iod);
}

static void *nvme_alloc_list(struct nvme_dev *dev, struct nvme_iod *iod,
			     bool small, dma_addr_t *dma)
{
	void *list;

	if (iod->nr_allocations == NVME_MAX_NR_ALLOCATIONS)
		return NULL;
	list = dma_pool_alloc(small ? dev->prp_small_pool : dev->prp_page_pool,
			      GFP_ATOMIC, dma);
	if (!list)
		return NULL;
	if (iod->nr_allocations == 0)
		iod->small_pool = small;
	iod->list[iod->nr_allocations] = list;
	iod->list_dma[iod->nr_allocations] = *dma;
	iod->nr_allocations++;
	return list;
}

static blk_status_t nvme_pci_setup_prps(struct nvme_dev *dev,
					struct request *req,
					struct nvme_rw_command *cmnd)
{
	struct nvme_iod *iod = blk_mq_rq_to_pdu(req);
	int length = blk_rq_payload_bytes(req);
	struct scatterlist *sg = iod->sg;
	int dma_len = sg_dma_len(sg);
	u64 dma_addr = sg_dma_address(sg);
	int offset = dma_addr & (NVME_CTRL_PAGE_SIZE - 1);
	const int per_page = NVME_CTRL_PAGE_SIZE / sizeof(__le64);
	__le64 *prp_list;
	dma_addr_t prp_dma;
	int nprps, i;

	cmnd->dptr.prp1 = cpu_to_le64(dma_addr);
	cmnd->dptr.prp2 = 0;
	length -= (NVME_CTRL_PAGE_SIZE - offset);
	if (length <= 0)
		return BLK_STS_OK;

	dma_len -= (NVME_CTRL_PAGE_SIZE - offset);
	if (dma_len) {
		dma_addr += (NVME_CTRL_PAGE_SIZE - offset);
	} else {
		sg = sg_next(sg);
		dma_addr = sg_dma_address(sg);
		dma_len = sg_dma_len(sg);
	}

	if (length <= NVME_CTRL_PAGE_SIZE) {
		cmnd->dptr.prp2 = cpu_to_le64(dma_addr);
		return BLK_STS_OK;
	}

	nprps = DIV_ROUND_UP(length, NVME_CTRL_PAGE_SIZE);
	prp_list = nvme_alloc_list(dev, iod,
				   nprps <= NVME_SMALL_POOL_SIZE / 8, &prp_dma);
	if (!prp_list)
		return BLK_STS_RESOURCE;
	cmnd->dptr.prp2 = cpu_to_le64(prp_dma);

	i = 0;
	for (;;) {
		if (i == per_page) {
			/* chain: the last entry points at the next list page */
			__le64 *old = prp_list;

			prp_list = nvme_alloc_list(dev, iod, false, &prp_dma);
			if (!prp_list)
				goto free_lists;
			prp_list[0] = old[i - 1];
			old[i - 1] = cpu_to_le64(prp_dma);
			i = 1;
		}
		prp_list[i++] = cpu_to_le64(dma_addr);
		dma_len -= NVME_CTRL_PAGE_SIZE;
		dma_addr += NVME_CTRL_PAGE_SIZE;
		length -= NVME_CTRL_PAGE_SIZE;
		if (length <= 0)
			break;
		if (dma_len > 0)
			continue;
		if (unlikely(dma_len < 0))
			goto bad_sgl;
		sg = sg_next(sg);
		dma_addr = sg_dma_address(sg);
		dma_len = sg_dma_len(sg);
	}
	return BLK_STS_OK;

bad_sgl:
	WARN(1, "Invalid SGL for payload:%d nents:%d\n",
	     blk_rq_payload_bytes(req), iod->nr_mapped);
	nvme_free_lists(dev, iod);
	return BLK_STS_IOERR;
free_lists:
	nvme_free_lists(dev, iod);
	return BLK_STS_RESOURCE;
}

static void nvme_pci_sgl_set_data(struct nvme_sgl_desc *sge,
				  struct scatterlist *sg)
{
	sge->addr = cpu_to_le64(sg_dma_address(sg));
	sge->length = cpu_to_le32(sg_dma_len(sg));
	sge->type = NVME_SGL_FMT_DATA_DESC << 4;
}

static blk_status_t nvme_pci_setup_sgls(struct nvme_dev *dev,
					struct request *req,
					struct nvme_rw_command *cmd)
{
	struct nvme_iod *iod = blk_mq_rq_to_pdu(req);
	struct nvme_sgl_desc *sg_list;
	struct scatterlist *sg = iod->sg;
	int entries = iod->nr_mapped, i;
	dma_addr_t sgl_dma;

	cmd->flags = NVME_CMD_SGL_METABUF;
	if (entries == 1) {
		nvme_pci_sgl_set_data(&cmd->dptr.sgl, sg);
		return BLK_STS_OK;
	}
	if (WARN_ON_ONCE(entries > NVME_CTRL_PAGE_SIZE / sizeof(*sg_list)))
		return BLK_STS_IOERR;

	sg_list = nvme_alloc_list(dev, iod,
				  entries <= NVME_SMALL_POOL_SIZE / sizeof(*sg_list),
				  &sgl_dma);
	if (!sg_list)
		return BLK_STS_RESOURCE;

	cmd->dptr.sgl.addr = cpu_to_le64(sgl_dma);
	cmd->dptr.sgl.length = cpu_to_le32(entries * sizeof(*sg_list));
	cmd->dptr.sgl.type = NVME_SGL_FMT_LAST_SEG_DESC << 4;
	for (i = 0; i < entries; i++, sg = sg_next(sg))
		nvme_pci_sgl_set_data(&sg_list[i], sg);
	return BLK_STS_OK;
}

static bool nvme_pci_use_sgls(struct nvme_dev *dev, struct request *req,
			      int nseg)
{
	struct nvme_queue *nvmeq = req->mq_hctx->driver_data;
	unsigned int avg_seg_size;

	if (!(dev->ctrl.sgls & NVME_HOST_SGLS_ALIGNED))
		return false;
	if (!nvmeq->qid || !sgl_threshold)
		return false;
	avg_seg_size = DIV_ROUND_UP(blk_rq_payload_bytes(req), nseg);
	return avg_seg_size >= sgl_threshold;
}

static blk_status_t nvme_map_discard(struct nvme_dev *dev, struct request *req,
				     struct nvme_command *cmd)
{
	struct nvme_iod *iod = blk_mq_rq_to_pdu(req);
	dma_addr_t addr;

	addr = dma_map_single(dev->dev, &iod->req.dsm_range,
			      sizeof(iod->req.dsm_range), DMA_TO_DEVICE);
	if (dma_mapping_error(dev->dev, addr))
		return BLK_STS_RESOURCE;
	iod->dsm_dma = addr;
	cmd->dsm.dptr.prp1 = cpu_to_le64(addr);
	cmd->dsm.dptr.prp2 = 0;
	return BLK_STS_OK;
}

static blk_status_t nvme_map_data(struct nvme_dev *dev, struct request *req,
				  struct nvme_command *cmnd)
{
	struct nvme_iod *iod = blk_mq_rq_to_pdu(req);
	blk_status_t ret;
	int nents;

	if (req_op(req) == REQ_OP_DISCARD)
		return nvme_map_discard(dev, req, cmnd);

	if (WARN_ON_ONCE(blk_rq_nr_phys_segments(req) > dev->ctrl.max_segments))
		return BLK_STS_IOERR;
	sg_init_table(iod->sg, blk_rq_nr_phys_segments(req));
	nents = blk_rq_map_sg(req->q, req, iod->sg);
	if (!nents)
		return BLK_STS_IOERR;

	iod->nr_mapped = dma_map_sg_attrs(dev->dev, iod->sg, nents,
					  rq_dma_dir(req), DMA_ATTR_NO_WARN);
	if (!iod->nr_mapped)
		return BLK_STS_RESOURCE;
	iod->nents = nents;

	iod->use_sgl = nvme_pci_use_sgls(dev, req, iod->nr_mapped);
	if (iod->use_sgl)
		ret = nvme_pci_setup_sgls(dev, req, &cmnd->rw);
	else
		ret = nvme_pci_setup_prps(dev, req, &cmnd->rw);
	if (ret != BLK_STS_OK)
		goto out_unmap_sg;
	return BLK_STS_OK;

out_unmap_sg:
	dma_unmap_sg(dev->dev, iod->sg, iod->nents, rq_dma_dir(req));
	iod->nents = 0;
	return ret;
}

static blk_status_t nvme_queue_rq(struct blk_mq_hw_ctx *hctx,
				  const struct blk_mq_queue_data *bd)
{
	struct nvme_queue *nvmeq = hctx->driver_data;
	struct nvme_dev *dev = nvmeq->dev;
	struct request *req = bd->rq;
	struct nvme_iod *iod = blk_mq_rq_to_pdu(req);
	blk_status_t ret;

	iod->aborted = false;
	iod->nr_allocations = 0;
	iod->nents = 0;
	iod->dsm_dma = 0;

	if (unlikely(!test_bit(NVMEQ_ENABLED, &nvmeq->flags)))
		return nvme_fail_nonready_command(&dev->ctrl, req);
	if (unlikely(READ_ONCE(dev->ctrl.state) != NVME_CTRL_LIVE))
		return nvme_fail_nonready_command(&dev->ctrl, req);

	ret = nvme_setup_cmd(nvme_rq_ns(req), req);
	if (ret)
		return ret;

	if (blk_rq_nr_phys_segments(req) || req_op(req) == REQ_OP_DISCARD) {
		ret = nvme_map_data(dev, req, &iod->cmd);
		if (ret)
			return ret;
	}

	blk_mq_start_request(req);
	nvme_submit_cmd(nvmeq, &iod->cmd, bd->last);
	return BLK_STS_OK;
}

static void nvme_pci_complete_rq(struct request *req)
{
	struct nvme_iod *iod = blk_mq_rq_to_pdu(req);

	nvme_unmap_data(iod->req.ctrl ? to_nvme_dev(iod->req.ctrl) : NULL, req);
	nvme_complete_rq(req);
}

/* ---- completion ---- */

/*
 * nvme_poll() asks this without cq_poll_lock, while another CPU polling the
 * same queue may be moving the head under it: the once-accesses mark that
 * race as intended.  A stale answer only costs a lock round or a later poll.
 */
static inline bool nvme_cqe_pending(struct nvme_queue *nvmeq)
{
	struct nvme_completion *hcqe = &nvmeq->cqes[READ_ONCE(nvmeq->cq_head)];

	return (le16_to_cpu(READ_ONCE(hcqe->status)) & 1) ==
	       READ_ONCE(nvmeq->cq_phase);
}

static inline void nvme_ring_cq_doorbell(struct nvme_queue *nvmeq)
{
	writel(nvmeq->cq_head, nvmeq->q_db + nvmeq->dev->db_stride);
}

static void nvme_handle_cqe(struct nvme_queue *nvmeq, u16 idx)
{
	struct nvme_completion *cqe = &nvmeq->cqes[idx];
	u16 command_id = READ_ONCE(cqe->command_id);
	struct nvme_dev *dev = nvmeq->dev;
	struct request *req;

	if (unlikely(nvmeq->qid == 0)) {
		nvme_complete_admin_cqe(&dev->ctrl, cqe);
		return;
	}

	/*
	 * An I/O queue exists before its tag set on the first probe, and one
	 * the tag set does not cover after a reset with fewer queues: a
	 * completion posted there (a device gone wrong) names no request.
	 */
	if (unlikely(!dev->tagset_allocated || !dev->tagset.tags ||
		     nvmeq->qid > dev->tagset.nr_hw_queues)) {
		dev_warn(dev->ctrl.device,
			 "id %d completed on queue %d before any I/O was sent\n",
			 command_id, nvmeq->qid);
		return;
	}
	req = blk_mq_tag_to_rq(dev->tagset.tags[nvmeq->qid - 1],
			       nvme_tag_from_cid(command_id));
	if (unlikely(!req)) {
		dev_warn(dev->ctrl.device,
			 "invalid id %d completed on queue %d\n",
			 command_id, le16_to_cpu(cqe->sq_id));
		return;
	}
	/* a stale or duplicated completion must not end a reused tag */
	if (unlikely(nvme_genctr_from_cid(command_id) !=
		     (nvme_req(req)->genctr & 0xf) ||
		     blk_mq_rq_state(req) != MQ_RQ_IN_FLIGHT)) {
		dev_warn(dev->ctrl.device,
			 "request 0x%x genctr mismatch or not in flight (got %#x) on queue %d\n",
			 nvme_tag_from_cid(command_id), command_id, nvmeq->qid);
		return;
	}
	nvme_end_request_cqe(req, cqe->status, cqe->result);
}

static inline void nvme_update_cq_head(struct nvme_queue *nvmeq)
{
	u32 tmp = nvmeq->cq_head + 1;

	if (tmp == nvmeq->q_depth) {
		WRITE_ONCE(nvmeq->cq_head, 0);
		WRITE_ONCE(nvmeq->cq_phase, nvmeq->cq_phase ^ 1);
	} else {
		WRITE_ONCE(nvmeq->cq_head, tmp);
	}
}

static int nvme_poll_cq(struct nvme_queue *nvmeq)
{
	int found = 0;

	while (nvme_cqe_pending(nvmeq)) {
		found++;
		/* read the entry only after its phase tag */
		dma_rmb();
		nvme_handle_cqe(nvmeq, nvmeq->cq_head);
		nvme_update_cq_head(nvmeq);
	}
	/* a suspended queue is being reaped for teardown: no doorbells */
	if (found && test_bit(NVMEQ_ENABLED, &nvmeq->flags))
		nvme_ring_cq_doorbell(nvmeq);
	return found;
}

static irqreturn_t nvme_irq(int irq, void *data)
{
	struct nvme_queue *nvmeq = data;

	if (nvme_poll_cq(nvmeq))
		return IRQ_HANDLED;
	return IRQ_NONE;
}

/* Reap a queue from process context (timeout, teardown). */
static void nvme_poll_irqdisable(struct nvme_queue *nvmeq)
{
	struct pci_dev *pdev = to_pci(nvmeq->dev);

	if (test_bit(NVMEQ_POLLED, &nvmeq->flags) || !nvmeq->irq_requested) {
		spin_lock_irq(&nvmeq->cq_poll_lock);
		nvme_poll_cq(nvmeq);
		spin_unlock_irq(&nvmeq->cq_poll_lock);
		return;
	}
	disable_irq(pci_irq_vector(pdev, nvmeq->cq_vector));
	nvme_poll_cq(nvmeq);
	enable_irq(pci_irq_vector(pdev, nvmeq->cq_vector));
}

static int nvme_poll(struct blk_mq_hw_ctx *hctx, struct io_comp_batch *iob)
{
	struct nvme_queue *nvmeq = hctx->driver_data;
	int found;

	if (!nvme_cqe_pending(nvmeq))
		return 0;
	spin_lock(&nvmeq->cq_poll_lock);
	found = nvme_poll_cq(nvmeq);
	spin_unlock(&nvmeq->cq_poll_lock);
	return found;
}

/* ---- timeouts ---- */

static bool nvme_should_reset(struct nvme_dev *dev, u32 csts)
{
	/* all ones: the device is gone; CFS: it is wedged */
	return csts == ~0U || (csts & NVME_CSTS_CFS);
}

static void nvme_warn_reset(struct nvme_dev *dev, u32 csts)
{
	if (csts == ~0U)
		dev_warn(dev->ctrl.device,
			 "controller is down; will reset: CSTS=0x%x, PCI_STATUS read failed\n",
			 csts);
	else
		dev_warn(dev->ctrl.device,
			 "controller is down; will reset: CSTS=0x%x\n", csts);
}

static void abort_endio(struct nvme_ctrl *ctrl, void *priv, u16 status,
			union nvme_result result)
{
	dev_warn(ctrl->device, "Abort status: 0x%x\n", status);
}

static void nvme_dev_disable(struct nvme_dev *dev, bool shutdown);

static enum blk_eh_timer_return nvme_timeout(struct request *req)
{
	struct nvme_iod *iod = blk_mq_rq_to_pdu(req);
	struct nvme_queue *nvmeq = req->mq_hctx->driver_data;
	struct nvme_dev *dev = nvmeq->dev;
	struct nvme_command cmd = { };
	u32 csts = readl(dev->bar + NVME_REG_CSTS);

	if (nvme_should_reset(dev, csts)) {
		nvme_warn_reset(dev, csts);
		goto disable;
	}

	/* A lost interrupt looks like a timeout: look at the CQ first. */
	nvme_poll_irqdisable(nvmeq);
	if (blk_mq_rq_state(req) != MQ_RQ_IN_FLIGHT) {
		dev_warn(dev->ctrl.device,
			 "I/O tag %d (%04x) QID %d timeout, completion polled\n",
			 req->tag, nvme_cid(req), nvmeq->qid);
		return BLK_EH_DONE;
	}

	switch (READ_ONCE(dev->ctrl.state)) {
	case NVME_CTRL_CONNECTING:
	case NVME_CTRL_RESETTING:
	case NVME_CTRL_DELETING:
	case NVME_CTRL_DELETING_NOIO:
	case NVME_CTRL_DEAD:
		/* the reset (or removal) in progress will cancel it */
		return BLK_EH_RESET_TIMER;
	default:
		break;
	}

	if (iod->aborted) {
		dev_warn(dev->ctrl.device,
			 "I/O tag %d (%04x) QID %d timeout, reset controller\n",
			 req->tag, nvme_cid(req), nvmeq->qid);
		goto disable;
	}

	iod->aborted = true;
	cmd.abort.opcode = nvme_admin_abort_cmd;
	cmd.abort.cid = nvme_cid(req);
	cmd.abort.sqid = cpu_to_le16(nvmeq->qid);
	dev_warn(dev->ctrl.device,
		 "I/O tag %d (%04x) opcode %#x QID %d timeout, aborting\n",
		 req->tag, nvme_cid(req), iod->cmd.common.opcode, nvmeq->qid);
	if (nvme_submit_admin_async(&dev->ctrl, &cmd, abort_endio, NULL))
		goto disable;
	return BLK_EH_RESET_TIMER;

disable:
	if (nvme_reset_ctrl(&dev->ctrl))
		return BLK_EH_RESET_TIMER;
	return BLK_EH_RESET_TIMER;
}

/* ---- queues ---- */

static int nvme_alloc_queue(struct nvme_dev *dev, int qid, int depth)
{
	struct nvme_queue *nvmeq = &dev->queues[qid];

	if (dev->ctrl.queue_count > qid)
		return 0;

	nvmeq->q_depth = depth;
	nvmeq->cqes = dma_alloc_coherent(dev->dev, CQ_SIZE(nvmeq),
					 &nvmeq->cq_dma_addr, GFP_KERNEL);
	if (!nvmeq->cqes)
		return -ENOMEM;
	nvmeq->sq_cmds = dma_alloc_coherent(dev->dev, SQ_SIZE(nvmeq),
					    &nvmeq->sq_dma_addr, GFP_KERNEL);
	if (!nvmeq->sq_cmds)
		goto free_cqdma;

	nvmeq->dev = dev;
	spin_lock_init(&nvmeq->sq_lock);
	spin_lock_init(&nvmeq->cq_poll_lock);
	nvmeq->cq_head = 0;
	nvmeq->cq_phase = 1;
	nvmeq->q_db = &dev->dbs[qid * 2 * dev->db_stride];
	nvmeq->qid = qid;
	dev->ctrl.queue_count++;
	return 0;

free_cqdma:
	dma_free_coherent(dev->dev, CQ_SIZE(nvmeq), nvmeq->cqes,
			  nvmeq->cq_dma_addr);
	return -ENOMEM;
}

static void nvme_free_queue(struct nvme_queue *nvmeq)
{
	dma_free_coherent(nvmeq->dev->dev, CQ_SIZE(nvmeq), nvmeq->cqes,
			  nvmeq->cq_dma_addr);
	dma_free_coherent(nvmeq->dev->dev, SQ_SIZE(nvmeq), nvmeq->sq_cmds,
			  nvmeq->sq_dma_addr);
}

static void nvme_free_queues(struct nvme_dev *dev, int lowest)
{
	int i;

	for (i = dev->ctrl.queue_count - 1; i >= lowest; i--) {
		dev->ctrl.queue_count--;
		nvme_free_queue(&dev->queues[i]);
	}
}

static void nvme_init_queue(struct nvme_queue *nvmeq, u16 qid)
{
	nvmeq->sq_tail = 0;
	nvmeq->last_sq_tail = 0;
	nvmeq->cq_head = 0;
	nvmeq->cq_phase = 1;
	memset((void *)nvmeq->cqes, 0, CQ_SIZE(nvmeq));
	nvmeq->dev->online_queues++;
}

static int queue_request_irq(struct nvme_queue *nvmeq)
{
	struct pci_dev *pdev = to_pci(nvmeq->dev);
	int ret;

	ret = pci_request_irq(pdev, nvmeq->cq_vector, nvme_irq, NULL, nvmeq,
			      "nvme%dq%d", nvmeq->dev->ctrl.instance, nvmeq->qid);
	if (!ret)
		nvmeq->irq_requested = true;
	return ret;
}

/* Stop using a queue: no new submissions, no interrupts. */
static void nvme_suspend_queue(struct nvme_queue *nvmeq)
{
	if (!test_and_clear_bit(NVMEQ_ENABLED, &nvmeq->flags))
		return;
	nvmeq->dev->online_queues--;
	if (nvmeq->irq_requested) {
		pci_free_irq(to_pci(nvmeq->dev), nvmeq->cq_vector, nvmeq);
		nvmeq->irq_requested = false;
	}
}

static void nvme_suspend_io_queues(struct nvme_dev *dev)
{
	int i;

	for (i = dev->ctrl.queue_count - 1; i > 0; i--)
		nvme_suspend_queue(&dev->queues[i]);
}

static void nvme_reap_pending_cqes(struct nvme_dev *dev)
{
	int i;

	for (i = dev->ctrl.queue_count - 1; i >= 0; i--) {
		spin_lock_irq(&dev->queues[i].cq_poll_lock);
		nvme_poll_cq(&dev->queues[i]);
		spin_unlock_irq(&dev->queues[i].cq_poll_lock);
	}
}

static int adapter_alloc_cq(struct nvme_dev *dev, u16 qid,
			    struct nvme_queue *nvmeq, s16 vector)
{
	struct nvme_command c = { };
	int flags = NVME_QUEUE_PHYS_CONTIG;

	if (!test_bit(NVMEQ_POLLED, &nvmeq->flags))
		flags |= NVME_CQ_IRQ_ENABLED;

	c.create_cq.opcode = nvme_admin_create_cq;
	c.create_cq.prp1 = cpu_to_le64(nvmeq->cq_dma_addr);
	c.create_cq.cqid = cpu_to_le16(qid);
	c.create_cq.qsize = cpu_to_le16(nvmeq->q_depth - 1);
	c.create_cq.cq_flags = cpu_to_le16(flags);
	c.create_cq.irq_vector = cpu_to_le16(vector);
	return nvme_submit_sync_cmd(&dev->ctrl, &c, NULL, 0);
}

static int adapter_alloc_sq(struct nvme_dev *dev, u16 qid,
			    struct nvme_queue *nvmeq)
{
	struct nvme_command c = { };

	c.create_sq.opcode = nvme_admin_create_sq;
	c.create_sq.prp1 = cpu_to_le64(nvmeq->sq_dma_addr);
	c.create_sq.sqid = cpu_to_le16(qid);
	c.create_sq.qsize = cpu_to_le16(nvmeq->q_depth - 1);
	c.create_sq.sq_flags = cpu_to_le16(NVME_QUEUE_PHYS_CONTIG |
					   NVME_SQ_PRIO_MEDIUM);
	c.create_sq.cqid = cpu_to_le16(qid);
	return nvme_submit_sync_cmd(&dev->ctrl, &c, NULL, 0);
}

static int adapter_delete_queue(struct nvme_dev *dev, u8 opcode, u16 id)
{
	struct nvme_command c = { };

	c.delete_queue.opcode = opcode;
	c.delete_queue.qid = cpu_to_le16(id);
	return nvme_submit_sync_cmd(&dev->ctrl, &c, NULL, 0);
}

static int nvme_create_queue(struct nvme_queue *nvmeq, int qid, bool polled)
{
	struct nvme_dev *dev = nvmeq->dev;
	u16 vector = 0;
	int result;

	clear_bit(NVMEQ_POLLED, &nvmeq->flags);
	if (polled)
		set_bit(NVMEQ_POLLED, &nvmeq->flags);
	else
		vector = dev->num_vecs == 1 ? 0 : qid;
	nvmeq->cq_vector = vector;

	result = adapter_alloc_cq(dev, qid, nvmeq, vector);
	if (result)
		return result;
	result = adapter_alloc_sq(dev, qid, nvmeq);
	if (result < 0)
		return result;
	if (result)
		goto release_cq;

	nvme_init_queue(nvmeq, qid);
	if (!polled) {
		result = queue_request_irq(nvmeq);
		if (result < 0)
			goto release_sq;
	}
	set_bit(NVMEQ_ENABLED, &nvmeq->flags);
	return 0;

release_sq:
	dev->online_queues--;
	adapter_delete_queue(dev, nvme_admin_delete_sq, qid);
release_cq:
	adapter_delete_queue(dev, nvme_admin_delete_cq, qid);
	return result;
}

static int nvme_create_io_queues(struct nvme_dev *dev)
{
	unsigned int i, max, rw_queues;
	int ret = 0;

	for (i = dev->ctrl.queue_count; i <= dev->max_qid; i++) {
		if (nvme_alloc_queue(dev, i, dev->q_depth)) {
			ret = -ENOMEM;
			break;
		}
	}

	max = min(dev->max_qid, dev->ctrl.queue_count - 1);
	rw_queues = dev->io_queues[HCTX_TYPE_DEFAULT] +
		    dev->io_queues[HCTX_TYPE_READ];
	for (i = dev->online_queues; i <= max; i++) {
		ret = nvme_create_queue(&dev->queues[i], i, i > rw_queues);
		if (ret)
			break;
	}
	/* a partial set of queues is still usable */
	return ret >= 0 ? 0 : ret;
}

static void nvme_delete_io_queues(struct nvme_dev *dev)
{
	int i;

	for (i = dev->online_queues - 1; i > 0; i--) {
		if (adapter_delete_queue(dev, nvme_admin_delete_sq, i))
			break;
		/*
		 * Deleting the SQ aborted what the controller still held: reap
		 * those completions (and let a running handler finish its CQ
		 * head doorbell write) while the CQ still exists.
		 */
		nvme_poll_irqdisable(&dev->queues[i]);
		if (adapter_delete_queue(dev, nvme_admin_delete_cq, i))
			break;
	}
}

/*
 * The waiter of the last admin command wakes before the interrupt handler
 * that completed it has written the CQ head doorbell: let it finish before
 * the controller is disabled (a doorbell write to a disabled controller).
 */
static void nvme_sync_admin_irq(struct nvme_dev *dev)
{
	struct nvme_queue *nvmeq = &dev->queues[0];

	if (nvmeq->irq_requested)
		synchronize_irq(pci_irq_vector(to_pci(dev), nvmeq->cq_vector));
}

/* ---- admin queue ---- */

static int nvme_pci_configure_admin_queue(struct nvme_dev *dev)
{
	struct nvme_queue *nvmeq;
	u32 aqa;
	int result;

	result = nvme_disable_ctrl(&dev->ctrl, false);
	if (result < 0)
		return result;
	/*
	 * Bus mastering back on (nvme_dev_disable() took it away) only now
	 * that the controller is disabled and has forgotten its old queues:
	 * before, it could still DMA for commands already cancelled.
	 */
	pci_set_master(to_pci(dev));

	result = nvme_alloc_queue(dev, 0, NVME_AQ_DEPTH);
	if (result)
		return result;

	nvmeq = &dev->queues[0];
	aqa = nvmeq->q_depth - 1;
	aqa |= aqa << 16;
	writel(aqa, dev->bar + NVME_REG_AQA);
	lo_hi_writeq(nvmeq->sq_dma_addr, dev->bar + NVME_REG_ASQ);
	lo_hi_writeq(nvmeq->cq_dma_addr, dev->bar + NVME_REG_ACQ);

	result = nvme_enable_ctrl(&dev->ctrl);
	if (result)
		return result;

	nvmeq->cq_vector = 0;
	nvme_init_queue(nvmeq, 0);
	result = queue_request_irq(nvmeq);
	if (result) {
		dev->online_queues--;
		return result;
	}
	set_bit(NVMEQ_ENABLED, &nvmeq->flags);
	return 0;
}

/* ---- interrupt vectors and I/O queue setup ---- */

static unsigned int nvme_max_io_queues(struct nvme_dev *dev)
{
	return num_possible_cpus() + dev->nr_write_queues + dev->nr_poll_queues;
}

/* Bytes of BAR0 the doorbells of the admin queue and @nr_io_queues I/O queues need. */
static unsigned long nvme_db_bar_size(struct nvme_dev *dev, unsigned int nr_io_queues)
{
	return NVME_REG_DBS + (unsigned long)(nr_io_queues + 1) * 8 * dev->db_stride;
}

static void nvme_calc_irq_sets(struct nvme_dev *dev, unsigned int nr_io_queues)
{
	unsigned int poll = min(dev->nr_poll_queues, nr_io_queues - 1);
	unsigned int irq_queues = nr_io_queues - poll;
	unsigned int nr_read = 0;

	/* write_queues: the default set takes writes, the read set reads */
	if (dev->nr_write_queues && irq_queues > 1) {
		unsigned int nr_write = min(dev->nr_write_queues, irq_queues - 1);

		nr_read = irq_queues - nr_write;
		irq_queues = nr_write;
	}
	dev->io_queues[HCTX_TYPE_DEFAULT] = irq_queues;
	dev->io_queues[HCTX_TYPE_READ] = nr_read;
	dev->io_queues[HCTX_TYPE_POLL] = poll;
}

static int nvme_setup_irqs(struct nvme_dev *dev, unsigned int nr_io_queues)
{
	struct pci_dev *pdev = to_pci(dev);
	unsigned int irq_queues;
	int result;

	nvme_calc_irq_sets(dev, nr_io_queues);
	irq_queues = dev->io_queues[HCTX_TYPE_DEFAULT] +
		     dev->io_queues[HCTX_TYPE_READ];

	/* the admin vector was the only one: give them all back first */
	nvme_suspend_queue(&dev->queues[0]);
	pci_free_irq_vectors(pdev);
	result = pci_alloc_irq_vectors(pdev, 1, irq_queues + 1,
				       PCI_IRQ_ALL_TYPES);
	if (result <= 0)
		return -EIO;
	dev->num_vecs = result;
	if (result - 1 < irq_queues) {
		/* fewer vectors than asked: fewer interrupt-driven queues */
		irq_queues = max(result - 1, 1);
		nvme_calc_irq_sets(dev, irq_queues + dev->io_queues[HCTX_TYPE_POLL]);
	}
	dev->vectors_set = true;

	dev->queues[0].cq_vector = 0;
	result = queue_request_irq(&dev->queues[0]);
	if (result)
		return result;
	dev->online_queues++;
	set_bit(NVMEQ_ENABLED, &dev->queues[0].flags);
	return 0;
}

static int nvme_setup_io_queues(struct nvme_dev *dev)
{
	int nr_io_queues = dev->nr_allocated_queues - 1;
	int result;

	result = nvme_set_queue_count(&dev->ctrl, &nr_io_queues);
	if (result < 0)
		return result;
	if (nvme_db_bar_size(dev, nr_io_queues) > dev->bar_len) {
		while (nr_io_queues && nvme_db_bar_size(dev, nr_io_queues) > dev->bar_len)
			nr_io_queues--;
		dev_warn(dev->ctrl.device,
			 "BAR0 holds the doorbells of only %d I/O queues\n", nr_io_queues);
	}
	if (nr_io_queues == 0)
		return 0;

	if (!dev->vectors_set) {
		result = nvme_setup_irqs(dev, nr_io_queues);
		if (result)
			return result;
	}
	dev->max_qid = dev->io_queues[HCTX_TYPE_DEFAULT] +
		       dev->io_queues[HCTX_TYPE_READ] +
		       dev->io_queues[HCTX_TYPE_POLL];

	result = nvme_create_io_queues(dev);
	if (result || dev->online_queues < 2)
		return result;

	if (dev->online_queues - 1 < dev->max_qid) {
		unsigned int left = dev->online_queues - 1, type;

		dev_warn(dev->ctrl.device, "only %u of %u I/O queues created\n",
			 dev->online_queues - 1, dev->max_qid);
		dev->max_qid = dev->online_queues - 1;
		/*
		 * Queues are created default, then read, then poll: the ones
		 * missing are the last, and the queue maps must not name them.
		 */
		for (type = 0; type < HCTX_MAX_TYPES; type++) {
			dev->io_queues[type] = min(dev->io_queues[type], left);
			left -= dev->io_queues[type];
		}
	}
	dev_info(dev->ctrl.device, "%d/%d/%d default/read/poll queues\n",
		 dev->io_queues[HCTX_TYPE_DEFAULT],
		 dev->io_queues[HCTX_TYPE_READ],
		 dev->io_queues[HCTX_TYPE_POLL]);
	return 0;
}

/* ---- blk-mq operations ---- */

static int nvme_init_hctx(struct blk_mq_hw_ctx *hctx, void *data,
			  unsigned int hctx_idx)
{
	struct nvme_dev *dev = data;

	hctx->driver_data = &dev->queues[hctx_idx + 1];
	return 0;
}

static int nvme_pci_init_request(struct blk_mq_tag_set *set,
				 struct request *req, unsigned int hctx_idx,
				 unsigned int numa_node)
{
	struct nvme_dev *dev = set->driver_data;
	struct nvme_iod *iod = blk_mq_rq_to_pdu(req);

	iod->req.cmd = &iod->cmd;
	iod->req.ctrl = &dev->ctrl;
	return 0;
}

static void nvme_pci_map_queues(struct blk_mq_tag_set *set)
{
	struct nvme_dev *dev = set->driver_data;
	unsigned int i, qoff, offset;

	offset = 1;	/* vector 0 is the admin queue's */
	qoff = 0;
	for (i = 0; i < set->nr_maps; i++) {
		struct blk_mq_queue_map *map = &set->map[i];

		map->nr_queues = dev->io_queues[i];
		if (!map->nr_queues) {
			BUG_ON(i == HCTX_TYPE_DEFAULT);
			/* no separate read queues: reads share the default set */
			if (i == HCTX_TYPE_READ) {
				map->nr_queues = dev->io_queues[HCTX_TYPE_DEFAULT];
				map->queue_offset = 0;
				blk_mq_pci_map_queues(map, to_pci(dev), 1);
			}
			continue;
		}
		map->queue_offset = qoff;
		if (i != HCTX_TYPE_POLL)
			blk_mq_pci_map_queues(map, to_pci(dev), offset);
		else
			blk_mq_map_queues(map);
		qoff += map->nr_queues;
		offset += map->nr_queues;
	}
}

static const struct blk_mq_ops nvme_mq_ops = {
	.queue_rq	= nvme_queue_rq,
	.commit_rqs	= nvme_commit_rqs,
	.complete	= nvme_pci_complete_rq,
	.init_hctx	= nvme_init_hctx,
	.init_request	= nvme_pci_init_request,
	.map_queues	= nvme_pci_map_queues,
	.timeout	= nvme_timeout,
	.poll		= nvme_poll,
};

static int nvme_pci_alloc_tag_set(struct nvme_dev *dev)
{
	struct blk_mq_tag_set *set = &dev->tagset;
	int ret;

	set->ops = &nvme_mq_ops;
	set->nr_hw_queues = dev->online_queues - 1;
	set->nr_maps = dev->io_queues[HCTX_TYPE_POLL] ? HCTX_MAX_TYPES : 2;
	set->timeout = NVME_IO_TIMEOUT;
	set->numa_node = dev_to_node(dev->dev);
	set->queue_depth = min_t(unsigned int, dev->q_depth, BLK_MQ_MAX_DEPTH) - 1;
	set->cmd_size = nvme_pci_iod_size(dev);
	set->flags = BLK_MQ_F_SHOULD_MERGE;
	set->driver_data = dev;

	ret = blk_mq_alloc_tag_set(set);
	if (ret) {
		dev_warn(dev->ctrl.device, "IO queues tagset allocation failed %d\n",
			 ret);
		return ret;
	}
	dev->ctrl.tagset = set;
	dev->tagset_allocated = true;
	return 0;
}

static void nvme_free_tagset(struct nvme_dev *dev)
{
	if (!dev->tagset_allocated)
		return;
	blk_mq_free_tag_set(&dev->tagset);
	dev->ctrl.tagset = NULL;
	dev->tagset_allocated = false;
}

/* ---- enable, disable, reset ---- */

static int nvme_pci_enable(struct nvme_dev *dev)
{
	struct pci_dev *pdev = to_pci(dev);
	int result;

	result = pci_enable_device_mem(pdev);
	if (result)
		return result;
	pci_set_master(pdev);

	if (dma_set_mask_and_coherent(dev->dev, DMA_BIT_MASK(64))) {
		result = -ENXIO;
		goto out_disable;
	}

	if (readl(dev->bar + NVME_REG_CSTS) == ~0U) {
		result = -ENODEV;
		goto out_disable;
	}

	/* the admin queue's vector; the rest come once we know the queues */
	result = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_ALL_TYPES);
	if (result < 0)
		goto out_disable;

	dev->ctrl.cap = lo_hi_readq(dev->bar + NVME_REG_CAP);
	dev->q_depth = min_t(u32, NVME_CAP_MQES(dev->ctrl.cap) + 1,
			     clamp_t(u32, io_queue_depth, 2, 4095));
	dev->db_stride = 1 << NVME_CAP_STRIDE(dev->ctrl.cap);
	/* CAP.DSTRD is the device's word: its doorbells must lie inside the BAR. */
	if (nvme_db_bar_size(dev, 0) > dev->bar_len) {
		dev_err(dev->ctrl.device,
			"doorbell stride %u puts the admin doorbells beyond BAR0 (%lu bytes)\n",
			dev->db_stride * 4, dev->bar_len);
		pci_free_irq_vectors(pdev);
		result = -ENODEV;
		goto out_disable;
	}
	dev->dbs = dev->bar + NVME_REG_DBS;
	dev->ctrl.sqsize = dev->q_depth - 1;
	return 0;

out_disable:
	pci_disable_device(pdev);
	return result;
}

static void nvme_pci_disable(struct nvme_dev *dev)
{
	struct pci_dev *pdev = to_pci(dev);

	pci_free_irq_vectors(pdev);
	dev->vectors_set = false;
	if (pci_is_enabled(pdev))
		pci_disable_device(pdev);
}

static void nvme_dev_disable(struct nvme_dev *dev, bool shutdown)
{
	struct pci_dev *pdev = to_pci(dev);
	bool dead = true;

	mutex_lock(&dev->shutdown_lock);
	if (pci_is_enabled(pdev)) {
		u32 csts = readl(dev->bar + NVME_REG_CSTS);

		dead = !!((csts & NVME_CSTS_CFS) || !(csts & NVME_CSTS_RDY) ||
			  !pci_device_is_present(pdev));
	}

	nvme_quiesce_io_queues(&dev->ctrl);
	if (!dead && dev->ctrl.queue_count > 0) {
		nvme_delete_io_queues(dev);
		nvme_sync_admin_irq(dev);
		nvme_disable_ctrl(&dev->ctrl, shutdown);
	}
	nvme_suspend_io_queues(dev);
	nvme_suspend_queue(&dev->queues[0]);
	/*
	 * A controller we could not disable (dead, or lying about it) may
	 * still DMA into the buffers cancelling unmaps: take its bus
	 * mastering away first, as pci_disable_device() does in Linux.
	 */
	if (pci_is_enabled(pdev))
		pci_clear_master(pdev);
	nvme_reap_pending_cqes(dev);

	nvme_cancel_tagset(&dev->ctrl);
	nvme_cancel_admin_cmds(&dev->ctrl);

	/* on the way out, let requeued requests reach queue_rq and fail */
	if (shutdown)
		nvme_unquiesce_io_queues(&dev->ctrl);
	mutex_unlock(&dev->shutdown_lock);
}

static void nvme_remove_dead_ctrl(struct nvme_dev *dev)
{
	nvme_change_ctrl_state(&dev->ctrl, NVME_CTRL_DELETING);
	nvme_change_ctrl_state(&dev->ctrl, NVME_CTRL_DEAD);
	nvme_dev_disable(dev, true);
	nvme_mark_namespaces_dead(&dev->ctrl);
}

static void nvme_reset_work(struct work_struct *work)
{
	struct nvme_dev *dev = container_of(work, struct nvme_dev, ctrl.reset_work);
	int result;

	if (READ_ONCE(dev->ctrl.state) != NVME_CTRL_RESETTING) {
		dev_warn(dev->ctrl.device, "ctrl state %s is not RESETTING\n",
			 nvme_ctrl_state_name(&dev->ctrl));
		return;
	}
	nvme_dev_disable(dev, false);

	mutex_lock(&dev->shutdown_lock);
	result = nvme_pci_configure_admin_queue(dev);
	mutex_unlock(&dev->shutdown_lock);
	if (result)
		goto out;

	if (!nvme_change_ctrl_state(&dev->ctrl, NVME_CTRL_CONNECTING)) {
		result = -EBUSY;
		goto out;
	}
	result = nvme_setup_io_queues(dev);
	if (result)
		goto out;
	if (dev->online_queues < 2) {
		result = -EIO;
		goto out;
	}
	if (!nvme_change_ctrl_state(&dev->ctrl, NVME_CTRL_LIVE)) {
		result = -ENODEV;
		goto out;
	}
	nvme_unquiesce_io_queues(&dev->ctrl);
	dev_info(dev->ctrl.device, "controller reset complete\n");
	return;

out:
	dev_warn(dev->ctrl.device, "Disabling device after reset failure: %d\n",
		 result);
	nvme_remove_dead_ctrl(dev);
}

/* ---- probe and remove ---- */

static void nvme_pci_free_ctrl(struct nvme_ctrl *ctrl)
{
	struct nvme_dev *dev = to_nvme_dev(ctrl);

	put_device(dev->dev);
	kfree(dev->queues);
	kfree(dev);
}

static int nvme_pci_get_address(struct nvme_ctrl *ctrl, char *buf, int size)
{
	return snprintf(buf, size, "%s\n", dev_name(to_nvme_dev(ctrl)->dev));
}

static const struct nvme_ctrl_ops nvme_pci_ctrl_ops = {
	.name			= "pcie",
	.module			= THIS_MODULE,
	.reg_read32		= nvme_pci_reg_read32,
	.reg_write32		= nvme_pci_reg_write32,
	.reg_read64		= nvme_pci_reg_read64,
	.submit_admin_cmd	= nvme_pci_submit_admin_cmd,
	.free_ctrl		= nvme_pci_free_ctrl,
	.get_address		= nvme_pci_get_address,
};

static int nvme_dev_map(struct nvme_dev *dev)
{
	struct pci_dev *pdev = to_pci(dev);

	if (pci_request_mem_regions(pdev, "nvme"))
		return -ENODEV;
	dev->bar = pci_iomap(pdev, 0, 0);
	if (!dev->bar)
		goto release;
	dev->bar_len = pci_resource_len(pdev, 0);
	return 0;

release:
	pci_release_mem_regions(pdev);
	return -ENODEV;
}

static void nvme_dev_unmap(struct nvme_dev *dev)
{
	struct pci_dev *pdev = to_pci(dev);

	pci_iounmap(pdev, dev->bar);
	pci_release_mem_regions(pdev);
}

static int nvme_setup_prp_pools(struct nvme_dev *dev)
{
	dev->prp_page_pool = dma_pool_create("prp list page", dev->dev,
					     NVME_CTRL_PAGE_SIZE,
					     NVME_CTRL_PAGE_SIZE, 0);
	if (!dev->prp_page_pool)
		return -ENOMEM;

	dev->prp_small_pool = dma_pool_create("prp list 256", dev->dev,
					      NVME_SMALL_POOL_SIZE,
					      NVME_SMALL_POOL_SIZE, 0);
	if (!dev->prp_small_pool) {
		dma_pool_destroy(dev->prp_page_pool);
		return -ENOMEM;
	}
	return 0;
}

static void nvme_release_prp_pools(struct nvme_dev *dev)
{
	dma_pool_destroy(dev->prp_page_pool);
	dma_pool_destroy(dev->prp_small_pool);
}

static struct nvme_dev *nvme_pci_alloc_dev(struct pci_dev *pdev)
{
	struct nvme_dev *dev;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return NULL;
	dev->nr_write_queues = write_queues;
	dev->nr_poll_queues = poll_queues;
	dev->nr_allocated_queues = nvme_max_io_queues(dev) + 1;
	dev->queues = kcalloc(dev->nr_allocated_queues, sizeof(struct nvme_queue),
			      GFP_KERNEL);
	if (!dev->queues)
		goto out_free_dev;
	mutex_init(&dev->shutdown_lock);
	dev->dev = get_device(&pdev->dev);
	return dev;

out_free_dev:
	kfree(dev);
	return NULL;
}

static int nvme_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct nvme_dev *dev;
	int result;

	dev = nvme_pci_alloc_dev(pdev);
	if (!dev)
		return -ENOMEM;

	result = nvme_init_ctrl(&dev->ctrl, &pdev->dev, &nvme_pci_ctrl_ops);
	if (result)
		goto out_free_dev;
	INIT_WORK(&dev->ctrl.reset_work, nvme_reset_work);
	/* from here on, the controller's release frees dev */

	result = nvme_dev_map(dev);
	if (result)
		goto out_put_ctrl;

	result = nvme_setup_prp_pools(dev);
	if (result)
		goto out_dev_unmap;

	dev_info(dev->ctrl.device, "pci function %s\n", dev_name(&pdev->dev));

	result = nvme_pci_enable(dev);
	if (result)
		goto out_release_prp_pools;

	result = nvme_pci_configure_admin_queue(dev);
	if (result)
		goto out_disable;

	dev->ctrl.max_hw_sectors = NVME_MAX_KB_SZ << 1;
	result = nvme_init_ctrl_finish(&dev->ctrl);
	if (result)
		goto out_disable_ctrl;
	dev->ctrl.max_segments = min_t(u32, NVME_MAX_SEGS,
			dev->ctrl.max_hw_sectors / (NVME_CTRL_PAGE_SIZE >> SECTOR_SHIFT) + 1);

	result = nvme_setup_io_queues(dev);
	if (result)
		goto out_disable_ctrl;

	if (dev->online_queues > 1) {
		result = nvme_pci_alloc_tag_set(dev);
		if (result)
			goto out_disable_ctrl;
	} else {
		dev_warn(dev->ctrl.device, "IO queues not created\n");
	}

	if (!nvme_change_ctrl_state(&dev->ctrl, NVME_CTRL_LIVE)) {
		result = -ENODEV;
		goto out_free_tagset;
	}
	pci_set_drvdata(pdev, dev);

	if (dev->ctrl.tagset)
		nvme_scan_namespaces(&dev->ctrl);
	return 0;

out_free_tagset:
	nvme_free_tagset(dev);
out_disable_ctrl:
	nvme_dev_disable(dev, true);
out_disable:
	nvme_suspend_queue(&dev->queues[0]);
	nvme_free_queues(dev, 0);
	nvme_pci_disable(dev);
out_release_prp_pools:
	nvme_release_prp_pools(dev);
out_dev_unmap:
	nvme_dev_unmap(dev);
out_put_ctrl:
	nvme_uninit_ctrl(&dev->ctrl);
	nvme_put_ctrl(&dev->ctrl);
	return result;
out_free_dev:
	put_device(dev->dev);
	kfree(dev->queues);
	kfree(dev);
	return result;
}

static void nvme_remove(struct pci_dev *pdev)
{
	struct nvme_dev *dev = pci_get_drvdata(pdev);

	nvme_change_ctrl_state(&dev->ctrl, NVME_CTRL_DELETING);
	pci_set_drvdata(pdev, NULL);

	if (!pci_device_is_present(pdev)) {
		nvme_change_ctrl_state(&dev->ctrl, NVME_CTRL_DEAD);
		nvme_dev_disable(dev, true);
	}

	flush_work(&dev->ctrl.reset_work);
	nvme_remove_namespaces(&dev->ctrl);
	nvme_dev_disable(dev, true);
	nvme_free_tagset(dev);
	nvme_free_queues(dev, 0);
	nvme_pci_disable(dev);
	nvme_release_prp_pools(dev);
	nvme_dev_unmap(dev);
	nvme_uninit_ctrl(&dev->ctrl);
	nvme_put_ctrl(&dev->ctrl);
}

static void nvme_shutdown(struct pci_dev *pdev)
{
	struct nvme_dev *dev = pci_get_drvdata(pdev);

	if (dev)
		nvme_dev_disable(dev, true);
}

static const struct pci_device_id nvme_id_table[] = {
	{ PCI_DEVICE_CLASS(PCI_CLASS_STORAGE_EXPRESS, 0xffffff) },
	{ 0, }
};
MODULE_DEVICE_TABLE(pci, nvme_id_table);

static struct pci_driver nvme_driver = {
	.name		= "nvme",
	.id_table	= nvme_id_table,
	.probe		= nvme_probe,
	.remove		= nvme_remove,
	.shutdown	= nvme_shutdown,
};

static int __init nvme_init(void)
{
	BUILD_BUG_ON(sizeof(struct nvme_create_cq) != 64);
	BUILD_BUG_ON(sizeof(struct nvme_create_sq) != 64);
	BUILD_BUG_ON(sizeof(struct nvme_delete_queue) != 64);
	return pci_register_driver(&nvme_driver);
}

static void __exit nvme_exit(void)
{
	pci_unregister_driver(&nvme_driver);
}

MODULE_AUTHOR("ksim");
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("NVM Express PCI host driver");
module_init(nvme_init);
module_exit(nvme_exit);
