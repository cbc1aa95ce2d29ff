#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# arm64-setup.sh - fetch and unpack, WITHOUT touching the host's apt configuration, what the
# arm64 VM test bed needs: a small Debian trixie arm64 root (JDK 25 headless, bash + core tools,
# busybox, gcc-14 + the 16k kernel's headers for building the stub inside the VM) and two Debian
# arm64 guest kernels:
#   k4k   bookworm linux-image-*-arm64      (6.1, 4 KiB pages) + headers, cross-built on the host
#   k16k  trixie   linux-image-*-arm64-16k  (6.12, 16 KiB pages), the stub is built inside the VM
# Only the needed .deb files are downloaded (a private apt configuration: own sources list, state
# and archive directories under the cache directory, architecture arm64) and extracted with
# dpkg-deb; no maintainer script runs. The mirror is the one the host's own apt sources use for
# its Debian release (found at run time); ARM64_MIRROR overrides it. Idempotent: a second run only
# checks the stamp (no network). Host tools it needs come from setup.sh ARCH=arm64 (qemu-system-arm,
# gcc-aarch64-linux-gnu, kmod for depmod).
#
#   native-stubs/vm/arm64-setup.sh          # prints the variables other scripts read (arm64-env.sh)
#   ARM64_FORCE=1 arm64-setup.sh            # re-resolve and re-fetch (new kernel versions)
#
# Layout under ${ARM64_CACHE:-~/.cache/uacce-arm64}:
#   apt/           private apt configuration, lists, downloaded .debs (kept: reruns are fast)
#   root/          the arm64 root file system (9p-shared read-only into the VM)
#   k4k/ k16k/     vmlinuz + lib/modules/<kver> (depmod'ed) of each guest kernel
#   kh4k/          the 6.1 arm64 kernel headers (cross-build on the host)
#   env            KVER_4K=... KVER_16K=... JAVA_HOME=... (sourced by the runners)
set -euo pipefail
cache=${ARM64_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/uacce-arm64}
stamp=$cache/env
# bump when the package set changes
layout=3
if [ "${ARM64_FORCE:-0}" != 1 ] && [ -r "$stamp" ] && grep -qx "ARM64_LAYOUT=$layout" "$stamp"; then
  echo "arm64-setup: ready ($stamp)"
  exit 0
fi
for t in dpkg-deb apt-get depmod; do command -v "$t" >/dev/null || { echo "arm64-setup: $t missing" >&2; exit 2; }; done
t_start=$(date +%s)

# ------------------------------------------------------------------ mirror
# The URI the host's apt sources use for its own Debian release (deb822 .sources or one-line).
host_mirror() {
  local rel f
  rel=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
  [ -n "$rel" ] || return 1
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -r "$f" ] || continue
    awk -v rel="$rel" '
      BEGIN { RS=""; FS="\n" }
      { uris=""; ok=0; deb=0
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/)   { sub(/^URIs:[ \t]*/, "", $i); uris=$i }
          if ($i ~ /^Suites:/) { n=split(substr($i, 8), s, /[ \t]+/); for (j = 1; j <= n; j++) if (s[j] == rel) ok=1 }
          if ($i ~ /^Types:/ && $i ~ /[ \t]deb([ \t]|$)/) deb=1
          if ($i ~ /^Enabled:[ \t]*no/) ok=0
        }
        if (ok && deb && uris != "") { split(uris, u, /[ \t]+/); print u[1]; exit }
      }' "$f"
  done | head -n1 | grep . && return 0
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk -v rel="$rel" '$1 == "deb" { i = 2; if ($2 ~ /^\[/) while ($i !~ /\]$/) i++; if ($2 ~ /^\[/) i++;
                                      if ($(i + 1) == rel) { print $i; exit } }' | grep .
}
mirror=${ARM64_MIRROR:-$(host_mirror || true)}
[ -n "$mirror" ] || { echo "arm64-setup: no Debian mirror in the host's apt sources; set ARM64_MIRROR" >&2; exit 2; }
mirror=${mirror%/}
keyring=${ARM64_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}

