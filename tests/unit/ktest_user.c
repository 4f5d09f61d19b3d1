// SPDX-License-Identifier: GPL-2.0
/* tests/unit/ktest_user.c - see ktest_user.h */
#include <fcntl.h>
#include <string.h>

#include "ktest_user.h"
#include "ksim/user.h"

ssize_t ktest_cat(const char *path, char *buf, size_t size, size_t chunk)
{
	struct ksim_proc *p = ksim_proc_create("cat");
	size_t len = 0;
	ssize_t n = -12;
	int fd;

	if (!p)
		return n;
	fd = ksim_sys_open(p, path, O_RDONLY);
	if (fd < 0) {
		n = fd;
		goto out;
	}
	for (;;) {
		size_t want = size - 1 - len < chunk ? size - 1 - len : chunk;

		n = ksim_user_read(p, fd, buf + len, want);
		if (n <= 0)
			break;
		len += n;
		if (len == size - 1)
			break;
	}
	buf[len] = '\0';
	if (n >= 0)
		n = len;
out:
	ksim_proc_destroy(p);
	return n;
}

ssize_t ktest_echo(const char *path, const char *text)
{
	struct ksim_proc *p = ksim_proc_create("echo");
	ssize_t n = -12;
	int fd;

	if (!p)
		return n;
	fd = ksim_sys_open(p, path, O_WRONLY);
	n = fd < 0 ? fd : ksim_user_write(p, fd, text, strlen(text));
	ksim_proc_destroy(p);
	return n;
}
