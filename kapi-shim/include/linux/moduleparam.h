/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/moduleparam.h - module parameters.  Each module_param() is a
 * struct kernel_param in the module's __param section plus "parmtype" and
 * "parm" strings in .modinfo, so both the loader (to set values from
 * "name=value" arguments) and `ksim modinfo` (to describe them) find them.
 */
#ifndef _LINUX_MODULE_PARAMS_H
#define _LINUX_MODULE_PARAMS_H

#include <linux/init.h>
#include <linux/stringify.h>
#include <linux/kernel.h>

#ifdef MODULE
#define MODULE_PARAM_PREFIX /* empty */
#define __MODULE_INFO_PREFIX /* empty */
#else
#define MODULE_PARAM_PREFIX KBUILD_MODNAME "."
#define __MODULE_INFO_PREFIX KBUILD_MODNAME "."
#endif

#define MAX_PARAM_PREFIX_LEN (64 - sizeof(unsigned long))

/* A "tag=info" string in the module's .modinfo section. */
#define __MODULE_INFO(tag, name, info)					\
	static const char __UNIQUE_ID(name)[]				\
		__used __section(".modinfo") __aligned(1)		\
		= __MODULE_INFO_PREFIX __stringify(tag) "=" info

#define __MODULE_PARM_TYPE(name, _type)					\
	__MODULE_INFO(parmtype, name##type, #name ":" _type)

#define MODULE_PARM_DESC(_parm, desc)					\
	__MODULE_INFO(parm, _parm, #_parm ":" desc)

struct kernel_param;

/* Flags for kernel_param_ops.flags */
enum {
	KERNEL_PARAM_OPS_FL_NOARG = (1 << 0)
};

struct kernel_param_ops {
	unsigned int flags;
	/* Parse @val into the parameter; -EINVAL (or another -errno) if bad. */
	int (*set)(const char *val, const struct kernel_param *kp);
	/* Format the value into @buffer (a page); returns the length. */
	int (*get)(char *buffer, const struct kernel_param *kp);
	/* Release what set() allocated (charp), when the module goes. */
	void (*free)(void *arg);
};

enum {
	KERNEL_PARAM_FL_UNSAFE	= (1 << 0),
	KERNEL_PARAM_FL_HWPARAM	= (1 << 1),
};

struct kparam_string {
	unsigned int maxlen;
	char *string;
};

struct kparam_array {
	unsigned int max;
	unsigned int elemsize;
	unsigned int *num;
	const struct kernel_param_ops *ops;
	void *elem;
};

struct kernel_param {
	const char *name;
	struct module *mod;
	const struct kernel_param_ops *ops;
	const u16 perm;
	s8 level;
	u8 flags;
	union {
		void *arg;
		const struct kparam_string *str;
		const struct kparam_array *arr;
	};
};

/* Permission bits are only checked for sanity; there is no sysfs. */
#define VERIFY_OCTAL_PERMISSIONS(perm) (perm)

#define __module_param_call(prefix, name, ops, arg, perm, level, flags)	\
	static const char __param_str_##name[] = prefix #name;		\
	static struct kernel_param __param_##name			\
	__used __section("__param")					\
	__aligned(__alignof__(struct kernel_param))			\
	= { __param_str_##name, THIS_MODULE, ops,			\
	    VERIFY_OCTAL_PERMISSIONS(perm), level, flags, { arg } }

#define module_param_cb(name, ops, arg, perm)				\
	__module_param_call(MODULE_PARAM_PREFIX, name, ops, arg, perm, -1, 0)
#define module_param_cb_unsafe(name, ops, arg, perm)			\
	__module_param_call(MODULE_PARAM_PREFIX, name, ops, arg, perm, -1, \
			    KERNEL_PARAM_FL_UNSAFE)

/* Type check: param_check_int(name, p) fails to compile unless p is int *. */
#define __param_check(name, p, type) \
	static inline type __always_unused *__check_##name(void) { return (p); }

#define param_check_byte(name, p)	__param_check(name, p, unsigned char)
#define param_check_short(name, p)	__param_check(name, p, short)
#define param_check_ushort(name, p)	__param_check(name, p, unsigned short)
#define param_check_int(name, p)	__param_check(name, p, int)
#define param_check_uint(name, p)	__param_check(name, p, unsigned int)
#define param_check_long(name, p)	__param_check(name, p, long)
#define param_check_ulong(name, p)	__param_check(name, p, unsigned long)
#define param_check_ullong(name, p)	__param_check(name, p, unsigned long long)
#define param_check_hexint(name, p)	param_check_uint(name, p)
#define param_check_charp(name, p)	__param_check(name, p, char *)
#define param_check_bool(name, p)	__param_check(name, p, bool)
#define param_check_bool_enable_only	param_check_bool
#define param_check_invbool(name, p)	__param_check(name, p, bool)
#define param_check_bint		param_check_int

#define module_param_named(name, value, type, perm)			\
	param_check_##type(name, &(value));				\
	module_param_cb(name, &param_ops_##type, &value, perm);		\
	__MODULE_PARM_TYPE(name, #type)

#define module_param_named_unsafe(name, value, type, perm)		\
	param_check_##type(name, &(value));				\
	module_param_cb_unsafe(name, &param_ops_##type, &value, perm);	\
	__MODULE_PARM_TYPE(name, #type)

/*
 * module_param(name, type, perm): name=value on the ksim command line or
 * in the config sets the variable before the module's init runs.
 */
#define module_param(name, type, perm)				\
	module_param_named(name, name, type, perm)
#define module_param_unsafe(name, type, perm)			\
	module_param_named_unsafe(name, name, type, perm)

/* A fixed-size string parameter, copied into @string (at most @len-1 chars). */
#define module_param_string(name, string, len, perm)			\
	static const struct kparam_string __param_string_##name		\
		= { len, string };					\
	__module_param_call(MODULE_PARAM_PREFIX, name,			\
			    &param_ops_string,				\
			    .str = &__param_string_##name, perm, -1, 0);\
	__MODULE_PARM_TYPE(name, "string")

/*
 * module_param_array(name, type, nump, perm): "name=1,2,3"; the count goes
 * to *nump (may be NULL); more than ARRAY_SIZE(name) values is -EINVAL.
 */
#define module_param_array(name, type, nump, perm)		\
	module_param_array_named(name, name, type, nump, perm)

#define module_param_array_named(name, array, type, nump, perm)		\
	param_check_##type(name, &(array)[0]);				\
	static const struct kparam_array __param_arr_##name		\
	= { .max = ARRAY_SIZE(array), .num = nump,			\
	    .ops = &param_ops_##type,					\
	    .elemsize = sizeof(array[0]), .elem = array };		\
	__module_param_call(MODULE_PARAM_PREFIX, name,			\
			    &param_array_ops,				\
			    .arr = &__param_arr_##name,			\
			    perm, -1, 0);				\
	__MODULE_PARM_TYPE(name, "array of " #type)

#define __param_ops_decl(name)						\
	extern const struct kernel_param_ops param_ops_##name;		\
	int param_set_##name(const char *val, const struct kernel_param *kp); \
	int param_get_##name(char *buffer, const struct kernel_param *kp)

__param_ops_decl(byte);
__param_ops_decl(short);
__param_ops_decl(ushort);
__param_ops_decl(int);
__param_ops_decl(uint);
__param_ops_decl(long);
__param_ops_decl(ulong);
__param_ops_decl(ullong);
__param_ops_decl(hexint);
__param_ops_decl(charp);
__param_ops_decl(bool);
__param_ops_decl(invbool);
__param_ops_decl(bint);
extern const struct kernel_param_ops param_ops_bool_enable_only;
extern const struct kernel_param_ops param_ops_string;
extern const struct kernel_param_ops param_array_ops;
int param_set_copystring(const char *val, const struct kernel_param *kp);
int param_get_string(char *buffer, const struct kernel_param *kp);
void param_free_charp(void *arg);

#endif
