// SPDX-License-Identifier: GPL-2.0-only
/*
 * lib/kstrtox.c - string to integer conversion: the strict kstrto*()
 * family and the lenient simple_strto*() (see <linux/kstrtox.h>).
 */
#include <linux/kstrtox.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/export.h>

/*
 * Resolve base 0 from the prefix ("0x" hex, "0" octal, else decimal) and
 * skip an "0x" in base 16.  Returns where the digits start.
 */
static const char *fixup_radix(const char *s, unsigned int *base)
{
	if (*base == 0) {
		if (s[0] == '0') {
			if ((s[1] | 0x20) == 'x' && isxdigit(s[2]))
				*base = 16;
			else
				*base = 8;
		} else {
			*base = 10;
		}
	}
	if (*base == 16 && s[0] == '0' && (s[1] | 0x20) == 'x')
		s += 2;
	return s;
}

/* Value of digit @c, or 16 (not a digit in any base we take) otherwise. */
static unsigned int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return 16;
}

/*
 * Parse digits of @base from @s, at most @max_chars of them.  Returns the
 * number of characters used; *@overflow tells whether the value wrapped.
 */
static unsigned int parse_digits(const char *s, unsigned int base,
				 size_t max_chars, unsigned long long *res,
				 bool *overflow)
{
	unsigned long long acc = 0;
	unsigned int n = 0, d;

	*overflow = false;
	while (n < max_chars) {
		d = digit_value(s[n]);
		if (d >= base)
			break;
		if (__builtin_mul_overflow(acc, (unsigned long long)base, &acc) ||
		    __builtin_add_overflow(acc, (unsigned long long)d, &acc))
			*overflow = true;
		n++;
	}
	*res = acc;
	return n;
}

static int do_kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long value;
	unsigned int used;
	bool overflow;

	s = fixup_radix(s, &base);
	used = parse_digits(s, base, SIZE_MAX, &value, &overflow);
	if (overflow)
		return -ERANGE;
	if (used == 0)
		return -EINVAL;
	s += used;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = value;
	return 0;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	if (s[0] == '+')
		s++;
	return do_kstrtoull(s, base, res);
}
EXPORT_SYMBOL(kstrtoull);

int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long tmp;
	int rv;

	if (s[0] == '-') {
		rv = do_kstrtoull(s + 1, base, &tmp);
		if (rv < 0)
			return rv;
		/* LLONG_MIN's magnitude is one more than LLONG_MAX. */
		if (tmp > (unsigned long long)LLONG_MAX + 1)
			return -ERANGE;
		*res = -(long long)(tmp - 1) - 1;
		if (tmp == 0)
			*res = 0;
		return 0;
	}
	rv = kstrtoull(s, base, &tmp);
	if (rv < 0)
		return rv;
	if (tmp > LLONG_MAX)
		return -ERANGE;
	*res = tmp;
	return 0;
}
EXPORT_SYMBOL(kstrtoll);

int _kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long tmp;
	int rv = kstrtoull(s, base, &tmp);

	if (rv < 0)
		return rv;
	if (tmp != (unsigned long)tmp)
		return -ERANGE;
	*res = tmp;
	return 0;
}
EXPORT_SYMBOL(_kstrtoul);

int _kstrtol(const char *s, unsigned int base, long *res)
{
	long long tmp;
	int rv = kstrtoll(s, base, &tmp);

	if (rv < 0)
		return rv;
	if (tmp != (long)tmp)
		return -ERANGE;
	*res = tmp;
	return 0;
}
EXPORT_SYMBOL(_kstrtol);

/* The narrower types: parse at full width, then check the range. */
#define KSTRTO_UNSIGNED(name, type, maxval)				\
int name(const char *s, unsigned int base, type *res)			\
{									\
	unsigned long long tmp;						\
	int rv = kstrtoull(s, base, &tmp);				\
									\
	if (rv < 0)							\
		return rv;						\
	if (tmp > (maxval))						\
		return -ERANGE;						\
	*res = tmp;							\
	return 0;							\
}									\
EXPORT_SYMBOL(name)

#define KSTRTO_SIGNED(name, type, minval, maxval)			\
int name(const char *s, unsigned int base, type *res)			\
{									\
	long long tmp;							\
	int rv = kstrtoll(s, base, &tmp);				\
									\
	if (rv < 0)							\
		return rv;						\
	if (tmp < (minval) || tmp > (maxval))				\
		return -ERANGE;						\
	*res = tmp;							\
	return 0;							\
}									\
EXPORT_SYMBOL(name)

KSTRTO_UNSIGNED(kstrtouint, unsigned int, UINT_MAX);
KSTRTO_SIGNED(kstrtoint, int, INT_MIN, INT_MAX);
KSTRTO_UNSIGNED(kstrtou16, u16, U16_MAX);
KSTRTO_SIGNED(kstrtos16, s16, S16_MIN, S16_MAX);
KSTRTO_UNSIGNED(kstrtou8, u8, U8_MAX);
KSTRTO_SIGNED(kstrtos8, s8, S8_MIN, S8_MAX);

/*
 * kstrtobool - 0 when the first character says yes (e, y, t, 1) or no (d,
 * n, f, 0), in either case, or the string starts "on"/"off"; -EINVAL else.
 */
int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;

	switch (s[0]) {
	case 'e': case 'E':
	case 'y': case 'Y':
	case 't': case 'T':
	case '1':
		*res = true;
		return 0;
	case 'd': case 'D':
	case 'n': case 'N':
	case 'f': case 'F':
	case '0':
		*res = false;
		return 0;
	case 'o': case 'O':
		switch (s[1]) {
		case 'n': case 'N':
			*res = true;
			return 0;
		case 'f': case 'F':
			*res = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}
EXPORT_SYMBOL(kstrtobool);

/* ---- simple_strto*: stop at the first non-digit, wrap on overflow ---- */

/* Shared with vsscanf(), which limits the digits by field width. */
unsigned long long ksim_simple_strntoull(const char *cp, char **endp,
					 unsigned int base, size_t max_chars)
{
	const char *start = cp;
	unsigned long long result;
	unsigned int used;
	bool overflow;

	if (base == 0 || base == 16) {
		cp = fixup_radix(cp, &base);
		/* A prefix cut off by the field width is not skipped. */
		if ((size_t)(cp - start) > max_chars)
			cp = start;
		else
			max_chars -= cp - start;
	}
	used = parse_digits(cp, base, max_chars, &result, &overflow);
	if (endp)
		*endp = (char *)(cp + used);
	return result;
}

unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
{
	return ksim_simple_strntoull(cp, endp, base, SIZE_MAX);
}
EXPORT_SYMBOL(simple_strtoull);

unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	return simple_strtoull(cp, endp, base);
}
EXPORT_SYMBOL(simple_strtoul);

long long simple_strtoll(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -(long long)simple_strtoull(cp + 1, endp, base);
	return simple_strtoull(cp, endp, base);
}
EXPORT_SYMBOL(simple_strtoll);

long simple_strtol(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -(long)simple_strtoul(cp + 1, endp, base);
	return simple_strtoul(cp, endp, base);
}
EXPORT_SYMBOL(simple_strtol);
