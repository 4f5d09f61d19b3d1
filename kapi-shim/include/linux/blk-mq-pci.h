/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/blk-mq-pci.h - map a tag set's queues to CPUs the way the PCI
 * device's MSI-X vectors are spread.  ksim has no interrupt affinity, so
 * this spreads CPUs over the queues like blk_mq_map_queues() does.
 */
#ifndef _LINUX_BLK_MQ_PCI_H
#define _LINUX_BLK_MQ_PCI_H

struct blk_mq_queue_map;
struct pci_dev;

void blk_mq_pci_map_queues(struct blk_mq_queue_map *qmap, struct pci_dev *pdev,
			   int offset);

#endif /* _LINUX_BLK_MQ_PCI_H */
