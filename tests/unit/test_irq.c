// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_irq.c - kernel/irq/manage.c and drivers/pci/msi.c: MSI-X
 * vectors, delivery in hard interrupt context, threaded handlers,
 * masking and pending bits, disable/enable, free_irq, context checks.
 */
#include "ktest.h"
#include "fakedev.h"

#include <linux/pci.h>
#include <linux/interrupt.h>
#include <linux/delay.h>
#include <linux/sched.h>
#include <linux/spinlock.h>

TestSuite(irq, .init = ktest_boot, .fini = ktest_shutdown);

static struct pci_dev *pdev;
static struct fakedev fd;
static void __iomem *bar0;

static int t_probe(struct pci_dev *p, const struct pci_device_id *id)
{
	pdev = p;
	cr_assert_eq(pcim_enable_device(p), 0);
	pci_set_master(p);
	bar0 = pcim_iomap(p, 0, 0);
	return 0;
}

static const struct pci_device_id ids[] = { { PCI_DEVICE(FAKE_VENDOR, FAKE_DEVICE) }, { 0, } };
static struct pci_driver drv = { .name = "tirq", .id_table = ids, .probe = t_probe };

static void setup(int nvec)
{
	memset(&fd, 0, sizeof(fd));
	cr_assert_eq(pci_register_driver(&drv), 0);
	cr_assert_eq(fakedev_add(&fd), 0);
	cr_assert_eq(pci_alloc_irq_vectors(pdev, 1, nvec, PCI_IRQ_ALL_TYPES | PCI_IRQ_AFFINITY), nvec);
	cr_assert(pdev->msix_enabled);
}

static void teardown(void)
{
	pci_free_irq_vectors(pdev);
	pci_unregister_driver(&drv);
	ksim_pci_remove_device(fd.kdev);
}

static void ring(unsigned int vector)
{
	writel(vector, bar0 + FAKE_DOORBELL);
}

static int calls, last_irq, saw_hardirq, saw_irqs_off, thread_calls, thread_in_task;
static void *last_dev_id;
static struct task_struct *handler_task;

static irqreturn_t hard(int irq, void *dev_id)
{
	__atomic_fetch_add(&calls, 1, __ATOMIC_SEQ_CST);
	last_irq = irq;
	last_dev_id = dev_id;
	saw_hardirq = !!in_hardirq();
	saw_irqs_off = irqs_disabled();
	handler_task = current;
	return IRQ_HANDLED;
}

Test(irq, vectors_and_numbers)
{
	setup(4);
	cr_assert_geq(pci_irq_vector(pdev, 0), 24);
	cr_assert_eq(pci_irq_vector(pdev, 3), pci_irq_vector(pdev, 0) + 3);
	cr_assert_eq(pci_irq_vector(pdev, 4), -EINVAL);
	cr_assert_eq(request_irq(9999, hard, 0, "x", &fd), -EINVAL);
	cr_assert_eq(request_irq(pci_irq_vector(pdev, 0) + 100, hard, 0, "x", &fd), -EINVAL);
	cr_assert_eq(pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSIX), -EINVAL, "allocated twice");
	pci_free_irq_vectors(pdev);
	cr_assert_eq(pci_irq_vector(pdev, 0), -EINVAL);
	cr_assert_eq(pci_alloc_irq_vectors(pdev, 9, 16, PCI_IRQ_MSIX), -ENOSPC);
	cr_assert_eq(pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI), -ENOSPC);
	cr_assert_eq(pci_alloc_irq_vectors(pdev, 1, 16, PCI_IRQ_MSIX), FAKE_MSIX_VECS);
	teardown();
}

Test(irq, handler_runs_in_hardirq)
{
	int irq;

	setup(4);
	irq = pci_irq_vector(pdev, 2);
	cr_assert_eq(request_irq(irq, hard, 0, "tirq-q2", &fd), 0);
	ring(2);
	cr_assert_eq(calls, 1);
	cr_assert_eq(last_irq, irq);
	cr_assert_eq(last_dev_id, &fd);
	cr_assert(saw_hardirq);
	cr_assert(saw_irqs_off);
	cr_assert(!in_hardirq(), "hardirq count leaked");
	ring(1);	/* no handler on vector 1 */
	cr_assert_eq(calls, 1);
	cr_assert_str_eq(free_irq(irq, &fd), "tirq-q2");
	ring(2);
	cr_assert_eq(calls, 1, "delivered after free_irq");
	teardown();
}

