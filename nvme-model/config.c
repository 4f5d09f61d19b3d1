// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-model/config.c - the controller's configuration: defaults and the
 * key = value setter that sim/ feeds from the [nvme0] sections of a ksim
 * config file.  The keys are documented in nvme-model/README.md.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "nvme-model/nvme.h"

void ksim_nvme_config_init(struct ksim_nvme_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->vendor = 0x1b36;		/* Red Hat, Inc. (QEMU's devices) */
	cfg->device = 0x0010;		/* QEMU NVM Express Controller */
	cfg->queues = 4;
	cfg->mqes = 1023;
	cfg->mdts = 5;			/* 128 KiB */
	strcpy(cfg->serial, "KSIM0001");
	strcpy(cfg->model, "ksim NVMe controller");
	strcpy(cfg->firmware, "1.0");
	cfg->vwc = true;
	cfg->sgl = true;
	cfg->workers = 1;
	cfg->spin_us = 20;
	cfg->ready_delay_ms = 0;
	cfg->nr_ns = 1;
	for (int i = 0; i < KSIM_NVME_MAX_NS; i++) {
		cfg->ns[i].size = 64ULL << 20;
		cfg->ns[i].lba_size = 512;
		cfg->ns[i].backend = KSIM_NVME_BACKEND_RAM;
	}
}

int nvme_parse_size(const char *s, uint64_t *out)
{
	static const char units[] = "KMGT";
	char *end;
	uint64_t v;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno)
		return -EINVAL;
	if (*end) {
		const char *u = strchr(units, *end & ~0x20);

		if (!u || !*u)
			return -EINVAL;
		end++;
		if (*end == 'i' && end[1] == 'B')
			end += 2;
		else if (*end == 'B')
			end++;
		if (*end)
			return -EINVAL;
		for (int shift = (int)(u - units + 1) * 10; shift; shift -= 10) {
			if (v > (UINT64_MAX >> 10))
				return -EINVAL;
			v <<= 10;
		}
	}
	*out = v;
	return 0;
}

static int nvme_parse_duration(const char *s, size_t len, uint64_t *out)
{
	static const struct { const char *u; uint64_t mul; } units[] = {
		{ "ns", 1 }, { "us", 1000 }, { "ms", 1000000 }, { "s", 1000000000 },
	};
	char buf[32], *end;
	double v;

	if (!len || len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, len);
	buf[len] = 0;
	v = strtod(buf, &end);
	if (end == buf || v < 0)
		return -EINVAL;
	if (!*end) {
		if (v != 0)
			return -EINVAL;		/* a bare number must be 0 */
		*out = 0;
		return 0;
	}
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (!strcmp(end, units[i].u)) {
			double ns = v * (double)units[i].mul;

			/* "infs", "nans", "1e30s": no uint64_t holds them (the cast is UB). */
			if (!isfinite(ns) || ns >= 0x1p64)
				return -EINVAL;
			*out = (uint64_t)ns;
			return 0;
		}
	}
	return -EINVAL;
}

/* @lat changes only when the whole value is good ("50us-5us" leaves it be). */
int nvme_parse_latency(const char *s, struct ksim_nvme_latency *lat)
{
	const char *dash = strchr(s, '-');
	struct ksim_nvme_latency l;

	if (!dash) {
		if (nvme_parse_duration(s, strlen(s), &l.min_ns))
			return -EINVAL;
		l.max_ns = l.min_ns;
	} else if (nvme_parse_duration(s, dash - s, &l.min_ns) ||
		   nvme_parse_duration(dash + 1, strlen(dash + 1), &l.max_ns) ||
		   l.max_ns < l.min_ns) {
		return -EINVAL;
	}
	*lat = l;
	return 0;
}

static int nvme_parse_bool(const char *s, bool *out)
{
	if (!strcasecmp(s, "on") || !strcasecmp(s, "yes") || !strcasecmp(s, "true") ||
	    !strcmp(s, "1"))
		*out = true;
	else if (!strcasecmp(s, "off") || !strcasecmp(s, "no") || !strcasecmp(s, "false") ||
		 !strcmp(s, "0"))
		*out = false;
	else
		return -EINVAL;
	return 0;
}

static int nvme_parse_uint(const char *s, unsigned int min, unsigned int max,
			   unsigned int *out)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || *end || v < min || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

static int nvme_set_string(char *dst, size_t size, const char *value)
{
	if (strlen(value) >= size)
		return -EINVAL;
	strcpy(dst, value);
	return 0;
}

