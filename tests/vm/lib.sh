#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Shared by make check and make demo: the Debian kernels, per-flavour builds,
# the busybox initramfs and the QEMU boot.

NTSHIM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${NTSHIM_BUILD:-$NTSHIM_ROOT/build}
VM_TIMEOUT=${VM_TIMEOUT:-600}
VM_MEM=${VM_MEM:-1024}
# Built kernels outlive checkouts: one debug kernel per machine and config.
DEBUG_CACHE=${NTSHIM_CACHE:-/var/cache/ntshim}

log() { echo "[ntshim] $*" >&2; }
die() { log "error: $*"; exit 2; }

apt_updated=
apt_install() {
	[ $# -gt 0 ] || return 0
	[ "$(id -u)" = 0 ] || die "need root to install: $*"
	if [ -z "$apt_updated" ]; then
		log "apt-get update"
		apt-get update -qq >&2 || die "apt-get update failed"
		apt_updated=1
	fi
	log "installing: $*"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2 ||
		die "apt-get install $* failed"
}

# Flavours: Debian's generic and PREEMPT_RT kernels of two series, 6.1
# (amd64, rt-amd64) and 6.12 (6.12-amd64, 6.12-rt-amd64), and two debug
# kernels built by debug-kernel.sh: "debug" from the 6.1 source, and
# "6.12-debug-rt", PREEMPT_RT from the 6.12 source.
series_of() {
	case $1 in
	6.12-*) echo 6.12 ;;
	*) echo 6.1 ;;
	esac
}

# amd64, rt-amd64, debug or debug-rt: the flavour within its series.
kind_of() { echo "${1#6.12-}"; }

is_debug() {
	case $(kind_of "$1") in
	debug*) return 0 ;;
	esac
	return 1
}

# ABI_GLOB SERIES: the package ABIs of a series (6.1.0-N, 6.12.N+deb12).
abi_glob() {
	case $1 in
	6.12) echo '6\.12\.[0-9]*+deb12' ;;
	*) echo '6\.1\.0-[0-9]*' ;;
	esac
}

# installed_kabi SERIES: an ABI whose generic and RT kernels and headers
# are all installed, the newest.
installed_kabi() {
	local v abi re
	re=$(abi_glob "$1")
	for v in $(ls /boot/vmlinuz-"$1".*-rt-amd64 2>/dev/null | sort -rV); do
		abi=${v#/boot/vmlinuz-}
		abi=${abi%-rt-amd64}
		echo "$abi" | grep -qx "$re" || continue
		if [ -e "/boot/vmlinuz-$abi-amd64" ] &&
		   [ -d "/lib/modules/$abi-amd64/build" ] &&
		   [ -d "/lib/modules/$abi-rt-amd64/build" ]; then
			echo "$abi"
			return
		fi
	done
}

# archive_kabi SERIES: the newest ABI the archive has for both flavours.
archive_kabi() {
	local re
	re=$(abi_glob "$1")
	apt-cache pkgnames "linux-headers-$1." 2>/dev/null |
		sed -n "s/^linux-headers-\($re\)-rt-amd64\$/\1/p" | sort -rV |
		while read -r abi; do
			if apt-cache show "linux-image-$abi-amd64" "linux-image-$abi-rt-amd64" \
			   "linux-headers-$abi-amd64" >/dev/null 2>&1; then
				echo "$abi"
				break
			fi
		done
}

# kabi_of FLAVOUR: the Debian ABI of its series (for a debug flavour, the
# one whose source it is built from).
kabi_of() {
	if [ "$(series_of "$1")" = 6.12 ]; then
		echo "$KABI_612"
	else
		echo "$KABI"
	fi
}

# The series the flavours in $FLAVOURS (default: the 6.1 ones) need.
wanted_series() {
	local fl out=
	for fl in ${FLAVOURS:-amd64}; do
		case " $out " in
		*" $(series_of "$fl") "*) ;;
		*) out+=" $(series_of "$fl")" ;;
		esac
	done
	echo "$out"
}

