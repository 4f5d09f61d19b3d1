// SPDX-License-Identifier: GPL-2.0-only
/*
 * lib/vsprintf.c - the kernel's printf and scanf, with the kernel's own
 * rules where they differ from C's and its %p extensions.
 *
 * Differences from libc that drivers (and their log parsers) see:
 *  - no floating point; %n is refused; an unknown conversion WARNs once and
 *    ends the output there, since the arguments can no longer be trusted;
 *  - "%#x" of 0 prints "0x0", a precision never suppresses the last digit,
 *    and the 0 flag still pads when a precision is given;
 *  - %p followed by letters is an extension and swallows all of them;
 *  - %p prints the raw address as 16 hex digits (the kernel with
 *    no_hash_pointers): ksim has no addresses to hide.
 *
 * Output is produced with a cursor that may run past @end: nothing is
 * stored there, but it keeps counting, so the return value is the length
 * the whole result would have had.
 */
#include <linux/errname.h>
#include <linux/kernel.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/bitmap.h>
#include <linux/bug.h>
#include <linux/export.h>
#include <asm/page.h>

#include "sim/host.h"

/* lib/kstrtox.c */
unsigned long long ksim_simple_strntoull(const char *cp, char **endp,
					 unsigned int base, size_t max_chars);

#define ZEROPAD	1	/* pad with zero */
#define SIGN	2	/* unsigned/signed long */
#define PLUS	4	/* show plus */
#define SPACE	8	/* space if plus */
#define LEFT	16	/* left justified */
#define SMALL	32	/* lowercase hex digits ('x' | 0x20) */
#define SPECIAL	64	/* prefix 0x or 0 */

struct printf_spec {
	unsigned int flags;
	unsigned int base;
	int field_width;	/* -1: none */
	int precision;		/* -1: none */
};

static const struct printf_spec default_dec_spec = {
	.base = 10, .field_width = -1, .precision = -1,
};

static inline char *put(char *buf, char *end, char c)
{
	if (buf < end)
		*buf = c;
	return buf + 1;
}

static char *put_repeat(char *buf, char *end, char c, int n)
{
	while (n-- > 0)
		buf = put(buf, end, c);
	return buf;
}

static char *number(char *buf, char *end, unsigned long long num,
		    struct printf_spec spec)
{
	static const char digits[] = "0123456789ABCDEF";
	char tmp[24];	/* 22 octal digits for 64 bits */
	char locase = (spec.flags & SMALL) ? 0x20 : 0;
	bool is_zero = num == 0;
	bool need_pfx = (spec.flags & SPECIAL) && spec.base != 10;
	int width = spec.field_width;
	int precision = spec.precision;
	char sign = 0;
	int i = 0;

	if (spec.flags & LEFT)
		spec.flags &= ~ZEROPAD;
	if (spec.flags & SIGN) {
		if ((long long)num < 0) {
			sign = '-';
			num = 0 - num;
			width--;
		} else if (spec.flags & PLUS) {
			sign = '+';
			width--;
		} else if (spec.flags & SPACE) {
			sign = ' ';
			width--;
		}
	}
	if (need_pfx) {
		if (spec.base == 16)
			width -= 2;
		else if (!is_zero)
			width--;
	}

	do {
		tmp[i++] = digits[num % spec.base] | locase;
		num /= spec.base;
	} while (num);

	/* The precision is a minimum digit count; it never hides a digit. */
	if (i > precision)
		precision = i;
	width -= precision;

	if (!(spec.flags & (ZEROPAD | LEFT))) {
		buf = put_repeat(buf, end, ' ', width);
		width = 0;
	}
	if (sign)
		buf = put(buf, end, sign);
	if (need_pfx) {
		if (spec.base == 16 || !is_zero)
			buf = put(buf, end, '0');
		if (spec.base == 16)
			buf = put(buf, end, 'X' | locase);
	}
	if (!(spec.flags & LEFT)) {
		buf = put_repeat(buf, end, (spec.flags & ZEROPAD) ? '0' : ' ', width);
		width = 0;
	}
	buf = put_repeat(buf, end, '0', precision - i);
	while (--i >= 0)
		buf = put(buf, end, tmp[i]);
	return put_repeat(buf, end, ' ', width);
}

/* @len characters of @s, padded with spaces to the field width. */
static char *emit_padded(char *buf, char *end, const char *s, int len,
			 struct printf_spec spec)
{
	int pad = spec.field_width - len;

	if (!(spec.flags & LEFT))
		buf = put_repeat(buf, end, ' ', pad);
	while (len-- > 0)
		buf = put(buf, end, *s++);
	if (spec.flags & LEFT)
		buf = put_repeat(buf, end, ' ', pad);
	return buf;
}

static char *string_nocheck(char *buf, char *end, const char *s,
			    struct printf_spec spec)
{
	size_t max = spec.precision < 0 ? (size_t)-1 : (size_t)spec.precision;

