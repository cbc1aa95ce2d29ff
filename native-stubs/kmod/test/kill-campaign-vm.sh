#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# kill-campaign-vm.sh - the guest half of kill-campaign.sh (runs inside the VM; with-kmod.sh has
# loaded the module with the first configuration's parameters):
#   kill-campaign-vm.sh BUILD_DIR MODULE.ko "params 1" ["params 2" ...]
# Per configuration (the module reloaded with its parameters from the second one on): runs
# hzs_kill_campaign with the Java and C workers, then checks the kernel side: no queue left
# (debugfs "used 0"), no vmalloc area of the module and no engine thread left, module refcount 0,
# rmmod succeeds, and the kernel log has no oops/WARN/BUG/hung task/leak/SIGBUS line.
# Exit 0 = every configuration passed. Settings come from kill-campaign.sh (KC_* variables).
set -uo pipefail
build=$1 ko=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
rc=0
echo "${KC_HUNG_S:-10}" > /proc/sys/kernel/hung_task_timeout_secs 2>/dev/null || true
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
  . "$here/../../../.mvn/find-jdk.sh"   # the wrapper's JDK finder (JDK >= 22)
  set +f                                  # it leaves globbing off
fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jopts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx${KC_HEAP:-160m} -Xss512k --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn"

first=1
for params in "$@"; do
  api=2
  case " $params " in *" api=1 "*) api=1;; *" api=3 "*) api=3;; esac
  formats=zlib,gzip; [ "$api" = 3 ] && formats=zlib,gzip,raw
  if [ $first = 0 ]; then
    # shellcheck disable=SC2086
    insmod "$ko" $params || { echo "kill-campaign: insmod $params failed"; rc=1; continue; }
  fi
  first=0
  echo "=== kill campaign phase: hisi_zip_stub $params (guest uptime $(cut -d' ' -f1 /proc/uptime) s)"
  # the Java worker: ZIP and (KC_JWORK=zip,crypto, the default) SEC/HPRE requests in one JVM, the
  # threads split (KC_THREADS ZIP, KC_CRYPTO_THREADS crypto); KC_JARGS adds options (--stall: the check)
  jwork=${KC_JWORK:-zip,crypto}
  jcmd="$java $jopts -cp $(cat "$KC_CP") io.uacce.reliability.campaign.KillWorker --work $jwork --threads ${KC_THREADS:-2} --crypto-threads ${KC_CRYPTO_THREADS:-1} --queues ${KC_QUEUES:-1} --max-size ${KC_MAX_SIZE:-262144} --crypto-max-size ${KC_CRYPTO_MAX_SIZE:-65536} --formats $formats ${KC_JARGS:-}"
  workers=()
  [ "${KC_JAVA:-2}" -gt 0 ] && workers+=(-w "$KC_JAVA:$jcmd")
  # Java SEC/HPRE workers: the UACCE provider in HARDWARE mode (SVA or the SS region, as the ZIP worker)
  [ "${KC_JCRYPTO:-0}" -gt 0 ] && workers+=(-w "$KC_JCRYPTO:$java $jopts -cp $(cat "$KC_CP") io.uacce.reliability.campaign.KillWorker --work crypto --threads ${KC_THREADS:-2} --max-size ${KC_CRYPTO_MAX_SIZE:-65536} ${KC_JARGS:-}")
  # the C workers poll busily (UADK style): niced, so the JVMs of single-threaded TCG get the vCPUs;
  # killable from their start (-W; a JVM only once it printed READY); the killer renices a victim to
  # 0 before its SIGKILL, so its exit is not starved
  [ "${KC_C:-1}" -gt 0 ] && workers+=(-W "$KC_C:nice -n 19 $build/hzs_async -n ${KC_C_REQUESTS:-300} -t 30")
  # hzs_crypto_smoke speaks SVA only (process addresses in its BDs/SQEs)
  case " $params " in *" sva=0 "*) crypto=0;; *) crypto=${KC_CRYPTO:-0};; esac
  [ "$crypto" -gt 0 ] && workers+=(-W "$crypto:nice -n 19 $build/hzs_crypto_smoke $api")
  "$build/hzs_kill_campaign" -t "${KC_SECONDS:-60}" -i "${KC_INTERVAL_MS:-3000}" -b "${KC_BOUND_MS:-10000}" \
    -S "${KC_STALL_S:-300}" -P "${KC_PROGRESS_S:-60}" -K "${KC_MIN_BEFORE_KILL:-2}" -s "${KC_SEED:-1}" "${workers[@]}" || rc=1

  echo "kill-campaign: kernel side ($params)"
  for s in /sys/kernel/debug/hisi_zip_stub/*/stats; do
    [ -e "$s" ] || continue
    echo "  ${s#/sys/kernel/debug/hisi_zip_stub/}: $(head -n 2 "$s" | tr '\n' ' ')"
    head -n 1 "$s" | grep -q ' used 0 ' || { echo "kill-campaign: VIOLATION: $s: queues still in use"; rc=1; }
  done
  v=$(grep -c '\[hisi_zip_stub\]' /proc/vmallocinfo || true)
  echo "  vmalloc areas of the module: $v"
  [ "$v" = 0 ] || { echo "kill-campaign: VIOLATION: vmalloc areas left"; grep '\[hisi_zip_stub\]' /proc/vmallocinfo | head -n 5; rc=1; }
  th=$(cat /proc/[0-9]*/comm 2>/dev/null | grep -c '^hzs[0-9]' || true)
  echo "  engine threads left: $th"
  [ "$th" = 0 ] || { echo "kill-campaign: VIOLATION: engine threads left"; rc=1; }
  if [ -e /sys/kernel/debug/kmemleak ]; then
    echo scan > /sys/kernel/debug/kmemleak; sleep 1
    grep -q . /sys/kernel/debug/kmemleak && { echo "kill-campaign: VIOLATION: kmemleak"; head -n 20 /sys/kernel/debug/kmemleak; rc=1; }
  else
    echo "  kmemleak: not in this kernel (leaks: the checks above)"
  fi
  ref=$(cat /sys/module/hisi_zip_stub/refcnt)
  if [ "$ref" = 0 ] && rmmod hisi_zip_stub; then
    echo "  module refcount 0, rmmod: ok"
  else
    echo "kill-campaign: VIOLATION: rmmod failed (refcount $ref)"; rc=1
  fi
done
dmesg | grep "drain bound"
if dmesg | grep -E "BUG|WARNING|Oops|general protection|Call Trace|blocked for more than|kmemleak|leak|SIGBUS"; then
  echo "kill-campaign: VIOLATION: kernel log (lines above)"; rc=1
else
  echo "kill-campaign: kernel log: no oops/WARN/BUG/hung task/leak/SIGBUS line"
fi
exit $rc
