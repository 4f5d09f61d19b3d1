/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/nvme.h - NVM Express definitions the host driver needs: controller
 * registers, submission and completion queue entries, Identify data,
 * opcodes and status codes.
 *
 * Written from the NVM Express Base Specification 2.0 and the NVM Command
 * Set Specification 1.0 (figure numbers below refer to the base spec).  The
 * emulated controller in nvme-model/ uses its own, independent definitions,
 * so a layout mistake here shows up as a disagreement between the two
 * instead of cancelling out.  Every structure that travels over the wire
 * has its size checked at compile time.
 *
 * Only names that Linux 6.1's include/linux/nvme.h has (as Debian's 6.1
 * stable kernel ships it: NVME_STATUS_DNR, not the NVME_SCT()/NVME_SC()
 * helpers of later kernels), so a driver that builds here builds against
 * the real 6.1 headers too (tests/integration/real_kernel_headers.sh).
 */
#ifndef _LINUX_NVME_H
#define _LINUX_NVME_H

#include <linux/types.h>
#include <linux/build_bug.h>

/* ---- Controller registers (figure 33) ---- */

enum {
	NVME_REG_CAP	= 0x0000,	/* Controller Capabilities, 64 bit */
	NVME_REG_VS	= 0x0008,	/* Version */
	NVME_REG_INTMS	= 0x000c,	/* Interrupt Mask Set */
	NVME_REG_INTMC	= 0x0010,	/* Interrupt Mask Clear */
	NVME_REG_CC	= 0x0014,	/* Controller Configuration */
	NVME_REG_CSTS	= 0x001c,	/* Controller Status */
	NVME_REG_NSSR	= 0x0020,	/* NVM Subsystem Reset */
	NVME_REG_AQA	= 0x0024,	/* Admin Queue Attributes */
	NVME_REG_ASQ	= 0x0028,	/* Admin SQ Base Address, 64 bit */
	NVME_REG_ACQ	= 0x0030,	/* Admin CQ Base Address, 64 bit */
	NVME_REG_CMBLOC	= 0x0038,	/* Controller Memory Buffer Location */
	NVME_REG_CMBSZ	= 0x003c,	/* Controller Memory Buffer Size */
	NVME_REG_BPINFO	= 0x0040,	/* Boot Partition Information */
	NVME_REG_BPRSEL	= 0x0044,	/* Boot Partition Read Select */
	NVME_REG_BPMBL	= 0x0048,	/* Boot Partition Memory Buffer Location */
	NVME_REG_CMBMSC	= 0x0050,	/* CMB Memory Space Control */
	NVME_REG_CRTO	= 0x0068,	/* Controller Ready Timeouts */
	NVME_REG_PMRCAP	= 0x0e00,	/* Persistent Memory Capabilities */
	NVME_REG_PMRCTL	= 0x0e04,
	NVME_REG_PMRSTS	= 0x0e08,
	NVME_REG_DBS	= 0x1000,	/* SQ 0 Tail Doorbell */
};

/* CAP (figure 36) */
#define NVME_CAP_MQES(cap)	((cap) & 0xffff)
#define NVME_CAP_TIMEOUT(cap)	(((cap) >> 24) & 0xff)	/* 500 ms units */
#define NVME_CAP_STRIDE(cap)	(((cap) >> 32) & 0xf)
#define NVME_CAP_NSSRC(cap)	(((cap) >> 36) & 0x1)
#define NVME_CAP_CSS(cap)	(((cap) >> 37) & 0xff)
#define NVME_CAP_MPSMIN(cap)	(((cap) >> 48) & 0xf)
#define NVME_CAP_MPSMAX(cap)	(((cap) >> 52) & 0xf)
#define NVME_CAP_CMBS(cap)	(((cap) >> 57) & 0x1)

enum {
	NVME_CAP_CSS_NVM	= 1 << 0,
	NVME_CAP_CSS_CSI	= 1 << 6,
};

/* VS (figure 37) */
#define NVME_VS(major, minor, tertiary) \
	(((major) << 16) | ((minor) << 8) | (tertiary))
#define NVME_MAJOR(ver)		((ver) >> 16)
#define NVME_MINOR(ver)		(((ver) >> 8) & 0xff)
#define NVME_TERTIARY(ver)	((ver) & 0xff)

/* AQA (figure 45): 0's based sizes */

/* I/O queue entry sizes, as log2 of bytes */
#define NVME_NVM_IOSQES		6
#define NVME_NVM_IOCQES		4