	return emit_padded(buf, end, s, strnlen(s, max), spec);
}

/*
 * Pointers the kernel would fault on print as a marker instead: NULL as
 * "(null)", the first page and error pointers as "(efault)".
 */
static const char *bad_pointer_msg(const void *ptr)
{
	if (!ptr)
		return "(null)";
	if ((unsigned long)ptr < PAGE_SIZE || IS_ERR_VALUE(ptr))
		return "(efault)";
	return NULL;
}

/* True (with the marker printed) when @ptr must not be dereferenced. */
static bool check_pointer(char **buf, char *end, const void *ptr,
			  struct printf_spec spec)
{
	const char *msg = bad_pointer_msg(ptr);

	if (!msg)
		return false;
	*buf = string_nocheck(*buf, end, msg, spec);
	return true;
}

static char *string(char *buf, char *end, const char *s,
		    struct printf_spec spec)
{
	if (check_pointer(&buf, end, s, spec))
		return buf;
	return string_nocheck(buf, end, s, spec);
}

static char *error_string(char *buf, char *end, const char *s,
			  struct printf_spec spec)
{
	spec.precision = -1;
	return string_nocheck(buf, end, s, spec);
}

/* The raw address, 16 zero-padded hex digits unless a width is given. */
static char *pointer_string(char *buf, char *end, const void *ptr,
			    struct printf_spec spec)
{
	spec.base = 16;
	spec.flags |= SMALL;
	if (spec.field_width == -1) {
		spec.field_width = 2 * sizeof(ptr);
		spec.flags |= ZEROPAD;
	}
	return number(buf, end, (unsigned long)ptr, spec);
}

/* "0x" and @size * 2 hex digits. */
static char *special_hex_number(char *buf, char *end, unsigned long long num,
				int size)
{
	struct printf_spec spec = {
		.flags = SPECIAL | SMALL | ZEROPAD,
		.base = 16,
		.field_width = 2 + 2 * size,
		.precision = -1,
	};

	return number(buf, end, num, spec);
}

/* ---- %pS %ps %pB: symbols ---- */

/* Turn "name+0x1c/0x90 [mod]" into "name+0x1d/0x90 [mod]" (for %pB). */
static void bump_offset(char *sym, size_t len)
{
	char *plus = strstr(sym, "+0x");
	char *slash, tmp[128];
	unsigned long long off;

	if (!plus)
		return;
	off = ksim_simple_strntoull(plus + 3, &slash, 16, (size_t)-1);
	if (*slash != '/')
		return;
	strscpy(tmp, slash, sizeof(tmp));
	ksim_snprintf(plus, len - (plus - sym), "+0x%llx%s", off + 1, tmp);
}

/*
 * The host's symbolizer gives "name+0xoff/0xsize [module] (file.c:42)".
 * The kernel prints no source position, so it goes; %ps also drops the
 * offset.
 */
static char *symbol_string(char *buf, char *end, void *ptr,
			   struct printf_spec spec, const char *fmt)
{
	unsigned long value = (unsigned long)ptr;
	char sym[256];
	char *cut;

	if (!ksim_host || !ksim_host->symbolize)
		return special_hex_number(buf, end, value, sizeof(void *));

	/* A return address after a noreturn call belongs to the caller. */
	if (fmt[0] == 'B')
		value--;
	ksim_host->symbolize((void *)value, sym, sizeof(sym));

	cut = strstr(sym, " (");
	if (cut)
		*cut = '\0';
	if (fmt[0] == 'B') {
		bump_offset(sym, sizeof(sym));
	} else if (fmt[0] == 's') {
		char *plus = strstr(sym, "+0x");

		if (plus) {
			char *rest = strchr(plus, ' ');

			if (rest)
				memmove(plus, rest, strlen(rest) + 1);
			else
				*plus = '\0';
		}
	}
	return string_nocheck(buf, end, sym, spec);
}

/* ---- %pe: error names ---- */

