#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# ntshim's selftest, in KTAP.  Loads ntshim and the NT test drivers: each
# driver checks one area from its DriverEntry (and DriverUnload) and reports
# every check by name through DbgPrint; this script reads those reports back
# from the kernel log and adds what only the loader can see (errno, refused
# rmmod, leaks).  Exit status: 0 pass, 1 fail, 4 skip.
#
#   ntshim_test.sh          the suite, modules from NTSHIM_MODDIR
#   ntshim_test.sh dkms     modules installed by DKMS, loaded with modprobe
#
# NTSHIM_MODDIR defaults to this script's directory (kselftest install);
# INSMOD, RMMOD and MODPROBE name the module tools (default: from PATH).

MODDIR=${NTSHIM_MODDIR:-$(cd "$(dirname "$0")" && pwd)}
INSMOD=${INSMOD:-insmod}
RMMOD=${RMMOD:-rmmod}
MODPROBE=${MODPROBE:-modprobe}
POOL=/sys/kernel/debug/ntshim/pool
DRIVERS=/sys/kernel/debug/ntshim/drivers
num=0
passed=0
failed=0
skipped=0
sub=0
subfail=0
subout=

# ---- KTAP -----------------------------------------------------------------

# check NAME CONDITION-STATUS [DIAG]: one subtest of the current test.
check() {
	sub=$((sub + 1))
	if [ "$2" = 0 ]; then
		subout="$subout    ok $sub $1
"
	else
		subfail=$((subfail + 1))
		subout="$subout    not ok $sub $1${3:+ # $3}
"
	fi
}

# skip NAME REASON
skip() {
	sub=$((sub + 1))
	subout="$subout    ok $sub $1 # SKIP $2
"
}

begin() {
	sub=0
	subfail=0
	subout=
	mark="ntshim_test: begin $1 $$"
	echo "$mark" >/dev/kmsg
}

# end NAME: prints the subtests and the test's own result line.
end() {
	num=$((num + 1))
	echo "    KTAP version 1"
	echo "    1..$sub"
	printf '%s' "$subout"
	if [ "$sub" -gt 0 ] && [ "$subfail" = 0 ]; then
		passed=$((passed + 1))
		echo "ok $num $1"
	else
		failed=$((failed + 1))
		echo "not ok $num $1"
	fi
}

# ---- helpers --------------------------------------------------------------

# The kernel log since the current test began, without timestamps.
klog() {
	dmesg | sed -n "/$mark\$/,\$p" | sed 's/^\[[^]]*\] //'
}

has_log() {
	klog | grep -qF -- "$1"
}

loaded() {
	[ -d "/sys/module/$1" ]
}

# load NAME: insmod from MODDIR (or modprobe); stderr kept in $err.
load() {
	if [ -n "$NTSHIM_MODPROBE" ]; then
		err=$($MODPROBE "$1" 2>&1)
	else
		err=$($INSMOD "$MODDIR/$1.ko" 2>&1)
	fi
}

unload() {
	if [ -n "$NTSHIM_MODPROBE" ]; then
		err=$($MODPROBE -r "$1" 2>&1)
	else
		err=$($RMMOD "$1" 2>&1)
	fi
}

pool_blocks() {
	sed -n 's/^blocks //p' "$POOL" 2>/dev/null
}

