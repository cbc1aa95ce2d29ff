#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# with-kmod-arm64.sh - with-kmod.sh for an arm64 guest: builds hisi_zip_stub.ko for the chosen
# page size (arm64-build-stub.sh), boots qemu-system-aarch64 (TCG) with that Debian kernel and
# the arm64 root of arm64-setup.sh, loads the module and runs the command in the current
# directory (the repository is shared read-write at its host path, ~/.m2 read-only; JAVA_HOME is
# the root's JDK 25). $ARM64_BUILD in the command names the build directory (hzs_smoke is there).
#
#   native-stubs/vm/with-kmod-arm64.sh [--page 4k|16k] [name=value ...] -- command [args...]
#   e.g. with-kmod-arm64.sh --page 16k devices=2 -- it-tests/conformance.sh kmod
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" = --page ]; then ARM64_PAGE=$2; shift 2; fi
export ARM64_PAGE=${ARM64_PAGE:-16k}
# shellcheck disable=SC1091
. "$here/arm64-env.sh"
"$here/arm64-build-stub.sh" > /dev/null
export KMOD_KO=$ARM64_BUILD/kmod/hisi_zip_stub.ko KVER=$ARM64_KVER
exec "$here/with-kmod.sh" "$@"
