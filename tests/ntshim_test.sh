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
COMPLAINTS=/sys/kernel/debug/ntshim/complaints
num=0
passed=0
failed=0
skipped=0
sub=0
subfail=0
subskip=0
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
	subskip=$((subskip + 1))
	subout="$subout    ok $sub $1 # SKIP $2
"
}

begin() {
	sub=0
	subfail=0
	subskip=0
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
	if [ "$sub" -gt 0 ] && [ "$subskip" = "$sub" ]; then
		skipped=$((skipped + 1))
		echo "ok $num $1 # SKIP"
	elif [ "$sub" -gt 0 ] && [ "$subfail" = 0 ]; then
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

# complaints DRIVER ID: how often ntshim complained ID about DRIVER since
# the driver was last loaded (debugfs counts identities, never wording).
complaints() {
	awk -v d="$1" -v i="$2" '$1 == d && $2 == i { n = $3 } END { print n + 0 }' "$COMPLAINTS"
}

all_complaints() {
	awk -v d="$1" '$1 == d { n += $3 } END { print n + 0 }' "$COMPLAINTS"
}

# expect DRIVER NAME=LOG-TEXT | NAME@ID | NAME@ID=COUNT: the driver's own
# output holds LOG-TEXT, or ntshim complained ID about it (COUNT times).
expect() {
	case $2 in
	*@*)
		name=${2%%@*}
		rest=${2#*@}
		id=${rest%%=*}
		n=$(complaints "$1" "$id")
		if [ "$id" = "$rest" ]; then
			[ "$n" -ge 1 ]
		else
			[ "$n" = "${rest#*=}" ]
		fi
		check "$1.$name" $? "complaint $id counted $n"
		;;
	*)
		has_log "${2#*=}"; check "$1.${2%%=*}" $? "missing: ${2#*=}"
		;;
	esac
}

# Adds the checks an NT test driver reported about itself (once each, for
# a driver loaded several times).
driver_checks() {
	klog | sed -n "s/^nttest: $1: \(ok\|not ok\) \(.*\)/\1|\2/p" | sort -u >/tmp/nttest.$$
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
	for e in "$@"; do
		expect "$drv" "$e"
	done
	end "$drv"
}

# run_program NAME: the checks of a test program next to the script
# (tests/user/NAME.c), one "ok NAME" or "not ok NAME # why" line each.
run_program() {
	if [ -x "$MODDIR/$1" ]; then
		prog=$1
		shift
		"$MODDIR/$prog" "$@" >/tmp/program.$$ 2>&1
		while IFS= read -r line; do
			case $line in
			"ok "*) check "program.${line#ok }" 0 ;;
			"not ok "*)
				rest=${line#not ok }
				check "program.${rest%% # *}" 1 "${rest#* # }" ;;
			esac
		done </tmp/program.$$
		rm -f /tmp/program.$$
	else
		skip program "no $1 program next to the script"
	fi
}

# t_pending: requests the driver pends, completed from a DPC, cancelled by
# a signal or the program's exit, or given up on (tests/user/ntt_pending.c);
# the driver unloads once the last of them is done.
t_pending() {
	begin ntt_pending
	before=$(pool_blocks)
	load ntt_pending
	[ -z "$err" ] && loaded ntt_pending; check loaded $? "$err"
	has_log "nttest: ntt_pending: entry-done"; check driver_entry_completed $?
	run_program ntt_pending
	unload ntt_pending
	! loaded ntt_pending; check unloaded $? "$err"
	has_log "nttest: ntt_pending: unload-done"; check driver_unload_completed $?
	released ntt_pending
	expect ntt_pending "kept_event_dropped@unload-leftover=1"
	expect ntt_pending "program_irp_free_refused@irp-misuse"
	driver_checks ntt_pending
	expect ntt_pending "forgetful_cancel_routine@cancel-lock-held=1"
	expect ntt_pending "stuck_request_reported@request-stuck=1"
	end ntt_pending
}

