// SPDX-License-Identifier: GPL-2.0
/*
 * sim/nbdkit/plugin.c - nbdkit plugin: one disk of a simulated machine as
 * an NBD export (build/nbdkit-ksim.so).
 *
 *   nbdkit ./build/nbdkit-ksim.so config=configs/nvme.ini disk=nvme0n1 [log=1]
 *
 * The machine is booted once from the config (controllers, modules; its
 * [job] sections are not run) after nbdkit has forked into the background,
 * and taken down when nbdkit exits.  pread/pwrite/flush/trim/zero and FUA
 * map onto the block layer's submission API through sim/diskio.c; the
 * thread model is parallel, so nbdkit's worker threads each carry one
 * request at a time through it.  They are nbdkit's pthreads, adopted by the
 * shim on their first call in; every kernel-facing step is a ksim_diskio_*
 * call that waits for its completion through ksim_host->wait.
 */
#define _GNU_SOURCE
#define NBDKIT_API_VERSION 2
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nbdkit-plugin.h>

#include "ksim/blkdev.h"
#include "ksim/boot.h"
#include "ksim/report.h"
#include "nvme-model/ksim_nvme.h"

#include "sim/config.h"
#include "sim/diskio.h"
#include "sim/loader.h"

#define THREAD_MODEL NBDKIT_THREAD_MODEL_PARALLEL

static char *config_path;
static char *disk_name;
static int log_console;

static struct ksim_config cfg;
static struct ksim_nvme_ctrl **ctrls;
static struct ksim_loaded_module **mods;
static int nr_mods;
static bool booted;
static struct ksim_diskio disk;

/*
 * Modules bind to the shim's symbols at dlopen time, so the shim (this
 * plugin) must be in the global scope whatever flags nbdkit loaded it with.
 */
static void ksim_plugin_load(void)
{
	Dl_info info;

	if (dladdr((void *)ksim_plugin_load, &info) && info.dli_fname)
		dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL);
}

static int ksim_plugin_config(const char *key, const char *value)
{
	if (!strcmp(key, "config")) {
		free(config_path);
		config_path = nbdkit_realpath(value);
		return config_path ? 0 : -1;
	}
	if (!strcmp(key, "disk")) {
		free(disk_name);
		disk_name = strdup(value);
		return disk_name ? 0 : -1;
	}
	if (!strcmp(key, "log")) {
		log_console = nbdkit_parse_bool(value);
		return log_console < 0 ? -1 : 0;
	}
	nbdkit_error("unknown parameter '%s' (known: config, disk, log)", key);
	return -1;
}

static int ksim_plugin_config_complete(void)
{
	char err[1024];

	if (!config_path || !disk_name) {
		nbdkit_error("config=FILE and disk=NAME are required");
		return -1;
	}
	/* Read it now, so a bad config fails before nbdkit forks. */
	if (ksim_config_load(&cfg, config_path, err, sizeof(err))) {
		nbdkit_error("%s", err);
		return -1;
	}
	/* nbdkit's daemon changes to / before the machine boots: absolute module paths. */
	for (int i = 0; i < cfg.nr_modules; i++) {
		char *abs = nbdkit_realpath(cfg.modules[i].path);

		if (!abs)
			return -1;
		free(cfg.modules[i].path);
		cfg.modules[i].path = abs;
	}
	return 0;
}

static void shutdown_machine(void)
{
	int i;

	ksim_diskio_close(&disk);
	while (nr_mods > 0)
		ksim_rmmod(mods[--nr_mods]);
	for (i = cfg.nr_nvme - 1; ctrls && i >= 0; i--)
		if (ctrls[i])
			ksim_nvme_destroy(ctrls[i]);
	free(ctrls);
	free(mods);
	ctrls = NULL;
	mods = NULL;
	if (booted) {
		ksim_kernel_shutdown();
		booted = false;
		if (ksim_report_total())
			nbdkit_error("ksim: %lu report(s) (WARN, leak, protocol violation, ...): see the kernel log (log=1)",
				     ksim_report_total());
	}
}

/* After nbdkit's fork: the machine's threads belong to the serving process. */
static int ksim_plugin_after_fork(void)
{
	struct ksim_boot_params params = { 0 };
	char err[4096];
	int i, ret;

	params.seed = cfg.seed ? cfg.seed : 1;
	params.loglevel = cfg.loglevel;
	params.nr_cpus = cfg.cpus;
	ksim_console_enable(log_console);
	ret = ksim_kernel_boot(&params);
	if (ret) {
		nbdkit_error("cannot boot the simulated kernel: %s", strerror(-ret));
		return -1;
	}
	booted = true;
	ctrls = calloc(cfg.nr_nvme + 1, sizeof(*ctrls));
	mods = calloc(cfg.nr_modules + 1, sizeof(*mods));
	if (!ctrls || !mods)
		goto fail;
	for (i = 0; i < cfg.nr_nvme; i++) {
		ret = ksim_nvme_create(cfg.nvme[i].name, &cfg.nvme[i].cfg, &ctrls[i]);
		if (ret) {
			nbdkit_error("%s: cannot create %s: %s", cfg.nvme[i].origin,
				     cfg.nvme[i].name, strerror(-ret));
			goto fail;
		}
	}
	for (i = 0; i < cfg.nr_modules; i++) {
		const struct ksim_module_spec *m = &cfg.modules[i];

		ret = ksim_insmod(m->path, m->args, m->nr_args, &mods[nr_mods], err, sizeof(err));
		if (ret) {
			nbdkit_error("insmod %s: %s", m->path, err);
			goto fail;
		}
		nr_mods++;
	}
	if (ksim_diskio_open(&disk, disk_name)) {
		nbdkit_error("no disk named '%s' after loading %s", disk_name, config_path);
		goto fail;
	}
	nbdkit_debug("ksim: exporting %s (%llu bytes, %u-byte blocks)", disk_name,
		     (unsigned long long)disk.capacity, disk.lbs);
	return 0;
fail:
	shutdown_machine();
	return -1;
}

