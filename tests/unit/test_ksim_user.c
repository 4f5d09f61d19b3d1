// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_ksim_user.c - fs/ksim_user.c, the user side: system
 * calls from simulated processes into a misc device's file_operations.
 *
 * The device under test is a small fifo (a kfifo behind a wait queue, as a
 * first driver would write it), registered with an owner module so the
 * module reference an open file holds can be checked.
 */
#include "ktest.h"

#include <fcntl.h>
#include <poll.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/kfifo.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <linux/module.h>
#include <linux/err.h>
#include <ksim/user.h>
#include <ksim/module.h>

#include "internal.h"

TestSuite(ksim_user, .init = ktest_boot, .fini = ktest_shutdown);

static struct module fakemod = { .name = "tfifo" };
static DEFINE_KFIFO(fifo, unsigned char, 64);
static DECLARE_WAIT_QUEUE_HEAD(readq);
static int releases;
static pid_t reader_pid;

static int tfifo_release(struct inode *inode, struct file *file)
{
	releases++;
	return 0;
}

static ssize_t tfifo_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	unsigned int copied;
	int ret;

	reader_pid = current->pid;
	while (kfifo_is_empty(&fifo)) {
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(readq, !kfifo_is_empty(&fifo)))
			return -ERESTARTSYS;
	}
	ret = kfifo_to_user(&fifo, buf, count, &copied);
	/* Not `ret ? ret : copied`: int and unsigned make -EFAULT positive. */
	return ret ? (ssize_t)ret : (ssize_t)copied;
}

static ssize_t tfifo_write(struct file *file, const char __user *buf, size_t count,
			   loff_t *ppos)
{
	unsigned int copied;
	int ret = kfifo_from_user(&fifo, buf, count, &copied);

	if (copied)
		wake_up_interruptible(&readq);
	/* Not `ret ? ret : copied`: int and unsigned make -EFAULT positive. */
	return ret ? (ssize_t)ret : (ssize_t)copied;
}

static __poll_t tfifo_poll(struct file *file, poll_table *wait)
{
	poll_wait(file, &readq, wait);
	return (kfifo_is_empty(&fifo) ? 0 : EPOLLIN | EPOLLRDNORM) |
	       (kfifo_is_full(&fifo) ? 0 : EPOLLOUT | EPOLLWRNORM);
}

static long tfifo_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	if (cmd == _IOR('t', 1, int))
		return put_user((int)kfifo_len(&fifo), (int __user *)arg);
	return -ENOIOCTLCMD;
}

static const struct file_operations tfifo_fops = {
	.owner		= &fakemod,
	.read		= tfifo_read,
	.write		= tfifo_write,
	.poll		= tfifo_poll,
	.unlocked_ioctl	= tfifo_ioctl,
	.release	= tfifo_release,
};

static struct miscdevice tfifo = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "tfifo",
	.fops = &tfifo_fops,
};

static void setup(void)
{
	int err = ksim_module_add(&fakemod, 0, 0, "GPL");

	cr_assert_eq(err, 0);
	fakemod.state = MODULE_STATE_LIVE;
	kfifo_reset(&fifo);
	releases = 0;
	cr_assert_eq(misc_register(&tfifo), 0);
}

static void teardown(void)
{
	misc_deregister(&tfifo);
	cr_assert_eq(ksim_module_delete(&fakemod), 0);
}

static int open_ok(struct ksim_proc *p, int flags)
{
	int fd = ksim_sys_open(p, "/dev/tfifo", flags);

	cr_assert_geq(fd, 0, "open /dev/tfifo: %d", fd);
	return fd;
}

struct reader {
	struct ksim_proc *proc;
	int fd;
	char buf[16];
	ssize_t ret;
	int done;
};

static int reader_fn(void *arg)
{
	struct reader *r = arg;

	r->ret = ksim_user_read(r->proc, r->fd, r->buf, sizeof(r->buf));
	__atomic_store_n(&r->done, 1, __ATOMIC_RELEASE);
	return 0;
}

