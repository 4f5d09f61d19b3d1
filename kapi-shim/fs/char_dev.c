// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/fs/char_dev.c - character device numbers and struct cdev.
 *
 * Two tables, as in the kernel: the regions of device numbers drivers
 * reserve (register_chrdev_region, alloc_chrdev_region: a region may not
 * overlap another), and the cdevs added over them (cdev_add).  Opening a
 * device node runs def_chr_fops.open = chrdev_open, which finds the cdev
 * for the node's i_rdev, pins its module through fops_get() and hands the
 * open over to the cdev's own file_operations.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/cdev.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/export.h>
#include <ksim/module.h>
#include <ksim/report.h>

#include "internal.h"
#include "fs/vfs.h"

struct char_device_struct {
	struct list_head list;
	unsigned int major;
	unsigned int baseminor;
	unsigned int minorct;
	char name[64];
	struct cdev *cdev;	/* register_chrdev()'s own cdev */
};

static DEFINE_MUTEX(chrdevs_lock);
static LIST_HEAD(chrdevs);
/* cdevs added with cdev_add, newest first (the newest match wins). */
static struct ksim_lock cdev_map_lock = KSIM_LOCK_INIT;
static LIST_HEAD(cdev_map);

static bool region_overlaps(unsigned int major, unsigned int first, unsigned int count)
{
	struct char_device_struct *cd;

	list_for_each_entry(cd, &chrdevs, list)
		if (cd->major == major && first < cd->baseminor + cd->minorct &&
		    cd->baseminor < first + count)
			return true;
	return false;
}

static bool major_in_use(unsigned int major)
{
	struct char_device_struct *cd;

	list_for_each_entry(cd, &chrdevs, list)
		if (cd->major == major)
			return true;
	return false;
}

/* A free dynamic major: 254 down to 234, then 511 down to 384, as Linux. */
static int find_dynamic_major(void)
{
	int i;

	for (i = 254; i >= CHRDEV_MAJOR_DYN_END; i--)
		if (!major_in_use(i))
			return i;
	for (i = CHRDEV_MAJOR_DYN_EXT_START; i >= CHRDEV_MAJOR_DYN_EXT_END; i--)
		if (!major_in_use(i))
			return i;
	return -EBUSY;
}

static struct char_device_struct *
__register_chrdev_region(unsigned int major, unsigned int baseminor,
			 unsigned int minorct, const char *name)
{
	struct char_device_struct *cd;
	int ret;

	if (major >= CHRDEV_MAJOR_MAX) {
		pr_err("CHRDEV \"%s\" major requested (%u) is greater than the maximum (%u)\n",
		       name, major, CHRDEV_MAJOR_MAX - 1);
		return ERR_PTR(-EINVAL);
	}
	if (minorct > MINORMASK + 1 - baseminor) {
		pr_err("CHRDEV \"%s\" minor range requested (%u-%u) is out of range of maximum range (%u-%u) for a single major\n",
		       name, baseminor, baseminor + minorct - 1, 0, MINORMASK);
		return ERR_PTR(-EINVAL);
	}
	cd = kzalloc(sizeof(*cd), GFP_KERNEL);
	if (!cd)
		return ERR_PTR(-ENOMEM);
	mutex_lock(&chrdevs_lock);
	if (major == 0) {
		ret = find_dynamic_major();
		if (ret < 0) {
			pr_err("CHRDEV \"%s\" dynamic allocation region is full\n", name);
			goto out;
		}
		major = ret;
	}
	ret = -EBUSY;
	if (region_overlaps(major, baseminor, minorct))
		goto out;
	cd->major = major;
	cd->baseminor = baseminor;
	cd->minorct = minorct;
	strscpy(cd->name, name, sizeof(cd->name));
	list_add_tail(&cd->list, &chrdevs);
	mutex_unlock(&chrdevs_lock);
	return cd;
out:
	mutex_unlock(&chrdevs_lock);
	kfree(cd);
	return ERR_PTR(ret);
}