static void ksim_plugin_cleanup(void)
{
	shutdown_machine();
}

static void ksim_plugin_unload(void)
{
	shutdown_machine();
	ksim_config_free(&cfg);
	free(config_path);
	free(disk_name);
}

static void *ksim_plugin_open(int readonly)
{
	return &disk;
}

static int64_t ksim_plugin_get_size(void *handle)
{
	return (int64_t)disk.capacity;
}

static int ksim_plugin_block_size(void *handle, uint32_t *minimum, uint32_t *preferred,
				  uint32_t *maximum)
{
	*minimum = disk.lbs;
	*preferred = disk.lbs > 4096 ? disk.lbs : 4096;
	*maximum = 0xffffffff;
	return 0;
}

static int fail_io(int err)
{
	nbdkit_set_error(-err);
	return -1;
}

static int ksim_plugin_pread(void *handle, void *buf, uint32_t count, uint64_t offset,
			     uint32_t flags)
{
	int err = ksim_diskio_read(&disk, buf, offset, count);

	return err ? fail_io(err) : 0;
}

static int ksim_plugin_pwrite(void *handle, const void *buf, uint32_t count,
			      uint64_t offset, uint32_t flags)
{
	int err = ksim_diskio_write(&disk, buf, offset, count,
				    flags & NBDKIT_FLAG_FUA ? KSIM_BIO_FUA : 0);

	return err ? fail_io(err) : 0;
}

static int ksim_plugin_flush(void *handle, uint32_t flags)
{
	int err = ksim_diskio_flush(&disk);

	return err ? fail_io(err) : 0;
}

/* Trim and zero finish with a flush for FUA: the submission API has no FUA discard. */
static int zero_range(uint32_t count, uint64_t offset, uint32_t flags, bool discard)
{
	int err = ksim_diskio_zero(&disk, offset, count, discard);

	if (!err && (flags & NBDKIT_FLAG_FUA))
		err = ksim_diskio_flush(&disk);
	return err ? fail_io(err) : 0;
}

/* A trimmed range reads as zeros on this model (deallocate zeroes). */
static int ksim_plugin_trim(void *handle, uint32_t count, uint64_t offset, uint32_t flags)
{
	return zero_range(count, offset, flags, true);
}

static int ksim_plugin_zero(void *handle, uint32_t count, uint64_t offset, uint32_t flags)
{
	return zero_range(count, offset, flags, flags & NBDKIT_FLAG_MAY_TRIM);
}

static int ksim_plugin_can_true(void *handle)
{
	return 1;
}

static int ksim_plugin_can_fua(void *handle)
{
	return NBDKIT_FUA_NATIVE;
}

static struct nbdkit_plugin plugin = {
	.name			= "ksim",
	.longname		= "ksim: a disk of a simulated Linux machine",
	.version		= "0.1",
	.description		= "Exports one disk of a ksim machine (driver + emulated device)",
	.config_help		= "config=FILE  machine description (configs/*.ini)\n"
				  "disk=NAME    the disk to export (nvme0n1, ...)\n"
				  "log=1        the kernel log on nbdkit's stdout",
	.load			= ksim_plugin_load,
	.unload			= ksim_plugin_unload,
	.config			= ksim_plugin_config,
	.config_complete	= ksim_plugin_config_complete,
	.after_fork		= ksim_plugin_after_fork,
	.cleanup		= ksim_plugin_cleanup,
	.open			= ksim_plugin_open,
	.get_size		= ksim_plugin_get_size,
	.block_size		= ksim_plugin_block_size,
	.can_write		= ksim_plugin_can_true,
	.can_flush		= ksim_plugin_can_true,
	.can_trim		= ksim_plugin_can_true,
	.can_zero		= ksim_plugin_can_true,
	.can_multi_conn		= ksim_plugin_can_true,
	.can_fua		= ksim_plugin_can_fua,
	.pread			= ksim_plugin_pread,
	.pwrite			= ksim_plugin_pwrite,
	.flush			= ksim_plugin_flush,
	.trim			= ksim_plugin_trim,
	.zero			= ksim_plugin_zero,
	.errno_is_preserved	= 0,
};

NBDKIT_REGISTER_PLUGIN(plugin)
