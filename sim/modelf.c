// SPDX-License-Identifier: GPL-2.0
/*
 * sim/modelf.c - reading module files with libelf.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modelf.h"

static int push(char ***vec, size_t *nr, const char *s)
{
	char **bigger = realloc(*vec, (*nr + 1) * sizeof(**vec));

	if (!bigger)
		return -ENOMEM;
	*vec = bigger;
	bigger[*nr] = strdup(s);
	if (!bigger[*nr])
		return -ENOMEM;
	(*nr)++;
	return 0;
}

/* Split a section of NUL-terminated strings into @vec. */
static int read_strings(Elf_Scn *scn, char ***vec, size_t *nr)
{
	Elf_Data *data = NULL;
	int err;

	while ((data = elf_getdata(scn, data)) != NULL) {
		const char *p = data->d_buf, *end = p + data->d_size;

		while (p && p < end) {
			size_t len = strnlen(p, end - p);

			if (len && len < (size_t)(end - p)) {
				err = push(vec, nr, p);
				if (err)
					return err;
			}
			p += len + 1;
		}
	}
	return 0;
}

static int read_exports(struct ksim_modelf *m, Elf_Scn *scn, bool gpl)
{
	size_t before = m->nr_exports;
	bool *flags;
	size_t i;
	int err;

	err = read_strings(scn, &m->exports, &m->nr_exports);
	if (err)
		return err;
	flags = realloc(m->export_gpl, (m->nr_exports + 1) * sizeof(*flags));
	if (!flags)
		return -ENOMEM;
	m->export_gpl = flags;
	for (i = before; i < m->nr_exports; i++)
		flags[i] = gpl;
	return 0;
}

static int read_symbols(struct ksim_modelf *m, Elf *elf, Elf_Scn *scn, GElf_Shdr *shdr)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	size_t i, count;
	int err;

	if (!data || !shdr->sh_entsize)
		return 0;
	count = shdr->sh_size / shdr->sh_entsize;
	for (i = 1; i < count; i++) {
		GElf_Sym sym;
		const char *name;

		if (!gelf_getsym(data, (int)i, &sym))
			continue;
		name = elf_strptr(elf, shdr->sh_link, sym.st_name);
		if (!name || !*name)
			continue;
		if (sym.st_shndx != SHN_UNDEF) {
			if (!strcmp(name, "__this_module"))
				m->has_this_module = true;
			continue;
		}
		if (GELF_ST_BIND(sym.st_info) != STB_GLOBAL)
			continue;	/* weak references may stay unresolved */
		err = push(&m->undefined, &m->nr_undefined, name);
		if (err)
			return err;
	}
	return 0;
}

#if defined(__x86_64__)
#define HOST_MACHINE	EM_X86_64
#elif defined(__aarch64__)
#define HOST_MACHINE	EM_AARCH64
#elif defined(__riscv) && __riscv_xlen == 64
#define HOST_MACHINE	EM_RISCV
#else
#error "ksim: add this host's ELF machine here"
#endif

static const char *machine_name(unsigned int m)
{
	switch (m) {
	case EM_386:		return "i386";
	case EM_ARM:		return "ARM";
	case EM_AARCH64:	return "AArch64";
	case EM_X86_64:		return "x86-64";
	case EM_RISCV:		return "RISC-V";
	case EM_PPC64:		return "PowerPC64";
	case EM_S390:		return "S/390";
	case EM_MIPS:		return "MIPS";
	default:		return "an unknown machine";
	}
}

/*
 * What dlopen() would answer with "invalid ELF header" or a crash, said
 * plainly and naming the file: not ELF, a 32-bit or big-endian object,
 * another machine's object, a file cut short.
 */
static int check_elf_header(int fd, const char *path, char *err, size_t errlen)
{
	unsigned char id[EI_NIDENT];
	Elf64_Ehdr eh;
	struct stat st;
	ssize_t n;

	if (fstat(fd, &st)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -errno;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: is a directory, not a kernel module", path);
		return -EISDIR;
	}
	n = pread(fd, id, sizeof(id), 0);
	if (n < SELFMAG || memcmp(id, ELFMAG, SELFMAG)) {
		snprintf(err, errlen, "%s: not an ELF file, so not a kernel module", path);
		return -ENOEXEC;
	}
	if (n < EI_NIDENT) {
		snprintf(err, errlen, "%s: truncated: %zd bytes, not even a whole ELF identification",
			 path, n);
		return -ENOEXEC;
	}
	if (id[EI_CLASS] != ELFCLASS64) {
		snprintf(err, errlen, "%s: a %s ELF object; ksim loads 64-bit %s modules",
			 path, id[EI_CLASS] == ELFCLASS32 ? "32-bit" : "bad-class",
			 machine_name(HOST_MACHINE));
		return -ENOEXEC;
	}
	if (id[EI_DATA] != ELFDATA2LSB) {
		snprintf(err, errlen, "%s: a big-endian ELF object; ksim loads little-endian %s modules",
			 path, machine_name(HOST_MACHINE));
		return -ENOEXEC;
	}
	n = pread(fd, &eh, sizeof(eh), 0);
	if (n < (ssize_t)sizeof(eh)) {
		snprintf(err, errlen, "%s: truncated: %zd bytes, shorter than an ELF header (%zu)",
			 path, n < 0 ? 0 : n, sizeof(eh));
		return -ENOEXEC;
	}
	if (eh.e_machine != HOST_MACHINE) {
		snprintf(err, errlen, "%s: built for %s (ELF machine %u); this ksim loads %s modules",
			 path, machine_name(eh.e_machine), eh.e_machine,
			 machine_name(HOST_MACHINE));
		return -ENOEXEC;
	}
	if (eh.e_shoff + (uint64_t)eh.e_shnum * eh.e_shentsize > (uint64_t)st.st_size ||
	    eh.e_phoff + (uint64_t)eh.e_phnum * eh.e_phentsize > (uint64_t)st.st_size) {
		snprintf(err, errlen, "%s: truncated: its headers reach byte %llu but the file has %lld bytes",
			 path, (unsigned long long)(eh.e_shoff + (uint64_t)eh.e_shnum * eh.e_shentsize),
			 (long long)st.st_size);
		return -ENOEXEC;
	}
	return 0;
}

