// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/lib/kfifo.c - the untyped core behind <linux/kfifo.h>.
 *
 * `in` and `out` count elements and wrap freely; the slot of element i is
 * i & mask, so a copy splits into at most two pieces at the end of the
 * buffer.  One reader and one writer may run concurrently without a lock:
 * the writer publishes data before moving `in` (release), the reader
 * consumes before moving `out`.  Each side moves its own index with
 * WRITE_ONCE and reads the other's with READ_ONCE (linux/kfifo.h too):
 * the two indexes are shared words, never plain data.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/log2.h>
#include <linux/kfifo.h>
#include <linux/uaccess.h>
#include <linux/export.h>

#include "internal.h"

int __kfifo_alloc(struct __kfifo *fifo, unsigned int size, size_t esize, gfp_t gfp_mask)
{
	/* Rounded up to a power of two, as the kernel does. */
	size = roundup_pow_of_two(size);
	fifo->in = 0;
	fifo->out = 0;
	fifo->esize = esize;
	if (size < 2) {
		fifo->data = NULL;
		fifo->mask = 0;
		return -EINVAL;
	}
	fifo->data = kmalloc_array(esize, size, gfp_mask);
	if (!fifo->data) {
		fifo->mask = 0;
		return -ENOMEM;
	}
	fifo->mask = size - 1;
	return 0;
}
EXPORT_SYMBOL(__kfifo_alloc);

void __kfifo_free(struct __kfifo *fifo)
{
	kfree(fifo->data);
	fifo->in = 0;
	fifo->out = 0;
	fifo->esize = 0;
	fifo->data = NULL;
	fifo->mask = 0;
}
EXPORT_SYMBOL(__kfifo_free);

int __kfifo_init(struct __kfifo *fifo, void *buffer, unsigned int size, size_t esize)
{
	size /= esize;
	if (!is_power_of_2(size))
		size = rounddown_pow_of_two(size);
	fifo->in = 0;
	fifo->out = 0;
	fifo->esize = esize;
	fifo->data = buffer;
	if (size < 2) {
		fifo->mask = 0;
		return -EINVAL;
	}
	fifo->mask = size - 1;
	return 0;
}
EXPORT_SYMBOL(__kfifo_init);

/*
 * Element offset @off and count @len in bytes: *@off becomes the byte
 * offset in the ring, *@size its size in bytes, the return value the byte
 * count; the first piece of a copy is min(len, size - off).
 */
static unsigned int kfifo_bytes(struct __kfifo *fifo, unsigned int *off, unsigned int *size,
				unsigned int len)
{
	unsigned int esize = fifo->esize;

	*off = (*off & fifo->mask) * esize;
	*size = (fifo->mask + 1) * esize;
	return len * esize;
}

/* Copy @len elements from @src into the ring at element offset @off. */
static void kfifo_copy_in(struct __kfifo *fifo, const void *src, unsigned int len,
			  unsigned int off)
{
	unsigned int size, l;

	len = kfifo_bytes(fifo, &off, &size, len);
	l = min(len, size - off);
	memcpy((char *)fifo->data + off, src, l);
	memcpy(fifo->data, (const char *)src + l, len - l);
	/* The data is in place before `in` moves. */
	smp_wmb();
}

unsigned int __kfifo_in(struct __kfifo *fifo, const void *buf, unsigned int len)
{
	unsigned int l = __kfifo_unused(fifo);

	if (len > l)
		len = l;
	kfifo_copy_in(fifo, buf, len, fifo->in);
	WRITE_ONCE(fifo->in, fifo->in + len);
	return len;
}
EXPORT_SYMBOL(__kfifo_in);

static void kfifo_copy_out(struct __kfifo *fifo, void *dst, unsigned int len,
			   unsigned int off)
{
	unsigned int size, l;

	len = kfifo_bytes(fifo, &off, &size, len);
	l = min(len, size - off);
	memcpy(dst, (const char *)fifo->data + off, l);
	memcpy((char *)dst + l, fifo->data, len - l);
	smp_wmb();
}

unsigned int __kfifo_out_peek(struct __kfifo *fifo, void *buf, unsigned int len)
{
	unsigned int l = READ_ONCE(fifo->in) - fifo->out;

	if (len > l)
		len = l;
	kfifo_copy_out(fifo, buf, len, fifo->out);
	return len;
}
EXPORT_SYMBOL(__kfifo_out_peek);

unsigned int __kfifo_out(struct __kfifo *fifo, void *buf, unsigned int len)
{
	len = __kfifo_out_peek(fifo, buf, len);
	WRITE_ONCE(fifo->out, fifo->out + len);
	return len;
}
EXPORT_SYMBOL(__kfifo_out);

/*
 * Copy @len elements between user memory and the ring at element offset
 * @off; returns the bytes NOT copied (a fault stops the copy).
 */
static unsigned long kfifo_copy_user(struct __kfifo *fifo, void __user *ubuf,
				     unsigned int len, unsigned int off, bool to_user)
{
	unsigned int size, l;
	unsigned long ret;

	len = kfifo_bytes(fifo, &off, &size, len);
	l = min(len, size - off);
	if (to_user) {
		ret = copy_to_user(ubuf, (const char *)fifo->data + off, l);
		if (ret)
			ret += len - l;
		else
			ret = copy_to_user((char __user *)ubuf + l, fifo->data, len - l);
	} else {
		ret = copy_from_user((char *)fifo->data + off, ubuf, l);
		if (ret)
			ret += len - l;
		else
			ret = copy_from_user(fifo->data, (const char __user *)ubuf + l, len - l);
	}
	smp_wmb();
	return ret;
}

/* Both directions of kfifo_{to,from}_user: whole elements, -EFAULT on a fault. */
static int kfifo_user(struct __kfifo *fifo, void __user *ubuf, unsigned long len,
		      unsigned int *copied, bool to_user)
{
	unsigned int esize = fifo->esize;
	unsigned int avail, n;
	unsigned long left;
	int err = 0;

	if (esize != 1)
		len /= esize;
	avail = to_user ? READ_ONCE(fifo->in) - fifo->out : __kfifo_unused(fifo);
	n = len > avail ? avail : len;
	left = kfifo_copy_user(fifo, ubuf, n, to_user ? fifo->out : fifo->in, to_user);
	if (unlikely(left)) {
		err = -EFAULT;
		n -= DIV_ROUND_UP(left, esize);
	}
	if (to_user)
		WRITE_ONCE(fifo->out, fifo->out + n);
	else
		WRITE_ONCE(fifo->in, fifo->in + n);
	*copied = n * esize;
	return err;
}

int __kfifo_from_user(struct __kfifo *fifo, const void __user *from, unsigned long len,
		      unsigned int *copied)
{
	return kfifo_user(fifo, (void __user *)from, len, copied, false);
}
EXPORT_SYMBOL(__kfifo_from_user);

int __kfifo_to_user(struct __kfifo *fifo, void __user *to, unsigned long len,
		    unsigned int *copied)
{
	return kfifo_user(fifo, to, len, copied, true);
}
EXPORT_SYMBOL(__kfifo_to_user);
