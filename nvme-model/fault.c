// SPDX-License-Identifier: GPL-2.0
/*
 * nvme-model/fault.c - device-side fault injection.  A rule is one string:
 *
 *	<match>:<trigger>...:<action>
 *
 *	match:   read | write | flush | compare | write_zeroes | dsm | io |
 *		 admin | any | opc=0xNN (I/O opcode) | admin_opc=0xNN
 *	trigger: nth=N (the Nth matching command, once) | every=N |
 *		 prob=F (0..1, from the seeded generator) | count=N (fire at
 *		 most N times); none: every matching command
 *	action:  sc=0xSCT_SC [dnr] (complete with that status, e.g. 0x281 is
 *		 Unrecovered Read Error) | drop (never complete) |
 *		 double (complete twice) | fatal (CSTS.CFS=1)
 *
 * e.g. "read:nth=100:sc=0x281:dnr".  Every firing is logged and counted.
 */
#include <stdio.h>
#include <stdlib.h>

#include "nvme-model/nvme.h"

enum {
	NVME_FM_ANY, NVME_FM_IO, NVME_FM_ADMIN, NVME_FM_OPC, NVME_FM_ADMIN_OPC,
};

static const struct { const char *name; int opc; } nvme_fault_ops[] = {
	{ "read", nvme_cmd_read }, { "write", nvme_cmd_write },
	{ "flush", nvme_cmd_flush }, { "compare", nvme_cmd_compare },
	{ "write_zeroes", nvme_cmd_write_zeroes }, { "dsm", nvme_cmd_dsm },
};

static int nvme_fault_num(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 0);
	return (errno || end == s || *end) ? -EINVAL : 0;
}

static int nvme_fault_match(struct nvme_fault *f, const char *tok)
{
	uint64_t v;

	if (!strcmp(tok, "any")) {
		f->match = NVME_FM_ANY;
		return 0;
	}
	if (!strcmp(tok, "io")) {
		f->match = NVME_FM_IO;
		return 0;
	}
	if (!strcmp(tok, "admin")) {
		f->match = NVME_FM_ADMIN;
		return 0;
	}
	for (size_t i = 0; i < sizeof(nvme_fault_ops) / sizeof(nvme_fault_ops[0]); i++) {
		if (!strcmp(tok, nvme_fault_ops[i].name)) {
			f->match = NVME_FM_OPC;
			f->opc = nvme_fault_ops[i].opc;
			return 0;
		}
	}
	if (!strncmp(tok, "opc=", 4) && !nvme_fault_num(tok + 4, &v) && v <= 0xff) {
		f->match = NVME_FM_OPC;
		f->opc = v;
		return 0;
	}
	if (!strncmp(tok, "admin_opc=", 10) && !nvme_fault_num(tok + 10, &v) && v <= 0xff) {
		f->match = NVME_FM_ADMIN_OPC;
		f->opc = v;
		return 0;
	}
	return -EINVAL;
}

static int nvme_fault_token(struct nvme_fault *f, const char *tok, int *actions)
{
	uint64_t v;

	if (!strncmp(tok, "nth=", 4))
		return (nvme_fault_num(tok + 4, &f->nth) || !f->nth) ? -EINVAL : 0;
	if (!strncmp(tok, "every=", 6))
		return (nvme_fault_num(tok + 6, &f->every) || !f->every) ? -EINVAL : 0;
	if (!strncmp(tok, "count=", 6))
		return (nvme_fault_num(tok + 6, &f->limit) || !f->limit) ? -EINVAL : 0;
	if (!strncmp(tok, "prob=", 5)) {
		char *end;

		f->prob = strtod(tok + 5, &end);
		return (*end || end == tok + 5 || f->prob <= 0 || f->prob > 1) ? -EINVAL : 0;
	}
	if (!strncmp(tok, "sc=", 3)) {
		if (nvme_fault_num(tok + 3, &v) || !v || v > 0x7ff)
			return -EINVAL;
		f->action = NVME_FA_STATUS;
		f->status |= (uint16_t)v;
		++*actions;
		return 0;
	}
	if (!strcmp(tok, "dnr")) {
		f->status |= NVME_ST_DNR;
		return 0;
	}
	if (!strcmp(tok, "drop"))
		f->action = NVME_FA_DROP;
	else if (!strcmp(tok, "double"))
		f->action = NVME_FA_DOUBLE;
	else if (!strcmp(tok, "fatal"))
		f->action = NVME_FA_FATAL;
	else
		return -EINVAL;
	++*actions;
	return 0;
}

