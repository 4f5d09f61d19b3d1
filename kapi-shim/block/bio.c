// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/block/bio.c - bios built by drivers (passthrough buffers) and
 * scatterlists built from requests (blk-merge.c in the kernel).
 */
#include <linux/blk-mq.h>
#include <linux/export.h>
#include <linux/string.h>
#include <linux/mm.h>

#include "blk.h"

void bio_init(struct bio *bio, struct block_device *bdev, struct bio_vec *table,
	      unsigned short max_vecs, blk_opf_t opf)
{
	memset(bio, 0, sizeof(*bio));
	bio->bi_bdev = bdev;
	bio->bi_opf = opf;
	atomic_set(&bio->__bi_remaining, 1);
	atomic_set(&bio->__bi_cnt, 1);
	bio->bi_io_vec = table;
	bio->bi_max_vecs = max_vecs;
}
EXPORT_SYMBOL(bio_init);

void bio_reset(struct bio *bio, struct block_device *bdev, blk_opf_t opf)
{
	struct bio_vec *table = bio->bi_io_vec;
	unsigned short max = bio->bi_max_vecs;

	bio_init(bio, bdev, table, max, opf);
}
EXPORT_SYMBOL(bio_reset);

int bio_add_page(struct bio *bio, struct page *page, unsigned int len,
		 unsigned int off)
{
	if (bio->bi_vcnt) {
		struct bio_vec *bv = &bio->bi_io_vec[bio->bi_vcnt - 1];

		if (bv->bv_page == page && bv->bv_offset + bv->bv_len == off &&
		    off + len <= PAGE_SIZE) {
			bv->bv_len += len;
			bio->bi_iter.bi_size += len;
			return len;
		}
	}
	if (bio->bi_vcnt >= bio->bi_max_vecs)
		return 0;
	bvec_set_page(&bio->bi_io_vec[bio->bi_vcnt], page, len, off);
	bio->bi_vcnt++;
	bio->bi_iter.bi_size += len;
	return len;
}
EXPORT_SYMBOL(bio_add_page);

void bio_endio(struct bio *bio)
{
	if (!atomic_dec_and_test(&bio->__bi_remaining))
		return;
	if (bio->bi_end_io)
		bio->bi_end_io(bio);
}
EXPORT_SYMBOL(bio_endio);

/*
 * Map a kernel buffer into @rq's own bio, one single-page bvec per page it
 * touches.
 */
int blk_rq_map_kern(struct request_queue *q, struct request *rq, void *kbuf,
		    unsigned int len, gfp_t gfp_mask)
{
	struct bio *bio = &rq->ksim_bio;
	char *p = kbuf;

	if (!len || !kbuf)
		return -EINVAL;
	if (((unsigned long)kbuf | len) & q->limits.dma_alignment)
		return -EINVAL;
	if (len > (queue_max_hw_sectors(q) << SECTOR_SHIFT))
		return -EINVAL;
	bio_init(bio, NULL, rq->ksim_vecs, rq->ksim_max_vecs, rq->cmd_flags);
	while (len) {
		unsigned int off = offset_in_page(p);
		unsigned int n = min_t(unsigned int, len, PAGE_SIZE - off);

		if (bio_add_page(bio, virt_to_page(p), n, off) != n)
			return -EINVAL;
		p += n;
		len -= n;
	}
	blk_rq_bio_prep(rq, bio, bio->bi_vcnt);
	return 0;
}
EXPORT_SYMBOL(blk_rq_map_kern);

/*
 * Fill @sglist from @rq's segments, merging one bvec into the previous
 * entry when it continues it in memory, the merged size stays within
 * max_segment_size and no segment boundary is crossed.
 */
int __blk_rq_map_sg(struct request_queue *q, struct request *rq,
		    struct scatterlist *sglist, struct scatterlist **last_sg)
{
	unsigned long boundary = queue_segment_boundary(q);
	unsigned int max_seg = queue_max_segment_size(q);
	struct scatterlist *sg = *last_sg;
	struct req_iterator iter;
	struct bio_vec bv;
	unsigned long prev_end = 0;
	int nsegs = 0;

	if (rq->rq_flags & RQF_SPECIAL_PAYLOAD) {
		sg = sglist;
		sg_set_page(sg, rq->special_vec.bv_page, rq->special_vec.bv_len,
			    rq->special_vec.bv_offset);
		sg_mark_end(sg);
		*last_sg = sg;
		return 1;
	}
	if (!rq->bio || !bio_has_data(rq->bio))
		return 0;
	rq_for_each_segment(bv, rq, iter) {
		unsigned long start = (unsigned long)bvec_virt(&bv);

		if (sg && start == prev_end &&
		    sg->length + bv.bv_len <= max_seg &&
		    (((unsigned long)page_address(sg_page(sg)) + sg->offset) |
		     boundary) == ((start + bv.bv_len - 1) | boundary)) {
			sg->length += bv.bv_len;
		} else {
			if (!sg) {
				sg = sglist;
			} else {
				sg_unmark_end(sg);
				sg = sg_next(sg);
			}
			sg_set_page(sg, bv.bv_page, bv.bv_len, bv.bv_offset);
			nsegs++;
		}
		prev_end = start + bv.bv_len;
	}
	if (sg)
		sg_mark_end(sg);
	*last_sg = sg;
	return nsegs;
}
EXPORT_SYMBOL(__blk_rq_map_sg);
