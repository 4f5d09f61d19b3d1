/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kunit/test-bug.h - fail the running KUnit test from code that has no
 * struct kunit at hand (a helper, a driver under test).  In ksim this works
 * from any thread (a kthread, work item, timer or interrupt handler), not
 * only from the test's own.
 */
#ifndef _KUNIT_TEST_BUG_H
#define _KUNIT_TEST_BUG_H

#include <linux/compiler.h>

#define kunit_fail_current_test(fmt, ...) \
	__kunit_fail_current_test(__FILE__, __LINE__, fmt, ##__VA_ARGS__)

extern __printf(3, 4) void __kunit_fail_current_test(const char *file, int line,
						    const char *fmt, ...);

#endif /* _KUNIT_TEST_BUG_H */