#define E(err) [err] = "-" #err
static const char *const errnames[] = {
	E(EPERM), E(ENOENT), E(ESRCH), E(EINTR), E(EIO), E(ENXIO), E(E2BIG),
	E(ENOEXEC), E(EBADF), E(ECHILD), E(EAGAIN), E(ENOMEM), E(EACCES),
	E(EFAULT), E(ENOTBLK), E(EBUSY), E(EEXIST), E(EXDEV), E(ENODEV),
	E(ENOTDIR), E(EISDIR), E(EINVAL), E(ENFILE), E(EMFILE), E(ENOTTY),
	E(ETXTBSY), E(EFBIG), E(ENOSPC), E(ESPIPE), E(EROFS), E(EMLINK),
	E(EPIPE), E(EDOM), E(ERANGE), E(EDEADLK), E(ENAMETOOLONG), E(ENOLCK),
	E(ENOSYS), E(ENOTEMPTY), E(ELOOP), E(ENOMSG), E(EIDRM), E(ECHRNG),
	E(EL2NSYNC), E(EL3HLT), E(EL3RST), E(ELNRNG), E(EUNATCH), E(ENOCSI),
	E(EL2HLT), E(EBADE), E(EBADR), E(EXFULL), E(ENOANO), E(EBADRQC),
	E(EBADSLT), E(EBFONT), E(ENOSTR), E(ENODATA), E(ETIME), E(ENOSR),
	E(ENONET), E(ENOPKG), E(EREMOTE), E(ENOLINK), E(EADV), E(ESRMNT),
	E(ECOMM), E(EPROTO), E(EMULTIHOP), E(EDOTDOT), E(EBADMSG),
	E(EOVERFLOW), E(ENOTUNIQ), E(EBADFD), E(EREMCHG), E(ELIBACC),
	E(ELIBBAD), E(ELIBSCN), E(ELIBMAX), E(ELIBEXEC), E(EILSEQ),
	E(ERESTART), E(ESTRPIPE), E(EUSERS), E(ENOTSOCK), E(EDESTADDRREQ),
	E(EMSGSIZE), E(EPROTOTYPE), E(ENOPROTOOPT), E(EPROTONOSUPPORT),
	E(ESOCKTNOSUPPORT), E(EOPNOTSUPP), E(EPFNOSUPPORT), E(EAFNOSUPPORT),
	E(EADDRINUSE), E(EADDRNOTAVAIL), E(ENETDOWN), E(ENETUNREACH),
	E(ENETRESET), E(ECONNABORTED), E(ECONNRESET), E(ENOBUFS), E(EISCONN),
	E(ENOTCONN), E(ESHUTDOWN), E(ETOOMANYREFS), E(ETIMEDOUT),
	E(ECONNREFUSED), E(EHOSTDOWN), E(EHOSTUNREACH), E(EALREADY),
	E(EINPROGRESS), E(ESTALE), E(EUCLEAN), E(ENOTNAM), E(ENAVAIL),
	E(EISNAM), E(EREMOTEIO), E(EDQUOT), E(ENOMEDIUM), E(EMEDIUMTYPE),
	E(ECANCELED), E(ENOKEY), E(EKEYEXPIRED), E(EKEYREVOKED),
	E(EKEYREJECTED), E(EOWNERDEAD), E(ENOTRECOVERABLE), E(ERFKILL),
	E(EHWPOISON),
	/* Kernel-internal codes. */
	E(ERESTARTSYS), E(ERESTARTNOINTR), E(ERESTARTNOHAND), E(ENOIOCTLCMD),
	E(ERESTART_RESTARTBLOCK), E(EPROBE_DEFER), E(EOPENSTALE), E(ENOPARAM),
	E(EBADHANDLE), E(ENOTSYNC), E(EBADCOOKIE), E(ENOTSUPP), E(ETOOSMALL),
	E(ESERVERFAULT), E(EBADTYPE), E(EJUKEBOX), E(EIOCBQUEUED),
	E(ERECALLCONFLICT), E(ENOGRACE),
};
#undef E

/* "-ENOMEM" for -ENOMEM, "ENOMEM" for ENOMEM, NULL when unknown (errname.h). */
const char *errname(int err)
{
	unsigned int n = err < 0 ? -err : err;
	const char *name;

	if (n >= ARRAY_SIZE(errnames) || !errnames[n])
		return NULL;
	name = errnames[n];
	return err < 0 ? name : name + 1;
}

EXPORT_SYMBOL(errname);

static char *err_ptr(char *buf, char *end, void *ptr, struct printf_spec spec)
{
	int err = PTR_ERR(ptr);
	const char *sym = errname(err);

	if (sym)
		return string_nocheck(buf, end, sym, spec);
	/* Not a known code: print the number. */
	spec.flags |= SIGN;
	spec.base = 10;
	return number(buf, end, (long long)err, spec);
}

/* ---- %ph, %pM, %pU, %pI: byte strings ---- */

static char *put_hex_byte(char *buf, char *end, u8 byte, bool upper)
{
	const char *digits = upper ? hex_asc_upper : hex_asc;

	buf = put(buf, end, digits[byte >> 4]);
	return put(buf, end, digits[byte & 0xf]);
}

/* %*ph: up to 64 bytes, width = count (1 without a width). */
static char *hex_string(char *buf, char *end, const u8 *addr,
			struct printf_spec spec, const char *fmt)
{
	char separator;
	int i, len = 1;

	if (spec.field_width == 0)
		return buf;
	if (check_pointer(&buf, end, addr, spec))
		return buf;

	switch (fmt[1]) {
	case 'C':
		separator = ':';
		break;
	case 'D':
		separator = '-';
		break;
	case 'N':
		separator = 0;
		break;
	default:
		separator = ' ';
		break;
	}
	if (spec.field_width > 0)
		len = min(spec.field_width, 64);

