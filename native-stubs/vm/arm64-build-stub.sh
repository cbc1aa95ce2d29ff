#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# arm64-build-stub.sh - build hisi_zip_stub.ko and the smoke test hzs_smoke for one arm64 guest
# kernel (ARM64_PAGE=4k|16k, default 16k) into native-stubs/vm/build/arm64-<kver>/.
#   4k  (bookworm 6.1): cross-built on the host, gcc-aarch64-linux-gnu (gcc-12, as that kernel).
#   16k (trixie 6.12): built INSIDE an arm64 VM booting that kernel, with the root's gcc-14 (the
#       kernel was built with gcc-14; the host's gcc-12 is too old for its headers).
#   hzs_smoke (user space, same for both): cross-built on the host against the root's zlib.
# The sources are symlinked from native-stubs/kmod and native-stubs/engine, so the module always
# builds what is checked out. Skips the build when the outputs are newer than every source.
#
#   ARM64_PAGE=16k native-stubs/vm/arm64-build-stub.sh   (prints the output directory last)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/arm64-env.sh"
src=$(cd "$here/.." && pwd)
out=$ARM64_BUILD
ko=$out/kmod/hisi_zip_stub.ko
smoke=$out/hzs_smoke
sources() { find "$src/kmod" "$src/engine" -maxdepth 2 \( -name '*.[ch]' -o -name Kbuild \) -not -path '*/build/*'; }

if [ -s "$ko" ] && [ -x "$smoke" ] && [ -z "$(sources | while read -r f; do [ "$f" -nt "$ko" ] || [ "$f" -nt "$smoke" ] && echo "$f"; done)" ]; then
  echo "arm64-build-stub: $ARM64_KVER up to date" >&2
  echo "$out"; exit 0
fi

# out/kmod holds links to the module sources; out/engine -> the engine, as Kbuild's ../engine
mkdir -p "$out/kmod"
find "$out/kmod" -maxdepth 1 -type l -delete
for f in "$src"/kmod/*.[ch] "$src/kmod/Kbuild"; do ln -s "$f" "$out/kmod/"; done
ln -sfn "$src/engine" "$out/engine"

t0=$(date +%s)
case "$ARM64_PAGE" in
  4k)
    make -s -C "$ARM64_KDIR" M="$out/kmod" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- modules >&2
    ;;
  16k)
    # shellcheck disable=SC2016
    # (multi-threaded TCG with make -j2 measured slower here: 325 s vs 216 s, on a loaded host)
    VM_TIMEOUT=${VM_TIMEOUT:-900} "$here/vm-run.sh" bash -c '
      set -e
      make -s -C "$1" M="$2/kmod" modules
    ' build "$ARM64_KDIR" "$out" "$src" >&2
    ;;
esac
# hzs_smoke (user space, the same for both kernels): cross-built on the host
command -v aarch64-linux-gnu-gcc >/dev/null || { echo "arm64-build-stub: aarch64-linux-gnu-gcc missing (setup.sh SETUP_ARM64=1)" >&2; exit 2; }
# the cross toolchain's libc with only zlib from the arm64 root
zi=$out/zlib-include; zl=$out/zlib-lib
mkdir -p "$zi" "$zl"
ln -sf "$VM_ROOT/usr/include/zlib.h" "$zi/zlib.h"
ln -sf "$VM_ROOT/usr/include/aarch64-linux-gnu/zconf.h" "$zi/zconf.h" 2>/dev/null || ln -sf "$VM_ROOT/usr/include/zconf.h" "$zi/zconf.h"
ln -sf "$(readlink -f "$VM_ROOT/usr/lib/aarch64-linux-gnu/libz.so")" "$zl/libz.so"
aarch64-linux-gnu-gcc -O2 -g -Wall -Wextra -Werror -I"$src/engine/test" -I"$zi" -L"$zl" \
  -o "$smoke" "$src/kmod/test/hzs_smoke.c" -lz
[ -s "$ko" ] && [ -x "$smoke" ] || { echo "arm64-build-stub: build for $ARM64_KVER produced no module/smoke test" >&2; exit 1; }
echo "arm64-build-stub: $ARM64_KVER built in $(( $(date +%s) - t0 )) s" >&2
echo "$out"
