#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# kill-campaign.sh - the multi-process kill campaign on the kernel stub (issue 13 §2,
# docs/reliability.md "Kill campaign on the kernel stub"). One VM; per module configuration (the
# module reloaded with its parameters, doorbells latched as by default):
# Java workers (io.uacce.reliability.campaign.KillWorker: the driver's public API, HARDWARE mode,
# every result checked against java.util.zip), Java crypto workers (KillWorker --work crypto: the UACCE
# provider in HARDWARE mode on the SEC and HPRE devices, checked against the JDK's providers; KC_JCRYPTO)
# and C workers (hzs_async, checked by zlib) share the
# stub's devices while hzs_kill_campaign SIGKILLs a random one every few seconds and restarts it;
# available_instances must come back after each kill and at the end, survivors must see no wrong
# result and no error, the module must unload (refcount 0) and the kernel log stay clean.
#
#   native-stubs/kmod/test/kill-campaign.sh            # api 3 SVA, then no-SVA; 2 Java (ZIP + SEC/HPRE) + 1 C workers, 30 s each
#   KC_JAVA=1 native-stubs/kmod/test/kill-campaign.sh  # CI size (.ci/run): one Java worker (ZIP, SEC, HPRE) + one C worker
#   native-stubs/kmod/test/kill-campaign.sh --full     # full size: 300 s each, 3 Java + 1 Java crypto + 2 C + 1 C SEC/HPRE workers, 1 MiB
#   native-stubs/kmod/test/kill-campaign.sh "api=2 sva=0" "api=1"   # these configurations (module parameters)
#   KC_SECONDS=120 KC_JAVA=3 KC_C=2 KC_INTERVAL_MS=3000 kill-campaign.sh   # any size (KC_* in kill-campaign-vm.sh)
#   native-stubs/kmod/test/kill-campaign.sh --expect-fail "api=3 leak_on_exit=1"   # must FAIL (a leak)
#   KC_JARGS="--stall crypto:5" kill-campaign.sh --expect-fail "api=3"   # must FAIL (a survivor stops making progress)
# Exit status 0 = every configuration passed (with --expect-fail: the run failed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out=$here/../build
expect=pass
full=0
while [ $# -gt 0 ]; do
  case "$1" in
    --full) full=1; shift;;
    --expect-fail) expect=fail; shift;;
    *) break;;
  esac
done
if [ "$full" = 1 ]; then
  : "${KC_SECONDS:=300}" "${KC_JAVA:=3}" "${KC_JCRYPTO:=1}" "${KC_C:=2}" "${KC_CRYPTO:=1}" "${KC_MAX_SIZE:=1048576}"
fi
: "${KC_SECONDS:=30}" "${KC_JAVA:=2}" "${KC_JCRYPTO:=0}" "${KC_C:=1}" "${KC_CRYPTO:=0}" "${KC_INTERVAL_MS:=3000}"
export KC_SECONDS KC_JAVA KC_JCRYPTO KC_C KC_CRYPTO KC_INTERVAL_MS
# one VM, the module reloaded per configuration (latch=1, the default, in each)
if [ $# -gt 0 ]; then configs=("$@"); else configs=("api=3 devices=2" "api=3 devices=2 sva=0"); fi
# the Java workers run SEC/HPRE requests too (KC_JWORK=zip,crypto, the default): a SEC and an HPRE device
: "${KC_JWORK:=zip,crypto}"
export KC_JWORK
extra=
if [ "$KC_CRYPTO" -gt 0 ] || [ "$KC_JCRYPTO" -gt 0 ] || { [ "$KC_JAVA" -gt 0 ] && [[ ,$KC_JWORK, == *,crypto,* ]]; }; then
  extra=" sec=1 hpre=1"
fi
for i in "${!configs[@]}"; do configs[$i]="${configs[$i]}$extra"; done

mkdir -p "$out"
cflags=(-O2 -g -Wall -Wextra -Werror -I"$here/../../engine/test")
cc "${cflags[@]}" -o "$out/hzs_kill_campaign" "$here/hzs_kill_campaign.c"
cc "${cflags[@]}" -o "$out/hzs_async" "$here/hzs_async.c" -lz -lpthread
cc "${cflags[@]}" -o "$out/hzs_crypto_smoke" "$here/hzs_crypto_smoke.c"
# the Java worker's classes and class path (as uacce-reliability/campaign.sh)
(cd "$root" && ./mvnw -B -q -pl uacce-reliability -am compile dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile=target/main.cp >/dev/null)
export KC_CP=$root/uacce-reliability/target/main.cp.full
# without the test-only jars (JUnit, Jazzer): fewer jars for the guest JVM to open over 9p
echo "$root/uacce-reliability/target/classes:$(tr ':' '\n' < "$root/uacce-reliability/target/main.cp" \
  | grep -vE '/(junit|jazzer|opentest4j|apiguardian)' | paste -sd:)" > "$KC_CP"
export VM_ENV="${VM_ENV:-} $(compgen -v KC_ | tr '\n' ' ')"

echo "=== kill campaign: ${#configs[@]} configuration(s) $(printf "[%s] " "${configs[@]}"); ${KC_SECONDS} s each, $KC_JAVA Java + $KC_JCRYPTO Java SEC/HPRE" \
     "+ $KC_C C + $KC_CRYPTO C SEC/HPRE workers (Java work: $KC_JWORK), a kill every ~${KC_INTERVAL_MS} ms; host load $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(date +%s)
# shellcheck disable=SC2086
if VM_TIMEOUT=${VM_TIMEOUT:-$(( ${#configs[@]} * (KC_SECONDS + 400) + 120 ))} \
   "$root/native-stubs/vm/with-kmod.sh" ${configs[0]} -- "$here/kill-campaign-vm.sh" "$out" \
   "$root/native-stubs/kmod/hisi_zip_stub.ko" "${configs[@]}"; then r=pass; else r=fail; fi
echo "=== kill campaign $( [ $r = pass ] && echo PASS || echo FAIL ) ($(( $(date +%s) - t0 )) s; host load $(cut -d' ' -f1-3 /proc/loadavg))"
if [ "$expect" = fail ]; then
  [ $r = fail ] && { echo "=== expected failure: it failed, as it must"; exit 0; }
  echo "=== expected failure, but it PASSED"; exit 1
fi
[ $r = pass ]