static int nvme_config_ns(struct ksim_nvme_config *cfg, const char *key, const char *value)
{
	struct ksim_nvme_ns_config *ns;
	unsigned int idx;
	char *dot;
	unsigned long n;
	unsigned int v;

	n = strtoul(key + 2, &dot, 10);
	if (dot == key + 2 || *dot != '.' || n < 1 || n > KSIM_NVME_MAX_NS)
		return -ENOENT;
	idx = n - 1;
	ns = &cfg->ns[idx];
	key = dot + 1;
	if (!strcmp(key, "size")) {
		uint64_t size;

		if (nvme_parse_size(value, &size) || !size)
			return -EINVAL;
		ns->size = size;
	} else if (!strcmp(key, "lba_size")) {
		if (nvme_parse_uint(value, 512, 4096, &v) || (v & (v - 1)))
			return -EINVAL;
		ns->lba_size = v;
	} else if (!strcmp(key, "backend")) {
		if (!strcmp(value, "ram"))
			ns->backend = KSIM_NVME_BACKEND_RAM;
		else if (!strcmp(value, "file"))
			ns->backend = KSIM_NVME_BACKEND_FILE;
		else if (!strcmp(value, "null"))
			ns->backend = KSIM_NVME_BACKEND_NULL;
		else
			return -EINVAL;
	} else if (!strcmp(key, "path")) {
		if (nvme_set_string(ns->path, sizeof(ns->path), value))
			return -EINVAL;
	} else {
		return -ENOENT;
	}
	/* Naming namespace N brings namespaces 1..N into being. */
	if (cfg->nr_ns < n)
		cfg->nr_ns = n;
	return 0;
}

static int nvme_config_key(struct ksim_nvme_config *cfg, const char *key, const char *value)
{
	static const char *const lat_names[KSIM_NVME_LAT_NR] = {
		"read", "write", "flush", "admin", "other",
	};
	unsigned int v;

	if (!strcmp(key, "queues"))
		return nvme_parse_uint(value, 1, KSIM_NVME_MAX_QUEUES, &cfg->queues);
	if (!strcmp(key, "mqes"))
		return nvme_parse_uint(value, 1, 0xffff, &cfg->mqes);
	if (!strcmp(key, "mdts"))
		return nvme_parse_uint(value, 1, 9, &cfg->mdts);
	if (!strcmp(key, "exec")) {
		if (strcmp(value, "inline") && strcmp(value, "worker"))
			return -EINVAL;
		cfg->exec_worker = !strcmp(value, "worker");
		return 0;
	}
	if (!strcmp(key, "workers"))
		return nvme_parse_uint(value, 1, KSIM_NVME_MAX_WORKERS, &cfg->workers);
	if (!strcmp(key, "spin_us"))
		return nvme_parse_uint(value, 0, 1000000, &cfg->spin_us);
	if (!strcmp(key, "ready_delay_ms"))
		return nvme_parse_uint(value, 0, 60000, &cfg->ready_delay_ms);
	if (!strcmp(key, "namespaces"))
		return nvme_parse_uint(value, 0, KSIM_NVME_MAX_NS, &cfg->nr_ns);
	if (!strcmp(key, "vendor") || !strcmp(key, "device")) {
		if (nvme_parse_uint(value, 0, 0xffff, &v))
			return -EINVAL;
		*(key[0] == 'v' ? &cfg->vendor : &cfg->device) = v;
		return 0;
	}
	if (!strcmp(key, "serial"))
		return nvme_set_string(cfg->serial, sizeof(cfg->serial), value);
	if (!strcmp(key, "model"))
		return nvme_set_string(cfg->model, sizeof(cfg->model), value);
	if (!strcmp(key, "firmware"))
		return nvme_set_string(cfg->firmware, sizeof(cfg->firmware), value);
	if (!strcmp(key, "vwc"))
		return nvme_parse_bool(value, &cfg->vwc);
	if (!strcmp(key, "sgl"))
		return nvme_parse_bool(value, &cfg->sgl);
	if (!strncmp(key, "ns", 2) && key[2] >= '0' && key[2] <= '9')
		return nvme_config_ns(cfg, key, value);
	if (!strncmp(key, "latency.", 8)) {
		for (int i = 0; i < KSIM_NVME_LAT_NR; i++)
			if (!strcmp(key + 8, lat_names[i]))
				return nvme_parse_latency(value, &cfg->latency[i]);
		return -ENOENT;
	}
	if (!strcmp(key, "fault") || !strncmp(key, "fault.", 6)) {
		struct nvme_fault f;
		char err[8];

		if (cfg->nr_faults == KSIM_NVME_MAX_FAULTS ||
		    nvme_fault_parse(&f, value, err, sizeof(err)))
			return -EINVAL;
		strcpy(cfg->faults[cfg->nr_faults++], value);
		return 0;
	}
	return -ENOENT;
}

int ksim_nvme_config_set(struct ksim_nvme_config *cfg, const char *key, const char *value,
			 char *err, size_t errlen)
{
	int ret = nvme_config_key(cfg, key, value);

	if (ret && err && errlen) {
		if (ret == -ENOENT) {
			snprintf(err, errlen, "nvme: unknown key \"%s\"", key);
		} else if (!strcmp(key, "fault") || !strncmp(key, "fault.", 6)) {
			struct nvme_fault f;
			char why[128] = "fault rule table full";

			if (cfg->nr_faults < KSIM_NVME_MAX_FAULTS)
				nvme_fault_parse(&f, value, why, sizeof(why));
			snprintf(err, errlen, "nvme: %s = \"%s\": %s", key, value, why);
		} else {
			snprintf(err, errlen, "nvme: bad value \"%s\" for key \"%s\"", value, key);
		}
	}
	return ret;
}
