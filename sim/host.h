/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sim/host.h - the host interface: the one narrow waist between the kernel
 * API shim and the machine it runs on.
 *
 * Everything in kapi-shim/ that needs a service from the outside world (a
 * thread of execution, blocking, time, memory, the console) asks for it
 * through the table below and nothing else.  Only the backends behind it
 * (sim/host-threads.c: a pthread per task and the real clock;
 * sim/host-det.c: one task at a time, seeded scheduling, virtual time) call
 * pthreads, clocks or sleeps.  The anchors are NetBSD's rumpuser(3) and LKL's
 * host_ops: a small, versioned set of operations with opaque types.
 *
 * Conventions for every member:
 *  - "blocks": the call may put the calling task to sleep.  Every blocking
 *    call and every wake is a scheduling point for a deterministic backend.
 *  - "never blocks": the call returns without sleeping; it may be called in
 *    (simulated) atomic context.
 *  - Errors are negative errno values; 0 means success.
 *  - Times are nanoseconds on the host's monotonic clock, counted from the
 *    moment ksim_host_init() ran (so the kernel log starts at 0.000000).
 *    The clock is the backend's: real for threads, virtual for det (it
 *    advances a little at each reading and jumps to the next deadline when
 *    every task is blocked).
 *  - Under a backend that runs one task at a time, only the task holding
 *    the CPU runs kernel code; a switch happens only inside a blocking
 *    call, a wake, yield or sched_point.  Threads the backend did not start
 *    (other than the booting one) must not call blocking members.
 *
 * This header includes nothing but the compiler's freestanding headers, so
 * both worlds can see the types without seeing each other.
 */
#ifndef KSIM_HOST_H
#define KSIM_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bump when a member is added, removed or changes meaning. */
#define KSIM_HOST_VERSION 2

/* Value for a wait deadline that never expires. */
#define KSIM_HOST_FOREVER INT64_MAX

/* One thread of execution as the host sees it.  Opaque. */
struct ksim_host_task;

typedef void (*ksim_host_task_fn)(void *arg);

/*
 * What ksim_host_init() hands the backend.  Zero means "the default" for
 * every field.
 */
struct ksim_host_params {
	/* Seed of the generators (random_u64, scheduling); 0: pick one. */
	uint64_t seed;
	/*
	 * Scheduling strategy of a backend that chooses (deterministic):
	 * "random" (default) or "pct:D" (probabilistic concurrency testing
	 * with D-1 priority change points).  Others ignore it.
	 */
	const char *sched;
	/*
	 * Hung-task detection (the kernel's khungtaskd).  The backend calls
	 * @hung(false) about every @hung_timeout_ns / 4 of its time (virtual
	 * for det, real for threads; 0: never): the shim looks for tasks
	 * blocked longer than @hung_timeout_ns and, if it finds one, reports
	 * and halts; otherwise it returns.  A deterministic backend also calls
	 * @hung(true) as soon as every task is blocked with no deadline
	 * pending: nothing can ever run again, and @hung must not return.  It
	 * runs on a task of the machine (det) or on the watchdog's own thread
	 * (threads).  NULL: no detection.
	 */
	void (*hung)(bool deadlock);
	int64_t hung_timeout_ns;
	/*
	 * Deterministic backend: run every task as a fiber on the calling
	 * thread (sim/fiber.c) instead of a host thread each.  The schedule,
	 * the log and the trace hash are the same; a switch costs a fraction
	 * of a futex hand-over (fuzzing), but gdb sees one thread.  Ignored
	 * where fibers are not supported (not x86-64, ThreadSanitizer).
	 */
	bool fibers;
};

/*
 * One blocked task, as for_each_blocked() describes it: the task's private
 * pointer (task_set_priv), its innermost return addresses, how long it has
 * been blocked, and the word it waits on (NULL for sleep_until).
 */
struct ksim_host_blocked {
	void *priv;
	const char *name;
	void *frames[32];
	int nr_frames;
	int64_t blocked_ns;
	const void *word;
};

struct ksim_host_ops {
	/* KSIM_HOST_VERSION of the backend; ksim_host_init() refuses others. */
	unsigned int version;
	/* Short backend name for logs: "threads", "deterministic". */
	const char *name;
	/*
	 * Prepare the backend: note the boot time, seed the generators,
	 * adopt the calling thread as the first task.  Called once, by
	 * ksim_host_init(), on the thread that boots the machine.  Returns 0
	 * or -EINVAL (a params field it cannot honour, e.g. a bad strategy).
	 */
	int (*setup)(const struct ksim_host_params *params);

