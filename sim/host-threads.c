// SPDX-License-Identifier: GPL-2.0
/*
 * sim/host-threads.c - the "threads" host backend: one pthread per kernel
 * task, the real monotonic clock, futex(2) for wait and wake.
 *
 * This is the only file (with the deterministic backend to come) that may
 * call pthreads, clocks and sleeps.  It is used by benchmarks and for real
 * concurrency under TSan or helgrind.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <time.h>
#include <stdbool.h>
#include <unistd.h>

#include "host.h"

struct ksim_host_task {
	pthread_t thread;
	ksim_host_task_fn fn;
	void *arg;
	char name[16];
};

static int64_t boot_ns;
static pthread_key_t priv_key;
static pthread_once_t priv_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t console_lock = PTHREAD_MUTEX_INITIALIZER;

/* Per-thread copy of the pointer: task_get_priv is on every `current`. */
static __thread void *tls_priv;

/*
 * The hung-task watchdog (off unless params->hung_timeout_ns): every thread
 * that waits is known by a record saying whether it is blocked without a
 * deadline, since when and on what, for the report; the shim decides who
 * is hung (kernel/hung_task.c).
 */
struct thread_rec {
	pthread_t thread;
	char name[16];
	void *priv;
	int blocked;			/* in a wait without deadline */
	int64_t since;
	const void *word;
	void *site;
	struct thread_rec *next;
};

static struct {
	int64_t timeout_ns;
	void (*hung)(bool deadlock);
	pthread_t thread;
	int running;
	pthread_mutex_t lock;
	struct thread_rec *recs;
} wd = { .lock = PTHREAD_MUTEX_INITIALIZER };

static __thread struct thread_rec *tls_rec;

static int64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t threads_now_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC) - boot_ns;
}

static int64_t threads_realtime_ns(void)
{
	return clock_ns(CLOCK_REALTIME);
}

static struct timespec abs_monotonic(int64_t deadline_ns)
{
	int64_t abs_ns = deadline_ns + boot_ns;
	struct timespec ts = {
		.tv_sec = abs_ns / 1000000000,
		.tv_nsec = abs_ns % 1000000000,
	};
	return ts;
}

/* ---- tasks ---- */

struct priv_slot {
	void *priv;
	void (*release)(void *priv);
	struct thread_rec *rec;
};

static void rec_forget(struct thread_rec *rec)
{
	struct thread_rec **pp;

	pthread_mutex_lock(&wd.lock);
	for (pp = &wd.recs; *pp; pp = &(*pp)->next) {
		if (*pp == rec) {
			*pp = rec->next;
			break;
		}
	}
	pthread_mutex_unlock(&wd.lock);
	free(rec);
}

static void priv_destroy(void *p)
{
	struct priv_slot *slot = p;

	if (slot->release)
		slot->release(slot->priv);
	if (slot->rec)
		rec_forget(slot->rec);
	free(slot);
}

static void priv_key_create(void)
{
	pthread_key_create(&priv_key, priv_destroy);
}

static struct priv_slot *my_slot(void)
{
	struct priv_slot *slot;

	pthread_once(&priv_once, priv_key_create);
	slot = pthread_getspecific(priv_key);
	if (!slot) {
		slot = calloc(1, sizeof(*slot));
		if (!slot)
			abort();
		pthread_setspecific(priv_key, slot);
	}
	return slot;
}

static void threads_task_set_priv(void *priv, void (*release)(void *))
{
	struct priv_slot *slot = my_slot();

	slot->priv = priv;
	slot->release = release;
	tls_priv = priv;
	if (tls_rec)
		tls_rec->priv = priv;
}

/* This thread's watchdog record, made the first time it waits. */
static struct thread_rec *my_rec(void)
{
	struct thread_rec *rec = tls_rec;

	if (rec)
		return rec;
	rec = calloc(1, sizeof(*rec));
	if (!rec)
		return NULL;
	rec->thread = pthread_self();
	pthread_getname_np(rec->thread, rec->name, sizeof(rec->name));
	rec->priv = tls_priv;
	my_slot()->rec = rec;
	pthread_mutex_lock(&wd.lock);
	rec->next = wd.recs;
	wd.recs = rec;
	pthread_mutex_unlock(&wd.lock);
	tls_rec = rec;
	return rec;
}