/* CC (figure 41) */
enum {
	NVME_CC_ENABLE		= 1 << 0,
	NVME_CC_EN_SHIFT	= 0,
	NVME_CC_CSS_SHIFT	= 4,
	NVME_CC_MPS_SHIFT	= 7,
	NVME_CC_AMS_SHIFT	= 11,
	NVME_CC_SHN_SHIFT	= 14,
	NVME_CC_IOSQES_SHIFT	= 16,
	NVME_CC_IOCQES_SHIFT	= 20,
	NVME_CC_CSS_NVM		= 0 << NVME_CC_CSS_SHIFT,
	NVME_CC_CSS_CSI		= 6 << NVME_CC_CSS_SHIFT,
	NVME_CC_CSS_MASK	= 7 << NVME_CC_CSS_SHIFT,
	NVME_CC_AMS_RR		= 0 << NVME_CC_AMS_SHIFT,
	NVME_CC_AMS_WRRU	= 1 << NVME_CC_AMS_SHIFT,
	NVME_CC_AMS_VS		= 7 << NVME_CC_AMS_SHIFT,
	NVME_CC_SHN_NONE	= 0 << NVME_CC_SHN_SHIFT,
	NVME_CC_SHN_NORMAL	= 1 << NVME_CC_SHN_SHIFT,
	NVME_CC_SHN_ABRUPT	= 2 << NVME_CC_SHN_SHIFT,
	NVME_CC_SHN_MASK	= 3 << NVME_CC_SHN_SHIFT,
	NVME_CC_IOSQES		= NVME_NVM_IOSQES << NVME_CC_IOSQES_SHIFT,
	NVME_CC_IOCQES		= NVME_NVM_IOCQES << NVME_CC_IOCQES_SHIFT,
};

/* CSTS (figure 42) */
enum {
	NVME_CSTS_RDY		= 1 << 0,
	NVME_CSTS_CFS		= 1 << 1,
	NVME_CSTS_NSSRO		= 1 << 4,
	NVME_CSTS_PP		= 1 << 5,
	NVME_CSTS_SHST_NORMAL	= 0 << 2,
	NVME_CSTS_SHST_OCCUR	= 1 << 2,
	NVME_CSTS_SHST_CMPLT	= 2 << 2,
	NVME_CSTS_SHST_MASK	= 3 << 2,
};

/* ---- Identify (figures 273-276) ---- */

#define NVME_NSID_ALL		0xffffffff
#define NVME_IDENTIFY_DATA_SIZE	4096
#define NVME_AQ_DEPTH		32

enum {
	NVME_ID_CNS_NS			= 0x00,
	NVME_ID_CNS_CTRL		= 0x01,
	NVME_ID_CNS_NS_ACTIVE_LIST	= 0x02,
	NVME_ID_CNS_NS_DESC_LIST	= 0x03,
	NVME_ID_CNS_CS_NS		= 0x05,
	NVME_ID_CNS_CS_CTRL		= 0x06,
	NVME_ID_CNS_NS_PRESENT_LIST	= 0x10,
	NVME_ID_CNS_NS_PRESENT		= 0x11,
	NVME_ID_CNS_CTRL_NS_LIST	= 0x12,
	NVME_ID_CNS_CTRL_LIST		= 0x13,
};

enum {
	NVME_CSI_NVM	= 0,
	NVME_CSI_ZNS	= 2,
};

/* Power State Descriptor (figure 276) */
struct nvme_id_power_state {
	__le16	max_power;	/* centiwatts */
	__u8	rsvd2;
	__u8	flags;
	__le32	entry_lat;	/* microseconds */
	__le32	exit_lat;	/* microseconds */
	__u8	read_tput;
	__u8	read_lat;
	__u8	write_tput;
	__u8	write_lat;
	__le16	idle_power;
	__u8	idle_scale;
	__u8	rsvd19;
	__le16	active_power;
	__u8	active_work_scale;
	__u8	rsvd23[9];
};
static_assert(sizeof(struct nvme_id_power_state) == 32);

