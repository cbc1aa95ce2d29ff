#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0 OR Apache-2.0
# Runs the engine core's libFuzzer target (ASan + UBSan) for SECONDS (default 60) from the
# checked-in seed corpus (fuzz/corpus) plus a working corpus in build-fuzz/corpus.
#   native-stubs/engine/fuzz/run.sh 60          # CI's bounded run
#   native-stubs/engine/fuzz/run.sh 14400 -jobs=2 -workers=2   # hours, extra libFuzzer flags
# A finding exits non-zero and leaves crash-*/leak-*/timeout-* in build-fuzz/findings/: add it to
# fuzz/regressions/ (replayed by `make fuzz-regress`, part of the bounded run) and fix the bug.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-60}
shift || true
make -s fuzz
mkdir -p build-fuzz/corpus build-fuzz/findings
# Replay the regressions first (each file once), then fuzz.
if compgen -G "fuzz/regressions/*" >/dev/null; then
  build-fuzz/ze_fuzz -runs=0 fuzz/regressions/* 2>&1 | tail -2
fi
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 \
  build-fuzz/ze_fuzz -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
  -print_final_stats=1 -artifact_prefix=build-fuzz/findings/ "$@" build-fuzz/corpus fuzz/corpus 2>&1 \
  | grep -vE '^#[0-9]+\s+(NEW|REDUCE|pulse)' | tail -25
