// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/drivers/base/firmware.c - request_firmware() and friends.  The
 * file comes from the reader the host side installed (sim/firmware.c reads
 * --firmware-dir); its bytes are copied into a kmalloc'd buffer owned by
 * the struct firmware, so a driver that forgets release_firmware() is
 * reported as a leak at its own call site.
 */
#include <stdlib.h>

#include <linux/kernel.h>
#include <linux/firmware.h>
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <linux/module.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <ksim/firmware.h>

static ksim_firmware_reader_t fw_reader;

void ksim_firmware_set_reader(ksim_firmware_reader_t reader)
{
	__atomic_store_n(&fw_reader, reader, __ATOMIC_RELEASE);
}

enum fw_opt {
	FW_OPT_NOWARN = 1,
	FW_OPT_INTO_BUF = 2,
};

static int fw_get(const struct firmware **firmware_p, const char *name,
		  struct device *device, unsigned int opts, void *buf,
		  size_t bufsize, unsigned long caller)
{
	ksim_firmware_reader_t reader = __atomic_load_n(&fw_reader, __ATOMIC_ACQUIRE);
	struct firmware *fw;
	void *data = NULL;
	size_t size = 0;
	int ret;

	if (!firmware_p)
		return -EINVAL;
	*firmware_p = NULL;
	if (!name || name[0] == '\0')
		return -EINVAL;
	might_sleep();
	fw = __kmalloc_track_caller(sizeof(*fw), GFP_KERNEL | __GFP_ZERO, caller);
	if (!fw)
		return -ENOMEM;
	ret = reader ? reader(name, &data, &size) : -ENOENT;
	if (!ret && (opts & FW_OPT_INTO_BUF) && size > bufsize)
		ret = -EFBIG;
	if (ret) {
		if (!(opts & FW_OPT_NOWARN))
			dev_warn(device, "Direct firmware load for %s failed with error %d\n",
				 name, ret);
		goto out_free;
	}
	if (opts & FW_OPT_INTO_BUF) {
		memcpy(buf, data, size);
		fw->data = buf;
	} else {
		u8 *copy = __kmalloc_track_caller(size ? size : 1, GFP_KERNEL, caller);

		if (!copy) {
			ret = -ENOMEM;
			goto out_free;
		}
		memcpy(copy, data, size);
		fw->data = copy;
		fw->priv = copy;	/* ours to free */
	}
	fw->size = size;
	free(data);
	*firmware_p = fw;
	return 0;

out_free:
	free(data);
	kfree(fw);
	return ret;
}

int request_firmware(const struct firmware **fw, const char *name,
		     struct device *device)
{
	return fw_get(fw, name, device, 0, NULL, 0, _RET_IP_);
}
EXPORT_SYMBOL(request_firmware);

int firmware_request_nowarn(const struct firmware **fw, const char *name,
			    struct device *device)
{
	return fw_get(fw, name, device, FW_OPT_NOWARN, NULL, 0, _RET_IP_);
}
EXPORT_SYMBOL_GPL(firmware_request_nowarn);

int request_firmware_direct(const struct firmware **fw, const char *name,
			    struct device *device)
{
	return fw_get(fw, name, device, FW_OPT_NOWARN, NULL, 0, _RET_IP_);
}
EXPORT_SYMBOL_GPL(request_firmware_direct);

int firmware_request_platform(const struct firmware **fw, const char *name,
			      struct device *device)
{
	return fw_get(fw, name, device, 0, NULL, 0, _RET_IP_);
}
EXPORT_SYMBOL_GPL(firmware_request_platform);

int request_firmware_into_buf(const struct firmware **fw, const char *name,
			      struct device *device, void *buf, size_t size)
{
	return fw_get(fw, name, device, FW_OPT_INTO_BUF, buf, size, _RET_IP_);
}
EXPORT_SYMBOL(request_firmware_into_buf);

void release_firmware(const struct firmware *fw)
{
	if (!fw)
		return;
	kfree(fw->priv);
	kfree(fw);
}
EXPORT_SYMBOL(release_firmware);

struct fw_work {
	struct work_struct work;
	struct module *module;
	const char *name;
	struct device *device;
	void *context;
	void (*cont)(const struct firmware *fw, void *context);
	unsigned long caller;
};

static void fw_work_fn(struct work_struct *work)
{
	struct fw_work *w = container_of(work, struct fw_work, work);
	const struct firmware *fw;

	fw_get(&fw, w->name, w->device, 0, NULL, 0, w->caller);
	w->cont(fw, w->context);
	put_device(w->device);
	module_put(w->module);
	kfree_const(w->name);
	kfree(w);
}

int request_firmware_nowait(struct module *module, bool uevent,
			    const char *name, struct device *device, gfp_t gfp,
			    void *context,
			    void (*cont)(const struct firmware *fw, void *context))
{
	struct fw_work *w = __kmalloc_track_caller(sizeof(*w), gfp | __GFP_ZERO,
						   _RET_IP_);

	if (!w)
		return -ENOMEM;
	w->name = kstrdup_const(name, gfp);
	if (!w->name) {
		kfree(w);
		return -ENOMEM;
	}
	if (!try_module_get(module)) {
		kfree_const(w->name);
		kfree(w);
		return -EFAULT;
	}
	w->module = module;
	w->device = get_device(device);
	w->context = context;
	w->cont = cont;
	w->caller = _RET_IP_;
	INIT_WORK(&w->work, fw_work_fn);
	schedule_work(&w->work);
	return 0;
}
EXPORT_SYMBOL(request_firmware_nowait);
