#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# DKMS runs this after installing the modules: the header programs include
# to talk to NT devices (NTSHIM_IOC_DEVCTL) goes where make install puts it.
set -e
install -D -m 0644 "$(dirname "$0")/../uapi/linux/ntshim.h" /usr/local/include/linux/ntshim.h
