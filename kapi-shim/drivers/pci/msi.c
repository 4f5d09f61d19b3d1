// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/drivers/pci/msi.c - MSI-X: the emulated vector table and
 * pending bit array, delivery of raised vectors, and the kernel's
 * pci_alloc_irq_vectors() family on top.
 *
 * Delivery runs the routed handler in hard interrupt context on the task
 * that raised the vector (the model's worker: no wake-up, the cheapest
 * path), unless that task has interrupts disabled or is itself in an
 * interrupt handler; then the per-machine "irq/ksim" task delivers it, as
 * another CPU would.
 *
 * Masking is lock free: a raise that finds its vector masked sets the
 * pending bit and then looks again; an unmask clears the mask and then
 * takes the pending bit.  Both sides take the bit with an atomic
 * test-and-clear, so exactly one of them sends the message.
 */
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/sched.h>
#include <linux/hardirq.h>
#include <linux/string.h>
#include <linux/export.h>
#include <ksim/report.h>

#include "drivers/pci/ksim-pci.h"
#include "sim/host.h"

#define BITS_PER_UL	(8 * sizeof(unsigned long))
#define MSIX_CTRL(v)	(4 * (v) + 3)

int ksim_msix_init(struct ksim_pci_dev *kdev)
{
	unsigned int n = kdev->info.msix_vectors, v;
	size_t words = DIV_ROUND_UP(n, BITS_PER_UL);

	if (!n)
		return 0;
	kdev->msix_table = ksim_host->mem_alloc(16 * n, 0);
	kdev->msix_pba = ksim_host->mem_alloc(words * sizeof(long), 0);
	kdev->msix_deferred = ksim_host->mem_alloc(words * sizeof(long), 0);
	kdev->msix_vec = ksim_host->mem_alloc(n * sizeof(*kdev->msix_vec), 0);
	if (!kdev->msix_table || !kdev->msix_pba || !kdev->msix_deferred || !kdev->msix_vec)
		return -ENOMEM;
	memset(kdev->msix_table, 0, 16 * n);
	memset(kdev->msix_pba, 0, words * sizeof(long));
	memset(kdev->msix_deferred, 0, words * sizeof(long));
	memset(kdev->msix_vec, 0, n * sizeof(*kdev->msix_vec));
	/* Vectors come out of reset masked. */
	for (v = 0; v < n; v++)
		kdev->msix_table[MSIX_CTRL(v)] = PCI_MSIX_ENTRY_CTRL_MASKBIT;
	return 0;
}

void ksim_msix_release(struct ksim_pci_dev *kdev)
{
	ksim_host->mem_free(kdev->msix_table);
	ksim_host->mem_free(kdev->msix_pba);
	ksim_host->mem_free(kdev->msix_deferred);
	ksim_host->mem_free(kdev->msix_vec);
	kdev->msix_table = NULL;
	kdev->msix_pba = NULL;
	kdev->msix_deferred = NULL;
	kdev->msix_vec = NULL;
}

static bool test_and_clear(unsigned long *map, unsigned int v)
{
	unsigned long bit = 1UL << (v % BITS_PER_UL);

	return __atomic_fetch_and(&map[v / BITS_PER_UL], ~bit, __ATOMIC_SEQ_CST) & bit;
}

static void set_bit_sc(unsigned long *map, unsigned int v)
{
	__atomic_fetch_or(&map[v / BITS_PER_UL], 1UL << (v % BITS_PER_UL), __ATOMIC_SEQ_CST);
}

static bool vector_masked(struct ksim_pci_dev *kdev, unsigned int v)
{
	if (!__atomic_load_n(&kdev->msix_fn_ok, __ATOMIC_SEQ_CST))
		return true;
	return __atomic_load_n(&kdev->msix_table[MSIX_CTRL(v)], __ATOMIC_SEQ_CST) &
	       PCI_MSIX_ENTRY_CTRL_MASKBIT;
}

/* ---- the irq task ---- */

static struct {
	struct task_struct *task;
	u32 word;
	int stop;
} irqd;

