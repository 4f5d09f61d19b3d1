// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_notifier.c - kernel/notifier.c and kernel/reboot.c:
 * priority order, NOTIFY_STOP, the robust rollback, duplicate and unknown
 * blocks, errno round trips, and reboot notifiers at power-off.
 */
#include "ktest.h"

#include <linux/kernel.h>
#include <linux/notifier.h>
#include <linux/reboot.h>

#include "internal.h"

TestSuite(notifier, .init = ktest_boot, .fini = ktest_shutdown);

static int calls[8], nr_calls;

struct tnb {
	struct notifier_block nb;
	int id;
	int ret;
};

static int record(struct notifier_block *nb, unsigned long action, void *data)
{
	struct tnb *t = container_of(nb, struct tnb, nb);

	calls[nr_calls++] = t->id * 100 + (int)action;
	return t->ret;
}

#define TNB(_id, _prio, _ret) { .nb = { .notifier_call = record, .priority = (_prio) }, \
				.id = (_id), .ret = (_ret) }

Test(notifier, priority_order_and_stop)
{
	BLOCKING_NOTIFIER_HEAD(chain);
	struct tnb a = TNB(1, 0, NOTIFY_OK), b = TNB(2, 10, NOTIFY_DONE),
		   c = TNB(3, 0, NOTIFY_STOP);

	cr_assert_eq(blocking_notifier_chain_register(&chain, &a.nb), 0);
	cr_assert_eq(blocking_notifier_chain_register(&chain, &b.nb), 0);
	cr_assert_eq(blocking_notifier_chain_register(&chain, &c.nb), 0);
	/* b (prio 10) first, then a and c in registration order; c stops. */
	cr_assert_eq(blocking_notifier_call_chain(&chain, 7, NULL), NOTIFY_STOP);
	cr_assert_eq(nr_calls, 3);
	cr_assert_eq(calls[0], 207);
	cr_assert_eq(calls[1], 107);
	cr_assert_eq(calls[2], 307);
	cr_assert_eq(blocking_notifier_chain_unregister(&chain, &a.nb), 0);
	cr_assert_eq(blocking_notifier_chain_unregister(&chain, &a.nb), -ENOENT);
	cr_assert_eq(blocking_notifier_chain_unregister(&chain, &b.nb), 0);
	cr_assert_eq(blocking_notifier_chain_unregister(&chain, &c.nb), 0);
	cr_assert_eq(blocking_notifier_call_chain(&chain, 7, NULL), NOTIFY_DONE);
}

Test(notifier, atomic_and_raw_chains)
{
	ATOMIC_NOTIFIER_HEAD(achain);
	RAW_NOTIFIER_HEAD(rchain);
	struct tnb a = TNB(1, 0, NOTIFY_OK), b = TNB(2, 0, NOTIFY_OK);

	cr_assert(atomic_notifier_call_chain_is_empty(&achain));
	cr_assert_eq(atomic_notifier_chain_register(&achain, &a.nb), 0);
	cr_assert_eq(atomic_notifier_call_chain(&achain, 1, NULL), NOTIFY_OK);
	cr_assert_eq(raw_notifier_chain_register(&rchain, &b.nb), 0);
	cr_assert_eq(raw_notifier_call_chain(&rchain, 2, NULL), NOTIFY_OK);
	cr_assert_eq(nr_calls, 2);
	cr_assert_eq(calls[0], 101);
	cr_assert_eq(calls[1], 202);
	cr_assert_eq(atomic_notifier_chain_unregister(&achain, &a.nb), 0);
	cr_assert_eq(raw_notifier_chain_unregister(&rchain, &b.nb), 0);
}

Test(notifier, robust_rolls_back)
{
	RAW_NOTIFIER_HEAD(chain);
	struct tnb a = TNB(1, 2, NOTIFY_OK), b = TNB(2, 1, NOTIFY_OK),
		   c = TNB(3, 0, NOTIFY_BAD);

	raw_notifier_chain_register(&chain, &a.nb);
	raw_notifier_chain_register(&chain, &b.nb);
	raw_notifier_chain_register(&chain, &c.nb);
	cr_assert_eq(raw_notifier_call_chain_robust(&chain, 1, 9, NULL), NOTIFY_BAD);
	/* up: a, b, c (refuses); down: a, b only. */
	cr_assert_eq(nr_calls, 5);
	cr_assert_eq(calls[3], 109);
	cr_assert_eq(calls[4], 209);
}

Test(notifier, duplicate_registration_warns)
{
	BLOCKING_NOTIFIER_HEAD(chain);
	struct tnb a = TNB(1, 0, NOTIFY_OK), b = TNB(2, 0, NOTIFY_OK);

	cr_assert_eq(blocking_notifier_chain_register(&chain, &a.nb), 0);
	cr_assert_eq(blocking_notifier_chain_register(&chain, &a.nb), -EEXIST);
	cr_assert_eq(blocking_notifier_chain_register_unique_prio(&chain, &b.nb),
		     -EBUSY);
	ktest_expect_reports(KSIM_REPORT_WARN, 1);
}

Test(notifier, errno_round_trip)
{
	cr_assert_eq(notifier_from_errno(0), NOTIFY_OK);
	cr_assert(notifier_from_errno(-ENOMEM) & NOTIFY_STOP_MASK);
	cr_assert_eq(notifier_to_errno(notifier_from_errno(-ENOMEM)), -ENOMEM);
	cr_assert_eq(notifier_to_errno(NOTIFY_OK), 0);
	cr_assert_eq(notifier_to_errno(NOTIFY_DONE), 0);
}

static int powered_off;

static int on_reboot(struct notifier_block *nb, unsigned long code, void *data)
{
	powered_off = (int)code;
	return NOTIFY_DONE;
}

Test(notifier, reboot_notifier_runs_at_power_off)
{
	struct notifier_block nb = { .notifier_call = on_reboot };

	cr_assert_eq(register_reboot_notifier(&nb), 0);
	ksim_reboot_notify(SYS_POWER_OFF);
	cr_assert_eq(powered_off, SYS_POWER_OFF);
	cr_assert_eq(unregister_reboot_notifier(&nb), 0);
}
