/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sim/loader.h - loading .ko files into the running kernel: insmod and rmmod.
 */
#ifndef KSIM_LOADER_H
#define KSIM_LOADER_H

#include <stdbool.h>
#include <stddef.h>

struct ksim_loaded_module;

/* One "name=value" (or bare "name") module parameter and where it came from. */
struct ksim_module_arg {
	const char *text;
	const char *origin;	/* "command line", "configs/x.ini:12" */
};

/* ksim_insmod() result when the module's own init returned an error. */
#define KSIM_INSMOD_INIT_FAILED 1

/*
 * insmod: map @path, check its symbols and parameters, set them, run its
 * init.  Returns 0 and the module in *out; a negative errno when the input
 * is bad (-ENOENT no such file, -ENOEXEC not a module or unknown symbols,
 * -EINVAL bad parameter) with a message in @err; or
 * KSIM_INSMOD_INIT_FAILED when the module's init failed (@err says how).
 */
int ksim_insmod(const char *path, const struct ksim_module_arg *args, int nr_args,
		struct ksim_loaded_module **out, char *err, size_t errlen);
/* rmmod: run the module's exit, check leftovers, unmap it. */
void ksim_rmmod(struct ksim_loaded_module *lm);
const char *ksim_loaded_name(const struct ksim_loaded_module *lm);
/*
 * Keep-mapped mode, for fuzzing: rmmod leaves the image mapped and a later
 * insmod of the same file restores its data as first loaded instead of
 * mapping it again (same addresses, same coverage ids, no relocation).
 */
void ksim_loader_keep_mapped(bool on);

#endif