static irqreturn_t wake_thread(int irq, void *dev_id)
{
	return IRQ_WAKE_THREAD;
}

static irqreturn_t thread_fn(int irq, void *dev_id)
{
	thread_in_task = in_task() && !irqs_disabled() && !in_interrupt() &&
			 !strncmp(current->comm, "irq/", 4);
	__atomic_fetch_add(&thread_calls, 1, __ATOMIC_SEQ_CST);
	return IRQ_HANDLED;
}

Test(irq, threaded_handler_in_process_context)
{
	int irq;

	setup(2);
	irq = pci_irq_vector(pdev, 0);
	cr_assert_eq(request_threaded_irq(irq, wake_thread, thread_fn, 0, "thr", &fd), 0);
	ring(0);
	cr_assert(ktest_wait_for(__atomic_load_n(&thread_calls, __ATOMIC_SEQ_CST) == 1, 5000));
	cr_assert(thread_in_task);
	/* NULL primary handler needs IRQF_ONESHOT */
	cr_assert_eq(request_threaded_irq(pci_irq_vector(pdev, 1), NULL, thread_fn, 0, "t1", &fd),
		     -EINVAL);
	cr_assert_eq(request_threaded_irq(pci_irq_vector(pdev, 1), NULL, thread_fn,
					  IRQF_ONESHOT, "t1", &calls), 0);
	ring(1);
	cr_assert(ktest_wait_for(__atomic_load_n(&thread_calls, __ATOMIC_SEQ_CST) == 2, 5000));
	synchronize_irq(pci_irq_vector(pdev, 1));
	free_irq(irq, &fd);
	free_irq(pci_irq_vector(pdev, 1), &calls);
	teardown();
}

Test(irq, masked_vector_pends_and_delivers_once_on_unmask)
{
	void __iomem *ctrl;
	int irq;

	setup(4);
	irq = pci_irq_vector(pdev, 3);
	/* Before request_irq the vector is masked: the raise pends. */
	ring(3);
	cr_assert_eq(calls, 0);
	cr_assert_eq(readq(bar0 + FAKE_MSIX_PBA), 1ULL << 3);
	cr_assert_eq(request_irq(irq, hard, 0, "m", &fd), 0);
	cr_assert_eq(calls, 1, "pending interrupt not delivered at unmask");
	cr_assert_eq(readq(bar0 + FAKE_MSIX_PBA), 0);

	/* The driver masks the vector in the table itself. */
	ctrl = bar0 + FAKE_MSIX_TABLE + 16 * 3 + PCI_MSIX_ENTRY_VECTOR_CTRL;
	writel(PCI_MSIX_ENTRY_CTRL_MASKBIT, ctrl);
	ring(3);
	ring(3);
	cr_assert_eq(calls, 1);
	writel(0, ctrl);
	cr_assert_eq(calls, 2, "two raises while masked are one pending message");

	/* Function mask via config space */
	{
		u16 w;
		int pos = pdev->msix_cap;

		pci_read_config_word(pdev, pos + PCI_MSIX_FLAGS, &w);
		pci_write_config_word(pdev, pos + PCI_MSIX_FLAGS, w | PCI_MSIX_FLAGS_MASKALL);
		ring(3);
		cr_assert_eq(calls, 2);
		pci_write_config_word(pdev, pos + PCI_MSIX_FLAGS, w);
		cr_assert_eq(calls, 3);
	}
	free_irq(irq, &fd);
	teardown();
}

Test(irq, disable_enable_defers)
{
	int irq;

	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	setup(1);
	irq = pci_irq_vector(pdev, 0);
	cr_assert_eq(request_irq(irq, hard, 0, "d", &fd), 0);
	disable_irq(irq);
	disable_irq_nosync(irq);
	ring(0);
	cr_assert_eq(calls, 0);
	enable_irq(irq);
	cr_assert_eq(calls, 0, "still disabled once");
	enable_irq(irq);
	cr_assert_eq(calls, 1, "pending interrupt not replayed at enable_irq");
	enable_irq(irq);
	cr_assert(ksim_dmesg_contains("Unbalanced enable for IRQ"));
	free_irq(irq, &fd);
	teardown();
}

