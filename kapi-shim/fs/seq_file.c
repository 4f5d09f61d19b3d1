// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/fs/seq_file.c - files printed record by record.
 *
 * seq_read() keeps one buffer of printed text per open file.  A read
 * first hands out what is left of it, then prints records (->start,
 * ->show, ->next) until the caller's count is reached, doubling the buffer
 * whenever one record does not fit.  A read at another position than
 * where the last one ended replays the records from the start (traverse)
 * to find the place, so seq_lseek() and pread work as in the kernel.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <linux/printk.h>
#include <linux/export.h>
#include <linux/sprintf.h>

#include "internal.h"

static void seq_set_overflow(struct seq_file *m)
{
	m->count = m->size;
}

static void *seq_buf_alloc(unsigned long size)
{
	if (unlikely(size > MAX_RW_COUNT))
		return NULL;
	return kvmalloc(size, GFP_KERNEL_ACCOUNT);
}

int seq_open(struct file *file, const struct seq_operations *op)
{
	struct seq_file *p;

	WARN_ON(file->private_data);
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	file->private_data = p;
	mutex_init(&p->lock);
	p->op = op;
	p->file = file;
	file->f_version = 0;
	/* seq_files have no write side of their own. */
	file->f_mode &= ~FMODE_PWRITE;
	return 0;
}
EXPORT_SYMBOL(seq_open);

/* Print records from the start up to @offset; -EAGAIN: retry with the bigger buffer. */
static int traverse(struct seq_file *m, loff_t offset)
{
	loff_t pos = 0;
	int error = 0;
	void *p;

	m->index = 0;
	m->count = m->from = 0;
	if (!offset)
		return 0;
	if (!m->buf) {
		m->buf = seq_buf_alloc(m->size = PAGE_SIZE);
		if (!m->buf)
			return -ENOMEM;
	}
	p = m->op->start(m, &m->index);
	while (p) {
		error = PTR_ERR(p);
		if (IS_ERR(p))
			break;
		error = m->op->show(m, p);
		if (error < 0)
			break;
		if (unlikely(error)) {
			error = 0;
			m->count = 0;
		}
		if (seq_has_overflowed(m))
			goto overflow;
		p = m->op->next(m, p, &m->index);
		if (pos + m->count > offset) {
			m->from = offset - pos;
			m->count -= m->from;
			break;
		}
		pos += m->count;
		m->count = 0;
		if (pos == offset)
			break;
	}
	m->op->stop(m, p);
	return error;

overflow:
	m->op->stop(m, p);
	kvfree(m->buf);
	m->count = 0;
	m->buf = seq_buf_alloc(m->size <<= 1);
	return !m->buf ? -ENOMEM : -EAGAIN;
}

/* Copy up to @len bytes of @src to user @ubuf (advanced); returns bytes moved. */
static size_t to_user(char __user **ubuf, size_t *left, const char *src, size_t len)
{
	size_t n = min(len, *left);

	n -= copy_to_user(*ubuf, src, n);
	*ubuf += n;
	*left -= n;
	return n;
}

ssize_t seq_read(struct file *file, char __user *buf, size_t size, loff_t *ppos)
{
	struct seq_file *m = file->private_data;
	size_t left = size, copied = 0, n;
	loff_t pos = ppos ? *ppos : m->read_pos;
	int err = 0;
	void *p;

	if (!size)
		return 0;
	mutex_lock(&m->lock);
	if (pos == 0) {
		m->index = 0;
		m->count = 0;
	}
	/* Reading somewhere else than where the last read stopped. */
	if (unlikely(pos != m->read_pos)) {
		while ((err = traverse(m, pos)) == -EAGAIN)
			;
		if (err) {
			m->read_pos = 0;
			m->index = 0;
			m->count = 0;
			goto done;
		}
		m->read_pos = pos;
	}
	if (!m->buf) {
		m->buf = seq_buf_alloc(m->size = PAGE_SIZE);
		if (!m->buf) {
			err = -ENOMEM;
			goto done;
		}
	}
	/* What is left of the last record printed goes first. */
	if (m->count) {
		n = to_user(&buf, &left, m->buf + m->from, m->count);
		m->count -= n;
		m->from += n;
		copied += n;
		if (m->count)
			goto done;
	}
	/* Get one non-empty record into the buffer. */
	m->from = 0;
	p = m->op->start(m, &m->index);
	for (;;) {
		err = PTR_ERR(p);
		if (!p || IS_ERR(p))
			break;
		err = m->op->show(m, p);
		if (err < 0)
			break;
		if (unlikely(err))
			m->count = 0;
		if (unlikely(!m->count)) {
			p = m->op->next(m, p, &m->index);
			continue;
		}
		if (!seq_has_overflowed(m))
			goto fill;
		/* The record needs a bigger buffer: print it again in one. */
		m->op->stop(m, p);
		kvfree(m->buf);
		m->count = 0;
		m->buf = seq_buf_alloc(m->size <<= 1);
		if (!m->buf) {
			err = -ENOMEM;
			goto done;
		}
		p = m->op->start(m, &m->index);
	}
	/* End of the records, or an error. */
	m->op->stop(m, p);
	m->count = 0;
	goto done;
fill:
	/* Add whole records while they fit and the reader wants more. */
	for (;;) {
		size_t offs = m->count;
		loff_t index = m->index;

		p = m->op->next(m, p, &m->index);
		if (index == m->index) {
			pr_info_ratelimited("buggy .next function %ps did not update position index\n",
					    m->op->next);
			m->index++;
		}
		if (!p || IS_ERR(p))
			break;
		if (m->count >= left)
			break;
		err = m->op->show(m, p);
		if (err > 0) {
			m->count = offs;
		} else if (err || seq_has_overflowed(m)) {
			m->count = offs;
			break;
		}
	}
	m->op->stop(m, p);
	n = to_user(&buf, &left, m->buf, m->count);
	copied += n;
	m->count -= n;
	m->from = n;
done:
	if (unlikely(!copied)) {
		copied = m->count ? -EFAULT : err;
	} else {
		if (ppos)
			*ppos += copied;
		m->read_pos += copied;
	}
	mutex_unlock(&m->lock);
	return copied;
}
EXPORT_SYMBOL(seq_read);

