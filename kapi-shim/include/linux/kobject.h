/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/kobject.h - cut down to the name and reference count that struct
 * device needs.  ksim has no sysfs, so there is no hierarchy or uevent.
 */
#ifndef _KOBJECT_H_
#define _KOBJECT_H_

#include <linux/types.h>
#include <linux/kref.h>

struct kobject {
	const char *name;
	struct kobject *parent;
	struct kref kref;
};

static inline const char *kobject_name(const struct kobject *kobj)
{
	return kobj->name;
}

#endif
