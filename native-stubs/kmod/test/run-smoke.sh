#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# run-smoke.sh - build the module and the C tests, run the doorbell-decoder unit test on the host,
# then in the VM once per module configuration: the UADK-style two-thread test (hzs_async, before
# the smoke test, whose last part removes the device) and the smoke test (hzs_smoke).
# Exit status 0 = all passed.
#
#   native-stubs/kmod/test/run-smoke.sh                 # all configurations
#   native-stubs/kmod/test/run-smoke.sh "api=3 era=C"   # just this one (hzs_async included)
#   HZS_ASYNC_N=100000 native-stubs/kmod/test/run-smoke.sh   # the full 10^5 requests per run
#                                                            # (default 10000: CI's time budget)
#   HZS_ASYNC=0 ...                                     # leave hzs_async out
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$here/../build
mkdir -p "$out"
cflags=(-O2 -g -Wall -Wextra -Werror -I"$here/../../engine/test")
cc "${cflags[@]}" -o "$out/hzs_smoke" "$here/hzs_smoke.c" -lz
cc "${cflags[@]}" -o "$out/hzs_async" "$here/hzs_async.c" -lz -lpthread
cc "${cflags[@]}" -o "$out/hzs_decode_test" "$here/hzs_decode_test.c" "$here/../hzs_decode.c"
"$out/hzs_decode_test"

async_n=${HZS_ASYNC_N:-10000}
if [ $# -gt 0 ]; then
  configs=("$@")
  async=()
  for _ in "$@"; do async+=("${HZS_ASYNC:-1}"); done
else
  # hzs_async in every configuration (SVA and no-SVA, api 1, 2 and 3; the two last sva=0 configurations exist for it)
  configs=("" "era=A" "api=3 era=C" "api=1 sva=0" "api=3 remap_eexist=1 queues=8 cq_grace_ms=50"
           "api=2 sva=0" "api=3 sva=0 era=C")
  async=(1 1 1 1 1 1 1)
  [ "${HZS_ASYNC:-1}" = 1 ] || async=(0 0 0 0 0 0 0)
fi
rc=0
for i in "${!configs[@]}"; do
  c=${configs[$i]}
  echo "=== hisi_zip_stub ${c:-(defaults: api=2 era=B sva=1 latch=1)}"
  t0=$(date +%s)
  n=0; [ "${async[$i]}" = 1 ] && n=$async_n
  # shellcheck disable=SC2086,SC2016
  # pass = the tests pass AND the kernel logged no oops/warning and no hung task (hzs_smoke's
  # t_kill lowers the detector's timeout to 3 s while it runs); an engine stop over the drain
  # bound is only shown (a timing, not a failure)
  if "$here/../../vm/with-kmod.sh" $c -- bash -c '
       if [ "$3" -gt 0 ]; then "$2" -n "$3" || exit 1; fi
       "$1"; r=$?; dmesg | grep "drain bound"
       [ $r = 0 ] && ! dmesg | grep -E "BUG|WARNING|Oops|general protection|Call Trace|blocked for more than"' \
       smoke "$out/hzs_smoke" "$out/hzs_async" "$n"; then
    echo "=== PASS ($(( $(date +%s) - t0 )) s)"
  else
    echo "=== FAIL ($(( $(date +%s) - t0 )) s)"
    rc=1
  fi
done
exit $rc
