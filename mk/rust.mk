# mk/rust.mk - building Rust modules: the `kernel` crate (rust/), built
# once per object tree and reused by every Rust module, and the rule that
# turns <mod>.rs into the <mod>.o the rest of mk/module.mk links like a C
# module's (modpost, <mod>.mod.c, <mod>.ko).
#
# Debian 12's toolchain: rustc 1.63 (its core and alloc), bindgen 0.60 and
# libclang.  No crate registry, no cargo: rustc is run directly.  The
# kernel's own build needs unstable features of the toolchain it pins; as
# Kbuild does, RUSTC_BOOTSTRAP=1 lets this stable rustc accept them.
#
# Without rustc or bindgen, Rust modules are skipped with a printed reason.

# Debian's rustc first (the crate is written for 1.63), then PATH's.
RUSTC		?= $(firstword $(wildcard /usr/bin/rustc) $(shell command -v rustc 2>/dev/null))
BINDGEN		?= $(firstword $(wildcard /usr/bin/bindgen) $(shell command -v bindgen 2>/dev/null))
RUST_OK		:= $(if $(RUSTC),$(if $(BINDGEN),y))
RUST_MISSING	:= $(if $(RUSTC),,rustc )$(if $(BINDGEN),,bindgen )

RUST_OUT	:= $(KSIM_SRC)/$(OBJTREE)/build/rust
RUST_KERNEL	:= $(RUST_OUT)/libkernel.rlib
RUST_HELPERS	:= $(RUST_OUT)/helpers.o
RUST_BINDINGS	:= $(RUST_OUT)/bindings_generated.rs
# The kernel crate's proc macros (#[vtable]): a host library rustc loads.
RUST_MACROS	:= $(RUST_OUT)/libmacros.so

