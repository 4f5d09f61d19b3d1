/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim_mbox_hw.h - the "ksim mailbox", an invented PCI device: what the
 * driver (ksim_mbox.c, kernel world) and the hostile device model
 * (device.c, host world) agree on.  Constants only, so both worlds include
 * it.
 *
 * The device is a mailbox to a firmware: the driver posts messages and
 * asks queries through a command ring, the device answers through a
 * completion ring and one MSI-X vector.  Both rings live in one coherent
 * DMA buffer the driver allocates; message and reply buffers are
 * streaming DMA mappings named by each command.
 *
 * BAR0 (16 KiB):
 *	0x000 ID	RO  MBOX_ID_MAGIC
 *	0x004 CAP	RO  bits 3:0 number of firmware channels (at most 8 exist)
 *	0x008 CTRL	RW  bit 0 enable
 *	0x00c STATUS	RO  bit 0 ready
 *	0x010 RING_LO	RW  bus address of the ring buffer, low 32 bits
 *	0x014 RING_HI	RW  ... high 32 bits
 *	0x018 CMD_TAIL	WO  doorbell: index after the last command written
 *	0x01c CPL_TAIL	RO  index after the last completion the device wrote
 *	0x020 CPL_HEAD	WO  index after the last completion the driver consumed
 *	0x100+i CHAN_PRIO(i) RO  byte: priority of firmware channel i
 *	0x2000 MSI-X table, 0x3000 PBA (one vector)
 *
 * Ring buffer: MBOX_DEPTH commands of 16 bytes at 0, MBOX_DEPTH
 * completions of 8 bytes at MBOX_CPL_OFF; indexes run modulo MBOX_DEPTH.
 *	command:    u8 opcode, u8 tag, le16 len, u32 reserved, le64 addr
 *	completion: u8 tag, u8 status, u8 len, u8 reserved, le32 result
 */
#ifndef KSIM_MBOX_HW_H
#define KSIM_MBOX_HW_H

#define MBOX_VENDOR_ID		0x4b53	/* invented: "KS" */
#define MBOX_DEVICE_ID		0x4d42	/* "MB" */
#define MBOX_CLASS		0x088000	/* base system peripheral, other */

#define MBOX_BAR_SIZE		0x4000
#define MBOX_MSIX_TABLE		0x2000
#define MBOX_MSIX_PBA		0x3000

#define MBOX_REG_ID		0x000
#define MBOX_REG_CAP		0x004
#define MBOX_REG_CTRL		0x008
#define MBOX_REG_STATUS		0x00c
#define MBOX_REG_RING_LO	0x010
#define MBOX_REG_RING_HI	0x014
#define MBOX_REG_CMD_TAIL	0x018
#define MBOX_REG_CPL_TAIL	0x01c
#define MBOX_REG_CPL_HEAD	0x020
#define MBOX_REG_CHAN_PRIO(i)	(0x100 + (i))

#define MBOX_ID_MAGIC		0x4b4d4258	/* "KMBX" */
#define MBOX_CAP_NR_CHAN	0xf		/* CAP bits 3:0 */
#define MBOX_MAX_CHANNELS	8
#define MBOX_CTRL_ENABLE	0x1
#define MBOX_STATUS_READY	0x1

#define MBOX_DEPTH		8
#define MBOX_CMD_SIZE		16
#define MBOX_CPL_SIZE		8
#define MBOX_CPL_OFF		0x100
#define MBOX_RING_SIZE		0x1000

/* Largest message the firmware takes, largest reply it sends. */
#define MBOX_MSG_MAX		240
#define MBOX_REPLY_MAX		64
/* A query's buffer: the DMA engine writes whole 256-byte blocks. */
#define MBOX_XFER_SIZE		256

/* Opcodes. */
#define MBOX_OP_POST		0x01	/* device reads len bytes at addr */
#define MBOX_OP_QUERY		0x02	/* device writes up to len bytes at addr, len in the completion */

/* Completion status. */
#define MBOX_STS_OK		0x00
#define MBOX_STS_INVALID	0x01	/* malformed command */
#define MBOX_STS_BUSY		0x02	/* firmware busy, try again */
#define MBOX_STS_ABORTED	0x03	/* command aborted, nothing transferred */
#define MBOX_STS_FW_RESET	0xa5	/* firmware restarted under the command (rare) */

#endif
