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

# An ABI (6.1.0-N) whose generic and RT kernels and headers are all installed.
installed_kabi() {
	local v abi
	for v in $(ls /boot/vmlinuz-6.1.0-*-rt-amd64 2>/dev/null | sort -rV); do
		abi=${v#/boot/vmlinuz-}
		abi=${abi%-rt-amd64}
		if [ -e "/boot/vmlinuz-$abi-amd64" ] &&
		   [ -d "/lib/modules/$abi-amd64/build" ] &&
		   [ -d "/lib/modules/$abi-rt-amd64/build" ]; then
			echo "$abi"
			return
		fi
	done
}

# The newest ABI the archive has for both flavours.
archive_kabi() {
	apt-cache pkgnames linux-headers-6.1.0- 2>/dev/null |
		sed -n 's/^linux-headers-\(6\.1\.0-[0-9]*\)-rt-amd64$/\1/p' | sort -rV |
		while read -r abi; do
			if apt-cache show "linux-image-$abi-amd64" "linux-image-$abi-rt-amd64" \
			   "linux-headers-$abi-amd64" >/dev/null 2>&1; then
				echo "$abi"
				break
			fi
		done
}

# Sets KABI and makes sure everything the VM runs need is installed.
ensure_tools() {
	local need=() f
	command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
	dpkg -s busybox-static >/dev/null 2>&1 || need+=(busybox-static)
	command -v cpio >/dev/null || need+=(cpio)
	command -v depmod >/dev/null || need+=(kmod)
	command -v make >/dev/null || need+=(make)
	command -v gcc >/dev/null || need+=(gcc)
	command -v dash >/dev/null || need+=(dash)
	command -v shellcheck >/dev/null || need+=(shellcheck)
	[ -z "${WANT_DKMS:-}" ] || command -v dkms >/dev/null || need+=(dkms)

	KABI=${NTSHIM_KABI:-$(installed_kabi)}
	if [ -z "$KABI" ]; then
		apt_install "${need[@]}"
		need=()
		KABI=$(archive_kabi)
		[ -n "$KABI" ] || die "no Debian 6.1 kernel with an RT flavour in the archive"
	fi
	for f in amd64 rt-amd64; do
		[ -e "/boot/vmlinuz-$KABI-$f" ] || need+=("linux-image-$KABI-$f")
		[ -d "/lib/modules/$KABI-$f/build" ] || need+=("linux-headers-$KABI-$f")
	done
	apt_install "${need[@]}"
	export KABI
}

# Flavours: Debian's amd64 and rt-amd64 kernels, and "debug", built from
# the same source by debug-kernel.sh (its tree in DEBUG_TREE).
kver_of() {
	if [ "$1" = debug ]; then
		cat "$DEBUG_TREE/include/config/kernel.release"
	else
		echo "$KABI-$1"
	fi
}

kdir_of() {
	if [ "$1" = debug ]; then
		echo "$DEBUG_TREE"
	else
		echo "/lib/modules/$(kver_of "$1")/build"
	fi
}

vmlinuz_of() {
	if [ "$1" = debug ]; then
		echo "$DEBUG_TREE/arch/x86/boot/bzImage"
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
	make -C "$(kdir_of "$fl")" M="$tree" W=1 modules \
		>"$BUILD/$fl/build.log" 2>&1
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
	else
		cp -r "$extra"/. "$root/lib/modules/$kver/"
		cp /lib/modules/"$kver"/modules.builtin* /lib/modules/"$kver"/modules.order \
			"$root/lib/modules/$kver/" 2>/dev/null || true
		depmod -b "$root" "$kver"
	fi
	echo "$mode" >"$root/ntshim/mode"
	(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$out"
}

# boot_vm FLAVOUR INITRD CONSOLE_LOG OUT_LOG [qemu args...]: boots the
# flavour's kernel; the guest's kernel console goes to CONSOLE_LOG and what
# its scripts report to OUT_LOG (second serial port).  Fails on a time-out.
boot_vm() {
	local fl=$1 initrd=$2 console=$3 out=$4 append=""
	shift 4
	# Under KASAN on TCG, ACPI's _PRT method can outrun ACPICA's 30 s loop
	# limit, leaving PCI interrupts unrouted: the debug kernel routes them
	# from the BIOS tables instead.
	[ "$fl" != debug ] || append="acpi=noirq"
	: >"$console"
	: >"$out"
	timeout -k 10 "$VM_TIMEOUT" qemu-system-x86_64 -accel tcg -smp 2 -m "$VM_MEM" \
		-nodefaults -no-user-config -display none -no-reboot \
		-kernel "$(vmlinuz_of "$fl")" -initrd "$initrd" \
		-append "console=ttyS0 loglevel=7 panic=-1 $append ${VM_APPEND:-}" \
		-device edu -serial "file:$console" -serial "file:$out" "$@" </dev/null
	local rc=$?
	[ ! -f "$out" ] || sed -i 's/\r$//' "$out"
	return $rc
}

# boot_vm_until FLAVOUR INITRD CONSOLE_LOG OUT_LOG PATTERN: as boot_vm, for
# a guest that does not end by itself (halt): stops QEMU once the console
# shows PATTERN.  True if it did.
boot_vm_until() {
	local pattern=$5 pid i found=1
	VM_TIMEOUT=120 boot_vm "$1" "$2" "$3" "$4" &
	pid=$!
	for i in $(seq 1 240); do
		if grep -q "$pattern" "$3" 2>/dev/null; then
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
