/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/firmware.h - loading firmware images (6.1 API).  ksim reads them
 * from the directory given with `ksim --firmware-dir DIR` (the kernel's
 * /lib/firmware); without one every request fails with -ENOENT, as on a
 * machine without the file.  (kapi-shim/drivers/base/firmware.c)
 */
#ifndef _LINUX_FIRMWARE_H
#define _LINUX_FIRMWARE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/gfp.h>

#define FW_ACTION_NOUEVENT 0
#define FW_ACTION_UEVENT 1

struct firmware {
	size_t size;
	const u8 *data;
	/* firmware loader private fields */
	void *priv;
};

struct module;
struct device;

/* 0 and *@fw set, or -errno (the failure is logged, as in the kernel). */
int request_firmware(const struct firmware **fw, const char *name,
		     struct device *device);
/* As request_firmware, without the warning when the file is missing. */
int firmware_request_nowarn(const struct firmware **fw, const char *name,
			    struct device *device);
int firmware_request_platform(const struct firmware **fw, const char *name,
			      struct device *device);
int request_firmware_direct(const struct firmware **fw, const char *name,
			    struct device *device);
/* Load in a worker, then call @cont(fw or NULL, @context). */
int request_firmware_nowait(struct module *module, bool uevent,
			    const char *name, struct device *device, gfp_t gfp,
			    void *context,
			    void (*cont)(const struct firmware *fw, void *context));
int request_firmware_into_buf(const struct firmware **firmware_p,
			      const char *name, struct device *device,
			      void *buf, size_t size);
void release_firmware(const struct firmware *fw);

#endif
