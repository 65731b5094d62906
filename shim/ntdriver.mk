# SPDX-License-Identifier: GPL-2.0
#
# Kbuild fragment that turns NT driver sources into Linux modules.
# A Kbuild file lists its drivers, then includes this file:
#
#   ntshim_root := /path/to/ntshim
#   ntdrivers := mydriver
#   mydriver-y := src/mydriver.o src/util.o
#   include $(ntshim_root)/shim/ntdriver.mk
#
# Each driver gets a private copy of the module glue (module_init, exit,
# license, namespace import), so its own sources need no change.

DBG ?= 1

obj-m += $(addsuffix .o,$(ntdrivers))
$(foreach d,$(ntdrivers),$(eval $(d)-y += ntglue-$(d).o))

# What NT code expects of the compiler: 16-bit L"" literals, signed char,
# MSVC's keywords and predefined macros (wdm/compiler.h, included before
# the first line), MSVC pragmas tolerated, C89-style declarations not
# required, and what the WDK's compiler only warns about a warning here too
# (old-style declarations, a PKEVENT * passed as a PVOID *, an undeclared
# function, __DATE__).  No sibling calls: ntshim names the driver code that
# called it (its return address) in complaints, and a tail call would name
# the driver's caller instead.
# -Wno-clobbered: gcc's setjmp warning fires on every variable live across
# a __try; the rule behind it is the README's (Exceptions), not MSVC's.
# The C runtime routines whose NT meaning differs from the C standard's
# (NT's printf formats, a 16-bit wint_t): not gcc's builtins.
ntshim_nt_crt := sprintf snprintf vsprintf vsnprintf swprintf vswprintf \
		 towlower towupper iswalpha iswdigit iswxdigit iswspace iswupper \
		 iswlower iswalnum
ntshim_nt_cflags := -fshort-wchar -fsigned-char -Wno-unknown-pragmas \
		    -include $(ntshim_root)/shim/include/wdm/compiler.h \
		    -Wno-declaration-after-statement -Wno-multichar -DDBG=$(DBG) \
		    -Wno-strict-prototypes -Wno-error=incompatible-pointer-types \
		    -Wno-error=implicit-function-declaration -Wno-error=implicit-int \
		    -Wno-error=date-time -fno-optimize-sibling-calls -Wno-clobbered \
		    $(addprefix -fno-builtin-,$(ntshim_nt_crt))
ccflags-y += -I$(ntshim_root)/shim/include -I$(ntshim_root)/shim/include/crt \
	     -I$(ntshim_root)/shim/generated \
	     -I$(ntshim_root)/shim/kinclude $(ntshim_nt_cflags)
# The glue itself is Linux code.
$(foreach d,$(ntdrivers),$(eval CFLAGS_REMOVE_ntglue-$(d).o += $(ntshim_nt_cflags)))

$(obj)/ntglue-%.c: $(ntshim_root)/shim/linux/ntglue.c FORCE
	$(call if_changed,copy)
targets += $(foreach d,$(ntdrivers),ntglue-$(d).c)
clean-files += $(foreach d,$(ntdrivers),ntglue-$(d).c)
