// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/reboot.c - the reboot notifier chain, called with
 * SYS_POWER_OFF when ksim powers off (kernel/boot.c), before devices go.
 */
#include <linux/kernel.h>
#include <linux/reboot.h>
#include <linux/device.h>
#include <linux/export.h>

#include "internal.h"

static BLOCKING_NOTIFIER_HEAD(reboot_notifier_list);

int register_reboot_notifier(struct notifier_block *nb)
{
	return blocking_notifier_chain_register(&reboot_notifier_list, nb);
}
EXPORT_SYMBOL(register_reboot_notifier);

int unregister_reboot_notifier(struct notifier_block *nb)
{
	return blocking_notifier_chain_unregister(&reboot_notifier_list, nb);
}
EXPORT_SYMBOL(unregister_reboot_notifier);

static void devm_unregister_reboot_notifier(void *nb)
{
	WARN_ON(unregister_reboot_notifier(nb));
}

int devm_register_reboot_notifier(struct device *dev, struct notifier_block *nb)
{
	int ret = register_reboot_notifier(nb);

	if (ret)
		return ret;
	return devm_add_action_or_reset(dev, devm_unregister_reboot_notifier, nb);
}
EXPORT_SYMBOL(devm_register_reboot_notifier);

void ksim_reboot_notify(unsigned long code)
{
	blocking_notifier_call_chain(&reboot_notifier_list, code, NULL);
}