# ------------------------------------------------------------------ private apt
apt_dir=$cache/apt
mkdir -p "$apt_dir"/{lists/partial,archives/partial,etc/apt.conf.d,etc/preferences.d,etc/sources.list.d,etc/trusted.gpg.d}
: > "$apt_dir/status"
cat > "$apt_dir/etc/sources.list" <<EOF
deb [arch=arm64 signed-by=$keyring] $mirror trixie main
deb [arch=arm64 signed-by=$keyring] $mirror bookworm main
EOF
cat > "$apt_dir/apt.conf" <<EOF
APT::Architecture "arm64";
APT::Architectures { "arm64"; };
APT::Install-Recommends "false";
APT::Default-Release "trixie";
Acquire::Languages "none";
Acquire::Retries "3";
Dir::Etc "$apt_dir/etc";
Dir::Etc::SourceList "$apt_dir/etc/sources.list";
Dir::Etc::SourceParts "$apt_dir/etc/sources.list.d";
Dir::Etc::Parts "$apt_dir/etc/apt.conf.d";
Dir::Etc::PreferencesParts "$apt_dir/etc/preferences.d";
Dir::Etc::TrustedParts "$apt_dir/etc/trusted.gpg.d";
Dir::State "$apt_dir";
Dir::State::Lists "$apt_dir/lists";
Dir::State::status "$apt_dir/status";
Dir::Cache "$apt_dir";
Dir::Cache::archives "$apt_dir/archives";
Dir::Log "$apt_dir";
Debug::NoLocking "true";
EOF
apt=(apt-get -c "$apt_dir/apt.conf" -q -o APT::Sandbox::User=root)
acache=(apt-cache -c "$apt_dir/apt.conf")
t0=$(date +%s)
"${apt[@]}" update >/dev/null
echo "arm64-setup: package lists (trixie, bookworm; arm64) in $(( $(date +%s) - t0 )) s"

