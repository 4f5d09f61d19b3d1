// SPDX-License-Identifier: GPL-2.0
/*
 * ksim_mbox.c - driver for the "ksim mailbox" (ksim_mbox_hw.h), an invented
 * PCI device, WITH PLANTED BUGS: the target of tests/fuzz/planted.c, which
 * plays the device (tests/fuzz/planted/device.c) as the fuzz input says.
 *
 * The driver is written the way small PCI drivers are: it maps BAR0, keeps
 * a command ring and a completion ring in one coherent DMA buffer, takes one
 * MSI-X vector, and offers the mailbox to user space as /dev/kmbox:
 *
 *	write(fd, msg, n)	posts a message to the firmware (n <= 240) and
 *				returns at once; the interrupt handler frees it
 *				when the device completes it
 *	read(fd, buf, n)	asks the firmware a query and returns its reply
 *
 * Each "PLANTED BUG (n)" below is a mistake real drivers make when they
 * trust their device; each is reachable only by device behaviour and ends
 * an execution as a finding (slab red zone / KASAN, kmemleak, hung task,
 * DMA-API).  Built with MBOX_FIXED defined (ksim_mbox_fixed.c), the same
 * source is the corrected driver: replaying the crash inputs against it
 * shows each finding is the planted bug and nothing else.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitops.h>
#include <linux/completion.h>
#include <linux/dma-mapping.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>

#include "ksim_mbox_hw.h"

#define MBOX_QUERY_TIMEOUT	(2 * HZ)

struct mbox_cmd {
	u8 opcode;
	u8 tag;
	__le16 len;
	__le32 rsvd;
	__le64 addr;
};

struct mbox_cpl {
	u8 tag;
	u8 status;
	u8 len;
	u8 rsvd;
	__le32 result;
};

static_assert(sizeof(struct mbox_cmd) == MBOX_CMD_SIZE);
static_assert(sizeof(struct mbox_cpl) == MBOX_CPL_SIZE);

/* A posted message: freed by the interrupt handler once the device is done with it. */
struct mbox_msg {
	u16 len;
	u8 data[];
};

/* What each tag (command slot) carries while it is outstanding. */
struct mbox_tag {
	void *buf;		/* the posted message, or the query's bounce buffer */
	dma_addr_t dma;
	u16 dma_len;
	bool posted;		/* a message: the handler frees it */
	bool abandoned;		/* a query whose caller gave up: the handler frees it */
};

struct mbox_dev {
	struct pci_dev *pdev;
	void __iomem *bar;
	void *ring;			/* commands at 0, completions at MBOX_CPL_OFF */
	dma_addr_t ring_dma;
	spinlock_t lock;		/* ring indexes, tags */
	unsigned long busy;		/* outstanding tags */
	struct mbox_tag tags[MBOX_DEPTH];
	u16 cmd_tail, cpl_head;

	/* One query at a time; the handler fills these and completes query_done. */
	struct mutex query_lock;
	struct completion query_done;
	u8 query_status, query_len;

	struct miscdevice misc;
	unsigned int nr_chan;
	u8 *chan_prio;			/* MBOX_MAX_CHANNELS entries */
};

/* Per open file: the last reply, for read() to copy out. */
struct mbox_file {
	struct mbox_dev *mbox;
	u8 *reply;			/* MBOX_REPLY_MAX bytes */
	unsigned int reply_len;
};

static struct mbox_cpl *mbox_cpl_entry(struct mbox_dev *mbox, unsigned int idx)
{
	return mbox->ring + MBOX_CPL_OFF + idx * MBOX_CPL_SIZE;
}

/*
 * Queue a command for a free tag and ring the doorbell.  Returns the tag,
 * or -EBUSY when every tag is outstanding.
 */