# Adds the checks an NT test driver reported about itself.
driver_checks() {
	klog | sed -n "s/^nttest: $1: \(ok\|not ok\) \(.*\)/\1|\2/p" >/tmp/nttest.$$
	while IFS='|' read -r res rest; do
		name=${rest%% # *}
		diag=
		[ "$name" = "$rest" ] || diag=${rest#* # }
		[ "$res" = ok ]; check "$1.$name" $? "$diag"
	done </tmp/nttest.$$
	rm -f /tmp/nttest.$$
}

# released DRIVER: its driver object is gone and the pool is back to $before.
released() {
	! grep -q "^$1 " "$DRIVERS"; check driver_object_released $?
	[ "$(pool_blocks)" = "$before" ]; check pool_balanced $? "blocks $before -> $(pool_blocks)"
}

# ---- tests ----------------------------------------------------------------

t_shim_load() {
	begin shim_load
	loaded ntshim || load ntshim
	loaded ntshim; check module_loaded $? "$err"
	[ -r "$POOL" ] && [ -r "$DRIVERS" ]; check debugfs_present $?
	end shim_load
}

# The Linux helper some NT test drivers call (tests/helpers).
t_helper_load() {
	begin ntt_helper
	loaded ntt_helper || load ntt_helper
	loaded ntt_helper; check loaded $? "$err"
	end ntt_helper
}

# t_nt_driver DRIVER [CHECK=LOG-TEXT ...]: an NT test driver that loads,
# checks and unloads cleanly, and whose log must hold each LOG-TEXT.
t_nt_driver() {
	drv=$1
	shift
	set -- "$drv" "$@"
	begin "$1"
	before=$(pool_blocks)
	load "$1"
	[ -z "$err" ] && loaded "$1"; check loaded $? "$err"
	has_log "nttest: $1: entry-done"; check driver_entry_completed $?
	grep -q "^$1 " "$DRIVERS"; check driver_object_listed $?
	unload "$1"
	! loaded "$1"; check unloaded $? "$err"
	has_log "nttest: $1: unload-done"; check driver_unload_completed $?
	released "$1"
	driver_checks "$1"
	shift
	for expect in "$@"; do
		has_log "${expect#*=}"; check "$drv.${expect%%=*}" $? "missing: ${expect#*=}"
	done
	end "$drv"
}

# t_sample NAME SECONDS [CHECK=LOG-TEXT ...]: a sample driver loads, runs
# for a while and unloads cleanly, and its log holds each LOG-TEXT.
t_sample() {
	drv=$1
	secs=$2
	shift 2
	begin "$drv"
	if [ "$drv" = edu ] && ! grep -qs 0x11e8 /sys/bus/pci/devices/*/device; then
		skip found_device "no QEMU edu device (1234:11e8) on this machine"
		end "sample_$drv"
		return
	fi
	before=$(pool_blocks)
	load "$drv"
	loaded "$drv"; check loaded $? "$err"
	sleep "$secs"
	unload "$drv"
	! loaded "$drv"; check unloaded $? "$err"
	released "$drv"
	for expect in "$@"; do
		has_log "${expect#*=}"; check "${expect%%=*}" $? "missing: ${expect#*=}"
	done
	# A well-behaved driver draws no complaint from ntshim.
	complaint=$(klog | grep -m1 '^ntshim: ')
	[ -z "$complaint" ]; check no_ntshim_complaints $? "$complaint"
	end "sample_$drv"
}

# t_entry_failure DRIVER STATUS ERRNO-TEXT: a failing DriverEntry.
t_entry_failure() {
	begin "$1"
	before=$(pool_blocks)
	load "$1"
	! loaded "$1"; check load_refused $?
	case $err in *"$3"*) r=0 ;; *) r=1 ;; esac
	check "errno_is_${3// /_}" $r "$err"
	has_log "$1: DriverEntry failed with $2"; check status_logged $?
	has_log "$1: deleted 1 device object(s) the driver left behind"; check devices_deleted $?
	released "$1"
	driver_checks "$1"
	end "$1"
}

t_informational() {
	begin ntt_informational
	load ntt_informational
	loaded ntt_informational; check informational_status_loads $? "$err"
	unload ntt_informational
	! loaded ntt_informational; check unloaded $? "$err"
	end ntt_informational
}

t_shim_unload() {
	begin shim_unload
	if loaded ntt_pinned; then
		skip shim_unloaded "ntt_pinned from an earlier run holds ntshim"
		end shim_unload
		return
	fi
	unload ntshim
	! loaded ntshim; check shim_unloaded $? "$err"
	! has_log "never freed by NT drivers"; check no_pool_leak $?
	load ntshim
	loaded ntshim; check shim_reloaded $? "$err"
	end shim_unload
}

t_no_unload() {
	begin ntt_pinned
	load ntt_pinned
	loaded ntt_pinned; check loaded $? "$err"
	has_log "ntt_pinned: no DriverUnload routine: the driver cannot be unloaded"
	check refusal_logged $?
	unload ntt_pinned
	case $err in *"Resource temporarily unavailable"*|*"in use"*) r=0 ;; *) r=1 ;; esac
	check rmmod_refused $r "$err"
	loaded ntt_pinned; check still_loaded $?
	driver_checks ntt_pinned
	# Where the kernel allows forcing, a forced rmmod still cleans up.
	if err=$($RMMOD -f ntt_pinned 2>&1); then
		! loaded ntt_pinned; check forced_unload $? "$err"
		has_log "ntt_pinned: forced unload of a driver without DriverUnload"
		check forced_unload_logged $?
		has_log "ntt_pinned: deleted 1 device object(s) the driver left behind"
		check forced_unload_deletes_devices $?
	else
		skip forced_unload "kernel without CONFIG_MODULE_FORCE_UNLOAD"
	fi
	end ntt_pinned
}

# wait_log TEXT SECONDS: true once TEXT is in the log, false after SECONDS.
wait_log() {
	i=0
	while [ "$i" -lt "$(($2 * 5))" ]; do
		has_log "$1" && return 0
		sleep 0.2
		i=$((i + 1))
	done
	return 1
}

# Reinitialization: boot-driver reinit, then Count over later loads, a
# re-registration, the no-further-load case, and a driver gone before.
t_reinit() {
	begin ntt_reinit
	echo 3000 >/sys/module/ntshim/parameters/reinit_settle_ms
	load ntt_reinit
	loaded ntt_reinit; check loaded $? "$err"
	wait_log "nttest-bootreinit: count 1 irql 0 context ok" 5; check boot_reinit_after_probing $?
	! has_log "nttest-reinit:"; check not_before_a_later_load $?
	load ntt_informational
	wait_log "nttest-reinit: count 1 irql 0 context ok" 5; check count_1_after_next_load $?
	unload ntt_informational
	load ntt_informational
	wait_log "nttest-reinit: count 2 irql 0 context ok" 5; check count_2_after_reregistration $?
	unload ntt_informational
	wait_log "nttest-reinit: count 3 irql 0 context ok" 8; check count_3_after_settle_without_load $?
	sleep 4
	! has_log "nttest-reinit: count 4"; check stops_when_not_registered_again $?
	unload ntt_reinit
	load ntt_reinit_drop
	unload ntt_reinit_drop
	has_log "ntt_reinit_drop: unloaded with 1 reinitialization routine(s) pending: dropped"
	check unload_drops_pending $?
	load ntt_informational
	unload ntt_informational
	sleep 4
	! has_log "routine_of_unloaded_driver_ran"; check unloaded_driver_routine_never_runs $?
	end ntt_reinit
}

# kmemleak, where the kernel has it: no leak that involves ntshim or a test
# module (objects must be 5 s old before kmemleak reports them).
t_kmemleak() {
	begin kmemleak
	kml=/sys/kernel/debug/kmemleak
	if [ ! -w "$kml" ]; then
		skip no_ntshim_leaks "kernel without kmemleak"
		end kmemleak
		return
	fi
	sleep 6
	echo scan >"$kml"
	sleep 1
	echo scan >"$kml"
	ours=$(awk '/^unreferenced object/ { if (hit) n++; hit = 0 }
		/\[(ntshim|ntt_[a-z_]+|hello)\]$/ { hit = 1 }
		END { if (hit) n++; print n + 0 }' "$kml")
	[ "$ours" = 0 ]; check no_ntshim_leaks $? "$ours report(s) in $kml"
	[ "$ours" = 0 ] || sed 's/^/# /' "$kml"
	end kmemleak
}

# What DKMS installed loads with modprobe, ntshim pulled in as a dependency.
t_dkms() {
	begin dkms_modprobe
	load hello
	loaded hello && loaded ntshim; check modprobe_hello_with_ntshim $? "$err"
	has_log "hello: DriverEntry for \\Driver\\hello"; check hello_ran $?
	unload hello
	! loaded hello; check modprobe_r_hello $? "$err"
	has_log "hello: goodbye from \\Driver\\hello"; check hello_unloaded $?
	end dkms_modprobe
}

# ---- main -----------------------------------------------------------------

if [ "$(id -u)" != 0 ]; then
	echo "# SKIP ntshim_test.sh needs root"
	exit 4
fi
if [ -z "$NTSHIM_MODPROBE" ] && [ ! -e "$MODDIR/ntshim.ko" ]; then
	echo "# SKIP no ntshim.ko in $MODDIR"
	exit 4
fi

echo "KTAP version 1"
if [ "${1#shutdown-}" != "$1" ]; then
	# Shutdown: register, then power off, reboot or halt; the harness reads
	# the console.
	load ntshim
	load ntt_shutdown
	echo "ntshim_test: ${1#shutdown-} now" >/dev/kmsg
	"${1#shutdown-}" -f
	exit 0
elif [ "$1" = dkms ]; then
	echo "1..1"
	t_dkms
else
	echo "1..25"
	t_shim_load
	t_helper_load
	t_nt_driver ntt_types
	t_nt_driver ntt_isolation
	t_nt_driver ntt_rtl \
		"log_dbgprint_nt_formats=nttest-fmt: 4294967295|-5|deadbeef|-1234567890123|123456789abcdef|-7|-2|ws|S|wideé|abc|c|W|narrow|pr|7   |BEEF|%" \
		"log_dbgprintex=nttest-fmt-ex: error 1" \
		"log_kdprint_checked_build=nttest-kd: checked build prints 42" \
		"log_assert_failure=ntshim: ASSERT failed: 1 + 1 == 3 at " \
		"log_assertmsg_failure=ntshim: ASSERT failed: nttest message: Ok at "
	t_nt_driver ntt_pool \
		"log_paged_at_dispatch_refused=ntshim: ExAllocatePoolWithTag: paged pool requested at IRQL 2"
	t_nt_driver ntt_time
	t_nt_driver ntt_io
	t_nt_driver ntt_irql \
		"log_raise_below_refused=ntshim: KeRaiseIrql to 2 from 15 refused: not a raise" \
		"log_lower_above_refused=ntshim: KeLowerIrql to 15 from 2 refused: not a lowering" \
		"log_lower_below_dpc_refused=ntshim: KeLowerIrql to 0 from 2 refused: below the level this context runs at" \
		"log_dpc_left_raised=returned at IRQL 15: level restored" \
		"log_recursive_acquire=acquired again by its owner"
	t_nt_driver ntt_dpc \
		"log_freed_while_queued=ntshim: ExFreePool: DPC"
	t_nt_driver ntt_dpc_unload \
		"log_unloaded_with_dpc_queued=ntshim: ntt_dpc_unload: DPC" \
		"log_unload_counts_pending=ntt_dpc_unload: unloaded with 1 DPC(s) or timer(s) still pending"
	t_nt_driver ntt_timer \
		"log_dispatch_wait_refused=ntshim: KeWaitForSingleObject at IRQL 2 with no timeout: refused" \
		"log_freed_armed_timer=ntshim: ExFreePool: timer" \
		"log_unloaded_with_timer_armed=ntshim: ntt_timer: timer" \
		"log_unload_counts_pending=ntt_timer: unloaded with "
	t_nt_driver ntt_interrupt \
		"log_busy_vector=ntshim: IoConnectInterrupt: line" \
		"log_double_disconnect=is not a connected interrupt object: ignored" \
		"log_unloaded_connected=ntt_interrupt: unloaded with interrupt line"
	t_nt_driver ntt_paging \
		"log_unbalanced_unlock=MmUnlockPagableImageSection: unbalanced unlock of ntt_paging's code section" \
		"log_lock_at_dispatch_refused=ntshim: MmLockPagableCodeSection at IRQL 2, above APC_LEVEL" \
		"log_paged_code_at_dispatch=reached at IRQL 2, above APC_LEVEL" \
		"log_outside_driver=is not in an NT driver's image" \
		"log_locked_at_unload=ntt_paging: unloaded with its code section locked 1 time(s)"
	t_reinit
	t_nt_driver ntt_load \
		"log_leftover_device_deleted=ntshim: ntt_load: deleted 1 device object(s) the driver left behind"
	t_sample hello 0 \
		"driver_entry=hello: DriverEntry for \\Driver\\hello at IRQL 0" \
		"driver_unload=hello: goodbye from \\Driver\\hello"
	t_sample heartbeat 3 \
		"watchdog_at_dispatch=heartbeat: watchdog (IRQL 2): 4 beat(s) in the last second, steady" \
		"worker_at_passive=heartbeat: worker (IRQL 0): handled beat 8" \
		"worker_stopped=heartbeat: worker: stop event seen, exiting" \
		"clean_stop=heartbeat: stopped after"
	t_sample edu 0 \
		"found_device=edu: found QEMU edu device" \
		"liveness=liveness ok" \
		"isr_and_dpc_per_interrupt=edu: 10 interrupts raised: 10 claimed by the ISR" \
		"dpc_per_interrupt=10 DPC runs" \
		"factorials=edu: factorials 1! to 12!: 12 right"
	t_entry_failure ntt_fail_nodev STATUS_NO_SUCH_DEVICE "No such device"
	t_entry_failure ntt_fail_nomem STATUS_INSUFFICIENT_RESOURCES "Cannot allocate memory"
	t_informational
	t_shim_unload
	t_no_unload
	t_kmemleak
fi
echo "# Totals: pass:$passed fail:$failed xfail:0 xpass:0 skip:$skipped error:0"
[ "$failed" = 0 ] || exit 1
exit 0