	/* ---- tasks ---- */

	/*
	 * Start a new task running fn(arg).  @name is a hint for debuggers
	 * (it becomes the thread name).  Returns 0 and stores the handle in
	 * *out, or -EAGAIN/-ENOMEM.  Never blocks; the new task may start
	 * before or after this returns.
	 */
	int (*task_create)(struct ksim_host_task **out, const char *name,
			   ksim_host_task_fn fn, void *arg);
	/*
	 * Wait until the task's fn has returned, then release the handle.
	 * Blocks.  Each handle is joined exactly once, never by itself.
	 */
	void (*task_join)(struct ksim_host_task *task);
	/*
	 * Per-task pointer owned by the shim (its struct task_struct).  A
	 * thread the host did not start through task_create (the main
	 * thread, a FUSE or benchmark thread) starts with NULL.  @release,
	 * if not NULL, is called with the pointer when that thread exits.
	 * Never block.
	 */
	void (*task_set_priv)(void *priv, void (*release)(void *priv));
	void *(*task_get_priv)(void);
	/* Let another task run.  Scheduling point; may block briefly. */
	void (*yield)(void);
	/*
	 * A place where a backend that runs one task at a time may switch to
	 * another (an MMIO doorbell, an interrupt raise, cond_resched, a busy
	 * loop's cpu_relax).  The caller stays runnable and may hold spinlocks:
	 * this is preemption, not sleep.  Optional: NULL where every task has
	 * a CPU of its own (threads); call it through ksim_host_sched_point().
	 */
	void (*sched_point)(void);

	/* ---- wait and wake (futex semantics) ---- */

	/*
	 * If *word still equals @expected, sleep until woken by wake() on
	 * the same word or until the monotonic clock reaches @deadline_ns
	 * (KSIM_HOST_FOREVER for none).  Returns 0 when woken (callers must
	 * tolerate spurious wake-ups and re-check), -EAGAIN if *word did not
	 * equal @expected, -ETIMEDOUT at the deadline.  Blocks.
	 */
	int (*wait)(uint32_t *word, uint32_t expected, int64_t deadline_ns);
	/*
	 * Wake up to @nr tasks sleeping in wait() on @word (INT32_MAX for
	 * all).  Never blocks.
	 */
	void (*wake)(uint32_t *word, int nr);

	/* ---- time ---- */

	/* Monotonic nanoseconds since ksim_host_init().  Never blocks. */
	int64_t (*now_ns)(void);
	/* Wall-clock nanoseconds since the Unix epoch.  Never blocks. */
	int64_t (*realtime_ns)(void);
	/* Sleep until the monotonic clock reaches @deadline_ns.  Blocks. */
	void (*sleep_until)(int64_t deadline_ns);
	/*
	 * Spin for @ns without giving up the CPU (udelay/ndelay).  Never
	 * blocks, but a deterministic backend may advance virtual time.
	 */
	void (*delay_ns)(int64_t ns);

	/* ---- memory ---- */

	/*
	 * @size bytes aligned to @align (a power of two, or 0 for the
	 * natural malloc alignment).  NULL when out of memory.  Never blocks.
	 */
	void *(*mem_alloc)(size_t size, size_t align);
	/* Release what mem_alloc returned (NULL is ignored).  Never blocks. */
	void (*mem_free)(void *ptr);

	/* ---- console ---- */

	/* Write @len bytes to the console, atomically per call.  Never blocks. */
	void (*console_write)(const char *buf, size_t len);

	/* ---- randomness ---- */

	/*
	 * Next value of the host's generator.  Seeded from --seed, so a
	 * deterministic backend replays it.  Never blocks.
	 */
	uint64_t (*random_u64)(void);

	/* ---- diagnostics ---- */

	/*
	 * Store up to @max return addresses of the caller's stack in
	 * @frames, skipping the innermost @skip frames.  Returns the count.
	 * Never blocks.
	 */
	int (*stack_trace)(void **frames, int max, int skip);
	/*
	 * Describe @addr as the kernel's %pS does: "func+0x1c/0x90 [module]",
	 * with " (file.c:42)" appended when line information is known.
	 * Always NUL-terminates @buf.  Returns the length written.
	 */
	int (*symbolize)(void *addr, char *buf, size_t len);

