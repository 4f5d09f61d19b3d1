/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/compiler_types.h - attributes and sparse annotations.  Force-included
 * into every kernel-world object, as Kbuild does.
 */
#ifndef __LINUX_COMPILER_TYPES_H
#define __LINUX_COMPILER_TYPES_H

#ifndef __ASSEMBLY__

/* sparse annotations: ksim does not run sparse, they mean nothing here. */
#define __user
#define __kernel
#define __iomem
#define __percpu
#define __rcu
#define __private
#define __safe
#define __force
#define __nocast
#define __bitwise
#define __must_hold(x)
#define __acquires(x)
#define __releases(x)
#define __acquire(x)	((void)0)
#define __release(x)	((void)0)
#define __cond_lock(x, c) (c)
#define ACCESS_PRIVATE(p, member) ((p)->member)

/* glibc's <sys/cdefs.h> defines the same thing: keep whichever came first. */
#ifndef __always_inline
#define __always_inline		inline __attribute__((__always_inline__))
#endif
#define noinline		__attribute__((__noinline__))
#define __noreturn		__attribute__((__noreturn__))
#define __cold			__attribute__((__cold__))
#define __hot			__attribute__((__hot__))
#define __pure			__attribute__((__pure__))
#define __const			__attribute__((__const__))
#define __packed		__attribute__((__packed__))
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __aligned_largest	__attribute__((__aligned__))
#define __section(s)		__attribute__((__section__(s)))
#define __used			__attribute__((__used__))
#define __maybe_unused		__attribute__((__unused__))
#define __always_unused		__attribute__((__unused__))
#define __must_check		__attribute__((__warn_unused_result__))
#define __weak			__attribute__((__weak__))
/*
 * The section of the *_ONCE() flags (the kernel's .data.once), named as a
 * C identifier so the linker defines __start_/__stop_ symbols for it: each
 * boot of the machine clears the shim's (kernel/boot.c), as a fresh
 * kernel starts with them clear; a module's come back with its data.
 */
#define KSIM_ONCE_SECTION	"ksim_data_once"
#define __alias(sym)		__attribute__((__alias__(#sym)))
#define __deprecated
#define __malloc		__attribute__((__malloc__))
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))
#define __scanf(a, b)		__attribute__((__format__(scanf, a, b)))
#define __visible		__attribute__((__externally_visible__))
#define __noclone		__attribute__((__noclone__))
#define __nonstring		__attribute__((__nonstring__))
#define __assume_aligned(a, ...) __attribute__((__assume_aligned__(a, ## __VA_ARGS__)))
#define __copy(symbol)		__attribute__((__copy__(symbol)))
#define __gnu_inline		__attribute__((__gnu_inline__))
#define __latent_entropy
#define __randomize_layout
#define __no_randomize_layout
#define __designated_init
#define __counted_by(m)
#define __cacheline_aligned	__aligned(64)
#define ____cacheline_aligned	__aligned(64)
#define ____cacheline_aligned_in_smp __aligned(64)
#define __cacheline_aligned_in_smp __aligned(64)
#define __read_mostly
#define __ro_after_init
#define notrace			__attribute__((__no_instrument_function__))
#define __no_sanitize_address	__attribute__((__no_sanitize_address__))
#define noinstr			noinline notrace

#if __has_attribute(__fallthrough__)
#define fallthrough		__attribute__((__fallthrough__))
#else
#define fallthrough		do {} while (0)
#endif

#ifdef __cplusplus
#define inline inline
#endif

/* Type checks, as the kernel spells them. */
#define __same_type(a, b)	__builtin_types_compatible_p(typeof(a), typeof(b))
#define __native_word(t) \
	(sizeof(t) == sizeof(char) || sizeof(t) == sizeof(short) || \
	 sizeof(t) == sizeof(int) || sizeof(t) == sizeof(long))
#define __is_constexpr(x) \
	(sizeof(int) == sizeof(*(8 ? ((void *)((long)(x) * 0l)) : (int *)8)))

/* A unique identifier per use: __UNIQUE_ID(name) */
#define ___PASTE(a, b) a##b
#define __PASTE(a, b) ___PASTE(a, b)
#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)

/* Strip qualifiers from a scalar type (used by READ_ONCE). */
#define __unqual_scalar_typeof(x) typeof(				\
	_Generic((x),							\
		 char:	(char)0,					\
		 unsigned char:	(unsigned char)0,			\
		 signed char:	(signed char)0,				\
		 unsigned short: (unsigned short)0,			\
		 signed short:	(signed short)0,			\
		 unsigned int:	(unsigned int)0,			\
		 signed int:	(signed int)0,				\
		 unsigned long:	(unsigned long)0,			\
		 signed long:	(signed long)0,				\
		 unsigned long long: (unsigned long long)0,		\
		 signed long long: (signed long long)0,			\
		 default: (x)))

#endif /* __ASSEMBLY__ */
#endif