static void wd_block(int64_t deadline_ns, const void *word, void *site)
{
	struct thread_rec *rec;

	if (!wd.timeout_ns || deadline_ns != KSIM_HOST_FOREVER)
		return;
	rec = my_rec();
	if (!rec)
		return;
	rec->since = threads_now_ns();
	rec->word = word;
	rec->site = site;
	__atomic_store_n(&rec->blocked, 1, __ATOMIC_RELEASE);
}

static void wd_unblock(void)
{
	if (!wd.timeout_ns)
		return;
	if (tls_rec)
		__atomic_store_n(&tls_rec->blocked, 0, __ATOMIC_RELEASE);
}

static void *threads_task_get_priv(void)
{
	return tls_priv;
}

static void *task_trampoline(void *p)
{
	struct ksim_host_task *task = p;

	pthread_setname_np(pthread_self(), task->name);
	task->fn(task->arg);
	return NULL;
}

static int threads_task_create(struct ksim_host_task **out, const char *name,
			       ksim_host_task_fn fn, void *arg)
{
	struct ksim_host_task *task = calloc(1, sizeof(*task));
	int err;

	if (!task)
		return -ENOMEM;
	task->fn = fn;
	task->arg = arg;
	/* Thread names are 15 characters at most; keep the tail, it is the distinctive part. */
	if (name) {
		size_t len = strlen(name);

		strncpy(task->name, len > 15 ? name + len - 15 : name, 15);
	}
	err = pthread_create(&task->thread, NULL, task_trampoline, task);
	if (err) {
		free(task);
		return -err;
	}
	*out = task;
	return 0;
}

static void threads_task_join(struct ksim_host_task *task)
{
	pthread_join(task->thread, NULL);
	free(task);
}

static void threads_yield(void)
{
	sched_yield();
}

/* ---- wait and wake ---- */

static int threads_wait(uint32_t *word, uint32_t expected, int64_t deadline_ns)
{
	struct timespec ts, *tsp = NULL;
	long ret;

	if (deadline_ns != KSIM_HOST_FOREVER) {
		if (deadline_ns <= threads_now_ns())
			return __atomic_load_n(word, __ATOMIC_ACQUIRE) == expected ?
				-ETIMEDOUT : -EAGAIN;
		ts = abs_monotonic(deadline_ns);
		tsp = &ts;
	}
	wd_block(deadline_ns, word, __builtin_return_address(0));
	/* FUTEX_WAIT_BITSET takes an absolute CLOCK_MONOTONIC deadline. */
	ret = syscall(SYS_futex, word, FUTEX_WAIT_BITSET_PRIVATE, expected,
		      tsp, NULL, FUTEX_BITSET_MATCH_ANY);
	wd_unblock();
	if (ret == 0)
		return 0;
	if (errno == EAGAIN)
		return -EAGAIN;
	if (errno == ETIMEDOUT)
		return -ETIMEDOUT;
	return 0;	/* EINTR: a spurious wake-up, callers re-check */
}

static void threads_wake(uint32_t *word, int nr)
{
	syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, nr, NULL, NULL, 0);
}

/* ---- time ---- */

