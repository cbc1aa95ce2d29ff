#!/usr/bin/env bash
# Reruns the README's ring and compression JMH figures (QmRingBenchmark, CompressBenchmark with
# java.util.zip in the same run) against the in-process model, and prints the machine load before
# and after, so each figure can say whether the model's device thread had a core of its own.
#
#   it-tests/request-figures.sh            full run (the README's settings; ~25 min)
#   it-tests/request-figures.sh --short    smoke run: -wi 1 -i 2, 1 s iterations, 64 KiB, one queue
#   it-tests/request-figures.sh [--short] -- <more JMH options>
#
# Builds it-tests/target/benchmarks.jar first when it is missing (-Pbench). Results (JMH text and
# JSON) go to it-tests/target/request-figures/. A JDK >= 22 is found as ./mvnw finds one.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
short=0
if [ "${1:-}" = --short ]; then short=1; shift; fi
[ "${1:-}" = -- ] && shift
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
  . "$root/.mvn/find-jdk.sh"
fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jar=$here/target/benchmarks.jar
if [ ! -r "$jar" ]; then
  (cd "$root" && ./mvnw -B -q -Pbench -pl it-tests -am package -DskipTests)
fi
out=$here/target/request-figures
mkdir -p "$out"
cpus=$(nproc)
load() {
  # the 1-minute load average and the processes running now (the model's device thread needs a core)
  printf '%s: load average %s on %s CPUs; running now: %s\n' "$1" "$(cut -d' ' -f1-3 /proc/loadavg)" "$cpus" \
    "$(awk '/^procs_running/ {print $2}' /proc/stat)"
}
jvm=()
if [ "$short" = 1 ]; then
  # a smoke run of the script may share the machine with another JMH run (whose lock it ignores);
  # a full run keeps JMH's lock: two benchmarks at once make both figures meaningless
  jvm=(-Djmh.ignoreLock=true)
  ring=(-wi 1 -i 2 -w 1 -r 1)
  comp=(-wi 1 -i 2 -w 1 -r 1 -p block=65536 -p queues=1)
else
  ring=()                                   # the benchmark's own settings (3 × 2 s warm-up, 5 × 2 s)
  comp=(-wi 2 -w 1 -i 3 -r 2)               # as in the README
fi
{
  echo "request figures, $(date -u '+%Y-%m-%d %H:%M UTC'), $("$java" -version 2>&1 | head -n 1), $(uname -m)"
  load before
} | tee "$out/load.txt"
"$java" "${jvm[@]}" -jar "$jar" QmRingBenchmark -prof gc "${ring[@]}" -rf json -rff "$out/ring.json" "$@" | tee "$out/ring.txt"
load "after the ring run" | tee -a "$out/load.txt"
"$java" "${jvm[@]}" -jar "$jar" CompressBenchmark -prof gc "${comp[@]}" -rf json -rff "$out/compress.json" "$@" | tee "$out/compress.txt"
load after | tee -a "$out/load.txt"
echo
echo "summary (${out#"$root"/}):"
cat "$out/load.txt"
grep -hE '^(QmRingBenchmark|CompressBenchmark)\.[A-Za-z0-9]+ ' "$out/ring.txt" "$out/compress.txt" || true
echo "a load average at or above $((cpus - 1)) means the model's device thread did not have a core of its own"