static void msix_run(struct ksim_pci_dev *kdev, unsigned int v)
{
	struct ksim_msix_vec *vec = &kdev->msix_vec[v];
	void (*handler)(void *arg, unsigned int vector);
	unsigned long flags;

	__atomic_fetch_add(&vec->inflight, 1, __ATOMIC_SEQ_CST);
	handler = __atomic_load_n(&vec->handler, __ATOMIC_ACQUIRE);
	if (handler && !ksim_pci_removed(kdev)) {
		flags = ksim_local_irq_save();
		irq_enter();
		handler(vec->arg, v);
		irq_exit();
		ksim_local_irq_restore(flags);
		ksim_stat_inc(kdev, msix_delivered, 1);
	}
	__atomic_fetch_sub(&vec->inflight, 1, __ATOMIC_RELEASE);
}

/*
 * Slots (bit i: slot i) whose device has deferred vectors: set after the
 * device's own bits, taken (exchanged) before them, so whoever takes a
 * slot's bit finds the vectors that were deferred before it was set.
 */
static unsigned long deferred_slots;

/* Take every deferred vector of @kdev, a word of them at a time, and run it. */
static void irq_task_process(struct ksim_pci_dev *kdev, void *arg)
{
	unsigned int w, n = kdev->info.msix_vectors;

	if (!n || !__atomic_exchange_n(&kdev->deferred_any, 0, __ATOMIC_SEQ_CST))
		return;
	for (w = 0; w < DIV_ROUND_UP(n, BITS_PER_UL); w++) {
		unsigned long taken = __atomic_exchange_n(&kdev->msix_deferred[w], 0,
							  __ATOMIC_SEQ_CST);

		for (; taken; taken &= taken - 1)
			msix_run(kdev, w * BITS_PER_UL + __builtin_ctzl(taken));
	}
}

/* Run what every device with deferred vectors holds. */
static void irq_run_deferred(void)
{
	unsigned long mask = __atomic_exchange_n(&deferred_slots, 0, __ATOMIC_SEQ_CST);

	if (mask)
		ksim_pci_for_each_dev_in(mask, irq_task_process, NULL);
}

static int irq_task_fn(void *unused)
{
	for (;;) {
		u32 w = __atomic_load_n(&irqd.word, __ATOMIC_ACQUIRE);

		irq_run_deferred();
		if (__atomic_load_n(&irqd.stop, __ATOMIC_ACQUIRE))
			break;
		WRITE_ONCE(current->ksim_idle, 1);
		ksim_host->wait(&irqd.word, w, KSIM_HOST_FOREVER);
		WRITE_ONCE(current->ksim_idle, 0);
	}
	return 0;
}

static void irq_task_kick(void)
{
	__atomic_fetch_add(&irqd.word, 1, __ATOMIC_RELEASE);
	ksim_host->wake(&irqd.word, 1);
}

void ksim_irq_task_start(void)
{
	struct task_struct *t;

	__atomic_store_n(&irqd.stop, 0, __ATOMIC_RELEASE);
	t = ksim_task_create(irq_task_fn, NULL, "irq/ksim");
	if (IS_ERR(t)) {
		pr_err("ksim: cannot start the irq task (%ld); deferred interrupts are lost\n",
		       PTR_ERR(t));
		return;
	}
	irqd.task = t;
}

void ksim_irq_task_stop(void)
{
	if (!irqd.task)
		return;
	__atomic_store_n(&irqd.stop, 1, __ATOMIC_RELEASE);
	irq_task_kick();
	ksim_task_join(irqd.task);
	put_task_struct(irqd.task);
	irqd.task = NULL;
}

/*
 * Send the message.  The raising task takes the interrupt here and now when
 * it can: not with interrupts disabled, not inside a handler, and not
 * inside a spinlock or preempt-disabled section either (an emulated device
 * running inline may raise from the driver's own doorbell write, under the
 * driver's queue lock; a real interrupt there would come a moment later,
 * and the handler must not find that lock held by the very code it
 * interrupted).  Otherwise the vector is left pending on the device and
 * taken by this task when it leaves that section (ksim_irq_flush_deferred()),
 * or by the irq task, whichever comes first.
 */