int ksim_modelf_read(struct ksim_modelf *m, const char *path, char *err, size_t errlen)
{
	Elf_Scn *scn = NULL;
	bool have_modinfo = false;
	size_t shstrndx;
	GElf_Ehdr ehdr;
	Elf *elf;
	int fd, ret = 0;

	memset(m, 0, sizeof(*m));
	m->path = strdup(path);
	if (!m->path)
		return -ENOMEM;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		ksim_modelf_free(m);
		return ret;
	}
	ret = check_elf_header(fd, path, err, errlen);
	if (ret) {
		close(fd);
		ksim_modelf_free(m);
		return ret;
	}
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &ehdr)) {
		snprintf(err, errlen, "%s: not an ELF file, so not a kernel module", path);
		ret = -ENOEXEC;
		goto out;
	}
	if (ehdr.e_type != ET_REL && ehdr.e_type != ET_DYN) {
		snprintf(err, errlen, "%s: ELF file of type %u is not a kernel module",
			 path, ehdr.e_type);
		ret = -ENOEXEC;
		goto out;
	}
	m->relocatable = ehdr.e_type == ET_REL;
	if (elf_getshdrstrndx(elf, &shstrndx)) {
		snprintf(err, errlen, "%s: %s", path, elf_errmsg(-1));
		ret = -ENOEXEC;
		goto out;
	}
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr shdr;
		const char *name;

		if (!gelf_getshdr(scn, &shdr))
			continue;
		name = elf_strptr(elf, shstrndx, shdr.sh_name);
		if (!name)
			continue;
		if (!strcmp(name, ".kunit_test_suites")) {
			m->kunit_suites_addr = shdr.sh_addr;
			m->kunit_suites_size = shdr.sh_size;
		}
		if (!strcmp(name, ".modinfo")) {
			have_modinfo = true;
			ret = read_strings(scn, &m->modinfo, &m->nr_modinfo);
		} else if (!strcmp(name, ".ksim_ksymtab")) {
			ret = read_exports(m, scn, false);
		} else if (!strcmp(name, ".ksim_ksymtab_gpl")) {
			ret = read_exports(m, scn, true);
		} else if ((m->relocatable && shdr.sh_type == SHT_SYMTAB) ||
			   (!m->relocatable && shdr.sh_type == SHT_DYNSYM)) {
			ret = read_symbols(m, elf, scn, &shdr);
		}
		if (ret) {
			snprintf(err, errlen, "%s: %s", path, strerror(-ret));
			goto out;
		}
	}
	if (!have_modinfo) {
		snprintf(err, errlen,
			 "%s: not a kernel module (no .modinfo section; build it with obj-m)",
			 path);
		ret = -ENOEXEC;
	} else if (!m->relocatable && !m->has_this_module) {
		snprintf(err, errlen,
			 "%s: not a kernel module (no __this_module; was it linked by modpost?)",
			 path);
		ret = -ENOEXEC;
	}
out:
	if (elf)
		elf_end(elf);
	close(fd);
	/* On failure nothing is left for the caller to free. */
	if (ret)
		ksim_modelf_free(m);
	return ret;
}

static void free_vec(char **vec, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		free(vec[i]);
	free(vec);
}

void ksim_modelf_free(struct ksim_modelf *m)
{
	free(m->path);
	free_vec(m->modinfo, m->nr_modinfo);
	free_vec(m->undefined, m->nr_undefined);
	free_vec(m->exports, m->nr_exports);
	free(m->export_gpl);
	memset(m, 0, sizeof(*m));
}

const char *ksim_modelf_info(const struct ksim_modelf *m, const char *key, const char **prev)
{
	size_t klen = strlen(key), i = 0;

	if (prev && *prev) {
		for (; i < m->nr_modinfo; i++)
			if (m->modinfo[i] + klen + 1 == *prev) {
				i++;
				break;
			}
	}
	for (; i < m->nr_modinfo; i++) {
		if (!strncmp(m->modinfo[i], key, klen) && m->modinfo[i][klen] == '=') {
			if (prev)
				*prev = m->modinfo[i] + klen + 1;
			return m->modinfo[i] + klen + 1;
		}
	}
	return NULL;
}

/*
 * The compiler's runtimes, which the kernel's modpost lets through too: the
 * sanitizers', and the coverage runtime of a fuzzing build (AFL++'s
 * __afl_area_ptr and cmplog hooks, SanitizerCoverage's __sancov_lowest_stack
 * and __sanitizer_cov_* callbacks).  They are resolved from the main binary
 * at dlopen time, never from Module.symvers.
 */
bool ksim_modelf_symbol_always_ok(const char *name)
{
	static const char *const prefixes[] = {
		"__asan_", "__ubsan_", "__sanitizer_", "__tsan_", "__msan_",
		"__lsan_", "__afl_", "__sancov_", "__cmplog_",
	};
	size_t i;

	if (!strcmp(name, "_GLOBAL_OFFSET_TABLE_"))
		return true;
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}