Test(ksim_user, blocking_read_is_woken_by_a_write)
{
	struct ksim_proc *rp, *wp;
	struct task_struct *t;
	struct reader r = { 0 };
	int wfd;

	setup();
	rp = ksim_proc_create("reader");
	wp = ksim_proc_create("writer");
	r.proc = rp;
	r.fd = open_ok(rp, O_RDONLY);
	wfd = open_ok(wp, O_WRONLY);
	t = ksim_task_create(reader_fn, &r, "reader");
	cr_assert(!IS_ERR(t));
	/* It must still be asleep: nothing was written. */
	ktest_sleep_ms(50);
	cr_assert_eq(__atomic_load_n(&r.done, __ATOMIC_ACQUIRE), 0);
	cr_assert_eq(ksim_user_write(wp, wfd, "wake", 4), 4);
	cr_assert(ktest_wait_for(__atomic_load_n(&r.done, __ATOMIC_ACQUIRE), 10000));
	ksim_task_join(t);
	put_task_struct(t);
	cr_assert_eq(r.ret, 4);
	cr_assert_eq(memcmp(r.buf, "wake", 4), 0);
	/* The driver ran as the reading process. */
	cr_assert_eq(reader_pid, ksim_proc_pid(rp));
	ksim_proc_destroy(rp);
	ksim_proc_destroy(wp);
	teardown();
}

Test(ksim_user, nonblocking_read_of_an_empty_device_is_eagain)
{
	struct ksim_proc *p;
	char c;
	int fd;

	setup();
	p = ksim_proc_create("nb");
	fd = open_ok(p, O_RDONLY | O_NONBLOCK);
	cr_assert_eq(ksim_user_read(p, fd, &c, 1), -EAGAIN);
	/* fcntl(F_SETFL) can turn it off and on again. */
	cr_assert_eq(ksim_sys_setfl(p, fd, 0), 0);
	cr_assert_eq(ksim_sys_setfl(p, fd, O_NONBLOCK), 0);
	cr_assert_eq(ksim_user_read(p, fd, &c, 1), -EAGAIN);
	ksim_proc_destroy(p);
	teardown();
}

static int poller_fn(void *arg)
{
	struct reader *r = arg;
	struct ksim_pollfd pfd = { .fd = r->fd, .events = POLLIN };

	r->ret = ksim_sys_poll(r->proc, &pfd, 1, 20000);
	r->buf[0] = (char)pfd.revents;
	__atomic_store_n(&r->done, 1, __ATOMIC_RELEASE);
	return 0;
}

Test(ksim_user, poll_reports_readiness_and_wakes_on_write)
{
	struct ksim_proc *p, *wp;
	struct ksim_pollfd pfd;
	struct reader r = { 0 };
	struct task_struct *t;
	int fd, wfd;

	setup();
	p = ksim_proc_create("poller");
	wp = ksim_proc_create("writer");
	fd = open_ok(p, O_RDWR);
	wfd = open_ok(wp, O_WRONLY);

	pfd = (struct ksim_pollfd){ .fd = fd, .events = POLLIN | POLLOUT };
	cr_assert_eq(ksim_sys_poll(p, &pfd, 1, 0), 1);
	cr_assert_eq(pfd.revents, POLLOUT, "empty fifo: writable only, got %#x", pfd.revents);

	pfd = (struct ksim_pollfd){ .fd = fd, .events = POLLIN };
	cr_assert_eq(ksim_sys_poll(p, &pfd, 1, 30), 0, "nothing to read: a timeout");

	/* A poller asleep is woken by a write from another process. */
	r.proc = p;
	r.fd = fd;
	t = ksim_task_create(poller_fn, &r, "poller");
	cr_assert(!IS_ERR(t));
	ktest_sleep_ms(50);
	cr_assert_eq(__atomic_load_n(&r.done, __ATOMIC_ACQUIRE), 0);
	cr_assert_eq(ksim_user_write(wp, wfd, "x", 1), 1);
	cr_assert(ktest_wait_for(__atomic_load_n(&r.done, __ATOMIC_ACQUIRE), 10000));
	ksim_task_join(t);
	put_task_struct(t);
	cr_assert_eq(r.ret, 1);
	cr_assert_eq(r.buf[0], POLLIN);

	/* A closed descriptor polls as POLLNVAL. */
	pfd = (struct ksim_pollfd){ .fd = 99, .events = POLLIN };
	cr_assert_eq(ksim_sys_poll(p, &pfd, 1, 0), 1);
	cr_assert_eq(pfd.revents, POLLNVAL);
	ksim_proc_destroy(p);
	ksim_proc_destroy(wp);
	teardown();
}

