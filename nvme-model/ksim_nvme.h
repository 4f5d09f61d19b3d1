/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim_nvme.h - the emulated NVMe controller, as sim/, tests and benchmarks
 * see it: a configuration, a constructor that plugs the controller into the
 * simulated PCI bus, event counters and a fault-injection interface.
 *
 *	struct ksim_nvme_config cfg;
 *	struct ksim_nvme_ctrl *ctrl;
 *	char err[128];
 *
 *	ksim_nvme_config_init(&cfg);
 *	if (ksim_nvme_config_set(&cfg, "ns1.size", "64M", err, sizeof(err)))
 *		... err says which key and value ...
 *	ksim_nvme_create("nvme0", &cfg, &ctrl);
 *	...
 *	ksim_nvme_destroy(ctrl);
 *
 * The keys are listed in nvme-model/README.md.  The model itself is host
 * world and sees the machine only through ksim/platform.h.
 */
#ifndef KSIM_NVME_H
#define KSIM_NVME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ksim_pci_dev;
struct ksim_nvme_ctrl;

#define KSIM_NVME_MAX_NS	16
#define KSIM_NVME_MAX_FAULTS	16
#define KSIM_NVME_MAX_QUEUES	128	/* I/O queue pairs */
#define KSIM_NVME_MAX_WORKERS	8

enum ksim_nvme_backend {
	KSIM_NVME_BACKEND_RAM,		/* sparse, in memory */
	KSIM_NVME_BACKEND_FILE,		/* a regular file (pread, pwrite, fdatasync) */
	KSIM_NVME_BACKEND_NULL,		/* reads return zeros, writes vanish */
};

struct ksim_nvme_ns_config {
	uint64_t size;			/* bytes, a multiple of lba_size */
	uint32_t lba_size;		/* 512, 1024, 2048, 4096 */
	enum ksim_nvme_backend backend;
	char path[256];			/* file backend */
};

/* A latency range in nanoseconds; min == max: fixed; both 0: none. */
struct ksim_nvme_latency {
	uint64_t min_ns, max_ns;
};

enum ksim_nvme_lat_kind {
	KSIM_NVME_LAT_READ,
	KSIM_NVME_LAT_WRITE,
	KSIM_NVME_LAT_FLUSH,
	KSIM_NVME_LAT_ADMIN,
	KSIM_NVME_LAT_OTHER,
	KSIM_NVME_LAT_NR,
};

struct ksim_nvme_config {
	uint16_t vendor, device;	/* PCI ids (default 0x1b36:0x0010) */
	unsigned int queues;		/* I/O queue pairs granted, 1..128 */
	unsigned int mqes;		/* max queue entries, 0-based (CAP.MQES) */
	unsigned int mdts;		/* max transfer = 4 KiB << mdts; 1..9 */
	char serial[21], model[41], firmware[9];
	bool vwc;			/* volatile write cache present */
	bool sgl;			/* SGLs supported */
	bool exec_worker;		/* exec=worker: worker tasks run commands; else inline */
	unsigned int workers;		/* worker tasks, 1..8 (exec=worker) */
	unsigned int spin_us;		/* a worker spins this long before sleeping */
	unsigned int ready_delay_ms;	/* CC.EN -> CSTS.RDY (and back) */
	unsigned int nr_ns;		/* namespaces, 0..16 */
	struct ksim_nvme_ns_config ns[KSIM_NVME_MAX_NS];
	struct ksim_nvme_latency latency[KSIM_NVME_LAT_NR];
	unsigned int nr_faults;
	char faults[KSIM_NVME_MAX_FAULTS][96];
};

/* Fill @cfg with the defaults (one 64 MiB RAM namespace of 512-byte blocks). */
void ksim_nvme_config_init(struct ksim_nvme_config *cfg);
/*
 * Set one key.  Returns 0, -ENOENT for an unknown key, -EINVAL for a bad
 * value; on error @err (if not NULL) says which key and value.
 */
