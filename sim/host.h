/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sim/host.h - the host interface: the one narrow waist between the kernel
 * API shim and the machine it runs on.
 *
 * Everything in kapi-shim/ that needs a service from the outside world (a
 * thread of execution, blocking, time, memory, the console) asks for it
 * through the table below and nothing else.  Only the backends behind it
 * (sim/host-threads.c today, a deterministic scheduler later) call pthreads,
 * clocks or sleeps.  The anchors are NetBSD's rumpuser(3) and LKL's
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
 *
 * This header includes nothing but the compiler's freestanding headers, so
 * both worlds can see the types without seeing each other.
 */
#ifndef KSIM_HOST_H
#define KSIM_HOST_H

#include <stddef.h>
#include <stdint.h>

/* Bump when a member is added, removed or changes meaning. */
#define KSIM_HOST_VERSION 1

/* Value for a wait deadline that never expires. */
#define KSIM_HOST_FOREVER INT64_MAX

/* One thread of execution as the host sees it.  Opaque. */
struct ksim_host_task;

typedef void (*ksim_host_task_fn)(void *arg);

struct ksim_host_ops {
	/* KSIM_HOST_VERSION of the backend; ksim_host_init() refuses others. */
	unsigned int version;
	/* Short backend name for logs: "threads", "deterministic". */
	const char *name;
	/*
	 * Prepare the backend: note the boot time, seed the generator with
	 * @seed (0: pick one).  Called once, by ksim_host_init().
	 */
	void (*setup)(uint64_t seed);

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
 * Install @ops as the host and set it up with @seed.  Returns 0, or -EPROTO
 * when the backend was built for another KSIM_HOST_VERSION.
 */
int ksim_host_init(const struct ksim_host_ops *ops, uint64_t seed);

/* Backends. */
extern const struct ksim_host_ops ksim_host_threads;

/*
 * Shared between backends: stack capture and symbolization through libdw
 * (sim/backtrace.c), so every backend reports the same way.
 */
int ksim_backtrace_capture(void **frames, int max, int skip);
int ksim_backtrace_symbolize(void *addr, char *buf, size_t len);

#endif /* KSIM_HOST_H */