# t_stack: a filter (ntt_upper) attached above another driver's device
# (ntt_lower) sees what a program sends to that device, answers its own
# control code, passes the rest down, and holds the lower driver loaded
# until it detaches; loaded again, it is removed while a program's
# requests flow (tests/user/ntt_stack.c).
t_stack() {
	begin ntt_stack
	before=$(pool_blocks)
	load ntt_lower
	loaded ntt_lower; check lower_loaded $? "$err"
	load ntt_upper
	loaded ntt_upper; check upper_loaded $? "$err"
	has_log "nttest: ntt_upper: entry-done"; check filter_entry_completed $?
	if [ -x "$MODDIR/ntctl" ]; then
		out=$("$MODDIR/ntctl" ioctl NttLower 0x222404 -o 8)
		case $out in *"information: 5"*upper*) r=0 ;; *) r=1 ;; esac
		check filter_answers_its_code $r "$out"
		out=$("$MODDIR/ntctl" ioctl NttLower 0x222400 -o 8)
		case $out in *"information: 5"*lower*) r=0 ;; *) r=1 ;; esac
		check passed_down_to_lower $r "$out"
		out=$("$MODDIR/ntctl" read NttLower 4)
		case $out in *"bytes: 4"*DATA*) r=0 ;; *) r=1 ;; esac
		check completion_routine_on_the_way_up $r "$out"
		out=$("$MODDIR/ntctl" ioctl NttLower 0x22240c)
		case $out in *STATUS_SUCCESS*) r=0 ;; *) r=1 ;; esac
		check dereference_never_taken_refused $r "$out"
	else
		skip ntctl "no ntctl next to the script"
	fi
	unload ntt_lower
	loaded ntt_lower; check lower_held_by_filter $? "$err"
	unload ntt_upper
	! loaded ntt_upper; check upper_unloaded $? "$err"
	# Four opens (create, cleanup, close each), two control codes and a read.
	has_log "nttest-stack: 15 request(s) passed down"; check filter_counted_passes $?
	# Again, and removed while a program's requests flow through it.
	load ntt_upper
	loaded ntt_upper; check upper_reloaded $? "$err"
	if [ -n "$NTSHIM_MODPROBE" ]; then
		run_program ntt_stack "$MODPROBE -r ntt_upper"
	else
		run_program ntt_stack "$RMMOD ntt_upper"
	fi
	! loaded ntt_upper; check upper_removed_under_requests $? "still loaded"
	unload ntt_lower
	! loaded ntt_lower; check lower_unloaded $? "$err"
	driver_checks ntt_upper
	driver_checks ntt_lower
	released ntt_lower
	expect ntt_upper "unknown_major@bad-argument=1"
	expect ntt_upper "second_attach@resource-busy=1"
	expect ntt_upper "kept_file_dropped@unload-leftover=1"
	[ -x "$MODDIR/ntctl" ] && expect ntt_lower "unowned_dereference@not-an-object=1"
	end ntt_stack
}

# t_devio: programs reach an NT driver through /dev/nt: the checks of the
# test program (tests/user/ntt_devio.c), then an unload refused while a
# handle is open, and the nodes gone with the driver.
t_devio() {
	begin ntt_devio
	before=$(pool_blocks)
	load ntt_devio
	[ -z "$err" ] && loaded ntt_devio; check loaded $? "$err"
	has_log "nttest: ntt_devio: entry-done"; check driver_entry_completed $?
	run_program ntt_devio
	if [ -x "$MODDIR/ntctl" ]; then
		out=$("$MODDIR/ntctl" ioctl NttDevio 0x222000 -s abc -o 16)
		case $out in
		*"status: STATUS_SUCCESS (0x00000000)"*"information: 3"*"61 62 63"*abc*) r=0 ;;
		*) r=1 ;;
		esac
		check ntctl_ioctl $r "$out"
		out=$("$MODDIR/ntctl" ioctl NttDevio 34,0x8ff,0,0)
		r=$?
		case $out in
		*"STATUS_INVALID_DEVICE_REQUEST (0xc0000010)"*) [ "$r" = 1 ] ;;
		*) false ;;
		esac
		check ntctl_error_status $? "$out"
		"$MODDIR/ntctl" write NttDevio -x "68 69 21" -O 100 >/dev/null &&
			out=$("$MODDIR/ntctl" read NttDevio 3 -O 100)
		case $out in
		*"bytes: 3"*"68 69 21"*"hi!"*) r=0 ;;
		*) r=1 ;;
		esac
		check ntctl_write_read $r "$out"
	else
		skip ntctl "no ntctl next to the script"
	fi
	exec 3</dev/nt/NttDevio
	unload ntt_devio
	loaded ntt_devio; check unload_refused_while_open $? "$err"
	exec 3<&-
	unload ntt_devio
	! loaded ntt_devio; check unloaded $? "$err"
	[ ! -e /dev/nt/NttDevio ] && [ ! -e /dev/nt/NttRaw ] && [ ! -e /dev/nt/NttDirect ] &&
		[ ! -e /dev/nt/Device/NttDevio ] && [ ! -e /dev/nt/Device/NttLate ]
	check nodes_removed $?
	has_log "nttest: ntt_devio: unload-done"; check driver_unload_completed $?
	released ntt_devio
	driver_checks ntt_devio
	expect ntt_devio "outside_dos_devices@unsupported=1"
	expect ntt_devio "too_much_information@irp-misuse=1"
	expect ntt_devio "foreign_mdl_pages_refused@bad-argument=1"
	expect ntt_devio "kept_pages_freed_at_unload@unload-leftover=1"
	end ntt_devio
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
	# A sample with a program (samples/NAME/NAMEapp.c) is driven by it.
	if [ -x "$MODDIR/${drv}app" ]; then
		out=$("$MODDIR/${drv}app" 2>&1)
		check program_ran $? "$out"
	fi
	sleep "$secs"
	unload "$drv"
	! loaded "$drv"; check unloaded $? "$err"
	released "$drv"
	for e in "$@"; do
		has_log "${e#*=}"; check "${e%%=*}" $? "missing: ${e#*=}"
	done
	# A well-behaved driver draws no complaint from ntshim.
	n=$(all_complaints "$drv")
	complaint=$(klog | grep -m1 '^ntshim: \[')
	[ "$n" = 0 ] && [ -z "$complaint" ]
	check no_ntshim_complaints $? "$n counted; $complaint"
	end "sample_$drv"
}

