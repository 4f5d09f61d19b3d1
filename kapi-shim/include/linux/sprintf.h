/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/sprintf.h - the kernel's printf family (lib/vsprintf.c), with its
 * format extensions: %pS, %pe, %ph, %pU, %pI4, %pa, %pV, %*pb[l]...
 *
 * snprintf, vsnprintf, sprintf, vsprintf, sscanf and vsscanf share their
 * names with libc but not their meaning, so in kernel world they are bound
 * by asm label to ksim_snprintf etc.; host-world code (the shim, tests)
 * calls the ksim_ names explicitly and keeps libc's own.
 *
 * %p without an extension prints the raw address (as the kernel does when
 * booted with no_hash_pointers): a test bench has no address to hide, and
 * a hashed value could not be matched against a debugger's view.
 */
#ifndef _LINUX_KERNEL_SPRINTF_H_
#define _LINUX_KERNEL_SPRINTF_H_

#include <linux/compiler_types.h>
#include <linux/types.h>
#include <linux/stdarg.h>

/* %pV: print a nested format and its arguments. */
struct va_format {
	const char *fmt;
	va_list *va;
};

__printf(3, 4) int ksim_snprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 0) int ksim_vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(2, 3) int ksim_sprintf(char *buf, const char *fmt, ...);
__printf(2, 0) int ksim_vsprintf(char *buf, const char *fmt, va_list args);
__scanf(2, 3) int ksim_sscanf(const char *buf, const char *fmt, ...);
__scanf(2, 0) int ksim_vsscanf(const char *buf, const char *fmt, va_list args);

#ifdef __KERNEL__
__printf(2, 3) int sprintf(char *buf, const char *fmt, ...)
	__asm__("ksim_sprintf");
__printf(2, 0) int vsprintf(char *buf, const char *fmt, va_list args)
	__asm__("ksim_vsprintf");
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...)
	__asm__("ksim_snprintf");
__printf(3, 0) int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
	__asm__("ksim_vsnprintf");
__scanf(2, 3) int sscanf(const char *buf, const char *fmt, ...)
	__asm__("ksim_sscanf");
__scanf(2, 0) int vsscanf(const char *buf, const char *fmt, va_list args)
	__asm__("ksim_vsscanf");
#endif

/* Like snprintf, but return what was actually written (without the NUL). */
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 0) int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);

/* Allocating forms (mm/util.c); free with kfree(). */
__printf(2, 3) __malloc char *kasprintf(gfp_t gfp, const char *fmt, ...);
__printf(2, 0) __malloc char *kvasprintf(gfp_t gfp, const char *fmt, va_list args);
__printf(2, 0) const char *kvasprintf_const(gfp_t gfp, const char *fmt, va_list args);

/* Decimal @num into @buf (no NUL); @width pads with zeros.  0 if it does not fit. */
int num_to_str(char *buf, int size, unsigned long long num, unsigned int width);

#endif
