#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# vm-run.sh - run ONE command inside a throw-away qemu VM that boots the
# Debian guest kernel (which accepts out-of-tree modules) and sees this
# machine's root file system read-only (9p) under a tmpfs overlay. The
# command runs as root, in the current directory, through bash; its exit
# status becomes ours. 124 = VM_TIMEOUT hit, 125 = the VM/init failed.
#
#   native-stubs/vm/vm-run.sh [--] command [args...]
#
# Needs: native-stubs/vm/setup.sh (qemu-system-x86, linux-image-amd64,
# busybox-static, cpio, kmod).
#
# Settings (environment):
#   VM_KERNEL    guest kernel image (default: newest /boot/vmlinuz-*)
#   VM_KVER      its release (default: from the file name)
#   VM_MODDIR    its module tree (default /lib/modules/$VM_KVER)
#   VM_ACCEL     qemu -accel; default "auto": kvm if /dev/kvm is usable and
#                the CPU has vmx/svm, else tcg,thread=single (multi-threaded
#                TCG made JIT-compiled Java crash now and then)
#   VM_CPU       qemu -cpu (default: host with kvm, max with tcg)
#   VM_SMP       vCPUs (default 2)        VM_MEM   RAM (default 4G)
#   VM_MACHINE   default q35              VM_TIMEOUT seconds (default 1800)
#   VM_RW_DIRS   host directories shared read-write at the same path
#   VM_ENV       names of extra environment variables to pass in
#                (PATH HOME LANG JAVA_HOME TERM always are)
#   VM_MODULES   guest modules loaded by init (default: fuse cuse); the
#                9p/virtio/overlay modules and all dependencies are added
#   VM_EXTRA_MODULES  more guest modules, loaded after VM_MODULES
#   VM_9P_CACHE  loose (default) | mmap | none
#   VM_CMDLINE   extra kernel command line   VM_QEMU_ARGS extra qemu args
#   VM_CACHE_DIR initramfs cache (default ~/.cache/vm-run)
#   VM_ARCH      x86_64 (default) | arm64: qemu-system-aarch64 -M virt, console
#                ttyAMA0; cpu max,pauth-impdef=on (plain max emulates pointer
#                authentication 5x slower). arm64-env.sh sets the rest.
#   VM_ROOT      directory the guest sees as / (default: this machine's /);
#                an arm64 root comes from arm64-setup.sh
#   VM_RO_DIRS   host directories shared read-only at the same path
#   BUSYBOX      static busybox for the initramfs (default $VM_ROOT/bin/busybox)
#   VM_VERBOSE=1 kernel messages on the console; VM_PRINT_QEMU=1 show qemu line
set -euo pipefail

[ "${1:-}" = "--" ] && shift
if [ $# -eq 0 ]; then
  echo "usage: $0 [--] command [args...]" >&2
  exit 2
fi

die() { echo "vm-run: $*" >&2; exit 2; }

# ------------------------------------------------------------------ settings
arch=${VM_ARCH:-x86_64}
vm_root=${VM_ROOT:-/}
kernel=${VM_KERNEL:-$(ls -1 /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n1 || true)}
[ -n "$kernel" ] && [ -r "$kernel" ] || die "no guest kernel (run native-stubs/vm/setup.sh)"
kver=${VM_KVER:-${kernel##*/vmlinuz-}}
moddir=${VM_MODDIR:-/lib/modules/$kver}
[ -r "$moddir/modules.dep" ] || die "$moddir/modules.dep missing"
busybox=${BUSYBOX:-${vm_root%/}/bin/busybox}
[ -x "$busybox" ] || die "$busybox missing (apt-get install busybox-static)"
case "$(LC_ALL=C ldd "$busybox" 2>&1 || true)" in
  *"not a dynamic"*) ;;
  *) die "$busybox is not static (apt-get install busybox-static)";;
esac

accel=${VM_ACCEL:-auto}
if [ "$accel" = auto ]; then
  accel="tcg,thread=single"
  if [ -r /dev/kvm ] && [ -w /dev/kvm ] && grep -qwE 'vmx|svm' /proc/cpuinfo; then
    accel=kvm
  fi
fi
case "$accel" in kvm*) cpu=${VM_CPU:-host};; *) cpu=${VM_CPU:-max};; esac
case "$arch" in
  x86_64) qemu_bin=qemu-system-x86_64 machine=${VM_MACHINE:-q35} console=ttyS1
          serial=(-serial null -serial stdio -vga none);;
  arm64) [ "$accel" = kvm ] && [ "$(uname -m)" != aarch64 ] && accel="tcg,thread=single"
         case "$accel" in kvm*) cpu=${VM_CPU:-host};; *) cpu=${VM_CPU:-max,pauth-impdef=on};; esac
         qemu_bin=qemu-system-aarch64 machine=${VM_MACHINE:-virt} console=ttyAMA0 serial=(-serial stdio);;
  *) die "VM_ARCH=$arch: x86_64 or arm64";;
