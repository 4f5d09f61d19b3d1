// SPDX-License-Identifier: GPL-2.0
/*
 * sim/backtrace.c - stack capture (libunwind) and symbolization (libdw) for
 * WARN, BUG, lockdep and leak reports.
 *
 * Symbolization reads the process's own mappings (the ksim binary, the
 * shared libraries and every loaded .ko) through libdw's /proc/self/maps
 * reporting.  The module loader calls ksim_backtrace_refresh() whenever the
 * set of mappings changes, so a freshly loaded module is found and an
 * unloaded one is never named.
 */
#define _GNU_SOURCE
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <inttypes.h>
/* basename(): the GNU one from string.h (libiberty declares the same). */
#include <libiberty/demangle.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define UNW_LOCAL_ONLY
#include <libunwind.h>

#include "backtrace.h"
#include "host.h"

static pthread_mutex_t dwfl_lock = PTHREAD_MUTEX_INITIALIZER;
static Dwfl *dwfl;
static int dwfl_stale = 1;

/*
 * Symbolized frames, by address.  libdw's lookups cost milliseconds per
 * frame (dwfl_module_addrinfo scans the symbol table, dwarf_getscopes
 * walks the unit): a fuzzing process prints the same report paths
 * thousands of times.  An entry holds while the mapped objects stay as
 * they were; a refresh starts a new generation.
 */
#define SYM_CACHE_SIZE	1024
#define SYM_CACHE_TEXT	256

static struct sym_cache_entry {
	void *addr;
	unsigned int gen;
	char text[SYM_CACHE_TEXT];
} sym_cache[SYM_CACHE_SIZE];
static unsigned int sym_gen = 1;

static const Dwfl_Callbacks dwfl_callbacks = {
	.find_elf = dwfl_linux_proc_find_elf,
	.find_debuginfo = dwfl_standard_find_debuginfo,
};

int ksim_backtrace_capture(void **frames, int max, int skip)
{
	void *buf[128];
	int n, i;

	if (max <= 0)
		return 0;
	/* +1: this function's own frame. */
	n = unw_backtrace(buf, (int)(sizeof(buf) / sizeof(buf[0])));
	skip += 1;
	if (n <= skip)
		return 0;
	n -= skip;
	if (n > max)
		n = max;
	for (i = 0; i < n; i++)
		frames[i] = buf[i + skip];
	return n;
}

int ksim_backtrace_function_range(void *fn, uintptr_t *start, uintptr_t *end)
{
	unw_proc_info_t pi;

	if (unw_get_proc_info_by_ip(unw_local_addr_space, (unw_word_t)(uintptr_t)fn, &pi, NULL))
		return -1;
	*start = pi.start_ip;
	*end = pi.end_ip;
	return 0;
}

void ksim_backtrace_refresh(void)
{
	pthread_mutex_lock(&dwfl_lock);
	dwfl_stale = 1;
	sym_gen++;
	pthread_mutex_unlock(&dwfl_lock);
}

void ksim_backtrace_cleanup(void)
{
	pthread_mutex_lock(&dwfl_lock);
	if (dwfl)
		dwfl_end(dwfl);
	dwfl = NULL;
	dwfl_stale = 1;
	sym_gen++;
	pthread_mutex_unlock(&dwfl_lock);
}

/* With dwfl_lock held. */
static Dwfl *dwfl_get(void)
{
	if (dwfl && !dwfl_stale)
		return dwfl;
	if (!dwfl) {
		dwfl = dwfl_begin(&dwfl_callbacks);
		if (!dwfl)
			return NULL;
	}
	dwfl_report_begin(dwfl);
	if (dwfl_linux_proc_report(dwfl, getpid()) != 0) {
		dwfl_report_end(dwfl, NULL, NULL);
		return NULL;
	}
	dwfl_report_end(dwfl, NULL, NULL);
	dwfl_stale = 0;
	return dwfl;
}

/* "minimal" for ".../minimal.ko"; NULL for anything that is not a module. */
static const char *module_label(const char *path, char *buf, size_t len)
{
	const char *base, *dot;

	if (!path)
		return NULL;
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	if (!dot || strcmp(dot, ".ko") != 0)
		return NULL;
	snprintf(buf, len, "%.*s", (int)(dot - base), base);
	return buf;
}

/*
 * Rust nests its functions inside namespaces and types (an impl's methods
 * under the type), where dwarf_getscopes() does not look: find the
 * function whose code holds @pc by walking the tree.
 */
static bool find_function(Dwarf_Die *parent, Dwarf_Addr pc, Dwarf_Die *out)
{
	Dwarf_Die child;

	if (dwarf_child(parent, &child) != 0)
		return false;
	do {
		switch (dwarf_tag(&child)) {
		case DW_TAG_subprogram:
			if (dwarf_haspc(&child, pc) == 1) {
				*out = child;
				return true;
			}
			break;
		case DW_TAG_namespace:
		case DW_TAG_structure_type:
		case DW_TAG_union_type:
		case DW_TAG_enumeration_type:
		case DW_TAG_variant_part:
			if (find_function(&child, pc, out))
				return true;
			break;
		}
	} while (dwarf_siblingof(&child, &child) == 0);
	return false;
}