static int mbox_submit(struct mbox_dev *mbox, u8 opcode, void *buf, dma_addr_t dma, u16 len)
{
	struct mbox_cmd *cmd;
	unsigned long flags;
	int tag;

	spin_lock_irqsave(&mbox->lock, flags);
	tag = find_first_zero_bit(&mbox->busy, MBOX_DEPTH);
	if (tag >= MBOX_DEPTH) {
		spin_unlock_irqrestore(&mbox->lock, flags);
		return -EBUSY;
	}
	__set_bit(tag, &mbox->busy);
	mbox->tags[tag].buf = buf;
	mbox->tags[tag].dma = dma;
	mbox->tags[tag].dma_len = len;
	mbox->tags[tag].posted = opcode == MBOX_OP_POST;
	mbox->tags[tag].abandoned = false;

	cmd = mbox->ring + mbox->cmd_tail * MBOX_CMD_SIZE;
	cmd->opcode = opcode;
	cmd->tag = tag;
	cmd->len = cpu_to_le16(len);
	cmd->rsvd = 0;
	cmd->addr = cpu_to_le64(dma);
	mbox->cmd_tail = (mbox->cmd_tail + 1) % MBOX_DEPTH;
	/* The ring is coherent memory: the entry is visible before the doorbell. */
	wmb();
	iowrite32(mbox->cmd_tail, mbox->bar + MBOX_REG_CMD_TAIL);
	spin_unlock_irqrestore(&mbox->lock, flags);
	return tag;
}

/* One completion; called with mbox->lock held, in the interrupt handler. */
static void mbox_complete(struct mbox_dev *mbox, const struct mbox_cpl *cpl)
{
	unsigned int tag = cpl->tag % MBOX_DEPTH;
	struct mbox_tag *t = &mbox->tags[tag];

#ifdef MBOX_FIXED
	if (!__test_and_clear_bit(tag, &mbox->busy)) {
		dev_warn_ratelimited(&mbox->pdev->dev, "completion for idle tag %u ignored\n", tag);
		return;
	}
#else
	/*
	 * PLANTED BUG (3): the tag is trusted to be outstanding.  A device
	 * that completes the same tag twice makes the handler unmap and free
	 * the same message a second time (double free; DMA-API unmap of an
	 * unmapped address).  The fix: __test_and_clear_bit() and ignore.
	 */
	__clear_bit(tag, &mbox->busy);
#endif
	if (!t->posted) {
		if (t->abandoned) {
			/* Late reply to a query that timed out: nobody wants it. */
			dma_unmap_single(&mbox->pdev->dev, t->dma, t->dma_len, DMA_FROM_DEVICE);
			kfree(t->buf);
			t->abandoned = false;
			return;
		}
		mbox->query_status = cpl->status;
		mbox->query_len = cpl->len;
		complete(&mbox->query_done);
		return;
	}
#ifdef MBOX_FIXED
	dma_unmap_single(&mbox->pdev->dev, t->dma, t->dma_len, DMA_TO_DEVICE);
#else
	/*
	 * PLANTED BUG (6): "an aborted command transferred nothing, so there
	 * is nothing to unmap" - but the mapping exists all the same.  The
	 * rare status leaks a streaming DMA mapping (DMA-API debug reports it
	 * when the driver is unbound).
	 */
	if (cpl->status != MBOX_STS_ABORTED)
		dma_unmap_single(&mbox->pdev->dev, t->dma, t->dma_len, DMA_TO_DEVICE);
#endif
	if (cpl->status)
		dev_dbg(&mbox->pdev->dev, "message on tag %u failed: status %#x\n",
			tag, cpl->status);
	kfree(t->buf);
#ifdef MBOX_FIXED
	t->buf = NULL;
	t->posted = false;
#endif
}

static irqreturn_t mbox_irq(int irq, void *data)
{
	struct mbox_dev *mbox = data;
	irqreturn_t ret = IRQ_NONE;
	unsigned int tail;

	spin_lock(&mbox->lock);
	tail = ioread32(mbox->bar + MBOX_REG_CPL_TAIL) % MBOX_DEPTH;
	while (mbox->cpl_head != tail) {
		/* The device wrote the entry before it moved CPL_TAIL. */
		rmb();
		mbox_complete(mbox, mbox_cpl_entry(mbox, mbox->cpl_head));
		mbox->cpl_head = (mbox->cpl_head + 1) % MBOX_DEPTH;
		ret = IRQ_HANDLED;
	}
	if (ret == IRQ_HANDLED)
		iowrite32(mbox->cpl_head, mbox->bar + MBOX_REG_CPL_HEAD);
	spin_unlock(&mbox->lock);
	return ret;
}