	for (i = 0; i < len; i++) {
		buf = put_hex_byte(buf, end, addr[i], false);
		if (separator && i != len - 1)
			buf = put(buf, end, separator);
	}
	return buf;
}

/* %pM "00:01:02:03:04:05", %pMR reversed, %pMF with '-', %pm without separator. */
static char *mac_address_string(char *buf, char *end, const u8 *addr,
				struct printf_spec spec, const char *fmt)
{
	char mac[3 * 6];
	char separator = fmt[0] == 'M' ? ':' : 0;
	bool reversed = false;
	int i, n = 0;

	if (check_pointer(&buf, end, addr, spec))
		return buf;
	if (fmt[1] == 'F')
		separator = '-';
	else if (fmt[1] == 'R')
		reversed = true;

	for (i = 0; i < 6; i++) {
		u8 b = addr[reversed ? 5 - i : i];

		mac[n++] = hex_asc_hi(b);
		mac[n++] = hex_asc_lo(b);
		if (separator && i != 5)
			mac[n++] = separator;
	}
	return emit_padded(buf, end, mac, n, spec);
}

/* %pU: 16 bytes as 8-4-4-4-12; b/B big endian, l/L little endian, upper case B/L. */
static char *uuid_string(char *buf, char *end, const u8 *addr,
			 struct printf_spec spec, const char *fmt)
{
	static const u8 be_order[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
	static const u8 le_order[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };
	const u8 *order = be_order;
	bool upper = false;
	char uuid[36];
	int i, n = 0;

	if (check_pointer(&buf, end, addr, spec))
		return buf;

	switch (fmt[1]) {
	case 'L':
		upper = true;
		fallthrough;
	case 'l':
		order = le_order;
		break;
	case 'B':
		upper = true;
		break;
	}

	for (i = 0; i < 16; i++) {
		u8 b = addr[order[i]];
		const char *digits = upper ? hex_asc_upper : hex_asc;

		uuid[n++] = digits[b >> 4];
		uuid[n++] = digits[b & 0xf];
		if (i == 3 || i == 5 || i == 7 || i == 9)
			uuid[n++] = '-';
	}
	return emit_padded(buf, end, uuid, n, spec);
}

/* %pI4 "1.2.3.4", %pi4 "001.002.003.004"; h/l: the u32 is host/little endian. */
static char *ip4_string(char *buf, char *end, const u8 *addr,
			struct printf_spec spec, const char *fmt)
{
	char ip[16];
	int i, n = 0, step = 1, index = 0;
	bool leading_zeros = fmt[0] == 'i';

	/* A host- or little-endian u32 holds the first octet in its top byte. */
	if (fmt[2] == 'h' || fmt[2] == 'l') {
		index = 3;
		step = -1;
	}
	for (i = 0; i < 4; i++, index += step) {
		u8 v = addr[index];

		if (leading_zeros || v >= 100)
			ip[n++] = '0' + v / 100;
		if (leading_zeros || v >= 10)
			ip[n++] = '0' + v / 10 % 10;
		ip[n++] = '0' + v % 10;
		if (i != 3)
			ip[n++] = '.';
	}
	return emit_padded(buf, end, ip, n, spec);
}

/*
 * %pI6 "2001:0db8:0000:...:0001", %pI6c compressed as RFC 5952 says
 * ("2001:db8::1"), %pi6 32 hex digits without colons.
 */
static char *ip6_string(char *buf, char *end, const u8 *addr,
			struct printf_spec spec, const char *fmt)
{
	char ip[48];
	int i, n = 0, zstart = -1, zlen = 0;
	bool compressed = fmt[0] == 'I' && fmt[2] == 'c';

	if (fmt[0] == 'i') {
		for (i = 0; i < 16; i++) {
			ip[n++] = hex_asc_hi(addr[i]);
			ip[n++] = hex_asc_lo(addr[i]);
		}
		return emit_padded(buf, end, ip, n, spec);
	}

	if (compressed) {
		/* The longest run of two or more zero groups becomes "::". */
		for (i = 0; i < 8; i++) {
			int j = i;

			while (j < 8 && !addr[2 * j] && !addr[2 * j + 1])
				j++;
			if (j - i > zlen && j - i >= 2) {
				zstart = i;
				zlen = j - i;
			}
			if (j > i)
				i = j - 1;
		}
	}

