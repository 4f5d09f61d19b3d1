// SPDX-License-Identifier: GPL-2.0
/*
 * tests/tools/chrdev_tool.c - a real program driving a character device
 * file (a ksim FUSE mount's dev/<name>) with the system calls cat and dd do
 * not make: ioctl, poll, a non-blocking read, a read interrupted by a
 * signal.  Host world, plain libc; run by tests/integration/fuse_chardev.sh.
 *
 *   chrdev_tool ioctl-int PATH CMD      ioctl(CMD, &int); prints the int
 *   chrdev_tool ioctl PATH CMD [ARG]    ioctl(CMD, ARG); prints the result
 *   chrdev_tool poll PATH in|out MS     poll(); prints "in", "out", "in out" or "timeout"
 *   chrdev_tool read-nb PATH            O_NONBLOCK read of up to 4096 bytes; prints them
 *   chrdev_tool read-alarm PATH MS      blocking read, SIGALRM (no SA_RESTART) after MS
 *
 * A failing call prints "error ENAME" on stdout and exits 1, so scripts
 * compare the errno by name; bad usage exits 2.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <unistd.h>

static int fail(void)
{
	const char *name = strerrorname_np(errno);

	printf("error %s\n", name ? name : "?");
	return 1;
}

static int usage(void)
{
	fprintf(stderr, "usage: chrdev_tool ioctl-int|ioctl|poll|read-nb|read-alarm PATH ...\n");
	return 2;
}

static unsigned long number(const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || *end || end == s) {
		fprintf(stderr, "chrdev_tool: '%s' is not a number\n", s);
		exit(2);
	}
	return v;
}

static void on_alarm(int sig)
{
	(void)sig;
}

int main(int argc, char **argv)
{
	const char *op, *path;
	char buf[4096];
	ssize_t n;
	int fd, v = 0;
	long r;

	if (argc < 3)
		return usage();
	op = argv[1];
	path = argv[2];
	if (!strcmp(op, "ioctl-int") && argc == 4) {
		fd = open(path, O_RDWR);
		if (fd < 0 || ioctl(fd, (unsigned int)number(argv[3]), &v) < 0)
			return fail();
		printf("%d\n", v);
	} else if (!strcmp(op, "ioctl") && (argc == 4 || argc == 5)) {
		fd = open(path, O_RDWR);
		if (fd < 0)
			return fail();
		r = ioctl(fd, (unsigned int)number(argv[3]), argc == 5 ? number(argv[4]) : 0UL);
		if (r < 0)
			return fail();
		printf("%ld\n", r);
	} else if (!strcmp(op, "poll") && argc == 5) {
		struct pollfd p = { .events = strcmp(argv[3], "out") ? POLLIN : POLLOUT };

		p.fd = open(path, O_RDWR);
		if (p.fd < 0)
			return fail();
		r = poll(&p, 1, (int)number(argv[4]));
		if (r < 0)
			return fail();
		if (!r)
			printf("timeout\n");
		else
			printf("%s%s%s\n", p.revents & POLLIN ? "in" : "",
			       (p.revents & (POLLIN | POLLOUT)) == (POLLIN | POLLOUT) ? " " : "",
			       p.revents & POLLOUT ? "out" : "");
	} else if (!strcmp(op, "read-nb") && argc == 3) {
		fd = open(path, O_RDONLY | O_NONBLOCK);
		if (fd < 0)
			return fail();
		n = read(fd, buf, sizeof(buf));
		if (n < 0)
			return fail();
		fwrite(buf, 1, (size_t)n, stdout);
	} else if (!strcmp(op, "read-alarm") && argc == 4) {
		struct sigaction sa = { .sa_handler = on_alarm };	/* no SA_RESTART */
		struct itimerval it = { 0 };
		unsigned long ms = number(argv[3]);

		sigaction(SIGALRM, &sa, NULL);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			return fail();
		it.it_value.tv_sec = (time_t)(ms / 1000);
		it.it_value.tv_usec = (suseconds_t)(ms % 1000) * 1000;
		setitimer(ITIMER_REAL, &it, NULL);
		n = read(fd, buf, sizeof(buf));
		if (n < 0)
			return fail();
		fwrite(buf, 1, (size_t)n, stdout);
	} else {
		return usage();
	}
	return 0;
}
