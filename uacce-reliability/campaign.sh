#!/usr/bin/env bash
# Load and fault campaigns on the in-process device model (docs/reliability.md).
#   uacce-reliability/campaign.sh load   [--threads 64] [--requests 100000] [--max-size 8388608] [--seed 1]
#   uacce-reliability/campaign.sh faults [same] [--timeout-ms 2000] [--retries 2] [--fault-interval-ms 300]
#   --phases N runs the requests N times over with the engine open and prints native memory after each phase.
# Defaults are the full size (64 threads x 10^5 requests, 0 B - 8 MiB). Exit 0 when every request
# was right (load) or right or a typed error (faults), none wrong, lost or hanging.
# CAMPAIGN_HEAP (default 6g) sets -Xmx; the figures are printed and written to
# uacce-reliability/target/campaign-<kind>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
M=uacce-reliability
kind=${1:?usage: campaign.sh load|faults [options]}
./mvnw -B -q -pl $M -am compile dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile=target/main.cp >/dev/null
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! "$JAVA" -version 2>&1 | grep -qE 'version "(2[2-9]|[3-9][0-9])'; then
  JAVA=$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | while read -r j; do
    "$j" -version 2>&1 | grep -qE 'version "(2[2-9]|[3-9][0-9])' && echo "$j"; done | tail -1)
fi
[ -n "$JAVA" ] || { echo "campaign.sh: needs a JDK >= 22 (set JAVA_HOME)" >&2; exit 2; }
exec "$JAVA" -Xmx"${CAMPAIGN_HEAP:-6g}" -XX:NativeMemoryTracking=summary --enable-native-access=ALL-UNNAMED \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Duacce.campaign.report=$M/target/campaign-"$kind".txt \
  -cp "$(cat $M/target/main.cp):$M/target/classes" io.uacce.reliability.campaign.Campaign "$@"