# Resolves a metapackage (e.g. linux-image-arm64-16k/trixie) to the package it depends on.
concrete() { "${acache[@]}" depends "$1" 2>/dev/null | sed -n "s/^ *Depends: \($2\)\$/\1/p" | head -n1; }
img16=$(concrete linux-image-arm64-16k/trixie 'linux-image-[0-9][^ ]*-arm64-16k')
hdr16=$(concrete linux-headers-arm64-16k/trixie 'linux-headers-[0-9][^ ]*-arm64-16k')
img4=$(concrete linux-image-arm64/bookworm 'linux-image-[0-9][^ ]*-arm64')
hdr4=$(concrete linux-headers-arm64/bookworm 'linux-headers-[0-9][^ ]*-arm64')
for v in img16 hdr16 img4 hdr4; do [ -n "${!v}" ] || { echo "arm64-setup: cannot resolve $v" >&2; exit 1; }; done
kver16=${img16#linux-image-}
kver4=${img4#linux-image-}
hdr4common=$(concrete "$hdr4/bookworm" 'linux-headers-[0-9][^ ]*-common')
echo "arm64-setup: kernels $kver4 (bookworm, 4 KiB) and $kver16 (trixie, 16 KiB)"

# The root: dependency closure of these (trixie), resolved against an empty package status.
ROOT_PKGS=(openjdk-25-jre-headless bash coreutils grep sed gawk findutils util-linux procps kmod
           busybox-static libc-bin zlib1g gzip diffutils
           gcc-14 make libc6-dev zlib1g-dev "$hdr16")
t0=$(date +%s)
"${apt[@]}" install -y -d "${ROOT_PKGS[@]}" >/dev/null
# Kernels and the 4k headers: just these packages, no dependencies.
(cd "$apt_dir/archives" && "${apt[@]}" download "$img16" "$img4/bookworm" "$hdr4/bookworm" "$hdr4common/bookworm" >/dev/null)
echo "arm64-setup: downloads ($(du -sh "$apt_dir/archives" | cut -f1) cached) in $(( $(date +%s) - t0 )) s"

# ------------------------------------------------------------------ unpack
t0=$(date +%s)
# the closure, from a simulation against the empty status: "Inst <pkg> (<version> <suite> [arm64])"
closure=$("${apt[@]}" install -y -s "${ROOT_PKGS[@]}" 2>/dev/null | awk '$1 == "Inst" {print $2 "_" $3}' | tr -d '()')
new=$cache/root.new
rm -rf "$new"
mkdir -p "$new/usr/bin" "$new/usr/sbin" "$new/usr/lib"
# merged /usr, as trixie expects
for d in bin sbin lib; do ln -s "usr/$d" "$new/$d"; done
n=0
for pv in $closure; do
  p=${pv%%_*}; v=${pv#*_}; v=${v//:/%3a}
  f=$(ls "$apt_dir/archives/${p}_${v}_"*.deb 2>/dev/null | head -n1 || true)
  [ -n "$f" ] || { echo "arm64-setup: ${p} ${v} not downloaded" >&2; exit 1; }
  dpkg-deb --fsys-tarfile "$f" | tar -x --keep-directory-symlink -C "$new"
  n=$((n + 1))
done
# what postinst scripts would have done and the runners need
jh=$(ls -d "$new"/usr/lib/jvm/java-25-openjdk-arm64 2>/dev/null | head -n1)
[ -n "$jh" ] && [ -x "$jh/bin/java" ] || { echo "arm64-setup: no JDK 25 in the root" >&2; exit 1; }
ln -sf gcc-14 "$new/usr/bin/gcc"
ln -sf gcc "$new/usr/bin/cc"
ln -sf gawk "$new/usr/bin/awk"
ln -sf ../lib/jvm/java-25-openjdk-arm64/bin/java "$new/usr/bin/java"
[ -e "$new/bin/sh" ] || ln -s bash "$new/usr/bin/sh"
mkdir -p "$new/etc" "$new/tmp" "$new/root" "$new/proc" "$new/sys" "$new/dev" "$new/run" "$new/var/tmp"
chmod 1777 "$new/tmp" "$new/var/tmp"
printf 'root:x:0:0:root:/root:/bin/bash\n' > "$new/etc/passwd"
printf 'root:x:0:\ntty:x:5:\n' > "$new/etc/group"
echo "arm64-setup: root of $n packages unpacked in $(( $(date +%s) - t0 )) s ($(du -sh "$new" | cut -f1))"

# kernels: vmlinuz + modules (+ depmod, which dpkg's postinst would have run)
t0=$(date +%s)
unpack_kernel() { # dir deb kver
  local d=$1.new
  rm -rf "$d"; mkdir -p "$d"
  dpkg-deb -x "$2" "$d"
  local m
  m=$(ls -d "$d"/lib/modules/"$3" "$d"/usr/lib/modules/"$3" 2>/dev/null | head -n1 || true)
  [ -n "$m" ] || { echo "arm64-setup: no modules in $2" >&2; exit 1; }
  if [ "$m" != "$d/lib/modules/$3" ]; then mkdir -p "$d/lib/modules"; mv "$m" "$d/lib/modules/$3"; fi
  depmod -b "$d" "$3"
  rm -rf "$1"; mv "$d" "$1"
}
deb_of() { ls "$apt_dir/archives/${1}_"*.deb | head -n1; }
unpack_kernel "$cache/k16k" "$(deb_of "$img16")" "$kver16"
unpack_kernel "$cache/k4k" "$(deb_of "$img4")" "$kver4"
# 6.1 headers for the cross build: its scripts/ link into linux-kbuild-6.1, which is host code:
# the host's own (installed with linux-headers-amd64 by setup.sh)
rm -rf "$cache/kh4k"; mkdir -p "$cache/kh4k"
for p in "$hdr4" "$hdr4common"; do dpkg-deb -x "$(deb_of "$p")" "$cache/kh4k"; done
kb=$(readlink "$cache/kh4k/usr/src/linux-headers-$kver4/scripts" | sed -n 's|.*lib/\(linux-kbuild-[^/]*\)/.*|\1|p')
[ -n "$kb" ] && [ -d "/usr/lib/$kb" ] || { echo "arm64-setup: host lacks /usr/lib/${kb:-linux-kbuild-*} (setup.sh installs linux-headers-amd64)" >&2; exit 1; }
mkdir -p "$cache/kh4k/usr/lib"; ln -sfn "/usr/lib/$kb" "$cache/kh4k/usr/lib/$kb"
# its Makefile includes the -common tree by absolute path: point it into kh4k
sed -i "s|/usr/src/linux-headers-|$cache/kh4k/usr/src/linux-headers-|" "$cache/kh4k/usr/src/linux-headers-$kver4/Makefile"
echo "arm64-setup: kernels unpacked in $(( $(date +%s) - t0 )) s"

rm -rf "$cache/root"; mv "$new" "$cache/root"
cat > "$stamp.tmp" <<EOF
ARM64_LAYOUT=$layout
ARM64_ROOT=$cache/root
KVER_4K=$kver4
KDIR_4K=$cache/kh4k/usr/src/linux-headers-$kver4
KERNEL_4K=$cache/k4k/boot/vmlinuz-$kver4
MODROOT_4K=$cache/k4k
KVER_16K=$kver16
KERNEL_16K=$cache/k16k/boot/vmlinuz-$kver16
MODROOT_16K=$cache/k16k
ARM64_JAVA_HOME=/usr/lib/jvm/java-25-openjdk-arm64
EOF
mv "$stamp.tmp" "$stamp"
echo "arm64-setup: ready in $(( $(date +%s) - t_start )) s ($stamp)"
