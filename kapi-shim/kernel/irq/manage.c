// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/irq/manage.c - interrupt descriptors and handlers:
 * request_irq, free_irq, disable/enable/synchronize_irq, threaded
 * handlers.
 *
 * Each MSI-X vector a driver allocates gets a descriptor with a global
 * Linux irq number (from 24 up); the platform delivers the vector to
 * irq_dispatch() in hard interrupt context.  As in the kernel's flow
 * handlers, a descriptor runs its handlers on one CPU at a time: a
 * delivery that finds it running marks it pending and the running CPU
 * goes round again.  A disabled descriptor keeps the interrupt pending
 * until enable_irq() resends it.
 */
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/export.h>
#include <ksim/report.h>

#include "drivers/pci/ksim-pci.h"
#include "sim/host.h"

#define KSIM_NR_IRQS		4096
#define KSIM_FIRST_IRQ		24

#define DESC_RUNNING		1u
#define DESC_PENDING		2u
#define DESC_WAITERS		4u

#define THREAD_RUN		1u
#define THREAD_STOP		2u

struct irq_desc;

struct irqaction {
	irq_handler_t handler;
	irq_handler_t thread_fn;
	void *dev_id;
	const char *name;
	unsigned long flags;
	struct irq_desc *desc;
	struct irqaction *next;
	struct task_struct *thread;
	u32 thread_word;
	int thread_active;
	char thread_name[24];
};

struct irq_desc {
	unsigned int irq;
	struct ksim_pci_dev *kdev;
	unsigned int vector;
	struct ksim_lock lock;		/* actions, depth */
	struct irqaction *actions;
	u32 state;			/* DESC_* */
	unsigned int depth;		/* disable_irq nesting */
	int replay;			/* came while disabled */
	int oneshot;			/* threads still running with IRQF_ONESHOT */
	unsigned long count, unhandled;
};

static struct irq_desc *irq_descs[KSIM_NR_IRQS];
static struct ksim_lock irq_table_lock = KSIM_LOCK_INIT;

static struct irq_desc *irq_to_desc(unsigned int irq)
{
	if (irq >= KSIM_NR_IRQS)
		return NULL;
	return __atomic_load_n(&irq_descs[irq], __ATOMIC_ACQUIRE);
}

/* ---- delivery ---- */

static void irq_wake_thread(struct irq_desc *desc, struct irqaction *action)
{
	if (!action->thread)
		return;
	if (action->flags & IRQF_ONESHOT)
		__atomic_fetch_add(&desc->oneshot, 1, __ATOMIC_SEQ_CST);
	__atomic_store_n(&action->thread_active, 1, __ATOMIC_SEQ_CST);
	__atomic_fetch_or(&action->thread_word, THREAD_RUN, __ATOMIC_SEQ_CST);
	ksim_host->wake(&action->thread_word, 1);
}

static void handle_once(struct irq_desc *desc)
{
	struct irqaction *action;
	irqreturn_t ret = IRQ_NONE;

	if (__atomic_load_n(&desc->depth, __ATOMIC_SEQ_CST) ||
	    __atomic_load_n(&desc->oneshot, __ATOMIC_SEQ_CST)) {
		__atomic_store_n(&desc->replay, 1, __ATOMIC_SEQ_CST);
		return;
	}
	desc->count++;
	get_jiffies_64();	/* handlers read jiffies, as after a tick */
	for (action = __atomic_load_n(&desc->actions, __ATOMIC_ACQUIRE); action;
	     action = __atomic_load_n(&action->next, __ATOMIC_ACQUIRE)) {
		irqreturn_t r = action->handler(desc->irq, action->dev_id);

		if (r & IRQ_WAKE_THREAD)
			irq_wake_thread(desc, action);
		ret |= r;
	}
	if (ret == IRQ_NONE)
		desc->unhandled++;
}

