#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: boots each flavour (FLAVOURS, default amd64 and rt-amd64) and
# runs tests/bench/ntshim_bench.ko, which measures each NT path against the
# Linux primitive it maps onto in one boot.  Prints a table per flavour and,
# for the full run, writes tests/bench/RESULTS.md.  BENCH=smoke runs a few
# iterations only (part of make check).
set -uo pipefail
. "$(dirname "$0")/lib.sh"

FLAVOURS=${FLAVOURS:-amd64 rt-amd64}
export FLAVOURS
BENCH=${BENCH:-full}
ensure_tools
for fl in $FLAVOURS; do
	is_debug "$fl" || continue
	tree=$("$NTSHIM_ROOT/tests/vm/debug-kernel.sh" "$fl") || die "no $fl kernel"
	printf -v "DEBUG_TREE_${fl//[-.]/_}" '%s' "$tree"
done

# table FILE: the ntbench lines as a Markdown table.
table() {
	echo "| benchmark | unit | NT path | Linux primitive | ratio |"
	echo "|---|---|---:|---:|---:|"
	awk '$1 == "ntbench:" {
		ratio = ($5 > 0) ? sprintf("%.2fx", $4 / $5) : "-"
		lx = ($5 > 0 || $2 ~ /early/) ? $5 : "-"
		printf "| %s | %s | %s | %s | %s |\n", $2, $3, $4, lx, ratio
	}' "$1"
	echo
	sed -n 's/^ntbench-\(scale\|size\): /- /p' "$1"
	echo
	echo "Each figure is the median of $(sed -n 's/.* trials=\([0-9]*\)$/\1/p' "$1" | head -n 1) trials."
}

out="$NTSHIM_ROOT/tests/bench/RESULTS.md"
[ "$BENCH" = full ] && {
	echo "# ntshim benchmark results"
	echo
	echo "Made by \`make bench\` on $(date -u +%Y-%m-%d), QEMU TCG (2 vCPUs) on the"
	echo "project's 2-core build machine: absolute times are slow and noisy under"
	echo "emulation; the ratios are what to read. The notes at the end say where a"
	echo "target is missed, and why."
} >"$out.new"
for fl in $FLAVOURS; do
	dir="$BUILD/$fl"
	mkdir -p "$dir"
	build_flavour "$fl" || die "build failed: $dir/build.log"
	make_initramfs "$fl" "bench-$BENCH" "$dir/initrd-bench.gz"
	log "$fl: booting the $BENCH benchmark"
	boot_vm "$fl" "$dir/initrd-bench.gz" "$dir/console-bench.log" "$dir/bench.log" || true
	sed -n 's/^\[[^]]*\] \(ntbench-progress: .*\)/\1/p' "$dir/console-bench.log" >&2
	echo "## $(kver_of "$fl")"
	table "$dir/bench.log"
	if [ "$BENCH" = full ]; then
		{ echo; echo "## $fl: $(kver_of "$fl")"; echo; table "$dir/bench.log"; } >>"$out.new"
	fi
done
if [ "$BENCH" = full ]; then
	cat "$NTSHIM_ROOT/tests/bench/NOTES.md" >>"$out.new" 2>/dev/null
	mv "$out.new" "$out"
	log "results written to $out"
fi