# ensure_series SERIES VAR: sets VAR to the series' ABI and lists the
# packages it needs in need[].
ensure_series() {
	local series=$1 var=$2 abi f
	abi=$(installed_kabi "$series")
	[ "$series" != 6.1 ] || abi=${NTSHIM_KABI:-$abi}
	[ "$series" != 6.12 ] || abi=${NTSHIM_KABI_612:-$abi}
	if [ -z "$abi" ]; then
		apt_install "${need[@]}"
		need=()
		abi=$(archive_kabi "$series")
		[ -n "$abi" ] || die "no Debian $series kernel with an RT flavour in the archive"
	fi
	for f in amd64 rt-amd64; do
		[ -e "/boot/vmlinuz-$abi-$f" ] || need+=("linux-image-$abi-$f")
		[ -d "/lib/modules/$abi-$f/build" ] || need+=("linux-headers-$abi-$f")
	done
	printf -v "$var" '%s' "$abi"
	export "${var?}"
}

# Sets KABI (and KABI_612) and makes sure everything the VM runs need is
# installed, for the series $FLAVOURS use.
ensure_tools() {
	local series
	need=()
	command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
	dpkg -s busybox-static >/dev/null 2>&1 || need+=(busybox-static)
	command -v cpio >/dev/null || need+=(cpio)
	command -v depmod >/dev/null || need+=(kmod)
	command -v make >/dev/null || need+=(make)
	command -v gcc >/dev/null || need+=(gcc)
	# The test programs are linked statically.
	[ -f /usr/lib/x86_64-linux-gnu/libc.a ] || need+=(libc6-dev)
	command -v dash >/dev/null || need+=(dash)
	command -v shellcheck >/dev/null || need+=(shellcheck)
	[ -z "${WANT_DKMS:-}" ] || command -v dkms >/dev/null || need+=(dkms)

	for series in $(wanted_series); do
		case $series in
		6.12) ensure_series 6.12 KABI_612 ;;
		*) ensure_series 6.1 KABI ;;
		esac
	done
	apt_install "${need[@]}"
}

# DEBUG_TREE_<flavour> holds a debug flavour's tree (check.sh sets it).
debug_tree_of() {
	local var="DEBUG_TREE_${1//[-.]/_}"
	echo "${!var}"
}

kver_of() {
	if is_debug "$1"; then
		cat "$(debug_tree_of "$1")/include/config/kernel.release"
	else
		echo "$(kabi_of "$1")-$(kind_of "$1")"
	fi
}

kdir_of() {
	if is_debug "$1"; then
		debug_tree_of "$1"
	else
		echo "/lib/modules/$(kver_of "$1")/build"
	fi
}

vmlinuz_of() {
	if is_debug "$1"; then
		echo "$(debug_tree_of "$1")/arch/x86/boot/bzImage"
	else
		echo "/boot/vmlinuz-$(kver_of "$1")"
	fi
}

# Source files of the tree: what git knows (tracked or new), else everything
# that is not a build product.
list_sources() {
	if git -C "$NTSHIM_ROOT" rev-parse --git-dir >/dev/null 2>&1; then
		git -C "$NTSHIM_ROOT" ls-files -co --exclude-standard | grep -v '^build/'
	else
		(cd "$NTSHIM_ROOT" && find . -path ./build -prune -o -type f -print |
			grep -vE '\.(o|ko|mod|mod\.c|cmd|a|s)$|/generated/|ntglue-')
	fi
}

# Copies the tree to $1, keeping timestamps so kbuild rebuilds only changes.
copy_tree() {
	mkdir -p "$1"
	(cd "$NTSHIM_ROOT" && list_sources | while read -r f; do
		[ -e "$f" ] && echo "$f"
	done | tar cf - -T -) | tar xf - -C "$1"
}

# build_flavour FLAVOUR: builds shim, samples and tests with W=1 into
# $BUILD/FLAVOUR/tree; the log is $BUILD/FLAVOUR/build.log.
build_flavour() {
	local fl=$1 tree="$BUILD/$1/tree"
	copy_tree "$tree"
	log "building for $(kver_of "$fl") (W=1)"
	make -j"$(nproc)" -C "$(kdir_of "$fl")" M="$tree" W=1 modules \
		>"$BUILD/$fl/build.log" 2>&1 && build_programs "$fl"
}