/* Identify Controller data structure (figure 275) */
struct nvme_id_ctrl {
	__le16	vid;
	__le16	ssvid;
	char	sn[20];
	char	mn[40];
	char	fr[8];
	__u8	rab;
	__u8	ieee[3];
	__u8	cmic;
	__u8	mdts;
	__le16	cntlid;
	__le32	ver;
	__le32	rtd3r;
	__le32	rtd3e;
	__le32	oaes;
	__le32	ctratt;
	__le16	rrls;
	__u8	rsvd102[9];
	__u8	cntrltype;
	__u8	fguid[16];
	__le16	crdt1;
	__le16	crdt2;
	__le16	crdt3;
	__u8	rsvd134[119];
	__u8	nvmsr;
	__u8	vwci;
	__u8	mec;
	__le16	oacs;
	__u8	acl;
	__u8	aerl;
	__u8	frmw;
	__u8	lpa;
	__u8	elpe;
	__u8	npss;
	__u8	avscc;
	__u8	apsta;
	__le16	wctemp;
	__le16	cctemp;
	__le16	mtfa;
	__le32	hmpre;
	__le32	hmmin;
	__u8	tnvmcap[16];
	__u8	unvmcap[16];
	__le32	rpmbs;
	__le16	edstt;
	__u8	dsto;
	__u8	fwug;
	__le16	kas;
	__le16	hctma;
	__le16	mntmt;
	__le16	mxtmt;
	__le32	sanicap;
	__le32	hmminds;
	__le16	hmmaxd;
	__le16	nsetidmax;
	__le16	endgidmax;
	__u8	anatt;
	__u8	anacap;
	__le32	anagrpmax;
	__le32	nanagrpid;
	__le32	pels;
	__le16	domainid;
	__u8	rsvd358[10];
	__u8	megcap[16];
	__u8	rsvd384[128];
	__u8	sqes;
	__u8	cqes;
	__le16	maxcmd;
	__le32	nn;
	__le16	oncs;
	__le16	fuses;
	__u8	fna;
	__u8	vwc;
	__le16	awun;
	__le16	awupf;
	__u8	icsvscc;
	__u8	nwpc;
	__le16	acwu;
	__le16	ocfs;
	__le32	sgls;
	__le32	mnan;
	__u8	maxdna[16];
	__le32	maxcna;
	__u8	rsvd564[204];
	char	subnqn[256];
	__u8	rsvd1024[768];
	/* NVMe over Fabrics */
	__le32	ioccsz;
	__le32	iorcsz;
	__le16	icdoff;
	__u8	fcatt;
	__u8	msdbd;
	__le16	ofcs;
	__u8	rsvd1806[242];
	struct nvme_id_power_state	psd[32];
	__u8	vs[1024];
};
static_assert(sizeof(struct nvme_id_ctrl) == NVME_IDENTIFY_DATA_SIZE);

enum {
	NVME_CTRL_CMIC_MULTI_PORT	= 1 << 0,
	NVME_CTRL_CMIC_MULTI_CTRL	= 1 << 1,
	NVME_CTRL_CMIC_ANA		= 1 << 3,
	NVME_CTRL_ONCS_COMPARE		= 1 << 0,
	NVME_CTRL_ONCS_WRITE_UNCORRECTABLE = 1 << 1,
	NVME_CTRL_ONCS_DSM		= 1 << 2,
	NVME_CTRL_ONCS_WRITE_ZEROES	= 1 << 3,
	NVME_CTRL_ONCS_RESERVATIONS	= 1 << 5,
	NVME_CTRL_ONCS_TIMESTAMP	= 1 << 6,
	NVME_CTRL_VWC_PRESENT		= 1 << 0,
	NVME_CTRL_OACS_SEC_SUPP		= 1 << 0,
	NVME_CTRL_OACS_NS_MNGT_SUPP	= 1 << 3,
	NVME_CTRL_OACS_DIRECTIVES	= 1 << 5,
	NVME_CTRL_OACS_DBBUF_SUPP	= 1 << 8,
	NVME_CTRL_LPA_CMD_EFFECTS_LOG	= 1 << 1,
	NVME_CTRL_CTRATT_128_ID		= 1 << 0,
	NVME_CTRL_CTRATT_NON_OP_PSP	= 1 << 1,
};

/* LBA Format Data Structure (NVM Command Set, figure 116) */
struct nvme_lbaf {
	__le16	ms;	/* metadata bytes per LBA */
	__u8	ds;	/* LBA data size, log2 */
	__u8	rp;	/* relative performance */
};
static_assert(sizeof(struct nvme_lbaf) == 4);

/* Identify Namespace data structure (NVM Command Set, figure 97) */
struct nvme_id_ns {
	__le64	nsze;
	__le64	ncap;
	__le64	nuse;
	__u8	nsfeat;
	__u8	nlbaf;
	__u8	flbas;
	__u8	mc;
	__u8	dpc;
	__u8	dps;
	__u8	nmic;
	__u8	rescap;
	__u8	fpi;
	__u8	dlfeat;
	__le16	nawun;
	__le16	nawupf;
	__le16	nacwu;
	__le16	nabsn;
	__le16	nabo;
	__le16	nabspf;
	__le16	noiob;
	__u8	nvmcap[16];
	__le16	npwg;
	__le16	npwa;
	__le16	npdg;
	__le16	npda;
	__le16	nows;
	__le16	mssrl;
	__le32	mcl;
	__u8	msrc;
	__u8	rsvd81;
	__u8	nulbaf;
	__u8	rsvd83[9];
	__le32	anagrpid;
	__u8	rsvd96[3];
	__u8	nsattr;
	__le16	nvmsetid;
	__le16	endgid;
	__u8	nguid[16];
	__u8	eui64[8];
	struct nvme_lbaf	lbaf[64];
	__u8	vs[3712];
};
static_assert(sizeof(struct nvme_id_ns) == NVME_IDENTIFY_DATA_SIZE);

