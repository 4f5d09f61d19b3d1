/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kapi-shim/block/blk.h - what the block layer's files share.
 */
#ifndef _KSIM_BLOCK_BLK_H
#define _KSIM_BLOCK_BLK_H

#include <linux/blk-mq.h>

/* Bvecs preallocated with every request: the most segments one carries. */
#define KSIM_RQ_MAX_VECS	BLK_MAX_SEGMENTS

/* Per hardware queue tags and the requests they name (one per tag). */
struct blk_mq_tags {
	unsigned int		nr_tags;
	unsigned int		nr_reserved_tags;
	unsigned long		*bitmap;	/* set bit: tag in use */
	unsigned int		hint;		/* where the next search starts */
	wait_queue_head_t	wait;		/* submitters waiting for a tag */
	struct request		**rqs;		/* tag -> request */
	void			*rq_mem;	/* the requests and pdus (zeroed) */
	size_t			rq_size;
	struct bio_vec		*vec_mem;	/* their bvec tables (not zeroed) */
};

/* blk-mq.c */
struct request *ksim_blk_get_request(struct request_queue *q, blk_opf_t opf,
				     blk_mq_req_flags_t flags,
				     struct blk_mq_hw_ctx *hctx);
struct blk_mq_hw_ctx *ksim_blk_map_hctx(struct request_queue *q, blk_opf_t opf);
/* Issue @list (requests on queuelist) to @hctx as one batch. */
void ksim_blk_dispatch_list(struct blk_mq_hw_ctx *hctx, struct list_head *list);
void ksim_blk_exit_queue(struct request_queue *q);
int ksim_blk_queue_enter(struct request_queue *q, bool nowait);
void ksim_blk_queue_exit(struct request_queue *q);

/* bdev.c: a piece of a submission-API I/O ended. */
void ksim_bdev_piece_done(void *io, blk_status_t status);

/* genhd.c */
extern struct ksim_lock ksim_disk_lock;
extern struct list_head ksim_disk_list;
void ksim_disk_get(struct gendisk *disk);

/* The error's name for the "... error, dev ..." line (blk-core.c). */
const char *ksim_blk_status_name(blk_status_t status);

#endif