/* Post a message: the device reads it by DMA; the handler frees it. */
static ssize_t mbox_write(struct file *file, const char __user *buf, size_t count,
			  loff_t *ppos)
{
	struct mbox_file *mf = file->private_data;
	struct mbox_dev *mbox = mf->mbox;
	struct device *dev = &mbox->pdev->dev;
	struct mbox_msg *msg;
	dma_addr_t dma;
	int tag;

	if (!count || count > MBOX_MSG_MAX)
		return -EINVAL;
	msg = kmalloc(struct_size(msg, data, count), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	msg->len = count;
	if (copy_from_user(msg->data, buf, count)) {
		kfree(msg);
		return -EFAULT;
	}
	dma = dma_map_single(dev, msg->data, count, DMA_TO_DEVICE);
	if (dma_mapping_error(dev, dma)) {
		kfree(msg);
		return -ENOMEM;
	}
	tag = mbox_submit(mbox, MBOX_OP_POST, msg, dma, count);
	if (tag < 0) {
		dma_unmap_single(dev, dma, count, DMA_TO_DEVICE);
		kfree(msg);
		return tag;
	}
	return count;
}

/* Ask the firmware a query; its reply lands in mf->reply. */
static int mbox_query(struct mbox_file *mf)
{
	struct mbox_dev *mbox = mf->mbox;
	struct device *dev = &mbox->pdev->dev;
	dma_addr_t dma;
	u8 *bounce;
	int tag, ret;

	bounce = kmalloc(MBOX_XFER_SIZE, GFP_KERNEL);
	if (!bounce)
		return -ENOMEM;
	dma = dma_map_single(dev, bounce, MBOX_XFER_SIZE, DMA_FROM_DEVICE);
	if (dma_mapping_error(dev, dma)) {
		ret = -ENOMEM;
		goto out_free;
	}

	mutex_lock(&mbox->query_lock);
	reinit_completion(&mbox->query_done);
	tag = mbox_submit(mbox, MBOX_OP_QUERY, bounce, dma, MBOX_XFER_SIZE);
	if (tag < 0) {
		ret = tag;
		goto out_unmap;
	}
#ifdef MBOX_FIXED
	if (!wait_for_completion_timeout(&mbox->query_done, MBOX_QUERY_TIMEOUT)) {
		/*
		 * The device may still write the reply: the buffer stays
		 * mapped, and the handler (or remove) frees it.
		 */
		spin_lock_irq(&mbox->lock);
		if (test_bit(tag, &mbox->busy)) {
			mbox->tags[tag].abandoned = true;
			spin_unlock_irq(&mbox->lock);
			mutex_unlock(&mbox->query_lock);
			dev_err(dev, "query on tag %d timed out\n", tag);
			return -ETIMEDOUT;
		}
		/* Completed as we gave up. */
		spin_unlock_irq(&mbox->lock);
	}
#else
	/*
	 * PLANTED BUG (4): no timeout.  A device that never completes the
	 * query leaves the caller in D state for ever (hung task).  The fix:
	 * wait_for_completion_timeout() and an error path for the late reply.
	 */
	wait_for_completion(&mbox->query_done);
#endif
	dma_unmap_single(dev, dma, MBOX_XFER_SIZE, DMA_FROM_DEVICE);

	if (mbox->query_status == MBOX_STS_FW_RESET) {
		/* The firmware restarted under the query: the caller retries. */
		mutex_unlock(&mbox->query_lock);
#ifdef MBOX_FIXED
		kfree(bounce);
#endif
		/*
		 * PLANTED BUG (5): this early return, taken only on a rare
		 * status, skips the kfree() of the bounce buffer (kmemleak).
		 */
		return -EAGAIN;
	}
	if (mbox->query_status != MBOX_STS_OK) {
		ret = -EIO;
		goto out_unlock;
	}
#ifdef MBOX_FIXED
	mf->reply_len = min_t(unsigned int, mbox->query_len, MBOX_REPLY_MAX);
#else
	/*
	 * PLANTED BUG (2): the reply length comes from the completion and is
	 * not checked against MBOX_REPLY_MAX (64): a device that reports more
	 * (up to 255) makes the copy write past mf->reply (slab
	 * out-of-bounds).
	 */
	mf->reply_len = mbox->query_len;
#endif
	memcpy(mf->reply, bounce, mf->reply_len);
	ret = 0;
out_unlock:
	mutex_unlock(&mbox->query_lock);
	kfree(bounce);
	return ret;

out_unmap:
	mutex_unlock(&mbox->query_lock);
	dma_unmap_single(dev, dma, MBOX_XFER_SIZE, DMA_FROM_DEVICE);
out_free:
	kfree(bounce);
	return ret;
}

static ssize_t mbox_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct mbox_file *mf = file->private_data;
	size_t n;
	int ret;

	ret = mbox_query(mf);
	if (ret)
		return ret;
	n = min_t(size_t, count, mf->reply_len);
	if (copy_to_user(buf, mf->reply, n))
		return -EFAULT;
	return n;
}

