// SPDX-License-Identifier: GPL-2.0
/*
 * sim/loader.c - insmod and rmmod for ksim: a .ko is a shared object that
 * dlopen() maps and binds against the symbols the ksim binary exports, like
 * a module against the kernel's.  Before anything is mapped, the loader
 * checks what the kernel's loader would: that it is a module, that every
 * symbol it needs is exported (all missing ones are listed, by name), that
 * GPL-only symbols go to GPL-compatible modules, that its parameters exist.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ksim/module.h"

#include "backtrace.h"
#include "loader.h"
#include "modelf.h"

struct ksim_loaded_module {
	struct ksim_loaded_module *prev;	/* loaded before this one */
	struct ksim_modelf elf;
	void *handle;
	struct module *mod;
	struct kept_image *kept;	/* stays mapped after rmmod (fuzzing) */
	char name[64];
};

static struct ksim_loaded_module *last_loaded;

/*
 * Fuzzing loads the same modules thousands of times in one process.  A
 * dlclose() and dlopen() per execution would cost a mapping and relocation
 * each time and, worse, run the coverage runtime's constructor again,
 * which hands out fresh edge ids (AFL++ stability falls, its map fills).
 * So in keep-mapped mode rmmod leaves the image mapped, and the next insmod
 * of the same file puts back its writable data as dlopen() left it, before
 * init: the module starts from its initial state, as after a real load.
 */
struct kept_image {
	struct kept_image *next;
	char *path;			/* realpath() of the .ko */
	struct ksim_modelf elf;
	void *handle;
	bool in_use;
	int nr_segs;
	struct kept_seg {
		uintptr_t start;
		size_t len;
		void *copy;
	} segs[8];
};

static bool keep_mapped;
static struct kept_image *kept_images;

void ksim_loader_keep_mapped(bool on)
{
	keep_mapped = on;
}

const char *ksim_loaded_name(const struct ksim_loaded_module *lm)
{
	return lm->name;
}

/* Another loaded module that exports @sym, or NULL. */
static struct ksim_loaded_module *exporter_of(const char *sym, int *gpl)
{
	struct ksim_loaded_module *lm;
	size_t i;

	for (lm = last_loaded; lm; lm = lm->prev)
		for (i = 0; i < lm->elf.nr_exports; i++)
			if (!strcmp(lm->elf.exports[i], sym)) {
				*gpl = lm->elf.export_gpl[i];
				return lm;
			}
	return NULL;
}

static void *lookup_module_symbol(const char *name)
{
	int gpl;
	struct ksim_loaded_module *lm = exporter_of(name, &gpl);

	return lm ? dlsym(lm->handle, name) : NULL;
}

