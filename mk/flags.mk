# mk/flags.mk - compiler flags for both worlds.  Included by the top-level
# Makefile and by mk/module.mk.

CC		?= gcc
ifeq ($(origin CC),default)
CC		:= gcc
endif
GCC_INCLUDE	:= $(shell $(CC) -print-file-name=include)

# SAN=address,undefined (or thread) builds everything, modules included,
# with the sanitizers, into its own object tree so it never mixes with the
# plain build.
SAN		?=
ifneq ($(SAN),)
SAN_FLAGS	:= -fsanitize=$(SAN) -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OBJTREE		?= build/san-$(subst $(comma),-,$(SAN))
else
SAN_FLAGS	:=
OBJTREE		?= .
endif
comma		:= ,

# ThreadSanitizer does not model fences and gcc warns at each one
# (-Wtsan).  The shim carries their order to TSan in the accesses they are
# paired with (READ_ONCE/WRITE_ONCE are acquire/release under TSan, see
# kapi-shim/include/linux/compiler.h), so the warning is noise here.
ifneq ($(filter thread,$(subst $(comma), ,$(SAN))),)
SAN_FLAGS	+= -Wno-tsan
endif

OPT		?= -O2
WARN_COMMON	:= -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
		   -Wno-missing-field-initializers -Werror=implicit-function-declaration \
		   -Werror=implicit-int -Werror=return-type -Werror=incompatible-pointer-types

# Kernel world: what Kbuild gives a module.  No libc headers at all: the
# compiler's own freestanding headers and the shim, nothing else.  The uapi
# directory comes after the kernel one, as Kbuild's -Iinclude -Iinclude/uapi,
# so <linux/pci_regs.h> resolves to uapi/linux/pci_regs.h.
KBUILD_CFLAGS	:= -std=gnu11 -nostdinc -isystem $(GCC_INCLUDE) \
		   -I$(KSIM_SRC)/kapi-shim/include \
		   -I$(KSIM_SRC)/kapi-shim/include/uapi \
		   -include $(KSIM_SRC)/kapi-shim/include/linux/kconfig.h \
		   -include $(KSIM_SRC)/kapi-shim/include/linux/compiler_types.h \
		   -D__KERNEL__ -DMODULE -ffreestanding -fPIC -fno-common \
		   -fno-strict-aliasing -fno-strict-overflow \
		   -fno-delete-null-pointer-checks \
		   -fno-omit-frame-pointer -fno-optimize-sibling-calls -fno-plt \
		   -g $(OPT) $(WARN_COMMON) \
		   -Wundef -Wno-pointer-sign -Werror=strict-prototypes \
		   $(SAN_FLAGS) $(KCFLAGS)
KBUILD_LDFLAGS	:= -shared -nostdlib -Wl,-Bsymbolic -Wl,-z,noexecstack \
		   -Wl,--build-id $(SAN_FLAGS)

# Host world: ordinary C.  Shim sources also see the kernel headers.
# Frame pointers and no sibling calls (as the kernel's CONFIG_FRAME_POINTER):
# every caller stays on the stack, so reports name who called what.
HOST_CFLAGS	:= -std=gnu11 -g $(OPT) $(WARN_COMMON) -fno-strict-aliasing -fno-strict-overflow \
		   -fno-omit-frame-pointer -fno-optimize-sibling-calls -pthread -I$(KSIM_SRC) \
		   -iquote $(KSIM_SRC)/kapi-shim/include $(SAN_FLAGS) $(CFLAGS)
SHIM_CFLAGS	:= $(HOST_CFLAGS) -I$(KSIM_SRC)/kapi-shim/include -I$(KSIM_SRC)/kapi-shim \
		   -include $(KSIM_SRC)/kapi-shim/include/linux/kconfig.h \
		   -D__KSIM_SHIM__
HOST_LIBS	:= -ldw -lelf -lunwind -linih -luring -lpthread -ldl -lm
# libfuse3 for the FUSE frontend (sim/fuse.c); the headers live in /usr/include/fuse3.
FUSE_CFLAGS	:= $(shell pkg-config --cflags fuse3 2>/dev/null || echo -I/usr/include/fuse3)
HOST_LIBS	+= -lfuse3
# libiberty: its demangler turns Rust symbols in reports into Rust paths.
HOST_LIBS	+= -liberty