int ksim_nvme_config_set(struct ksim_nvme_config *cfg, const char *key,
			 const char *value, char *err, size_t errlen);

/*
 * Build the controller named @name ("nvme0"), start its workers and plug it
 * into the PCI bus (a matching driver is probed now).  The config is
 * copied.  Returns 0 or a negative errno.  Needs a booted kernel.
 */
int ksim_nvme_create(const char *name, const struct ksim_nvme_config *cfg,
		     struct ksim_nvme_ctrl **out);
/* Unplug (the driver's remove runs), stop the workers, free everything. */
void ksim_nvme_destroy(struct ksim_nvme_ctrl *ctrl);

struct ksim_pci_dev *ksim_nvme_pci_dev(struct ksim_nvme_ctrl *ctrl);
const char *ksim_nvme_name(const struct ksim_nvme_ctrl *ctrl);

/*
 * Events: "nvme_*" (normal), "err_*" (a command failed with a status) and
 * "ub_*" (the driver broke a rule).  Unknown names count 0.
 */
unsigned long ksim_nvme_event_count(struct ksim_nvme_ctrl *ctrl, const char *name);
/* The name of event @index (0, 1, ...), NULL past the last: to list them all. */
const char *ksim_nvme_event_name(unsigned int index);
/* Sum of every ub_* event: a test asserts 0, a fuzzer treats > 0 as a finding. */
unsigned long ksim_nvme_ub_total(struct ksim_nvme_ctrl *ctrl);
/* Print every non-zero counter to the kernel log. */
void ksim_nvme_dump_events(struct ksim_nvme_ctrl *ctrl);

/*
 * Fault injection.  @spec uses the syntax of the "fault" config key, e.g.
 * "read:nth=100:sc=0x281:dnr", "any:nth=3:drop", "write:every=2:double",
 * "io:prob=0.01:sc=0x6", "admin:nth=1:fatal".  Returns 0 or -EINVAL (-ENOSPC
 * when the rule table is full).
 */
int ksim_nvme_inject(struct ksim_nvme_ctrl *ctrl, const char *spec,
		     char *err, size_t errlen);
/* CSTS.CFS = 1 now; the controller stops processing until a reset. */
void ksim_nvme_inject_fatal(struct ksim_nvme_ctrl *ctrl);
/* The device vanishes (ksim_pci_surprise_remove); destroy still unplugs it. */
void ksim_nvme_inject_surprise_removal(struct ksim_nvme_ctrl *ctrl);
/*
 * Memory a namespace's backing store holds for data: for a RAM namespace
 * the 4 KiB pages written so far plus their 128-byte table nodes (the
 * fixed top-level table, 8 bytes per 16 MiB of capacity, is not counted);
 * 0 for the file and null backends and for an unknown @nsid.
 */
uint64_t ksim_nvme_ns_mem_bytes(struct ksim_nvme_ctrl *ctrl, uint32_t nsid);

/*
 * Set the composite temperature (Kelvin).  Crossing a threshold set with
 * Set Features (Temperature Threshold) raises the SMART critical warning and
 * posts an asynchronous event.
 */
void ksim_nvme_set_temperature(struct ksim_nvme_ctrl *ctrl, unsigned int kelvin);

/*
 * Hostile mode, for fuzzing a driver: wherever a real device could
 * misbehave (register values, Identify data, each command's outcome, each
 * completion entry, read data), the model asks @decide for a value below
 * @n, where 0 means "behave", and @fill for raw bytes.  Deterministic
 * backend only (the decisions must come in one order).  NULL turns it off.
 * See nvme-model/hostile.c for the list.
 */
struct ksim_nvme_hostile {
	uint32_t (*decide)(void *arg, uint32_t n);
	void (*fill)(void *arg, void *buf, size_t len);
	void *arg;
};
void ksim_nvme_set_hostile(struct ksim_nvme_ctrl *ctrl, const struct ksim_nvme_hostile *h);

#endif /* KSIM_NVME_H */