enum {
	NVME_NS_FEAT_THIN	= 1 << 0,
	NVME_NS_FEAT_ATOMICS	= 1 << 1,
	NVME_NS_FEAT_IO_OPT	= 1 << 4,
	NVME_NS_ATTR_RO		= 1 << 0,
	NVME_NS_FLBAS_LBA_MASK	= 0xf,
	NVME_NS_FLBAS_LBA_UMASK	= 0x60,
	NVME_NS_FLBAS_LBA_SHIFT	= 1,
	NVME_NS_FLBAS_META_EXT	= 0x10,
	NVME_NS_NMIC_SHARED	= 1 << 0,
	NVME_LBAF_RP_BEST	= 0,
	NVME_LBAF_RP_BETTER	= 1,
	NVME_LBAF_RP_GOOD	= 2,
	NVME_LBAF_RP_DEGRADED	= 3,
};

/* The index of the formatted LBA format: FLBAS bits 3:0 and 6:5. */
static inline __u8 nvme_lbaf_index(__u8 flbas)
{
	return (flbas & NVME_NS_FLBAS_LBA_MASK) |
		((flbas & NVME_NS_FLBAS_LBA_UMASK) >> NVME_NS_FLBAS_LBA_SHIFT);
}

/* ---- Log pages ---- */

enum {
	NVME_LOG_ERROR		= 0x01,
	NVME_LOG_SMART		= 0x02,
	NVME_LOG_FW_SLOT	= 0x03,
	NVME_LOG_CHANGED_NS	= 0x04,
	NVME_LOG_CMD_EFFECTS	= 0x05,
};

struct nvme_error_slot {
	__le64	error_count;
	__le16	sqid;
	__le16	cmdid;
	__le16	status_field;
	__le16	param_error_location;
	__le64	lba;
	__le32	nsid;
	__u8	vs;
	__u8	trtype;
	__u8	resv[2];
	__le64	cs;
	__le16	trtype_spec_info;
	__u8	resv2[22];
};
static_assert(sizeof(struct nvme_error_slot) == 64);

struct nvme_smart_log {
	__u8	critical_warning;
	__u8	temperature[2];
	__u8	avail_spare;
	__u8	spare_thresh;
	__u8	percent_used;
	__u8	endu_grp_crit_warn_sumry;
	__u8	rsvd7[25];
	__u8	data_units_read[16];
	__u8	data_units_written[16];
	__u8	host_reads[16];
	__u8	host_writes[16];
	__u8	ctrl_busy_time[16];
	__u8	power_cycles[16];
	__u8	power_on_hours[16];
	__u8	unsafe_shutdowns[16];
	__u8	media_errors[16];
	__u8	num_err_log_entries[16];
	__le32	warning_temp_time;
	__le32	critical_comp_time;
	__le16	temp_sensor[8];
	__le32	thm_temp1_trans_count;
	__le32	thm_temp2_trans_count;
	__le32	thm_temp1_total_time;
	__le32	thm_temp2_total_time;
	__u8	rsvd232[280];
};
static_assert(sizeof(struct nvme_smart_log) == 512);

/* ---- Features (figure 317) ---- */

enum {
	NVME_FEAT_ARBITRATION	= 0x01,
	NVME_FEAT_POWER_MGMT	= 0x02,
	NVME_FEAT_LBA_RANGE	= 0x03,
	NVME_FEAT_TEMP_THRESH	= 0x04,
	NVME_FEAT_ERR_RECOVERY	= 0x05,
	NVME_FEAT_VOLATILE_WC	= 0x06,
	NVME_FEAT_NUM_QUEUES	= 0x07,
	NVME_FEAT_IRQ_COALESCE	= 0x08,
	NVME_FEAT_IRQ_CONFIG	= 0x09,
	NVME_FEAT_WRITE_ATOMIC	= 0x0a,
	NVME_FEAT_ASYNC_EVENT	= 0x0b,
	NVME_FEAT_AUTO_PST	= 0x0c,
	NVME_FEAT_HOST_MEM_BUF	= 0x0d,
	NVME_FEAT_TIMESTAMP	= 0x0e,
	NVME_FEAT_KATO		= 0x0f,
};

/* ---- Opcodes (figures 139, NVM Command Set figure 17) ---- */