# build_programs FLAVOUR: the test programs (tests/user), the samples'
# programs (samples/*/*app.c) and the tools (shim/tools), static, for the guest.
build_programs() {
	local fl=$1 tree="$BUILD/$1/tree" out="$BUILD/$1/programs" prog
	rm -rf "$out"
	mkdir -p "$out"
	make -s -C "$tree" tools TOOLS_OUT="$out" TOOLS_LDFLAGS=-static \
		>>"$BUILD/$fl/build.log" 2>&1 || return 1
	for prog in "$tree"/tests/user/*.c "$tree"/samples/*/*app.c; do
		gcc -static -O2 -Wall -Wextra -Werror -I "$tree/shim/uapi" \
			-o "$out/$(basename "$prog" .c)" "$prog" \
			>>"$BUILD/$fl/build.log" 2>&1 || return 1
	done
}

# The guest loads modules with kmod, as users do (busybox's insmod retries a
# failed init with a second call, running a failing DriverEntry twice).
add_kmod() {
	local root=$1 lib tool
	mkdir -p "$root/usr/local/sbin"
	cp /usr/bin/kmod "$root/usr/local/sbin/kmod"
	for lib in $(ldd /usr/bin/kmod | grep -o '/[^ ]*'); do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
	for tool in insmod rmmod modprobe lsmod depmod modinfo; do
		ln -s kmod "$root/usr/local/sbin/$tool"
	done
}

# make_initramfs FLAVOUR MODE OUT [extra dir]: busybox, ntshim's modules
# and scripts; MODE selects what /init runs.
make_initramfs() {
	local fl=$1 mode=$2 out=$3 extra=${4:-} root="$BUILD/$1/root-$2"
	local kver
	kver=$(kver_of "$fl")
	rm -rf "$root"
	mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,ntshim,lib/modules/"$kver"}
	cp /bin/busybox "$root/bin/busybox"
	add_kmod "$root"
	cp "$NTSHIM_ROOT/tests/vm/init" "$root/init"
	cp "$NTSHIM_ROOT/tests/ntshim_test.sh" "$NTSHIM_ROOT/tests/vm/demo-guest.sh" \
		"$root/ntshim/"
	if [ -z "$extra" ]; then
		find "$BUILD/$fl/tree" -name '*.ko' -exec cp {} "$root/ntshim/" \;
		cp "$BUILD/$fl/programs/"* "$root/ntshim/" 2>/dev/null || true
	else
		cp -r "$extra"/. "$root/lib/modules/$kver/"
		cp /lib/modules/"$kver"/modules.builtin* /lib/modules/"$kver"/modules.order \
			"$root/lib/modules/$kver/" 2>/dev/null || true
		depmod -b "$root" "$kver"
	fi
	echo "$mode" >"$root/ntshim/mode"
	(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$out"
}

# boot_vm_once FLAVOUR INITRD CONSOLE_LOG OUT_LOG [qemu args...]: boots the
# flavour's kernel (on VM_QEMU, the machine's QEMU by default); the guest's
# kernel console goes to CONSOLE_LOG and what its scripts report to
# OUT_LOG (second serial port).  Fails on a time-out.
boot_vm_once() {
	local fl=$1 initrd=$2 console=$3 out=$4 append=""
	shift 4
	# Under KASAN on TCG, ACPI's _PRT method can outrun ACPICA's 30 s loop
	# limit, leaving PCI interrupts unrouted: the debug kernel routes them
	# from the BIOS tables instead.
	! is_debug "$fl" || append="acpi=noirq"
	: >"$console"
	: >"$out"
	timeout -k 10 "$VM_TIMEOUT" "${VM_QEMU:-qemu-system-x86_64}" -accel tcg -smp 2 -m "$VM_MEM" \
		-nodefaults -no-user-config -display none -no-reboot \
		-kernel "$(vmlinuz_of "$fl")" -initrd "$initrd" \
		-append "console=ttyS0 loglevel=7 panic=-1 $append ${VM_APPEND:-}" \
		-device edu -serial "file:$console" -serial "file:$out" "$@" </dev/null
	local rc=$?
	[ ! -f "$out" ] || sed -i 's/\r$//' "$out"
	return $rc
}

