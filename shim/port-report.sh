#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The porting report: the routines a ported driver calls that neither
# ntshim nor the kernel exports, each with the file and line of its first
# use.  Exits 2 (after the list) when there are any.
#
#   port-report.sh OUT NAME NTSHIM_SYMVERS KERNEL_SYMVERS
set -eu

out=$1
name=$2
shift 2

# Every symbol ntshim or the kernel exports, or the driver defines itself.
provided="$out/provided.txt"
{
	cat "$@" 2>/dev/null | cut -f2
	find "$out/src" -name '*.o' -exec nm --defined-only {} + | awk 'NF == 3 { print $3 }'
} | sort -u > "$provided"
# What the driver's objects (not the glue) leave undefined.
missing=$(find "$out/src" -name '*.o' -exec nm -u {} + | awk 'NF == 2 { print $2 }' | sort -u |
	  grep -vxFf "$provided" | grep -v '^__' || true)
[ -z "$missing" ] && exit 0

# First use: the relocation's place, as file:line from the debug information
# (the kernels' build flags have -g).
first_use() {
	for o in $(find "$out/src" -name '*.o' | sort); do
		objdump -r "$o" | awk -v sym="$1" '
			/^RELOCATION RECORDS FOR/ { sec = $4; sub(/^\[/, "", sec); sub(/\]:$/, "", sec) }
			$3 == sym || $3 ~ "^" sym "[-+]" { print sec, $1; exit }' |
		while read -r sec off; do
			# Inlined from a header: the call site it was inlined into.
			loc=$(addr2line -i -e "$o" -j "$sec" "0x$off" 2>/dev/null | tail -1 |
			      sed 's#^.*/src/##')
			case $loc in
			""|*"?"*) grep -nw "$1" "${o%.o}.c" 2>/dev/null | head -1 | cut -d: -f1 |
				  sed "s#^#${o#"$out"/src/}:#; s#\.o:#.c:#" ;;
			*) echo "$loc" | sed 's/ (discriminator.*//' ;;
			esac
			return
		done
	done
}

n=$(echo "$missing" | wc -l)
echo "port: $name calls $n routine(s) ntshim does not provide yet:" >&2
for s in $missing; do
	printf '  %-40s %s\n' "$s" "$(first_use "$s" | head -1)" >&2
done
echo "port: see the README's routine table for what is not done yet." >&2
exit 2
