// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/lib/iov_iter.c - moving data through an iov_iter: user
 * buffers (ITER_UBUF, through copy_to_user/copy_from_user, so a fault
 * gives a short copy) and kernel vectors (ITER_KVEC).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/uio.h>
#include <linux/uaccess.h>
#include <linux/export.h>

#include "internal.h"

void iov_iter_kvec(struct iov_iter *i, unsigned int direction, const struct kvec *kvec,
		   unsigned long nr_segs, size_t count)
{
	WARN_ON(direction & ~(ITER_SOURCE | ITER_DEST));
	*i = (struct iov_iter) {
		.iter_type = ITER_KVEC,
		.data_source = direction,
		.kvec = kvec,
		.nr_segs = nr_segs,
		.iov_offset = 0,
		.count = count,
	};
}
EXPORT_SYMBOL(iov_iter_kvec);

/* The kvec segment and offset holding byte @skip of the iterator. */
static const struct kvec *kvec_at(const struct iov_iter *i, size_t *off)
{
	const struct kvec *v = i->kvec;
	size_t skip = i->iov_offset;

	while (skip >= v->iov_len && v < i->kvec + i->nr_segs - 1) {
		skip -= v->iov_len;
		v++;
	}
	*off = skip;
	return v;
}

/*
 * Copy up to @bytes between @buf and the iterator (@to_iter: into it;
 * @buf NULL with @to_iter: zeroes).  Returns the bytes moved and advances.
 */
static size_t iter_copy(void *buf, size_t bytes, struct iov_iter *i, bool to_iter)
{
	size_t done = 0;

	bytes = min(bytes, i->count);
	if (iter_is_ubuf(i)) {
		char __user *u = (char __user *)i->ubuf + i->iov_offset;
		unsigned long left;

		if (to_iter)
			left = buf ? copy_to_user(u, buf, bytes) : clear_user(u, bytes);
		else
			left = copy_from_user(buf, u, bytes);
		done = bytes - left;
	} else if (iov_iter_is_kvec(i)) {
		while (done < bytes) {
			size_t off, n;
			const struct kvec *v = kvec_at(i, &off);

			n = min(bytes - done, v->iov_len - off);
			if (!n)
				break;
			if (to_iter && buf)
				memcpy((char *)v->iov_base + off, (char *)buf + done, n);
			else if (to_iter)
				memset((char *)v->iov_base + off, 0, n);
			else
				memcpy((char *)buf + done, (char *)v->iov_base + off, n);
			done += n;
			i->iov_offset += n;
			i->count -= n;
		}
		return done;
	} else {
		WARN_ONCE(1, "iov_iter type %d is not supported by ksim\n", i->iter_type);
		return 0;
	}
	i->iov_offset += done;
	i->count -= done;
	return done;
}

size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i)
{
	if (WARN_ON_ONCE(i->data_source))
		return 0;
	return iter_copy((void *)addr, bytes, i, true);
}
EXPORT_SYMBOL(copy_to_iter);

size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i)
{
	if (WARN_ON_ONCE(!i->data_source))
		return 0;
	return iter_copy(addr, bytes, i, false);
}
EXPORT_SYMBOL(copy_from_iter);

bool copy_from_iter_full(void *addr, size_t bytes, struct iov_iter *i)
{
	size_t copied;

	if (bytes > i->count)
		return false;
	copied = copy_from_iter(addr, bytes, i);
	if (copied == bytes)
		return true;
	iov_iter_revert(i, copied);
	return false;
}
EXPORT_SYMBOL(copy_from_iter_full);

size_t iov_iter_zero(size_t bytes, struct iov_iter *i)
{
	return iter_copy(NULL, bytes, i, true);
}
EXPORT_SYMBOL(iov_iter_zero);

void iov_iter_advance(struct iov_iter *i, size_t bytes)
{
	bytes = min(bytes, i->count);
	i->iov_offset += bytes;
	i->count -= bytes;
}
EXPORT_SYMBOL(iov_iter_advance);

void iov_iter_revert(struct iov_iter *i, size_t bytes)
{
	if (WARN_ON(bytes > i->iov_offset))
		bytes = i->iov_offset;
	i->iov_offset -= bytes;
	i->count += bytes;
}
EXPORT_SYMBOL(iov_iter_revert);