	for (i = 0; i < 8; i++) {
		u16 group = addr[2 * i] << 8 | addr[2 * i + 1];

		if (i == zstart) {
			ip[n++] = ':';
			if (i == 0)
				ip[n++] = ':';
			i += zlen - 1;
			continue;
		}
		if (compressed) {
			n += ksim_snprintf(ip + n, sizeof(ip) - n, "%x", group);
		} else {
			ip[n++] = hex_asc_hi(group >> 8);
			ip[n++] = hex_asc_lo(group >> 8);
			ip[n++] = hex_asc_hi(group & 0xff);
			ip[n++] = hex_asc_lo(group & 0xff);
		}
		if (i != 7)
			ip[n++] = ':';
	}
	return emit_padded(buf, end, ip, n, spec);
}

static char *ip_addr_string(char *buf, char *end, const void *ptr,
			    struct printf_spec spec, const char *fmt)
{
	if (check_pointer(&buf, end, ptr, spec))
		return buf;
	switch (fmt[1]) {
	case '4':
		return ip4_string(buf, end, ptr, spec, fmt);
	case '6':
		return ip6_string(buf, end, ptr, spec, fmt);
	}
	return error_string(buf, end, "(%pi?)", spec);
}

/* ---- %pa %pad ---- */

static char *address_val(char *buf, char *end, const void *addr,
			 struct printf_spec spec, const char *fmt)
{
	if (check_pointer(&buf, end, addr, spec))
		return buf;
	if (fmt[1] == 'd')
		return special_hex_number(buf, end, *(const dma_addr_t *)addr,
					  sizeof(dma_addr_t));
	return special_hex_number(buf, end, *(const phys_addr_t *)addr,
				  sizeof(phys_addr_t));
}

/* ---- %*pb %*pbl ---- */

/* As hex, in comma-separated 32-bit chunks, most significant first. */
static char *bitmap_string(char *buf, char *end, const unsigned long *bitmap,
			   struct printf_spec spec)
{
	struct printf_spec num_spec = {
		.flags = SMALL | ZEROPAD, .base = 16, .precision = -1,
	};
	int nr_bits = max(spec.field_width, 0);
	int chunk = nr_bits % 32 ? nr_bits % 32 : 32;
	int i;

	if (check_pointer(&buf, end, bitmap, spec))
		return buf;

	/* The top chunk may be partial; its digit count follows its width. */
	for (i = ALIGN(nr_bits, 32) - 32; i >= 0; i -= 32) {
		unsigned long word = bitmap[i / BITS_PER_LONG];
		u32 val = (word >> (i % BITS_PER_LONG)) &
			  (u32)((1ULL << chunk) - 1);

		if (i != ALIGN(nr_bits, 32) - 32)
			buf = put(buf, end, ',');
		num_spec.field_width = DIV_ROUND_UP(chunk, 4);
		buf = number(buf, end, val, num_spec);
		chunk = 32;
	}
	return buf;
}

/* As a list of decimal ranges: "0-3,8,10-11". */
static char *bitmap_list_string(char *buf, char *end,
				const unsigned long *bitmap,
				struct printf_spec spec)
{
	unsigned long nr_bits = max(spec.field_width, 0);
	unsigned long first, last;
	bool sep = false;

	if (check_pointer(&buf, end, bitmap, spec))
		return buf;

	for (first = find_first_bit(bitmap, nr_bits); first < nr_bits;
	     first = find_next_bit(bitmap, nr_bits, last + 1)) {
		last = find_next_zero_bit(bitmap, nr_bits, first + 1) - 1;
		if (sep)
			buf = put(buf, end, ',');
		sep = true;
		buf = number(buf, end, first, default_dec_spec);
		if (last != first) {
			buf = put(buf, end, '-');
			buf = number(buf, end, last, default_dec_spec);
		}
	}
	return buf;
}

/* ---- %pV ---- */

static char *va_format(char *buf, char *end, struct va_format *vaf,
		       struct printf_spec spec)
{
	va_list va;