Test(ksim_user, bad_user_pointers_are_efault_not_a_crash)
{
	struct ksim_proc *p;
	uint64_t ro;
	int fd;

	setup();
	p = ksim_proc_create("wild");
	fd = open_ok(p, O_RDWR);
	/* Nothing mapped there, a kernel-looking address, past TASK_SIZE. */
	cr_assert_eq(ksim_sys_write(p, fd, 0x1000, 4), -EFAULT);
	cr_assert_eq(ksim_sys_write(p, fd, (uintptr_t)&fifo, 4), -EFAULT);
	cr_assert_eq(ksim_sys_write(p, fd, ~0ULL - 8, 4), -EFAULT);
	cr_assert_eq(ksim_user_write(p, fd, "ab", 2), 2);
	cr_assert_eq(ksim_sys_read(p, fd, 0x1000, 4), -EFAULT);
	/* A read into read-only memory faults too; the data stays queued. */
	ro = ksim_user_mmap(p, 16, KSIM_PROT_READ);
	cr_assert_neq(ro, 0);
	cr_assert_eq(ksim_sys_read(p, fd, ro, 2), -EFAULT);
	cr_assert_eq(kfifo_len(&fifo), 2);
	/* ioctl with a wild argument pointer. */
	cr_assert_eq(ksim_sys_ioctl(p, fd, _IOR('t', 1, int), 0xdead0000), -EFAULT);
	ksim_proc_destroy(p);
	teardown();
}

Test(ksim_user, release_runs_on_the_last_close)
{
	struct ksim_proc *p;
	int a, b;

	setup();
	p = ksim_proc_create("closer");
	a = open_ok(p, O_RDONLY);
	b = open_ok(p, O_RDONLY);
	cr_assert_neq(a, b);
	cr_assert_eq(ksim_proc_nr_files(p), 2);
	cr_assert_eq(ksim_sys_close(p, a), 0);
	cr_assert_eq(releases, 1);
	cr_assert_eq(ksim_sys_close(p, a), -EBADF);
	/* Destroying the process closes what it left open. */
	ksim_proc_destroy(p);
	cr_assert_eq(releases, 2);
	teardown();
}

Test(ksim_user, an_open_file_holds_the_module)
{
	struct ksim_proc *p;
	int fd;

	setup();
	p = ksim_proc_create("holder");
	fd = open_ok(p, O_RDONLY);
	cr_assert_eq(atomic_read(&fakemod.refcnt), 1);
	/* rmmod is refused while the file is open... */
	cr_assert_eq(ksim_module_delete(&fakemod), -EWOULDBLOCK);
	cr_assert_eq(fakemod.state, MODULE_STATE_LIVE);
	cr_assert_eq(ksim_sys_close(p, fd), 0);
	cr_assert_eq(atomic_read(&fakemod.refcnt), 0);
	ksim_proc_destroy(p);
	/* ... and goes through once it is closed. */
	teardown();
}

