// SPDX-License-Identifier: GPL-2.0
/*
 * sim/fiber.c - fibers for the deterministic backend: stacks from a pool,
 * a register switch of a dozen instructions, and the annotations valgrind
 * and AddressSanitizer need to follow a stack switch.
 *
 * Why not swapcontext(): it makes a system call per switch for the signal
 * mask, and ASan's interceptor of it clears the shadow of the whole target
 * stack at every switch (128 KiB of memset for a 1 MiB stack), which costs
 * more than the futex hand-over the fibers replace.  The switch below
 * saves what the x86-64 System V ABI says a callee preserves: rbx, rbp,
 * r12-r15, the stack pointer, and the MXCSR and x87 control words.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define UNW_LOCAL_ONLY
#include <libunwind.h>

#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define FIBER_VALGRIND 1
#endif

#include "fiber.h"

#if defined(__SANITIZE_ADDRESS__)
#define FIBER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FIBER_ASAN 1
#endif
#endif

#if defined(__SANITIZE_THREAD__)
#define FIBER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define FIBER_TSAN 1
#endif
#endif

#ifdef FIBER_ASAN
void __sanitizer_start_switch_fiber(void **fake_stack_save, const void *bottom, size_t size);
void __sanitizer_finish_switch_fiber(void *fake_stack_save, const void **bottom_old,
				     size_t *size_old);
void __asan_unpoison_memory_region(const volatile void *addr, size_t size);
#endif

/* Kernel stacks are 16 KiB, but ksim's reports (libdw, libunwind) and ASan want more. */
#define FIBER_STACK_SIZE	(1024 * 1024)

struct fiber_stack {
	struct fiber_stack *next;	/* in the pool */
	void *lo;			/* lowest usable byte, above the guard page */
	size_t size;
};

/* Only the thread running the fibers touches the pool. */
static struct fiber_stack *pool;

/* The frame fiber_swap leaves on a switched-out fiber's stack, lowest first. */
struct swap_frame {
	uint32_t mxcsr, x87cw;
	uint64_t r15, r14, r13, r12, rbx, rbp;
	uint64_t rip;
};

#if defined(__x86_64__) && !defined(FIBER_TSAN)

/*
 * fiber_swap(&from_sp, to_sp): push the callee-saved registers and the two
 * control words, store the stack pointer, load @to_sp, pop the same and
 * return into the other fiber.
 */
void fiber_swap(void **from_sp, void *to_sp);
__asm__(".text\n"
	".globl fiber_swap\n"
	".hidden fiber_swap\n"
	".type fiber_swap,@function\n"
	"fiber_swap:\n"
	"	pushq %rbp\n"
	"	pushq %rbx\n"
	"	pushq %r12\n"
	"	pushq %r13\n"
	"	pushq %r14\n"
	"	pushq %r15\n"
	"	subq $8, %rsp\n"
	"	stmxcsr (%rsp)\n"
	"	fnstcw 4(%rsp)\n"
	"	movq %rsp, (%rdi)\n"
	"	movq %rsi, %rsp\n"
	"	ldmxcsr (%rsp)\n"
	"	fldcw 4(%rsp)\n"
	"	addq $8, %rsp\n"
	"	popq %r15\n"
	"	popq %r14\n"
	"	popq %r13\n"
	"	popq %r12\n"
	"	popq %rbx\n"
	"	popq %rbp\n"
	"	ret\n"
	".size fiber_swap, .-fiber_swap\n");

bool fiber_supported(void)
{
	return true;
}

#else

bool fiber_supported(void)
{
	return false;
}

void fiber_swap(void **from_sp, void *to_sp);
void fiber_swap(void **from_sp, void *to_sp)
{
	(void)from_sp;
	(void)to_sp;
	abort();	/* the backend asks fiber_supported() first */
}

#endif

void fiber_init_thread(struct fiber *f)
{
	/* Asked once per thread: for the main thread glibc reads /proc/self/maps. */
	static __thread const void *lo;
	static __thread size_t size;
	pthread_attr_t attr;

	if (!lo && !pthread_getattr_np(pthread_self(), &attr)) {
		void *addr;

		if (!pthread_attr_getstack(&attr, &addr, &size))
			lo = addr;
		pthread_attr_destroy(&attr);
	}
	memset(f, 0, sizeof(*f));
	f->stack_lo = lo;
	f->stack_size = size;
}

static struct fiber_stack *stack_get(void)
{
	struct fiber_stack *s = pool;
	long page = sysconf(_SC_PAGESIZE);
	char *map;

