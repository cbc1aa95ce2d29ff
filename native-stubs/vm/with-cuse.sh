#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# with-cuse.sh - build the CUSE mock daemon and run a command with it:
# inside the VM (vm-run.sh), or right here when this machine has /dev/cuse.
#
#   native-stubs/vm/with-cuse.sh [daemon options ...] -- command [args...]
#   e.g. with-cuse.sh --sva 0 -- native-stubs/cuse/build/hzc_smoke '$UACCE_SYSFS_ROOT'
#
# Daemon options: hisi_zip_cuse --help (--devices, --queues, --api, --era,
# --sva, ...). The command sees UACCE_SYSFS_ROOT (the daemon's sysfs tree),
# HZC_DIR, and JAVA_TOOL_OPTIONS with -Duacce.sysfs.root, so a JVM finds
# the devices. Words '$UACCE_SYSFS_ROOT'/'$HZC_DIR' in the command are NOT
# expanded for you: use bash -c '...' for that. Settings of vm-run.sh apply.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cdir=$(cd "$here/../cuse" && pwd)
opts=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do opts+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || { echo "usage: $0 [daemon options ...] -- command [args...]" >&2; exit 2; }
make -s -C "$cdir" >&2
inner=("$here/cuse-inner.sh" direct "$cdir/build/hisi_zip_cuse" "${opts[@]}" -- "$@")
if [ -c /dev/cuse ] && [ "${CUSE_FORCE_VM:-0}" != 1 ]; then
  exec "${inner[@]}"
fi
VM_ENV="${VM_ENV:-} JAVA_TOOL_OPTIONS" exec "$here/vm-run.sh" "${inner[@]}"