static void appendf(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	if (used + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

/* The kernel's "Unknown symbol" check, before dlopen can bind to libc. */
static int check_symbols(const struct ksim_modelf *m, const char *name,
			 char *err, size_t errlen)
{
	const char *license = ksim_modelf_info(m, "license", NULL);
	bool gpl_ok = ksim_license_is_gpl_compatible(license);
	unsigned int missing = 0, gpl_only = 0;
	size_t i;

	err[0] = '\0';
	for (i = 0; i < m->nr_undefined; i++) {
		const char *sym = m->undefined[i];
		const struct ksim_ksym *k;
		int gpl = 0;

		if (ksim_modelf_symbol_always_ok(sym))
			continue;
		k = ksim_ksymtab_find(sym);
		if (k)
			gpl = k->gpl_only;
		else if (!exporter_of(sym, &gpl)) {
			appendf(err, errlen, "%s%s", missing++ ? ", " : "", sym);
			continue;
		}
		if (gpl && !gpl_ok)
			gpl_only++;
	}
	if (missing) {
		char list[2048];
		const char *dep = ksim_modelf_info(m, "depends", NULL);

		snprintf(list, sizeof(list), "%s", err);
		snprintf(err, errlen, "%s: unknown symbol%s (not exported by ksim%s%s%s): %s",
			 m->path, missing > 1 ? "s" : "",
			 dep && *dep ? " or by a loaded module; it depends on: " : "",
			 dep && *dep ? dep : "", "", list);
		return -ENOEXEC;
	}
	if (gpl_only) {
		snprintf(err, errlen, "%s: module license '%s' may not use GPL-only symbols",
			 m->path, license ? license : "unspecified");
		return -ENOEXEC;
	}
	return 0;
}

/* "count" from "parmtype=count:int" */
static bool has_param(const struct ksim_modelf *m, const char *name, size_t len)
{
	const char *prev = NULL, *v;

	while ((v = ksim_modelf_info(m, "parmtype", &prev)) != NULL) {
		const char *colon = strchr(v, ':');
		size_t i;

		if (!colon || (size_t)(colon - v) != len)
			continue;
		for (i = 0; i < len; i++) {
			char a = v[i] == '-' ? '_' : v[i];
			char b = name[i] == '-' ? '_' : name[i];

			if (a != b)
				break;
		}
		if (i == len)
			return true;
	}
	return false;
}

static int check_params(const struct ksim_modelf *m, const struct ksim_module_arg *args,
			int nr_args, char *err, size_t errlen)
{
	int i;

	for (i = 0; i < nr_args; i++) {
		const char *eq = strchr(args[i].text, '=');
		size_t len = eq ? (size_t)(eq - args[i].text) : strlen(args[i].text);

		if (!has_param(m, args[i].text, len)) {
			const char *prev = NULL, *v;

			snprintf(err, errlen, "%s: %s: unknown parameter '%.*s' (known:",
				 args[i].origin, m->path, (int)len, args[i].text);
			while ((v = ksim_modelf_info(m, "parmtype", &prev)) != NULL)
				appendf(err, errlen, " %.*s", (int)(strchr(v, ':') ? strchr(v, ':') - v : 0), v);
			appendf(err, errlen, "%s)", prev ? "" : " none");
			return -EINVAL;
		}
	}
	return 0;
}

struct range_search {
	uintptr_t base;
	uintptr_t start, end;
};

static int find_range(struct dl_phdr_info *info, size_t size, void *data)
{
	struct range_search *rs = data;
	int i;

	if (info->dlpi_addr != rs->base)
		return 0;
	rs->start = UINTPTR_MAX;
	rs->end = 0;
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		if (ph->p_type != PT_LOAD)
			continue;
		if (info->dlpi_addr + ph->p_vaddr < rs->start)
			rs->start = info->dlpi_addr + ph->p_vaddr;
		if (info->dlpi_addr + ph->p_vaddr + ph->p_memsz > rs->end)
			rs->end = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
	}
	return 1;
}

struct snapshot_search {
	uintptr_t base;
	struct kept_image *ki;
};

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KSIM_LOADER_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define KSIM_LOADER_ASAN 1
#endif

/*
 * Copy a module's writable segment to or from its snapshot.  In an ASan
 * build the segment holds the redzones between the module's globals, which
 * stay poisoned (memcpy is intercepted and would report them): copy with
 * loads and stores the sanitizers do not check: words (x86-64 and arm64
 * load unaligned words), after a byte-wise head that aligns the stores.
 */
#ifdef KSIM_LOADER_ASAN
__attribute__((no_sanitize("address", "undefined")))
static void copy_segment(void *dst, const void *src, size_t len)
{
	volatile unsigned char *d = dst;
	const volatile unsigned char *s = src;

	while (len && ((uintptr_t)d & 7)) {
		*d++ = *s++;
		len--;
	}
	while (len >= 8) {
		*(volatile uint64_t *)d = *(const volatile uint64_t *)s;
		d += 8;
		s += 8;
		len -= 8;
	}
	while (len--)
		*d++ = *s++;
}
#else
static void copy_segment(void *dst, const void *src, size_t len)
{
	memcpy(dst, src, len);
}
#endif

/* Copy the image's writable segments, leaving out what RELRO made read-only. */
static int snapshot_writable(struct dl_phdr_info *info, size_t size, void *data)
{
	struct snapshot_search *ss = data;
	uintptr_t relro_start = 0, relro_end = 0;
	int i;

	(void)size;
	if (info->dlpi_addr != ss->base)
		return 0;
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		if (ph->p_type == PT_GNU_RELRO) {
			relro_start = info->dlpi_addr + ph->p_vaddr;
			relro_end = relro_start + ph->p_memsz;
		}
	}
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		struct kept_seg *seg;
		uintptr_t start, end;

		if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_W))
			continue;
		start = info->dlpi_addr + ph->p_vaddr;
		end = start + ph->p_memsz;
		if (relro_end > start && relro_end <= end && relro_start <= start)
			start = relro_end;
		if (start >= end || ss->ki->nr_segs == (int)(sizeof(ss->ki->segs) / sizeof(ss->ki->segs[0])))
			continue;
		seg = &ss->ki->segs[ss->ki->nr_segs];
		seg->copy = malloc(end - start);
		if (!seg->copy)
			continue;
		seg->start = start;
		seg->len = end - start;
		copy_segment(seg->copy, (void *)start, seg->len);
		ss->ki->nr_segs++;
	}
	return 1;
}

