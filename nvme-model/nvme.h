/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nvme-model/nvme.h - internals of the emulated NVMe controller, shared by
 * its files: ctrl.c (the object), regs.c (registers and handshakes),
 * queue.c (queues, doorbells, completions), latency.c, exec.c (the
 * execution core and worker tasks), inline.c (the inline mode), admin.c,
 * io.c (NVM command set), dma.c (PRP and SGL walking), ns.c (namespaces and
 * backends), event.c, fault.c, config.c.
 *
 * Spec numbering: NVMe Base Specification 2.0.  Spec structures come from
 * libnvme's <nvme/types.h>; what it lacks (the submission and completion
 * queue entries, SGL descriptors) is defined here with size assertions.
 */
#ifndef KSIM_NVME_INTERNAL_H
#define KSIM_NVME_INTERNAL_H

#include <endian.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <nvme/types.h>

#include "ksim/platform.h"
#include "nvme-model/ksim_nvme.h"
#include "sim/host.h"

/* ---- wire structures libnvme does not provide ---- */

/* Submission queue entry (Base 2.0, figure 88). */
struct nvme_sqe {
	uint8_t opc;
	uint8_t flags;			/* FUSE 1:0, PSDT 7:6 */
	uint16_t cid;
	uint32_t nsid;
	uint32_t cdw2, cdw3;
	uint64_t mptr;
	uint64_t dptr[2];		/* PRP1/PRP2, or one SGL descriptor */
	uint32_t cdw10, cdw11, cdw12, cdw13, cdw14, cdw15;
};
_Static_assert(sizeof(struct nvme_sqe) == 64, "SQE is 64 bytes");

/* Completion queue entry (Base 2.0, figure 89). */
struct nvme_cqe {
	uint32_t dw0;
	uint32_t dw1;
	uint16_t sqhd;
	uint16_t sqid;
	uint16_t cid;
	uint16_t status;		/* P 0, SC 8:1, SCT 11:9, CRD, M, DNR 15 */
};
_Static_assert(sizeof(struct nvme_cqe) == 16, "CQE is 16 bytes");

/* SGL descriptor (Base 2.0, 4.1.6). */
struct nvme_sgl_desc {
	uint64_t addr;
	uint32_t len;
	uint8_t rsvd[3];
	uint8_t type;			/* type 7:4, subtype 3:0 */
};
_Static_assert(sizeof(struct nvme_sgl_desc) == 16, "SGL descriptor is 16 bytes");

#define NVME_SGL_TYPE_DATA_BLOCK	0x0
#define NVME_SGL_TYPE_BIT_BUCKET	0x1
#define NVME_SGL_TYPE_SEGMENT		0x2
#define NVME_SGL_TYPE_LAST_SEGMENT	0x3

#define NVME_SQE_PSDT(flags)		(((flags) >> 6) & 3)
#define NVME_SQE_FUSE(flags)		((flags) & 3)

/*
 * Internal status: SCT << 8 | SC, plus NVME_ST_DNR.  Written to the CQE as
 * bits 15:1 with the phase tag in bit 0.
 */
#define NVME_ST(sct, sc)		((uint16_t)(((sct) << 8) | (sc)))
#define NVME_ST_DNR			0x8000
#define NVME_ST_GENERIC(sc)		NVME_ST(NVME_SCT_GENERIC, sc)
#define NVME_ST_CMD(sc)			NVME_ST(NVME_SCT_CMD_SPECIFIC, sc)
#define NVME_ST_MEDIA(sc)		NVME_ST(NVME_SCT_MEDIA, sc)
/* NVME_SC_INVALID_QUEUE (0x0c, command specific) is Invalid Queue Deletion. */

/* ---- events ---- */

