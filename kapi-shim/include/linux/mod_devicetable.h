/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/mod_devicetable.h - the device id tables drivers match on.
 */
#ifndef LINUX_MOD_DEVICETABLE_H
#define LINUX_MOD_DEVICETABLE_H

#include <linux/types.h>

typedef unsigned long kernel_ulong_t;

#define PCI_ANY_ID (~0)

struct pci_device_id {
	__u32 vendor, device;		/* vendor and device ID or PCI_ANY_ID */
	__u32 subvendor, subdevice;	/* subsystem IDs or PCI_ANY_ID */
	__u32 class, class_mask;	/* (class, subclass, prog-if) triplet */
	kernel_ulong_t driver_data;	/* data private to the driver */
	__u32 override_only;
};

#define OF_NAME_LEN 32
#define OF_TYPE_LEN 32
#define OF_COMPATIBLE_LEN 128
struct of_device_id {
	char name[OF_NAME_LEN];
	char type[OF_TYPE_LEN];
	char compatible[OF_COMPATIBLE_LEN];
	const void *data;
};

#define PLATFORM_NAME_SIZE	20
#define PLATFORM_MODULE_PREFIX	"platform:"

struct platform_device_id {
	char name[PLATFORM_NAME_SIZE];
	kernel_ulong_t driver_data;
};

#endif