static irqreturn_t sleepy(int irq, void *dev_id)
{
	msleep(1);
	calls++;
	return IRQ_HANDLED;
}

Test(irq, sleeping_in_hard_handler_reported)
{
	int irq;

	/* might_sleep() and then schedule() each report, as in the kernel */
	ktest_expect_reports(KSIM_REPORT_ATOMIC_SLEEP, 2);
	setup(1);
	irq = pci_irq_vector(pdev, 0);
	cr_assert_eq(request_irq(irq, sleepy, 0, "s", &fd), 0);
	ring(0);
	cr_assert_eq(calls, 1);
	cr_assert(ksim_dmesg_contains("BUG: sleeping function called from invalid context"));
	free_irq(irq, &fd);
	teardown();
}

/*
 * As on a CPU: an interrupt raised while the raiser has interrupts off is
 * not taken inside that section; it is taken once interrupts are back on
 * (by this task at local_irq_restore, or by the irq task if that is first).
 */
Test(irq, raise_with_irqs_off_is_taken_after_restore)
{
	unsigned long flags;
	int irq;

	setup(1);
	irq = pci_irq_vector(pdev, 0);
	cr_assert_eq(request_irq(irq, hard, 0, "i", &fd), 0);
	local_irq_save(flags);
	ring(0);
	/* Never nested inside a task with interrupts off. */
	cr_assert(handler_task != current || calls == 0);
	local_irq_restore(flags);
	cr_assert(ktest_wait_for(__atomic_load_n(&calls, __ATOMIC_SEQ_CST) == 1, 5000));
	cr_assert(saw_hardirq);
	synchronize_irq(irq);
	free_irq(irq, &fd);
	teardown();
}

/* Under a spinlock the interrupt waits for the unlock, then this task takes it. */
Test(irq, raise_under_spinlock_is_taken_at_unlock)
{
	DEFINE_SPINLOCK(lock);
	int irq;

	setup(1);
	irq = pci_irq_vector(pdev, 0);
	cr_assert_eq(request_irq(irq, hard, 0, "i", &fd), 0);
	spin_lock(&lock);
	ring(0);
	cr_assert(handler_task != current || calls == 0);
	spin_unlock(&lock);
	cr_assert(ktest_wait_for(__atomic_load_n(&calls, __ATOMIC_SEQ_CST) == 1, 5000));
	cr_assert(saw_hardirq);
	synchronize_irq(irq);
	free_irq(irq, &fd);
	teardown();
}

Test(irq, irqs_left_at_unbind_and_free_vectors_warn)
{
	ktest_expect_reports(KSIM_REPORT_WARN, 1);
	setup(2);
	cr_assert_eq(request_irq(pci_irq_vector(pdev, 1), hard, 0, "leak", &fd), 0);
	pci_free_irq_vectors(pdev);
	cr_assert(ksim_dmesg_contains("freeing irq vectors while irq"));
	cr_assert(!pdev->msix_enabled);
	pci_unregister_driver(&drv);
	ksim_pci_remove_device(fd.kdev);
}

Test(irq, irq_still_requested_at_unbind)
{
	ktest_expect_reports(KSIM_REPORT_WARN, 2);
	setup(2);
	cr_assert_eq(request_irq(pci_irq_vector(pdev, 0), hard, 0, "leak", &fd), 0);
	pci_unregister_driver(&drv);
	cr_assert(ksim_dmesg_contains("still has irq"));
	ksim_pci_remove_device(fd.kdev);
}

Test(irq, stats_count)
{
	struct ksim_pci_stats st;

	setup(1);
	cr_assert_eq(request_irq(pci_irq_vector(pdev, 0), hard, 0, "c", &fd), 0);
	ring(0);
	ring(0);
	ksim_pci_get_stats(fd.kdev, &st);
	cr_assert_eq(st.msix_raised, 2);
	cr_assert_eq(st.msix_delivered, 2);
	cr_assert_eq(st.msix_pended, 0);
	free_irq(pci_irq_vector(pdev, 0), &fd);
	teardown();
}