static struct char_device_struct *
__unregister_chrdev_region(unsigned int major, unsigned int baseminor, unsigned int minorct)
{
	struct char_device_struct *cd, *found = NULL;

	mutex_lock(&chrdevs_lock);
	list_for_each_entry(cd, &chrdevs, list) {
		if (cd->major == major && cd->baseminor == baseminor &&
		    cd->minorct == minorct) {
			list_del(&cd->list);
			found = cd;
			break;
		}
	}
	mutex_unlock(&chrdevs_lock);
	return found;
}

int register_chrdev_region(dev_t from, unsigned int count, const char *name)
{
	struct char_device_struct *cd;
	dev_t to = from + count;
	dev_t n, next;

	for (n = from; n < to; n = next) {
		next = MKDEV(MAJOR(n) + 1, 0);
		if (next > to)
			next = to;
		cd = __register_chrdev_region(MAJOR(n), MINOR(n), next - n, name);
		if (IS_ERR(cd))
			goto fail;
	}
	return 0;
fail:
	to = n;
	for (n = from; n < to; n = next) {
		next = MKDEV(MAJOR(n) + 1, 0);
		kfree(__unregister_chrdev_region(MAJOR(n), MINOR(n), next - n));
	}
	return PTR_ERR(cd);
}
EXPORT_SYMBOL(register_chrdev_region);

int alloc_chrdev_region(dev_t *dev, unsigned int baseminor, unsigned int count,
			const char *name)
{
	struct char_device_struct *cd;

	cd = __register_chrdev_region(0, baseminor, count, name);
	if (IS_ERR(cd))
		return PTR_ERR(cd);
	*dev = MKDEV(cd->major, cd->baseminor);
	return 0;
}
EXPORT_SYMBOL(alloc_chrdev_region);

void unregister_chrdev_region(dev_t from, unsigned int count)
{
	dev_t to = from + count;
	dev_t n, next;

	for (n = from; n < to; n = next) {
		next = MKDEV(MAJOR(n) + 1, 0);
		if (next > to)
			next = to;
		kfree(__unregister_chrdev_region(MAJOR(n), MINOR(n), next - n));
	}
}
EXPORT_SYMBOL(unregister_chrdev_region);

int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
		      const char *name, const struct file_operations *fops)
{
	struct char_device_struct *cd;
	struct cdev *cdev;
	int err = -ENOMEM;

	cd = __register_chrdev_region(major, baseminor, count, name);
	if (IS_ERR(cd))
		return PTR_ERR(cd);
	cdev = cdev_alloc();
	if (!cdev)
		goto out2;
	cdev->owner = fops->owner;
	cdev->ops = fops;
	err = cdev_add(cdev, MKDEV(cd->major, baseminor), count);
	if (err)
		goto out;
	cd->cdev = cdev;
	return major ? 0 : cd->major;
out:
	cdev_put(cdev);
out2:
	kfree(__unregister_chrdev_region(cd->major, baseminor, count));
	return err;
}
EXPORT_SYMBOL(__register_chrdev);

void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
			 const char *name)
{
	struct char_device_struct *cd;

	cd = __unregister_chrdev_region(major, baseminor, count);
	if (cd && cd->cdev)
		cdev_del(cd->cdev);
	kfree(cd);
}
EXPORT_SYMBOL(__unregister_chrdev);

/* ---- struct cdev ---- */

void cdev_init(struct cdev *cdev, const struct file_operations *fops)
{
	memset(cdev, 0, sizeof(*cdev));
	INIT_LIST_HEAD(&cdev->list);
	kref_init(&cdev->kobj.kref);
	cdev->ops = fops;
}
EXPORT_SYMBOL(cdev_init);

struct cdev *cdev_alloc(void)
{
	struct cdev *p = kzalloc(sizeof(struct cdev), GFP_KERNEL);

	if (p) {
		INIT_LIST_HEAD(&p->list);
		kref_init(&p->kobj.kref);
		p->ksim_dynamic = true;
	}
	return p;
}
EXPORT_SYMBOL(cdev_alloc);

static void cdev_release(struct kref *kref)
{
	struct cdev *p = container_of(kref, struct cdev, kobj.kref);

	if (p->ksim_dynamic)
		kfree(p);
}

