#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Builds ntshim's debug kernel (tinyconfig + debug.config) from Debian's
# linux-source-6.1 at the version of the Debian kernels under test, or
# reuses the one already built for the same fragment, source and compiler.
# Prints the tree's path.  Called by lib.sh for FLAVOURS=debug.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ensure_tools
fragment="$NTSHIM_ROOT/tests/vm/debug.config"
version=$(dpkg-query -W -f='${Version}' "linux-image-$KABI-amd64")
need=()
for p in bc flex bison libelf-dev libssl-dev dwarves xz-utils; do
	dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
[ "$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null)" = "$version" ] ||
	need+=("linux-source-6.1=$version")
apt_install "${need[@]}"

key=$( (cat "$fragment"; echo "$version"; gcc --version | head -n 1) | sha256sum | cut -c1-16)
dir="$DEBUG_CACHE/debug-$key"
tree="$dir/linux"
if [ -e "$dir/built" ]; then
	echo "$tree"
	exit 0
fi

log "building the debug kernel (6.1 $version, key $key): several minutes, once per machine"
rm -rf "$dir"
mkdir -p "$dir"
tar xf /usr/src/linux-source-6.1.tar.xz -C "$dir"
mv "$dir/linux-source-6.1" "$tree"
{
	make -C "$tree" tinyconfig
	"$tree/scripts/kconfig/merge_config.sh" -m -O "$tree" "$tree/.config" "$fragment"
	make -C "$tree" olddefconfig
} >"$dir/config.log" 2>&1
# Every option asked for must have survived olddefconfig.
missing=$(grep '^CONFIG_.*=y$' "$fragment" | while read -r opt; do
	grep -qx "$opt" "$tree/.config" || echo "$opt"
done)
[ -z "$missing" ] || die "debug config lost: $missing (see $dir/config.log)"
if ! make -C "$tree" -j"$(nproc)" bzImage modules >"$dir/build.log" 2>&1; then
	tail -n 30 "$dir/build.log" >&2
	die "debug kernel build failed (see $dir/build.log)"
fi
touch "$dir/built"
echo "$tree"
