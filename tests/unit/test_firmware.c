// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_firmware.c - drivers/base/firmware.c with sim/firmware.c:
 * files come from the --firmware-dir directory, a missing one is -ENOENT
 * (warned unless _nowarn), names cannot escape the directory, into_buf
 * checks the size, the async form calls back from a worker.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "ktest.h"

#include <linux/firmware.h>
#include <linux/completion.h>
#include <linux/module.h>
#include <ksim/firmware.h>

static char dir[64];

static void setup(void)
{
	char path[128];
	FILE *f;

	ktest_boot();
	strcpy(dir, "/tmp/ksim-fw-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/vendor", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/vendor/fw.bin", dir);
	f = fopen(path, "wb");
	fwrite("\x01\x02\x03\x04\x05", 1, 5, f);
	fclose(f);
}

static void teardown(void)
{
	char cmd[128];

	ktest_shutdown();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	(void)system(cmd);
}

static char fw_err[512];

TestSuite(firmware, .init = setup, .fini = teardown);

Test(firmware, loads_from_the_directory)
{
	const struct firmware *fw;

	cr_assert_eq(ksim_firmware_set_dir(dir, "--firmware-dir", fw_err, sizeof(fw_err)), 0);
	cr_assert_eq(request_firmware(&fw, "vendor/fw.bin", NULL), 0);
	cr_assert_eq(fw->size, 5);
	cr_assert_eq(fw->data[4], 5);
	release_firmware(fw);
	release_firmware(NULL);
}

Test(firmware, missing_and_escaping_names)
{
	const struct firmware *fw = (void *)1;

	cr_assert_eq(ksim_firmware_set_dir(dir, "--firmware-dir", fw_err, sizeof(fw_err)), 0);
	cr_assert_eq(firmware_request_nowarn(&fw, "nope.bin", NULL), -ENOENT);
	cr_assert_null(fw);
	cr_assert_eq(firmware_request_nowarn(&fw, "../etc/passwd", NULL), -EINVAL);
	cr_assert_eq(firmware_request_nowarn(&fw, "/etc/passwd", NULL), -EINVAL);
	cr_assert_eq(request_firmware(&fw, "nope.bin", NULL), -ENOENT);
	cr_assert(ksim_dmesg_contains("Direct firmware load for nope.bin failed with error -2"));
	cr_assert_neq(ksim_firmware_set_dir("/nonexistent-ksim", "--firmware-dir", fw_err, sizeof(fw_err)), 0);
	cr_assert(strstr(fw_err, "--firmware-dir: /nonexistent-ksim: No such file or directory"));
}

Test(firmware, into_buf_checks_size)
{
	const struct firmware *fw;
	u8 small[4], big[16];

	cr_assert_eq(ksim_firmware_set_dir(dir, "--firmware-dir", fw_err, sizeof(fw_err)), 0);
	cr_assert_eq(request_firmware_into_buf(&fw, "vendor/fw.bin", NULL, small,
					       sizeof(small)), -EFBIG);
	cr_assert_eq(request_firmware_into_buf(&fw, "vendor/fw.bin", NULL, big,
					       sizeof(big)), 0);
	cr_assert_eq(fw->data, big);
	cr_assert_eq(big[0], 1);
	release_firmware(fw);
}

static DECLARE_COMPLETION(loaded);
static size_t loaded_size;

static void fw_cont(const struct firmware *fw, void *context)
{
	loaded_size = fw ? fw->size : 0;
	release_firmware(fw);
	complete(&loaded);
}

Test(firmware, nowait_calls_back)
{
	cr_assert_eq(ksim_firmware_set_dir(dir, "--firmware-dir", fw_err, sizeof(fw_err)), 0);
	cr_assert_eq(request_firmware_nowait(NULL, FW_ACTION_UEVENT, "vendor/fw.bin",
					     NULL, GFP_KERNEL, NULL, fw_cont), 0);
	cr_assert(wait_for_completion_timeout(&loaded, 10 * HZ));
	cr_assert_eq(loaded_size, 5);
}
