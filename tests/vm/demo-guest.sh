#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Inside the demo VM: load each sample NT driver and show what it says.

show_log() { # what the driver and ntshim printed since the mark
	dmesg | sed -n "/$mark\$/,\$p" | sed 's/^\[[^]]*\] //' |
		grep -E "^($1|ntshim):" | sed 's/^/    | /'
}

step() {
	cmd=$1
	shift
	echo
	echo "\$ $(basename "$cmd")${*:+ $*}"
	"$cmd" "$@" 2>&1 | sed 's/^/    /'
}

sample() { # NAME DESCRIPTION [SECONDS TO LET IT RUN]
	echo
	echo "=== samples/$1: $2"
	mark="demo: $1 $$"
	echo "$mark" >/dev/kmsg
	step $INSMOD "/ntshim/$1.ko"
	show_log "$1"
	if [ -x "/ntshim/${1}app" ]; then
		mark="demo: $1 program $$"
		echo "$mark" >/dev/kmsg
		step "/ntshim/${1}app"
		show_log "$1"
	fi
	step cat /sys/kernel/debug/ntshim/drivers
	if [ -n "$3" ]; then
		echo
		echo "(letting it run for $3 s)"
		mark="demo: $1 running $$"
		echo "$mark" >/dev/kmsg
		sleep "$3"
		show_log "$1"
	fi
	mark="demo: $1 unload $$"
	echo "$mark" >/dev/kmsg
	step $RMMOD "$1"
	show_log "$1"
}

echo "ntshim demo on Linux $(uname -r): NT drivers, unchanged, on a Linux kernel"
step $INSMOD /ntshim/ntshim.ko
sample hello "DriverEntry, IoCreateDevice, DbgPrint, DriverUnload"
sample heartbeat "a periodic KTIMER and its DPC, an event, a system thread, an IoTimer watchdog" 3
sample ioctl "a device programs open: IoCreateSymbolicLink as /dev/nt/NtIoctl, buffered read and write, a control code per transfer method"
sample edu "a legacy PCI driver: HalGetBusData, MmMapIoSpace, IoConnectInterrupt, DpcForIsr, KeSynchronizeExecution"
echo
echo "=== samples/reinit: IoRegisterDriverReinitialization, IoRegisterShutdownNotification"
mark="demo: reinit $$"
echo "$mark" >/dev/kmsg
step $INSMOD /ntshim/reinit_first.ko
step $INSMOD /ntshim/reinit_second.ko
sleep 1
show_log "reinit_first|reinit_second"
mark="demo: reinit again $$"
echo "$mark" >/dev/kmsg
step $RMMOD reinit_second
step $INSMOD /ntshim/reinit_second.ko
sleep 1
show_log "reinit_first|reinit_second"
echo
echo "(reinit_first stays loaded: it hears about the power-off)"
echo
echo "=== done: powering off"
