// SPDX-License-Identifier: GPL-2.0
/*
 * tests/host/test_rust_misc_device.c - the Rust misc device sample
 * (drivers/samples/rust/rust_misc_device.rs, over rust/kernel/miscdevice.rs)
 * driven from the user side, one process holding one file across calls:
 * the per-open state lives from open to close, read/write/ioctl move
 * bytes through copy_{to,from}_user and the iov_iter, every Rust Err is
 * the errno the process sees (EFAULT, EINVAL, ENOTTY, ENOMEM), and
 * unloading leaves nothing behind (ktest_shutdown fails on any report:
 * leak, WARN, lockdep, might_sleep).
 *
 * Needs the module built (rustc and bindgen): skipped with the reason
 * when the toolchain is missing, failed when it is there but the module
 * was not built.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ktest.h"
#include "ksim/failslab.h"
#include "ksim/user.h"
#include "sim/loader.h"

TestSuite(rust_misc_device, .init = ktest_boot, .fini = ktest_shutdown, .timeout = 120);

#define DEV		"/dev/rust-misc-device"
/* The sample's commands: _IO('|', 0x80), _IOR('|', 0x81, int), _IOW('|', 0x82, int). */
#define HELLO		0x7c80u
#define GET_VALUE	0x80047c81u
#define SET_VALUE	0x40047c82u

static struct ksim_loaded_module *load(const char *arg)
{
	struct ksim_module_arg a = { .text = arg, .origin = "test" };
	struct ksim_loaded_module *lm = NULL;
	const char *tree = getenv("KSIM_OBJTREE");
	char path[512], err[256];
	int ret;

	snprintf(path, sizeof(path), "%s/drivers/samples/rust/rust_misc_device.ko",
		 tree && *tree ? tree : ".");
	if (access(path, R_OK)) {
		if (access("/usr/bin/rustc", X_OK) || access("/usr/bin/bindgen", X_OK))
			cr_skip_test("%s not built: rustc or bindgen is not installed "
				     "(make deps installs them)", path);
		cr_assert_fail("rustc and bindgen are installed but %s was not built", path);
	}
	ret = ksim_insmod(path, &a, arg ? 1 : 0, &lm, err, sizeof(err));
	cr_assert_eq(ret, 0, "insmod %s: %d %s", path, ret, err);
	return lm;
}

/* A mapped int in @p's address space; its host view in *@host. */
static uint64_t user_int(struct ksim_proc *p, int32_t **host)
{
	uint64_t u = ksim_user_mmap(p, sizeof(int32_t), KSIM_PROT_READ | KSIM_PROT_WRITE);

	cr_assert_neq(u, 0);
	*host = ksim_user_host_ptr(p, u, sizeof(int32_t));
	cr_assert_not_null(*host);
	return u;
}

static void read_expect(struct ksim_proc *p, int fd, const char *want)
{
	char buf[64];
	ssize_t n = ksim_user_read(p, fd, buf, sizeof(buf));

	cr_assert_eq(n, (ssize_t)strlen(want), "read %zd, expected %zu", n, strlen(want));
	cr_assert_eq(memcmp(buf, want, strlen(want)), 0);
}

Test(rust_misc_device, state_lives_from_open_to_close)
{
	struct ksim_loaded_module *lm = load(NULL);
	struct ksim_proc *p = ksim_proc_create("user");
	int32_t *v;
	uint64_t uv;
	int fd, fd2;

	cr_assert_not_null(p);
	uv = user_int(p, &v);
	fd = ksim_sys_open(p, DEV, O_RDWR);
	cr_assert_geq(fd, 0, "open: %d", fd);

	/* A write replaces the buffer and rewinds; reads walk it to EOF. */
	cr_assert_eq(ksim_user_write(p, fd, "hello", 5), 5);
	read_expect(p, fd, "hello");
	read_expect(p, fd, "");
	cr_assert_eq(ksim_user_write(p, fd, "hi", 2), 2);
	read_expect(p, fd, "hi");

	/* The value: 0 at open, set and read back through user memory. */
	*v = -1;
	cr_assert_eq(ksim_sys_ioctl(p, fd, GET_VALUE, uv), 0);
	cr_assert_eq(*v, 0);
	*v = 42;
	cr_assert_eq(ksim_sys_ioctl(p, fd, SET_VALUE, uv), 0);
	*v = 0;
	cr_assert_eq(ksim_sys_ioctl(p, fd, GET_VALUE, uv), 0);
	cr_assert_eq(*v, 42);
	cr_assert_eq(ksim_sys_ioctl(p, fd, HELLO, 0), 0);

	/* A second open has its own state. */
	fd2 = ksim_sys_open(p, DEV, O_RDWR);
	cr_assert_geq(fd2, 0);
	cr_assert_eq(ksim_sys_ioctl(p, fd2, GET_VALUE, uv), 0);
	cr_assert_eq(*v, 0);
	read_expect(p, fd2, "");
	read_expect(p, fd, "");

	cr_assert_eq(ksim_sys_close(p, fd2), 0);
	cr_assert_eq(ksim_sys_close(p, fd), 0);
	ksim_proc_destroy(p);
	ksim_rmmod(lm);
}

