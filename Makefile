# SPDX-License-Identifier: GPL-2.0
#
# ntshim: the user's entry point.  The module lists live in Kbuild; this file
# only drives kbuild and the VM harness.
#
#   make                      build ntshim, the samples and the test modules
#   make port SRC=dir [NAME=] build an NT driver's unmodified sources
#   make demo                 run the sample drivers in a VM
#   make check                run the test suite in VMs (all flavours)
#   make bench                NT paths against Linux primitives, in VMs
#   make tools                ntctl, the shell's way to an NT device (build/tools)
#   make install              ntctl and <linux/ntshim.h> under PREFIX (/usr/local)

NTSHIM := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))

# The running kernel's build tree when there is one, else the newest Debian
# 6.1 generic headers (the ones make check installs; KDIR= picks another).
KVER ?= $(shell uname -r)
NTSHIM_DEBIAN_KDIR := $(lastword $(sort $(filter-out %-rt-amd64/build, \
	$(wildcard /lib/modules/6.1.*-amd64/build))))
KDIR ?= $(if $(wildcard /lib/modules/$(KVER)/build),/lib/modules/$(KVER)/build,$(NTSHIM_DEBIAN_KDIR))

FLAVOURS ?= amd64 rt-amd64 debug 6.12-amd64 6.12-rt-amd64 6.12-debug-rt

.PHONY: all modules clean modules_install port port-clean check demo bench help tools install

all: modules

modules:
	$(MAKE) -C $(KDIR) M=$(NTSHIM) modules

modules_install:
	$(MAKE) -C $(KDIR) M=$(NTSHIM) modules_install

clean:
	$(MAKE) -C $(KDIR) M=$(NTSHIM) clean
	rm -rf $(NTSHIM)/build

# ntctl, with the status names of shim/include/ntstatus.h.
TOOLS_OUT ?= $(NTSHIM)/build/tools
PREFIX ?= /usr/local
tools:
	mkdir -p $(TOOLS_OUT)
	sed -ne 's/^#define \(STATUS_[A-Z0-9_]*\) *((NTSTATUS)\(0x[0-9A-Fa-f]*\)L\{0,1\}).*/{ \2, "\1" },/p' \
		$(NTSHIM)/shim/include/ntstatus.h >$(TOOLS_OUT)/ntstatus_table.h
	$(CC) -O2 -Wall -Wextra -Werror $(TOOLS_LDFLAGS) -I$(NTSHIM)/shim/uapi -I$(TOOLS_OUT) \
		-o $(TOOLS_OUT)/ntctl $(NTSHIM)/shim/tools/ntctl.c

install: tools
	install -D -m 0755 $(TOOLS_OUT)/ntctl $(DESTDIR)$(PREFIX)/bin/ntctl
	install -D -m 0644 $(NTSHIM)/shim/uapi/linux/ntshim.h \
		$(DESTDIR)$(PREFIX)/include/linux/ntshim.h

port: modules
	@test -n "$(SRC)" || { echo "usage: make port SRC=<driver dir> [NAME=<module>] [SOURCES=...] [INCLUDES=...] [DEFINES=...]"; exit 2; }
	SOURCES="$(SOURCES)" INCLUDES="$(INCLUDES)" DEFINES="$(DEFINES)" \
		$(NTSHIM)/shim/port.sh "$(SRC)" "$(NAME)" "$(NTSHIM)" "$(KDIR)"

port-clean:
	@test -n "$(SRC)" || { echo "usage: make port-clean SRC=<driver dir>"; exit 2; }
	rm -rf "$(SRC)/.ntshim"

check:
	FLAVOURS="$(FLAVOURS)" $(NTSHIM)/tests/vm/check.sh

demo:
	$(NTSHIM)/tests/vm/demo.sh

bench:
	$(if $(filter command line,$(origin FLAVOURS)),FLAVOURS="$(FLAVOURS)") $(NTSHIM)/tests/vm/bench.sh

help:
	@sed -n 's/^#   //p' $(NTSHIM)/Makefile