	if (s) {
		pool = s->next;
#ifdef FIBER_ASAN
		/* Frames that never returned (a fiber's outermost) left their red zones. */
		__asan_unpoison_memory_region(s->lo, s->size);
#endif
		return s;
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	/* Reserved, not committed: a fiber touches a few pages of it. */
	map = mmap(NULL, FIBER_STACK_SIZE + page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
	if (map == MAP_FAILED) {
		free(s);
		return NULL;
	}
	/* A guard page below, as a thread's stack has: an overflow faults. */
	mprotect(map, page, PROT_NONE);
	s->lo = map + page;
	s->size = FIBER_STACK_SIZE;
#ifdef FIBER_VALGRIND
	VALGRIND_STACK_REGISTER(s->lo, (char *)s->lo + s->size);
#endif
	return s;
}

int fiber_create(struct fiber *f, void (*entry)(void))
{
	struct fiber_stack *s = stack_get();
	uint64_t *top;
	struct swap_frame *frame;

	if (!s)
		return -ENOMEM;
	memset(f, 0, sizeof(*f));
	f->stack = s;
	f->stack_lo = s->lo;
	f->stack_size = s->size;
	/*
	 * As if @entry had been called from a 16-byte aligned stack: its return
	 * address (zero: unwinders stop there) on top, and below that the frame
	 * fiber_swap pops, returning into @entry.
	 */
	top = (uint64_t *)((char *)s->lo + s->size);
	*--top = 0;
	frame = (struct swap_frame *)top - 1;
	memset(frame, 0, sizeof(*frame));
	frame->mxcsr = 0x1f80;		/* the ABI's initial values: all masked, round to nearest */
	frame->x87cw = 0x037f;
	frame->rip = (uint64_t)(uintptr_t)entry;
	f->sp = frame;
	return 0;
}

void fiber_started(struct fiber *f)
{
	(void)f;
#ifdef FIBER_ASAN
	__sanitizer_finish_switch_fiber(NULL, NULL, NULL);
#endif
}

void fiber_switch(struct fiber *from, struct fiber *to)
{
#ifdef FIBER_ASAN
	__sanitizer_start_switch_fiber(&from->asan_fake_stack, to->stack_lo, to->stack_size);
#endif
	fiber_swap(&from->sp, to->sp);
#ifdef FIBER_ASAN
	__sanitizer_finish_switch_fiber(from->asan_fake_stack, NULL, NULL);
#endif
}

void fiber_exit(struct fiber *from, struct fiber *to)
{
	static void *dead_sp;

	/* Back to the pool now: nobody can take it before this switch is done. */
	if (from->stack) {
		from->stack->next = pool;
		pool = from->stack;
		from->stack = NULL;
	}
#ifdef FIBER_ASAN
	/* NULL: this fiber is gone, ASan may drop its fake stack. */
	__sanitizer_start_switch_fiber(NULL, to->stack_lo, to->stack_size);
#endif
	fiber_swap(&dead_sp, to->sp);
	abort();
}

int fiber_stack_trace(struct fiber *f, void **frames, int max)
{
	const struct swap_frame *frame = f->sp;
	unw_context_t uc;
	unw_cursor_t cursor;
	unw_word_t ip;
	int n = 0;

	if (!frame || max <= 0)
		return 0;
	/* The registers fiber_swap saved, as if it had just returned. */
	memset(&uc, 0, sizeof(uc));
	uc.uc_mcontext.gregs[REG_RIP] = (greg_t)frame->rip;
	uc.uc_mcontext.gregs[REG_RSP] = (greg_t)(uintptr_t)(frame + 1);
	uc.uc_mcontext.gregs[REG_RBP] = (greg_t)frame->rbp;
	uc.uc_mcontext.gregs[REG_RBX] = (greg_t)frame->rbx;
	uc.uc_mcontext.gregs[REG_R12] = (greg_t)frame->r12;
	uc.uc_mcontext.gregs[REG_R13] = (greg_t)frame->r13;
	uc.uc_mcontext.gregs[REG_R14] = (greg_t)frame->r14;
	uc.uc_mcontext.gregs[REG_R15] = (greg_t)frame->r15;
	if (unw_init_local(&cursor, &uc) < 0)
		return 0;
	do {
		if (unw_get_reg(&cursor, UNW_REG_IP, &ip) < 0 || !ip)
			break;
		frames[n++] = (void *)(uintptr_t)ip;
	} while (n < max && unw_step(&cursor) > 0);
	return n;
}
