/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim/module.h - the kernel side of module loading, as the host's loader
 * (sim/loader.c) drives it: the loader maps the .ko and finds its
 * __this_module; the kernel side sets parameters, runs init and exit, and
 * checks what the module left behind (memory, timers, work).
 */
#ifndef _KSIM_MODULE_H
#define _KSIM_MODULE_H

#include <stdbool.h>
#include <stddef.h>

struct module;

/*
 * Register @mod, mapped at [@start, @end), before its parameters are set
 * and its init runs.  @license is its MODULE_LICENSE (may be NULL):
 * a non-GPL-compatible one taints the kernel, as in the kernel.
 * Returns -EEXIST if a module of that name is loaded.
 */
int ksim_module_add(struct module *mod, unsigned long start, unsigned long end,
		    const char *license);
/*
 * Set parameter @name of @mod from @value (NULL: "name" with no "=value",
 * which only bool parameters accept).  Returns 0, -ENOENT for a parameter
 * the module does not have, or the parameter's -errno (-EINVAL for a bad
 * value); @err (may be NULL) gets a one-line explanation.
 */
int ksim_module_set_param(struct module *mod, const char *name, const char *value,
			  char *err, size_t errlen);
/*
 * Run the module's init.  On failure the module is taken out again: its
 * parameters freed and its leftovers (memory, timers, work) reported.
 * Returns init's return value.
 */
int ksim_module_init(struct module *mod);
/* Run the module's exit and check what it left behind; then forget it. */
void ksim_module_remove(struct module *mod);
/*
 * The module's KUnit suites: @nr pointers at @suites (its
 * ".kunit_test_suites" section), run as the module comes (lib/kunit).
 */
void ksim_module_set_kunit_suites(struct module *mod, void *suites, size_t nr);
/*
 * delete_module(2) without O_TRUNC: -EWOULDBLOCK (nothing done) while the
 * module is in use (try_module_get references, e.g. a file open on one of
 * its devices), else as ksim_module_remove() and 0.
 */
int ksim_module_delete(struct module *mod);
/* Forget a module whose init never ran (a parameter was refused). */
void ksim_module_discard(struct module *mod);
/* The module's name (from its generated .mod.c). */
const char *ksim_module_name(const struct module *mod);
/* Whether GPL-only exports may be used by a module with @license. */
bool ksim_license_is_gpl_compatible(const char *license);
/* Look up a symbol exported by a loaded module (the loader's dlsym). */
void ksim_module_set_symbol_lookup(void *(*lookup)(const char *name));

/* The shim's export table (EXPORT_SYMBOL in host-world shim code). */
struct ksim_ksym {
	const char *name;
	void *addr;
	int gpl_only;
};
const struct ksim_ksym *ksim_ksymtab_begin(void);
const struct ksim_ksym *ksim_ksymtab_end(void);
const struct ksim_ksym *ksim_ksymtab_find(const char *name);

#endif