int nvme_fault_parse(struct nvme_fault *f, const char *spec, char *err, size_t errlen)
{
	char buf[sizeof(f->spec)], *save = NULL, *tok;
	int actions = 0, ret;

	memset(f, 0, sizeof(*f));
	if (strlen(spec) >= sizeof(buf)) {
		snprintf(err, errlen, "fault \"%.40s...\": too long", spec);
		return -EINVAL;
	}
	strcpy(f->spec, spec);
	strcpy(buf, spec);
	tok = strtok_r(buf, ":", &save);
	if (!tok || nvme_fault_match(f, tok)) {
		snprintf(err, errlen, "fault \"%s\": unknown command match \"%s\"", spec,
			 tok ? tok : "");
		return -EINVAL;
	}
	while ((tok = strtok_r(NULL, ":", &save))) {
		ret = nvme_fault_token(f, tok, &actions);
		if (ret) {
			snprintf(err, errlen, "fault \"%s\": bad field \"%s\"", spec, tok);
			return ret;
		}
	}
	if (actions != 1 || ((f->status & NVME_ST_DNR) && f->action != NVME_FA_STATUS)) {
		snprintf(err, errlen, "fault \"%s\": needs exactly one of sc=, drop, double, fatal",
			 spec);
		return -EINVAL;
	}
	if (f->nth && !f->limit)
		f->limit = 1;
	return 0;
}

static bool nvme_fault_matches(const struct nvme_fault *f, const struct nvme_req *req,
			       bool admin)
{
	switch (f->match) {
	case NVME_FM_ANY: return true;
	case NVME_FM_IO: return !admin;
	case NVME_FM_ADMIN: return admin;
	case NVME_FM_OPC: return !admin && req->sqe.opc == f->opc;
	default: return admin && req->sqe.opc == f->opc;
	}
}

void nvme_fatal(struct ksim_nvme_ctrl *ctrl, const char *why)
{
	ctrl->csts |= 1 << NVME_CSTS_CFS_SHIFT;
	nvme_event(ctrl, NVME_EV_nvme_fatal);
	nvme_log(ctrl, "controller fatal status: %s", why);
}

void nvme_fault_check(struct ksim_nvme_ctrl *ctrl, struct nvme_req *req, bool admin)
{
	for (unsigned int i = 0; i < ctrl->nr_faults; i++) {
		struct nvme_fault *f = &ctrl->faults[i];
		bool fire;

		if (!nvme_fault_matches(f, req, admin))
			continue;
		f->seen++;
		if (f->limit && f->fired >= f->limit)
			continue;
		if (f->nth)
			fire = f->seen == f->nth;
		else if (f->every)
			fire = f->seen % f->every == 0;
		else if (f->prob > 0)
			fire = (double)(ksim_host->random_u64() >> 11) * 0x1.0p-53 < f->prob;
		else
			fire = true;
		if (!fire)
			continue;
		f->fired++;
		nvme_event(ctrl, NVME_EV_nvme_fault_injected);
		nvme_log(ctrl, "fault injected: %s (SQ %u, command id %u, opcode 0x%02x)",
			 f->spec, req->sqid, le16toh(req->sqe.cid), req->sqe.opc);
		switch (f->action) {
		case NVME_FA_STATUS:
			req->status = f->status;
			break;
		case NVME_FA_DROP:
			req->dropped = true;
			break;
		case NVME_FA_DOUBLE:
			req->twice = true;
			break;
		case NVME_FA_FATAL:
			nvme_fatal(ctrl, "injected");
			req->dropped = true;
			break;
		}
		return;
	}
}

int ksim_nvme_inject(struct ksim_nvme_ctrl *ctrl, const char *spec, char *err, size_t errlen)
{
	struct nvme_fault f;
	char dummy[8];
	int ret;

	if (!err) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	ret = nvme_fault_parse(&f, spec, err, errlen);
	if (ret)
		return ret;
	nvme_lock(&ctrl->lock);
	if (ctrl->nr_faults == KSIM_NVME_MAX_FAULTS) {
		nvme_unlock(&ctrl->lock);
		snprintf(err, errlen, "fault \"%s\": rule table full", spec);
		return -ENOSPC;
	}
	ctrl->faults[ctrl->nr_faults++] = f;
	nvme_unlock(&ctrl->lock);
	return 0;
}

void ksim_nvme_inject_fatal(struct ksim_nvme_ctrl *ctrl)
{
	nvme_lock(&ctrl->lock);
	nvme_event(ctrl, NVME_EV_nvme_fault_injected);
	nvme_log(ctrl, "fault injected: controller fatal status");
	nvme_fatal(ctrl, "injected");
	nvme_unlock(&ctrl->lock);
}
