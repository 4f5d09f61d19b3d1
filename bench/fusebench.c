// SPDX-License-Identifier: GPL-2.0
/*
 * bench/fusebench.c - what a real program pays to reach a simulated disk
 * through ksim's FUSE frontend, against the fastest way to do the same job
 * on this machine, measured in one run (`make bench`):
 *
 *  1. 4 KiB random O_DIRECT preads on the FUSE file, 1 thread (QD1) and 8
 *     threads, against the same loop on a minimal libfuse3 passthrough of a
 *     /dev/shm file (bench/fuse_passthrough.c): the ratio is ksim's cost
 *     (driver, block layer, device model) on top of FUSE's own.
 *  2. mkfs.ext4 + mount -o loop + copy 100 MiB + umount, wall time, on the
 *     FUSE file against a loop device over a /dev/shm file.
 *
 * Repetitions are interleaved (ksim, baseline, ksim, ...) so machine noise
 * hits both; medians are reported with the min..max spread.  Needs root,
 * /dev/fuse and mkfs.ext4; says why and exits 0 when they are missing.
 *
 *   fusebench [--ksim PATH] [--reps N] [--seconds S] [--json FILE]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DISK_SIZE	(256ULL << 20)
#define READ_SPAN	(64ULL << 20)
#define COPY_SIZE	"100M"
#define MAX_REPS	15

static char workdir[] = "/dev/shm/ksim-fusebench.XXXXXX";
static char ksim_mnt[256], pt_mnt[256], ext_mnt[256], shm_disk[256], shm_loop[256];
static pid_t ksim_pid, pt_pid;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	if (st) {
		fprintf(stderr, "fusebench: '%s' failed (%d)\n", cmd, st);
		return -1;
	}
	return 0;
}

static pid_t spawn(char *const argv[], const char *log)
{
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

static int wait_for(const char *path, pid_t pid)
{
	int i;

	for (i = 0; i < 600; i++) {
		if (!access(path, F_OK))
			return 0;
		if (waitpid(pid, NULL, WNOHANG) == pid)
			return -1;
		usleep(100000);
	}
	return -1;
}

/* ---- 4 KiB random O_DIRECT reads ---- */

struct reader {
	const char *path;
	double seconds;
	uint64_t ios;
	int error;
	pthread_t thread;
	unsigned int seed;
};

