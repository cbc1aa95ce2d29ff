#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# build-rootfs.sh - the root file system of the CUSE mock image, as a tar for
# `docker import` (no registry, no Dockerfile): static busybox, the daemon
# and exactly the shared libraries it loads (libfuse3, zlib, libc, ld.so).
#
#   build-rootfs.sh DAEMON OUT.tar
#   docker import OUT.tar hisi-zip-cuse:latest
# Daemon in the image: /usr/local/bin/hisi_zip_cuse; shared directory: /shared.
set -euo pipefail
daemon=${1:?daemon binary}; out=${2:?output tar}
busybox=${BUSYBOX:-/bin/busybox}
case "$(LC_ALL=C ldd "$busybox" 2>&1 || true)" in
  *"not a dynamic"*) ;;
  *) echo "build-rootfs: $busybox is not static (apt-get install busybox-static)" >&2; exit 2;;
esac
root=$(mktemp -d)
chmod 755 "$root"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,usr/local/bin,dev,proc,sys,tmp,shared,etc}
chmod 1777 "$root/tmp"
cp "$busybox" "$root/bin/busybox"
for a in sh ls cat echo sleep mkdir rm; do ln -s busybox "$root/bin/$a"; done
cp "$daemon" "$root/usr/local/bin/hisi_zip_cuse"
# every library the dynamic loader resolves for the daemon, at the same path
LC_ALL=C ldd "$daemon" | awk '$2 == "=>" && $3 ~ /^\//{print $3} $1 ~ /^\//{print $1}' | while read -r lib; do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
echo "root:x:0:0:root:/:/bin/sh" > "$root/etc/passwd"
echo "root:x:0:" > "$root/etc/group"
mkdir -p "$(dirname "$out")"
tar -C "$root" --owner=0 --group=0 -cf "$out" .
echo "build-rootfs: $out ($(du -h "$out" | cut -f1))" >&2