/*
 * The ->read_iter form (proc_ops and file_operations use it since 5.10):
 * a user buffer is read through seq_read() at the kiocb's position.
 */
ssize_t seq_read_iter(struct kiocb *iocb, struct iov_iter *iter)
{
	ssize_t ret;

	if (!iter_is_ubuf(iter))
		return -EINVAL;
	ret = seq_read(iocb->ki_filp, (char __user *)iter->ubuf + iter->iov_offset,
		       iov_iter_count(iter), &iocb->ki_pos);
	if (ret > 0)
		iov_iter_advance(iter, ret);
	return ret;
}
EXPORT_SYMBOL(seq_read_iter);

loff_t seq_lseek(struct file *file, loff_t offset, int whence)
{
	struct seq_file *m = file->private_data;
	loff_t retval = -EINVAL;

	mutex_lock(&m->lock);
	switch (whence) {
	case SEEK_CUR:
		offset += file->f_pos;
		fallthrough;
	case SEEK_SET:
		if (offset < 0)
			break;
		retval = offset;
		if (offset != m->read_pos) {
			while ((retval = traverse(m, offset)) == -EAGAIN)
				;
			if (retval) {
				file->f_pos = 0;
				m->read_pos = 0;
				m->index = 0;
				m->count = 0;
			} else {
				m->read_pos = offset;
				retval = file->f_pos = offset;
			}
		} else {
			file->f_pos = offset;
		}
	}
	mutex_unlock(&m->lock);
	return retval;
}
EXPORT_SYMBOL(seq_lseek);

int seq_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	kvfree(m->buf);
	kfree(m);
	return 0;
}
EXPORT_SYMBOL(seq_release);

void seq_vprintf(struct seq_file *m, const char *f, va_list args)
{
	int len;

	if (m->count < m->size) {
		/* The kernel's vsnprintf (%pe, %pS ...), not libc's. */
		len = ksim_vsnprintf(m->buf + m->count, m->size - m->count, f, args);
		if (m->count + len < m->size) {
			m->count += len;
			return;
		}
	}
	seq_set_overflow(m);
}
EXPORT_SYMBOL(seq_vprintf);

void seq_printf(struct seq_file *m, const char *f, ...)
{
	va_list args;

	va_start(args, f);
	seq_vprintf(m, f, args);
	va_end(args);
}
EXPORT_SYMBOL(seq_printf);

void seq_putc(struct seq_file *m, char c)
{
	if (m->count >= m->size)
		return;
	m->buf[m->count++] = c;
}
EXPORT_SYMBOL(seq_putc);

void seq_puts(struct seq_file *m, const char *s)
{
	int len = strlen(s);

	if (m->count + len >= m->size) {
		seq_set_overflow(m);
		return;
	}
	memcpy(m->buf + m->count, s, len);
	m->count += len;
}
EXPORT_SYMBOL(seq_puts);

int seq_write(struct seq_file *seq, const void *data, size_t len)
{
	if (seq->count + len < seq->size) {
		memcpy(seq->buf + seq->count, data, len);
		seq->count += len;
		return 0;
	}
	seq_set_overflow(seq);
	return -1;
}
EXPORT_SYMBOL(seq_write);

void seq_put_decimal_ull(struct seq_file *m, const char *delimiter, unsigned long long num)
{
	seq_printf(m, "%s%llu", delimiter ? delimiter : "", num);
}
EXPORT_SYMBOL(seq_put_decimal_ull);

void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num)
{
	seq_printf(m, "%s%lld", delimiter ? delimiter : "", num);
}
EXPORT_SYMBOL(seq_put_decimal_ll);

void seq_put_hex_ll(struct seq_file *m, const char *delimiter, unsigned long long v,
		    unsigned int width)
{
	seq_printf(m, "%s%0*llx", delimiter ? delimiter : "", (int)width, v);
}
EXPORT_SYMBOL(seq_put_hex_ll);