# t_entry_failure DRIVER STATUS ERRNO-TEXT: a failing DriverEntry.
t_entry_failure() {
	begin "$1"
	before=$(pool_blocks)
	load "$1"
	! loaded "$1"; check load_refused $?
	case $err in *"$3"*) r=0 ;; *) r=1 ;; esac
	check "errno_is_$(echo "$3" | tr ' ' _)" $r "$err"
	expect "$1" "failure_reported@driver-entry-failed=1"
	klog | grep -F "[driver-entry-failed] $1:" | grep -qF "$2"
	check status_named $?
	expect "$1" "devices_deleted@unload-leftover=1"
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
	[ "$(pool_blocks)" = 0 ]; check no_pool_leak $? "$(pool_blocks) block(s) left"
	unload ntshim
	! loaded ntshim; check shim_unloaded $? "$err"
	load ntshim
	loaded ntshim; check shim_reloaded $? "$err"
	end shim_unload
}

t_no_unload() {
	begin ntt_pinned
	load ntt_pinned
	loaded ntt_pinned; check loaded $? "$err"
	grep -q "^ntt_pinned .*unload=no" "$DRIVERS"; check listed_without_unload $?
	unload ntt_pinned
	case $err in *"Resource temporarily unavailable"*|*"in use"*) r=0 ;; *) r=1 ;; esac
	check rmmod_refused $r "$err"
	loaded ntt_pinned; check still_loaded $?
	driver_checks ntt_pinned
	# Where the kernel allows forcing, a forced rmmod still cleans up.
	if err=$($RMMOD -f ntt_pinned 2>&1); then
		! loaded ntt_pinned; check forced_unload $? "$err"
		! grep -q "^ntt_pinned " "$DRIVERS"; check forced_unload_releases_driver $?
		expect ntt_pinned "forced_unload_deletes_devices@unload-leftover=1"
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
	expect ntt_reinit_drop "unload_drops_pending@unload-leftover=1"
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

# The many loads and unloads of a driver whose timer's DPC sets the timer
# again on the other processor: stopping it must be airtight every time.
t_rearm() {
	begin ntt_rearm
	before=$(pool_blocks)
	i=0
	ok=0
	while [ "$i" -lt 30 ]; do
		if load ntt_rearm && loaded ntt_rearm && unload ntt_rearm && ! loaded ntt_rearm; then
			ok=$((ok + 1))
		fi
		i=$((i + 1))
	done
	[ "$ok" = 30 ]; check loaded_and_unloaded_30_times $? "$ok of 30; $err"
	released ntt_rearm
	driver_checks ntt_rearm
	n=$(($(complaints ntt_rearm live-at-free) + $(complaints ntt_rearm use-after-stop)))
	[ "$n" -ge 1 ]; check chain_stopped_at_unload $? "live-at-free + use-after-stop = $n"
	end ntt_rearm
}

