/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/reboot.h - the reboot notifier chain.  ksim's power-off (the end of
 * a run) calls it with SYS_POWER_OFF before devices are shut down, as
 * kernel_power_off() does.  (kapi-shim/kernel/reboot.c)
 */
#ifndef _LINUX_REBOOT_H
#define _LINUX_REBOOT_H

#include <linux/notifier.h>

#define SYS_DOWN	0x0001	/* Notify of system down */
#define SYS_RESTART	SYS_DOWN
#define SYS_HALT	0x0002	/* Notify of system halt */
#define SYS_POWER_OFF	0x0003	/* Notify of system power off */

enum reboot_mode {
	REBOOT_UNDEFINED = -1,
	REBOOT_COLD = 0,
	REBOOT_WARM,
	REBOOT_HARD,
	REBOOT_SOFT,
	REBOOT_GPIO,
};

struct device;

int register_reboot_notifier(struct notifier_block *nb);
int unregister_reboot_notifier(struct notifier_block *nb);
int devm_register_reboot_notifier(struct device *dev, struct notifier_block *nb);

#endif