Test(rust_misc_device, errors_are_the_right_errno)
{
	struct ksim_loaded_module *lm = load("max_size=8");
	struct ksim_proc *p = ksim_proc_create("user");
	/* Below every mapping: no region there, so every copy faults. */
	const uint64_t bad = 0x1000;
	int32_t *v;
	uint64_t uv;
	int fd;

	cr_assert_not_null(p);
	uv = user_int(p, &v);
	fd = ksim_sys_open(p, DEV, O_RDWR);
	cr_assert_geq(fd, 0);

	/* A user pointer that is not mapped: EFAULT, state unchanged. */
	*v = 5;
	cr_assert_eq(ksim_sys_ioctl(p, fd, SET_VALUE, uv), 0);
	cr_assert_eq(ksim_sys_ioctl(p, fd, SET_VALUE, bad), -EFAULT);
	cr_assert_eq(ksim_sys_ioctl(p, fd, GET_VALUE, bad), -EFAULT);
	*v = 0;
	cr_assert_eq(ksim_sys_ioctl(p, fd, GET_VALUE, uv), 0);
	cr_assert_eq(*v, 5);
	cr_assert_eq(ksim_sys_write(p, fd, bad, 4), -EFAULT);
	cr_assert_eq(ksim_user_write(p, fd, "abcd", 4), 4);
	cr_assert_eq(ksim_sys_read(p, fd, bad, 4), -EFAULT);

	/* The driver's own checks. */
	cr_assert_eq(ksim_sys_ioctl(p, fd, 0x40027c82u, uv), -EINVAL, "SET_VALUE with a short");
	cr_assert_eq(ksim_sys_ioctl(p, fd, 0x7c99u, 0), -ENOTTY, "unknown number");
	cr_assert_eq(ksim_user_write(p, fd, "123456789", 9), -EINVAL, "over max_size=8");
	cr_assert_eq(ksim_user_write(p, fd, "12345678", 8), 8);
	read_expect(p, fd, "12345678");

	cr_assert_eq(ksim_sys_close(p, fd), 0);
	ksim_proc_destroy(p);
	ksim_rmmod(lm);
}

/*
 * failslab on each allocation of an open and of a write in turn: the
 * Rust `?` turns it into ENOMEM for the caller, and nothing leaks (the
 * half-built state is dropped; ktest_shutdown fails on a leak report).
 */
Test(rust_misc_device, allocation_failures_are_enomem_without_leaks)
{
	struct ksim_loaded_module *lm = load(NULL);
	struct ksim_proc *p = ksim_proc_create("user");
	int failed_opens = 0, failed_writes = 0, n;
	char after[16];

	cr_assert_not_null(p);
	for (n = 0; n < 50; n++) {
		ssize_t w = 0;
		bool injected;
		int fd;

		snprintf(after, sizeof(after), "%d", n);
		cr_assert_eq(ksim_failslab_set("module", "rust_misc_device"), 0);
		cr_assert_eq(ksim_failslab_set("after", after), 0);
		cr_assert_eq(ksim_failslab_set("times", "1"), 0);
		cr_assert_eq(ksim_failslab_set("probability", "100"), 0);
		fd = ksim_sys_open(p, DEV, O_RDWR);
		if (fd >= 0)
			w = ksim_user_write(p, fd, "some bytes", 10);
		injected = ksim_failslab_injected() > 0;
		ksim_failslab_reset();
		if (fd < 0) {
			cr_assert_eq(fd, -ENOMEM, "open: %d", fd);
			cr_assert(injected);
			failed_opens++;
			continue;
		}
		if (w < 0) {
			cr_assert_eq(w, -ENOMEM, "write: %zd", w);
			cr_assert(injected);
			failed_writes++;
		} else {
			cr_assert_eq(w, 10);
			read_expect(p, fd, "some bytes");
		}
		cr_assert_eq(ksim_sys_close(p, fd), 0);
		if (!injected)
			break;
	}
	cr_log_info("%d allocations; %d opens and %d writes failed with ENOMEM", n,
		    failed_opens, failed_writes);
	cr_assert_lt(n, 50, "open and write allocate a bounded number of times");
	cr_assert_gt(failed_opens, 0, "an open allocation failed");
	cr_assert_gt(failed_writes, 0, "a write allocation failed");
	ksim_proc_destroy(p);
	ksim_rmmod(lm);
}