Test(ksim_user, a_going_module_cannot_be_opened)
{
	struct ksim_proc *p;

	setup();
	p = ksim_proc_create("late");
	fakemod.state = MODULE_STATE_GOING;
	cr_assert_eq(ksim_sys_open(p, "/dev/tfifo", O_RDONLY), -ENODEV);
	fakemod.state = MODULE_STATE_LIVE;
	ksim_proc_destroy(p);
	teardown();
}

Test(ksim_user, syscall_errors_match_the_kernel)
{
	struct ksim_proc *p;
	char c;
	int fd;

	setup();
	p = ksim_proc_create("errs");
	cr_assert_eq(ksim_sys_open(p, "/dev/nothing", O_RDONLY), -ENOENT);
	cr_assert_eq(ksim_sys_open(p, "/dev", O_RDONLY), -EISDIR);
	cr_assert_eq(ksim_sys_open(p, "/dev/char/250:7", O_RDONLY), -ENXIO);
	fd = open_ok(p, O_WRONLY);
	cr_assert_eq(ksim_user_read(p, fd, &c, 1), -EBADF);
	/* No llseek in the fops: not seekable. */
	cr_assert_eq(ksim_sys_lseek(p, fd, 0, SEEK_SET), -ESPIPE);
	/* -ENOIOCTLCMD from the driver is -ENOTTY to the user. */
	cr_assert_eq(ksim_sys_ioctl(p, fd, 0x1234, 0), -ENOTTY);
	cr_assert_eq(ksim_sys_read(p, 42, 0, 0), -EBADF);
	ksim_proc_destroy(p);
	teardown();
}

Test(ksim_user, ioctl_copies_its_result_to_user_memory)
{
	struct ksim_proc *p;
	uint64_t u;
	int fd, *host;

	setup();
	p = ksim_proc_create("ioctl");
	fd = open_ok(p, O_RDWR);
	cr_assert_eq(ksim_user_write(p, fd, "12345", 5), 5);
	u = ksim_user_mmap(p, sizeof(int), KSIM_PROT_READ | KSIM_PROT_WRITE);
	host = ksim_user_host_ptr(p, u, sizeof(int));
	cr_assert_not_null(host);
	cr_assert_eq(ksim_sys_ioctl(p, fd, _IOR('t', 1, int), u), 0);
	cr_assert_eq(*host, 5);
	ksim_proc_destroy(p);
	teardown();
}

Test(ksim_user, a_signal_interrupts_a_blocking_read)
{
	struct ksim_proc *p;
	struct task_struct *t;
	struct reader r = { 0 };

	setup();
	p = ksim_proc_create("sleeper");
	r.proc = p;
	r.fd = open_ok(p, O_RDONLY);
	t = ksim_task_create(reader_fn, &r, "sleeper");
	cr_assert(!IS_ERR(t));
	ktest_sleep_ms(30);
	ksim_signal_all();
	cr_assert(ktest_wait_for(__atomic_load_n(&r.done, __ATOMIC_ACQUIRE), 10000));
	ksim_task_join(t);
	put_task_struct(t);
	cr_assert_eq(r.ret, -EINTR);
	ksim_proc_destroy(p);
	teardown();
}