enum nvme_admin_opcode {
	nvme_admin_delete_sq		= 0x00,
	nvme_admin_create_sq		= 0x01,
	nvme_admin_get_log_page		= 0x02,
	nvme_admin_delete_cq		= 0x04,
	nvme_admin_create_cq		= 0x05,
	nvme_admin_identify		= 0x06,
	nvme_admin_abort_cmd		= 0x08,
	nvme_admin_set_features		= 0x09,
	nvme_admin_get_features		= 0x0a,
	nvme_admin_async_event		= 0x0c,
	nvme_admin_ns_mgmt		= 0x0d,
	nvme_admin_activate_fw		= 0x10,
	nvme_admin_download_fw		= 0x11,
	nvme_admin_dev_self_test	= 0x14,
	nvme_admin_ns_attach		= 0x15,
	nvme_admin_keep_alive		= 0x18,
	nvme_admin_directive_send	= 0x19,
	nvme_admin_directive_recv	= 0x1a,
	nvme_admin_virtual_mgmt		= 0x1c,
	nvme_admin_nvme_mi_send		= 0x1d,
	nvme_admin_nvme_mi_recv		= 0x1e,
	nvme_admin_dbbuf		= 0x7c,
	nvme_admin_format_nvm		= 0x80,
	nvme_admin_security_send	= 0x81,
	nvme_admin_security_recv	= 0x82,
	nvme_admin_sanitize_nvm		= 0x84,
	nvme_admin_get_lba_status	= 0x86,
};

enum nvme_opcode {
	nvme_cmd_flush		= 0x00,
	nvme_cmd_write		= 0x01,
	nvme_cmd_read		= 0x02,
	nvme_cmd_write_uncor	= 0x04,
	nvme_cmd_compare	= 0x05,
	nvme_cmd_write_zeroes	= 0x08,
	nvme_cmd_dsm		= 0x09,
	nvme_cmd_verify		= 0x0c,
	nvme_cmd_resv_register	= 0x0d,
	nvme_cmd_resv_report	= 0x0e,
	nvme_cmd_resv_acquire	= 0x11,
	nvme_cmd_resv_release	= 0x15,
};

/* ---- Data pointers: PRPs and SGL descriptors (figures 87-91) ---- */

enum {
	NVME_SGL_FMT_ADDRESS		= 0x00,
	NVME_SGL_FMT_OFFSET		= 0x01,
	NVME_SGL_FMT_TRANSPORT_A	= 0x0a,
	NVME_SGL_FMT_INVALIDATE		= 0x0f,
};

/* Descriptor type, the high nibble of the identifier byte. */
enum {
	NVME_SGL_FMT_DATA_DESC		= 0x00,
	NVME_SGL_FMT_SEG_DESC		= 0x02,
	NVME_SGL_FMT_LAST_SEG_DESC	= 0x03,
	NVME_KEY_SGL_FMT_DATA_DESC	= 0x04,
	NVME_TRANSPORT_SGL_DATA_DESC	= 0x05,
};

struct nvme_sgl_desc {
	__le64	addr;
	__le32	length;
	__u8	rsvd[3];
	__u8	type;
};
static_assert(sizeof(struct nvme_sgl_desc) == 16);

struct nvme_keyed_sgl_desc {
	__le64	addr;
	__u8	length[3];
	__u8	key[4];
	__u8	type;
};
static_assert(sizeof(struct nvme_keyed_sgl_desc) == 16);

union nvme_data_ptr {
	struct {
		__le64	prp1;
		__le64	prp2;
	};
	struct nvme_sgl_desc	sgl;
	struct nvme_keyed_sgl_desc ksgl;
};
static_assert(sizeof(union nvme_data_ptr) == 16);

/* Command Dword 0 flags: FUSE (bits 1:0) and PSDT (bits 7:6). */
enum {
	NVME_CMD_FUSE_FIRST	= 1 << 0,
	NVME_CMD_FUSE_SECOND	= 1 << 1,
	NVME_CMD_SGL_METABUF	= 1 << 6,	/* PSDT 01b: data SGL, MPTR a buffer */
	NVME_CMD_SGL_METASEG	= 1 << 7,	/* PSDT 10b: data and metadata SGLs */
	NVME_CMD_SGL_ALL	= NVME_CMD_SGL_METABUF | NVME_CMD_SGL_METASEG,
};

/* ---- Submission queue entries ---- */

struct nvme_common_command {
	__u8	opcode;
	__u8	flags;
	__u16	command_id;
	__le32	nsid;
	__le32	cdw2[2];
	__le64	metadata;
	union nvme_data_ptr dptr;
	__le32	cdw10;
	__le32	cdw11;
	__le32	cdw12;
	__le32	cdw13;
	__le32	cdw14;
	__le32	cdw15;
};

struct nvme_rw_command {
	__u8	opcode;
	__u8	flags;
	__u16	command_id;
	__le32	nsid;
	__le32	cdw2;
	__le32	cdw3;
	__le64	metadata;
	union nvme_data_ptr dptr;
	__le64	slba;
	__le16	length;		/* 0's based number of logical blocks */
	__le16	control;
	__le32	dsmgmt;
	__le32	reftag;
	__le16	apptag;
	__le16	appmask;
};