#define NVME_EVENTS(X)							\
	X(nvme_enable) X(nvme_ready) X(nvme_disable) X(nvme_reset_done)	\
	X(nvme_shutdown) X(nvme_shutdown_done)				\
	X(nvme_admin_cmd) X(nvme_io_cmd) X(nvme_read) X(nvme_write)	\
	X(nvme_flush) X(nvme_write_zeroes) X(nvme_dsm) X(nvme_compare)	\
	X(nvme_create_sq) X(nvme_create_cq) X(nvme_delete_sq)		\
	X(nvme_delete_cq) X(nvme_irq) X(nvme_cq_full) X(nvme_aer_posted) \
	X(nvme_abort_hit) X(nvme_abort_miss) X(nvme_fault_injected) X(nvme_hostile)	\
	X(nvme_fatal) X(nvme_surprise_removal) X(nvme_keep_alive)	\
	X(nvme_keep_alive_expired)				\
	X(err_cmd) X(err_invalid_opcode) X(err_invalid_field)		\
	X(err_invalid_ns) X(err_lba_range) X(err_data_xfer)		\
	X(err_compare_failure) X(err_abort_req) X(err_abort_sq_deleted)	\
	X(err_invalid_prp_offset) X(err_sgl) X(err_queue)		\
	X(err_aer_limit) X(err_invalid_log_page) X(err_feature)		\
	X(err_internal) X(err_other)					\
	X(ub_mmio_size) X(ub_mmio_unknown_reg) X(ub_mmio_ro_write)	\
	X(ub_cc_invalid) X(ub_cc_write_while_enabled)			\
	X(ub_aq_write_while_enabled) X(ub_io_before_enable)		\
	X(ub_db_invalid_queue) X(ub_db_invalid_tail)			\
	X(ub_db_invalid_head) X(ub_cid_reuse) X(ub_prp_offset)		\
	X(ub_sgl_invalid) X(ub_dma_fault) X(ub_sqe_fetch_fault)		\
	X(ub_cqe_post_fault) X(ub_create_cq_invalid)			\
	X(ub_create_sq_invalid) X(ub_delete_queue_invalid)		\
	X(ub_set_nr_queues_late) X(ub_aer_limit) X(ub_invalid_opcode)	\
	X(ub_invalid_field) X(ub_invalid_ns) X(ub_lba_range)		\
	X(ub_mdts_exceeded)

enum nvme_event {
#define NVME_EV_ENUM(name) NVME_EV_##name,
	NVME_EVENTS(NVME_EV_ENUM)
#undef NVME_EV_ENUM
	NVME_EV_NR,
};

/* ---- a futex lock on the host's wait/wake ---- */

struct nvme_lock {
	uint32_t word;		/* 0 free, 1 locked, 2 locked with waiters */
};
void nvme_lock(struct nvme_lock *lock);
void nvme_unlock(struct nvme_lock *lock);

/* ---- namespaces ---- */

struct nvme_ns;
struct nvme_worker;

struct nvme_ns_ops {
	int (*read)(struct nvme_ns *ns, struct nvme_worker *w, void *buf,
		    uint64_t off, size_t len);
	int (*write)(struct nvme_ns *ns, struct nvme_worker *w, const void *buf,
		     uint64_t off, size_t len, bool fua);
	int (*zero)(struct nvme_ns *ns, struct nvme_worker *w, uint64_t off,
		    uint64_t len, bool deallocate);
	int (*flush)(struct nvme_ns *ns, struct nvme_worker *w);
	void (*destroy)(struct nvme_ns *ns);
	/*
	 * A read may land in host memory piece by piece (one call per PRP
	 * page or SGL block): true where that costs nothing extra (memory
	 * stores), false where each call is a system call (file).
	 */
	bool direct_read;
};

#define NVME_NR_LBAF	4	/* 512, 1024, 2048, 4096 */

struct nvme_ns {
	uint32_t nsid;
	uint64_t nlbas;
	unsigned int lba_shift;
	unsigned int flbas;		/* index of the current LBA format */
	enum ksim_nvme_backend backend;
	const struct nvme_ns_ops *ops;
	void *priv;			/* backend state */
	uint8_t eui64[8], nguid[16], uuid[16];
};

int nvme_ns_init(struct ksim_nvme_ctrl *ctrl, struct nvme_ns *ns, uint32_t nsid,
		 const struct ksim_nvme_ns_config *cfg);
void nvme_ns_fini(struct nvme_ns *ns);
/* Release what a worker set up for the backends (nothing today). */
void nvme_worker_fini(struct nvme_worker *w);
struct nvme_ns *nvme_ns_get(struct ksim_nvme_ctrl *ctrl, uint32_t nsid);

/* ---- commands in flight ---- */

