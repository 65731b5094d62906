#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: for each kernel flavour, build everything with W=1, boot the
# kernel in QEMU with the suite in its initramfs, collect the KTAP, scan the
# guest's kernel log, and do the DKMS round trip.  Prints KTAP per flavour
# and ends with "N passed, N failed".
#
#   FLAVOURS="amd64 rt-amd64 ..."     flavours to run (default: all six)
#   DKMS=0                            skip the DKMS round trip
# The debug flavours are kernels with lockdep, KASAN, DEBUG_OBJECTS,
# DEBUG_SHIRQ, kmemleak and UBSAN (6.12-debug-rt on PREEMPT_RT, with RT's
# lock nesting checks), built once per machine (debug-kernel.sh); DKMS is
# exercised on Debian's flavours only.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

FLAVOURS=${FLAVOURS:-amd64 rt-amd64 debug 6.12-amd64 6.12-rt-amd64 6.12-debug-rt}
export FLAVOURS
DKMS=${DKMS:-1}
[ "$DKMS" = 0 ] || WANT_DKMS=1
ensure_tools
declare -A debug_built
for fl in $FLAVOURS; do
	is_debug "$fl" || continue
	tree=$("$NTSHIM_ROOT/tests/vm/debug-kernel.sh" "$fl")
	debug_built[$fl]=$?
	printf -v "DEBUG_TREE_${fl//[-.]/_}" '%s' "$tree"
done

total_pass=0
total_fail=0
results=()

result() { # STATUS NAME [DIAG]
	if [ "$1" = 0 ]; then
		results+=("ok $2")
	else
		results+=("not ok $2${3:+ # $3}")
	fi
}

# Appends the guest's KTAP ($1) as this flavour's tests: subtests stay
# nested under their test, top-level results are renumbered.
guest_results() {
	local ktap=$1 prefix=$2 line nested= planned got=0
	planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$ktap" | head -n 1)
	while IFS= read -r line; do
		case $line in
		"    "*) nested+="$line"$'\n' ;;
		"ok "*|"not ok "*)
			got=$((got + 1))
			line=$(echo "$line" | sed -E "s/^(ok|not ok) [0-9]+ /\1 $prefix/")
			results+=("${nested}${line}")
			nested= ;;
		"# "*) [ "${line#\# Totals}" = "$line" ] && results+=("#${line#\#}") ;;
		esac
	done <"$ktap"
	[ -n "$planned" ] && [ "$got" = "$planned" ]
	result $? "${prefix}all_results_reported" "planned ${planned:-?}, got $got"
}

print_flavour() { # HEADER
	local i=0 r last nested status
	echo "KTAP version 1"
	echo "# $1"
	echo "1..$(printf '%s\n' "${results[@]}" | grep -cE '^(ok|not ok) ')"
	for r in "${results[@]}"; do
		case $r in
		"#"*) echo "$r"; continue ;;
		esac
		i=$((i + 1))
		last=${r##*$'\n'}
		[ "$last" = "$r" ] || printf '%s\n' "${r%$'\n'*}"
		case $last in
		"not ok "*) status="not ok"; total_fail=$((total_fail + 1)) ;;
		*) status=ok; total_pass=$((total_pass + 1)) ;;
		esac
		echo "$status $i ${last#"$status "}"
	done
}

# boot_suite FLAVOUR MODE INITRD PREFIX: one VM run and its results.
boot_suite() {
	local fl=$1 mode=$2 initrd=$3 prefix=$4 dir="$BUILD/$1"
	log "$fl: booting the $mode suite"
	boot_vm "$fl" "$initrd" "$dir/console-$mode.log" "$dir/ktap-$mode.log"
	result $? "${prefix}vm_exited" "see $dir/console-$mode.log"
	grep -q "ntshim-vm: finished" "$dir/ktap-$mode.log"
	result $? "${prefix}vm_finished"
	guest_results "$dir/ktap-$mode.log" "$prefix"
	scan_log "$dir/console-$mode.log" >"$dir/bad-$mode.log"
	result $? "${prefix}guest_log_clean" "$(head -n 1 "$dir/bad-$mode.log")"
}