ifneq ($(RUST_OK),)
RUST_SYSROOT	:= $(shell $(RUSTC) --print sysroot)/lib/rustlib/x86_64-unknown-linux-gnu/lib
# What a module links from the toolchain: only the members it uses.
RUST_SYSLIBS	:= $(foreach l,alloc core compiler_builtins,$(firstword $(wildcard $(RUST_SYSROOT)/lib$(l)-*.rlib)))
# clang's own freestanding headers, as gcc's are for C modules.
CLANG_INCLUDE	:= $(lastword $(sort $(wildcard /usr/lib/llvm-*/lib/clang/*/include)))
endif

# SAN=address: instrument Rust code too (LLVM's ASan, same runtime ABI).
RUST_SAN	:= $(if $(findstring address,$(SAN)),-Zsanitizer=address)

# As the kernel builds Rust (frame pointers, unwind tables for the
# backtraces of BUG and leak reports, panic=abort, position independent
# for a shared .ko).  `cfg!(MODULE)` is true: these are loadable modules.
RUSTFLAGS_KSIM	:= --edition=2021 --target=x86_64-unknown-linux-gnu \
		   -C panic=abort -C relocation-model=pic -C opt-level=2 -g \
		   -C force-frame-pointers=yes -C force-unwind-tables=yes \
		   -C codegen-units=1 -C debug-assertions=no -C overflow-checks=yes \
		   --cfg MODULE $(RUST_SAN) $(KRUSTFLAGS)
RUSTC_ENV	:= RUSTC_BOOTSTRAP=1 KSIM_RUST_BINDINGS=$(RUST_BINDINGS)

RUST_KERNEL_SRCS := $(wildcard $(KSIM_SRC)/rust/kernel/*.rs)

$(RUST_BINDINGS): $(KSIM_SRC)/rust/bindings_helper.h $(KSIM_SRC)/mk/rust.mk
	@mkdir -p $(dir $@)
	@echo "  BINDGEN $@"
	@$(BINDGEN) $< --use-core --ctypes-prefix core::ffi --no-layout-tests \
		--no-doc-comments --no-prepend-enum-name \
		--allowlist-function '(__kmalloc|krealloc|kfree|_printk|__mutex_init|mutex_lock|mutex_unlock|mutex_trylock|mutex_destroy|alloc_workqueue|destroy_workqueue|__flush_workqueue|complete|complete_all|wait_for_completion|ksim_bug|panic|msleep|misc_register|misc_deregister|copy_to_iter|copy_from_iter|__init_waitqueue_head|prepare_to_wait_exclusive|finish_wait|schedule_timeout|__wake_up)' \
		--allowlist-type '(module|kernel_param|kernel_param_ops|mutex|spinlock|spinlock_t|work_struct|workqueue_struct|completion|lock_class_key|task_struct|miscdevice|file_operations|file|inode|kiocb|iov_iter|wait_queue_head|wait_queue_entry)' \
		--allowlist-var '(param_ops_.*|system_wq|__this_module|RUST_CONST_HELPER_.*|E[A-Z0-9]+|MAX_LOCKDEP_SUBCLASSES|_IOC_[A-Z]+|O_[A-Z]+|MISC_DYNAMIC_MINOR|TASK_NORMAL|TASK_INTERRUPTIBLE|TASK_UNINTERRUPTIBLE)' \
		-o $@.tmp -- -nostdinc -isystem $(CLANG_INCLUDE) -I$(KSIM_SRC)/kapi-shim/include \
		-include $(KSIM_SRC)/kapi-shim/include/linux/kconfig.h \
		-include $(KSIM_SRC)/kapi-shim/include/linux/compiler_types.h \
		-D__KERNEL__ -DMODULE && mv $@.tmp $@

# Built for the host compiler, never with the module flags (no sanitizer:
# rustc itself loads it).
$(RUST_MACROS): $(KSIM_SRC)/rust/macros/lib.rs $(KSIM_SRC)/mk/rust.mk
	@mkdir -p $(dir $@)
	@echo "  RUSTC   $@"
	@$(RUSTC) --edition=2021 --crate-type=proc-macro --crate-name=macros -C opt-level=1 \
		--emit=link=$@ $<

$(RUST_KERNEL): $(RUST_KERNEL_SRCS) $(RUST_BINDINGS) $(RUST_MACROS) $(KSIM_SRC)/mk/rust.mk
	@echo "  RUSTC   $@"
	@$(RUSTC_ENV) $(RUSTC) $(RUSTFLAGS_KSIM) --crate-type=rlib --crate-name=kernel \
		--extern macros=$(RUST_MACROS) --emit=link=$@ $(KSIM_SRC)/rust/kernel/lib.rs

$(RUST_HELPERS): $(KSIM_SRC)/rust/helpers.c $(KSIM_SRC)/mk/flags.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) $(KBUILD_CFLAGS) -DKBUILD_MODNAME='"rust"' -DKBUILD_BASENAME='"helpers"' -c $< -o $@

# The kernel crate and its helpers alone (the top-level Makefile builds
# them before the module directories).
.PHONY: rust-kernel
rust-kernel: $(if $(RUST_OK),$(RUST_KERNEL) $(RUST_HELPERS))

# <mod>.rs -> <mod>.o: rustc emits the module crate's object (no_std, the
# kernel crate in scope, as Kbuild's rustc flags give a module), then
# ld -r adds what it uses from the helpers, the kernel crate, alloc, core
# and compiler_builtins, so the .o has only shim symbols undefined.
$(obj)/%.o: $(src)/%.rs $(RUST_KERNEL) $(RUST_HELPERS)
	@mkdir -p $(dir $@)
	@echo "  RUSTC [M] $@"
	@$(RUSTC_ENV) $(RUSTC) $(RUSTFLAGS_KSIM) --crate-type=lib --crate-name=$(MODNAME) \
		-Zcrate-attr=no_std -L $(RUST_OUT) --extern kernel=$(RUST_KERNEL) \
		--emit=obj=$(obj)/$*.rust.o,dep-info=$(obj)/$*.rs.d $<
	@ld -r -o $@ $(obj)/$*.rust.o $(RUST_HELPERS) --start-group $(RUST_KERNEL) $(RUST_SYSLIBS) --end-group