enum {
	NVME_RW_LR			= 1 << 15,
	NVME_RW_FUA			= 1 << 14,
	NVME_RW_APPEND_PIREMAP		= 1 << 9,
	NVME_RW_DSM_FREQ_UNSPEC		= 0,
	NVME_RW_DSM_LATENCY_NONE	= 0 << 4,
	NVME_RW_PRINFO_PRCHK_REF	= 1 << 10,
	NVME_RW_PRINFO_PRCHK_APP	= 1 << 11,
	NVME_RW_PRINFO_PRCHK_GUARD	= 1 << 12,
	NVME_RW_PRINFO_PRACT		= 1 << 13,
};

struct nvme_dsm_cmd {
	__u8	opcode;
	__u8	flags;
	__u16	command_id;
	__le32	nsid;
	__u64	rsvd2[2];
	union nvme_data_ptr dptr;
	__le32	nr;		/* 0's based number of ranges */
	__le32	attributes;
	__u32	rsvd12[4];
};

enum {
	NVME_DSMGMT_IDR	= 1 << 0,
	NVME_DSMGMT_IDW	= 1 << 1,
	NVME_DSMGMT_AD	= 1 << 2,
};

#define NVME_DSM_MAX_RANGES	256

struct nvme_dsm_range {
	__le32	cattr;
	__le32	nlb;
	__le64	slba;
};
static_assert(sizeof(struct nvme_dsm_range) == 16);

struct nvme_write_zeroes_cmd {
	__u8	opcode;
	__u8	flags;
	__u16	command_id;
	__le32	nsid;
	__u64	rsvd2;
	__le64	metadata;
	union nvme_data_ptr dptr;
	__le64	slba;
	__le16	length;
	__le16	control;
	__le32	dsmgmt;
	__le32	reftag;
	__le16	apptag;
	__le16	appmask;
};

struct nvme_identify {
	__u8	opcode;
	__u8	flags;
	__u16	command_id;
	__le32	nsid;
	__u64	rsvd2[2];
	union nvme_data_ptr dptr;
	__u8	cns;
	__u8	rsvd3;
	__le16	ctrlid;
	__le16	cnssid;
	__u8	rsvd11;
	__u8	csi;
	__u32	rsvd12[4];
};

struct nvme_features {
	__u8	opcode;
	__u8	flags;
	__u16	command_id;
	__le32	nsid;
	__u64	rsvd2[2];
	union nvme_data_ptr dptr;
	__le32	fid;
	__le32	dword11;
	__le32	dword12;
	__le32	dword13;
	__le32	dword14;
	__le32	dword15;
};

/* Create I/O Completion Queue (figures 149-153) */
enum {
	NVME_QUEUE_PHYS_CONTIG	= 1 << 0,
	NVME_CQ_IRQ_ENABLED	= 1 << 1,
	NVME_SQ_PRIO_URGENT	= 0 << 1,
	NVME_SQ_PRIO_HIGH	= 1 << 1,
	NVME_SQ_PRIO_MEDIUM	= 2 << 1,
	NVME_SQ_PRIO_LOW	= 3 << 1,
};

struct nvme_create_cq {
	__u8	opcode;
	__u8	flags;
	__u16	command_id;
	__u32	rsvd1[5];
	__le64	prp1;
	__u64	rsvd8;
	__le16	cqid;
	__le16	qsize;		/* 0's based */
	__le16	cq_flags;
	__le16	irq_vector;
	__u32	rsvd12[4];
};

struct nvme_create_sq {
	__u8	opcode;
	__u8	flags;
	__u16	command_id;
	__u32	rsvd1[5];
	__le64	prp1;
	__u64	rsvd8;
	__le16	sqid;
	__le16	qsize;		/* 0's based */
	__le16	sq_flags;
	__le16	cqid;
	__u32	rsvd12[4];
};

struct nvme_delete_queue {
	__u8	opcode;
	__u8	flags;
	__u16	command_id;
	__u32	rsvd1[9];
	__le16	qid;
	__u16	rsvd10;
	__u32	rsvd11[5];
};

struct nvme_abort_cmd {
	__u8	opcode;
	__u8	flags;
	__u16	command_id;
	__u32	rsvd1[9];
	__le16	sqid;
	__u16	cid;
	__u32	rsvd11[5];
};

struct nvme_get_log_page_command {
	__u8	opcode;
	__u8	flags;
	__u16	command_id;
	__le32	nsid;
	__u64	rsvd2[2];
	union nvme_data_ptr dptr;
	__u8	lid;
	__u8	lsp;
	__le16	numdl;		/* 0's based dwords, low half */
	__le16	numdu;
	__u16	rsvd11;
	__le32	lpol;
	__le32	lpou;
	__u8	rsvd14[3];
	__u8	csi;
	__u32	rsvd15;
};

