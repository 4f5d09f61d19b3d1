// SPDX-License-Identifier: GPL-2.0
/*
 * sim/tsan-unwind.c - unw_backtrace() for the ThreadSanitizer build only.
 *
 * libunwind keeps a per-thread frame cache whose pthread-key destructor
 * waits for the last destructor round (PTHREAD_DESTRUCTOR_ITERATIONS) to
 * free it; TSan tears a thread's state down in that same round, and its
 * key, created first, runs first.  libunwind's destructor then takes a
 * mutex through TSan's interceptor on a dead thread and the process dies
 * (SIGSEGV in __tsan::MutexPreLock) whenever a task thread that captured
 * a stack exits: every kworker of a destroyed workqueue.  Under TSan this
 * definition, in the executable, takes the place of libunwind's and walks
 * the stack with libgcc's unwinder instead, which keeps no per-thread
 * state.  It is looked up in libgcc_s itself, as glibc's backtrace() does:
 * libunwind exports the same _Unwind_* names (and backtrace() too, which
 * is why that cannot be used).  The first frame is the caller's, as with
 * libunwind (sim/backtrace.c counts on it).  Other builds compile nothing.
 */
#if defined(__SANITIZE_THREAD__)
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <unwind.h>

int unw_backtrace(void **buffer, int size);

static _Unwind_Reason_Code (*gcc_backtrace)(_Unwind_Trace_Fn, void *);
static _Unwind_Ptr (*gcc_get_ip)(struct _Unwind_Context *);
static pthread_once_t gcc_once = PTHREAD_ONCE_INIT;

static void gcc_unwinder_open(void)
{
	void *h = dlopen("libgcc_s.so.1", RTLD_NOW | RTLD_LOCAL);

	if (!h)
		return;
	gcc_get_ip = (_Unwind_Ptr (*)(struct _Unwind_Context *))dlsym(h, "_Unwind_GetIP");
	if (gcc_get_ip)
		gcc_backtrace = (_Unwind_Reason_Code (*)(_Unwind_Trace_Fn, void *))
				dlsym(h, "_Unwind_Backtrace");
}

struct walk {
	void **buffer;
	int size, n, skip;
};

static _Unwind_Reason_Code walk_one(struct _Unwind_Context *ctx, void *arg)
{
	struct walk *w = arg;
	uintptr_t ip = gcc_get_ip(ctx);

	if (!ip)
		return _URC_END_OF_STACK;
	if (w->skip) {
		w->skip--;
		return _URC_NO_REASON;
	}
	w->buffer[w->n++] = (void *)ip;
	return w->n == w->size ? _URC_END_OF_STACK : _URC_NO_REASON;
}

int unw_backtrace(void **buffer, int size)
{
	struct walk w = { .buffer = buffer, .size = size, .skip = 1 };

	pthread_once(&gcc_once, gcc_unwinder_open);
	if (size <= 0 || !gcc_backtrace)
		return 0;
	/* skip 1: this function's own frame; libunwind starts at its caller. */
	gcc_backtrace(walk_one, &w);
	return w.n;
}
#else
/* ISO C wants at least one declaration in a translation unit. */
typedef int ksim_tsan_unwind_unused;
#endif