struct nvme_req {
	struct nvme_req *next;		/* on a CQ's overflow list or the dropped list */
	struct nvme_sqe sqe;
	uint16_t sqid, cqid;
	uint16_t sqhd;			/* SQ head after this command was fetched */
	uint32_t gen;			/* controller generation (reset) at fetch */
	uint16_t status;		/* internal status, NVME_ST_* */
	uint32_t dw0;
	int64_t due_ns;			/* latency model: post no earlier */
	unsigned int lat_kind;
	bool deferred;			/* AER: completed later by an event */
	bool dropped;			/* fault: never complete */
	bool twice;			/* fault: complete twice */
	/* hostile.c's choices for this command. */
	bool hostile_cqe;		/* tamper with its completion entry */
	bool hostile_noirq;		/* post it without an interrupt */
	uint64_t hostile_late_ns;	/* hold its completion this long */
	/* For the error log: parameter error location, LBA, NSID. */
	uint16_t err_loc;
	uint64_t err_lba;
};

/* ---- queues ---- */

struct nvme_sq {
	uint16_t qid, cqid;
	uint32_t size;			/* entries */
	uint64_t base;			/* bus address */
	uint32_t head, tail;
	uint64_t *cids;			/* bitmap of outstanding command ids */
};

struct nvme_cq {
	uint16_t qid;
	uint32_t size;
	uint64_t base;
	uint32_t head, tail;		/* host's head, our tail */
	uint8_t phase;
	bool ien;
	uint16_t iv;
	unsigned int nr_sqs;
	/* Completions waiting for room (CQ full), oldest first. */
	struct nvme_req *ovf_head, *ovf_tail;
	/* Interrupt coalescing. */
	unsigned int unsignalled;
	int64_t coalesce_deadline;	/* 0: none pending */
};

/* ---- workers ---- */

#define NVME_MAX_VECTORS	(KSIM_NVME_MAX_QUEUES + 1)
/* Bitmaps over queue ids and vectors (0..KSIM_NVME_MAX_QUEUES). */
#define NVME_QMAP_WORDS		((KSIM_NVME_MAX_QUEUES + 64) / 64)

struct nvme_worker {
	struct ksim_nvme_ctrl *ctrl;
	struct ksim_host_task *task;
	unsigned int id;
	void *bounce;			/* 4 KiB << mdts */
	uint64_t raise[NVME_QMAP_WORDS];	/* vectors to raise after unlock */
	bool any_raise;
};

/*
 * Inline execution of one I/O SQ (inline.c): whoever holds @busy runs this
 * SQ's commands, with @w as its worker state; @kick is bumped by every
 * tail doorbell of the SQ, and by a task that found @busy taken and left
 * the work to the holder.  One per cache line: two CPUs run two SQs.
 */
struct nvme_sq_runner {
	uint32_t busy;
	uint32_t kick;
	struct nvme_worker w;
} __attribute__((aligned(64)));

/* ---- the controller ---- */

struct nvme_fault {
	char spec[96];
	int match;			/* NVME_FM_* */
	int opc;			/* match == NVME_FM_OPC / ADMIN_OPC */
	uint64_t nth, every;		/* 0: unused */
	double prob;
	uint64_t seen, fired, limit;	/* limit 0: unlimited */
	enum { NVME_FA_STATUS, NVME_FA_DROP, NVME_FA_DOUBLE, NVME_FA_FATAL } action;
	uint16_t status;
};

#define NVME_ERRLOG_ENTRIES	64
#define NVME_MAX_AER		4	/* AERL + 1 */

struct ksim_nvme_ctrl {
	char name[32];
	struct ksim_nvme_config cfg;
	struct ksim_pci_dev *pdev;
	struct nvme_lock lock;

	/* Registers. */
	uint64_t cap;
	uint32_t cc, csts, aqa, intms;
	uint64_t asq, acq;
	unsigned int page_shift;	/* from CC.MPS at enable */

	/* Enable/reset/shutdown state machine (deadlines in ns, 0: none). */
	int64_t ready_at, unready_at;
	bool shutdown_pending;
	uint32_t gen;			/* bumped by every reset */
	unsigned int executing;		/* I/O commands running outside the lock */
	bool removed, bus_master;

	/* Queues, indexed by qid; 0 is the admin pair. */
	struct nvme_sq *sq[KSIM_NVME_MAX_QUEUES + 1];
	struct nvme_cq *cq[KSIM_NVME_MAX_QUEUES + 1];
	unsigned int nr_io_sqs, nr_io_cqs;	/* granted by Set Features */
	bool nr_queues_set;
	unsigned int rr_next;		/* round-robin position */
	/*
	 * Which SQs hold entries not fetched yet (tail != head) and which
	 * CQs hold completions waiting for room or a coalescing deadline:
	 * fetching and the timers visit only those, not every possible queue
	 * id on every step.
	 */
	uint64_t sq_ready[NVME_QMAP_WORDS];
	uint64_t cq_busy[NVME_QMAP_WORDS];
	/* Commands freed, kept for the next fetch (lock held); a few at most. */
	struct nvme_req *req_cache;
	unsigned int nr_req_cache;

