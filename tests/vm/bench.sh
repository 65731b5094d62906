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

# The full run also counts instructions (see icount-qemu.sh): a second boot
# of each flavour under -icount, where a benchmark's ns are instructions.
icount_qemu=
if [ "$BENCH" = full ]; then
	icount_qemu=$("$NTSHIM_ROOT/tests/vm/icount-qemu.sh") ||
		log "no QEMU that counts instructions: timed figures only"
fi

# table TIMED [COUNTED]: the ntbench lines as a Markdown table; with the
# counted run, its figures and ratio, and the timed run's ratio beside.
table() {
	local timed=$1 counted=${2:-}
	if [ -n "$counted" ]; then
		echo "| benchmark | unit | NT path | Linux primitive | ratio | ratio in time |"
		echo "|---|---|---:|---:|---:|---:|"
	else
		echo "| benchmark | unit | NT path | Linux primitive | ratio |"
		echo "|---|---|---:|---:|---:|"
	fi
	awk -v counted="$counted" '
		function ratio(nt, lx) { return (lx > 0) ? sprintf("%.2fx", nt / lx) : "-" }
		$1 != "ntbench:" { next }
		FILENAME == ARGV[1] && counted != "" { timed[$2] = ratio($4, $5); next }
		{
			lx = ($5 > 0 || $2 ~ /early/) ? $5 : "-"
			printf "| %s | %s | %s | %s | %s |", $2, $3, $4, lx, ratio($4, $5)
			if (counted != "")
				printf " %s |", ($2 in timed) ? timed[$2] : "-"
			printf "\n"
		}' "$timed" ${counted:+"$counted"}
	echo
	sed -n 's/^ntbench-\(scale\|size\): /- /p' "${counted:-$timed}"
	echo
	echo "Each figure is the median of $(sed -n 's/.* trials=\([0-9]*\)$/\1/p' "$timed" | head -n 1) trials."
}

out="$NTSHIM_ROOT/tests/bench/RESULTS.md"
[ "$BENCH" = full ] && {
	echo "# ntshim benchmark results"
	echo
	echo "Made by \`make bench\` on $(date -u +%Y-%m-%d), in QEMU (2 vCPUs) on the"
	echo "project's 2-core build machine, two boots per kernel. The figures are"
	if [ -n "$icount_qemu" ]; then
		echo "counted: under \`-icount shift=0\` the guest's clock advances one ns"
		echo "per instruction executed, so each ns is an instruction, nearly the"
		echo "same on every boot ($("$icount_qemu" --version | head -n 1 | sed 's/ (.*//'))."
		echo "The last column is the ratio in time, from a boot under"
		echo "multi-threaded TCG, which moves from boot to boot and with where code"
		echo "lands; the contended figures mean something only there (under -icount"
		echo "the two vCPUs take turns). The notes at the end say where a target is"
		echo "missed, and why."
	else
		echo "times under multi-threaded TCG: absolute times are slow and noisy"
		echo "under emulation; the ratios are what to read. The notes at the end"
		echo "say where a target is missed, and why."
	fi
} >"$out.new"
for fl in $FLAVOURS; do
	dir="$BUILD/$fl"
	mkdir -p "$dir"
	build_flavour "$fl" || die "build failed: $dir/build.log"
	make_initramfs "$fl" "bench-$BENCH" "$dir/initrd-bench.gz"
	log "$fl: booting the $BENCH benchmark"
	boot_vm "$fl" "$dir/initrd-bench.gz" "$dir/console-bench.log" "$dir/bench.log" || true
	sed -n 's/^\[[^]]*\] \(ntbench-progress: .*\)/\1/p' "$dir/console-bench.log" >&2
	counted=
	if [ -n "$icount_qemu" ]; then
		log "$fl: booting the $BENCH benchmark again, counting instructions"
		root=${icount_qemu%/usr/bin/*}
		VM_QEMU=$icount_qemu boot_vm "$fl" "$dir/initrd-bench.gz" \
			"$dir/console-bench-icount.log" "$dir/bench-icount.log" \
			-L "$root/usr/share/qemu" -L "$root/usr/share/seabios" \
			-icount shift=0,sleep=off,align=off || true
		if grep -q '^ntbench-done' "$dir/bench-icount.log"; then
			counted=$dir/bench-icount.log
		else
			log "$fl: the counting boot did not finish (see $dir/console-bench-icount.log)"
		fi
	fi
	results=$(table "$dir/bench.log" ${counted:+"$counted"})
	echo "## $(kver_of "$fl")"
	echo "$results"
	if [ "$BENCH" = full ]; then
		{ echo; echo "## $fl: $(kver_of "$fl")"; echo; echo "$results"; } >>"$out.new"
	fi
done
if [ "$BENCH" = full ]; then
	cat "$NTSHIM_ROOT/tests/bench/NOTES.md" >>"$out.new" 2>/dev/null
	mv "$out.new" "$out"
	log "results written to $out"
fi