static int mbox_open(struct inode *inode, struct file *file)
{
	struct mbox_dev *mbox = container_of(file->private_data, struct mbox_dev, misc);
	struct mbox_file *mf;

	mf = kzalloc(sizeof(*mf), GFP_KERNEL);
	if (!mf)
		return -ENOMEM;
	mf->reply = kmalloc(MBOX_REPLY_MAX, GFP_KERNEL);
	if (!mf->reply) {
		kfree(mf);
		return -ENOMEM;
	}
	mf->mbox = mbox;
	file->private_data = mf;
	return nonseekable_open(inode, file);
}

static int mbox_release(struct inode *inode, struct file *file)
{
	struct mbox_file *mf = file->private_data;

	kfree(mf->reply);
	kfree(mf);
	return 0;
}

static const struct file_operations mbox_fops = {
	.owner		= THIS_MODULE,
	.open		= mbox_open,
	.release	= mbox_release,
	.read		= mbox_read,
	.write		= mbox_write,
	.llseek		= no_llseek,
};

/* The firmware's channel table, read once at probe. */
static int mbox_read_channels(struct mbox_dev *mbox)
{
	unsigned int i;

	mbox->chan_prio = kcalloc(MBOX_MAX_CHANNELS, sizeof(*mbox->chan_prio), GFP_KERNEL);
	if (!mbox->chan_prio)
		return -ENOMEM;
	mbox->nr_chan = ioread32(mbox->bar + MBOX_REG_CAP) & MBOX_CAP_NR_CHAN;
#ifdef MBOX_FIXED
	if (mbox->nr_chan > MBOX_MAX_CHANNELS) {
		dev_warn(&mbox->pdev->dev, "device reports %u channels, using %u\n",
			 mbox->nr_chan, MBOX_MAX_CHANNELS);
		mbox->nr_chan = MBOX_MAX_CHANNELS;
	}
#endif
	/*
	 * PLANTED BUG (1): the device-reported channel count (0..15) bounds
	 * the index into chan_prio[MBOX_MAX_CHANNELS] unchecked: a count above
	 * 8 writes past the end of the array (slab out-of-bounds).
	 */
	for (i = 0; i < mbox->nr_chan; i++)
		mbox->chan_prio[i] = ioread8(mbox->bar + MBOX_REG_CHAN_PRIO(i));
	return 0;
}

/* Unmap and free what the device never completed. */
static void mbox_drop_outstanding(struct mbox_dev *mbox)
{
	unsigned int tag;

	for_each_set_bit(tag, &mbox->busy, MBOX_DEPTH) {
		struct mbox_tag *t = &mbox->tags[tag];

		dma_unmap_single(&mbox->pdev->dev, t->dma, t->dma_len,
				 t->posted ? DMA_TO_DEVICE : DMA_FROM_DEVICE);
		if (t->posted || t->abandoned)
			kfree(t->buf);
		t->buf = NULL;
	}
	mbox->busy = 0;
}

static void mbox_disable(struct mbox_dev *mbox)
{
	iowrite32(0, mbox->bar + MBOX_REG_CTRL);
}

