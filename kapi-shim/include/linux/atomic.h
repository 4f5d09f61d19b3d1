/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/atomic.h - atomic_t, atomic64_t and atomic_long_t with the kernel's
 * operation set and ordering rules: operations that return a value are
 * fully ordered, the _relaxed/_acquire/_release variants are what they say,
 * and void operations (atomic_inc, atomic_add, ...) are unordered.  Built on
 * the compiler's __atomic builtins, which TSan understands.
 */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/barrier.h>

#define ATOMIC_INIT(i)		{ (i) }
#define ATOMIC64_INIT(i)	{ (i) }
#define ATOMIC_LONG_INIT(i)	ATOMIC64_INIT(i)

/*
 * One template, instantiated for atomic_t (int) and atomic64_t (s64).  pfx
 * is the name prefix, T the atomic type, V the value type.  atomic_read and
 * atomic_set are READ_ONCE and WRITE_ONCE of the counter, as in the kernel:
 * relaxed, and acquire/release under TSan (see linux/compiler.h).
 */
#define __KSIM_ATOMIC_OPS(pfx, T, V)					\
static __always_inline V pfx##_read(const T *v)				\
{ return __atomic_load_n(&v->counter, __KSIM_ONCE_LOAD); }		\
static __always_inline V pfx##_read_acquire(const T *v)			\
{ return __atomic_load_n(&v->counter, __ATOMIC_ACQUIRE); }		\
static __always_inline void pfx##_set(T *v, V i)			\
{ __atomic_store_n(&v->counter, i, __KSIM_ONCE_STORE); }		\
static __always_inline void pfx##_set_release(T *v, V i)		\
{ __atomic_store_n(&v->counter, i, __ATOMIC_RELEASE); }			\
									\
__KSIM_ATOMIC_ARITH(pfx, T, V, add, +, __atomic_fetch_add)		\
__KSIM_ATOMIC_ARITH(pfx, T, V, sub, -, __atomic_fetch_sub)		\
__KSIM_ATOMIC_BITS(pfx, T, V, and, &, __atomic_fetch_and)		\
__KSIM_ATOMIC_BITS(pfx, T, V, or, |, __atomic_fetch_or)		\
__KSIM_ATOMIC_BITS(pfx, T, V, xor, ^, __atomic_fetch_xor)		\
									\