static void *reader_loop(void *arg)
{
	struct reader *r = arg;
	uint64_t x = 0x9e3779b97f4a7c15ULL * (r->seed + 1);
	double end;
	void *buf;
	int fd = open(r->path, O_RDONLY | O_DIRECT);

	if (fd < 0 || posix_memalign(&buf, 4096, 4096)) {
		r->error = errno ? errno : ENOMEM;
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	end = now() + r->seconds;
	while (now() < end) {
		for (int i = 0; i < 64; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			if (pread(fd, buf, 4096, (off_t)(x % (READ_SPAN / 4096)) * 4096) != 4096) {
				r->error = errno ? errno : EIO;
				goto out;
			}
			r->ios++;
		}
	}
out:
	free(buf);
	close(fd);
	return NULL;
}

static double randread_iops(const char *path, int threads, double seconds)
{
	struct reader r[8];
	uint64_t ios = 0;
	double t0 = now(), t;
	int i;

	for (i = 0; i < threads; i++) {
		r[i] = (struct reader){ .path = path, .seconds = seconds, .seed = i };
		pthread_create(&r[i].thread, NULL, reader_loop, &r[i]);
	}
	for (i = 0; i < threads; i++) {
		pthread_join(r[i].thread, NULL);
		if (r[i].error) {
			fprintf(stderr, "fusebench: reading %s: %s\n", path, strerror(r[i].error));
			return -1;
		}
		ios += r[i].ios;
	}
	t = now() - t0;
	return ios / t;
}

/* ---- mkfs + mount + copy + umount ---- */

static double fs_cycle(const char *dev_or_file)
{
	double t0 = now();

	if (run("mkfs.ext4 -q -F %s", dev_or_file) ||
	    run("mount -o loop %s %s", dev_or_file, ext_mnt) ||
	    run("cp %s/copy-src %s/", workdir, ext_mnt) ||
	    run("umount %s", ext_mnt))
		return -1;
	return now() - t0;
}

/* ---- statistics ---- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

struct series {
	const char *name;
	double v[MAX_REPS];
	int n;
	double median, min, max;
};

static void summarize(struct series *s)
{
	double sorted[MAX_REPS];

	memcpy(sorted, s->v, s->n * sizeof(double));
	qsort(sorted, s->n, sizeof(double), cmp_double);
	s->min = sorted[0];
	s->max = sorted[s->n - 1];
	s->median = s->n % 2 ? sorted[s->n / 2] : (sorted[s->n / 2 - 1] + sorted[s->n / 2]) / 2;
}

static void cleanup(void)
{
	if (ksim_pid > 0) {
		kill(ksim_pid, SIGTERM);
		waitpid(ksim_pid, NULL, 0);
	}
	if (pt_pid > 0) {
		if (run("umount %s 2>/dev/null", pt_mnt))
			kill(pt_pid, SIGTERM);
		waitpid(pt_pid, NULL, 0);
	}
	run("umount -l %s 2>/dev/null; rm -rf %s", ext_mnt, workdir);
}

static const char *skip_reason(void)
{
	if (geteuid())
		return "needs root (loop mounts)";
	if (access("/dev/fuse", R_OK | W_OK))
		return "no usable /dev/fuse";
	if (system("command -v mkfs.ext4 >/dev/null && command -v losetup >/dev/null"))
		return "mkfs.ext4 or losetup not installed";
	return NULL;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ksim", required_argument, NULL, 'k' },
		{ "reps", required_argument, NULL, 'r' },
		{ "seconds", required_argument, NULL, 's' },
		{ "json", required_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *ksim = "./ksim", *json = NULL, *why;
	char self_dir[512], pt_bin[600], cfg[300], log1[300], log2[300], kdisk[300], ptdisk[300];
	char fuse_arg[300];
	struct series s[6] = {
		{ "randread_qd1_ksim" }, { "randread_qd1_passthrough" },
		{ "randread_8t_ksim" }, { "randread_8t_passthrough" },
		{ "fs_cycle_ksim_s" }, { "fs_cycle_shm_loop_s" },
	};
	int reps = 3, opt, i, k, status = 1;
	double seconds = 2;
	ssize_t n;
	FILE *f;

	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'k': ksim = optarg; break;
		case 'r': reps = atoi(optarg); break;
		case 's': seconds = atof(optarg); break;
		case 'j': json = optarg; break;
		default:
			fprintf(stderr, "usage: fusebench [--ksim PATH] [--reps N] [--seconds S] [--json FILE]\n");
			return 2;
		}
	}
	if (reps < 1 || reps > MAX_REPS || seconds <= 0) {
		fprintf(stderr, "fusebench: --reps 1..%d, --seconds > 0\n", MAX_REPS);
		return 2;
	}
	why = skip_reason();
	if (why) {
		printf("fusebench: skipped: %s\n", why);
		return 0;
	}
	n = readlink("/proc/self/exe", self_dir, sizeof(self_dir) - 1);
	self_dir[n > 0 ? n : 0] = 0;
	if (strrchr(self_dir, '/'))
		*strrchr(self_dir, '/') = 0;
	snprintf(pt_bin, sizeof(pt_bin), "%s/fuse_passthrough", self_dir);

	if (!mkdtemp(workdir)) {
		perror("fusebench: mkdtemp");
		return 1;
	}
	atexit(cleanup);
	snprintf(ksim_mnt, sizeof(ksim_mnt), "%s/k", workdir);
	snprintf(pt_mnt, sizeof(pt_mnt), "%s/p", workdir);
	snprintf(ext_mnt, sizeof(ext_mnt), "%s/ext4", workdir);
	snprintf(shm_disk, sizeof(shm_disk), "%s/pt-disk", workdir);
	snprintf(shm_loop, sizeof(shm_loop), "%s/loop-disk", workdir);
	snprintf(cfg, sizeof(cfg), "%s/bench.ini", workdir);
	snprintf(log1, sizeof(log1), "%s/ksim.log", workdir);
	snprintf(log2, sizeof(log2), "%s/passthrough.log", workdir);
	snprintf(kdisk, sizeof(kdisk), "%s/nvme0n1", ksim_mnt);
	snprintf(ptdisk, sizeof(ptdisk), "%s/disk", pt_mnt);
	if (run("mkdir -p %s %s %s", ksim_mnt, pt_mnt, ext_mnt) ||
	    run("head -c %llu /dev/urandom > %s", READ_SPAN, shm_disk) ||
	    run("truncate -s %llu %s %s", DISK_SIZE, shm_disk, shm_loop) ||
	    run("head -c %s /dev/urandom > %s/copy-src", COPY_SIZE, workdir))
		return 1;
	f = fopen(cfg, "w");
	if (!f)
		return 1;
	/* The driver and model as configs/nvme.ini has them; one 256 MiB RAM namespace. */
	/* FUSEBENCH_NVME="key = value" adds a line to [nvme0] (e.g. spin_us = 200). */
	fprintf(f, "[kernel]\ncpus = 2\n[nvme0]\nqueues = 2\nns1.size = %llu\n%s\n"
		"[module nvme-core]\npath = drivers/nvme/host/nvme-core.ko\n"
		"[module nvme]\npath = drivers/nvme/host/nvme.ko\n%s", DISK_SIZE,
		getenv("FUSEBENCH_NVME") ? getenv("FUSEBENCH_NVME") : "", getenv("FUSEBENCH_POLLED") ? "poll_queues = 1\n[fuse]\npolled = 1\n" : "");
	fclose(f);
	snprintf(fuse_arg, sizeof(fuse_arg), "--fuse=%s", ksim_mnt);
	ksim_pid = spawn((char *[]){ (char *)ksim, "-q", "-c", cfg, fuse_arg, "--run-time=inf", NULL },
			 log1);
	pt_pid = spawn((char *[]){ pt_bin, shm_disk, pt_mnt, NULL }, log2);
	if (wait_for(kdisk, ksim_pid) || wait_for(ptdisk, pt_pid)) {
		fprintf(stderr, "fusebench: a mount did not come up (logs: %s, %s)\n", log1, log2);
		run("cat %s %s >&2", log1, log2);
		return 1;
	}
	/* The same data behind both: reads of written blocks, not of holes. */
	if (run("dd if=%s of=%s bs=1M count=%llu oflag=direct conv=notrunc status=none",
		shm_disk, kdisk, READ_SPAN >> 20))
		return 1;

	printf("fusebench: %d interleaved repetitions, %.1f s per read measurement\n", reps, seconds);
	for (i = 0; i < reps; i++) {
		s[0].v[i] = randread_iops(kdisk, 1, seconds);
		s[1].v[i] = randread_iops(ptdisk, 1, seconds);
		s[2].v[i] = randread_iops(kdisk, 8, seconds);
		s[3].v[i] = randread_iops(ptdisk, 8, seconds);
		s[4].v[i] = fs_cycle(kdisk);
		s[5].v[i] = fs_cycle(shm_loop);
		for (k = 0; k < 6; k++) {
			if (s[k].v[i] < 0)
				return 1;
			s[k].n++;
		}
	}
	for (k = 0; k < 6; k++)
		summarize(&s[k]);

	printf("\n%-34s %12s %12s %12s\n", "measurement", "median", "min", "max");
	for (k = 0; k < 6; k++)
		printf("%-34s %12.1f %12.1f %12.1f\n", s[k].name, s[k].median, s[k].min, s[k].max);
	printf("\nratio ksim / passthrough, 4 KiB randread QD1:      %.2fx (goal >= 0.8x)\n",
	       s[0].median / s[1].median);
	printf("ratio ksim / passthrough, 4 KiB randread 8 threads: %.2fx (goal >= 0.8x)\n",
	       s[2].median / s[3].median);
	printf("mkfs+mount+copy %s+umount: ksim %.2f s, loop on /dev/shm %.2f s (%.2fx the time)\n",
	       COPY_SIZE, s[4].median, s[5].median, s[4].median / s[5].median);

	if (json) {
		f = fopen(json, "w");
		if (!f) {
			fprintf(stderr, "fusebench: %s: %s\n", json, strerror(errno));
			return 1;
		}
		fprintf(f, "{\"reps\":%d,\"seconds\":%.1f,", reps, seconds);
		for (k = 0; k < 6; k++) {
			fprintf(f, "\"%s\":{\"median\":%.3f,\"min\":%.3f,\"max\":%.3f,\"runs\":[",
				s[k].name, s[k].median, s[k].min, s[k].max);
			for (i = 0; i < s[k].n; i++)
				fprintf(f, "%s%.3f", i ? "," : "", s[k].v[i]);
			fprintf(f, "]},");
		}
		fprintf(f, "\"ratio_randread_qd1\":%.3f,\"ratio_randread_8t\":%.3f,"
			"\"ratio_fs_cycle_time\":%.3f}\n", s[0].median / s[1].median,
			s[2].median / s[3].median, s[4].median / s[5].median);
		fclose(f);
	}
	status = 0;
	return status;
}