esac
modules="virtio_pci 9pnet_virtio 9p overlay ${VM_MODULES-fuse cuse} ${VM_EXTRA_MODULES:-}"
cache_dir=${VM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vm-run}

# ------------------------------------------------------------------ initramfs
# Guest /init: mount the host root (9p, ro) + tmpfs overlay, chroot into it,
# run /vmrun/cmd.sh, report its status through the per-run 9p share.
guest_init() {
cat <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin:/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
say() { echo "[vm] $*"; }
fail() { say "init failed: $*"; echo 125 > /vmrun/status 2>/dev/null; poweroff -f; }
while read -r m; do
  insmod "/mods/$m" 2>/tmp/insmod.err || grep -q 'File exists' /tmp/insmod.err || say "insmod $m: $(cat /tmp/insmod.err)"
done < /mods/order
opt() { sed -n "s/.*vmrun\.$1=\([^ ]*\).*/\1/p" /proc/cmdline; }
P9="trans=virtio,version=9p2000.L,msize=512000"
mount -t 9p -o "$P9" vmrun /vmrun || fail "vmrun share"
mount -t 9p -o "$P9,ro,cache=$(opt cache)" hostroot /lower || fail "host root"
mount -t tmpfs -o mode=755 tmpfs /rw
mkdir -p /rw/upper /rw/work
mount -t overlay -o lowerdir=/lower,upperdir=/rw/upper,workdir=/rw/work overlay /newroot || fail overlay
cd /newroot
mount -t proc proc proc
mount -t sysfs sysfs sys
mount -t devtmpfs devtmpfs dev
mkdir -p dev/pts dev/shm vmrun
mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts dev/pts
mount -t tmpfs -o mode=1777 tmpfs dev/shm
[ -d sys/fs/fuse/connections ] && mount -t fusectl fusectl sys/fs/fuse/connections
n=0
while read -r mode d; do
  [ -n "$d" ] || continue
  mkdir -p "./$d"
  o=$P9
  [ "$mode" = ro ] && o="$P9,ro,cache=$(opt cache)"
  mount -t 9p -o "$o" "share$n" "./$d" || say "$mode share $d not mounted"
  n=$((n + 1))
done < /vmrun/shares
mount --bind /vmrun vmrun
hostname vm
say "command starts at uptime $(cut -d' ' -f1 /proc/uptime)s"
# like switch_root: the overlay becomes / (setns users such as docker exec
# then see the right root), then chroot into it
mount -o move . / && chroot . /bin/bash /vmrun/cmd.sh
rc=$?
cd /
say "command exit status $rc at uptime $(cut -d' ' -f1 /proc/uptime)s"
echo $rc > /vmrun/status
sync
poweroff -f
EOF
}