# shutdown_boot FLAVOUR ACTION: ntt_shutdown registered, then the guest
# powers off, reboots or halts; IRP_MJ_SHUTDOWN goes to G, F, E, A, then C.
# The kernel's last line says it got there; where it prints its console
# from a thread (PREEMPT_RT) that line may never get out, so QEMU's own
# view counts too: it exits by itself (-no-reboot) only when the guest
# powers off or resets, and shows a halted guest's CPUs stopped.
shutdown_boot() {
	local fl=$1 action=$2 dir="$BUILD/$1" log order done_re done_rc vm_rc
	log="$dir/console-shutdown-$action.log"
	make_initramfs "$fl" "shutdown-$action" "$dir/initrd-shutdown.gz"
	case $action in
	poweroff) done_re="reboot: Power down" ;;
	reboot) done_re="reboot: Restarting system" ;;
	halt) done_re="reboot: System halted" ;;
	esac
	log "$fl: booting to $action"
	if [ "$action" = halt ]; then
		boot_vm_until "$fl" "$dir/initrd-shutdown.gz" "$log" "$dir/ktap-shutdown.log" "$done_re"
		done_rc=$?
	else
		boot_vm "$fl" "$dir/initrd-shutdown.gz" "$log" "$dir/ktap-shutdown.log"
		vm_rc=$?
		grep -q "$done_re" "$log"
		done_rc=$?
		[ "$done_rc" = 0 ] || [ "$vm_rc" != 0 ] || done_rc=0
	fi
	[ "$done_rc" = 0 ]
	result $? "shutdown_${action}_completed"
	order=$(sed -n 's/.*nttest-shutdown: device \([A-Z]\) irql 0 major 16.*/\1/p' "$log" | tr -d '\n')
	[ "$order" = GFEAC ]
	result $? "shutdown_${action}_regular_then_last_chance" "called: ${order:-none} (want GFEAC: G, F, E and A regular, newest first; C last chance; never B, D, X or S)"
	scan_log "$log" >"$dir/bad-shutdown.log"
	result $? "shutdown_${action}_guest_log_clean" "$(head -n 1 "$dir/bad-shutdown.log")"
}

# bench_smoke FLAVOUR: the benchmark with a few iterations, so it never rots.
bench_smoke() {
	local fl=$1 dir="$BUILD/$1" missing name
	make_initramfs "$fl" bench-smoke "$dir/initrd-bench.gz"
	log "$fl: booting the benchmark smoke run"
	boot_vm "$fl" "$dir/initrd-bench.gz" "$dir/console-bench.log" "$dir/bench.log"
	grep -q "^ntbench-done" "$dir/bench.log"
	result $? bench_smoke_completed
	missing=
	for name in dpc_insert_to_run_per_op dpc_latency_p99 timer_set_cancel_per_op \
		    timer_lateness_p99 timer_early_expiries iotimer_cadence_max_error \
		    spinlock_uncontended_per_op spinlock_contended_per_op \
		    interrupt_flat_out_per_irq interrupt_10khz_per_irq \
		    synchronize_execution_per_op synchronize_execution_contended_per_op \
		    scale_ktimers_arm_total scale_dpc_burst_total \
		    ioctl_buffered_round_trip_per_op direct_read_1mib_per_op; do
		grep -q "^ntbench: $name " "$dir/bench.log" || missing+=" $name"
	done
	[ -z "$missing" ]
	result $? bench_smoke_every_benchmark "missing:$missing"
	grep -q "^ntbench: timer_early_expiries count 0 " "$dir/bench.log"
	result $? bench_smoke_no_early_timer_expiry
	scan_log "$dir/console-bench.log" >"$dir/bad-bench.log"
	result $? bench_smoke_guest_log_clean "$(head -n 1 "$dir/bad-bench.log")"
}

# port_checks FLAVOUR: make port on the host, on a copy of tests/port: a
# source tree with options builds; a driver calling what ntshim lacks gets
# the porting report, naming each routine at its first use.
port_checks() {
	local fl=$1 dir="$BUILD/$1" tree="$BUILD/$1/tree" src="$BUILD/$1/port" out
	rm -rf "$src"
	cp -r "$NTSHIM_ROOT/tests/port" "$src"
	make -C "$tree" port W=1 KDIR="$(kdir_of "$fl")" SRC="$src/ok" NAME=ntt_port \
		INCLUDES="inc ../shared" DEFINES="NTT_PORT_VALUE=5 NTT_UNUSED" >"$dir/port-ok.log" 2>&1 &&
		[ -f "$src/ok/ntt_port.ko" ] && ! grep -q 'warning:' "$dir/port-ok.log"
	result $? port_tree_with_options_builds "see $dir/port-ok.log"
	make -C "$tree" port W=1 KDIR="$(kdir_of "$fl")" SRC="$src/missing" NAME=ntt_missing \
		>"$dir/port-missing.log" 2>&1
	out=$?
	[ "$out" != 0 ] && [ ! -f "$src/missing/ntt_missing.ko" ] &&
		grep -q "port: ntt_missing calls 2 routine(s)" "$dir/port-missing.log" &&
		grep -Eq "^  IoWMIRegistrationControl +missing.c:10$" "$dir/port-missing.log" &&
		grep -Eq "^  PoStartNextPowerIrp +missing.c:9$" "$dir/port-missing.log" &&
		! grep -q "ERROR: modpost" "$dir/port-missing.log"
	result $? port_report_names_missing_routines "see $dir/port-missing.log"
}

