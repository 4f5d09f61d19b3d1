// SPDX-License-Identifier: GPL-2.0
/*
 * tests/fuzz/stability/main.c - main() of a target built with clang's
 * -fsanitize-coverage=trace-pc-guard (make fuzz-build FUZZ_ENGINE=stability):
 * AFL++'s stability measured without AFL++, with the code that varies named.
 *
 *	build-fuzz/stability-address-undefined/build/fuzz/<t> [-n PASSES] [-m MUTANTS] FILE|DIR...
 *
 * AFL++ runs an input several times in one persistent process and calls a
 * map byte "variable" when its hit count, as an 8-bit counter in AFL++'s
 * buckets (see bucket()), is not the same every time.  This runs the
 * engine's set-up (the warm-up execution), then every input once per pass,
 * PASSES times (3 unless -n says otherwise), all in this process, with the
 * heap shifted between passes (shift_heap()), and compares each input's
 * coverage in every pass with its first: an edge whose bucket differs is
 * printed with its source line (through llvm-symbolizer when it is
 * installed) and makes the exit status 1.  Going round all the inputs
 * between two runs of one also shows state that one input leaves for
 * another, as a campaign mixes inputs; -m N goes further: N mutants of the
 * corpus, each followed by a corpus input checked against its first run
 * (run_mutants()).
 *
 * Not seen: AFL++'s pcguard pass also instruments select instructions,
 * clang's trace-pc-guard only branches, so a select that depends on
 * history counts for AFL++ alone.
 *
 * The callbacks below are SanitizerCoverage's interface: the guards of
 * the binary and of every module (bound at load through -rdynamic) are
 * numbered from 1 as they register; a kept-mapped module keeps its numbers.
 */
#define _GNU_SOURCE	/* dladdr() */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

#define MAX_GUARDS	(1u << 21)
#define MAX_INPUTS	4096

static uint32_t nr_guards;
static uint32_t counts[MAX_GUARDS];
static void *guard_pc[MAX_GUARDS];

void __sanitizer_cov_trace_pc_guard_init(uint32_t *start, uint32_t *stop)
{
	uint32_t *g;

	if (start == stop || *start)
		return;		/* already numbered (a module mapped again) */
	for (g = start; g < stop; g++)
		*g = nr_guards < MAX_GUARDS - 1 ? ++nr_guards : 0;
}

void __sanitizer_cov_trace_pc_guard(uint32_t *guard)
{
	uint32_t id = *guard;

	if (!id)
		return;
	if (counts[id] != UINT32_MAX)
		counts[id]++;
	if (!guard_pc[id])
		guard_pc[id] = __builtin_return_address(0);
}

/*
 * AFL++'s view of a hit count: its map holds 8-bit counters that skip zero
 * when they wrap (NeverZero: 255 + 1 is 1), classified into buckets
 * (afl-fuzz's count_class_lookup8).  So 300 and 301 hits differ to AFL++.
 */
static uint8_t bucket(uint32_t n)
{
	if (n > 255)
		n = (n - 1) % 255 + 1;
	if (n <= 3)
		return n;
	if (n <= 7)
		return 4;
	if (n <= 15)
		return 5;
	if (n <= 31)
		return 6;
	if (n <= 127)
		return 7;
	return 8;
}

struct input {
	char *path;
	uint8_t *data;
	size_t len;
	uint8_t *first;		/* the buckets of its first run */
};

static struct input inputs[MAX_INPUTS];
static int nr_inputs;
static uint8_t *variable;	/* edges found variable, to print each once */