Test(ksim_user, interrupting_a_process_ends_only_its_call_in_progress)
{
	struct ksim_proc *p, *other, *wp;
	struct task_struct *t;
	struct reader r = { 0 };
	int ofd, wfd;
	char c;

	setup();
	p = ksim_proc_create("victim");
	other = ksim_proc_create("bystander");
	wp = ksim_proc_create("writer");
	/* No call in progress: nothing to interrupt, nothing left pending. */
	cr_assert_eq(ksim_proc_interrupt(p), 0);
	r.proc = p;
	r.fd = open_ok(p, O_RDONLY);
	ofd = open_ok(other, O_RDONLY | O_NONBLOCK);
	wfd = open_ok(wp, O_WRONLY);
	t = ksim_task_create(reader_fn, &r, "victim");
	cr_assert(!IS_ERR(t));
	/* Retry until the reader is inside its read (it may not have started). */
	cr_assert(ktest_wait_for(ksim_proc_interrupt(p), 10000));
	cr_assert(ktest_wait_for(__atomic_load_n(&r.done, __ATOMIC_ACQUIRE), 10000));
	ksim_task_join(t);
	put_task_struct(t);
	cr_assert_eq(r.ret, -EINTR);
	/* The signal was consumed: the next read of the same process works. */
	cr_assert_eq(ksim_user_write(wp, wfd, "x", 1), 1);
	cr_assert_eq(ksim_user_read(p, r.fd, &c, 1), 1);
	cr_assert_eq(c, 'x');
	/* Another process was never touched. */
	cr_assert_eq(ksim_user_read(other, ofd, &c, 1), -EAGAIN);
	ksim_proc_destroy(p);
	ksim_proc_destroy(other);
	ksim_proc_destroy(wp);
	teardown();
}

Test(ksim_user, a_shared_descriptor_is_one_open_file_in_two_processes)
{
	struct ksim_proc *a, *b, *wp;
	struct task_struct *t;
	struct reader r = { 0 };
	int fd, bfd, wfd, n;

	setup();
	a = ksim_proc_create("owner");
	b = ksim_proc_create("helper");
	wp = ksim_proc_create("writer");
	fd = open_ok(a, O_RDWR);
	cr_assert_eq(ksim_sys_share_fd(a, fd + 1, b), -EBADF);
	cr_assert_eq(ksim_sys_share_fd(a, -1, b), -EBADF);
	bfd = ksim_sys_share_fd(a, fd, b);
	cr_assert_geq(bfd, 0);
	cr_assert_eq(ksim_proc_nr_files(b), 1);
	/* One process blocks reading while the other writes through the same file. */
	r.proc = a;
	r.fd = fd;
	t = ksim_task_create(reader_fn, &r, "owner");
	cr_assert(!IS_ERR(t));
	ktest_sleep_ms(30);
	cr_assert_eq(ksim_user_write(b, bfd, "ab", 2), 2);
	cr_assert(ktest_wait_for(__atomic_load_n(&r.done, __ATOMIC_ACQUIRE), 10000));
	ksim_task_join(t);
	put_task_struct(t);
	cr_assert_eq(r.ret, 2);
	/* Status flags belong to the open file: set in one, seen in the other. */
	cr_assert_eq(ksim_sys_setfl(b, bfd, O_NONBLOCK), 0);
	cr_assert_eq(ksim_user_read(a, fd, r.buf, 1), -EAGAIN);
	/* ->release runs once, at the last close, whoever makes it. */
	cr_assert_eq(ksim_sys_close(a, fd), 0);
	cr_assert_eq(releases, 0);
	wfd = open_ok(wp, O_WRONLY);
	cr_assert_eq(ksim_user_write(wp, wfd, "z", 1), 1);
	n = (int)ksim_user_read(b, bfd, r.buf, sizeof(r.buf));
	cr_assert_eq(n, 1);
	ksim_proc_destroy(b);
	cr_assert_eq(releases, 1);
	ksim_proc_destroy(a);
	ksim_proc_destroy(wp);
	cr_assert_eq(releases, 2);
	teardown();
}

Test(ksim_user, a_module_leaving_its_device_registered_is_reported)
{
	struct ksim_proc *p;

	ktest_expect_reports(KSIM_REPORT_OBJECT, 1);
	setup();
	/* Unload without misc_deregister(): reported and taken out. */
	cr_assert_eq(ksim_module_delete(&fakemod), 0);
	p = ksim_proc_create("late");
	cr_assert_eq(ksim_sys_open(p, "/dev/tfifo", O_RDONLY), -ENOENT);
	cr_assert_eq(ksim_sys_open(p, "/dev/char/10:127", O_RDONLY), -ENXIO,
		     "major 10 was given back with the last misc device");
	ksim_proc_destroy(p);
}
