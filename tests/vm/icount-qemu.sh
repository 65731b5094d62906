#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# icount-qemu.sh: prints the path of a qemu-system-x86_64 that boots the
# flavours' kernels on two vCPUs under -icount, for make bench, or fails.
#
# With -icount shift=0 the guest's clock advances one nanosecond per
# instruction executed (and jumps over idle time with sleep=off), so a
# benchmark's "ns" are instructions: the same figure on every boot and
# every machine, untouched by where the emulator's translated code lands.
# Debian 12's QEMU 7.2 never gets past bringing up the second vCPU under
# -icount; the QEMU of bookworm-backports does.  Its packages are unpacked
# into the cache, next to the debug kernels, with a private apt state: the
# machine's own QEMU (the one make check uses) is left as it is.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# A QEMU of 8.0 or later boots them: the machine's own, if it is one.
sys=$(command -v qemu-system-x86_64 || true)
if [ -n "$sys" ]; then
	major=$("$sys" --version | sed -n '1s/.*version \([0-9]*\)\..*/\1/p')
	if [ "${major:-0}" -ge 8 ]; then
		echo "$sys"
		exit 0
	fi
fi

apt_dir="$DEBUG_CACHE/backports-apt"
mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
	sed -n 's/^URIs: *\(http[^ ]*debian\)\/* *$/\1/p; s/^deb \(http[^ ]*debian\)\/* bookworm .*/\1/p' |
	head -n 1 || true)
mirror=${mirror:-http://deb.debian.org/debian}
mkdir -p "$apt_dir/lists/partial" "$apt_dir/debs"
echo "deb $mirror bookworm-backports main" >"$apt_dir/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=/nonexistent"
	  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
	  -o "APT::Sandbox::User=root")
if ! apt-get "${apt_opts[@]}" update -qq >&2; then
	# Offline: the newest one unpacked before will do.
	have=$(ls -d "$DEBUG_CACHE"/qemu-*/unpacked 2>/dev/null | sort -rV | head -n 1)
	[ -n "$have" ] || die "cannot reach bookworm-backports at $mirror"
	echo "${have%/unpacked}/root/usr/bin/qemu-system-x86_64"
	exit 0
fi
version=$(apt-cache "${apt_opts[@]}" show qemu-system-x86 2>/dev/null |
	sed -n 's/^Version: //p' | sort -rV | head -n 1)
[ -n "$version" ] || die "bookworm-backports has no qemu-system-x86"

dir="$DEBUG_CACHE/qemu-${version//[:~+]/_}"
bin="$dir/root/usr/bin/qemu-system-x86_64"
if [ ! -e "$dir/unpacked" ]; then
	log "unpacking QEMU $version from bookworm-backports into $dir"
	rm -rf "$dir"
	mkdir -p "$dir/root"
	(cd "$apt_dir/debs" && rm -f ./*.deb &&
	 apt-get "${apt_opts[@]}" download qemu-system-x86 qemu-system-common qemu-system-data \
		 seabios >&2) || die "downloading QEMU $version failed"
	for deb in "$apt_dir"/debs/*.deb; do
		dpkg-deb -x "$deb" "$dir/root"
	done
	touch "$dir/unpacked"
fi
# Its libraries come from bookworm itself, as for the backported package.
need=()
for lib in $(dpkg-deb -f "$apt_dir"/debs/qemu-system-x86_*.deb Depends |
	     tr ',' '\n' | sed -n 's/^ *\(lib[^ |]*\|zlib1g\).*/\1/p'); do
	dpkg -s "$lib" >/dev/null 2>&1 || need+=("$lib")
done
apt_install "${need[@]}"
! ldd "$bin" | grep -q 'not found' || die "QEMU $version lacks libraries: $(ldd "$bin" | grep 'not found')"
echo "$bin"
