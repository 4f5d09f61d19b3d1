// SPDX-License-Identifier: GPL-2.0
/*
 * tests/fuzz/replay.c - main() of a target built without a fuzzing engine:
 * run each input file (or each file of each directory) once, in order.
 *
 *	build/fuzz/nvme-device crash-file	one input, with its report
 *	build/fuzz/nvme-device tests/fuzz/corpus/nvme-device/	a corpus
 *
 * A finding aborts, as under the engines, so gdb stops right there.
 *
 * KSIM_FUZZ_CHECK=1 runs every input twice and fails if the two runs
 * differ (the scheduler's trace): state that leaks from one
 * execution into the next breaks replay and AFL++'s stability.
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

static bool check_twice;

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (len == cap) {
			uint8_t *more = realloc(buf, cap ? cap * 2 : 4096);

			if (!more) {
				fprintf(stderr, "replay: %s: out of memory\n", path);
				free(buf);
				fclose(f);
				return -1;
			}
			buf = more;
			cap = cap ? cap * 2 : 4096;
		}
		n = fread(buf + len, 1, cap - len, f);
		if (!n)
			break;
		len += n;
	}
	if (ferror(f)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, len);
	if (check_twice) {
		uint64_t first = fuzz_last_trace();

		LLVMFuzzerTestOneInput(buf, len);
		/*
		 * The trace only: the log may differ in what is cosmetic (a kept
		 * module's frames unsymbolized, rate-limited lines counted across
		 * executions), not in what ran.
		 */
		if (fuzz_last_trace() != first) {
			fprintf(stderr, "replay: %s: the second run differs from the first (trace %016llx/%016llx)\n",
				path, (unsigned long long)first, (unsigned long long)fuzz_last_trace());
			free(buf);
			return -1;
		}
	}
	free(buf);
	return 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of @dir, in name order so a replay is the same every time. */
static int run_dir(const char *dir, int *nr)
{
	struct dirent **list;
	char path[4096];
	int i, n, bad = 0;

	n = scandir(dir, &list, NULL, NULL);
	if (n < 0) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	qsort(list, n, sizeof(*list), compare_names);
	for (i = 0; i < n; i++) {
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir, list[i]->d_name);
		if (list[i]->d_name[0] != '.' && !stat(path, &st) && S_ISREG(st.st_mode)) {
			if (run_file(path))
				bad = -1;
			else
				(*nr)++;
		}
		free(list[i]);
	}
	free(list);
	return bad;
}

int main(int argc, char **argv)
{
	int i, nr = 0, bad = 0;
	struct stat st;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...  (run each input once)\n", argv[0]);
		return 2;
	}
	check_twice = getenv("KSIM_FUZZ_CHECK") && *getenv("KSIM_FUZZ_CHECK") == '1';
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st)) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			bad = 1;
		} else if (S_ISDIR(st.st_mode)) {
			bad |= run_dir(argv[i], &nr) ? 1 : 0;
		} else {
			bad |= run_file(argv[i]) ? 1 : 0;
			nr += !bad;
		}
	}
	printf("replay: %d input(s) ran, no finding\n", nr);
	return bad ? 2 : 0;
}