static void threads_sleep_until(int64_t deadline_ns)
{
	struct timespec ts = abs_monotonic(deadline_ns);

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

static void threads_delay_ns(int64_t ns)
{
	int64_t end = threads_now_ns() + ns;

	while (threads_now_ns() < end)
		__builtin_ia32_pause();
}

/* ---- console ---- */

static void threads_console_write(const char *buf, size_t len)
{
	pthread_mutex_lock(&console_lock);
	ksim_host_write_all(STDOUT_FILENO, buf, len);
	pthread_mutex_unlock(&console_lock);
}

/* ---- randomness ---- */

/* splitmix64: small, fast, and good enough for fault injection and jitter. */
static _Atomic uint64_t rng_state;

static uint64_t threads_random_u64(void)
{
	uint64_t z = atomic_fetch_add(&rng_state, 0x9e3779b97f4a7c15ULL) +
		     0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* ---- machine ---- */

static __attribute__((noreturn)) void threads_halt(int status)
{
	/* The console is written with write(2): nothing is buffered. */
	_exit(status);
}

/* ---- the hung-task watchdog ---- */

/* khungtaskd's round every timeout/4 (at most 1 s): the shim decides. */
static void *wd_loop(void *unused)
{
	pthread_setname_np(pthread_self(), "khungtaskd");
	for (;;) {
		int64_t period = wd.timeout_ns / 4;
		struct timespec ts;

		if (period > 1000000000)
			period = 1000000000;
		ts = abs_monotonic(threads_now_ns() + period);
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
			;
		wd.hung(false);
	}
	return NULL;
}

static void threads_for_each_blocked(void (*fn)(const struct ksim_host_blocked *b, void *arg),
				     void *arg)
{
	struct ksim_host_blocked b;
	struct thread_rec *rec;
	int64_t now = threads_now_ns();

	pthread_mutex_lock(&wd.lock);
	for (rec = wd.recs; rec; rec = rec->next) {
		if (!__atomic_load_n(&rec->blocked, __ATOMIC_ACQUIRE))
			continue;
		memset(&b, 0, sizeof(b));
		b.priv = rec->priv;
		b.name = rec->name;
		b.word = rec->word;
		b.blocked_ns = now - rec->since;
		b.nr_frames = ksim_host_thread_stack((unsigned long)rec->thread, b.frames,
						     (int)(sizeof(b.frames) / sizeof(b.frames[0])));
		b.nr_frames = ksim_host_trim_stack(b.frames, b.nr_frames, rec->site);
		fn(&b, arg);
	}
	pthread_mutex_unlock(&wd.lock);
}

static int threads_setup(const struct ksim_host_params *params);

static int threads_stack_trace(void **frames, int max, int skip)
{
	/* +1: this wrapper's own frame. */
	return ksim_backtrace_capture(frames, max, skip + 1);
}

const struct ksim_host_ops ksim_host_threads = {
	.version	= KSIM_HOST_VERSION,
	.name		= "threads",
	.setup		= threads_setup,
	.task_create	= threads_task_create,
	.task_join	= threads_task_join,
	.task_set_priv	= threads_task_set_priv,
	.task_get_priv	= threads_task_get_priv,
	.yield		= threads_yield,
	.sched_point	= NULL,	/* every task has a CPU of its own */
	.wait		= threads_wait,
	.wake		= threads_wake,
	.now_ns		= threads_now_ns,
	.realtime_ns	= threads_realtime_ns,
	.sleep_until	= threads_sleep_until,
	.delay_ns	= threads_delay_ns,
	.mem_alloc	= ksim_host_heap_alloc,
	.mem_free	= ksim_host_heap_free,
	.console_write	= threads_console_write,
	.random_u64	= threads_random_u64,
	.stack_trace	= threads_stack_trace,
	.symbolize	= ksim_backtrace_symbolize,
	.for_each_blocked = threads_for_each_blocked,
	.trace_hash	= NULL,	/* real threads, real time: not reproducible */
	.halt		= threads_halt,
};

static int threads_setup(const struct ksim_host_params *params)
{
	uint64_t seed = params->seed;

	boot_ns = clock_ns(CLOCK_MONOTONIC);
	if (!seed && getrandom(&seed, sizeof(seed), 0) != sizeof(seed))
		seed = (uint64_t)boot_ns;
	atomic_store(&rng_state, seed);
	/* One watchdog per process, started by the first boot that asks for it. */
	if (params->hung && params->hung_timeout_ns > 0 && !wd.running) {
		wd.hung = params->hung;
		wd.timeout_ns = params->hung_timeout_ns;
		my_rec();
		if (pthread_create(&wd.thread, NULL, wd_loop, NULL) == 0) {
			pthread_detach(wd.thread);
			wd.running = 1;
		} else {
			wd.timeout_ns = 0;
		}
	}
	return 0;
}
