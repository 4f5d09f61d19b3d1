// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/lib/scatterlist.c - scatterlist helpers: walking (chains
 * included), initialising, allocating tables, copying.
 */
#include <linux/kernel.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/export.h>

struct scatterlist *sg_next(struct scatterlist *sg)
{
	if (sg_is_last(sg))
		return NULL;
	sg++;
	if (unlikely(sg_is_chain(sg)))
		sg = sg_chain_ptr(sg);
	return sg;
}
EXPORT_SYMBOL(sg_next);

int sg_nents(struct scatterlist *sg)
{
	int nents;

	for (nents = 0; sg; sg = sg_next(sg))
		nents++;
	return nents;
}
EXPORT_SYMBOL(sg_nents);

int sg_nents_for_len(struct scatterlist *sg, u64 len)
{
	int nents;
	u64 total;

	if (!len)
		return 0;
	for (nents = 0, total = 0; sg; sg = sg_next(sg)) {
		nents++;
		total += sg->length;
		if (total >= len)
			return nents;
	}
	return -EINVAL;
}
EXPORT_SYMBOL(sg_nents_for_len);

struct scatterlist *sg_last(struct scatterlist *sgl, unsigned int nents)
{
	struct scatterlist *sg, *ret = NULL;
	unsigned int i;

	for_each_sg(sgl, sg, nents, i)
		ret = sg;
	return ret;
}
EXPORT_SYMBOL(sg_last);

void sg_init_table(struct scatterlist *sgl, unsigned int nents)
{
	memset(sgl, 0, sizeof(*sgl) * nents);
	sg_mark_end(&sgl[nents - 1]);
}
EXPORT_SYMBOL(sg_init_table);

void sg_init_one(struct scatterlist *sg, const void *buf, unsigned int buflen)
{
	sg_init_table(sg, 1);
	sg_set_buf(sg, buf, buflen);
}
EXPORT_SYMBOL(sg_init_one);

int sg_alloc_table(struct sg_table *table, unsigned int nents, gfp_t gfp_mask)
{
	struct scatterlist *sgl;

	memset(table, 0, sizeof(*table));
	if (nents == 0)
		return -EINVAL;
	/* One array, never chained: ksim's allocator has no page limit. */
	sgl = kmalloc_array(nents, sizeof(*sgl), gfp_mask);
	if (!sgl)
		return -ENOMEM;
	sg_init_table(sgl, nents);
	table->sgl = sgl;
	table->nents = table->orig_nents = nents;
	return 0;
}
EXPORT_SYMBOL(sg_alloc_table);

void sg_free_table(struct sg_table *table)
{
	kfree(table->sgl);
	table->sgl = NULL;
	table->nents = table->orig_nents = 0;
}
EXPORT_SYMBOL(sg_free_table);

static size_t sg_copy(struct scatterlist *sgl, unsigned int nents, void *buf,
		      size_t buflen, bool to_buffer)
{
	struct scatterlist *sg;
	size_t done = 0, n;
	unsigned int i;

	for_each_sg(sgl, sg, nents, i) {
		if (done >= buflen)
			break;
		n = min_t(size_t, sg->length, buflen - done);
		if (to_buffer)
			memcpy((char *)buf + done, sg_virt(sg), n);
		else
			memcpy(sg_virt(sg), (char *)buf + done, n);
		done += n;
	}
	return done;
}

size_t sg_copy_from_buffer(struct scatterlist *sgl, unsigned int nents,
			   const void *buf, size_t buflen)
{
	return sg_copy(sgl, nents, (void *)buf, buflen, false);
}
EXPORT_SYMBOL(sg_copy_from_buffer);

size_t sg_copy_to_buffer(struct scatterlist *sgl, unsigned int nents,
			 void *buf, size_t buflen)
{
	return sg_copy(sgl, nents, buf, buflen, true);
}
EXPORT_SYMBOL(sg_copy_to_buffer);
