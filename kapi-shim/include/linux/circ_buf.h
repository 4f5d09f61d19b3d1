/* SPDX-License-Identifier: GPL-2.0 */
/* linux/circ_buf.h - ring buffer index arithmetic for power-of-two sizes. */
#ifndef _LINUX_CIRC_BUF_H
#define _LINUX_CIRC_BUF_H 1

struct circ_buf {
	char *buf;
	int head;
	int tail;
};

/* Bytes (entries) in the buffer. */
#define CIRC_CNT(head, tail, size) (((head) - (tail)) & ((size) - 1))

/* Space left; one slot always stays free so full and empty differ. */
#define CIRC_SPACE(head, tail, size) CIRC_CNT((tail), ((head) + 1), (size))

/* Entries readable without wrapping past the end of the buffer. */
#define CIRC_CNT_TO_END(head, tail, size) \
	({int end = (size) - (tail); \
	  int n = ((head) + end) & ((size) - 1); \
	  n < end ? n : end; })

/* Space writable without wrapping past the end of the buffer. */
#define CIRC_SPACE_TO_END(head, tail, size) \
	({int end = (size) - 1 - (head); \
	  int n = (end + (tail)) & ((size) - 1); \
	  n <= end ? n : end + 1; })

#endif