/* The outermost inlined call inside @scope that holds @pc. */
static bool outermost_inlined(Dwarf_Die *scope, Dwarf_Addr pc, Dwarf_Die *out)
{
	Dwarf_Die child;

	if (dwarf_child(scope, &child) != 0)
		return false;
	do {
		int tag = dwarf_tag(&child);

		if (tag != DW_TAG_inlined_subroutine && tag != DW_TAG_lexical_block)
			continue;
		if (dwarf_haspc(&child, pc) != 1)
			continue;
		if (tag == DW_TAG_inlined_subroutine) {
			*out = child;
			return true;
		}
		return outermost_inlined(&child, pc, out);
	} while (dwarf_siblingof(&child, &child) == 0);
	return false;
}

/*
 * The source line that belongs to the function the symbol names: when @pc
 * is in code inlined into it (kmalloc() inlined into a driver's probe), the
 * call site of the outermost inlined function, not the header line.
 * Returns false when there is no inlining (use the plain line table).
 */
static bool outer_call_site(Dwfl_Module *m, Dwarf_Addr pc, const char **file, int *line)
{
	Dwarf_Addr bias;
	Dwarf_Die *cudie = dwfl_module_addrdie(m, pc, &bias);
	Dwarf_Die *scopes = NULL;
	Dwarf_Files *files;
	Dwarf_Attribute attr;
	Dwarf_Word fileidx, lineno;
	int n, i, outer = -1;
	bool found = false;

	Dwarf_Die func, inlined, *outer_die = NULL;

	if (!cudie)
		return false;
	n = dwarf_getscopes(cudie, pc - bias, &scopes);
	for (i = 0; i < n; i++)
		if (dwarf_tag(&scopes[i]) == DW_TAG_inlined_subroutine)
			outer = i;
	if (outer >= 0)
		outer_die = &scopes[outer];
	else if (n <= 0 && find_function(cudie, pc - bias, &func) &&
		 outermost_inlined(&func, pc - bias, &inlined))
		outer_die = &inlined;
	if (outer_die &&
	    dwarf_formudata(dwarf_attr(outer_die, DW_AT_call_file, &attr), &fileidx) == 0 &&
	    dwarf_formudata(dwarf_attr(outer_die, DW_AT_call_line, &attr), &lineno) == 0 &&
	    dwarf_getsrcfiles(cudie, &files, NULL) == 0) {
		*file = dwarf_filesrc(files, fileidx, NULL, NULL);
		*line = (int)lineno;
		found = *file != NULL;
	}
	free(scopes);
	return found;
}

/* With dwfl_lock held. */
static int symbolize_uncached(void *addr, char *buf, size_t len)
{
	Dwarf_Addr pc = (Dwarf_Addr)(uintptr_t)addr;
	const char *name = NULL, *modpath = NULL, *src = NULL;
	char modbuf[64];
	const char *mod;
	GElf_Off off = 0;
	GElf_Sym sym;
	Dwfl_Module *m;
	Dwfl_Line *line;
	int lineno = 0, n;

	if (dwfl_get()) {
		m = dwfl_addrmodule(dwfl, pc);
		if (m) {
			name = dwfl_module_addrinfo(m, pc, &off, &sym, NULL, NULL, NULL);
			dwfl_module_info(m, NULL, NULL, NULL, NULL, NULL, &modpath, NULL);
			/*
			 * A return address points after its call: look up the
			 * call itself, unless @addr is a function's first byte.
			 */
			Dwarf_Addr at = name && off ? pc - 1 : pc;

			if (!outer_call_site(m, at, &src, &lineno)) {
				line = dwfl_module_getsrc(m, at);
				if (line)
					src = dwfl_lineinfo(line, NULL, &lineno, NULL, NULL, NULL);
			}
		}
	}
	if (name) {
		/* Rust symbols read as Rust paths (libiberty's demangler). */
		char *rust = rust_demangle(name, DMGL_PARAMS);

		n = snprintf(buf, len, "%s+0x%" PRIx64 "/0x%" PRIx64, rust ? rust : name,
			     (uint64_t)off, (uint64_t)sym.st_size);
		free(rust);
	}
	else
		n = snprintf(buf, len, "0x%" PRIxPTR, (uintptr_t)addr);
	mod = module_label(modpath, modbuf, sizeof(modbuf));
	if (mod && n >= 0 && (size_t)n < len)
		n += snprintf(buf + n, len - n, " [%s]", mod);
	if (src && n >= 0 && (size_t)n < len) {
		char *copy = strdup(src);

		if (copy) {
			n += snprintf(buf + n, len - n, " (%s:%d)", basename(copy), lineno);
			free(copy);
		}
	}
	if (n < 0)
		n = 0;
	return (size_t)n >= len ? (int)len - 1 : n;
}

int ksim_backtrace_symbolize(void *addr, char *buf, size_t len)
{
	struct sym_cache_entry *e = &sym_cache[((uintptr_t)addr >> 2) % SYM_CACHE_SIZE];
	char text[SYM_CACHE_TEXT];
	int n;

	if (!len)
		return 0;
	pthread_mutex_lock(&dwfl_lock);
	if (e->gen == sym_gen && e->addr == addr) {
		n = snprintf(buf, len, "%s", e->text);
	} else {
		n = symbolize_uncached(addr, text, sizeof(text));
		/* Cut short: not worth keeping; say it whole into the caller's buffer. */
		if ((size_t)n + 1 >= sizeof(text)) {
			n = symbolize_uncached(addr, buf, len);
			pthread_mutex_unlock(&dwfl_lock);
			return n;
		}
		memcpy(e->text, text, (size_t)n + 1);
		e->addr = addr;
		e->gen = sym_gen;
		n = snprintf(buf, len, "%s", text);
	}
	pthread_mutex_unlock(&dwfl_lock);
	if (n < 0)
		n = 0;
	return (size_t)n >= len ? (int)len - 1 : n;
}
