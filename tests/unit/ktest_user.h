/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/unit/ktest_user.h - one-shot file access through the user side
 * (<ksim/user.h>) for the suites of the file layer: each call runs in a
 * fresh process, as `cat` and `echo >` would.
 */
#ifndef KSIM_KTEST_USER_H
#define KSIM_KTEST_USER_H

#include <sys/types.h>

/*
 * Read @path to the end in chunks of @chunk bytes into @buf (NUL added).
 * Returns the length, or -errno of the failing open or read.
 */
ssize_t ktest_cat(const char *path, char *buf, size_t size, size_t chunk);
/* Write @text to @path in one write(2): its return value, or -errno of open. */
ssize_t ktest_echo(const char *path, const char *text);

#endif