	if (check_pointer(&buf, end, vaf, spec))
		return buf;
	va_copy(va, *vaf->va);
	buf += ksim_vsnprintf(buf, end > buf ? end - buf : 0, vaf->fmt, va);
	va_end(va);
	return buf;
}

/* @fmt points just after the 'p'. */
static char *pointer(const char *fmt, char *buf, char *end, void *ptr,
		     struct printf_spec spec)
{
	switch (*fmt) {
	case 'S':
	case 's':
	case 'B':
		return symbol_string(buf, end, ptr, spec, fmt);
	case 'e':
		if (!IS_ERR(ptr))
			break;
		return err_ptr(buf, end, ptr, spec);
	case 'h':
		return hex_string(buf, end, ptr, spec, fmt);
	case 'M':
	case 'm':
		return mac_address_string(buf, end, ptr, spec, fmt);
	case 'U':
		return uuid_string(buf, end, ptr, spec, fmt);
	case 'I':
	case 'i':
		return ip_addr_string(buf, end, ptr, spec, fmt);
	case 'a':
		return address_val(buf, end, ptr, spec, fmt);
	case 'V':
		return va_format(buf, end, ptr, spec);
	case 'b':
		if (fmt[1] == 'l')
			return bitmap_list_string(buf, end, ptr, spec);
		return bitmap_string(buf, end, ptr, spec);
	case 'x':
	case 'K':
	default:
		break;
	}
	return pointer_string(buf, end, ptr, spec);
}

/* ---- the format loop ---- */

static int skip_atoi(const char **s)
{
	int i = 0;

	while (isdigit(**s) && i < 0x7fffff)
		i = i * 10 + *((*s)++) - '0';
	return i;
}

enum qualifier { Q_NONE, Q_HH, Q_H, Q_L, Q_LL, Q_Z, Q_T, Q_J };

static const char *parse_qualifier(const char *fmt, enum qualifier *q)
{
	*q = Q_NONE;
	switch (*fmt) {
	case 'h':
		if (fmt[1] == 'h') {
			*q = Q_HH;
			return fmt + 2;
		}
		*q = Q_H;
		return fmt + 1;
	case 'l':
		if (fmt[1] == 'l') {
			*q = Q_LL;
			return fmt + 2;
		}
		*q = Q_L;
		return fmt + 1;
	case 'L':
	case 'q':
		*q = Q_LL;
		return fmt + 1;
	case 'z':
	case 'Z':
		*q = Q_Z;
		return fmt + 1;
	case 't':
		*q = Q_T;
		return fmt + 1;
	case 'j':
		*q = Q_J;
		return fmt + 1;
	}
	return fmt;
}

/* Fetch an integer argument of the qualified size, sign- or zero-extended. */
#define FETCH_INT(args, q, is_signed) ({					\
	unsigned long long __v;							\
	switch (q) {								\
	case Q_HH:								\
		__v = is_signed ? (long long)(signed char)va_arg(args, int) :	\
				  (unsigned char)va_arg(args, int);		\
		break;								\
	case Q_H:								\
		__v = is_signed ? (long long)(short)va_arg(args, int) :		\
				  (unsigned short)va_arg(args, int);		\
		break;								\
	case Q_L:								\
		__v = is_signed ? (long long)va_arg(args, long) :		\
				  va_arg(args, unsigned long);			\
		break;								\
	case Q_LL:								\
	case Q_J:								\
		__v = va_arg(args, unsigned long long);				\
		break;								\
	case Q_Z:								\
		__v = is_signed ? (long long)va_arg(args, ssize_t) :		\
				  va_arg(args, size_t);				\
		break;								\
	case Q_T:								\
		__v = (long long)va_arg(args, ptrdiff_t);			\
		break;								\
	default:								\
		__v = is_signed ? (long long)va_arg(args, int) :		\
				  va_arg(args, unsigned int);			\
		break;								\
	}									\
	__v;									\
})

int ksim_vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct printf_spec spec;
	enum qualifier q;
	char *str = buf, *end;
	const char *lit;

	if (WARN_ON_ONCE(size > INT_MAX))
		return 0;
	end = buf + size;

	while (*fmt) {
		lit = fmt;
		while (*fmt && *fmt != '%')
			fmt++;
		for (; lit < fmt; lit++)
			str = put(str, end, *lit);
		if (!*fmt)
			break;

		/* A conversion: %[flags][width][.precision][qualifier]type */
		fmt++;
		spec = (struct printf_spec){ .base = 10, .field_width = -1,
					     .precision = -1 };
		for (;; fmt++) {
			if (*fmt == '-')
				spec.flags |= LEFT;
			else if (*fmt == '+')
				spec.flags |= PLUS;
			else if (*fmt == ' ')
				spec.flags |= SPACE;
			else if (*fmt == '#')
				spec.flags |= SPECIAL;
			else if (*fmt == '0')
				spec.flags |= ZEROPAD;
			else
				break;
		}
		if (isdigit(*fmt)) {
			spec.field_width = skip_atoi(&fmt);
		} else if (*fmt == '*') {
			fmt++;
			spec.field_width = va_arg(args, int);
			if (spec.field_width < 0) {
				spec.field_width = -spec.field_width;
				spec.flags |= LEFT;
			}
		}
		if (*fmt == '.') {
			fmt++;
			if (isdigit(*fmt)) {
				spec.precision = skip_atoi(&fmt);
			} else if (*fmt == '*') {
				fmt++;
				spec.precision = va_arg(args, int);
				if (spec.precision < 0)
					spec.precision = -1;
			} else {
				spec.precision = 0;
			}
		}
		fmt = parse_qualifier(fmt, &q);

		switch (*fmt) {
		case '%':
			str = put(str, end, '%');
			break;
		case 'c': {
			char c = (unsigned char)va_arg(args, int);

			spec.precision = -1;
			str = emit_padded(str, end, &c, 1, spec);
			break;
		}
		case 's':
			str = string(str, end, va_arg(args, char *), spec);
			break;
		case 'p':
			str = pointer(fmt + 1, str, end, va_arg(args, void *), spec);
			/* Every letter or digit after %p belongs to the extension. */
			while (isalnum(fmt[1]))
				fmt++;
			break;
		case 'd':
		case 'i':
			spec.flags |= SIGN;
			str = number(str, end, FETCH_INT(args, q, true), spec);
			break;
		case 'u':
			str = number(str, end, FETCH_INT(args, q, false), spec);
			break;
		case 'o':
			spec.base = 8;
			str = number(str, end, FETCH_INT(args, q, false), spec);
			break;
		case 'x':
			spec.flags |= SMALL;
			fallthrough;
		case 'X':
			spec.base = 16;
			str = number(str, end, FETCH_INT(args, q, false), spec);
			break;
		case '\0':
			/* A lone '%' at the end. */
			goto out;
		default:
			/*
			 * %n, floating point or a typo: the remaining
			 * arguments cannot be matched to the format.
			 */
			WARN_ONCE(1, "Please remove unsupported %%%c in format string\n",
				  *fmt);
			goto out;
		}
		fmt++;
	}
