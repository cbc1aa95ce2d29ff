#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# with-docker-cuse.sh - build the CUSE mock daemon and its image rootfs, then
# run a command inside the VM (vm-run.sh) with dockerd started on tmpfs, the
# image imported as hisi-zip-cuse:latest and the Testcontainers environment
# set (DOCKER_HOST, TESTCONTAINERS_RYUK_DISABLED, TESTCONTAINERS_CHECKS_DISABLE,
# TESTCONTAINERS_HOST_OVERRIDE, HZC_CONTAINER_TESTS=1). The command starts the
# container itself, normally through io.uacce.stubs.cuse.HisiZipCuseContainer.
#
#   native-stubs/vm/with-docker-cuse.sh -- command [args...]
#   e.g. with-docker-cuse.sh -- it-tests/conformance.sh cuse-container
#
# Needs docker.io on this machine (native-stubs/vm/setup.sh); the VM sees it
# through the host root. VM_MEM defaults to 4G here. Settings of vm-run.sh apply.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cdir=$(cd "$here/../cuse" && pwd)
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || { echo "usage: $0 -- command [args...]" >&2; exit 2; }
command -v dockerd >/dev/null || { echo "with-docker-cuse: no dockerd (run $here/setup.sh)" >&2; exit 2; }
make -s -C "$cdir" image >&2
export VM_MEM=${VM_MEM:-4G}
export HZC_CONTAINER_TESTS=1
VM_ENV="${VM_ENV:-} HZC_CONTAINER_TESTS MAVEN_OPTS JAVA_TOOL_OPTIONS" \
  exec "$here/vm-run.sh" "$here/cuse-inner.sh" docker "$cdir/build/hisi-zip-cuse-rootfs.tar" -- "$@"
