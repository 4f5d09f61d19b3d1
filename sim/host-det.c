// SPDX-License-Identifier: GPL-2.0
/*
 * sim/host-det.c - the deterministic host backend: one task at a time,
 * the next one chosen by a seeded generator at scheduling points, virtual
 * time.  The same seed and the same inputs give the same run, so a failure
 * seen once replays with --seed, under gdb too.
 *
 * Each task is still a host thread (so gdb and valgrind see every task
 * with its name and a stack of its own, and ASan/TSan need nothing
 * special), but only the thread holding the CPU runs: the others sleep on
 * a futex word of their own ("go") until the running one hands the CPU
 * over.  Or, when asked (params->fibers: fuzzing), each task is a fiber
 * on the booting thread (sim/fiber.c) and a hand-over is a register
 * switch; the choices, and so the run, are the same either way.
 * A hand-over happens only inside the host calls that are
 * scheduling points: wait, wake (when it woke someone), yield,
 * sched_point, sleep_until, delay_ns, task_create and a task's exit.
 * Everything in between runs alone, so the scheduler's state needs no
 * lock: only the task holding the CPU touches it.
 *
 * Time is virtual.  It moves forward by DET_CLOCK_READ_NS at every reading
 * (so a loop that polls the clock ends, and a workload of N requests takes
 * time in proportion to N) and jumps to the earliest deadline when every
 * task is blocked.  When every task is blocked and none has a deadline,
 * nothing can ever run again: that is a deadlock, and the hung-task upcall
 * reports it at once.
 *
 * Strategies (anchors: shuttle, loom, and the PCT paper by Burckhardt et
 * al.): "random" picks uniformly among the runnable tasks at every point;
 * "pct:D" gives every task a random priority, always runs the highest,
 * and at D-1 random steps drops the running task below all others.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fiber.h"
#include "host.h"

/* What one reading of the clock costs in virtual time. */
#define DET_CLOCK_READ_NS	1000
/* The virtual wall clock starts here (2026-01-01T00:00:00Z): runs never see the real date. */
#define DET_EPOCH_NS		(1767225600LL * 1000000000)
/* PCT: change points fall in the first 2^this steps (about a million). */
#define DET_PCT_STEP_BITS	20
#define DET_PCT_MAX_DEPTH	64

enum det_state { DET_RUNNABLE, DET_BLOCKED, DET_DONE };

struct ksim_host_task {
	pthread_t thread;
	ksim_host_task_fn fn;
	void *arg;
	char name[16];
	uint64_t id;			/* creation order: the same in every run */
	uint32_t go;			/* futex: 1 when handed the CPU */
	enum det_state state;
	const uint32_t *word;		/* blocked in wait() on it; NULL: sleeping */
	int64_t deadline;		/* KSIM_HOST_FOREVER: none */
	int64_t blocked_at;
	uint64_t block_seq;		/* FIFO order among the blocked */
	void *block_site;		/* return address of the blocking host call */
	bool timed_out;
	uint64_t prio;			/* pct: higher runs first */
	void *priv;
	void (*release)(void *priv);
	uint32_t done;			/* 1 once fn returned (task_join waits on it) */
	bool boot;			/* the thread that booted the machine */
	struct fiber fiber;		/* fibers mode: its stack and saved registers */
	unsigned char locals[KSIM_HOST_TASK_LOCAL_BYTES];	/* fibers mode: task-locals */
	struct ksim_host_task *next;	/* all tasks, in creation order */
};

static struct {
	struct ksim_host_task *head, *tail;
	struct ksim_host_task *cur;
	struct ksim_host_task **cand;	/* scratch for pick() */
	unsigned int nr_tasks, cand_size, nr_runnable;
	uint64_t next_id, block_seq, steps;
	int64_t now;
	uint64_t rng_sched, rng_data;
	uint64_t hash;
	bool pct;
	bool fibers;
	unsigned int pct_depth, pct_next_change;
	uint64_t pct_change[DET_PCT_MAX_DEPTH];
	void (*hung)(bool deadlock);
	int64_t hung_period, next_hung_check;
	bool in_hung;
} det;

static __thread struct ksim_host_task *self;
static __thread void *foreign_priv;

/*
 * Task-local variables of host code (ksim_host_task_local()): with fibers
 * every task runs on one thread, so their values move in and out of the
 * task at each switch.  Registered before any machine boots.
 */
static struct {
	void *(*where)(void);
	size_t size;
} task_locals[8];
static unsigned int nr_task_locals;
static size_t task_locals_bytes;