# oopsed_before_ntshim CONSOLE_LOG: the guest kernel crashed before
# ntshim was ever loaded.  Seen once in some hundreds of boots of Debian's
# 6.12 RT kernel under multi-threaded TCG: an int3 left by the kernel's
# own text patching (a static key flipped at boot) executed from a stale
# translation.  Nothing of ntshim's had run.
oopsed_before_ntshim() {
	awk -v re="$BAD_LOG_RE" '
		/ntshim/ { exit 1 }
		$0 ~ re { found = 1; exit 0 }
		END { exit !found }' "$1"
}

# boot_vm FLAVOUR INITRD CONSOLE_LOG OUT_LOG [qemu args...]: boots the
# flavour's kernel (see boot_vm_once); a guest that crashes before ntshim
# is loaded is booted once more, with a line saying so.
boot_vm() {
	local rc
	boot_vm_once "$@"
	rc=$?
	if oopsed_before_ntshim "$3"; then
		cp "$3" "$3.emulator-fault"
		log "$1: the guest crashed before ntshim loaded (see $3.emulator-fault): booting again"
		boot_vm_once "$@"
		rc=$?
	fi
	return $rc
}

# cpus_stopped PORT: true when QEMU's monitor on PORT shows every vCPU halted
# with interrupts off: a machine the kernel has halted (an idle one halts
# with interrupts on).
cpus_stopped() {
	local line flags cpus=0 stopped=0
	while IFS= read -r line; do
		case $line in
		*RFL=*)
			cpus=$((cpus + 1))
			flags=${line#*RFL=}
			flags=${flags%% *}
			case $line in
			*HLT=1*) (( (0x$flags & 0x200) == 0 )) && stopped=$((stopped + 1)) ;;
			esac
			;;
		esac
	done < <( {
		exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
		printf 'info registers -a\n' >&3
		timeout 2 cat <&3
	} 2>/dev/null | tr -d '\r')
	[ "$cpus" -gt 0 ] && [ "$stopped" = "$cpus" ]
}

# boot_vm_until FLAVOUR INITRD CONSOLE_LOG OUT_LOG PATTERN: as boot_vm, for
# a guest that does not end by itself (halt): stops QEMU once the console
# shows PATTERN or, where the kernel prints its console from a thread
# (PREEMPT_RT) and the last lines may never get out, once QEMU shows the
# machine halted.  True if either did.
boot_vm_until() {
	local pattern=$5 pid i found=1 port=$((20000 + RANDOM % 20000))
	VM_TIMEOUT=120 boot_vm "$1" "$2" "$3" "$4" \
		-monitor "tcp:127.0.0.1:$port,server=on,wait=off" &
	pid=$!
	for i in $(seq 1 240); do
		if grep -q "$pattern" "$3" 2>/dev/null; then
			found=0
			break
		fi
		if [ $((i % 4)) = 0 ] && cpus_stopped "$port"; then
			echo "ntshim-vm: every vCPU halted with interrupts off" >>"$4"
			found=0
			break
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.5
	done
	pkill -P "$pid" 2>/dev/null
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	return $found
}

# Patterns that fail a run whatever the tests said: crashes and warnings,
# lockdep, KASAN, UBSAN and DEBUG_OBJECTS reports, sleeping in atomic context.
BAD_LOG_RE='BUG:|WARNING:|Oops|Call Trace|general protection fault|Kernel panic'
BAD_LOG_RE+='|possible recursive locking|possible circular locking|inconsistent lock state'
BAD_LOG_RE+='|possible irq lock inversion|suspicious RCU usage|INFO: lockdep is turned off'
BAD_LOG_RE+='|scheduling while atomic|sleeping function called from invalid context'
BAD_LOG_RE+='|KASAN:|UBSAN:|ODEBUG:'

# scan_log FILE: prints the offending lines; true when the log is clean.
scan_log() {
	! grep -E "$BAD_LOG_RE" "$1"
}
