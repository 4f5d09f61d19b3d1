/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kunit/try-catch.h - run a function so that it can be abandoned half way
 * (a failed KUNIT_ASSERT_*, kunit_skip()).  As in the kernel, the "try"
 * runs in a kthread of its own; the "catch" runs in the caller when the
 * try was thrown out of or could not finish.  (kapi-shim/lib/kunit/try-catch.c)
 */
#ifndef _KUNIT_TRY_CATCH_H
#define _KUNIT_TRY_CATCH_H

#include <linux/types.h>

typedef void (*kunit_try_catch_func_t)(void *);

struct completion;
struct kunit;

struct kunit_try_catch {
	/* private: internal use only. */
	struct kunit *test;
	struct completion *try_completion;
	int try_result;
	kunit_try_catch_func_t try;
	kunit_try_catch_func_t catch;
	void *context;
	/* ksim: the thread running try, and where a throw lands in it. */
	struct task_struct *ksim_task;
	void *ksim_landing;
};

void kunit_try_catch_run(struct kunit_try_catch *try_catch, void *context);

void __noreturn kunit_try_catch_throw(struct kunit_try_catch *try_catch);

static inline int kunit_try_catch_get_result(struct kunit_try_catch *try_catch)
{
	return try_catch->try_result;
}

#endif /* _KUNIT_TRY_CATCH_H */