void ksim_host_task_local(void *(*where)(void), size_t size)
{
	if (nr_task_locals == sizeof(task_locals) / sizeof(task_locals[0]) ||
	    task_locals_bytes + size > KSIM_HOST_TASK_LOCAL_BYTES) {
		fprintf(stderr, "ksim: too many task-local variables (raise KSIM_HOST_TASK_LOCAL_BYTES)\n");
		abort();
	}
	task_locals[nr_task_locals].where = where;
	task_locals[nr_task_locals++].size = size;
	task_locals_bytes += size;
}

/* Fibers: put the running task's task-locals away and bring @next's in. */
static void swap_task_locals(struct ksim_host_task *prev, struct ksim_host_task *next)
{
	size_t off = 0;

	for (unsigned int i = 0; i < nr_task_locals; i++) {
		void *at = task_locals[i].where();

		if (prev)
			memcpy(prev->locals + off, at, task_locals[i].size);
		memcpy(at, next->locals + off, task_locals[i].size);
		off += task_locals[i].size;
	}
}

/* Fibers: hand the CPU to @next (set up by the caller) and come back when given it again. */
static void fiber_run(struct ksim_host_task *me, struct ksim_host_task *next)
{
	swap_task_locals(me, next);
	self = next;
	fiber_switch(&me->fiber, &next->fiber);
	/* Whoever switched back set self to this task. */
}

/*
 * Host threads outlive their tasks: when a task ends, its thread parks in
 * this pool and runs the next task created, so a machine booted thousands
 * of times in one process (fuzzing) does not pay a thread creation per
 * kthread and worker.  Only the task holding the CPU touches the pool,
 * which survives setup() for the next boot.
 */
struct det_thread {
	pthread_t thread;
	uint32_t word;			/* futex: bumped when a task is assigned */
	struct ksim_host_task *task;	/* NULL while parked */
	struct det_thread *next_idle;
};

static struct det_thread *idle_threads;

/*
 * A fork()ed child has only the thread that forked: the parked threads are
 * the parent's.  (AFL++'s fork server forks after a warm-up execution has
 * filled the pool; the child's tasks would wait for threads it lacks.)
 */
static void forget_pool_in_child(void)
{
	idle_threads = NULL;
}

static void register_atfork(void)
{
	pthread_atfork(NULL, NULL, forget_pool_in_child);
}

/* ---- small helpers ---- */

