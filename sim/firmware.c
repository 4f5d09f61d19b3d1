// SPDX-License-Identifier: GPL-2.0
/*
 * sim/firmware.c - serve request_firmware() from a host directory
 * (`ksim --firmware-dir DIR`), as the kernel serves /lib/firmware.  A name
 * may have subdirectories ("vendor/fw.bin") but no ".." component and no
 * leading '/': a driver cannot read outside the directory.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kapi-shim/include/ksim/firmware.h"

static char fw_dir[PATH_MAX];

static bool name_is_safe(const char *name)
{
	const char *p = name;

	if (name[0] == '/')
		return false;
	while (p) {
		if (!strncmp(p, "..", 2) && (p[2] == '/' || p[2] == '\0'))
			return false;
		p = strchr(p, '/');
		if (p)
			p++;
	}
	return true;
}

static int read_from_dir(const char *name, void **data, size_t *size)
{
	char path[PATH_MAX];
	struct stat st;
	FILE *f;
	void *buf;

	if (!name_is_safe(name))
		return -EINVAL;
	if (snprintf(path, sizeof(path), "%s/%s", fw_dir, name) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	f = fopen(path, "rb");
	if (!f)
		return -errno;
	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode)) {
		fclose(f);
		return -ENOENT;
	}
	buf = malloc(st.st_size ? (size_t)st.st_size : 1);
	if (!buf) {
		fclose(f);
		return -ENOMEM;
	}
	if (fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
		free(buf);
		fclose(f);
		return -EIO;
	}
	fclose(f);
	*data = buf;
	*size = (size_t)st.st_size;
	return 0;
}

int ksim_firmware_set_dir(const char *dir, const char *what, char *err, size_t errlen)
{
	struct stat st;

	if (stat(dir, &st)) {
		int e = errno;

		snprintf(err, errlen, "%s: %s: %s", what, dir, strerror(e));
		return -e;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: %s: not a directory", what, dir);
		return -ENOTDIR;
	}
	if (strlen(dir) >= sizeof(fw_dir)) {
		snprintf(err, errlen, "%s: %s: path too long", what, dir);
		return -ENAMETOOLONG;
	}
	strcpy(fw_dir, dir);
	ksim_firmware_set_reader(read_from_dir);
	return 0;
}
