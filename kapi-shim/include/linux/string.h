/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/string.h - string and memory functions.
 *
 * The ones libc also has, with the same meaning (memcpy, strcmp, strsep...),
 * are libc's: the shim exports them to modules by name (lib/string.c), and
 * host-world code sees libc's own <string.h> declarations.  The kernel-only
 * ones (strscpy, strim, sysfs_streq...) are implemented in lib/string.c.
 */
#ifndef _LINUX_STRING_H_
#define _LINUX_STRING_H_

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/stdarg.h>
#include <linux/array_size.h>

#ifdef __KERNEL__

void *memcpy(void *dest, const void *src, size_t count);
void *memmove(void *dest, const void *src, size_t count);
void *memset(void *s, int c, size_t count);
int memcmp(const void *cs, const void *ct, size_t count);
int bcmp(const void *a, const void *b, size_t len);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t count);
int strcmp(const char *cs, const char *ct);
int strncmp(const char *cs, const char *ct, size_t count);
int strcasecmp(const char *s1, const char *s2);
int strncasecmp(const char *s1, const char *s2, size_t len);
char *strcpy(char *dest, const char *src);
char *strncpy(char *dest, const char *src, size_t count);
char *stpcpy(char *__restrict__ dest, const char *__restrict__ src);
char *strcat(char *dest, const char *src);
char *strncat(char *dest, const char *src, size_t count);
char *strchr(const char *s, int c);
char *strchrnul(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *s1, const char *s2);
char *strpbrk(const char *cs, const char *ct);
char *strsep(char **s, const char *ct);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);

/*
 * gcc -ffreestanding treats these as ordinary calls; the builtins let it
 * expand small constant-size copies inline, as the kernel's build does.
 * Function-like, so &memcpy and the declarations above are untouched.
 */
#define memcpy(d, s, n)		__builtin_memcpy(d, s, n)
#define memmove(d, s, n)	__builtin_memmove(d, s, n)
#define memset(s, c, n)		__builtin_memset(s, c, n)
#define memcmp(a, b, n)		__builtin_memcmp(a, b, n)
#define strlen(s)		__builtin_strlen(s)

#else /* host world */

#include <string.h>
#include <strings.h>

#endif

/* Kernel-only (lib/string.c). */
ssize_t strscpy(char *dest, const char *src, size_t count);
ssize_t strscpy_pad(char *dest, const char *src, size_t count);
size_t strlcpy(char *dest, const char *src, size_t size);
size_t strlcat(char *dest, const char *src, size_t count);
char *strnchr(const char *s, size_t count, int c);
char *strnstr(const char *s1, const char *s2, size_t len);
char *strnchrnul(const char *s, size_t count, int c);
void *memscan(void *addr, int c, size_t size);
void *memchr_inv(const void *start, int c, size_t bytes);
char *skip_spaces(const char *str);
char *strim(char *s);
bool sysfs_streq(const char *s1, const char *s2);
int match_string(const char * const *array, size_t n, const char *string);
int __sysfs_match_string(const char * const *array, size_t n, const char *s);
char *strreplace(char *s, char old, char new);
void memzero_explicit(void *s, size_t count);
void *memset16(u16 *s, u16 v, size_t count);
void *memset32(u32 *s, u32 v, size_t count);
void *memset64(u64 *s, u64 v, size_t count);
int kstrtobool(const char *s, bool *res);

/* Allocating copies (mm/util.c); free with kfree() or kfree_const(). */
char *kstrdup(const char *s, gfp_t gfp) __malloc;
const char *kstrdup_const(const char *s, gfp_t gfp);
char *kstrndup(const char *s, size_t len, gfp_t gfp);
void *kmemdup(const void *src, size_t len, gfp_t gfp);
char *kmemdup_nul(const char *s, size_t len, gfp_t gfp);
void kfree_const(const void *x);

/* Strip surrounding white space in place (strim's older name). */
static inline char *strstrip(char *str)
{
	return strim(str);
}

static inline int strtobool(const char *s, bool *res)
{
	return kstrtobool(s, res);
}

/* Index of the first string in the array equal to @_s under sysfs_streq. */
#define sysfs_match_string(_a, _s) __sysfs_match_string(_a, ARRAY_SIZE(_a), _s)

/*
 * str_has_prefix - strlen(@prefix) when @str starts with it, else 0, so
 * the result can be used as an offset past the prefix.
 */
static __always_inline size_t str_has_prefix(const char *str, const char *prefix)
{
	size_t len = strlen(prefix);

	return strncmp(str, prefix, len) == 0 ? len : 0;
}

/* Copy @count bytes and fill the rest of @dest_len with @pad. */
static inline void memcpy_and_pad(void *dest, size_t dest_len, const void *src,
				  size_t count, int pad)
{
	if (dest_len > count) {
		memcpy(dest, src, count);
		memset((char *)dest + count, pad, dest_len - count);
	} else {
		memcpy(dest, src, dest_len);
	}
}

/* Zero from @member to the end of the struct. */
#define memset_after(obj, v, member)					\
({									\
	u8 *__ptr = (u8 *)(obj);					\
	typeof(v) __val = (v);						\
	memset(__ptr + offsetofend(typeof(*(obj)), member), __val,	\
	       sizeof(*(obj)) - offsetofend(typeof(*(obj)), member));	\
})

#define memset_startat(obj, v, member)					\
({									\
	u8 *__ptr = (u8 *)(obj);					\
	typeof(v) __val = (v);						\
	memset(__ptr + offsetof(typeof(*(obj)), member), __val,		\
	       sizeof(*(obj)) - offsetof(typeof(*(obj)), member));	\
})

static inline const char *kbasename(const char *path)
{
	const char *tail = strrchr(path, '/');

	return tail ? tail + 1 : path;
}

#endif