static int add_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct input *in;
	long n;

	if (!f) {
		fprintf(stderr, "stability: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (nr_inputs == MAX_INPUTS) {
		fprintf(stderr, "stability: %s: more than %d inputs\n", path, MAX_INPUTS);
		fclose(f);
		return -1;
	}
	in = &inputs[nr_inputs];
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "stability: %s: cannot size\n", path);
		fclose(f);
		return -1;
	}
	in->data = malloc(n ? n : 1);
	in->path = strdup(path);
	if (!in->data || !in->path || fread(in->data, 1, n, f) != (size_t)n) {
		fprintf(stderr, "stability: %s: read error\n", path);
		fclose(f);
		return -1;
	}
	in->len = n;
	fclose(f);
	nr_inputs++;
	return 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_path(const char *path)
{
	struct dirent **list;
	char sub[4096];
	struct stat st;
	int i, n, bad = 0;

	if (stat(path, &st)) {
		fprintf(stderr, "stability: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return add_file(path);
	n = scandir(path, &list, NULL, NULL);
	if (n < 0) {
		fprintf(stderr, "stability: %s: %s\n", path, strerror(errno));
		return -1;
	}
	qsort(list, n, sizeof(*list), compare_names);
	for (i = 0; i < n; i++) {
		snprintf(sub, sizeof(sub), "%s/%s", path, list[i]->d_name);
		if (list[i]->d_name[0] != '.' && !stat(sub, &st) && S_ISREG(st.st_mode))
			bad |= add_file(sub);
		free(list[i]);
	}
	free(list);
	return bad;
}

/* "object+0xoffset (function file:line)" of a guard, for the report. */
static void print_where(FILE *out, uint32_t id)
{
	static bool have_symbolizer = true;
	void *pc = guard_pc[id];
	char cmd[4608], line[1024];
	Dl_info info;
	FILE *p;

	if (!pc || !dladdr(pc, &info) || !info.dli_fname) {
		fprintf(out, "guard %u (pc %p)\n", id, pc);
		return;
	}
	fprintf(out, "%s+0x%lx", info.dli_fname,
		(unsigned long)((char *)pc - (char *)info.dli_fbase));
	if (have_symbolizer) {
		/* The return address is just after the call; step back into it. */
		snprintf(cmd, sizeof(cmd), "llvm-symbolizer --obj='%s' 0x%lx 2>/dev/null",
			 info.dli_fname, (unsigned long)((char *)pc - (char *)info.dli_fbase) - 1);
		p = popen(cmd, "r");
		if (!p) {
			have_symbolizer = false;
		} else {
			while (fgets(line, sizeof(line), p))
				if (line[0] != '\n') {
					line[strcspn(line, "\n")] = 0;
					fprintf(out, " %s", line);
				}
			if (pclose(p))
				have_symbolizer = false;
		}
	}
	fputc('\n', out);
}

/* Run @in once; compare with its first run (or keep this one as the first). */
static int run(struct input *in, int pass)
{
	uint32_t id, n = 0;
	int bad = 0;

	memset(counts, 0, sizeof(counts[0]) * (nr_guards + 1));
	LLVMFuzzerTestOneInput(in->data, in->len);
	if (!in->first) {
		in->first = calloc(1, MAX_GUARDS);
		if (!in->first)
			abort();
		for (id = 1; id <= nr_guards; id++)
			in->first[id] = bucket(counts[id]);
		return 0;
	}
	for (id = 1; id <= nr_guards; id++) {
		uint8_t b = bucket(counts[id]);

		if (b == in->first[id])
			continue;
		n++;
		bad = 1;
		if (variable[id])
			continue;
		variable[id] = 1;
		printf("  %s pass %d: bucket %u, first run %u: ", in->path, pass, b, in->first[id]);
		print_where(stdout, id);
	}
	if (n)
		printf("stability: %s: pass %d: %u edge(s) differ from its first run\n",
		       in->path, pass, n);
	return bad;
}

/*
 * Before pass @pass, move where the heap puts the next objects: @pass more
 * blocks of every small size, kept to the end.  A campaign runs thousands
 * of other inputs between two runs of one, and under ASan no address comes
 * back soon; a few passes over a small corpus would keep the heap too
 * still to show code that branches on where an object lies.
 */
static void shift_heap(int pass)
{
	static void **kept;
	static size_t nr_kept;
	size_t size, i;
	void **more;

	more = realloc(kept, (nr_kept + 256 * pass) * sizeof(*kept));
	if (!more)
		abort();
	kept = more;
	for (size = 16; size <= 4096; size += 16)
		for (i = 0; i < (size_t)pass; i++) {
			kept[nr_kept] = malloc(size + 8 * (pass & 1));
			if (!kept[nr_kept++])
				abort();
		}
}

/* ---- -m: other inputs in between, as a campaign runs them ---- */

static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Mutant @k of the corpus, always the same for the same @k (AFL++-like havoc, simplified). */
static size_t make_mutant(uint64_t k, uint8_t *buf, size_t cap)
{
	const struct input *in, *other;
	size_t len, i, n;

	rng_state = k * 0x9e3779b97f4a7c15ULL + 1;
	in = &inputs[rng() % nr_inputs];
	len = in->len < cap ? in->len : cap;
	memcpy(buf, in->data, len);
	if (len < cap && rng() % 4 == 0) {
		n = 1 + rng() % 32;
		if (len + n > cap)
			n = cap - len;
		for (i = 0; i < n; i++)
			buf[len++] = rng();
	}
	for (n = 1 + rng() % 8; n && len; n--) {
		i = rng() % len;
		switch (rng() % 4) {
		case 0: buf[i] ^= 1u << (rng() % 8); break;
		case 1: buf[i] = rng(); break;
		case 2: buf[i] += (uint8_t)(rng() % 35) - 17; break;
		default:
			other = &inputs[rng() % nr_inputs];
			if (other->len)
				buf[i] = other->data[rng() % other->len];
			break;
		}
	}
	return len;
}

/*
 * Mutants 1..@nr_mutants, each followed by a run of one corpus input that
 * is compared with that input's first run in the same process.  Each
 * process starts from the state after the warm-up, as AFL++'s fork server
 * gives it; a mutant that crashes (a finding: replay it with the plain
 * target) ends its process and the next one goes on after it.
 */
/* A child's exit status that says "unstable" (ASan's own is 1). */
#define UNSTABLE_EXIT	97

static int run_mutants(uint64_t nr_mutants)
{
	static uint8_t buf[1 << 16];
	uint64_t *next = mmap(NULL, sizeof(*next), PROT_READ | PROT_WRITE,
			      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int bad = 0, status, i;
	pid_t pid;

	if (next == MAP_FAILED)
		return 2;
	*next = 1;
	while (*next <= nr_mutants) {
		fflush(stdout);
		pid = fork();
		if (pid < 0)
			return 2;
		if (!pid) {
			for (i = 0; i < nr_inputs; i++) {
				free(inputs[i].first);
				inputs[i].first = NULL;
				run(&inputs[i], 1);
			}
			for (; *next <= nr_mutants; (*next)++) {
				uint64_t k = *next;
				size_t len = make_mutant(k, buf, sizeof(buf));
				struct input *in = &inputs[k % nr_inputs];

				LLVMFuzzerTestOneInput(buf, len);
				if (run(in, 2)) {
					printf("stability: after mutant %llu (-m: the mutant, then %s)\n",
					       (unsigned long long)k, in->path);
					fflush(stdout);
					_exit(UNSTABLE_EXIT);
				}
			}
			fflush(stdout);
			_exit(0);
		}
		if (waitpid(pid, &status, 0) < 0)
			return 2;
		if (WIFEXITED(status) && WEXITSTATUS(status) == UNSTABLE_EXIT) {
			bad = 1;
			break;
		}
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			continue;
		printf("stability: mutant %llu crashed (a finding, not a stability matter); going on\n",
		       (unsigned long long)*next);
		(*next)++;
	}
	printf("stability: %llu mutant(s), each followed by a corpus input: %s\n",
	       (unsigned long long)nr_mutants, bad ? "UNSTABLE" : "stable");
	return bad;
}

int main(int argc, char **argv)
{
	int i, pass, passes = 3, bad = 0, nr_variable = 0;
	unsigned long long mutants = 0;
	uint32_t id, nr_seen = 0;

	while (argc > 2 && (!strcmp(argv[1], "-n") || !strcmp(argv[1], "-m"))) {
		if (argv[1][1] == 'n')
			passes = atoi(argv[2]);
		else
			mutants = strtoull(argv[2], NULL, 10);
		argc -= 2;
		argv += 2;
	}
	if (argc < 2 || passes < 2) {
		fprintf(stderr, "usage: %s [-n PASSES>=2] [-m MUTANTS] FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++)
		if (add_path(argv[i]))
			return 2;
	variable = calloc(1, MAX_GUARDS);
	if (!variable)
		return 2;
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (pass = 1; pass <= passes; pass++) {
		if (pass > 1)
			shift_heap(pass);
		for (i = 0; i < nr_inputs; i++)
			bad |= run(&inputs[i], pass);
	}
	for (id = 1; id <= nr_guards; id++) {
		nr_variable += variable[id];
		for (i = 0; i < nr_inputs; i++)
			if (inputs[i].first[id]) {
				nr_seen++;
				break;
			}
	}
	printf("stability: %d input(s) x %d passes, %u edges of %u hit, %d variable: %s\n",
	       nr_inputs, passes, nr_seen, nr_guards, nr_variable, bad ? "UNSTABLE" : "stable");
	if (mutants)
		bad |= run_mutants(mutants);
	return bad;
}