# t NAME [ARGS...]: one test of the suite (or, counting, one more planned).
t() {
	if [ -n "$counting" ]; then
		planned=$((planned + 1))
	else
		"$@"
	fi
}

suite() {
	t t_shim_load
	t t_helper_load
	t t_nt_driver ntt_types
	t t_nt_driver ntt_isolation
	t t_nt_driver ntt_rtl \
		"log_dbgprint_nt_formats=nttest-fmt: 4294967295|-5|deadbeef|-1234567890123|123456789abcdef|-7|-2|ws|S|wideé|abc|c|W|narrow|pr|7   |BEEF|%" \
		"log_dbgprintex=nttest-fmt-ex: error 1" \
		"log_kdprint_checked_build=nttest-kd: checked build prints 42" \
		"log_dbgprint_continued_line=nttest-cont: one line from three calls" \
		"assert_failures@assert-failed=2" \
		"log_assert_expression=1 + 1 == 3 at " \
		"log_assert_message=nttest message: Ok at " \
		"null_strings_version_and_bitmap@bad-argument=4" \
		"literal_freed_as_string@pool-bad-free=1"
	t t_nt_driver ntt_crt \
		"secure_device_without_sddl@bad-argument=1"
	t t_nt_driver ntt_seh \
		"raises_no_try_took@exception-unhandled=2"
	t t_nt_driver ntt_interlocked
	t t_nt_driver ntt_mutex \
		"six_objects_without_blocks@bad-argument=1" \
		"releases_by_non_owners@mutex-not-owned=2" \
		"owner_ended_holding@mutex-abandoned=1" \
		"unbalanced_leaves@region-unbalanced=2"
	t t_nt_driver ntt_fastmutex \
		"recursive_acquire@mutex-recursive=1" \
		"releases_by_non_owners@mutex-not-owned=2"
	t t_nt_driver ntt_rundown \
		"release_of_none@bad-argument=1"
	t t_nt_driver ntt_lookaside \
		"paged_at_dispatch@irql-too-high=1" \
		"ex_bad_flags@bad-argument=1"
	t t_nt_driver ntt_resource \
		"release_not_held@mutex-not-owned=1" \
		"sharer_asking_exclusive@mutex-recursive=1" \
		"outside_critical_region@wrong-context=1" \
		"delete_while_held@live-at-free=1" \
		"deleted_resource_used@uninitialized-object=1"
	t t_nt_driver ntt_pushlock \
		"second_exclusive@mutex-recursive=1" \
		"releases_of_nothing@mutex-not-owned=2"
	t t_devio
	t t_pending
	t t_nt_driver ntt_startio
	t t_stack
	t t_nt_driver ntt_workitem \
		"queued_twice_or_freed_queued@work-item-queued=3" \
		"not_a_device@not-an-object=1" \
		"log_unload_waited_for_item=ntt_workitem: late work item returned"
	t t_nt_driver ntt_pool \
		"paged_at_dispatch_refused@pool-paged-at-dispatch" \
		"secure_pool_refused@unsupported=1"
	t t_nt_driver ntt_time
	t t_nt_driver ntt_io
	t t_nt_driver ntt_irql \
		"raise_below_refused@irql-not-raise" \
		"lower_above_refused@irql-not-lower" \
		"lower_below_dpc_refused@irql-below-context" \
		"dpc_left_raised@irql-unbalanced=1" \
		"recursive_acquire@spinlock-recursive" \
		"bad_queue_number_and_fp_restore@bad-argument=2"
	t t_nt_driver ntt_dpc \
		"freed_while_queued@live-at-free"
	t t_nt_driver ntt_dpc_unload \
		"unloaded_with_dpc_queued@live-at-free" \
		"unload_counts_pending@unload-leftover"
	t t_nt_driver ntt_semaphore \
		"limit_and_zero_release_refused@semaphore-limit=2" \
		"count_above_limit_refused@bad-argument=1"
	t t_nt_driver ntt_timer \
		"dispatch_wait_refused@irql-too-high" \
		"freed_or_unloaded_armed_timers@live-at-free=3" \
		"unload_counts_pending@unload-leftover"
	t t_nt_driver ntt_interrupt \
		"busy_vector@resource-busy" \
		"double_disconnect@not-an-object" \
		"unloaded_connected@unload-leftover"
	t t_nt_driver ntt_paging \
		"outside_image_or_unbalanced@section-misuse" \
		"lock_at_dispatch_refused@irql-too-high" \
		"paged_code_at_dispatch@paged-code" \
		"locked_at_unload@unload-leftover"
	t t_nt_driver ntt_thread \
		"handles_closed_once@bad-handle=3" \
		"threads_ended_raised@irql-unbalanced=3" \
		"bad_priorities_and_affinity@bad-argument=3"
	t t_nt_driver ntt_misuse \
		"spinlock_released_while_free@spinlock-not-held=1" \
		"spinlock_released_by_other@spinlock-not-owner=1" \
		"null_or_negative_arguments@bad-argument=6" \
		"reinit_from_other_thread@wrong-context=1" \
		"uninitialized_objects@uninitialized-object=5" \
		"foreign_and_double_frees@pool-bad-free=5" \
		"unreadable_strings@bad-string=3" \
		"huge_device_extension@no-memory=1" \
		"routines_left_raised@irql-unbalanced=5" \
		"log_bad_string_printed=nttest-misuse: status as string: (invalid)"
	t t_nt_driver ntt_stuck \
		"waited_for_thread@unload-thread-running=1" \
		"left_timer_stopped@unload-leftover"
	t t_rearm
	t t_reinit
	t t_nt_driver ntt_load \
		"leftover_device_deleted@unload-leftover=1"
	t t_sample hello 0 \
		"driver_entry=hello: DriverEntry for \\Driver\\hello at IRQL 0" \
		"driver_unload=hello: goodbye from \\Driver\\hello"
	t t_sample heartbeat 3 \
		"watchdog_at_dispatch=heartbeat: watchdog (IRQL 2): 4 beat(s) in the last second, steady" \
		"worker_at_passive=heartbeat: worker (IRQL 0): handled beat 8" \
		"worker_stopped=heartbeat: worker: stop event seen, exiting" \
		"clean_stop=heartbeat: stopped after"
	t t_sample ioctl 0 \
		"device_named=ioctl: \\Device\\NtIoctl is \\DosDevices\\NtIoctl" \
		"buffered=ioctl: METHOD_BUFFERED, 16 bytes upper-cased" \
		"in_direct=ioctl: METHOD_IN_DIRECT, 5 bytes sum to 532" \
		"out_direct=ioctl: METHOD_OUT_DIRECT, 24 bytes of the message" \
		"neither=ioctl: METHOD_NEITHER, 8 bytes reversed" \
		"unloaded=ioctl: unloaded"
	t t_sample edu 0 \
		"found_device=edu: found QEMU edu device" \
		"liveness=liveness ok" \
		"isr_and_dpc_per_interrupt=edu: 10 interrupts raised: 10 claimed by the ISR" \
		"dpc_per_interrupt=10 DPC runs" \
		"factorials=edu: factorials 1! to 12!: 12 right"
	t t_entry_failure ntt_fail_nodev STATUS_NO_SUCH_DEVICE "No such device"
	t t_entry_failure ntt_fail_nomem STATUS_INSUFFICIENT_RESOURCES "Cannot allocate memory"
	t t_informational
	t t_shim_unload
	t t_no_unload
	t t_kmemleak
}

echo "KTAP version 1"
case $1 in
shutdown-*)
	# Shutdown: a driver that unloaded after clobbering its device's
	# Flags, the registrations, and a driver stuck in its unload; then
	# power off, reboot or halt.  The harness reads the console.
	load ntshim
	load ntt_shutdown_clobber
	unload ntt_shutdown_clobber
	load ntt_shutdown
	load ntt_stuck
	$RMMOD ntt_stuck &
	sleep 1
	echo "ntshim_test: ${1#shutdown-} now" >/dev/kmsg
	"${1#shutdown-}" -f
	exit 0
	;;
dkms)
	echo "1..1"
	t_dkms
	;;
*)
	counting=1
	planned=0
	suite
	counting=
	echo "1..$planned"
	suite
	;;
esac
echo "# Totals: pass:$passed fail:$failed xfail:0 xpass:0 skip:$skipped error:0"
[ "$failed" = 0 ] || exit 1
exit 0