static void msix_fire(struct ksim_pci_dev *kdev, unsigned int v)
{
	struct task_struct *p = current;

	/* An interrupt: where tasks take turns, another may run first. */
	ksim_host_sched_point();
	if (p->ksim_irqs_off || p->preempt_count) {
		set_bit_sc(kdev->msix_deferred, v);
		__atomic_store_n(&kdev->deferred_any, 1, __ATOMIC_SEQ_CST);
		__atomic_fetch_or(&deferred_slots, 1UL << kdev->slot, __ATOMIC_SEQ_CST);
		p->ksim_irq_pending = 1;
		/* A task that defers from hard interrupt context takes it on the way out. */
		if (!in_hardirq() && !p->preempt_count)
			irq_task_kick();
		return;
	}
	msix_run(kdev, v);
}

/* The current task left its atomic section with interrupts pending: take them. */
void ksim_irq_flush_deferred(void)
{
	current->ksim_irq_pending = 0;
	irq_run_deferred();
}

static void msix_deliver_pending(struct ksim_pci_dev *kdev, unsigned int v)
{
	if (!vector_masked(kdev, v) && test_and_clear(kdev->msix_pba, v))
		msix_fire(kdev, v);
}

void ksim_msix_raise(struct ksim_pci_dev *kdev, unsigned int vector)
{
	if (unlikely(vector >= kdev->info.msix_vectors)) {
		pr_warn("pci %s: %s raised MSI-X vector %u of %u\n", kdev->name,
			kdev->model_name, vector, kdev->info.msix_vectors);
		return;
	}
	ksim_stat_inc(kdev, msix_raised, 1);
	if (unlikely(ksim_pci_removed(kdev)))
		return;
	if (vector_masked(kdev, vector)) {
		set_bit_sc(kdev->msix_pba, vector);
		ksim_stat_inc(kdev, msix_pended, 1);
		/* An unmask may have come between the check and the bit. */
		msix_deliver_pending(kdev, vector);
		return;
	}
	msix_fire(kdev, vector);
}

void ksim_msix_resend(struct ksim_pci_dev *kdev, unsigned int v)
{
	if (vector_masked(kdev, v)) {
		set_bit_sc(kdev->msix_pba, v);
		msix_deliver_pending(kdev, v);
		return;
	}
	msix_fire(kdev, v);
}

void ksim_msix_set_handler(struct ksim_pci_dev *kdev, unsigned int vector,
			   void (*handler)(void *arg, unsigned int vector), void *arg)
{
	struct ksim_msix_vec *vec;

	if (vector >= kdev->info.msix_vectors)
		return;
	vec = &kdev->msix_vec[vector];
	if (handler) {
		vec->arg = arg;
		__atomic_store_n(&vec->handler, handler, __ATOMIC_RELEASE);
		return;
	}
	__atomic_store_n(&vec->handler, NULL, __ATOMIC_SEQ_CST);
	/* A delivery that already loaded the old handler must finish first. */
	while (__atomic_load_n(&vec->inflight, __ATOMIC_ACQUIRE))
		ksim_host->yield();
	vec->arg = NULL;
}

void ksim_msix_ctrl_changed(struct ksim_pci_dev *kdev)
{
	u16 ctrl = kdev->cfg[kdev->pdev.msix_cap + PCI_MSIX_FLAGS] |
		   kdev->cfg[kdev->pdev.msix_cap + PCI_MSIX_FLAGS + 1] << 8;
	int ok = (ctrl & PCI_MSIX_FLAGS_ENABLE) && !(ctrl & PCI_MSIX_FLAGS_MASKALL);
	unsigned int v;

	__atomic_store_n(&kdev->msix_fn_ok, ok, __ATOMIC_SEQ_CST);
	if (!ok)
		return;
	for (v = 0; v < kdev->info.msix_vectors; v++)
		msix_deliver_pending(kdev, v);
}

