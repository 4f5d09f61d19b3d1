/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lib/kunit/string-stream.h - where a failed assertion's message is put
 * together before it is printed.  A fixed buffer on the failing thread's
 * stack: a failure report must not allocate (the test may be testing
 * allocation failure) and long messages are cut, with a mark.
 */
#ifndef _KUNIT_STRING_STREAM_H
#define _KUNIT_STRING_STREAM_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/stdarg.h>

#define KUNIT_STREAM_SIZE 2048

struct string_stream {
	size_t len;
	bool truncated;
	char buf[KUNIT_STREAM_SIZE];
};

__printf(2, 3) void string_stream_add(struct string_stream *stream, const char *fmt, ...);
void string_stream_vadd(struct string_stream *stream, const char *fmt, va_list args);

#endif
