#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# with-kmod.sh - build hisi_zip_stub.ko against the guest kernel and run a
# command inside the VM with the module loaded (debugfs mounted, so the
# fault-injection files under /sys/kernel/debug/hisi_zip_stub/ exist).
#
#   native-stubs/vm/with-kmod.sh [name=value ...] -- command [args...]
#   e.g. with-kmod.sh api=3 era=C -- cat /sys/class/uacce/hisi_zip-0/api
#
# name=value words before "--" are module parameters (modinfo
# native-stubs/kmod/hisi_zip_stub.ko lists them); KMOD_PARAMS adds more.
# Settings of vm-run.sh apply (VM_RW_DIRS, VM_TIMEOUT, ...). KVER selects
# the guest kernel release (default: newest /boot/vmlinuz-*). KMOD_KO=<file> loads that
# module instead of building one (with-kmod-arm64.sh does). With a SEC device
# (sec=N, N > 0) the kernel crypto modules its engine uses are modprobed first:
# the stub's crypto_alloc_* cannot load them itself in this VM (the kernel's
# usermode helper would run modprobe outside the guest's chroot); where the guest root has no
# module tree for the kernel (arm64), the guest's init loads them instead.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
kdir=$(cd "$here/../kmod" && pwd)

params=(${KMOD_PARAMS:-})
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  case "$1" in
    *=*) params+=("$1"); shift;;
    *) echo "with-kmod: expected name=value or --, got '$1'" >&2; exit 2;;
  esac
done
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || { echo "usage: $0 [param=value ...] -- command [args...]" >&2; exit 2; }

kver=${KVER:-$(ls -1 /boot/vmlinuz-* 2>/dev/null | sed 's|.*/vmlinuz-||' | sort -V | tail -n1 || true)}
[ -n "$kver" ] || { echo "with-kmod: no guest kernel (run $here/setup.sh)" >&2; exit 2; }

ko=${KMOD_KO:-}
if [ -z "$ko" ]; then
  t0=$(date +%s.%N)
  make -s -C "$kdir" KVER="$kver" >&2
  t1=$(date +%s.%N)
  echo "with-kmod: module built for $kver in $(awk "BEGIN{printf \"%.1f\", $t1 - $t0}") s" >&2
  ko=$kdir/hisi_zip_stub.ko
fi

crypto_mods=""
for p in "${params[@]}"; do
  case "$p" in sec=0) ;; sec=*) crypto_mods=${KMOD_CRYPTO_MODULES:-ctr gcm ccm xts cfb ofb sha512_generic sm3_generic sm4_generic des_generic ghash_generic cmac};; esac
done

# A guest root without this kernel's module tree (arm64: the kernel's modules sit beside the arm64
# root, not in it) leaves modprobe nothing to load: there the guest's init insmods them (vm-run.sh
# VM_EXTRA_MODULES, deps first), those this kernel has (6.12 dropped cfb/ofb; arm64 has no sm3/sm4).
moddir=${VM_MODDIR:-/lib/modules/$kver}
if [ -n "$crypto_mods" ] && [ ! -r "${VM_ROOT:-}/lib/modules/$kver/modules.dep" ]; then
  for m in $crypto_mods; do
    if grep -qE "/${m//[-_]/[-_]}\.ko" "$moddir/modules.dep" "$moddir/modules.builtin" 2>/dev/null; then
      VM_EXTRA_MODULES="${VM_EXTRA_MODULES:-} $m"
    fi
  done
  export VM_EXTRA_MODULES
  crypto_mods=""
fi

export VM_KERNEL=${VM_KERNEL:-/boot/vmlinuz-$kver}
# Inside the VM: load the module, then replace the shell by the command.
exec "$here/vm-run.sh" bash -c '
  ko=$1; shift; cm=$1; shift; np=$1; shift
  mountpoint -q /sys/kernel/debug || mount -t debugfs debugfs /sys/kernel/debug
  [ -z "$cm" ] || modprobe -q -a $cm 2>/dev/null || true
  insmod "$ko" "${@:1:$np}" || { echo "with-kmod: insmod failed" >&2; exit 125; }
  shift "$np"
  "$@"' with-kmod "$ko" "$crypto_mods" "${#params[@]}" "${params[@]}" "$@"