static uint64_t splitmix(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* FNV-1a over the run's decisions and console output. */
static void hash_bytes(const void *p, size_t len)
{
	const unsigned char *b = p;
	uint64_t h = det.hash;

	while (len--) {
		h ^= *b++;
		h *= 0x100000001b3ULL;
	}
	det.hash = h;
}

static void hash_u64(uint64_t v)
{
	hash_bytes(&v, sizeof(v));
}

static void futex_wait(uint32_t *word, uint32_t val)
{
	syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void futex_wake(uint32_t *word)
{
	syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static __attribute__((noreturn)) void det_die(const char *what)
{
	char msg[256];
	int n = snprintf(msg, sizeof(msg), "ksim: deterministic backend: %s\n", what);

	if (write(STDERR_FILENO, msg, (size_t)n) < 0)
		_exit(70);
	_exit(70);
}

/* The calling task; a thread the backend does not know may not schedule. */
static struct ksim_host_task *need_self(const char *op)
{
	char why[160];

	if (self)
		return self;
	snprintf(why, sizeof(why),
		 "%s() called by a thread ksim did not start; under --backend=det every thread that runs kernel code must be a ksim task",
		 op);
	det_die(why);
}

static void set_state(struct ksim_host_task *t, enum det_state state)
{
	if (t->state == DET_RUNNABLE)
		det.nr_runnable--;
	t->state = state;
	if (state == DET_RUNNABLE)
		det.nr_runnable++;
}

/* ---- choosing and switching ---- */

static struct ksim_host_task *pick(struct ksim_host_task *exclude)
{
	struct ksim_host_task *t, *best = NULL;
	unsigned int n = 0;

	for (t = det.head; t; t = t->next) {
		if (t->state != DET_RUNNABLE || t == exclude)
			continue;
		if (det.pct) {
			if (!best || t->prio > best->prio)
				best = t;
		} else {
			det.cand[n++] = t;
		}
	}
	if (det.pct)
		return best;
	if (!n)
		return NULL;
	return det.cand[n == 1 ? 0 : splitmix(&det.rng_sched) % n];
}

/* Give the CPU to @next; come back when someone gives it back (unless exiting). */
static void run(struct ksim_host_task *next)
{
	struct ksim_host_task *me = self;

	det.steps++;
	hash_u64(next->id);
	det.cur = next;
	if (next == me)
		return;
	if (det.fibers) {
		fiber_run(me, next);
		return;
	}
	/*
	 * Whether we end is read before the hand-off: from the store on, the
	 * next task runs and may wake us, writing me->state.
	 */
	bool ending = !me || me->state == DET_DONE;

	__atomic_store_n(&next->go, 1, __ATOMIC_RELEASE);
	futex_wake(&next->go);
	if (ending)
		return;
	while (!__atomic_load_n(&me->go, __ATOMIC_ACQUIRE))
		futex_wait(&me->go, 0);
	me->go = 0;
}

/* Every task is blocked: jump to the earliest deadline and wake who reached it. */
static struct ksim_host_task *advance_time(void)
{
	struct ksim_host_task *t;
	int64_t next = KSIM_HOST_FOREVER;

	for (t = det.head; t; t = t->next)
		if (t->state == DET_BLOCKED && t->deadline < next)
			next = t->deadline;
	if (next == KSIM_HOST_FOREVER)
		return NULL;
	if (next > det.now)
		det.now = next;
	if (det.hung && det.hung_period && det.now >= det.next_hung_check && !det.in_hung &&
	    self && self->state == DET_BLOCKED) {
		/* khungtaskd's round: the shim reports and halts if a task is stuck. */
		det.next_hung_check = det.now + det.hung_period;
		det.in_hung = true;
		det.hung(false);
		det.in_hung = false;
	}
	for (t = det.head; t; t = t->next) {
		if (t->state == DET_BLOCKED && t->deadline <= det.now) {
			t->timed_out = true;
			t->word = NULL;
			set_state(t, DET_RUNNABLE);
		}
	}
	return pick(NULL);
}

static void deadlock(void)
{
	if (det.hung && !det.in_hung) {
		det.in_hung = true;
		det.hung(true);
	}
	det_die("every task is blocked and no timer is pending (deadlock); no hung-task handler stopped the machine");
}

/* The task to run next, letting time pass if every task is blocked. */
static struct ksim_host_task *next_to_run(void)
{
	struct ksim_host_task *next = pick(NULL);

	if (!next)
		next = advance_time();
	if (!next)
		deadlock();
	return next;
}

/* The current task stopped being runnable: run someone else, or let time pass. */
static void schedule_away(void)
{
	run(next_to_run());
}

/* A scheduling point where the caller stays runnable. */
static void preempt(bool exclude_self)
{
	struct ksim_host_task *me = self, *next;

	if (det.pct && det.pct_next_change < det.pct_depth - 1 &&
	    det.steps >= det.pct_change[det.pct_next_change]) {
		/* A change point: the running task drops below every other. */
		me->prio = det.pct_next_change++;
	}
	if (det.nr_runnable <= 1 && !exclude_self) {
		det.steps++;
		return;
	}
	next = pick(exclude_self ? me : NULL);
	run(next ? next : me);
}

/* Block the caller until woken or the deadline; true if woken. */
static bool block(const uint32_t *word, int64_t deadline, void *site)
{
	struct ksim_host_task *me = self;

	me->word = word;
	me->deadline = deadline;
	me->timed_out = false;
	me->blocked_at = det.now;
	me->block_seq = det.block_seq++;
	me->block_site = site;
	set_state(me, DET_BLOCKED);
	schedule_away();
	return !me->timed_out;
}

/* ---- tasks ---- */

static struct ksim_host_task *task_new(const char *name)
{
	struct ksim_host_task *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	if (det.nr_tasks + 1 > det.cand_size) {
		unsigned int size = det.cand_size ? det.cand_size * 2 : 64;
		struct ksim_host_task **cand = realloc(det.cand, size * sizeof(*cand));

		if (!cand) {
			free(t);
			return NULL;
		}
		det.cand = cand;
		det.cand_size = size;
	}
	if (name) {
		size_t len = strlen(name);

		/* Thread names are 15 characters at most; keep the distinctive tail. */
		strncpy(t->name, len > 15 ? name + len - 15 : name, 15);
	}
	t->id = det.next_id++;
	t->deadline = KSIM_HOST_FOREVER;
	t->prio = DET_PCT_MAX_DEPTH + 1 + splitmix(&det.rng_sched) % 1000000007ULL;
	t->state = DET_DONE;
	if (det.tail)
		det.tail->next = t;
	else
		det.head = t;
	det.tail = t;
	det.nr_tasks++;
	return t;
}

static void task_unlink(struct ksim_host_task *t)
{
	struct ksim_host_task **pp;

	for (pp = &det.head; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	}
	det.tail = NULL;
	for (struct ksim_host_task *p = det.head; p; p = p->next)
		det.tail = p;
	det.nr_tasks--;
}

static void wake_word(const uint32_t *word, int nr);

/*
 * The current task has ended: give the CPU to the next one.  Nothing of the
 * ended task may be touched after the hand-over (its joiner frees it).
 */
static void schedule_exit(void)
{
	struct ksim_host_task *me = self, *next = next_to_run();

	det.steps++;
	hash_u64(next->id);
	det.cur = next;
	if (det.fibers) {
		/* Its joiner frees @me, but only after this switch: nothing else runs before. */
		swap_task_locals(NULL, next);
		self = next;
		fiber_exit(&me->fiber, &next->fiber);
	}
	__atomic_store_n(&next->go, 1, __ATOMIC_RELEASE);
	futex_wake(&next->go);
}

/* @t's function returned: wake its joiner. */
static void task_finish(struct ksim_host_task *t)
{
	if (t->release)
		t->release(t->priv);
	set_state(t, DET_DONE);
	t->done = 1;
	wake_word(&t->done, INT32_MAX);
}

static void run_task(struct det_thread *dt, struct ksim_host_task *t)
{
	self = t;
	pthread_setname_np(pthread_self(), t->name);
	while (!__atomic_load_n(&t->go, __ATOMIC_ACQUIRE))
		futex_wait(&t->go, 0);
	t->go = 0;
	t->fn(t->arg);
	task_finish(t);
	/* Park while still holding the CPU: the pool is the CPU holder's. */
	dt->task = NULL;
	dt->next_idle = idle_threads;
	idle_threads = dt;
	schedule_exit();
	self = NULL;
}

static void __attribute__((noreturn)) fiber_task(void);

/*
 * A task's stack, as the kernel prints one, ends with the task's own
 * function: drop the backend's frames outside it (run_task and the thread
 * start-up, or fiber_task), so a report reads the same with threads and
 * with fibers.
 */
static int trim_backend_frames(void **frames, int nr)
{
	static uintptr_t range[2][2];
	static bool have_ranges;

	if (!have_ranges) {
		ksim_backtrace_function_range((void *)run_task, &range[0][0], &range[0][1]);
		ksim_backtrace_function_range((void *)fiber_task, &range[1][0], &range[1][1]);
		have_ranges = true;
	}
	for (int i = 0; i < nr; i++) {
		uintptr_t ip = (uintptr_t)frames[i];

		if ((ip > range[0][0] && ip <= range[0][1]) || (ip > range[1][0] && ip <= range[1][1]))
			return i;
	}
	return nr;
}

/* A fiber's first and only frame: the task's function, then the exit switch. */
static void __attribute__((noreturn)) fiber_task(void)
{
	struct ksim_host_task *t = self;

	fiber_started(&t->fiber);
	t->fn(t->arg);
	task_finish(t);
	schedule_exit();
	abort();	/* schedule_exit() switched away for good */
}

static void *pool_thread(void *p)
{
	struct det_thread *dt = p;

	for (;;) {
		uint32_t seen = __atomic_load_n(&dt->word, __ATOMIC_ACQUIRE);
		struct ksim_host_task *t = __atomic_load_n(&dt->task, __ATOMIC_ACQUIRE);

		if (!t) {
			futex_wait(&dt->word, seen);
			continue;
		}
		run_task(dt, t);
	}
	return NULL;
}

static int det_task_create(struct ksim_host_task **out, const char *name,
			   ksim_host_task_fn fn, void *arg)
{
	struct ksim_host_task *t;
	struct det_thread *dt;
	int err;

	need_self("task_create");
	t = task_new(name);
	if (!t)
		return -ENOMEM;
	t->fn = fn;
	t->arg = arg;
	if (det.fibers) {
		err = fiber_create(&t->fiber, fiber_task);
		if (err) {
			task_unlink(t);
			free(t);
			return err;
		}
		goto runnable;
	}
	dt = idle_threads;
	if (dt) {
		idle_threads = dt->next_idle;
		t->thread = dt->thread;
		__atomic_store_n(&dt->task, t, __ATOMIC_RELEASE);
		__atomic_add_fetch(&dt->word, 1, __ATOMIC_RELEASE);
		futex_wake(&dt->word);
	} else {
		dt = calloc(1, sizeof(*dt));
		err = dt ? 0 : ENOMEM;
		if (dt) {
			dt->task = t;
			err = pthread_create(&dt->thread, NULL, pool_thread, dt);
		}
		if (err) {
			free(dt);
			task_unlink(t);
			free(t);
			return -err;
		}
		t->thread = dt->thread;
	}
runnable:
	set_state(t, DET_RUNNABLE);
	*out = t;
	preempt(false);
	return 0;
}

static void det_task_join(struct ksim_host_task *t)
{
	need_self("task_join");
	while (!t->done)
		block(&t->done, KSIM_HOST_FOREVER, __builtin_return_address(0));
	/* Its thread handed the CPU on as its last act, and parked. */
	task_unlink(t);
	free(t);
}

static void det_task_set_priv(void *priv, void (*release)(void *))
{
	if (!self) {
		foreign_priv = priv;
		return;
	}
	self->priv = priv;
	self->release = release;
}

static void *det_task_get_priv(void)
{
	return self ? self->priv : foreign_priv;
}

static void det_yield(void)
{
	need_self("yield");
	preempt(true);
}

static void det_sched_point(void)
{
	if (self)
		preempt(false);
}

/* ---- wait and wake ---- */

static int det_wait(uint32_t *word, uint32_t expected, int64_t deadline_ns)
{
	need_self("wait");
	if (__atomic_load_n(word, __ATOMIC_ACQUIRE) != expected)
		return -EAGAIN;
	if (deadline_ns != KSIM_HOST_FOREVER && deadline_ns <= det.now)
		return -ETIMEDOUT;
	return block(word, deadline_ns, __builtin_return_address(0)) ? 0 : -ETIMEDOUT;
}

/* Make up to @nr tasks blocked on @word runnable, first blocked first. */
static void wake_word(const uint32_t *word, int nr)
{
	while (nr-- > 0) {
		struct ksim_host_task *t, *first = NULL;

		for (t = det.head; t; t = t->next)
			if (t->state == DET_BLOCKED && t->word == word &&
			    (!first || t->block_seq < first->block_seq))
				first = t;
		if (!first)
			return;
		first->word = NULL;
		set_state(first, DET_RUNNABLE);
	}
}

static void det_wake(uint32_t *word, int nr)
{
	unsigned int before = det.nr_runnable;

	if (!self)
		return;		/* nobody runs kernel code outside the machine's tasks */
	wake_word(word, nr);
	if (det.nr_runnable != before)
		preempt(false);
}

/* ---- time ---- */

static int64_t det_now_ns(void)
{
	int64_t t = det.now;

	if (self)
		det.now += DET_CLOCK_READ_NS;
	return t;
}

static int64_t det_realtime_ns(void)
{
	return DET_EPOCH_NS + det.now;
}

static void det_sleep_until(int64_t deadline_ns)
{
	need_self("sleep_until");
	if (deadline_ns <= det.now) {
		preempt(false);
		return;
	}
	block(NULL, deadline_ns, __builtin_return_address(0));
}

static void det_delay_ns(int64_t ns)
{
	need_self("delay_ns");
	if (ns > 0)
		det.now += ns;
	preempt(false);
}

/* ---- memory, console, randomness ---- */

static void det_console_write(const char *buf, size_t len)
{
	if (self)
		hash_bytes(buf, len);
	ksim_host_write_all(STDOUT_FILENO, buf, len);
}

static uint64_t det_random_u64(void)
{
	return splitmix(&det.rng_data);
}

/* ---- diagnostics ---- */

static int det_stack_trace(void **frames, int max, int skip)
{
	return trim_backend_frames(frames, ksim_backtrace_capture(frames, max, skip + 1));
}

static void det_for_each_blocked(void (*fn)(const struct ksim_host_blocked *b, void *arg),
				 void *arg)
{
	struct ksim_host_blocked b;
	struct ksim_host_task *t;
	const int max = (int)(sizeof(b.frames) / sizeof(b.frames[0]));

	for (t = det.head; t; t = t->next) {
		if (t->state != DET_BLOCKED)
			continue;
		memset(&b, 0, sizeof(b));
		b.priv = t->priv;
		b.name = t->name;
		b.word = t->word;
		b.blocked_ns = det.now - t->blocked_at;
		if (!det.fibers)
			b.nr_frames = ksim_host_thread_stack((unsigned long)t->thread, b.frames, max);
		else if (t == self)
			b.nr_frames = ksim_backtrace_capture(b.frames, max, 1);
		else
			b.nr_frames = fiber_stack_trace(&t->fiber, b.frames, max);
		b.nr_frames = ksim_host_trim_stack(b.frames, trim_backend_frames(b.frames, b.nr_frames),
						   t->block_site);
		fn(&b, arg);
	}
}

static uint64_t det_trace_hash(void)
{
	return det.hash;
}

static __attribute__((noreturn)) void det_halt(int status)
{
	_exit(status);
}

/* ---- setup ---- */

static int parse_sched(const char *sched)
{
	char why[128];

	if (ksim_host_check_sched(sched, why, sizeof(why)))
		return -EINVAL;
	det.pct = sched && !strncmp(sched, "pct", 3);
	det.pct_depth = 3;
	if (det.pct && sched[3] == ':')
		det.pct_depth = (unsigned int)strtoul(sched + 4, NULL, 10);
	if (det.pct) {
		/*
		 * D-1 change points, in increasing order.  PCT draws them
		 * uniformly from the run's k steps, but k is not known ahead
		 * (a module's init takes ~100, an NVMe job a million), so the
		 * step is drawn log-uniformly below 2^DET_PCT_STEP_BITS: a
		 * power of two at random, then a step within it, so every scale
		 * of run gets its share.
		 */
		for (unsigned int i = 0; i + 1 < det.pct_depth; i++) {
			unsigned int e = splitmix(&det.rng_sched) % DET_PCT_STEP_BITS;

			det.pct_change[i] = (1ULL << e) + splitmix(&det.rng_sched) % (1ULL << e);
		}
		for (unsigned int i = 1; i + 1 < det.pct_depth; i++)
			for (unsigned int j = i; j > 0 && det.pct_change[j] < det.pct_change[j - 1]; j--) {
				uint64_t tmp = det.pct_change[j];

				det.pct_change[j] = det.pct_change[j - 1];
				det.pct_change[j - 1] = tmp;
			}
	}
	return 0;
}

static int det_setup(const struct ksim_host_params *params)
{
	struct ksim_host_task *t, *next;
	uint64_t seed = params->seed ? params->seed : 1;
	static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

	/* A second boot in one process (tests): whatever ended is forgotten. */
	for (t = det.head; t; t = next) {
		next = t->next;
		if (t->state != DET_DONE || !t->done) {
			if (t != self)
				det_die("setup() while tasks of an earlier boot still run");
		}
		if (t != self)
			free(t);
	}
	free(self);
	self = NULL;
	free(det.cand);
	memset(&det, 0, sizeof(det));
	pthread_once(&atfork_once, register_atfork);
	det.rng_sched = seed ^ 0x5ced5ced5ced5cedULL;
	det.rng_data = seed;
	det.hash = 0xcbf29ce484222325ULL;
	det.hung = params->hung;
	det.hung_period = params->hung_timeout_ns / 4;
	det.next_hung_check = det.hung_period;
	det.fibers = params->fibers && fiber_supported();
	if (parse_sched(params->sched))
		return -EINVAL;
	t = task_new("main");
	if (!t)
		return -ENOMEM;
	t->thread = pthread_self();
	t->boot = true;
	if (det.fibers)
		fiber_init_thread(&t->fiber);
	set_state(t, DET_RUNNABLE);
	self = t;
	det.cur = t;
	return 0;
}

const struct ksim_host_ops ksim_host_det = {
	.version		= KSIM_HOST_VERSION,
	.name			= "deterministic",
	.setup			= det_setup,
	.task_create		= det_task_create,
	.task_join		= det_task_join,
	.task_set_priv		= det_task_set_priv,
	.task_get_priv		= det_task_get_priv,
	.yield			= det_yield,
	.sched_point		= det_sched_point,
	.wait			= det_wait,
	.wake			= det_wake,
	.now_ns			= det_now_ns,
	.realtime_ns		= det_realtime_ns,
	.sleep_until		= det_sleep_until,
	.delay_ns		= det_delay_ns,
	.mem_alloc		= ksim_host_heap_alloc,
	.mem_free		= ksim_host_heap_free,
	.console_write		= det_console_write,
	.random_u64		= det_random_u64,
	.stack_trace		= det_stack_trace,
	.symbolize		= ksim_backtrace_symbolize,
	.for_each_blocked	= det_for_each_blocked,
	.trace_hash		= det_trace_hash,
	.halt			= det_halt,
};