	/* Latency model: a min-heap of completions not yet due. */
	struct nvme_req **heap;
	unsigned int heap_len, heap_cap;
	struct nvme_req *dropped;	/* fault: consumed, never completed */

	/* Features. */
	uint32_t feat_arb, feat_coalesce, feat_aec, feat_vwc;
	uint16_t temp_over, temp_under, temperature;
	uint32_t kato_ms;		/* Keep Alive Timeout, 0: off */
	int64_t ka_deadline;		/* 0: timer not running */
	bool iv_cd[NVME_MAX_VECTORS];	/* coalescing disabled per vector */

	/* Asynchronous events. */
	struct nvme_req *aer[NVME_MAX_AER];
	unsigned int nr_aer;
	uint32_t aen_queue[8];		/* events waiting for an AER */
	unsigned int nr_aen;
	uint8_t aen_masked;		/* per event type, until its log is read */

	/* Logs. */
	struct nvme_error_log_page errlog[NVME_ERRLOG_ENTRIES];
	unsigned int errlog_next;
	uint64_t error_count;
	uint8_t crit_warning;
	uint64_t bytes_read, bytes_written, host_reads, host_writes;	/* atomics */

	/* Namespaces (nsid = index + 1). */
	struct nvme_ns ns[KSIM_NVME_MAX_NS];
	unsigned int nr_ns;

	/* Faults. */
	struct nvme_fault faults[KSIM_NVME_MAX_FAULTS];
	unsigned int nr_faults;

	/* Events. */
	unsigned long events[NVME_EV_NR];

	/* Execution (exec.c). */
	struct nvme_worker workers[KSIM_NVME_MAX_WORKERS];
	unsigned int nr_workers;
	uint32_t kick;			/* futex word: bumped on every doorbell */
	uint32_t sleepers;
	bool stopping;
	struct nvme_worker inline_w;	/* the state of whichever task runs it inline */
	uint32_t inline_busy;		/* a task is running the controller inline */
	/* Inline: per I/O SQ (qid >= 1), so two SQs run on two tasks at once. */
	struct nvme_sq_runner sq_run[KSIM_NVME_MAX_QUEUES + 1];
	int64_t timer_at;		/* inline: when the worker wakes for timers */
	uint32_t timer_word;		/* inline: futex word the worker sleeps on */

	/* Hostile mode (hostile.c): the owner's decisions. */
	struct ksim_nvme_hostile hostile;
	bool hostile_on;
};

/* BAR0 layout: registers, doorbells, the MSI-X table and PBA. */
#define NVME_BAR0_SIZE		0x4000
#define NVME_DB_BASE		0x1000
#define NVME_MSIX_TABLE		0x2000
#define NVME_MSIX_PBA		0x3000

/*
 * Bus Master Enable: without it a PCI function cannot start a DMA (a real
 * one's requests are blocked at the bridge), so the model fetches, moves
 * data and posts nothing until the driver sets it again.
 */
static inline bool nvme_can_master(const struct ksim_nvme_ctrl *ctrl)
{
	return __atomic_load_n(&ctrl->bus_master, __ATOMIC_RELAXED);
}

static inline int64_t nvme_now(void)
{
	return ksim_host->now_ns();
}

/* ---- regs.c ---- */
extern const struct ksim_pci_model_ops nvme_pci_ops;
uint64_t nvme_build_cap(const struct ksim_nvme_config *cfg);
/* Move CSTS.RDY as the enable/reset deadlines pass; lock held. */
void nvme_update_state(struct ksim_nvme_ctrl *ctrl, int64_t now);

/* ---- exec.c ---- */
/*
 * Run steps (commands of SQ @qid, or of any SQ with @qid < 0) until there is
 * no command to fetch; returns the next deadline.  Lock not held.
 */
int64_t nvme_run_until_idle(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w, int qid);
int nvme_exec_start(struct ksim_nvme_ctrl *ctrl);
void nvme_exec_stop(struct ksim_nvme_ctrl *ctrl);

