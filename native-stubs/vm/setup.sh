#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# setup.sh - install (from Debian 12 packages) what the VM test bed and the
# kernel-module / CUSE stubs need. Idempotent: when everything is present it
# only checks and returns (no apt-get update, no network).
#
#   native-stubs/vm/setup.sh            # as root (or via sudo)
#   SETUP_FORCE_UPDATE=1 setup.sh       # always run apt-get update first
#
# Packages:
#   qemu-system-x86      qemu-system-x86_64 (TCG)
#   linux-image-amd64    the guest kernel (Debian 6.1), booted with -kernel
#   linux-headers-amd64  to build the module against that kernel
#   busybox-static cpio kmod   the VM's initramfs (init, insmod, depmod)
#   zlib1g-dev           the engine core's user-space tests (system zlib)
#   libssl-dev           OpenSSL libcrypto: the SEC engine's primitives in the CUSE daemon and
#                        the engine's crypto unit test (the daemon's image copies libcrypto by ldd)
#   libfuse3-dev fuse3   the CUSE daemon (native-stubs/cuse)
#   docker.io            dockerd inside the VM (with-docker-cuse.sh, Testcontainers)
#   make gcc             build tools (normally present)
#   clang-14 libclang-rt-14-dev  libFuzzer + ASan/UBSan for the engine core's fuzz target
set -euo pipefail

PKGS=(qemu-system-x86 linux-image-amd64 linux-headers-amd64 busybox-static cpio kmod
      zlib1g-dev libssl-dev libfuse3-dev fuse3 docker.io make gcc clang-14 libclang-rt-14-dev)
# SETUP_ARM64=1: also the host side of the arm64 test bed (arm64-setup.sh fetches the guest side)
#   qemu-system-arm (qemu-system-aarch64), gcc-aarch64-linux-gnu (stub cross-build for 6.1),
#   libc6-dev-arm64-cross (the arm64 libc headers the user-space smoke tests need: only a
#   recommendation of the cross gcc, which --no-install-recommends leaves out)
[ "${SETUP_ARM64:-0}" = 1 ] && PKGS+=(qemu-system-arm gcc-aarch64-linux-gnu libc6-dev-arm64-cross)

missing=()
for p in "${PKGS[@]}"; do
  st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$st" = installed ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ] && [ "${SETUP_FORCE_UPDATE:-0}" != 1 ]; then
  echo "setup: all packages present (${PKGS[*]})"
else
  SUDO=
  [ "$(id -u)" = 0 ] || SUDO=sudo
  echo "setup: installing ${missing[*]:-(forced update)}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${PKGS[@]}"
fi

# The guest kernel and its headers must have the same version.
kver=$(ls -1 /boot/vmlinuz-* 2>/dev/null | sed 's|.*/vmlinuz-||' | sort -V | tail -n1)
[ -n "$kver" ] || { echo "setup: no /boot/vmlinuz-* after install" >&2; exit 1; }
[ -d "/lib/modules/$kver/build" ] || { echo "setup: headers for $kver missing (/lib/modules/$kver/build)" >&2; exit 1; }
echo "setup: guest kernel $kver ready"
