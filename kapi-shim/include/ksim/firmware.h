/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim/firmware.h - where request_firmware() gets its files: the host side
 * (sim/firmware.c) installs a reader; the shim never opens files itself.
 */
#ifndef _KSIM_FIRMWARE_H
#define _KSIM_FIRMWARE_H

#include <stddef.h>

/*
 * Read firmware @name into a buffer from malloc(); 0 with *@data and
 * *@size set, or -errno (-ENOENT when there is no such file).
 */
typedef int (*ksim_firmware_reader_t)(const char *name, void **data,
				      size_t *size);

void ksim_firmware_set_reader(ksim_firmware_reader_t reader);

/*
 * sim/firmware.c: serve files from @dir; -errno if unusable, with
 * "@what: dir: why" in @err (@what names the option or config key).
 */
int ksim_firmware_set_dir(const char *dir, const char *what, char *err, size_t errlen);

#endif
