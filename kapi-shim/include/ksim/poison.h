/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim/poison.h - telling ASan and valgrind's memcheck that memory is not
 * to be touched (an object kept for reuse, a red zone) or is usable again,
 * so a cache in front of malloc still has its use-after-free caught.  Where
 * neither tool is built in, the macros do nothing.  Host world and the
 * shim's implementation files (slab debugging, the device model's caches).
 */
#ifndef KSIM_POISON_H
#define KSIM_POISON_H

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#else
#define ASAN_POISON_MEMORY_REGION(a, n)		((void)(a), (void)(n))
#define ASAN_UNPOISON_MEMORY_REGION(a, n)	((void)(a), (void)(n))
#endif

#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#else
#define VALGRIND_MAKE_MEM_NOACCESS(a, n)	((void)0)
#define VALGRIND_MAKE_MEM_DEFINED(a, n)		((void)0)
#define VALGRIND_MAKE_MEM_UNDEFINED(a, n)	((void)0)
#endif

#endif
