#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ffm-unit-tests.sh - run the unit tests of uacce-ffm WITHOUT Maven (JUnit console launcher,
# class path from it-tests/target/it-classpath.txt), e.g. inside the arm64 VM where Maven would
# be slow:  native-stubs/vm/with-kmod-arm64.sh -- native-stubs/vm/ffm-unit-tests.sh
# Build first on the host: ./mvnw -B -o -q -pl it-tests -am verify -DskipTests
# (uacce-ffm's test classes are compiled by that build). Reports: uacce-ffm/target/arm64-reports
# (FFM_TEST_REPORTS overrides). JVM flags: FFM_TEST_JAVA_OPTS (default C1 only + serial GC).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
ffm=$repo/uacce-ffm/target
cpfile=$repo/it-tests/target/it-classpath.txt
[ -d "$ffm/test-classes/io/uacce" ] && [ -r "$cpfile" ] ||
  { echo "ffm-unit-tests: build first: ./mvnw -B -o -q -pl it-tests -am verify -DskipTests" >&2; exit 2; }
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
reports=${FFM_TEST_REPORTS:-$ffm/arm64-reports}
mkdir -p "$reports"
# the libraries only: no other module of ours (the model's provider would change what
# TargetResolverTest sees)
libs=$(tr ':' '\n' < "$cpfile" | grep -vE '/(native-stubs|uacce-compress|uacce-ffm)[-/]' | paste -sd:)
echo "ffm-unit-tests: $("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *os.arch = //p'), page $(getconf PAGESIZE), $(uname -r)"
exec "$java" --enable-native-access=ALL-UNNAMED ${FFM_TEST_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} \
  -cp "$ffm/test-classes:$ffm/classes:$libs" org.junit.platform.console.ConsoleLauncher execute \
  --disable-banner --disable-ansi-colors --details=summary --fail-if-no-tests \
  --scan-classpath "$ffm/test-classes" --reports-dir "$reports" "$@"
