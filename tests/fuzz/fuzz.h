/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/fuzz/fuzz.h - what every fuzz target shares.
 *
 * A target is an LLVMFuzzerTestOneInput() (libFuzzer, AFL++ through its
 * libFuzzer driver, ClusterFuzzLite and OSS-Fuzz all call that).  It reads
 * its input as a stream of decisions (fuzz_u8(), fuzz_below(), ...: an
 * exhausted input reads as zeros, so every prefix of an input is an input)
 * and runs one execution on a fresh machine of the deterministic backend:
 *
 *	fuzz_machine_begin(data, size);
 *	fuzz_insmod("drivers/nvme/host/nvme-core.ko");
 *	... exercise ...
 *	fuzz_machine_end();
 *
 * Any report the machine makes (WARN, BUG, leak, lockdep, DMA, hang...)
 * ends the execution through fuzz_finding(): the report is printed on
 * stderr, kept beside the input when KSIM_FUZZ_REPORTS names a directory,
 * and the process aborts, which every engine records as a crash.
 */
#ifndef KSIM_FUZZ_H
#define KSIM_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ksim/report.h"

struct fuzz_input {
	const uint8_t *data;
	size_t size, pos;
};

static inline void fuzz_input_init(struct fuzz_input *in, const uint8_t *data, size_t size)
{
	in->data = data;
	in->size = size;
	in->pos = 0;
}

static inline bool fuzz_empty(const struct fuzz_input *in)
{
	return in->pos >= in->size;
}

uint8_t fuzz_u8(struct fuzz_input *in);
uint16_t fuzz_u16(struct fuzz_input *in);
uint32_t fuzz_u32(struct fuzz_input *in);
uint64_t fuzz_u64(struct fuzz_input *in);
bool fuzz_bool(struct fuzz_input *in);
/* A value in [0, n): one byte when n <= 256, else as many as it takes. */
uint32_t fuzz_below(struct fuzz_input *in, uint32_t n);
/* True with probability about 1 in @n. */
bool fuzz_one_in(struct fuzz_input *in, uint32_t n);
/* Copy up to @len bytes into @dst, zero-filling what the input lacks; returns the bytes taken. */
size_t fuzz_bytes(struct fuzz_input *in, void *dst, size_t len);

/*
 * Boot the machine for one execution: the deterministic backend, its seed
 * taken from @seed, the console quiet (the log stays in dmesg for the
 * report).  @data/@size is the execution's input, kept for the report.
 */
void fuzz_machine_begin(const uint8_t *data, size_t size, uint64_t seed);
/*
 * insmod @path (relative to the object tree, see fuzz_objtree()) with
 * @nr_args "name=value" parameters.  Returns what ksim_insmod() returns;
 * a module that cannot be loaded at all (missing file, unknown symbol) is
 * a broken set-up, not a finding: the process exits 2 with the message.
 */
int fuzz_insmod(const char *path, const char *const *args, int nr_args);
/*
 * Load a target's driver: the modules KSIM_FUZZ_MODULES names (a space-
 * separated list of .ko paths, relative to the current directory), else
 * @defaults (relative to the object tree), in order.  Stops at the first
 * module whose init fails and returns -1; 0 when all are loaded.
 */
int fuzz_load_driver(const char *const *defaults, int nr_defaults);
/*
 * Unload the modules (last loaded first), shut the machine down, and end
 * the execution as a finding if any report was made.
 */
void fuzz_machine_end(void);
/* The scheduler's trace hash of the last execution (0: a target without a machine). */
uint64_t fuzz_last_trace(void);
/*
 * Reports of @kind are expected in this execution, not findings (after
 * fuzz_machine_begin(); e.g. IOMMU faults of a hostile device, which the
 * IOMMU contains: a device may try to DMA anywhere).
 */
void fuzz_expect_reports(enum ksim_report_kind kind);
/* End the execution as a crash: print @why and the kernel log, keep the report, abort(). */
__attribute__((noreturn)) void fuzz_finding(const char *why);

/*
 * Run one execution on an empty input before the engine starts, so the
 * modules are mapped (and stay mapped, ksim_loader_keep_mapped()) before
 * AFL++'s fork server forks: a module dlopen()ed after that would get no
 * coverage map slots (afl-compiler-rt refuses it).  In builds with an
 * engine (KSIM_FUZZ_ENGINE defined), fuzz_machine.c's weak
 * LLVMFuzzerInitialize() calls it; a target defining its own must too.
 */
void fuzz_warm_up(void);

/*
 * Where the modules are: $KSIM_FUZZ_OBJTREE, else the object tree the target
 * was built in, else the directory of the binary (a target copied with its
 * modules, as ClusterFuzzLite does).  KSIM_FUZZ_MODULES="a.ko b.ko" (paths as given) replaces the
 * driver a target loads by the user's own (see tests/fuzz/README.md).
 */
const char *fuzz_objtree(void);

/* Defined by each target. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