static struct kept_image *find_kept(const char *real)
{
	struct kept_image *ki;

	for (ki = kept_images; ki; ki = ki->next)
		if (!strcmp(ki->path, real))
			return ki;
	return NULL;
}

/* Take over @lm's mapping and parsed ELF into a new kept image. */
static void keep_image(struct ksim_loaded_module *lm, const char *real, uintptr_t base)
{
	struct kept_image *ki = calloc(1, sizeof(*ki));
	struct snapshot_search ss = { .base = base, .ki = ki };

	if (!ki || !(ki->path = strdup(real))) {
		free(ki);
		return;
	}
	dl_iterate_phdr(snapshot_writable, &ss);
	ki->elf = lm->elf;
	ki->handle = lm->handle;
	ki->in_use = true;
	ki->next = kept_images;
	kept_images = ki;
	lm->kept = ki;
}

static void restore_image(struct kept_image *ki)
{
	int i;

	for (i = 0; i < ki->nr_segs; i++)
		copy_segment((void *)ki->segs[i].start, ki->segs[i].copy, ki->segs[i].len);
}

int ksim_insmod(const char *path, const struct ksim_module_arg *args, int nr_args,
		struct ksim_loaded_module **out, char *err, size_t errlen)
{
	struct ksim_loaded_module *lm;
	struct range_search rs = { 0 };
	struct link_map *lmap;
	struct kept_image *ki = NULL;
	const char *vermagic;
	char *resolved;
	bool reused = false;
	int i, ret;

	lm = calloc(1, sizeof(*lm));
	if (!lm)
		return -ENOMEM;
	ksim_module_set_symbol_lookup(lookup_module_symbol);
	/* dlopen searches the library path for names without a slash. */
	resolved = realpath(path, NULL);
	if (keep_mapped && resolved)
		ki = find_kept(resolved);
	if (ki && !ki->in_use) {
		/* Checked when it was first loaded; its parameters are new. */
		lm->elf = ki->elf;
		lm->handle = ki->handle;
		lm->kept = ki;
		ki->in_use = true;
		reused = true;
		ret = check_params(&lm->elf, args, nr_args, err, errlen);
		if (ret)
			goto out_close;
		restore_image(ki);
		goto mapped;
	}
	ret = ksim_modelf_read(&lm->elf, path, err, errlen);
	if (ret)
		goto out_free;
	if (lm->elf.relocatable) {
		snprintf(err, errlen, "%s: a module object, not a linked module; load the .ko", path);
		ret = -ENOEXEC;
		goto out_free;
	}
	vermagic = ksim_modelf_info(&lm->elf, "vermagic", NULL);
	if (!vermagic || strcmp(vermagic, "6.1.0-ksim SMP mod_unload")) {
		snprintf(err, errlen, "%s: version magic '%s' should be '6.1.0-ksim SMP mod_unload' (rebuild it against this ksim)",
			 path, vermagic ? vermagic : "");
		ret = -ENOEXEC;
		goto out_free;
	}
	ret = check_symbols(&lm->elf, path, err, errlen);
	if (ret)
		goto out_free;
	ret = check_params(&lm->elf, args, nr_args, err, errlen);
	if (ret)
		goto out_free;