# modules.dep walk: prints module paths (relative to moddir), deps first.
resolve_modules() {
  local -A dep seen
  local line m p
  while IFS= read -r line; do dep[${line%%:*}]=${line#*:}; done < "$moddir/modules.dep"
  visit() {
    local k=$1 d
    [ -n "${seen[$k]:-}" ] && return 0
    seen[$k]=1
    for d in ${dep[$k]}; do visit "$d"; done
    echo "$k"
  }
  for m in $modules; do
    p=$(printf '%s\n' "${!dep[@]}" | grep -E "/(${m//[-_]/[-_]})\.ko(\.[a-z]+)?$" | head -n1 || true)
    if [ -n "$p" ]; then visit "$p"
    elif grep -qE "/${m//[-_]/[-_]}\.ko" "$moddir/modules.builtin" 2>/dev/null; then :
    else die "module $m not in $moddir"; fi
  done
}

key=$( { echo "$arch $busybox $kernel $kver $moddir $modules"; stat -c %Y "$moddir/modules.dep"; guest_init; } | sha256sum | cut -c1-16)
initrd=$cache_dir/initramfs-$kver-$key.cpio
if [ ! -s "$initrd" ]; then
  mkdir -p "$cache_dir"
  tree=$(mktemp -d)
  trap 'rm -rf "$tree"' EXIT
  mkdir -p "$tree"/{bin,sbin,proc,sys,dev,tmp,lower,rw,newroot,vmrun,mods}
  cp "$busybox" "$tree/bin/busybox"
  guest_init > "$tree/init"
  chmod 755 "$tree/init"
  : > "$tree/mods/order"
  mods=$(resolve_modules) || exit 2
  for k in $mods; do
    b=${k##*/}; out=${b%%.ko*}.ko
    case "$k" in
      *.ko.xz) xz -dc "$moddir/$k" > "$tree/mods/$out";;
      *.ko.zst) zstd -qdc "$moddir/$k" > "$tree/mods/$out";;
      *.ko.gz) gzip -dc "$moddir/$k" > "$tree/mods/$out";;
      *) cp "$moddir/$k" "$tree/mods/$out";;
    esac
    echo "$out" >> "$tree/mods/order"
  done
  (cd "$tree" && find . | cpio -o -H newc --quiet) > "$initrd.tmp.$$"
  mv "$initrd.tmp.$$" "$initrd"
  rm -rf "$tree"
  trap - EXIT
fi

# ------------------------------------------------------------------ this run
run=$(mktemp -d "${TMPDIR:-/tmp}/vm-run.XXXXXX")
trap 'rm -rf "$run"' EXIT
{
  echo 'set +e'
  for v in PATH HOME LANG JAVA_HOME TERM ${VM_ENV:-}; do
    if [ -n "${!v+x}" ]; then printf 'export %s=%q\n' "$v" "${!v}"; fi
  done
  echo ': "${TERM:=dumb}"; export TERM'
  printf 'cd %q || exit 126\n' "$PWD"
  printf '%q ' "$@"
  echo
} > "$run/cmd.sh"

shares=(-virtfs "local,path=$vm_root,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap"
        -virtfs "local,path=$run,mount_tag=vmrun,security_model=none")
: > "$run/shares"
n=0 mode=rw ro=
for d in ${VM_RW_DIRS:-} ${VM_RO_DIRS:+-ro- $VM_RO_DIRS}; do
  if [ "$d" = -ro- ]; then mode=ro ro=,readonly=on; continue; fi
  d=$(realpath "$d")
  echo "$mode $d" >> "$run/shares"
  shares+=(-virtfs "local,path=$d,mount_tag=share$n,security_model=none,multidevs=remap$ro")
  n=$((n + 1))
done

append="console=$console panic=-1 vmrun.cache=${VM_9P_CACHE:-loose}"
[ "${VM_VERBOSE:-0}" = 1 ] || append+=" quiet loglevel=3"
append+=" ${VM_CMDLINE:-}"

# Console on the second serial port: SeaBIOS output stays off stdout.
qemu=("$qemu_bin" -machine "$machine" -accel "$accel" -cpu "$cpu"
      -smp "${VM_SMP:-2}" -m "${VM_MEM:-4G}" -nographic "${serial[@]}"
      -monitor none -no-reboot -nic none
      -kernel "$kernel" -initrd "$initrd" -append "$append" "${shares[@]}" ${VM_QEMU_ARGS:-})
[ "${VM_PRINT_QEMU:-0}" = 1 ] && { printf '%q ' "${qemu[@]}"; echo; } >&2

set +e
timeout --foreground -k 10 "${VM_TIMEOUT:-1800}" "${qemu[@]}" < /dev/null
qrc=$?
set -e
if [ -s "$run/status" ]; then
  exit "$(cat "$run/status")"
fi
case $qrc in
  124|137) echo "vm-run: timed out after ${VM_TIMEOUT:-1800}s (VM_TIMEOUT)" >&2; exit 124;;
esac
echo "vm-run: the VM gave no exit status (qemu rc=$qrc)" >&2
exit 125
