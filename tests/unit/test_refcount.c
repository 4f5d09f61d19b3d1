// SPDX-License-Identifier: GPL-2.0
/* tests/unit/test_refcount.c - kapi-shim/locking/refcount.c */
#include <linux/kernel.h>
#include <linux/refcount.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

#include "ktest.h"

TestSuite(refcount, .init = ktest_boot, .fini = ktest_shutdown);

#define SAT	((unsigned int)REFCOUNT_SATURATED)

Test(refcount, ordinary_counting)
{
	refcount_t r = REFCOUNT_INIT(1);

	refcount_inc(&r);
	refcount_add(3, &r);
	cr_assert_eq(refcount_read(&r), 5u);
	refcount_dec(&r);
	cr_assert(!refcount_sub_and_test(2, &r));
	cr_assert(!refcount_dec_and_test(&r));
	cr_assert(refcount_dec_and_test(&r), "the last put returns true");
	cr_assert_eq(refcount_read(&r), 0u);
	cr_assert(!refcount_inc_not_zero(&r), "no resurrection from 0");
	cr_assert(!refcount_add_not_zero(2, &r));
	cr_assert_eq(refcount_read(&r), 0u);
	refcount_set(&r, 1);
	cr_assert(refcount_inc_not_zero(&r));
	cr_assert(!refcount_dec_if_one(&r));
	cr_assert(refcount_dec_not_one(&r));
	cr_assert(!refcount_dec_not_one(&r));
	cr_assert(refcount_dec_if_one(&r));
	cr_assert_eq(refcount_read(&r), 0u);
}

static void expect_one_warn(const char *text)
{
	cr_assert_eq(ksim_report_count(KSIM_REPORT_WARN), 1);
	cr_assert_eq(ksim_dmesg_count(text), 1u, "'%s' not logged once", text);
}

Test(refcount, overflow_saturates)
{
	refcount_t r = REFCOUNT_INIT(REFCOUNT_MAX);

	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	refcount_inc(&r);
	cr_assert_eq(refcount_read(&r), SAT);
	expect_one_warn("refcount_t: saturated; leaking memory.");
	/* Stays saturated; the case does not warn again. */
	refcount_inc(&r);
	cr_assert_eq(refcount_read(&r), SAT);
}

Test(refcount, add_not_zero_overflow_saturates)
{
	refcount_t r = REFCOUNT_INIT(REFCOUNT_MAX - 1);

	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	cr_assert(refcount_add_not_zero(5, &r));
	cr_assert_eq(refcount_read(&r), SAT);
	expect_one_warn("refcount_t: saturated; leaking memory.");
}

Test(refcount, addition_on_zero)
{
	refcount_t r = REFCOUNT_INIT(0);

	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	refcount_inc(&r);
	cr_assert_eq(refcount_read(&r), SAT);
	expect_one_warn("refcount_t: addition on 0; use-after-free.");
}

Test(refcount, underflow)
{
	refcount_t r = REFCOUNT_INIT(0);

	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	cr_assert(!refcount_dec_and_test(&r));
	cr_assert_eq(refcount_read(&r), SAT);
	expect_one_warn("refcount_t: underflow; use-after-free.");
	/* A saturated count never reaches 0 again. */
	cr_assert(!refcount_dec_and_test(&r));
	cr_assert(!refcount_sub_and_test(1, &r));
	cr_assert_eq(refcount_read(&r), SAT);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_WARN), 1);
}

Test(refcount, dec_hit_zero)
{
	refcount_t r = REFCOUNT_INIT(1);

	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	refcount_dec(&r);
	cr_assert_eq(refcount_read(&r), SAT);
	expect_one_warn("refcount_t: decrement hit 0; leaking memory.");
}

Test(refcount, dec_and_lock_variants)
{
	refcount_t r = REFCOUNT_INIT(2);
	DEFINE_MUTEX(m);
	DEFINE_SPINLOCK(s);
	unsigned long flags;

	cr_assert(!refcount_dec_and_mutex_lock(&r, &m));
	cr_assert(!mutex_is_locked(&m));
	cr_assert(refcount_dec_and_mutex_lock(&r, &m));
	cr_assert(mutex_is_locked(&m));
	mutex_unlock(&m);

	refcount_set(&r, 2);
	cr_assert(!refcount_dec_and_lock(&r, &s));
	cr_assert(refcount_dec_and_lock(&r, &s));
	cr_assert(spin_is_locked(&s));
	spin_unlock(&s);

	refcount_set(&r, 1);
	cr_assert(refcount_dec_and_lock_irqsave(&r, &s, &flags));
	cr_assert(irqs_disabled());
	spin_unlock_irqrestore(&s, flags);
	cr_assert(!irqs_disabled());
	cr_assert_eq(preempt_count(), 0);
}