out:
	if (size > 0) {
		if (str < end)
			*str = '\0';
		else
			end[-1] = '\0';
	}
	return str - buf;
}
EXPORT_SYMBOL(ksim_vsnprintf);

int ksim_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = ksim_vsnprintf(buf, size, fmt, args);
	va_end(args);
	return i;
}
EXPORT_SYMBOL(ksim_snprintf);

int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int i = ksim_vsnprintf(buf, size, fmt, args);

	if (likely(i < size))
		return i;
	return size ? size - 1 : 0;
}
EXPORT_SYMBOL(vscnprintf);

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return i;
}
EXPORT_SYMBOL(scnprintf);

int ksim_vsprintf(char *buf, const char *fmt, va_list args)
{
	return ksim_vsnprintf(buf, INT_MAX, fmt, args);
}
EXPORT_SYMBOL(ksim_vsprintf);

int ksim_sprintf(char *buf, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = ksim_vsnprintf(buf, INT_MAX, fmt, args);
	va_end(args);
	return i;
}
EXPORT_SYMBOL(ksim_sprintf);

int num_to_str(char *buf, int size, unsigned long long num, unsigned int width)
{
	char tmp[24];
	int len = 0, i;

	do {
		tmp[len++] = '0' + num % 10;
		num /= 10;
	} while (num);
	if (width > sizeof(tmp) - 1)
		return 0;
	while ((unsigned int)len < width)
		tmp[len++] = '0';
	if (len > size)
		return 0;
	for (i = 0; i < len; i++)
		buf[i] = tmp[len - 1 - i];
	return len;
}
EXPORT_SYMBOL(num_to_str);

/* ---- sscanf ---- */

static long long simple_strntoll(const char *cp, char **endp,
				 unsigned int base, size_t max_chars)
{
	if (*cp == '-' && max_chars > 0)
		return -(long long)ksim_simple_strntoull(cp + 1, endp, base,
							 max_chars - 1);
	return ksim_simple_strntoull(cp, endp, base, max_chars);
}

/* Parse a %[...] set at @fmt (just after '['); NULL if malformed. */
static const char *parse_set(const char *fmt, unsigned long *set)
{
	bool negate = false;
	int len = 0;

	bitmap_zero(set, 256);
	if (*fmt == '^') {
		negate = true;
		fmt++;
	}
	/* A ']' first is a member, not the end. */
	if (*fmt == ']') {
		__set_bit(']', set);
		fmt++;
		len++;
	}
	for (; *fmt && *fmt != ']'; fmt++, len++) {
		if (fmt[1] == '-' && fmt[2] && fmt[2] != ']' &&
		    (unsigned char)fmt[0] <= (unsigned char)fmt[2]) {
			bitmap_set(set, (unsigned char)fmt[0],
				   (unsigned char)fmt[2] - (unsigned char)fmt[0] + 1);
			fmt += 2;
		} else {
			__set_bit((unsigned char)*fmt, set);
		}
	}
	if (!*fmt || !len)
		return NULL;
	if (negate) {
		bitmap_complement(set, set, 256);
		__clear_bit(0, set);
	}
	return fmt + 1;
}

static void store_int(va_list *args, enum qualifier q, bool is_sign,
		      unsigned long long val)
{
	switch (q) {
	case Q_HH:
		if (is_sign)
			*va_arg(*args, signed char *) = val;
		else
			*va_arg(*args, unsigned char *) = val;
		break;
	case Q_H:
		if (is_sign)
			*va_arg(*args, short *) = val;
		else
			*va_arg(*args, unsigned short *) = val;
		break;
	case Q_L:
		if (is_sign)
			*va_arg(*args, long *) = val;
		else
			*va_arg(*args, unsigned long *) = val;
		break;
	case Q_LL:
	case Q_J:
		if (is_sign)
			*va_arg(*args, long long *) = val;
		else
			*va_arg(*args, unsigned long long *) = val;
		break;
	case Q_Z:
		*va_arg(*args, size_t *) = val;
		break;
	case Q_T:
		*va_arg(*args, ptrdiff_t *) = val;
		break;
	default:
		if (is_sign)
			*va_arg(*args, int *) = val;
		else
			*va_arg(*args, unsigned int *) = val;
		break;
	}
}