struct nvme_command {
	union {
		struct nvme_common_command common;
		struct nvme_rw_command rw;
		struct nvme_identify identify;
		struct nvme_features features;
		struct nvme_create_cq create_cq;
		struct nvme_create_sq create_sq;
		struct nvme_delete_queue delete_queue;
		struct nvme_abort_cmd abort;
		struct nvme_get_log_page_command get_log_page;
		struct nvme_dsm_cmd dsm;
		struct nvme_write_zeroes_cmd write_zeroes;
	};
};

static_assert(sizeof(struct nvme_common_command) == 64);
static_assert(sizeof(struct nvme_rw_command) == 64);
static_assert(sizeof(struct nvme_identify) == 64);
static_assert(sizeof(struct nvme_features) == 64);
static_assert(sizeof(struct nvme_create_cq) == 64);
static_assert(sizeof(struct nvme_create_sq) == 64);
static_assert(sizeof(struct nvme_delete_queue) == 64);
static_assert(sizeof(struct nvme_abort_cmd) == 64);
static_assert(sizeof(struct nvme_get_log_page_command) == 64);
static_assert(sizeof(struct nvme_dsm_cmd) == 64);
static_assert(sizeof(struct nvme_write_zeroes_cmd) == 64);
static_assert(sizeof(struct nvme_command) == 64);

static inline bool nvme_is_write(const struct nvme_command *cmd)
{
	/* Bit 0 of the opcode: data from host to controller (figure 139). */
	return cmd->common.opcode & 1;
}

/* ---- Completion queue entry (figure 92) ---- */

struct nvme_completion {
	union nvme_result {
		__le16	u16;
		__le32	u32;
		__le64	u64;
	} result;
	__le16	sq_head;
	__le16	sq_id;
	__u16	command_id;
	__le16	status;		/* bit 0: phase tag; 15:1 the status field */
};
static_assert(sizeof(struct nvme_completion) == 16);

/*
 * Status codes, as the status field shifted right by one (dropping the phase
 * tag): SC in bits 7:0, SCT in bits 10:8, CRD 12:11, More 13, DNR 14.
 */
enum {
	/* Generic Command Status (SCT 0h, figure 100) */
	NVME_SC_SUCCESS			= 0x0,
	NVME_SC_INVALID_OPCODE		= 0x1,
	NVME_SC_INVALID_FIELD		= 0x2,
	NVME_SC_CMDID_CONFLICT		= 0x3,
	NVME_SC_DATA_XFER_ERROR		= 0x4,
	NVME_SC_POWER_LOSS		= 0x5,
	NVME_SC_INTERNAL		= 0x6,
	NVME_SC_ABORT_REQ		= 0x7,
	NVME_SC_ABORT_QUEUE		= 0x8,
	NVME_SC_FUSED_FAIL		= 0x9,
	NVME_SC_FUSED_MISSING		= 0xa,
	NVME_SC_INVALID_NS		= 0xb,
	NVME_SC_CMD_SEQ_ERROR		= 0xc,
	NVME_SC_SGL_INVALID_LAST	= 0xd,
	NVME_SC_SGL_INVALID_COUNT	= 0xe,
	NVME_SC_SGL_INVALID_DATA	= 0xf,
	NVME_SC_SGL_INVALID_METADATA	= 0x10,
	NVME_SC_SGL_INVALID_TYPE	= 0x11,
	NVME_SC_CMB_INVALID_USE		= 0x12,
	NVME_SC_PRP_INVALID_OFFSET	= 0x13,
	NVME_SC_ATOMIC_WU_EXCEEDED	= 0x14,
	NVME_SC_OP_DENIED		= 0x15,
	NVME_SC_SGL_INVALID_OFFSET	= 0x16,
	NVME_SC_RESERVED		= 0x17,
	NVME_SC_HOST_ID_INCONSIST	= 0x18,
	NVME_SC_KA_TIMEOUT_EXPIRED	= 0x19,
	NVME_SC_KA_TIMEOUT_INVALID	= 0x1a,
	NVME_SC_ABORTED_PREEMPT_ABORT	= 0x1b,
	NVME_SC_SANITIZE_FAILED		= 0x1c,
	NVME_SC_SANITIZE_IN_PROGRESS	= 0x1d,
	NVME_SC_SGL_INVALID_GRANULARITY	= 0x1e,
	NVME_SC_CMD_NOT_SUP_CMB_QUEUE	= 0x1f,
	NVME_SC_NS_WRITE_PROTECTED	= 0x20,
	NVME_SC_CMD_INTERRUPTED		= 0x21,
	NVME_SC_TRANSIENT_TR_ERR	= 0x22,
	NVME_SC_ADMIN_COMMAND_MEDIA_NOT_READY = 0x24,
	NVME_SC_INVALID_IO_CMD_SET	= 0x2c,

	/* Generic, NVM command set specific */
	NVME_SC_LBA_RANGE		= 0x80,
	NVME_SC_CAP_EXCEEDED		= 0x81,
	NVME_SC_NS_NOT_READY		= 0x82,
	NVME_SC_RESERVATION_CONFLICT	= 0x83,
	NVME_SC_FORMAT_IN_PROGRESS	= 0x84,

