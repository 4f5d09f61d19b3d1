# mk/module.mk - Kbuild-style build of the modules of one directory.
#
#   make -f mk/module.mk M=dir KSIM_SRC=/path/to/ksim
#
# Reads $(M)/Kbuild (or $(M)/Makefile, as out-of-tree modules often have
# only that) for obj-m and <mod>-y / <mod>-objs, like Kbuild.  Steps, as in
# the kernel: compile each object freestanding; link a composite module with
# ld -r; run modpost over all of the directory's modules (undefined symbols
# are checked against Module.symvers, <mod>.mod.c and the export list are
# generated); compile <mod>.mod.c; link <mod>.ko as a shared object.

KSIM_SRC	?= $(CURDIR)
include $(KSIM_SRC)/mk/flags.mk

# Out-of-tree Makefiles guard their Kbuild part with this, as in the kernel.
KERNELRELEASE	:= ksim
obj-m		:=
ccflags-y	:=

# $(M) is where the sources are; $(obj) is where the objects go.
obj		:= $(if $(filter .,$(OBJTREE)),$(M),$(OBJTREE)/$(M))
src		:= $(M)
kbuild-file	:= $(firstword $(wildcard $(src)/Kbuild) $(src)/Makefile)
include $(kbuild-file)

.DEFAULT_GOAL	:= modules
.PHONY: modules clean modules_install

MODPOST		?= $(KSIM_SRC)/$(OBJTREE)/build/modpost
SYMVERS		?= $(KSIM_SRC)/$(OBJTREE)/Module.symvers

mods		:= $(patsubst %.o,%,$(obj-m))

# Rust modules (<mod>.rs, no <mod>.c): built by mk/rust.mk's rule, or
# skipped with the reason when the toolchain is missing.
include $(KSIM_SRC)/mk/rust.mk
rust-mods	:= $(foreach m,$(mods),$(if $(wildcard $(src)/$(m).rs),$(if $(wildcard $(src)/$(m).c),,$(m))))
ifneq ($(rust-mods),)
ifeq ($(RUST_OK),)
$(info $(src): skipping Rust modules ($(rust-mods)): $(RUST_MISSING)not found (make deps installs them))
mods		:= $(filter-out $(rust-mods),$(mods))
endif
endif
mod-kos		:= $(addprefix $(obj)/,$(addsuffix .ko,$(mods)))
mod-objs	:= $(addprefix $(obj)/,$(addsuffix .o,$(mods)))

modules: $(mod-kos)

# __init and __exit code sits in .init.text/.exit.text, which the linker
# would keep as separate orphan sections of the .ko; valgrind only reads
# symbols and line numbers for .text, so frames there showed as
# "init_module (in x.ko)".  ksim never frees init memory, so the .ko gets
# them inside .text (renamed .text.* for the default linker script).
KSIM_TEXT_SECTIONS := --rename-section .init.text=.text.ksim_init \
		      --rename-section .exit.text=.text.ksim_exit

# Per module: its parts, and KBUILD_MODNAME for each of them: the module's
# name with each '-' made '_' (Kbuild's name-fix), so foo-bar.ko logs and
# lists itself as foo_bar.
define module_rules
$(1)-parts := $$(strip $$($(1)-y) $$($(1)-objs))
ifneq ($$($(1)-parts),)
$(obj)/$(1).o: $$(addprefix $(obj)/,$$($(1)-parts))
	@echo "  LD [M]  $$@"
	@ld -r -o $$@ $$^
$$(addprefix $(obj)/,$$($(1)-parts)): MODNAME := $(subst -,_,$(1))
all-parts += $$(addprefix $(obj)/,$$($(1)-parts))
else
$(obj)/$(1).o: MODNAME := $(subst -,_,$(1))
all-parts += $(obj)/$(1).o
endif
$(obj)/$(1).mod.o: MODNAME := $(subst -,_,$(1))
$(obj)/$(1).ko: $(obj)/$(1).o $(obj)/$(1).mod.o $(obj)/.modpost
	@echo "  LD [M]  $$@"
	@objcopy $(KSIM_TEXT_SECTIONS) $(obj)/$(1).o $(obj)/$(1).ko.o
	@$(CC) $(KBUILD_LDFLAGS) -Wl,--version-script=$(obj)/$(1).ver -o $$@ $(obj)/$(1).ko.o $(obj)/$(1).mod.o
	@rm -f $(obj)/$(1).ko.o
endef
$(foreach m,$(mods),$(eval $(call module_rules,$(m))))

$(obj)/%.o: $(src)/%.c $(KSIM_SRC)/mk/flags.mk
	@mkdir -p $(dir $@)
	@echo "  CC [M]  $@"
	@$(CC) $(KBUILD_CFLAGS) $(ccflags-y) $(CFLAGS_$(notdir $@)) -I$(src) \
		-DKBUILD_MODNAME='"$(MODNAME)"' -DKBUILD_BASENAME='"$(subst -,_,$(basename $(notdir $@)))"' \
		-MMD -MP -c $< -o $@

$(obj)/%.mod.o: $(obj)/%.mod.c
	@$(CC) $(KBUILD_CFLAGS) -DKBUILD_MODNAME='"$(MODNAME)"' -c $< -o $@

# One modpost run for all modules of the directory, so they may use each
# other's exports.
$(obj)/.modpost: $(mod-objs) $(SYMVERS) $(MODPOST)
	@echo "  MODPOST $(obj)/Module.symvers"
	@$(MODPOST) -i $(SYMVERS) $(addprefix -i ,$(KBUILD_EXTRA_SYMBOLS)) \
		-o $(obj)/Module.symvers $(mod-objs)
	@touch $@

$(obj)/%.mod.c $(obj)/%.ver: $(obj)/.modpost ;

# As Kbuild's: $(INSTALL_MOD_PATH)/lib/modules/<release>/$(INSTALL_MOD_DIR)/
# (external modules go to updates/).  Install somewhere of your own with
# INSTALL_MOD_PATH=dir; nothing else is touched.
KSIM_RELEASE	:= 6.1.0-ksim
INSTALL_MOD_DIR	?= updates
MODLIB		:= $(INSTALL_MOD_PATH)/lib/modules/$(KSIM_RELEASE)
modules_install: $(mod-kos)
	@mkdir -p $(MODLIB)/$(INSTALL_MOD_DIR)
	@for m in $(mod-kos); do \
		echo "  INSTALL $(MODLIB)/$(INSTALL_MOD_DIR)/$$(basename $$m)"; \
		cp $$m $(MODLIB)/$(INSTALL_MOD_DIR)/ || exit 1; \
	done

clean:
	@echo "  CLEAN   $(obj)"
	rm -f $(obj)/*.o $(obj)/*.ko $(obj)/*.mod.c $(obj)/*.ver $(obj)/*.d \
		$(obj)/*.rust.o \
		$(obj)/.modpost $(obj)/Module.symvers

-include $(wildcard $(obj)/*.d)
