/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/string_helpers.h - human-readable sizes, case conversion and
 * yes/no style helpers (6.1 API).  (kapi-shim/lib/string_helpers.c)
 */
#ifndef _LINUX_STRING_HELPERS_H_
#define _LINUX_STRING_HELPERS_H_

#include <linux/bits.h>
#include <linux/ctype.h>
#include <linux/string.h>
#include <linux/types.h>

enum string_size_units {
	STRING_UNITS_10,	/* use powers of 10^3 (standard SI) */
	STRING_UNITS_2,		/* use binary powers of 2^10 */
};

/*
 * @size blocks of @blk_size bytes, as "4.00 MiB": three significant
 * digits, rounded to nearest, in @buf (at most @len bytes).
 */
void string_get_size(u64 size, u64 blk_size, enum string_size_units units,
		     char *buf, int len);

static inline void string_upper(char *dst, const char *src)
{
	do {
		*dst++ = toupper(*src);
	} while (*src++);
}

static inline void string_lower(char *dst, const char *src)
{
	do {
		*dst++ = tolower(*src);
	} while (*src++);
}

static inline const char *str_yes_no(bool v)
{
	return v ? "yes" : "no";
}

static inline const char *str_on_off(bool v)
{
	return v ? "on" : "off";
}

static inline const char *str_enable_disable(bool v)
{
	return v ? "enable" : "disable";
}

static inline const char *str_enabled_disabled(bool v)
{
	return v ? "enabled" : "disabled";
}

static inline const char *str_read_write(bool v)
{
	return v ? "read" : "write";
}

static inline const char *str_true_false(bool v)
{
	return v ? "true" : "false";
}

#endif