	/*
	 * Describe every task blocked in wait() or sleep_until(), for a
	 * hung-task report: @fn is called once per task, in a stable order.
	 * Blocks (taking another task's stack may need that task's help).
	 */
	void (*for_each_blocked)(void (*fn)(const struct ksim_host_blocked *b, void *arg),
				 void *arg);
	/*
	 * A hash of everything that decided the run so far: each scheduling
	 * decision and every byte written to the console.  The same seed and
	 * inputs give the same hash.  Optional: NULL where runs are not
	 * reproducible (threads).  Never blocks.
	 */
	uint64_t (*trace_hash)(void);

	/*
	 * Stop the whole machine now with @status as the exit code, after
	 * flushing the console (panic, BUG with panic_on_oops).  Never returns.
	 */
	void (*halt)(int status) __attribute__((noreturn));
};

/*
 * The active backend.  Set once by ksim_host_init() before any kernel code
 * runs; read-only afterwards.
 */
extern const struct ksim_host_ops *ksim_host;

/*
 * Install @ops as the host and set it up with @params.  Returns 0, -EPROTO
 * when the backend was built for another KSIM_HOST_VERSION, or what its
 * setup() returned.
 */
int ksim_host_init(const struct ksim_host_ops *ops, const struct ksim_host_params *params);

/* A scheduling point where the backend has them; nothing otherwise. */
static inline void ksim_host_sched_point(void)
{
	if (ksim_host->sched_point)
		ksim_host->sched_point();
}

/*
 * Make a __thread variable of host code task-local: @where returns its
 * address on the calling thread, @size its size.  A backend that runs
 * several tasks on one host thread (det with fibers) saves and restores it
 * at every switch, so each task keeps its own value, as with a thread per
 * task.  At most KSIM_HOST_TASK_LOCAL_BYTES in all; call it before the
 * machine boots (a constructor).
 */
#define KSIM_HOST_TASK_LOCAL_BYTES	64
void ksim_host_task_local(void *(*where)(void), size_t size);

/* Backends. */
extern const struct ksim_host_ops ksim_host_threads;
/*
 * "det": one task at a time, chosen at scheduling points by a seeded
 * generator, virtual time (sim/host-det.c).
 */
extern const struct ksim_host_ops ksim_host_det;
/* A backend by name ("threads", "det" or "deterministic"), or NULL. */
const struct ksim_host_ops *ksim_host_find(const char *name);
/* Check a --sched= value: 0, or -EINVAL with a reason in @why. */
int ksim_host_check_sched(const char *sched, char *why, size_t len);

/*
 * Take the stack of another thread of this process that is blocked (for
 * for_each_blocked): it is interrupted by a signal and records its own
 * return addresses.  Returns the number stored (0 if it could not).
 */
int ksim_host_thread_stack(unsigned long pthread_id, void **frames, int max);
/* mem_alloc/mem_free on the C heap, as both backends implement them (sim/host.c). */
void *ksim_host_heap_alloc(size_t size, size_t align);
void ksim_host_heap_free(void *ptr);
/*
 * Large areas (sim/host.c): a fresh anonymous mapping of at least @size
 * bytes aligned to @align, zero-filled and advised for transparent huge
 * pages; NULL when @size is below KSIM_HOST_MAP_MIN, the memory tools
 * (ASan, valgrind) are watching the C heap, or the mapping failed: then
 * take mem_alloc.  Give it back with ksim_host_unmap() and the same @size.
 */
#define KSIM_HOST_MAP_MIN	(1UL << 20)
void *ksim_host_map_zeroed(size_t size, size_t align);
void ksim_host_unmap(void *p, size_t size);
/* console_write's loop: all of @buf to @fd, through EINTR (sim/host.c). */
void ksim_host_write_all(int fd, const char *buf, size_t len);
/*
 * Drop a blocked task's backend frames: keep @frames from @site (the
 * return address of its blocking host call) on.  Returns the new count.
 */
int ksim_host_trim_stack(void **frames, int nr, void *site);

/*
 * Shared between backends: stack capture and symbolization through libdw
 * (sim/backtrace.c), so every backend reports the same way.
 */
int ksim_backtrace_capture(void **frames, int max, int skip);
/* The code range of the function holding @fn (from its unwind tables): 0, or -1. */
int ksim_backtrace_function_range(void *fn, uintptr_t *start, uintptr_t *end);
int ksim_backtrace_symbolize(void *addr, char *buf, size_t len);

#endif /* KSIM_HOST_H */