static int mbox_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct mbox_dev *mbox;
	int ret;

	mbox = kzalloc(sizeof(*mbox), GFP_KERNEL);
	if (!mbox)
		return -ENOMEM;
	mbox->pdev = pdev;
	spin_lock_init(&mbox->lock);
	mutex_init(&mbox->query_lock);
	init_completion(&mbox->query_done);
	pci_set_drvdata(pdev, mbox);

	ret = pci_enable_device_mem(pdev);
	if (ret)
		goto out_free;
	pci_set_master(pdev);
	ret = pci_request_mem_regions(pdev, KBUILD_MODNAME);
	if (ret)
		goto out_disable_pci;
	mbox->bar = pci_iomap(pdev, 0, 0);
	if (!mbox->bar) {
		ret = -ENOMEM;
		goto out_release;
	}
	if (ioread32(mbox->bar + MBOX_REG_ID) != MBOX_ID_MAGIC) {
		dev_err(&pdev->dev, "not a ksim mailbox\n");
		ret = -ENODEV;
		goto out_unmap_bar;
	}
	ret = mbox_read_channels(mbox);
	if (ret)
		goto out_unmap_bar;

	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (ret)
		goto out_free_chan;
	mbox->ring = dma_alloc_coherent(&pdev->dev, MBOX_RING_SIZE, &mbox->ring_dma, GFP_KERNEL);
	if (!mbox->ring) {
		ret = -ENOMEM;
		goto out_free_chan;
	}

	ret = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSIX);
	if (ret < 0)
		goto out_free_ring;
	ret = request_irq(pci_irq_vector(pdev, 0), mbox_irq, 0, KBUILD_MODNAME, mbox);
	if (ret)
		goto out_free_vectors;

	iowrite32(lower_32_bits(mbox->ring_dma), mbox->bar + MBOX_REG_RING_LO);
	iowrite32(upper_32_bits(mbox->ring_dma), mbox->bar + MBOX_REG_RING_HI);
	iowrite32(MBOX_CTRL_ENABLE, mbox->bar + MBOX_REG_CTRL);
	if (!(ioread32(mbox->bar + MBOX_REG_STATUS) & MBOX_STATUS_READY)) {
		dev_err(&pdev->dev, "device did not become ready\n");
		ret = -ENODEV;
		goto out_disable;
	}

	mbox->misc.minor = MISC_DYNAMIC_MINOR;
	mbox->misc.name = "kmbox";
	mbox->misc.fops = &mbox_fops;
	mbox->misc.parent = &pdev->dev;
	ret = misc_register(&mbox->misc);
	if (ret)
		goto out_disable;
	dev_info(&pdev->dev, "ksim mailbox, %u firmware channel(s)\n", mbox->nr_chan);
	return 0;

out_disable:
	mbox_disable(mbox);
	free_irq(pci_irq_vector(pdev, 0), mbox);
out_free_vectors:
	pci_free_irq_vectors(pdev);
out_free_ring:
	dma_free_coherent(&pdev->dev, MBOX_RING_SIZE, mbox->ring, mbox->ring_dma);
out_free_chan:
	kfree(mbox->chan_prio);
out_unmap_bar:
	pci_iounmap(pdev, mbox->bar);
out_release:
	pci_release_mem_regions(pdev);
out_disable_pci:
	pci_disable_device(pdev);
out_free:
	kfree(mbox);
	return ret;
}

static void mbox_remove(struct pci_dev *pdev)
{
	struct mbox_dev *mbox = pci_get_drvdata(pdev);

	misc_deregister(&mbox->misc);
	mbox_disable(mbox);
	free_irq(pci_irq_vector(pdev, 0), mbox);
	pci_free_irq_vectors(pdev);
	mbox_drop_outstanding(mbox);
	dma_free_coherent(&pdev->dev, MBOX_RING_SIZE, mbox->ring, mbox->ring_dma);
	kfree(mbox->chan_prio);
	pci_iounmap(pdev, mbox->bar);
	pci_release_mem_regions(pdev);
	pci_disable_device(pdev);
	kfree(mbox);
}

static const struct pci_device_id mbox_ids[] = {
	{ PCI_DEVICE(MBOX_VENDOR_ID, MBOX_DEVICE_ID) },
	{ }
};
MODULE_DEVICE_TABLE(pci, mbox_ids);

static struct pci_driver mbox_driver = {
	.name		= KBUILD_MODNAME,
	.id_table	= mbox_ids,
	.probe		= mbox_probe,
	.remove		= mbox_remove,
};
module_pci_driver(mbox_driver);

MODULE_DESCRIPTION("ksim mailbox driver with planted bugs, for fuzzing");
MODULE_LICENSE("GPL");