/*
 * The kernel's sscanf: returns the number of conversions stored, stopping
 * at the first mismatch or the end of @buf (never EOF).  Numbers take no
 * '+'; %s stops at white space; %[ needs a field width.
 */
static int do_vsscanf(const char *buf, const char *fmt, va_list *args)
{
	const char *str = buf;
	unsigned long set[BITS_TO_LONGS(256)];
	unsigned long long val;
	int num = 0, field_width;
	unsigned int base;
	bool is_sign;
	enum qualifier q;
	char *next;

	while (*fmt) {
		/* White space in the format matches any amount, even none. */
		if (isspace(*fmt)) {
			fmt = skip_spaces(fmt);
			str = skip_spaces(str);
			continue;
		}
		if (*fmt != '%') {
			if (*fmt++ != *str++)
				break;
			continue;
		}
		if (!*++fmt)
			break;

		/* %*...: skip a field without storing it. */
		if (*fmt == '*') {
			fmt++;
			if (*fmt == '[') {
				const char *after = parse_set(fmt + 1, set);

				if (!after)
					return num;
				fmt = after;
				while (*str && test_bit((unsigned char)*str, set))
					str++;
				continue;
			}
			while (*fmt && !isspace(*fmt) && *fmt != '%')
				fmt++;
			while (*str && !isspace(*str))
				str++;
			continue;
		}

		field_width = -1;
		if (isdigit(*fmt)) {
			field_width = skip_atoi(&fmt);
			if (field_width <= 0)
				break;
		}
		fmt = parse_qualifier(fmt, &q);
		if (!*fmt)
			break;

		if (*fmt == 'n') {
			store_int(args, Q_NONE, true, str - buf);
			fmt++;
			continue;
		}
		if (!*str)
			break;

		base = 10;
		is_sign = false;
		switch (*fmt++) {
		case 'c': {
			char *s = va_arg(*args, char *);

			if (field_width == -1)
				field_width = 1;
			do {
				*s++ = *str++;
			} while (--field_width > 0 && *str);
			num++;
			continue;
		}
		case 's': {
			char *s = va_arg(*args, char *);

			if (field_width == -1)
				field_width = SHRT_MAX;
			str = skip_spaces(str);
			while (*str && !isspace(*str) && field_width--)
				*s++ = *str++;
			*s = '\0';
			num++;
			continue;
		}
		case '[': {
			char *s = va_arg(*args, char *);
			const char *after;
			int len = 0;

			if (field_width == -1)
				return num;
			after = parse_set(fmt, set);
			if (!after)
				return num;
			fmt = after;
			while (*str && test_bit((unsigned char)*str, set) &&
			       field_width--) {
				*s++ = *str++;
				len++;
			}
			if (!len)
				return num;
			*s = '\0';
			num++;
			continue;
		}
		case 'o':
			base = 8;
			break;
		case 'x':
		case 'X':
			base = 16;
			break;
		case 'i':
			base = 0;
			fallthrough;
		case 'd':
			is_sign = true;
			break;
		case 'u':
			break;
		case '%':
			if (*str++ != '%')
				return num;
			continue;
		default:
			return num;
		}

		str = skip_spaces(str);
		{
			char digit = *str;

			if (is_sign && digit == '-') {
				if (field_width == 1)
					break;
				digit = str[1];
			}
			if (!digit ||
			    (base == 16 && !isxdigit(digit)) ||
			    (base == 10 && !isdigit(digit)) ||
			    (base == 8 && !isodigit(digit)) ||
			    (base == 0 && !isdigit(digit)))
				break;
		}

		if (is_sign)
			val = simple_strntoll(str, &next, base,
					      field_width == -1 ? SIZE_MAX : field_width);
		else
			val = ksim_simple_strntoull(str, &next, base,
						    field_width == -1 ? SIZE_MAX : field_width);
		store_int(args, q, is_sign, val);
		num++;
		str = next;
	}
	return num;
}

int ksim_vsscanf(const char *buf, const char *fmt, va_list args)
{
	va_list copy;
	int ret;

	/* Pass by pointer so the helpers can advance one list. */
	va_copy(copy, args);
	ret = do_vsscanf(buf, fmt, &copy);
	va_end(copy);
	return ret;
}
EXPORT_SYMBOL(ksim_vsscanf);

int ksim_sscanf(const char *buf, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = ksim_vsscanf(buf, fmt, args);
	va_end(args);
	return i;
}
EXPORT_SYMBOL(ksim_sscanf);
