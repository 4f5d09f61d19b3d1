/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sim/modelf.h - what ksim needs to know about a module file without
 * running it: its .modinfo strings, the symbols it needs, the symbols it
 * exports.  Used by modpost (on <mod>.o) and by the loader (on <mod>.ko).
 */
#ifndef KSIM_MODELF_H
#define KSIM_MODELF_H

#include <stdbool.h>
#include <stddef.h>

struct ksim_modelf {
	char *path;
	bool relocatable;	/* an object (.o), not a linked .ko */
	char **modinfo;		/* "key=value" strings, in file order */
	size_t nr_modinfo;
	char **undefined;	/* strong undefined symbols */
	size_t nr_undefined;
	char **exports;		/* EXPORT_SYMBOL / EXPORT_SYMBOL_GPL names */
	bool *export_gpl;
	size_t nr_exports;
	bool has_this_module;	/* defines __this_module (linked .ko) */
	/* ".kunit_test_suites": an array of struct kunit_suite pointers. */
	unsigned long kunit_suites_addr;	/* link-time address (add the load base) */
	size_t kunit_suites_size;		/* bytes; 0 when there are none */
};

/*
 * Read @path.  Returns 0, or -errno with a message in @err: a missing file,
 * something that is not ELF, an ELF file that is not a ksim module.
 */
int ksim_modelf_read(struct ksim_modelf *m, const char *path, char *err, size_t errlen);
void ksim_modelf_free(struct ksim_modelf *m);

/*
 * The value of the first (@prev NULL) or next .modinfo entry with @key
 * ("license", "parm", ...), or NULL.
 */
const char *ksim_modelf_info(const struct ksim_modelf *m, const char *key, const char **prev);

/* Symbols every module may leave undefined: sanitizer and coverage runtimes, the GOT. */
bool ksim_modelf_symbol_always_ok(const char *name);

#endif
