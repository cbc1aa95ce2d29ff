#!/usr/bin/env bash
# Runs the conformance suite WITHOUT Maven, with the JUnit Platform console launcher on the class
# path the build wrote (it-tests/target/it-classpath.txt). For the test VM, where Maven is slow.
#
#   it-tests/conformance.sh <model|kmod|cuse|cuse-container|hardware> [-Dname=value ...] [-- launcher options]
#
# Build first (on the host, once):  ./mvnw -B -o -q -pl it-tests -am verify -DskipTests
# Examples:
#   it-tests/conformance.sh model -Duacce.it.era=C
#   native-stubs/vm/with-kmod.sh devices=2 -- it-tests/conformance.sh kmod
#   native-stubs/vm/with-cuse.sh --devices 2 -- it-tests/conformance.sh cuse      (sysfs root from UACCE_SYSFS_ROOT)
#   native-stubs/vm/with-docker-cuse.sh -- it-tests/conformance.sh cuse-container  (starts HisiZipCuseContainer)
#   it-tests/conformance.sh hardware            (Kunpeng with /dev/hisi_zip-*, as a user who may open them)
# Reports: it-tests/target/conformance-reports/<target>/ (JUnit XML); CONFORMANCE_REPORTS overrides.
# JVM flags: CONFORMANCE_JAVA_OPTS (default: C1 only + serial GC, which suits a TCG VM).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target=${1:-}
case "$target" in
  model|kmod|cuse|cuse-container|hardware) shift;;
  *) echo "usage: $0 <model|kmod|cuse|cuse-container|hardware> [-Dname=value ...] [-- launcher options]" >&2; exit 2;;
esac
props=()
# The kernel-module stub runs on the real kernel ABI (LinuxKernel) and latches every doorbell
# write like silicon (module parameter latch=1, its default), so the driver's re-kick and SQ echo
# stay off there. With latch=0 pass -Duacce.qm.memoryBackedDoorbells=true.
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  case "$1" in
    -D*) props+=("$1"); shift;;
    *) echo "conformance: expected -Dname=value or --, got '$1'" >&2; exit 2;;
  esac
done
[ "${1:-}" = "--" ] && shift

cpfile=$here/target/it-classpath.txt
classes=$here/target/test-classes
if [ ! -r "$cpfile" ] || [ ! -d "$classes/io/uacce/it" ]; then
  echo "conformance: $cpfile or $classes missing; build first: ./mvnw -B -o -q -pl it-tests -am verify -DskipTests" >&2
  exit 2
fi
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
  # the wrapper's JDK finder (JDK >= 22)
  . "$here/../.mvn/find-jdk.sh"
fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
reports=${CONFORMANCE_REPORTS:-$here/target/conformance-reports/$target}
mkdir -p "$reports"
# Everything on the JVM class path (-cp), not the launcher's --class-path (testbed-docker-cuse.md §4).
exec "$java" --enable-native-access=ALL-UNNAMED ${CONFORMANCE_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} \
  -Duacce.it.target="$target" -Duacce.it.reports="$reports" "${props[@]}" \
  -cp "$classes:$(cat "$cpfile")" org.junit.platform.console.ConsoleLauncher execute \
  --disable-banner --disable-ansi-colors --details=tree --select-package io.uacce.it --fail-if-no-tests \
  --reports-dir "$reports" "$@"
