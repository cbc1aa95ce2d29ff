#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# cuse-inner.sh - runs INSIDE a machine that has /dev/cuse (the VM of
# vm-run.sh); called by with-cuse.sh and with-docker-cuse.sh.
#
#   cuse-inner.sh direct DAEMON [daemon options...] -- command [args...]
#       starts the CUSE daemon, waits for its nodes and sysfs tree, exports
#       UACCE_SYSFS_ROOT / HZC_DIR and -Duacce.target=cuse -Duacce.sysfs.root (JAVA_TOOL_OPTIONS),
#       runs the command, stops the daemon (and checks the nodes are gone).
#   cuse-inner.sh docker ROOTFS_TAR -- command [args...]
#       starts dockerd on tmpfs, imports the daemon image (hisi-zip-cuse:latest)
#       and runs the command with the Testcontainers environment set; the
#       command starts the container itself (io.uacce.stubs.cuse.HisiZipCuseContainer).
# The command's exit status is returned; 125 = set-up failed.
set -uo pipefail
now() { cut -d' ' -f1 /proc/uptime; }
say() { echo "[cuse $(now)] $*" >&2; }
mode=${1:?mode}; shift

if [ "$mode" = direct ]; then
  daemon=$1; shift
  opts=()
  ndev=1; first=0
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    case "$1" in
      --devices=*) ndev=${1#*=};; --first-id=*) first=${1#*=};;
      --devices) ndev=$2;; --first-id) first=$2;;
    esac
    opts+=("$1"); shift
  done
  shift
  dir=$(mktemp -d "${TMPDIR:-/tmp}/hisi_zip_cuse.XXXXXX")
  chmod 755 "$dir"
  t0=$(now)
  "$daemon" --dir "$dir" "${opts[@]}" &
  dpid=$!
  for i in $(seq 0 600); do
    ok=1
    for ((d = first; d < first + ndev; d++)); do
      [ -e "/dev/hisi_zip-$d" ] && [ -e "$dir/sysfs/hisi_zip-$d/api" ] || ok=0
    done
    [ $ok = 1 ] && break
    kill -0 "$dpid" 2>/dev/null || { say "daemon exited before its nodes appeared"; exit 125; }
    sleep 0.05
  done
  [ $ok = 1 ] || { say "no /dev/hisi_zip-$first after 30 s"; kill "$dpid"; exit 125; }
  say "daemon ready in $(awk "BEGIN{print $(now) - $t0}") s: $ndev device(s), sysfs root $dir/sysfs"
  export HZC_DIR=$dir UACCE_SYSFS_ROOT=$dir/sysfs
  export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:+$JAVA_TOOL_OPTIONS }-Duacce.target=cuse -Duacce.sysfs.root=$dir/sysfs"
  "$@"
  rc=$?
  kill -TERM "$dpid"; wait "$dpid"; drc=$?
  [ -e "/dev/hisi_zip-$first" ] && { say "node /dev/hisi_zip-$first still there after stop"; rc=${rc/#0/1}; }
  [ -e "$dir/sysfs/hisi_zip-$first" ] && { say "sysfs tree still there after stop"; rc=${rc/#0/1}; }
  [ "$drc" = 0 ] || say "daemon exit status $drc"
  rm -rf "$dir"
  exit "$rc"
fi

[ "$mode" = docker ] || { say "unknown mode $mode"; exit 125; }
tar=$1; shift; [ "${1:-}" = "--" ] && shift
t0=$(now)
mountpoint -q /sys/fs/cgroup || mount -t cgroup2 cgroup2 /sys/fs/cgroup
# overlay2 cannot sit on the VM's overlay root: docker's state lives in tmpfs
for d in /var/lib/docker /var/lib/containerd; do mkdir -p "$d"; mount -t tmpfs -o mode=711 tmpfs "$d"; done
mount -t tmpfs -o mode=755 tmpfs /run; mkdir -p /run/lock
rm -f /.dockerenv    # else Testcontainers thinks it runs inside a container
log=${DOCKERD_LOG:-/tmp/dockerd.log}
dockerd --data-root /var/lib/docker --exec-root /run/docker --iptables=false --ip-masq=false \
        --ip-forward=false --bridge=none --storage-driver overlay2 > "$log" 2>&1 &
dpid=$!
for i in $(seq 0 1200); do docker version >/dev/null 2>&1 && break; sleep 0.1; done
docker version >/dev/null 2>&1 || { say "dockerd did not answer in 120 s:"; tail -20 "$log" >&2; exit 125; }
t1=$(now); say "dockerd up in $(awk "BEGIN{print $t1 - $t0}") s"
docker import "$tar" hisi-zip-cuse:latest >&2 || { say "docker import $tar failed"; exit 125; }
t2=$(now); say "image hisi-zip-cuse:latest imported in $(awk "BEGIN{print $t2 - $t1}") s"
export DOCKER_HOST=unix:///var/run/docker.sock TESTCONTAINERS_RYUK_DISABLED=true \
       TESTCONTAINERS_CHECKS_DISABLE=true TESTCONTAINERS_HOST_OVERRIDE=localhost
"$@"
rc=$?
docker ps -aq | xargs -r docker rm -f >/dev/null 2>&1
kill -TERM "$dpid"; wait "$dpid"
exit "$rc"