/* ---- inline.c ---- */
/* The inline mode's worker task body: the timers, until the controller stops. */
void nvme_inline_worker(struct nvme_worker *w);
/* Something changed (a doorbell, an event): let the controller look at it. */
void nvme_kick(struct ksim_nvme_ctrl *ctrl);
/* SQ @qid's tail doorbell moved (lock held). */
void nvme_kick_sq(struct ksim_nvme_ctrl *ctrl, unsigned int qid);
/*
 * Around an MMIO write (regs.c): _begin before taking the lock, _end after
 * dropping it; in the inline mode _end runs the controller on this task if
 * the write gave it work (a doorbell).
 */
struct nvme_mmio_ctx {
	const struct ksim_nvme_ctrl *outer;
	uint32_t kick;
	unsigned int sq;		/* an I/O SQ tail doorbell: its qid, else 0 */
	uint32_t sq_kick;
};
void nvme_exec_mmio_begin(struct ksim_nvme_ctrl *ctrl, struct nvme_mmio_ctx *ctx,
			  uint64_t off);
void nvme_exec_mmio_end(struct ksim_nvme_ctrl *ctrl, struct nvme_mmio_ctx *ctx);

/* ---- latency.c (lock held) ---- */
/* File @req until its due time; false if the heap cannot grow (post it now). */
bool nvme_heap_push(struct ksim_nvme_ctrl *ctrl, struct nvme_req *req);
void nvme_heap_remove(struct ksim_nvme_ctrl *ctrl, unsigned int i);
/* A service time drawn for a command of @kind (KSIM_NVME_LAT_*), in ns. */
uint64_t nvme_latency(struct ksim_nvme_ctrl *ctrl, unsigned int kind);

/* ---- queue.c (lock held) ---- */
void nvme_doorbell(struct ksim_nvme_ctrl *ctrl, uint64_t off, uint64_t value);
/* The next command, round robin over the SQs, or NULL. */
struct nvme_req *nvme_fetch(struct ksim_nvme_ctrl *ctrl);
/* The next command of SQ @qid only, or NULL. */
struct nvme_req *nvme_fetch_sq(struct ksim_nvme_ctrl *ctrl, unsigned int qid);
bool nvme_can_fetch(struct ksim_nvme_ctrl *ctrl);
bool nvme_sq_pending(struct ksim_nvme_ctrl *ctrl);
bool nvme_cq_full(const struct nvme_cq *cq);
/* Write @req's completion entry into @cq (room checked by the caller). */
void nvme_post(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
	       struct nvme_cq *cq, struct nvme_req *req);
/* Ask for vector @iv to be raised once @w drops the lock. */
void nvme_want_irq(struct nvme_worker *w, uint16_t iv);
/* Post @req's completion (lock held); frees @req unless it must live on. */
void nvme_complete(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
		   struct nvme_req *req);
void nvme_reset_queues(struct ksim_nvme_ctrl *ctrl);
/* A command is done with (lock held): kept for the next fetch or freed. */
void nvme_req_free(struct ksim_nvme_ctrl *ctrl, struct nvme_req *req);
/* Free the commands kept for reuse (controller teardown). */
void nvme_req_cache_drain(struct ksim_nvme_ctrl *ctrl);

/* The first set bit of @map at or after @from, wrapping around; -1 if none. */
static inline int nvme_qmap_next(const uint64_t *map, unsigned int from)
{
	unsigned int w0 = (from / 64) % NVME_QMAP_WORDS;
	uint64_t above = ~0ULL << (from % 64), m = map[w0] & above;

	if (m)
		return (int)(w0 * 64 + __builtin_ctzll(m));
	for (unsigned int k = 1; k < NVME_QMAP_WORDS; k++) {
		unsigned int w = (w0 + k) % NVME_QMAP_WORDS;

		if (map[w])
			return (int)(w * 64 + __builtin_ctzll(map[w]));
	}
	m = map[w0] & ~above;
	return m ? (int)(w0 * 64 + __builtin_ctzll(m)) : -1;
}

static inline void nvme_qmap_set(uint64_t *map, unsigned int bit)
{
	map[bit / 64] |= 1ULL << (bit % 64);
}

static inline void nvme_qmap_clear(uint64_t *map, unsigned int bit)
{
	map[bit / 64] &= ~(1ULL << (bit % 64));
}
struct nvme_sq *nvme_sq_create(struct ksim_nvme_ctrl *ctrl, uint16_t qid,
			       uint16_t cqid, uint32_t size, uint64_t base);
struct nvme_cq *nvme_cq_create(struct ksim_nvme_ctrl *ctrl, uint16_t qid,
			       uint32_t size, uint64_t base, bool ien, uint16_t iv);