void ksim_msix_mask_vector(struct ksim_pci_dev *kdev, unsigned int v, bool mask)
{
	u32 *ctrl = &kdev->msix_table[MSIX_CTRL(v)];

	ksim_lock(&kdev->lock);
	if (mask)
		__atomic_fetch_or(ctrl, PCI_MSIX_ENTRY_CTRL_MASKBIT, __ATOMIC_SEQ_CST);
	else
		__atomic_fetch_and(ctrl, ~PCI_MSIX_ENTRY_CTRL_MASKBIT, __ATOMIC_SEQ_CST);
	ksim_unlock(&kdev->lock);
	if (!mask)
		msix_deliver_pending(kdev, v);
}

/* ---- the table and PBA as MMIO ---- */

static bool overlaps(u64 off, unsigned int size, u64 start, u64 len)
{
	return off < start + len && off + size > start;
}

bool ksim_msix_in_table(struct ksim_pci_dev *kdev, int bar, u64 off, unsigned int size)
{
	const struct ksim_pci_dev_info *info = &kdev->info;

	if (!info->msix_vectors || bar != info->msix_bar)
		return false;
	return overlaps(off, size, info->msix_table_offset, 16ULL * info->msix_vectors) ||
	       overlaps(off, size, info->msix_pba_offset,
			8ULL * DIV_ROUND_UP(info->msix_vectors, 64));
}

static u8 msix_byte(struct ksim_pci_dev *kdev, u64 off)
{
	const struct ksim_pci_dev_info *info = &kdev->info;
	u64 t = off - info->msix_table_offset, p = off - info->msix_pba_offset;

	if (off >= info->msix_table_offset && t < 16ULL * info->msix_vectors)
		return __atomic_load_n(&kdev->msix_table[t / 4], __ATOMIC_RELAXED) >> (8 * (t % 4));
	if (off >= info->msix_pba_offset && p / 8 < DIV_ROUND_UP(info->msix_vectors, 64)) {
		unsigned long w = __atomic_load_n(&kdev->msix_pba[p / sizeof(long)],
						  __ATOMIC_RELAXED);

		return w >> (8 * (p % sizeof(long)));
	}
	return 0;
}

u64 ksim_msix_mmio_read(struct ksim_pci_dev *kdev, u64 off, unsigned int size)
{
	u64 v = 0;
	unsigned int i;

	for (i = 0; i < size; i++)
		v |= (u64)msix_byte(kdev, off + i) << (8 * i);
	return v;
}

void ksim_msix_mmio_write(struct ksim_pci_dev *kdev, u64 off, u64 val, unsigned int size)
{
	const struct ksim_pci_dev_info *info = &kdev->info;
	unsigned int i, v, first = ~0u, last = 0;

	ksim_lock(&kdev->lock);
	for (i = 0; i < size; i++) {
		u64 t = off + i - info->msix_table_offset;
		u32 *w, cur;

		/* The PBA is read-only. */
		if (off + i < info->msix_table_offset || t >= 16ULL * info->msix_vectors)
			continue;
		w = &kdev->msix_table[t / 4];
		cur = *w & ~(0xffu << (8 * (t % 4)));
		cur |= (u32)(u8)(val >> (8 * i)) << (8 * (t % 4));
		if (t % 16 >= 12)	/* vector control: only the mask bit is writable */
			cur &= PCI_MSIX_ENTRY_CTRL_MASKBIT;
		__atomic_store_n(w, cur, __ATOMIC_SEQ_CST);
		first = min_t(unsigned int, first, t / 16);
		last = max_t(unsigned int, last, t / 16);
	}
	ksim_unlock(&kdev->lock);
	for (v = first; v <= last && first != ~0u; v++)
		msix_deliver_pending(kdev, v);
}

/* ---- pci_alloc_irq_vectors ---- */

