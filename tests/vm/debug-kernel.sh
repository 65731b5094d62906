#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# debug-kernel.sh FLAVOUR: builds one of ntshim's debug kernels, or reuses
# the one already built for the same fragments, source and compiler, and
# prints its tree's path.  Called by check.sh and bench.sh.
#
#   debug          tinyconfig + debug.config, from Debian's linux-source-6.1
#   6.12-debug-rt  tinyconfig + debug.config + debug-rt.config (PREEMPT_RT),
#                  from Debian's linux-source-6.12
#
# Each is built from the source of the Debian kernels under test, at their
# version.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

fl=${1:-debug}
FLAVOURS=$fl ensure_tools
series=$(series_of "$fl")
fragments=("$NTSHIM_ROOT/tests/vm/debug.config")
[ "$(kind_of "$fl")" != debug-rt ] || fragments+=("$NTSHIM_ROOT/tests/vm/debug-rt.config")
version=$(dpkg-query -W -f='${Version}' "linux-image-$(kabi_of "$fl")-amd64")
need=()
for p in bc flex bison libelf-dev libssl-dev dwarves xz-utils; do
	dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
[ "$(dpkg-query -W -f='${Version}' "linux-source-$series" 2>/dev/null)" = "$version" ] ||
	need+=("linux-source-$series=$version")
apt_install "${need[@]}"

key=$( (cat "${fragments[@]}"; echo "$version"; gcc --version | head -n 1) | sha256sum | cut -c1-16)
dir="$DEBUG_CACHE/$fl-$key"
tree="$dir/linux"
if [ -e "$dir/built" ]; then
	echo "$tree"
	exit 0
fi

log "building the $fl kernel ($series $version, key $key): several minutes, once per machine"
rm -rf "$dir"
mkdir -p "$dir"
tar xf "/usr/src/linux-source-$series.tar.xz" -C "$dir"
mv "$dir/linux-source-$series" "$tree"
{
	make -C "$tree" tinyconfig
	"$tree/scripts/kconfig/merge_config.sh" -m -O "$tree" "$tree/.config" "${fragments[@]}"
	make -C "$tree" olddefconfig
} >"$dir/config.log" 2>&1
# Every option asked for (its last setting across the fragments) must have
# survived olddefconfig.
missing=$(cat "${fragments[@]}" | sed -n 's/^\(CONFIG_[A-Z0-9_]*\)=y$/\1/p; s/^# \(CONFIG_[A-Z0-9_]*\) is not set$/-\1/p' |
	awk '{ n = $0; sub(/^-/, "", n); last[n] = $0 } END { for (n in last) print last[n] }' |
	while read -r opt; do
		case $opt in
		-*) ! grep -qx "${opt#-}=y" "$tree/.config" || echo "${opt#-} (set)" ;;
		*) grep -qx "$opt=y" "$tree/.config" || echo "$opt" ;;
		esac
	done)
[ -z "$missing" ] || die "debug config lost: $missing (see $dir/config.log)"
if ! make -C "$tree" -j"$(nproc)" bzImage modules >"$dir/build.log" 2>&1; then
	tail -n 30 "$dir/build.log" >&2
	die "debug kernel build failed (see $dir/build.log)"
fi
touch "$dir/built"
echo "$tree"