void seq_pad(struct seq_file *m, char c)
{
	int size = m->pad_until - m->count;

	if (size > 0) {
		if (size + m->count > m->size) {
			seq_set_overflow(m);
			return;
		}
		memset(m->buf + m->count, ' ', size);
		m->count += size;
	}
	if (c)
		seq_putc(m, c);
}
EXPORT_SYMBOL(seq_pad);

void seq_hex_dump(struct seq_file *m, const char *prefix_str, int prefix_type,
		  int rowsize, int groupsize, const void *buf, size_t len, bool ascii)
{
	const u8 *ptr = buf;
	char line[32 * 3 + 2 + 32 + 1];
	size_t i, linelen, remaining = len;

	if (rowsize != 16 && rowsize != 32)
		rowsize = 16;
	for (i = 0; i < len && !seq_has_overflowed(m); i += rowsize) {
		linelen = min(remaining, (size_t)rowsize);
		remaining -= rowsize;
		hex_dump_to_buffer(ptr + i, linelen, rowsize, groupsize, line,
				   sizeof(line), ascii);
		switch (prefix_type) {
		case DUMP_PREFIX_ADDRESS:
			seq_printf(m, "%s%p: %s\n", prefix_str, ptr + i, line);
			break;
		case DUMP_PREFIX_OFFSET:
			seq_printf(m, "%s%.8zx: %s\n", prefix_str, i, line);
			break;
		default:
			seq_printf(m, "%s%s\n", prefix_str, line);
			break;
		}
	}
}
EXPORT_SYMBOL(seq_hex_dump);

/* ---- single_open: one record, printed by one show function ---- */

static void *single_start(struct seq_file *p, loff_t *pos)
{
	return *pos ? NULL : SEQ_START_TOKEN;
}

static void *single_next(struct seq_file *p, void *v, loff_t *pos)
{
	++*pos;
	return NULL;
}

static void single_stop(struct seq_file *p, void *v)
{
}

int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data)
{
	struct seq_operations *op = kmalloc(sizeof(*op), GFP_KERNEL_ACCOUNT);
	int res = -ENOMEM;

	if (op) {
		op->start = single_start;
		op->next = single_next;
		op->stop = single_stop;
		op->show = show;
		res = seq_open(file, op);
		if (!res)
			((struct seq_file *)file->private_data)->private = data;
		else
			kfree(op);
	}
	return res;
}
EXPORT_SYMBOL(single_open);

int single_open_size(struct file *file, int (*show)(struct seq_file *, void *),
		     void *data, size_t size)
{
	char *buf = seq_buf_alloc(size);
	int ret;

	if (!buf)
		return -ENOMEM;
	ret = single_open(file, show, data);
	if (ret) {
		kvfree(buf);
		return ret;
	}
	((struct seq_file *)file->private_data)->buf = buf;
	((struct seq_file *)file->private_data)->size = size;
	return 0;
}
EXPORT_SYMBOL(single_open_size);

int single_release(struct inode *inode, struct file *file)
{
	const struct seq_operations *op = ((struct seq_file *)file->private_data)->op;
	int res = seq_release(inode, file);

	kfree(op);
	return res;
}
EXPORT_SYMBOL(single_release);

void *__seq_open_private(struct file *f, const struct seq_operations *ops, int psize)
{
	struct seq_file *seq;
	void *private;

	private = kzalloc(psize, GFP_KERNEL_ACCOUNT);
	if (!private)
		return NULL;
	if (seq_open(f, ops)) {
		kfree(private);
		return NULL;
	}
	seq = f->private_data;
	seq->private = private;
	return private;
}
EXPORT_SYMBOL(__seq_open_private);

int seq_open_private(struct file *filp, const struct seq_operations *ops, int psize)
{
	return __seq_open_private(filp, ops, psize) ? 0 : -ENOMEM;
}
EXPORT_SYMBOL(seq_open_private);

int seq_release_private(struct inode *inode, struct file *file)
{
	struct seq_file *seq = file->private_data;

	kfree(seq->private);
	seq->private = NULL;
	return seq_release(inode, file);
}
EXPORT_SYMBOL(seq_release_private);

struct list_head *seq_list_start(struct list_head *head, loff_t pos)
{
	struct list_head *lh;

	list_for_each(lh, head)
		if (pos-- == 0)
			return lh;
	return NULL;
}
EXPORT_SYMBOL(seq_list_start);

struct list_head *seq_list_start_head(struct list_head *head, loff_t pos)
{
	if (!pos)
		return head;
	return seq_list_start(head, pos - 1);
}
EXPORT_SYMBOL(seq_list_start_head);

struct list_head *seq_list_next(void *v, struct list_head *head, loff_t *ppos)
{
	struct list_head *lh = ((struct list_head *)v)->next;

	++*ppos;
	return lh == head ? NULL : lh;
}
EXPORT_SYMBOL(seq_list_next);