static void msix_enable(struct ksim_pci_dev *kdev, unsigned int nvec, bool enable)
{
	unsigned int where = kdev->pdev.msix_cap + PCI_MSIX_FLAGS, v;
	u16 ctrl = ksim_cfg_read(kdev, where, 2);

	if (enable) {
		/* Program each entry (address, data) masked, then enable. */
		for (v = 0; v < nvec; v++) {
			u32 *e = &kdev->msix_table[4 * v];

			ksim_msix_mask_vector(kdev, v, true);
			__atomic_store_n(&e[0], 0xfee00000u, __ATOMIC_RELAXED);
			__atomic_store_n(&e[1], 0, __ATOMIC_RELAXED);
			__atomic_store_n(&e[2], kdev->irq_base + v, __ATOMIC_RELAXED);
		}
		ctrl = (ctrl | PCI_MSIX_FLAGS_ENABLE) & ~PCI_MSIX_FLAGS_MASKALL;
	} else {
		for (v = 0; v < kdev->info.msix_vectors; v++)
			ksim_msix_mask_vector(kdev, v, true);
		ctrl &= ~PCI_MSIX_FLAGS_ENABLE;
	}
	ksim_cfg_write(kdev, where, 2, ctrl);
}

int pci_alloc_irq_vectors_affinity(struct pci_dev *dev, unsigned int min_vecs,
				   unsigned int max_vecs, unsigned int flags,
				   struct irq_affinity *affd)
{
	struct ksim_pci_dev *kdev = ksim_pdev(dev);
	unsigned int nvec;
	int ret;

	if (!min_vecs || min_vecs > max_vecs)
		return -EINVAL;
	if (kdev->irq_nvec || dev->msix_enabled) {
		pci_info(dev, "can't enable MSI-X (MSI-X already enabled)\n");
		return -EINVAL;
	}
	if (!(flags & PCI_IRQ_MSIX) || !kdev->info.msix_vectors)
		return -ENOSPC;	/* MSI and INTx are not emulated */
	nvec = min(max_vecs, kdev->info.msix_vectors);
	if (nvec < min_vecs)
		return -ENOSPC;
	ret = ksim_irq_alloc_vectors(kdev, nvec);
	if (ret < 0)
		return ret;
	kdev->irq_base = ret;
	kdev->irq_nvec = nvec;
	msix_enable(kdev, nvec, true);
	dev->msix_enabled = 1;
	dev->irq = kdev->irq_base;
	return nvec;
}
EXPORT_SYMBOL(pci_alloc_irq_vectors_affinity);

void pci_free_irq_vectors(struct pci_dev *dev)
{
	struct ksim_pci_dev *kdev = ksim_pdev(dev);

	if (!kdev->irq_nvec)
		return;
	ksim_irq_free_vectors(kdev);
	msix_enable(kdev, kdev->irq_nvec, false);
	kdev->irq_nvec = 0;
	kdev->irq_base = 0;
	dev->msix_enabled = 0;
	dev->irq = 0;
}
EXPORT_SYMBOL(pci_free_irq_vectors);

int pci_irq_vector(struct pci_dev *dev, unsigned int nr)
{
	struct ksim_pci_dev *kdev = ksim_pdev(dev);

	if (nr >= kdev->irq_nvec)
		return -EINVAL;
	return kdev->irq_base + nr;
}
EXPORT_SYMBOL(pci_irq_vector);

int pci_msix_vec_count(struct pci_dev *dev)
{
	struct ksim_pci_dev *kdev = ksim_pdev(dev);

	if (!kdev->info.msix_vectors)
		return -EINVAL;
	return kdev->info.msix_vectors;
}
EXPORT_SYMBOL(pci_msix_vec_count);

int pci_msi_vec_count(struct pci_dev *dev)
{
	return -EINVAL;
}
EXPORT_SYMBOL(pci_msi_vec_count);

const struct cpumask *pci_irq_get_affinity(struct pci_dev *pdev, int vec)
{
	/* No affinity spreading: blk-mq falls back to its default map. */
	return NULL;
}
EXPORT_SYMBOL(pci_irq_get_affinity);
