// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-model/event.c - the model's named event counters (normal nvme_*,
 * device-reported err_*, driver misbehaviour ub_*), its log lines, and the
 * small futex lock the model uses for its own state.
 */
#include <stdarg.h>
#include <stdio.h>

#include "nvme-model/nvme.h"

/* Lines logged per ub_/err_ event before the rest are only counted. */
#define NVME_EVENT_LOG_LIMIT	5

static const char *const nvme_event_names[NVME_EV_NR] = {
#define NVME_EV_NAME(name) [NVME_EV_##name] = #name,
	NVME_EVENTS(NVME_EV_NAME)
#undef NVME_EV_NAME
};

/*
 * Spins before sleeping: with an SQ runner per task, two CPUs take the lock
 * for the short shared parts of every command, and a sleep/wake pair costs
 * tens of microseconds on a 2-CPU machine (as in kapi-shim's ksim_lock).
 */
#define NVME_LOCK_SPINS	100

void nvme_lock(struct nvme_lock *lock)
{
	uint32_t c = 0;

	for (int i = 0; i < NVME_LOCK_SPINS; i++) {
		c = 0;
		if (__atomic_compare_exchange_n(&lock->word, &c, 1, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return;
		if (c == 2)
			break;		/* sleepers already: queue behind them */
		__builtin_ia32_pause();
	}
	if (c != 2)
		c = __atomic_exchange_n(&lock->word, 2, __ATOMIC_ACQUIRE);
	while (c != 0) {
		ksim_host->wait(&lock->word, 2, KSIM_HOST_FOREVER);
		c = __atomic_exchange_n(&lock->word, 2, __ATOMIC_ACQUIRE);
	}
}

void nvme_unlock(struct nvme_lock *lock)
{
	if (__atomic_exchange_n(&lock->word, 0, __ATOMIC_RELEASE) == 2)
		ksim_host->wake(&lock->word, 1);
}

static void nvme_vlog(struct ksim_nvme_ctrl *ctrl, const char *fmt, va_list ap)
{
	char buf[256];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	/*
	 * Into the kernel log, so a device's complaints appear between the
	 * driver's own messages (and ksim_dmesg_contains() sees them).
	 * KERN_WARNING: a device speaking up is worth seeing.
	 */
	ksim_platform_log(4, "%s: %s\n", ctrl->name, buf);
}

void nvme_log(struct ksim_nvme_ctrl *ctrl, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	nvme_vlog(ctrl, fmt, ap);
	va_end(ap);
}

void nvme_event(struct ksim_nvme_ctrl *ctrl, enum nvme_event ev)
{
	__atomic_fetch_add(&ctrl->events[ev], 1, __ATOMIC_RELAXED);
}

void nvme_eventf(struct ksim_nvme_ctrl *ctrl, enum nvme_event ev, const char *fmt, ...)
{
	unsigned long n = __atomic_add_fetch(&ctrl->events[ev], 1, __ATOMIC_RELAXED);
	char buf[200];
	va_list ap;

	if (n > NVME_EVENT_LOG_LIMIT)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	nvme_log(ctrl, "%s: %s%s", nvme_event_names[ev], buf,
		 n == NVME_EVENT_LOG_LIMIT ? " (further ones only counted)" : "");
}

void nvme_status_event(struct ksim_nvme_ctrl *ctrl, uint16_t status)
{
	uint16_t st = status & ~NVME_ST_DNR;
	enum nvme_event ev;

	nvme_event(ctrl, NVME_EV_err_cmd);
	switch (st) {
	case NVME_ST_GENERIC(NVME_SC_INVALID_OPCODE): ev = NVME_EV_err_invalid_opcode; break;
	case NVME_ST_GENERIC(NVME_SC_INVALID_FIELD): ev = NVME_EV_err_invalid_field; break;
	case NVME_ST_GENERIC(NVME_SC_INVALID_NS): ev = NVME_EV_err_invalid_ns; break;
	case NVME_ST_GENERIC(NVME_SC_LBA_RANGE): ev = NVME_EV_err_lba_range; break;
	case NVME_ST_GENERIC(NVME_SC_DATA_XFER_ERROR): ev = NVME_EV_err_data_xfer; break;
	case NVME_ST_GENERIC(NVME_SC_ABORT_REQ): ev = NVME_EV_err_abort_req; break;
	case NVME_ST_GENERIC(NVME_SC_ABORT_QUEUE): ev = NVME_EV_err_abort_sq_deleted; break;
	case NVME_ST_GENERIC(NVME_SC_PRP_INVALID_OFFSET): ev = NVME_EV_err_invalid_prp_offset; break;
	case NVME_ST_GENERIC(NVME_SC_INTERNAL): ev = NVME_EV_err_internal; break;
	case NVME_ST_MEDIA(NVME_SC_COMPARE_FAILED): ev = NVME_EV_err_compare_failure; break;
	case NVME_ST_CMD(NVME_SC_ASYNC_LIMIT): ev = NVME_EV_err_aer_limit; break;
	case NVME_ST_CMD(NVME_SC_INVALID_LOG_PAGE): ev = NVME_EV_err_invalid_log_page; break;
	case NVME_ST_CMD(NVME_SC_CQ_INVALID):
	case NVME_ST_CMD(NVME_SC_QID_INVALID):
	case NVME_ST_CMD(NVME_SC_QUEUE_SIZE):
	case NVME_ST_CMD(NVME_SC_INVALID_VECTOR):
	case NVME_ST_CMD(NVME_SC_INVALID_QUEUE): ev = NVME_EV_err_queue; break;
	case NVME_ST_CMD(NVME_SC_FEATURE_NOT_CHANGEABLE):
	case NVME_ST_CMD(NVME_SC_FEATURE_NOT_SAVEABLE): ev = NVME_EV_err_feature; break;
	default:
		if ((st >> 8) == NVME_SCT_GENERIC &&
		    (st & 0xff) >= NVME_SC_SGL_INVALID_LAST &&
		    (st & 0xff) <= NVME_SC_SGL_INVALID_TYPE)
			ev = NVME_EV_err_sgl;
		else
			ev = NVME_EV_err_other;
	}
	nvme_event(ctrl, ev);
}

unsigned long ksim_nvme_event_count(struct ksim_nvme_ctrl *ctrl, const char *name)
{
	for (int i = 0; i < NVME_EV_NR; i++)
		if (!strcmp(nvme_event_names[i], name))
			return __atomic_load_n(&ctrl->events[i], __ATOMIC_RELAXED);
	return 0;
}

const char *ksim_nvme_event_name(unsigned int index)
{
	return index < NVME_EV_NR ? nvme_event_names[index] : NULL;
}

unsigned long ksim_nvme_ub_total(struct ksim_nvme_ctrl *ctrl)
{
	unsigned long sum = 0;

	for (int i = 0; i < NVME_EV_NR; i++)
		if (!strncmp(nvme_event_names[i], "ub_", 3))
			sum += __atomic_load_n(&ctrl->events[i], __ATOMIC_RELAXED);
	return sum;
}

void ksim_nvme_dump_events(struct ksim_nvme_ctrl *ctrl)
{
	for (int i = 0; i < NVME_EV_NR; i++) {
		unsigned long n = __atomic_load_n(&ctrl->events[i], __ATOMIC_RELAXED);

		if (n)
			nvme_log(ctrl, "event %s: %lu", nvme_event_names[i], n);
	}
}
