# SPDX-License-Identifier: Apache-2.0
# arm64-env.sh - sourced (bash) by the arm64 runners: sets vm-run.sh's variables for an arm64
# guest with the page size $ARM64_PAGE (4k = bookworm 6.1, 16k = trixie 6.12 -arm64-16k) from
# what arm64-setup.sh unpacked. The guest's / is the arm64 root (read-only, tmpfs overlay); the
# repository is shared read-write and ~/.m2 read-only, both at their host paths, so class paths
# written on the host (it-tests/target/it-classpath.txt) work unchanged inside.
#
# Exports: VM_ARCH VM_ROOT VM_KERNEL VM_KVER VM_MODDIR VM_MODULES VM_RW_DIRS VM_RO_DIRS JAVA_HOME
# and ARM64_KVER, ARM64_KDIR (headers for the stub build), ARM64_BUILD (where the stub is built).
arm64_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
arm64_repo=$(cd "$arm64_here/../.." && pwd)
arm64_env=${ARM64_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/uacce-arm64}/env
[ -r "$arm64_env" ] || { echo "arm64: $arm64_env missing; run $arm64_here/arm64-setup.sh first" >&2; exit 2; }
# shellcheck disable=SC1090
. "$arm64_env"
case "${ARM64_PAGE:=16k}" in
  4k)  ARM64_KVER=$KVER_4K  VM_KERNEL=$KERNEL_4K  arm64_modroot=$MODROOT_4K  ARM64_KDIR=$KDIR_4K;;
  16k) ARM64_KVER=$KVER_16K VM_KERNEL=$KERNEL_16K arm64_modroot=$MODROOT_16K
       ARM64_KDIR=/usr/src/linux-headers-$KVER_16K;;  # inside the root: built in the VM
  *) echo "arm64: ARM64_PAGE=$ARM64_PAGE: 4k or 16k (Debian packages no 64 KiB-page arm64 kernel)" >&2; exit 2;;
esac
export ARM64_PAGE ARM64_KVER ARM64_KDIR
export ARM64_BUILD=$arm64_repo/native-stubs/vm/build/arm64-$ARM64_KVER
export VM_ARCH=arm64 VM_ROOT=$ARM64_ROOT VM_KERNEL VM_KVER=$ARM64_KVER
export VM_MODDIR=$arm64_modroot/lib/modules/$ARM64_KVER
export VM_MODULES=${VM_MODULES-}
export BUSYBOX=$ARM64_ROOT/usr/bin/busybox
export JAVA_HOME=$ARM64_JAVA_HOME
export VM_ENV="${VM_ENV:-} ARM64_BUILD ARM64_PAGE ARM64_KVER"
arm64_ro=
[ -d "$HOME/.m2" ] && arm64_ro="$HOME/.m2"
export VM_RW_DIRS="$arm64_repo ${VM_RW_DIRS:-}"
export VM_RO_DIRS="$arm64_ro ${VM_RO_DIRS:-}"
# Host PATH entries do not exist in the arm64 root; the guest gets the Debian default.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
unset arm64_ro arm64_modroot