	/* Command Specific Status (SCT 1h, figure 101) */
	NVME_SC_CQ_INVALID		= 0x100,
	NVME_SC_QID_INVALID		= 0x101,
	NVME_SC_QUEUE_SIZE		= 0x102,
	NVME_SC_ABORT_LIMIT		= 0x103,
	NVME_SC_ABORT_MISSING		= 0x104,
	NVME_SC_ASYNC_LIMIT		= 0x105,
	NVME_SC_FIRMWARE_SLOT		= 0x106,
	NVME_SC_FIRMWARE_IMAGE		= 0x107,
	NVME_SC_INVALID_VECTOR		= 0x108,
	NVME_SC_INVALID_LOG_PAGE	= 0x109,
	NVME_SC_INVALID_FORMAT		= 0x10a,
	NVME_SC_FW_NEEDS_CONV_RESET	= 0x10b,
	NVME_SC_INVALID_QUEUE		= 0x10c,
	NVME_SC_FEATURE_NOT_SAVEABLE	= 0x10d,
	NVME_SC_FEATURE_NOT_CHANGEABLE	= 0x10e,
	NVME_SC_FEATURE_NOT_PER_NS	= 0x10f,
	NVME_SC_FW_NEEDS_SUBSYS_RESET	= 0x110,
	NVME_SC_FW_NEEDS_RESET		= 0x111,
	NVME_SC_FW_NEEDS_MAX_TIME	= 0x112,
	NVME_SC_FW_ACTIVATE_PROHIBITED	= 0x113,
	NVME_SC_OVERLAPPING_RANGE	= 0x114,
	NVME_SC_NS_INSUFFICIENT_CAP	= 0x115,
	NVME_SC_NS_ID_UNAVAILABLE	= 0x116,
	NVME_SC_NS_ALREADY_ATTACHED	= 0x118,
	NVME_SC_NS_IS_PRIVATE		= 0x119,
	NVME_SC_NS_NOT_ATTACHED		= 0x11a,
	NVME_SC_THIN_PROV_NOT_SUPP	= 0x11b,
	NVME_SC_CTRL_LIST_INVALID	= 0x11c,
	NVME_SC_SELT_TEST_IN_PROGRESS	= 0x11d,
	NVME_SC_BP_WRITE_PROHIBITED	= 0x11e,
	NVME_SC_CTRL_ID_INVALID		= 0x11f,
	NVME_SC_SEC_CTRL_STATE_INVALID	= 0x120,
	NVME_SC_CTRL_RES_NUM_INVALID	= 0x121,
	NVME_SC_RES_ID_INVALID		= 0x122,
	NVME_SC_PMR_SAN_PROHIBITED	= 0x123,
	NVME_SC_ANA_GROUP_ID_INVALID	= 0x124,
	NVME_SC_ANA_ATTACH_FAILED	= 0x125,

	/* Command Specific, NVM command set */
	NVME_SC_BAD_ATTRIBUTES		= 0x180,
	NVME_SC_INVALID_PI		= 0x181,
	NVME_SC_READ_ONLY		= 0x182,
	NVME_SC_ONCS_NOT_SUPPORTED	= 0x183,

	/* Media and Data Integrity Errors (SCT 2h, figure 102) */
	NVME_SC_WRITE_FAULT		= 0x280,
	NVME_SC_READ_ERROR		= 0x281,
	NVME_SC_GUARD_CHECK		= 0x282,
	NVME_SC_APPTAG_CHECK		= 0x283,
	NVME_SC_REFTAG_CHECK		= 0x284,
	NVME_SC_COMPARE_FAILED		= 0x285,
	NVME_SC_ACCESS_DENIED		= 0x286,
	NVME_SC_UNWRITTEN_BLOCK		= 0x287,

	/* Path Related Status (SCT 3h, figure 103) */
	NVME_SC_INTERNAL_PATH_ERROR	= 0x300,
	NVME_SC_ANA_PERSISTENT_LOSS	= 0x301,
	NVME_SC_ANA_INACCESSIBLE	= 0x302,
	NVME_SC_ANA_TRANSITION		= 0x303,
	NVME_SC_CTRL_PATH_ERROR		= 0x360,
	NVME_SC_HOST_PATH_ERROR		= 0x370,
	NVME_SC_HOST_ABORTED_CMD	= 0x371,

	/* Flag bits of the status field (above the 11-bit SCT/SC). */
	NVME_STATUS_CRD			= 0x1800,	/* Command Retry Delay index */
	NVME_STATUS_MORE		= 0x2000,
	NVME_STATUS_DNR			= 0x4000,	/* Do Not Retry */
};

#endif /* _LINUX_NVME_H */
