#!/usr/bin/env bash
# Coverage-guided fuzzing of the Java driver with Jazzer's standalone driver (libFuzzer inside).
#   uacce-reliability/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# TARGET: DecompressFuzzTest, HeaderParserFuzzTest, SqeResultFuzzTest, ProviderFuzzTest (default: all). Each target
# starts from its checked-in seed corpus (src/test/resources/.../<Target>Inputs/<method>) plus a
# working corpus in target/fuzz-corpus/<Target> that grows across runs. A finding stops the run
# with exit 1 and leaves crash-* in target/fuzz-findings/; copy it into the seed directory (it then
# runs as a regression test in ./mvnw verify) and fix the bug.
# For hours: uacce-reliability/fuzz.sh 14400 DecompressFuzzTest  (one target per process; run
# several in parallel on a bigger machine).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-20}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(DecompressFuzzTest HeaderParserFuzzTest SqeResultFuzzTest ProviderFuzzTest)
M=uacce-reliability
./mvnw -B -q -pl $M -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test.cp >/dev/null
CP="$(cat $M/target/test.cp):$M/target/test-classes"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! "$JAVA" -version 2>&1 | grep -qE 'version "(2[2-9]|[3-9][0-9])'; then
  JAVA=$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | while read -r j; do
    "$j" -version 2>&1 | grep -qE 'version "(2[2-9]|[3-9][0-9])' && echo "$j"; done | tail -1)
fi
[ -n "$JAVA" ] || { echo "fuzz.sh: needs a JDK >= 22 (set JAVA_HOME)" >&2; exit 2; }
declare -A METHOD=([DecompressFuzzTest]=decompress [HeaderParserFuzzTest]=parse [SqeResultFuzzTest]=results [ProviderFuzzTest]=provider)
mkdir -p $M/target/fuzz-findings
status=0
for t in "${TARGETS[@]}"; do
  seeds=$M/src/test/resources/io/uacce/reliability/fuzz/${t}Inputs/${METHOD[$t]}
  work=$M/target/fuzz-corpus/$t
  mkdir -p "$work" "$seeds"
  echo "=== fuzz $t for ${SECONDS_PER_TARGET}s (seeds: $(ls "$seeds" | wc -l), corpus: $(ls "$work" | wc -l))"
  # JDK classes (class file 69 on JDK 25) are newer than Jazzer's bundled ASM reads: the sanitizer
  # hooks into them (regex, ProcessBuilder; unused by our targets) are switched off.
  if "$JAVA" -XX:+EnableDynamicAgentLoading --enable-native-access=ALL-UNNAMED -Xmx2g -cp "$CP" \
      com.code_intelligence.jazzer.Jazzer --target_class=io.uacce.reliability.fuzz.$t \
      --instrumentation_includes='io.uacce.**' --disabled_hooks=com.code_intelligence.jazzer.sanitizers.RegexRoadblocks:com.code_intelligence.jazzer.sanitizers.RegexInjection:com.code_intelligence.jazzer.sanitizers.OsCommandInjection \
      -max_total_time="$SECONDS_PER_TARGET" -timeout=60 -rss_limit_mb=6144 -max_len=16384 \
      -artifact_prefix=$M/target/fuzz-findings/ "$work" "$seeds" >"$M/target/fuzz-$t.log" 2>&1; then
    grep -E '^(#[0-9]+ +DONE|Done [0-9]+ runs)' "$M/target/fuzz-$t.log" | tail -1
  else
    status=1
    echo "!!! $t found a failure (log: $M/target/fuzz-$t.log):"
    grep -A12 '^== Java Exception' "$M/target/fuzz-$t.log" | head -30 || tail -30 "$M/target/fuzz-$t.log"
  fi
done
exit $status