/* The platform's MSI-X handler: hard interrupt context. */
static void irq_dispatch(void *arg, unsigned int vector)
{
	struct irq_desc *desc = arg;
	u32 s;

	__atomic_fetch_or(&desc->state, DESC_PENDING, __ATOMIC_SEQ_CST);
	for (;;) {
		s = __atomic_load_n(&desc->state, __ATOMIC_SEQ_CST);
		if ((s & DESC_RUNNING) || !(s & DESC_PENDING))
			return;
		if (!__atomic_compare_exchange_n(&desc->state, &s,
						 (s & ~DESC_PENDING) | DESC_RUNNING, false,
						 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			continue;
		handle_once(desc);
		s = __atomic_fetch_and(&desc->state, ~(DESC_RUNNING | DESC_WAITERS),
				       __ATOMIC_SEQ_CST);
		if (s & DESC_WAITERS)
			ksim_host->wake(&desc->state, INT32_MAX);
	}
}

/* Send a pending interrupt again (enable_irq, a ONESHOT thread done). */
static void irq_resend(struct irq_desc *desc)
{
	if (__atomic_load_n(&desc->depth, __ATOMIC_SEQ_CST) ||
	    __atomic_load_n(&desc->oneshot, __ATOMIC_SEQ_CST))
		return;
	if (__atomic_exchange_n(&desc->replay, 0, __ATOMIC_SEQ_CST)) {
		if (desc->kdev)
			ksim_msix_resend(desc->kdev, desc->vector);
		else
			ksim_irq_raise_line(desc->irq);	/* a legacy line */
	}
}

static void wait_hardirq(struct irq_desc *desc)
{
	u32 s;

	for (;;) {
		s = __atomic_load_n(&desc->state, __ATOMIC_SEQ_CST);
		if (!(s & DESC_RUNNING))
			return;
		if (in_hardirq())	/* cannot sleep: the runner is another task */
			ksim_host->yield();
		else if (__atomic_compare_exchange_n(&desc->state, &s, s | DESC_WAITERS, false,
						     __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			ksim_host->wait(&desc->state, s | DESC_WAITERS, KSIM_HOST_FOREVER);
	}
}

static void wait_threads(struct irq_desc *desc)
{
	struct irqaction *action;

	ksim_lock(&desc->lock);
	for (action = desc->actions; action; action = action->next)
		while (__atomic_load_n(&action->thread_active, __ATOMIC_SEQ_CST))
			ksim_host->sleep_until(ksim_host->now_ns() + 20000);
	ksim_unlock(&desc->lock);
}

bool synchronize_hardirq(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (desc)
		wait_hardirq(desc);
	return true;
}
EXPORT_SYMBOL(synchronize_hardirq);

void synchronize_irq(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (!desc)
		return;
	might_sleep();
	wait_hardirq(desc);
	wait_threads(desc);
}
EXPORT_SYMBOL(synchronize_irq);

/* ---- threads ---- */

static int irq_thread(void *arg)
{
	struct irqaction *action = arg;
	struct irq_desc *desc = action->desc;

	for (;;) {
		u32 w = __atomic_load_n(&action->thread_word, __ATOMIC_SEQ_CST);

		if (w & THREAD_STOP)
			break;
		if (!(w & THREAD_RUN)) {
			ksim_host->wait(&action->thread_word, w, KSIM_HOST_FOREVER);
			continue;
		}
		__atomic_fetch_and(&action->thread_word, ~THREAD_RUN, __ATOMIC_SEQ_CST);
		action->thread_fn(desc->irq, action->dev_id);
		if (!(__atomic_load_n(&action->thread_word, __ATOMIC_SEQ_CST) & THREAD_RUN))
			__atomic_store_n(&action->thread_active, 0, __ATOMIC_SEQ_CST);
		if ((action->flags & IRQF_ONESHOT) &&
		    __atomic_sub_fetch(&desc->oneshot, 1, __ATOMIC_SEQ_CST) == 0)
			irq_resend(desc);
	}
	__atomic_store_n(&action->thread_active, 0, __ATOMIC_SEQ_CST);
	return 0;
}

/* The primary handler of request_threaded_irq(irq, NULL, thread_fn, ...). */
static irqreturn_t irq_default_primary_handler(int irq, void *dev_id)
{
	return IRQ_WAKE_THREAD;
}

static void stop_thread(struct irqaction *action)
{
	if (!action->thread)
		return;
	__atomic_fetch_or(&action->thread_word, THREAD_STOP, __ATOMIC_SEQ_CST);
	ksim_host->wake(&action->thread_word, 1);
	ksim_task_join(action->thread);
	put_task_struct(action->thread);
	action->thread = NULL;
}

/* ---- descriptors ---- */

int ksim_irq_alloc_vectors(struct ksim_pci_dev *kdev, unsigned int nvec)
{
	struct irq_desc *descs[KSIM_MSIX_MAX];
	unsigned int base, run = 0, i, v;
	int ret = -ENOSPC;

	for (v = 0; v < nvec; v++) {
		descs[v] = ksim_host->mem_alloc(sizeof(struct irq_desc), 0);
		if (!descs[v]) {
			while (v--)
				ksim_host->mem_free(descs[v]);
			return -ENOMEM;
		}
		memset(descs[v], 0, sizeof(struct irq_desc));
	}
	ksim_lock(&irq_table_lock);
	for (i = KSIM_FIRST_IRQ; i < KSIM_NR_IRQS; i++) {
		run = irq_descs[i] ? 0 : run + 1;
		if (run == nvec)
			break;
	}
	if (run == nvec) {
		base = i + 1 - nvec;
		for (v = 0; v < nvec; v++) {
			descs[v]->irq = base + v;
			descs[v]->kdev = kdev;
			descs[v]->vector = v;
			ksim_msix_set_handler(kdev, v, irq_dispatch, descs[v]);
			__atomic_store_n(&irq_descs[base + v], descs[v], __ATOMIC_RELEASE);
		}
		ret = base;
	}
	ksim_unlock(&irq_table_lock);
	if (ret < 0)
		for (v = 0; v < nvec; v++)
			ksim_host->mem_free(descs[v]);
	return ret;
}

/*
 * Legacy interrupt lines (below KSIM_FIRST_IRQ): a platform device's
 * IORESOURCE_IRQ names one; it gets a descriptor when the device is added,
 * and ksim_irq_raise_line() delivers it (what a device model or test does
 * where hardware would assert the line).
 */
int ksim_irq_setup_line(unsigned int irq)
{
	struct irq_desc *desc;

	if (irq == 0 || irq >= KSIM_FIRST_IRQ)
		return -EINVAL;
	desc = ksim_host->mem_alloc(sizeof(*desc), 0);
	if (!desc)
		return -ENOMEM;
	memset(desc, 0, sizeof(*desc));
	desc->irq = irq;
	ksim_lock(&irq_table_lock);
	if (irq_descs[irq]) {
		ksim_host->mem_free(desc);	/* a line shared by two devices */
	} else {
		__atomic_store_n(&irq_descs[irq], desc, __ATOMIC_RELEASE);
	}
	ksim_unlock(&irq_table_lock);
	return 0;
}

void ksim_irq_raise_line(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (WARN_ON_ONCE(!desc || desc->kdev))
		return;
	irq_enter();
	irq_dispatch(desc, 0);
	irq_exit();
}
EXPORT_SYMBOL_GPL(ksim_irq_raise_line);

static void free_action(struct irqaction *action)
{
	stop_thread(action);
	ksim_host->mem_free(action);
}

unsigned int ksim_irq_free_vectors(struct ksim_pci_dev *kdev)
{
	unsigned int v, busy = 0;

	for (v = 0; v < kdev->irq_nvec; v++) {
		struct irq_desc *desc = irq_to_desc(kdev->irq_base + v);
		struct irqaction *action;

		if (!desc)
			continue;
		if (desc->actions) {
			busy++;
			WARN(1, "%s %s: freeing irq vectors while irq %u still has handler %s\n",
			     dev_driver_string(&kdev->pdev.dev), kdev->name, desc->irq,
			     desc->actions->name);
		}
		ksim_msix_set_handler(kdev, v, NULL, NULL);
		ksim_lock(&irq_table_lock);
		__atomic_store_n(&irq_descs[desc->irq], NULL, __ATOMIC_RELEASE);
		ksim_unlock(&irq_table_lock);
		wait_hardirq(desc);
		while ((action = desc->actions)) {
			desc->actions = action->next;
			free_action(action);
		}
		ksim_host->mem_free(desc);
	}
	return busy;
}

void ksim_irq_check_unbind(struct ksim_pci_dev *kdev)
{
	unsigned int v;

	for (v = 0; v < kdev->irq_nvec; v++) {
		struct irq_desc *desc = irq_to_desc(kdev->irq_base + v);

		if (desc && desc->actions)
			WARN(1, "%s %s: still has irq %u requested at unbind (handler %s)\n",
			     dev_driver_string(&kdev->pdev.dev), kdev->name, desc->irq,
			     desc->actions->name);
	}
}

/* ---- request and free ---- */

int request_threaded_irq(unsigned int irq, irq_handler_t handler,
			 irq_handler_t thread_fn, unsigned long irqflags,
			 const char *devname, void *dev_id)
{
	struct irq_desc *desc = irq_to_desc(irq);
	struct irqaction *action, **pp;
	bool first;

	if (!desc)
		return -EINVAL;
	if ((irqflags & IRQF_SHARED) && !dev_id)
		return -EINVAL;
	if (!handler) {
		if (!thread_fn)
			return -EINVAL;
		if (!(irqflags & IRQF_ONESHOT)) {
			pr_err("genirq: Threaded irq requested with handler=NULL and !ONESHOT for %s (irq %u)\n",
			       devname, irq);
			return -EINVAL;
		}
		handler = irq_default_primary_handler;
	}
	action = ksim_host->mem_alloc(sizeof(*action), 0);
	if (!action)
		return -ENOMEM;
	memset(action, 0, sizeof(*action));
	action->handler = handler;
	action->thread_fn = thread_fn;
	action->flags = irqflags;
	action->name = devname;
	action->dev_id = dev_id;
	action->desc = desc;

	ksim_lock(&desc->lock);
	if (desc->actions && !((desc->actions->flags & irqflags) & IRQF_SHARED)) {
		ksim_unlock(&desc->lock);
		pr_err("genirq: Flags mismatch irq %u. %08lx (%s) vs. %08lx (%s)\n", irq,
		       irqflags, devname, desc->actions->flags, desc->actions->name);
		ksim_host->mem_free(action);
		return -EBUSY;
	}
	if (thread_fn) {
		struct task_struct *t;

		scnprintf(action->thread_name, sizeof(action->thread_name), "irq/%u-%s",
			  irq, devname ? devname : "?");
		t = ksim_task_create(irq_thread, action, action->thread_name);
		if (IS_ERR(t)) {
			ksim_unlock(&desc->lock);
			ksim_host->mem_free(action);
			return PTR_ERR(t);
		}
		action->thread = t;
	}
	first = !desc->actions;
	for (pp = &desc->actions; *pp; pp = &(*pp)->next)
		;
	__atomic_store_n(pp, action, __ATOMIC_RELEASE);
	if (first && (irqflags & IRQF_NO_AUTOEN))
		desc->depth = 1;
	ksim_unlock(&desc->lock);
	/* irq_startup: unmask the vector; a pending message arrives now. */
	if (first && desc->kdev)
		ksim_msix_mask_vector(desc->kdev, desc->vector, false);
	return 0;
}
EXPORT_SYMBOL(request_threaded_irq);

const void *free_irq(unsigned int irq, void *dev_id)
{
	struct irq_desc *desc = irq_to_desc(irq);
	struct irqaction *action, **pp;
	const char *name;
	bool last;

	might_sleep();
	if (!desc) {
		WARN(1, "Trying to free IRQ %u with no descriptor\n", irq);
		return NULL;
	}
	ksim_lock(&desc->lock);
	for (pp = &desc->actions; (action = *pp); pp = &action->next)
		if (action->dev_id == dev_id)
			break;
	if (!action) {
		ksim_unlock(&desc->lock);
		WARN(1, "Trying to free already-free IRQ %u\n", irq);
		return NULL;
	}
	__atomic_store_n(pp, action->next, __ATOMIC_RELEASE);
	last = !desc->actions;
	ksim_unlock(&desc->lock);
	/* irq_shutdown: mask the vector, then let a running handler finish. */
	if (last && desc->kdev)
		ksim_msix_mask_vector(desc->kdev, desc->vector, true);
	wait_hardirq(desc);
	name = action->name;
	free_action(action);
	if (last) {
		desc->depth = 0;
		desc->replay = 0;
		desc->oneshot = 0;
	}
	return name;
}
EXPORT_SYMBOL(free_irq);

/* ---- enable and disable ---- */

void disable_irq_nosync(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (!desc)
		return;
	ksim_lock(&desc->lock);
	__atomic_fetch_add(&desc->depth, 1, __ATOMIC_SEQ_CST);
	ksim_unlock(&desc->lock);
}
EXPORT_SYMBOL(disable_irq_nosync);

void disable_irq(unsigned int irq)
{
	might_sleep();
	disable_irq_nosync(irq);
	synchronize_irq(irq);
}
EXPORT_SYMBOL(disable_irq);

bool disable_hardirq(unsigned int irq)
{
	disable_irq_nosync(irq);
	return synchronize_hardirq(irq);
}
EXPORT_SYMBOL_GPL(disable_hardirq);

void enable_irq(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);
	bool now_enabled;

	if (!desc)
		return;
	ksim_lock(&desc->lock);
	if (!desc->depth) {
		ksim_unlock(&desc->lock);
		WARN(1, "Unbalanced enable for IRQ %d\n", irq);
		return;
	}
	now_enabled = __atomic_sub_fetch(&desc->depth, 1, __ATOMIC_SEQ_CST) == 0;
	ksim_unlock(&desc->lock);
	if (now_enabled)
		irq_resend(desc);
}
EXPORT_SYMBOL(enable_irq);

/* ---- managed and PCI helpers ---- */

struct irq_devres {
	unsigned int irq;
	void *dev_id;
};

static void devm_irq_release(struct device *dev, void *res)
{
	struct irq_devres *this = res;

	free_irq(this->irq, this->dev_id);
}

static int devm_irq_match(struct device *dev, void *res, void *data)
{
	struct irq_devres *this = res, *match = data;

	return this->irq == match->irq && this->dev_id == match->dev_id;
}

int devm_request_threaded_irq(struct device *dev, unsigned int irq,
			      irq_handler_t handler, irq_handler_t thread_fn,
			      unsigned long irqflags, const char *devname,
			      void *dev_id)
{
	struct irq_devres *dr;
	int rc;

	dr = devres_alloc(devm_irq_release, sizeof(*dr), GFP_KERNEL);
	if (!dr)
		return -ENOMEM;
	if (!devname)
		devname = dev_name(dev);
	rc = request_threaded_irq(irq, handler, thread_fn, irqflags, devname, dev_id);
	if (rc) {
		devres_free(dr);
		return rc;
	}
	dr->irq = irq;
	dr->dev_id = dev_id;
	devres_add(dev, dr);
	return 0;
}
EXPORT_SYMBOL(devm_request_threaded_irq);

void devm_free_irq(struct device *dev, unsigned int irq, void *dev_id)
{
	struct irq_devres match = { .irq = irq, .dev_id = dev_id };

	WARN_ON(devres_destroy(dev, devm_irq_release, devm_irq_match, &match));
	free_irq(irq, dev_id);
}
EXPORT_SYMBOL(devm_free_irq);

int pci_request_irq(struct pci_dev *dev, unsigned int nr, irq_handler_t handler,
		    irq_handler_t thread_fn, void *dev_id, const char *fmt, ...)
{
	va_list ap;
	char *devname;
	int ret, irq = pci_irq_vector(dev, nr);
	unsigned long flags = 0;

	if (irq < 0)
		return irq;
	if (!handler)
		flags |= IRQF_ONESHOT;
	va_start(ap, fmt);
	devname = kvasprintf(GFP_KERNEL, fmt, ap);
	va_end(ap);
	if (!devname)
		return -ENOMEM;
	ret = request_threaded_irq(irq, handler, thread_fn, flags, devname, dev_id);
	if (ret)
		kfree(devname);
	return ret;
}
EXPORT_SYMBOL(pci_request_irq);

void pci_free_irq(struct pci_dev *dev, unsigned int nr, void *dev_id)
{
	int irq = pci_irq_vector(dev, nr);

	if (irq < 0)
		return;
	kfree(free_irq(irq, dev_id));
}
EXPORT_SYMBOL(pci_free_irq);
