// SPDX-License-Identifier: GPL-2.0
/*
 * lib/string.c - the kernel's string functions.
 *
 * Those libc also has with the same meaning are libc's, exported here by
 * name so modules can bind to them (gcc emits memcpy/memset calls of its
 * own even in freestanding code).  The kernel-only ones follow.
 */
/* strchrnul() is a GNU extension in libc. */
#define _GNU_SOURCE
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/bug.h>
#include <linux/limits.h>
#include <linux/export.h>

EXPORT_SYMBOL(memcpy);
EXPORT_SYMBOL(memmove);
EXPORT_SYMBOL(memset);
EXPORT_SYMBOL(memcmp);
EXPORT_SYMBOL(bcmp);
EXPORT_SYMBOL(memchr);
EXPORT_SYMBOL(strlen);
EXPORT_SYMBOL(strnlen);
EXPORT_SYMBOL(strcmp);
EXPORT_SYMBOL(strncmp);
EXPORT_SYMBOL(strcasecmp);
EXPORT_SYMBOL(strncasecmp);
EXPORT_SYMBOL(strcpy);
EXPORT_SYMBOL(strncpy);
EXPORT_SYMBOL(stpcpy);
EXPORT_SYMBOL(strcat);
EXPORT_SYMBOL(strncat);
EXPORT_SYMBOL(strchr);
EXPORT_SYMBOL(strchrnul);
EXPORT_SYMBOL(strrchr);
EXPORT_SYMBOL(strstr);
EXPORT_SYMBOL(strpbrk);
EXPORT_SYMBOL(strsep);
EXPORT_SYMBOL(strspn);
EXPORT_SYMBOL(strcspn);

/*
 * strscpy - copy a C string into a sized buffer, always NUL-terminated
 * (unless @count is 0).  Returns the number of characters copied, or
 * -E2BIG when @src did not fit and was truncated.
 */