dkms_version() { sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$NTSHIM_ROOT/dkms.conf"; }

dkms_prepare() {
	local ver
	ver=$(dkms_version)
	dkms remove "ntshim/$ver" --all >/dev/null 2>&1
	rm -rf "/usr/src/ntshim-$ver"
	copy_tree "/usr/src/ntshim-$ver"
	dkms add "ntshim/$ver" >"$BUILD/dkms-add.log" 2>&1
}

# dkms_flavour FLAVOUR: dkms build + install for its kernel, then modprobe
# in a VM from the modules DKMS installed.
dkms_flavour() {
	local fl=$1 ver kver dir="$BUILD/$1"
	ver=$(dkms_version)
	kver=$(kver_of "$fl")
	dkms build "ntshim/$ver" -k "$kver" >"$dir/dkms-build.log" 2>&1
	result $? dkms_build "see $dir/dkms-build.log"
	rm -f /usr/local/include/linux/ntshim.h
	dkms install "ntshim/$ver" -k "$kver" >"$dir/dkms-install.log" 2>&1
	result $? dkms_install "see $dir/dkms-install.log"
	# Compressed as the kernel's own modules are (xz on Debian's 6.12).
	ls "/lib/modules/$kver/updates/dkms/ntshim.ko"* >/dev/null 2>&1 &&
		ls "/lib/modules/$kver/updates/dkms/hello.ko"* >/dev/null 2>&1
	result $? dkms_modules_installed
	[ -f /usr/local/include/linux/ntshim.h ]
	result $? dkms_uapi_header_installed
	make_initramfs "$fl" dkms "$dir/initrd-dkms.gz" "/lib/modules/$kver/updates/dkms"
	boot_suite "$fl" dkms "$dir/initrd-dkms.gz" dkms_
}

# The guest's scripts run under busybox sh and, installed as a kselftest,
# under Debian's /bin/sh (dash): POSIX only, checked on the host.
posix_scripts() {
	local f r=0
	for f in tests/ntshim_test.sh tests/vm/init tests/vm/demo-guest.sh; do
		dash -n "$NTSHIM_ROOT/$f" || r=1
	done
	(cd "$NTSHIM_ROOT" && shellcheck -s sh -S warning tests/ntshim_test.sh tests/vm/init \
		tests/vm/demo-guest.sh) || r=1
	return $r
}

mkdir -p "$BUILD"
posix_scripts >"$BUILD/posix.log" 2>&1
posix_rc=$?

if [ "$DKMS" != 0 ]; then
	dkms_prepare
	dkms_added=$?
fi

for fl in $FLAVOURS; do
	results=()
	dir="$BUILD/$fl"
	mkdir -p "$dir"
	start=$SECONDS
	if is_debug "$fl"; then
		[ "${debug_built[$fl]}" = 0 ]
		result $? debug_kernel_built
		if [ "${debug_built[$fl]}" != 0 ]; then
			print_flavour "ntshim on the $fl kernel"
			continue
		fi
	fi
	[ "$posix_rc" = 0 ]
	result $? guest_scripts_posix "see $BUILD/posix.log"
	build_flavour "$fl"
	result $? build "see $dir/build.log"
	warnings=$(grep -c 'warning:' "$dir/build.log")
	[ "$warnings" = 0 ]
	result $? build_warning_free_w1 "$warnings warning(s), see $dir/build.log"
	port_checks "$fl"
	make_initramfs "$fl" check "$dir/initrd-check.gz"
	boot_suite "$fl" check "$dir/initrd-check.gz" ""
	for action in poweroff reboot halt; do
		shutdown_boot "$fl" "$action"
	done
	bench_smoke "$fl"
	if [ "$DKMS" != 0 ] && ! is_debug "$fl"; then
		[ "$dkms_added" = 0 ]
		result $? dkms_add "see $BUILD/dkms-add.log"
		dkms_flavour "$fl"
	fi
	print_flavour "ntshim on $(kver_of "$fl") ($((SECONDS - start)) s)"
done

if [ "$DKMS" != 0 ]; then
	dkms remove "ntshim/$(dkms_version)" --all >/dev/null 2>&1
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