void nvme_free_sq(struct ksim_nvme_ctrl *ctrl, uint16_t qid, bool abort_cmds,
		  struct nvme_worker *w);
void nvme_free_cq(struct ksim_nvme_ctrl *ctrl, uint16_t qid);

/* ---- admin.c (lock held) ---- */
/* Keep Alive granularity (Identify KAS, 100 ms units): KATO is rounded up to it. */
#define NVME_KAS_MS	100
void nvme_keep_alive_restart(struct ksim_nvme_ctrl *ctrl);
void nvme_admin_exec(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
		     struct nvme_req *req);
/* Queue an asynchronous event (type, info, log page); lock held. */
void nvme_aen(struct ksim_nvme_ctrl *ctrl, uint8_t type, uint8_t info, uint8_t lid);
/* Re-evaluate the temperature thresholds (SMART warning, event); lock held. */
void nvme_check_temperature(struct ksim_nvme_ctrl *ctrl);
void nvme_error_log_add(struct ksim_nvme_ctrl *ctrl, uint16_t sqid, uint16_t cid,
			uint16_t status, uint16_t loc, uint64_t lba, uint32_t nsid);

/* ---- io.c (lock not held) ---- */
void nvme_io_exec(struct ksim_nvme_ctrl *ctrl, struct nvme_worker *w,
		  struct nvme_req *req);

/* ---- dma.c ---- */
/*
 * Move @len bytes between @buf and the data pointer of @sqe (PRP or SGL,
 * per PSDT).  @to_host: the device writes memory.  Returns an NVMe status.
 */
uint16_t nvme_dma_data(struct ksim_nvme_ctrl *ctrl, const struct nvme_sqe *sqe,
		       void *buf, size_t len, bool to_host, bool allow_sgl);
/* A Read's data from @ns at @off straight to the host (ops->direct_read). */
uint16_t nvme_dma_read_ns(struct ksim_nvme_ctrl *ctrl, const struct nvme_sqe *sqe,
			  struct nvme_ns *ns, struct nvme_worker *w, uint64_t off, size_t len);

/* ---- event.c ---- */
void nvme_event(struct ksim_nvme_ctrl *ctrl, enum nvme_event ev);
/* A ub_ or err_ event with a log line (rate limited per event). */
void nvme_eventf(struct ksim_nvme_ctrl *ctrl, enum nvme_event ev,
		 const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void nvme_log(struct ksim_nvme_ctrl *ctrl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The err_ event for a failed status. */
void nvme_status_event(struct ksim_nvme_ctrl *ctrl, uint16_t status);

/* ---- fault.c ---- */
int nvme_fault_parse(struct nvme_fault *f, const char *spec, char *err, size_t errlen);
/* Lock held: apply a matching rule to @req (sets status/dropped/twice). */
void nvme_fault_check(struct ksim_nvme_ctrl *ctrl, struct nvme_req *req, bool admin);
void nvme_fatal(struct ksim_nvme_ctrl *ctrl, const char *why);

/* ---- hostile.c (lock held; no-ops unless hostile mode is on) ---- */
uint64_t nvme_hostile_reg(struct ksim_nvme_ctrl *ctrl, uint64_t off, uint64_t v,
			  unsigned int size);
void nvme_hostile_identify(struct ksim_nvme_ctrl *ctrl, uint8_t cns, uint8_t *buf, size_t len);
void nvme_hostile_data(struct ksim_nvme_ctrl *ctrl, uint8_t *buf, size_t len);
void nvme_hostile_command(struct ksim_nvme_ctrl *ctrl, struct nvme_req *req);
void nvme_hostile_cqe(struct ksim_nvme_ctrl *ctrl, struct nvme_req *req, struct nvme_cqe *cqe,
		      uint8_t *phase);

/* ---- config.c ---- */
int nvme_parse_size(const char *s, uint64_t *out);
int nvme_parse_latency(const char *s, struct ksim_nvme_latency *lat);

static inline uint32_t nvme_nlb(const struct nvme_sqe *sqe)
{
	return (le32toh(sqe->cdw12) & 0xffff) + 1;
}

static inline uint64_t nvme_slba(const struct nvme_sqe *sqe)
{
	return (uint64_t)le32toh(sqe->cdw11) << 32 | le32toh(sqe->cdw10);
}

#endif /* KSIM_NVME_INTERNAL_H */
