// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/notifier.c - notifier chains.  The chain is a singly
 * linked list sorted by descending priority; callers walk it with the
 * chain's lock (atomic: the spinlock on update, RCU-style publication for
 * the walk; blocking: the rwsem) and stop at NOTIFY_STOP_MASK.
 */
#include <linux/kernel.h>
#include <linux/notifier.h>
#include <linux/rcupdate.h>
#include <linux/export.h>

static int chain_register(struct notifier_block **nl, struct notifier_block *n,
			  bool unique_priority)
{
	while (*nl) {
		if (unlikely(*nl == n)) {
			WARN(1, "notifier callback %ps already registered",
			     n->notifier_call);
			return -EEXIST;
		}
		if (n->priority > (*nl)->priority)
			break;
		if (n->priority == (*nl)->priority && unique_priority)
			return -EBUSY;
		nl = &((*nl)->next);
	}
	n->next = *nl;
	rcu_assign_pointer(*nl, n);
	return 0;
}

static int chain_unregister(struct notifier_block **nl,
			    struct notifier_block *n)
{
	while (*nl) {
		if (*nl == n) {
			rcu_assign_pointer(*nl, n->next);
			return 0;
		}
		nl = &((*nl)->next);
	}
	return -ENOENT;
}

/*
 * Call up to @nr_to_call callbacks (-1: all); *@nr_calls counts the calls
 * made.  Returns the last callback's result.
 */
static int call_chain(struct notifier_block **nl, unsigned long val, void *v,
		      int nr_to_call, int *nr_calls)
{
	struct notifier_block *nb, *next_nb;
	int ret = NOTIFY_DONE;

	nb = rcu_dereference_raw(*nl);
	while (nb && nr_to_call) {
		next_nb = rcu_dereference_raw(nb->next);
		ret = nb->notifier_call(nb, val, v);
		if (nr_calls)
			(*nr_calls)++;
		if (ret & NOTIFY_STOP_MASK)
			break;
		nb = next_nb;
		nr_to_call--;
	}
	return ret;
}

/* Call with @val_up; if one refuses, undo the ones called with @val_down. */
static int call_chain_robust(struct notifier_block **nl, unsigned long val_up,
			     unsigned long val_down, void *v)
{
	int ret, nr = 0;

	ret = call_chain(nl, val_up, v, -1, &nr);
	if (ret & NOTIFY_STOP_MASK)
		call_chain(nl, val_down, v, nr - 1, NULL);
	return ret;
}

/* ---- atomic chains ---- */

static int atomic_register(struct atomic_notifier_head *nh,
			   struct notifier_block *n, bool unique)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&nh->lock, flags);
	ret = chain_register(&nh->head, n, unique);
	spin_unlock_irqrestore(&nh->lock, flags);
	return ret;
}

int atomic_notifier_chain_register(struct atomic_notifier_head *nh,
				   struct notifier_block *n)
{
	return atomic_register(nh, n, false);
}
EXPORT_SYMBOL_GPL(atomic_notifier_chain_register);

int atomic_notifier_chain_register_unique_prio(struct atomic_notifier_head *nh,
					       struct notifier_block *n)
{
	return atomic_register(nh, n, true);
}
EXPORT_SYMBOL_GPL(atomic_notifier_chain_register_unique_prio);

int atomic_notifier_chain_unregister(struct atomic_notifier_head *nh,
				     struct notifier_block *n)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&nh->lock, flags);
	ret = chain_unregister(&nh->head, n);
	spin_unlock_irqrestore(&nh->lock, flags);
	/* A caller walking the chain may still be in @n. */
	synchronize_rcu();
	return ret;
}
EXPORT_SYMBOL_GPL(atomic_notifier_chain_unregister);

int atomic_notifier_call_chain(struct atomic_notifier_head *nh,
			       unsigned long val, void *v)
{
	int ret;

	rcu_read_lock();
	ret = call_chain(&nh->head, val, v, -1, NULL);
	rcu_read_unlock();
	return ret;
}
EXPORT_SYMBOL_GPL(atomic_notifier_call_chain);

bool atomic_notifier_call_chain_is_empty(struct atomic_notifier_head *nh)
{
	return !rcu_access_pointer(nh->head);
}
EXPORT_SYMBOL_GPL(atomic_notifier_call_chain_is_empty);

/* ---- blocking chains ---- */

static int blocking_register(struct blocking_notifier_head *nh,
			     struct notifier_block *n, bool unique)
{
	int ret;

	down_write(&nh->rwsem);
	ret = chain_register(&nh->head, n, unique);
	up_write(&nh->rwsem);
	return ret;
}

int blocking_notifier_chain_register(struct blocking_notifier_head *nh,
				     struct notifier_block *n)
{
	return blocking_register(nh, n, false);
}
EXPORT_SYMBOL_GPL(blocking_notifier_chain_register);

int blocking_notifier_chain_register_unique_prio(struct blocking_notifier_head *nh,
						 struct notifier_block *n)
{
	return blocking_register(nh, n, true);
}
EXPORT_SYMBOL_GPL(blocking_notifier_chain_register_unique_prio);

int blocking_notifier_chain_unregister(struct blocking_notifier_head *nh,
				       struct notifier_block *n)
{
	int ret;

	down_write(&nh->rwsem);
	ret = chain_unregister(&nh->head, n);
	up_write(&nh->rwsem);
	return ret;
}
EXPORT_SYMBOL_GPL(blocking_notifier_chain_unregister);

int blocking_notifier_call_chain(struct blocking_notifier_head *nh,
				 unsigned long val, void *v)
{
	int ret = NOTIFY_DONE;

	/* Not even the rwsem when empty: callable early, as in the kernel. */
	if (rcu_access_pointer(nh->head)) {
		down_read(&nh->rwsem);
		ret = call_chain(&nh->head, val, v, -1, NULL);
		up_read(&nh->rwsem);
	}
	return ret;
}
EXPORT_SYMBOL_GPL(blocking_notifier_call_chain);

int blocking_notifier_call_chain_robust(struct blocking_notifier_head *nh,
		unsigned long val_up, unsigned long val_down, void *v)
{
	int ret = NOTIFY_DONE;

	if (rcu_access_pointer(nh->head)) {
		down_read(&nh->rwsem);
		ret = call_chain_robust(&nh->head, val_up, val_down, v);
		up_read(&nh->rwsem);
	}
	return ret;
}
EXPORT_SYMBOL_GPL(blocking_notifier_call_chain_robust);

/* ---- raw chains: the caller serializes ---- */

int raw_notifier_chain_register(struct raw_notifier_head *nh,
				struct notifier_block *n)
{
	return chain_register(&nh->head, n, false);
}
EXPORT_SYMBOL_GPL(raw_notifier_chain_register);

int raw_notifier_chain_unregister(struct raw_notifier_head *nh,
				  struct notifier_block *n)
{
	return chain_unregister(&nh->head, n);
}
EXPORT_SYMBOL_GPL(raw_notifier_chain_unregister);

int raw_notifier_call_chain(struct raw_notifier_head *nh,
			    unsigned long val, void *v)
{
	return call_chain(&nh->head, val, v, -1, NULL);
}
EXPORT_SYMBOL_GPL(raw_notifier_call_chain);

int raw_notifier_call_chain_robust(struct raw_notifier_head *nh,
		unsigned long val_up, unsigned long val_down, void *v)
{
	return call_chain_robust(&nh->head, val_up, val_down, v);
}
EXPORT_SYMBOL_GPL(raw_notifier_call_chain_robust);