void cdev_put(struct cdev *p)
{
	if (p)
		kref_put(&p->kobj.kref, cdev_release);
}
EXPORT_SYMBOL(cdev_put);

int cdev_add(struct cdev *p, dev_t dev, unsigned int count)
{
	if (WARN_ON(!count))
		return -EINVAL;
	p->dev = dev;
	p->count = count;
	ksim_lock(&cdev_map_lock);
	list_add(&p->list, &cdev_map);
	ksim_unlock(&cdev_map_lock);
	return 0;
}
EXPORT_SYMBOL(cdev_add);

void cdev_set_parent(struct cdev *p, struct kobject *kobj)
{
	p->kobj.parent = kobj;
}
EXPORT_SYMBOL(cdev_set_parent);

void cdev_del(struct cdev *p)
{
	ksim_lock(&cdev_map_lock);
	list_del_init(&p->list);
	ksim_unlock(&cdev_map_lock);
	cdev_put(p);
}
EXPORT_SYMBOL(cdev_del);

/* The cdev covering @dev with a reference, or NULL. */
static struct cdev *cdev_lookup(dev_t dev)
{
	struct cdev *p, *found = NULL;

	ksim_lock(&cdev_map_lock);
	list_for_each_entry(p, &cdev_map, list) {
		if (dev >= p->dev && dev - p->dev < p->count) {
			kref_get(&p->kobj.kref);
			found = p;
			break;
		}
	}
	ksim_unlock(&cdev_map_lock);
	return found;
}

bool ksim_chrdev_exists(dev_t dev)
{
	struct cdev *p = cdev_lookup(dev);

	cdev_put(p);
	return p != NULL;
}

/*
 * Each open file holds a reference on the cdev (in inode->i_cdev, as
 * drivers expect), dropped by ksim_chrdev_release() when it is closed, so
 * a cdev_del() while files are open frees nothing they use.
 */
static int chrdev_open(struct inode *inode, struct file *filp)
{
	const struct file_operations *fops;
	struct cdev *p;
	int ret;

	p = cdev_lookup(inode->i_rdev);
	if (!p)
		return -ENXIO;
	fops = fops_get(p->ops);
	if (!fops) {
		cdev_put(p);
		return -ENXIO;
	}
	/*
	 * As the kernel (under its cdev_lock): set once, then left alone while
	 * opens of the same inode run in parallel and their drivers read it;
	 * a failed open clears nothing another open of the inode relies on.
	 */
	ksim_lock(&cdev_map_lock);
	if (inode->i_cdev != p)
		inode->i_cdev = p;
	ksim_unlock(&cdev_map_lock);
	replace_fops(filp, fops);
	if (filp->f_op->open) {
		ret = filp->f_op->open(inode, filp);
		if (ret) {
			cdev_put(p);
			return ret;
		}
	}
	return 0;
}

void ksim_chrdev_release(struct inode *inode)
{
	cdev_put(inode->i_cdev);
}

const struct file_operations def_chr_fops = {
	.open = chrdev_open,
	.llseek = noop_llseek,
};

static bool cdev_of_module(const struct cdev *p, struct module *mod)
{
	return p->owner == mod || (p->ops && p->ops->owner == mod) ||
	       ksim_module_of((unsigned long)p->ops) == mod ||
	       ksim_module_of((unsigned long)p) == mod;
}

/* A cdev still added when its module goes would be opened into unmapped code. */
void ksim_cdev_module_unload(struct module *mod)
{
	struct cdev *p, *found;

	do {
		found = NULL;
		ksim_lock(&cdev_map_lock);
		list_for_each_entry(p, &cdev_map, list) {
			if (cdev_of_module(p, mod)) {
				list_del_init(&p->list);
				found = p;
				break;
			}
		}
		ksim_unlock(&cdev_map_lock);
		if (found) {
			pr_err("cdev %u:%u: module %s unloaded without cdev_del()\n",
			       MAJOR(found->dev), MINOR(found->dev), ksim_module_name(mod));
			ksim_report(KSIM_REPORT_OBJECT);
		}
	} while (found);
}
