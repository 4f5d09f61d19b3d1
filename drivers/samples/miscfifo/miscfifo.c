// SPDX-License-Identifier: GPL-2.0
/*
 * miscfifo.c - a misc character device backed by a kfifo: what one process
 * writes to /dev/miscfifo another reads, in order.  The C counterpart of
 * the kernel's kfifo samples and of Rust-for-Linux's misc device sample.
 *
 * Reads block until data arrives (or return -EAGAIN with O_NONBLOCK),
 * writes block while the fifo is full, poll() reports EPOLLIN/EPOLLOUT,
 * and two ioctls: MISCFIFO_GET_LEN (bytes waiting) and MISCFIFO_RESET.
 *
 *   ./ksim drivers/samples/miscfifo/miscfifo.ko \
 *       --exec='echo hello > /dev/miscfifo; cat -n /dev/miscfifo'
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/kfifo.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <linux/ioctl.h>

#define FIFO_SIZE	4096	/* a power of two */

/* _IOR('f', 1, int) = 0x80046601, _IO('f', 2) = 0x6602 */
#define MISCFIFO_GET_LEN	_IOR('f', 1, int)
#define MISCFIFO_RESET		_IO('f', 2)

static DEFINE_KFIFO(fifo, unsigned char, FIFO_SIZE);
/* One reader and one writer at a time touch the fifo (kfifo's rule). */
static DEFINE_MUTEX(read_lock);
static DEFINE_MUTEX(write_lock);
static DECLARE_WAIT_QUEUE_HEAD(readers);
static DECLARE_WAIT_QUEUE_HEAD(writers);
static atomic_t opens = ATOMIC_INIT(0);

static int miscfifo_open(struct inode *inode, struct file *file)
{
	atomic_inc(&opens);
	return stream_open(inode, file);
}

static int miscfifo_release(struct inode *inode, struct file *file)
{
	pr_info("release (%d still open)\n", atomic_dec_return(&opens));
	return 0;
}

static ssize_t miscfifo_read(struct file *file, char __user *buf, size_t count,
			     loff_t *ppos)
{
	unsigned int copied;
	int ret;

	if (mutex_lock_interruptible(&read_lock))
		return -ERESTARTSYS;
	while (kfifo_is_empty(&fifo)) {
		mutex_unlock(&read_lock);
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(readers, !kfifo_is_empty(&fifo)))
			return -ERESTARTSYS;
		if (mutex_lock_interruptible(&read_lock))
			return -ERESTARTSYS;
	}
	ret = kfifo_to_user(&fifo, buf, count, &copied);
	mutex_unlock(&read_lock);
	if (copied)
		wake_up_interruptible(&writers);
	/* Not `ret ? ret : copied`: int and unsigned make -EFAULT positive. */
	return ret ? (ssize_t)ret : (ssize_t)copied;
}

static ssize_t miscfifo_write(struct file *file, const char __user *buf, size_t count,
			      loff_t *ppos)
{
	unsigned int copied;
	int ret;

	if (mutex_lock_interruptible(&write_lock))
		return -ERESTARTSYS;
	while (kfifo_is_full(&fifo)) {
		mutex_unlock(&write_lock);
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(writers, !kfifo_is_full(&fifo)))
			return -ERESTARTSYS;
		if (mutex_lock_interruptible(&write_lock))
			return -ERESTARTSYS;
	}
	ret = kfifo_from_user(&fifo, buf, count, &copied);
	mutex_unlock(&write_lock);
	if (copied)
		wake_up_interruptible(&readers);
	/* Not `ret ? ret : copied`: int and unsigned make -EFAULT positive. */
	return ret ? (ssize_t)ret : (ssize_t)copied;
}

static __poll_t miscfifo_poll(struct file *file, poll_table *wait)
{
	__poll_t mask = 0;

	poll_wait(file, &readers, wait);
	poll_wait(file, &writers, wait);
	if (!kfifo_is_empty(&fifo))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (!kfifo_is_full(&fifo))
		mask |= EPOLLOUT | EPOLLWRNORM;
	return mask;
}

static long miscfifo_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case MISCFIFO_GET_LEN:
		return put_user((int)kfifo_len(&fifo), (int __user *)arg);
	case MISCFIFO_RESET:
		mutex_lock(&read_lock);
		mutex_lock(&write_lock);
		kfifo_reset(&fifo);
		mutex_unlock(&write_lock);
		mutex_unlock(&read_lock);
		wake_up_interruptible(&writers);
		return 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations miscfifo_fops = {
	.owner		= THIS_MODULE,
	.open		= miscfifo_open,
	.release	= miscfifo_release,
	.read		= miscfifo_read,
	.write		= miscfifo_write,
	.poll		= miscfifo_poll,
	.unlocked_ioctl	= miscfifo_ioctl,
	.llseek		= no_llseek,
};

static struct miscdevice miscfifo_dev = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "miscfifo",
	.fops	= &miscfifo_fops,
	.mode	= 0666,
};

static int __init miscfifo_init(void)
{
	int ret = misc_register(&miscfifo_dev);

	if (ret)
		return ret;
	pr_info("/dev/%s: misc minor %d, fifo of %u bytes\n", miscfifo_dev.name,
		miscfifo_dev.minor, kfifo_size(&fifo));
	return 0;
}

static void __exit miscfifo_exit(void)
{
	misc_deregister(&miscfifo_dev);
}

module_init(miscfifo_init);
module_exit(miscfifo_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("ksim");
MODULE_DESCRIPTION("A misc device backed by a kfifo, with poll and ioctl");
