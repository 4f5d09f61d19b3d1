// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/params.c - the standard module parameter types
 * (param_ops_int, param_ops_charp, param_array_ops, ...).  Values are parsed
 * with the kstrto* family, so "count=0x10" and "verbose=y" work as they do
 * on a kernel command line.
 */
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/export.h>
#include <asm/page.h>

#include "internal.h"

#define STANDARD_PARAM(name, type, fmt, strtolfn)				\
	int param_set_##name(const char *val, const struct kernel_param *kp)	\
	{									\
		return strtolfn(val, 0, (type *)kp->arg);			\
	}									\
	int param_get_##name(char *buffer, const struct kernel_param *kp)	\
	{									\
		return scnprintf(buffer, PAGE_SIZE, fmt "\n", *((type *)kp->arg)); \
	}									\
	const struct kernel_param_ops param_ops_##name = {			\
		.set = param_set_##name,					\
		.get = param_get_##name,					\
	};									\
	EXPORT_SYMBOL(param_set_##name);					\
	EXPORT_SYMBOL(param_get_##name);					\
	EXPORT_SYMBOL(param_ops_##name)

STANDARD_PARAM(byte, unsigned char, "%hhu", kstrtou8);
STANDARD_PARAM(short, short, "%hi", kstrtos16);
STANDARD_PARAM(ushort, unsigned short, "%hu", kstrtou16);
STANDARD_PARAM(int, int, "%i", kstrtoint);
STANDARD_PARAM(uint, unsigned int, "%u", kstrtouint);
STANDARD_PARAM(long, long, "%li", kstrtol);
STANDARD_PARAM(ulong, unsigned long, "%lu", kstrtoul);
STANDARD_PARAM(ullong, unsigned long long, "%llu", kstrtoull);

int param_set_hexint(const char *val, const struct kernel_param *kp)
{
	return kstrtouint(val, 0, (unsigned int *)kp->arg);
}
EXPORT_SYMBOL(param_set_hexint);

int param_get_hexint(char *buffer, const struct kernel_param *kp)
{
	return scnprintf(buffer, PAGE_SIZE, "%#08x\n", *((unsigned int *)kp->arg));
}
EXPORT_SYMBOL(param_get_hexint);

const struct kernel_param_ops param_ops_hexint = {
	.set = param_set_hexint,
	.get = param_get_hexint,
};
EXPORT_SYMBOL(param_ops_hexint);

/* charp: the value is copied; the copy is freed when the module goes. */
int param_set_charp(const char *val, const struct kernel_param *kp)
{
	char **slot = kp->arg;
	char *copy;

	if (strnlen(val, 1024 + 1) > 1024) {
		pr_err("%s: string parameter too long\n", kp->name);
		return -ENOSPC;
	}
	copy = kstrdup(val, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	param_free_charp(kp->arg);
	*slot = copy;
	return 0;
}
EXPORT_SYMBOL(param_set_charp);

int param_get_charp(char *buffer, const struct kernel_param *kp)
{
	return scnprintf(buffer, PAGE_SIZE, "%s\n", *((char **)kp->arg) ?: "(null)");
}
EXPORT_SYMBOL(param_get_charp);

/*
 * Frees only what param_set_charp allocated: the default a module gives
 * its charp lives in the module's data, so remember our own copies.
 */
#define MAX_CHARP_COPIES 256
static struct {
	char **slot;
	char *copy;
} charp_copies[MAX_CHARP_COPIES];
static struct ksim_lock charp_lock = KSIM_LOCK_INIT;

static void charp_remember(char **slot, char *copy)
{
	int i;

	ksim_lock(&charp_lock);
	for (i = 0; i < MAX_CHARP_COPIES; i++) {
		if (!charp_copies[i].slot || charp_copies[i].slot == slot) {
			charp_copies[i].slot = slot;
			charp_copies[i].copy = copy;
			break;
		}
	}
	ksim_unlock(&charp_lock);
}

void param_free_charp(void *arg)
{
	char **slot = arg;
	int i;

	ksim_lock(&charp_lock);
	for (i = 0; i < MAX_CHARP_COPIES; i++) {
		if (charp_copies[i].slot == slot) {
			/* Free only if the module did not replace the pointer itself. */
			if (*slot == charp_copies[i].copy) {
				kfree(*slot);
				*slot = NULL;
			}
			charp_copies[i].slot = NULL;
			charp_copies[i].copy = NULL;
		}
	}
	ksim_unlock(&charp_lock);
}
EXPORT_SYMBOL(param_free_charp);

static int param_set_charp_tracked(const char *val, const struct kernel_param *kp)
{
	int ret = param_set_charp(val, kp);

	if (!ret)
		charp_remember(kp->arg, *(char **)kp->arg);
	return ret;
}

const struct kernel_param_ops param_ops_charp = {
	.set = param_set_charp_tracked,
	.get = param_get_charp,
	.free = param_free_charp,
};
EXPORT_SYMBOL(param_ops_charp);

/* bool: y/n/1/0 (kstrtobool); a bare "name" means true. */
int param_set_bool(const char *val, const struct kernel_param *kp)
{
	if (!val)
		val = "1";
	return kstrtobool(val, kp->arg);
}
EXPORT_SYMBOL(param_set_bool);

int param_get_bool(char *buffer, const struct kernel_param *kp)
{
	return scnprintf(buffer, PAGE_SIZE, "%c\n", *(bool *)kp->arg ? 'Y' : 'N');
}
EXPORT_SYMBOL(param_get_bool);

const struct kernel_param_ops param_ops_bool = {
	.flags = KERNEL_PARAM_OPS_FL_NOARG,
	.set = param_set_bool,
	.get = param_get_bool,
};
EXPORT_SYMBOL(param_ops_bool);

static int param_set_bool_enable_only(const char *val, const struct kernel_param *kp)
{
	bool *target = kp->arg;
	bool value;
	int err;

	err = param_set_bool(val, &(struct kernel_param){ .arg = &value });
	if (err)
		return err;
	/* Once enabled it cannot be turned off again. */
	if (!value && *target)
		return -EROFS;
	*target = value;
	return 0;
}

const struct kernel_param_ops param_ops_bool_enable_only = {
	.flags = KERNEL_PARAM_OPS_FL_NOARG,
	.set = param_set_bool_enable_only,
	.get = param_get_bool,
};
EXPORT_SYMBOL_GPL(param_ops_bool_enable_only);

int param_set_invbool(const char *val, const struct kernel_param *kp)
{
	bool boolval;
	int ret;

	ret = param_set_bool(val, &(struct kernel_param){ .arg = &boolval });
	if (ret == 0)
		*(bool *)kp->arg = !boolval;
	return ret;
}
EXPORT_SYMBOL(param_set_invbool);

int param_get_invbool(char *buffer, const struct kernel_param *kp)
{
	return scnprintf(buffer, PAGE_SIZE, "%c\n", (*(bool *)kp->arg) ? 'N' : 'Y');
}
EXPORT_SYMBOL(param_get_invbool);

const struct kernel_param_ops param_ops_invbool = {
	.set = param_set_invbool,
	.get = param_get_invbool,
};
EXPORT_SYMBOL(param_ops_invbool);

/* bint: an int that accepts bool spellings too. */
int param_set_bint(const char *val, const struct kernel_param *kp)
{
	bool v;
	int ret;

	ret = param_set_bool(val, &(struct kernel_param){ .arg = &v });
	if (ret == 0)
		*(int *)kp->arg = v;
	return ret;
}
EXPORT_SYMBOL(param_set_bint);

int param_get_bint(char *buffer, const struct kernel_param *kp)
{
	return param_get_int(buffer, kp);
}
EXPORT_SYMBOL(param_get_bint);

const struct kernel_param_ops param_ops_bint = {
	.flags = KERNEL_PARAM_OPS_FL_NOARG,
	.set = param_set_bint,
	.get = param_get_bint,
};
EXPORT_SYMBOL(param_ops_bint);

/* string: copied into the module's fixed buffer; too long is an error. */
int param_set_copystring(const char *val, const struct kernel_param *kp)
{
	const struct kparam_string *kps = kp->str;

	if (strnlen(val, kps->maxlen) == kps->maxlen) {
		pr_err("%s: string doesn't fit in %u chars.\n", kp->name, kps->maxlen - 1);
		return -ENOSPC;
	}
	strcpy(kps->string, val);
	return 0;
}
EXPORT_SYMBOL(param_set_copystring);

int param_get_string(char *buffer, const struct kernel_param *kp)
{
	return scnprintf(buffer, PAGE_SIZE, "%s\n", kp->str->string);
}
EXPORT_SYMBOL(param_get_string);

const struct kernel_param_ops param_ops_string = {
	.set = param_set_copystring,
	.get = param_get_string,
};
EXPORT_SYMBOL(param_ops_string);

/* Arrays: "1,2,3", each element set with the element type's ops. */
static int param_array_set(const char *val, const struct kernel_param *kp)
{
	const struct kparam_array *arr = kp->arr;
	unsigned int count = 0;
	char elem[256];
	const char *p = val;
	int ret;

	if (!val)
		return -EINVAL;
	/* As the kernel: the count follows the elements set, even if one fails. */
	if (arr->num)
		*arr->num = 0;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		struct kernel_param ekp = *kp;

		if (count >= arr->max) {
			pr_err("%s: can only take %i arguments\n", kp->name, arr->max);
			return -EINVAL;
		}
		if (len >= sizeof(elem))
			return -ENOSPC;
		memcpy(elem, p, len);
		elem[len] = '\0';
		ekp.arg = (char *)arr->elem + (size_t)arr->elemsize * count;
		ret = arr->ops->set(elem, &ekp);
		if (ret)
			return ret;
		count++;
		if (arr->num)
			*arr->num = count;
		if (!comma)
			break;
		p = comma + 1;
	}
	return 0;
}

static int param_array_get(char *buffer, const struct kernel_param *kp)
{
	const struct kparam_array *arr = kp->arr;
	unsigned int i, n = arr->num ? *arr->num : arr->max;
	int off = 0;

	for (i = 0; i < n; i++) {
		struct kernel_param ekp = *kp;

		if (i)
			buffer[off - 1] = ',';
		ekp.arg = (char *)arr->elem + (size_t)arr->elemsize * i;
		off += arr->ops->get(buffer + off, &ekp);
	}
	buffer[off] = '\0';
	return off;
}

static void param_array_free(void *arg)
{
	const struct kparam_array *arr = arg;
	unsigned int i;

	/*
	 * Every slot, not only the first *num: a shorter list set later, or one
	 * refused half-way, leaves copies beyond the count ("a,b,c" then "x").
	 * The element's free() releases only what its set() allocated.
	 */
	if (arr->ops->free)
		for (i = 0; i < arr->max; i++)
			arr->ops->free((char *)arr->elem + (size_t)arr->elemsize * i);
}

const struct kernel_param_ops param_array_ops = {
	.set = param_array_set,
	.get = param_array_get,
	.free = param_array_free,
};
EXPORT_SYMBOL(param_array_ops);
