#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: build ntshim and the samples, boot a VM (FLAVOUR, default the
# generic amd64 kernel), load each sample NT driver and show what it does.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

fl=${FLAVOUR:-amd64}
is_debug "$fl" && die "make demo runs on Debian's kernels: amd64, rt-amd64, 6.12-amd64, 6.12-rt-amd64"
FLAVOURS=$fl ensure_tools
mkdir -p "$BUILD/$fl"
if ! build_flavour "$fl"; then
	cat "$BUILD/$fl/build.log"
	die "build failed"
fi
make_initramfs "$fl" demo "$BUILD/$fl/initrd-demo.gz"
log "booting $(kver_of "$fl") in QEMU (TCG); the kernel log is in $BUILD/$fl/console-demo.log"
boot_vm "$fl" "$BUILD/$fl/initrd-demo.gz" "$BUILD/$fl/console-demo.log" /dev/stdout |
	tr -d '\r' | tee "$BUILD/$fl/demo.log"
grep -q "ntshim-vm: finished" "$BUILD/$fl/demo.log" || die "the demo VM did not finish"
echo "=== from the guest's console during power-off:"
sed -n 's/^\[[^]]*\] \(reinit_first: IRP_MJ_SHUTDOWN.*\)/    | \1/p; s/^\[[^]]*\] \(reboot: .*\)/    | \1/p' \
	"$BUILD/$fl/console-demo.log" | tr -d '\r'
echo
if ! scan_log "$BUILD/$fl/console-demo.log"; then
	die "the guest kernel log shows a problem"
fi