static __always_inline void pfx##_andnot(V i, T *v)			\
{ __atomic_fetch_and(&v->counter, ~i, __ATOMIC_RELAXED); }		\
static __always_inline V pfx##_fetch_andnot(V i, T *v)			\
{ return __atomic_fetch_and(&v->counter, ~i, __ATOMIC_SEQ_CST); }	\
static __always_inline V pfx##_fetch_andnot_relaxed(V i, T *v)		\
{ return __atomic_fetch_and(&v->counter, ~i, __ATOMIC_RELAXED); }	\
static __always_inline V pfx##_fetch_andnot_acquire(V i, T *v)		\
{ return __atomic_fetch_and(&v->counter, ~i, __ATOMIC_ACQUIRE); }	\
static __always_inline V pfx##_fetch_andnot_release(V i, T *v)		\
{ return __atomic_fetch_and(&v->counter, ~i, __ATOMIC_RELEASE); }	\
static __always_inline V pfx##_inc_return_release(T *v)			\
{ return pfx##_add_return_release(1, v); }				\
static __always_inline V pfx##_dec_return_acquire(T *v)			\
{ return pfx##_sub_return_acquire(1, v); }				\
static __always_inline V pfx##_fetch_inc_acquire(T *v)			\
{ return pfx##_fetch_add_acquire(1, v); }				\
static __always_inline V pfx##_fetch_inc_release(T *v)			\
{ return pfx##_fetch_add_release(1, v); }				\
static __always_inline V pfx##_fetch_dec_acquire(T *v)			\
{ return pfx##_fetch_sub_acquire(1, v); }				\
static __always_inline V pfx##_fetch_dec_release(T *v)			\
{ return pfx##_fetch_sub_release(1, v); }				\
static __always_inline void pfx##_inc(T *v) { pfx##_add(1, v); }	\
static __always_inline void pfx##_dec(T *v) { pfx##_sub(1, v); }	\
static __always_inline V pfx##_inc_return(T *v)				\
{ return pfx##_add_return(1, v); }					\
static __always_inline V pfx##_dec_return(T *v)				\
{ return pfx##_sub_return(1, v); }					\
static __always_inline V pfx##_inc_return_relaxed(T *v)			\
{ return pfx##_add_return_relaxed(1, v); }				\
static __always_inline V pfx##_dec_return_relaxed(T *v)			\
{ return pfx##_sub_return_relaxed(1, v); }				\
static __always_inline V pfx##_inc_return_acquire(T *v)			\
{ return pfx##_add_return_acquire(1, v); }				\
static __always_inline V pfx##_dec_return_release(T *v)			\
{ return pfx##_sub_return_release(1, v); }				\
static __always_inline V pfx##_fetch_inc(T *v)				\
{ return pfx##_fetch_add(1, v); }					\
static __always_inline V pfx##_fetch_dec(T *v)				\
{ return pfx##_fetch_sub(1, v); }					\
static __always_inline V pfx##_fetch_inc_relaxed(T *v)			\
{ return pfx##_fetch_add_relaxed(1, v); }				\
static __always_inline V pfx##_fetch_dec_relaxed(T *v)			\
{ return pfx##_fetch_sub_relaxed(1, v); }				\
static __always_inline bool pfx##_inc_and_test(T *v)			\
{ return pfx##_inc_return(v) == 0; }					\
static __always_inline bool pfx##_dec_and_test(T *v)			\
{ return pfx##_dec_return(v) == 0; }					\
static __always_inline bool pfx##_sub_and_test(V i, T *v)		\
{ return pfx##_sub_return(i, v) == 0; }					\
static __always_inline bool pfx##_add_negative(V i, T *v)		\
{ return pfx##_add_return(i, v) < 0; }					\
static __always_inline V pfx##_xchg(T *v, V n)				\
{ return __atomic_exchange_n(&v->counter, n, __ATOMIC_SEQ_CST); }	\
static __always_inline V pfx##_xchg_relaxed(T *v, V n)			\
{ return __atomic_exchange_n(&v->counter, n, __ATOMIC_RELAXED); }	\
static __always_inline V pfx##_xchg_acquire(T *v, V n)			\
{ return __atomic_exchange_n(&v->counter, n, __ATOMIC_ACQUIRE); }	\
static __always_inline V pfx##_xchg_release(T *v, V n)			\
{ return __atomic_exchange_n(&v->counter, n, __ATOMIC_RELEASE); }	\
/* Returns the old value; the swap happened iff it equals @o. */	\
static __always_inline V pfx##_cmpxchg(T *v, V o, V n)			\
{ __atomic_compare_exchange_n(&v->counter, &o, n, false,		\
			      __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);	\
  return o; }								\
static __always_inline V pfx##_cmpxchg_relaxed(T *v, V o, V n)		\
{ __atomic_compare_exchange_n(&v->counter, &o, n, false,		\
			      __ATOMIC_RELAXED, __ATOMIC_RELAXED);	\
  return o; }								\
static __always_inline V pfx##_cmpxchg_acquire(T *v, V o, V n)		\
{ __atomic_compare_exchange_n(&v->counter, &o, n, false,		\
			      __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE);	\
  return o; }								\
static __always_inline V pfx##_cmpxchg_release(T *v, V o, V n)		\
{ __atomic_compare_exchange_n(&v->counter, &o, n, false,		\
			      __ATOMIC_RELEASE, __ATOMIC_RELAXED);	\
  return o; }								\
/* On failure *@old is updated to the current value. */		\
static __always_inline bool pfx##_try_cmpxchg(T *v, V *old, V n)	\
{ return __atomic_compare_exchange_n(&v->counter, old, n, false,	\
				     __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); } \
static __always_inline bool pfx##_try_cmpxchg_relaxed(T *v, V *old, V n) \
{ return __atomic_compare_exchange_n(&v->counter, old, n, false,	\
				     __ATOMIC_RELAXED, __ATOMIC_RELAXED); } \
static __always_inline bool pfx##_try_cmpxchg_acquire(T *v, V *old, V n) \
{ return __atomic_compare_exchange_n(&v->counter, old, n, false,	\
				     __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE); } \
static __always_inline bool pfx##_try_cmpxchg_release(T *v, V *old, V n) \
{ return __atomic_compare_exchange_n(&v->counter, old, n, false,	\
				     __ATOMIC_RELEASE, __ATOMIC_RELAXED); } \
/* Add @a unless the value is @u; returns the old value. */		\
static __always_inline V pfx##_fetch_add_unless(T *v, V a, V u)	\
{ V c = pfx##_read(v);							\
  do { if (unlikely(c == u)) break; }					\
  while (!pfx##_try_cmpxchg(v, &c, c + a));				\
  return c; }								\
static __always_inline bool pfx##_add_unless(T *v, V a, V u)		\
{ return pfx##_fetch_add_unless(v, a, u) != u; }			\
static __always_inline bool pfx##_inc_not_zero(T *v)			\
{ return pfx##_add_unless(v, 1, 0); }					\
static __always_inline bool pfx##_inc_unless_negative(T *v)		\
{ V c = pfx##_read(v);							\
  do { if (unlikely(c < 0)) return false; }				\
  while (!pfx##_try_cmpxchg(v, &c, c + 1));				\
  return true; }							\
static __always_inline bool pfx##_dec_unless_positive(T *v)		\
{ V c = pfx##_read(v);							\
  do { if (unlikely(c > 0)) return false; }				\
  while (!pfx##_try_cmpxchg(v, &c, c - 1));				\
  return true; }							\
/* Decrement unless the result would be negative; returns old - 1. */	\
static __always_inline V pfx##_dec_if_positive(T *v)			\
{ V dec, c = pfx##_read(v);						\
  do { dec = c - 1; if (unlikely(dec < 0)) break; }			\
  while (!pfx##_try_cmpxchg(v, &c, dec));				\
  return dec; }

#define __KSIM_ATOMIC_ARITH(pfx, T, V, op, c_op, builtin)		\
static __always_inline void pfx##_##op(V i, T *v)			\
{ builtin(&v->counter, i, __ATOMIC_RELAXED); }				\
static __always_inline V pfx##_##op##_return(V i, T *v)		\
{ return builtin(&v->counter, i, __ATOMIC_SEQ_CST) c_op i; }		\
static __always_inline V pfx##_##op##_return_relaxed(V i, T *v)	\
{ return builtin(&v->counter, i, __ATOMIC_RELAXED) c_op i; }		\
static __always_inline V pfx##_##op##_return_acquire(V i, T *v)	\
{ return builtin(&v->counter, i, __ATOMIC_ACQUIRE) c_op i; }		\
static __always_inline V pfx##_##op##_return_release(V i, T *v)	\
{ return builtin(&v->counter, i, __ATOMIC_RELEASE) c_op i; }		\
__KSIM_ATOMIC_FETCH(pfx, T, V, op, builtin)

#define __KSIM_ATOMIC_BITS(pfx, T, V, op, c_op, builtin)		\
static __always_inline void pfx##_##op(V i, T *v)			\
{ builtin(&v->counter, i, __ATOMIC_RELAXED); }				\
__KSIM_ATOMIC_FETCH(pfx, T, V, op, builtin)

#define __KSIM_ATOMIC_FETCH(pfx, T, V, op, builtin)			\
static __always_inline V pfx##_fetch_##op(V i, T *v)			\
{ return builtin(&v->counter, i, __ATOMIC_SEQ_CST); }			\
static __always_inline V pfx##_fetch_##op##_relaxed(V i, T *v)		\
{ return builtin(&v->counter, i, __ATOMIC_RELAXED); }			\
static __always_inline V pfx##_fetch_##op##_acquire(V i, T *v)		\
{ return builtin(&v->counter, i, __ATOMIC_ACQUIRE); }			\
static __always_inline V pfx##_fetch_##op##_release(V i, T *v)		\
{ return builtin(&v->counter, i, __ATOMIC_RELEASE); }

__KSIM_ATOMIC_OPS(atomic, atomic_t, int)
__KSIM_ATOMIC_OPS(atomic64, atomic64_t, s64)
__KSIM_ATOMIC_OPS(atomic_long, atomic_long_t, s64)

/* Generic cmpxchg/xchg on any naturally aligned scalar. */
#define xchg(ptr, x) __atomic_exchange_n((ptr), (x), __ATOMIC_SEQ_CST)
#define xchg_relaxed(ptr, x) __atomic_exchange_n((ptr), (x), __ATOMIC_RELAXED)
#define cmpxchg(ptr, o, n) ({						\
	__typeof__(*(ptr)) __cx_old = (o);				\
	__atomic_compare_exchange_n((ptr), &__cx_old, (n), false,	\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);\
	__cx_old; })
#define cmpxchg_relaxed(ptr, o, n) ({					\
	__typeof__(*(ptr)) __cx_old = (o);				\
	__atomic_compare_exchange_n((ptr), &__cx_old, (n), false,	\
				    __ATOMIC_RELAXED, __ATOMIC_RELAXED);\
	__cx_old; })
#define xchg_acquire(ptr, x) __atomic_exchange_n((ptr), (x), __ATOMIC_ACQUIRE)
#define xchg_release(ptr, x) __atomic_exchange_n((ptr), (x), __ATOMIC_RELEASE)
#define __ksim_cmpxchg_order(ptr, o, n, ok, fail) ({			\
	__typeof__(*(ptr)) __cx_old = (o);				\
	__atomic_compare_exchange_n((ptr), &__cx_old, (n), false, ok, fail); \
	__cx_old; })
#define cmpxchg_acquire(ptr, o, n)					\
	__ksim_cmpxchg_order(ptr, o, n, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)
#define cmpxchg_release(ptr, o, n)					\
	__ksim_cmpxchg_order(ptr, o, n, __ATOMIC_RELEASE, __ATOMIC_RELAXED)
#define cmpxchg64(ptr, o, n) cmpxchg(ptr, o, n)
#define cmpxchg64_relaxed(ptr, o, n) cmpxchg_relaxed(ptr, o, n)
#define cmpxchg64_acquire(ptr, o, n) cmpxchg_acquire(ptr, o, n)
#define cmpxchg64_release(ptr, o, n) cmpxchg_release(ptr, o, n)
#define cmpxchg_local(ptr, o, n) cmpxchg(ptr, o, n)
#define cmpxchg64_local(ptr, o, n) cmpxchg(ptr, o, n)
#define try_cmpxchg(ptr, oldp, n)					\
	__atomic_compare_exchange_n((ptr), (oldp), (n), false,		\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)
#define try_cmpxchg_relaxed(ptr, oldp, n)				\
	__atomic_compare_exchange_n((ptr), (oldp), (n), false,		\
				    __ATOMIC_RELAXED, __ATOMIC_RELAXED)
#define try_cmpxchg_acquire(ptr, oldp, n)				\
	__atomic_compare_exchange_n((ptr), (oldp), (n), false,		\
				    __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)
#define try_cmpxchg_release(ptr, oldp, n)				\
	__atomic_compare_exchange_n((ptr), (oldp), (n), false,		\
				    __ATOMIC_RELEASE, __ATOMIC_RELAXED)
#define try_cmpxchg64(ptr, oldp, n) try_cmpxchg(ptr, oldp, n)

#define smp_mb__before_atomic()	smp_mb()
#define smp_mb__after_atomic()	smp_mb()

#endif