	lm->handle = dlopen(resolved ? resolved : path, RTLD_NOW | RTLD_GLOBAL);
	if (!lm->handle) {
		snprintf(err, errlen, "%s: %s", path, dlerror());
		ret = -ENOEXEC;
		goto out_free;
	}
mapped:
	lm->mod = dlsym(lm->handle, "__this_module");
	if (!lm->mod || dlinfo(lm->handle, RTLD_DI_LINKMAP, &lmap)) {
		snprintf(err, errlen, "%s: no __this_module", path);
		ret = -ENOEXEC;
		goto out_close;
	}
	if (keep_mapped && resolved && !lm->kept)
		keep_image(lm, resolved, lmap->l_addr);
	rs.base = lmap->l_addr;
	dl_iterate_phdr(find_range, &rs);
	/* The kernel's section_objs(".kunit_test_suites"), for lib/kunit. */
	if (lm->elf.kunit_suites_size && !lm->elf.relocatable) {
		ksim_module_set_kunit_suites(lm->mod,
					     (void *)(lmap->l_addr + lm->elf.kunit_suites_addr),
					     lm->elf.kunit_suites_size / sizeof(void *));
	}
	snprintf(lm->name, sizeof(lm->name), "%s", ksim_module_name(lm->mod));
	/* A kept image sits where it was: the symbolizer's view of it still holds. */
	if (!reused)
		ksim_backtrace_refresh();

	ret = ksim_module_add(lm->mod, rs.start, rs.end,
			      ksim_modelf_info(&lm->elf, "license", NULL));
	if (ret) {
		snprintf(err, errlen, "%s: a module named '%s' is already loaded", path, lm->name);
		goto out_close;
	}
	for (i = 0; i < nr_args; i++) {
		char name[128], msg[256];
		const char *eq = strchr(args[i].text, '=');
		size_t len = eq ? (size_t)(eq - args[i].text) : strlen(args[i].text);

		snprintf(name, sizeof(name), "%.*s", (int)len, args[i].text);
		ret = ksim_module_set_param(lm->mod, name, eq ? eq + 1 : NULL, msg, sizeof(msg));
		if (ret) {
			snprintf(err, errlen, "%s: %s: %s", args[i].origin, path, msg);
			/* Undo: the module never ran; forget it without calling exit. */
			ksim_module_discard(lm->mod);
			ret = -EINVAL;
			goto out_close;
		}
	}
	ret = ksim_module_init(lm->mod);
	if (ret) {
		snprintf(err, errlen, "could not insert module %s: %s", path, strerror(-ret));
		ret = KSIM_INSMOD_INIT_FAILED;
		goto out_close;
	}
	lm->prev = last_loaded;
	last_loaded = lm;
	*out = lm;
	free(resolved);
	return 0;

out_close:
	if (lm->kept) {
		lm->kept->in_use = false;
		free(resolved);
		free(lm);
		return ret;
	}
	dlclose(lm->handle);
	ksim_backtrace_refresh();
out_free:
	free(resolved);
	ksim_modelf_free(&lm->elf);
	free(lm);
	return ret;
}

void ksim_rmmod(struct ksim_loaded_module *lm)
{
	struct ksim_loaded_module **pp;

	for (pp = &last_loaded; *pp; pp = &(*pp)->prev)
		if (*pp == lm) {
			*pp = lm->prev;
			break;
		}
	ksim_module_remove(lm->mod);
	if (lm->kept) {
		lm->kept->in_use = false;
		free(lm);
		return;
	}
	dlclose(lm->handle);
	ksim_backtrace_refresh();
	ksim_modelf_free(&lm->elf);
	free(lm);
}