ssize_t strscpy(char *dest, const char *src, size_t count)
{
	size_t len;

	if (count == 0 || WARN_ON_ONCE(count > INT_MAX))
		return -E2BIG;
	len = strnlen(src, count);
	if (len == count) {
		/* No NUL within @count: keep count - 1 characters. */
		memcpy(dest, src, count - 1);
		dest[count - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dest, src, len + 1);
	return len;
}
EXPORT_SYMBOL(strscpy);

/* strscpy, then zero the rest of @dest so no stale bytes leak out. */
ssize_t strscpy_pad(char *dest, const char *src, size_t count)
{
	ssize_t written = strscpy(dest, src, count);

	if (written < 0 || written == count - 1)
		return written;
	memset(dest + written + 1, 0, count - written - 1);
	return written;
}
EXPORT_SYMBOL(strscpy_pad);

/* BSD strlcpy: returns strlen(@src), so a result >= @size means truncation. */
size_t strlcpy(char *dest, const char *src, size_t size)
{
	size_t ret = strlen(src);
	size_t len;

	if (size) {
		len = ret >= size ? size - 1 : ret;
		memcpy(dest, src, len);
		dest[len] = '\0';
	}
	return ret;
}
EXPORT_SYMBOL(strlcpy);

/*
 * BSD strlcat: returns the length the whole result would have.  As in the
 * kernel, a @dest with no NUL within @count is a BUG.
 */
size_t strlcat(char *dest, const char *src, size_t count)
{
	size_t dsize = strlen(dest);
	size_t len = strlen(src);
	size_t res = dsize + len;

	BUG_ON(dsize >= count);
	dest += dsize;
	count -= dsize;
	if (len >= count)
		len = count - 1;
	memcpy(dest, src, len);
	dest[len] = '\0';
	return res;
}
EXPORT_SYMBOL(strlcat);

/* strchr within the first @count bytes. */
/* The terminator counts as part of the string: strnchr(s, n, '\0') finds it. */
char *strnchr(const char *s, size_t count, int c)
{
	while (count--) {
		if (*s == (char)c)
			return (char *)s;
		if (*s++ == '\0')
			break;
	}
	return NULL;
}
EXPORT_SYMBOL(strnchr);

/* Like strnchr, but a miss returns where the scan stopped. */
char *strnchrnul(const char *s, size_t count, int c)
{
	while (count-- && *s && *s != (char)c)
		s++;
	return (char *)s;
}
EXPORT_SYMBOL(strnchrnul);

/* strstr within the first @len bytes of @s1. */
char *strnstr(const char *s1, const char *s2, size_t len)
{
	size_t l2 = strlen(s2);

	if (!l2)
		return (char *)s1;
	while (len >= l2) {
		len--;
		if (!memcmp(s1, s2, l2))
			return (char *)s1;
		s1++;
	}
	return NULL;
}
EXPORT_SYMBOL(strnstr);

/* The first byte equal to @c, or @addr + @size. */
void *memscan(void *addr, int c, size_t size)
{
	unsigned char *p = addr;

	while (size) {
		if (*p == (unsigned char)c)
			return p;
		p++;
		size--;
	}
	return p;
}
EXPORT_SYMBOL(memscan);

/* The first byte that is not @c, or NULL when all @bytes are @c. */
void *memchr_inv(const void *start, int c, size_t bytes)
{
	const u8 *p = start;
	u8 value = c;
	u64 pattern = 0x0101010101010101ULL * value;
	u64 word;

	/* A word at a time for the long runs (checking freed or zeroed buffers). */
	while (bytes && ((unsigned long)p & 7)) {
		if (*p != value)
			return (void *)p;
		p++;
		bytes--;
	}
	while (bytes >= 8) {
		memcpy(&word, p, 8);
		if (word != pattern)
			break;
		p += 8;
		bytes -= 8;
	}
	while (bytes) {
		if (*p != value)
			return (void *)p;
		p++;
		bytes--;
	}
	return NULL;
}
EXPORT_SYMBOL(memchr_inv);

char *skip_spaces(const char *str)
{
	while (isspace(*str))
		++str;
	return (char *)str;
}
EXPORT_SYMBOL(skip_spaces);

/* Cut trailing white space in place; return the first non-space character. */
char *strim(char *s)
{
	size_t size = strlen(s);
	char *end;

	if (!size)
		return s;
	end = s + size - 1;
	while (end >= s && isspace(*end))
		end--;
	*(end + 1) = '\0';
	return skip_spaces(s);
}
EXPORT_SYMBOL(strim);

/* Equal, treating one trailing newline on either side as absent (sysfs input). */
bool sysfs_streq(const char *s1, const char *s2)
{
	while (*s1 && *s1 == *s2) {
		s1++;
		s2++;
	}
	if (*s1 == *s2)
		return true;
	if (!*s1 && *s2 == '\n' && !s2[1])
		return true;
	if (*s1 == '\n' && !s1[1] && !*s2)
		return true;
	return false;
}
EXPORT_SYMBOL(sysfs_streq);

/*
 * Index of @string in @array (its first @n entries, stopping early at a NULL
 * entry), or -EINVAL.
 */
int match_string(const char * const *array, size_t n, const char *string)
{
	size_t index;

	for (index = 0; index < n && array[index]; index++)
		if (!strcmp(array[index], string))
			return index;
	return -EINVAL;
}
EXPORT_SYMBOL(match_string);

int __sysfs_match_string(const char * const *array, size_t n, const char *str)
{
	size_t index;

	for (index = 0; index < n && array[index]; index++)
		if (sysfs_streq(array[index], str))
			return index;
	return -EINVAL;
}
EXPORT_SYMBOL(__sysfs_match_string);

/* Replace every @old by @new; returns the terminating NUL of @s. */
char *strreplace(char *s, char old, char new)
{
	for (; *s; ++s)
		if (*s == old)
			*s = new;
	return s;
}
EXPORT_SYMBOL(strreplace);

/* A memset the compiler may not drop as a dead store (clearing secrets). */
void memzero_explicit(void *s, size_t count)
{
	memset(s, 0, count);
	barrier_data(s);
}
EXPORT_SYMBOL(memzero_explicit);

void *memset16(u16 *s, u16 v, size_t count)
{
	u16 *p = s;

	while (count--)
		*p++ = v;
	return s;
}
EXPORT_SYMBOL(memset16);

void *memset32(u32 *s, u32 v, size_t count)
{
	u32 *p = s;

	while (count--)
		*p++ = v;
	return s;
}
EXPORT_SYMBOL(memset32);

void *memset64(u64 *s, u64 v, size_t count)
{
	u64 *p = s;

	while (count--)
		*p++ = v;
	return s;
}
EXPORT_SYMBOL(memset64);
