// SPDX-License-Identifier: GPL-2.0
/*
 * lib/kunit/assert.c - turning a failed expectation or assertion into the
 * lines KUnit prints under the test's name:
 *
 *	EXPECTATION FAILED at drivers/foo/foo_test.c:42
 *	Expected len == 4, but
 *	    len == 3 (0x3)
 *
 * and the little text buffer (string-stream.h) they are written into.
 */
#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <kunit/assert.h>

#include "string-stream.h"

void string_stream_vadd(struct string_stream *stream, const char *fmt, va_list args)
{
	size_t room = sizeof(stream->buf) - stream->len;
	va_list copy;
	int need;

	va_copy(copy, args);
	need = ksim_vsnprintf(stream->buf + stream->len, room, fmt, copy);
	va_end(copy);
	if (need < 0)
		return;
	if ((size_t)need >= room) {
		stream->len = sizeof(stream->buf) - 1;
		stream->truncated = true;
	} else {
		stream->len += need;
	}
}

void string_stream_add(struct string_stream *stream, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	string_stream_vadd(stream, fmt, args);
	va_end(args);
}

void kunit_assert_prologue(const struct kunit_loc *loc, enum kunit_assert_type type,
			   struct string_stream *stream)
{
	const char *what = type == KUNIT_ASSERTION ? "ASSERTION" : "EXPECTATION";

	string_stream_add(stream, "%s FAILED at %s:%d\n", what, loc->file, loc->line);
}
EXPORT_SYMBOL_GPL(kunit_assert_prologue);

/* The test's own message (KUNIT_*_MSG), after the generated lines. */
static void assert_print_msg(const struct va_format *message, struct string_stream *stream)
{
	if (message->fmt)
		string_stream_add(stream, "\n%pV", message);
}

void kunit_fail_assert_format(const struct kunit_assert *assert,
			      const struct va_format *message,
			      struct string_stream *stream)
{
	string_stream_add(stream, "%pV", message);
}
EXPORT_SYMBOL_GPL(kunit_fail_assert_format);

void kunit_unary_assert_format(const struct kunit_assert *assert,
			       const struct va_format *message,
			       struct string_stream *stream)
{
	const struct kunit_unary_assert *unary =
		container_of(assert, struct kunit_unary_assert, assert);

	string_stream_add(stream, "    Expected %s to be %s, but is %s\n",
			  unary->condition, unary->expected_true ? "true" : "false",
			  unary->expected_true ? "false" : "true");
	assert_print_msg(message, stream);
}
EXPORT_SYMBOL_GPL(kunit_unary_assert_format);

void kunit_ptr_not_err_assert_format(const struct kunit_assert *assert,
				     const struct va_format *message,
				     struct string_stream *stream)
{
	const struct kunit_ptr_not_err_assert *ptr_assert =
		container_of(assert, struct kunit_ptr_not_err_assert, assert);

	if (!ptr_assert->value)
		string_stream_add(stream, "    Expected %s is not null, but is\n",
				  ptr_assert->text);
	else
		string_stream_add(stream, "    Expected %s is not error, but is: %ld\n",
				  ptr_assert->text, PTR_ERR(ptr_assert->value));
	assert_print_msg(message, stream);
}
EXPORT_SYMBOL_GPL(kunit_ptr_not_err_assert_format);

/* A side that is its own value ("3", "-EINVAL" spelled as a number) needs no line. */
static bool is_literal(const char *text, long long value)
{
	char buf[32];

	scnprintf(buf, sizeof(buf), "%lld", value);
	return !strcmp(text, buf);
}

static bool is_str_literal(const char *text, const char *value)
{
	size_t len = strlen(text);

	return len >= 2 && text[0] == '"' && text[len - 1] == '"' &&
	       strlen(value) == len - 2 && !strncmp(text + 1, value, len - 2);
}

void kunit_binary_assert_format(const struct kunit_assert *assert,
				const struct va_format *message,
				struct string_stream *stream)
{
	const struct kunit_binary_assert *binary =
		container_of(assert, struct kunit_binary_assert, assert);
	const struct kunit_binary_assert_text *text = binary->text;

	string_stream_add(stream, "    Expected %s %s %s, but\n",
			  text->left_text, text->operation, text->right_text);
	if (!is_literal(text->left_text, binary->left_value))
		string_stream_add(stream, "        %s == %lld (0x%llx)\n",
				  text->left_text, binary->left_value,
				  (unsigned long long)binary->left_value);
	if (!is_literal(text->right_text, binary->right_value))
		string_stream_add(stream, "        %s == %lld (0x%llx)",
				  text->right_text, binary->right_value,
				  (unsigned long long)binary->right_value);
	assert_print_msg(message, stream);
}
EXPORT_SYMBOL_GPL(kunit_binary_assert_format);

void kunit_binary_ptr_assert_format(const struct kunit_assert *assert,
				    const struct va_format *message,
				    struct string_stream *stream)
{
	const struct kunit_binary_ptr_assert *binary =
		container_of(assert, struct kunit_binary_ptr_assert, assert);
	const struct kunit_binary_assert_text *text = binary->text;

	string_stream_add(stream, "    Expected %s %s %s, but\n",
			  text->left_text, text->operation, text->right_text);
	string_stream_add(stream, "        %s == %px\n",
			  text->left_text, binary->left_value);
	string_stream_add(stream, "        %s == %px",
			  text->right_text, binary->right_value);
	assert_print_msg(message, stream);
}
EXPORT_SYMBOL_GPL(kunit_binary_ptr_assert_format);

void kunit_binary_str_assert_format(const struct kunit_assert *assert,
				    const struct va_format *message,
				    struct string_stream *stream)
{
	const struct kunit_binary_str_assert *binary =
		container_of(assert, struct kunit_binary_str_assert, assert);
	const struct kunit_binary_assert_text *text = binary->text;

	string_stream_add(stream, "    Expected %s %s %s, but\n",
			  text->left_text, text->operation, text->right_text);
	if (!is_str_literal(text->left_text, binary->left_value))
		string_stream_add(stream, "        %s == \"%s\"\n",
				  text->left_text, binary->left_value);
	if (!is_str_literal(text->right_text, binary->right_value))
		string_stream_add(stream, "        %s == \"%s\"",
				  text->right_text, binary->right_value);
	assert_print_msg(message, stream);
}
EXPORT_SYMBOL_GPL(kunit_binary_str_assert_format);
