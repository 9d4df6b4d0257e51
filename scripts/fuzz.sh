#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS (default 60) from fuzz/seeds/, under
# ASan + UBSan + LeakSanitizer. Fails on any crash, leak, sanitizer report or
# broken invariant; the input that did it is left in build-asan/fuzz-crashes/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
AFTALE_SANITIZE=1 bash scripts/build.sh build-asan
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
mkdir -p build-asan/fuzz-crashes
for target in fuzz_pipeline fuzz_rules fuzz_danish; do
  seeds="fuzz/seeds/${target#fuzz_}"
  work="build-asan/fuzz-corpus/${target#fuzz_}"
  mkdir -p "$work"
  echo "fuzz: $target for ${seconds}s" >&2
  build-asan/$target "$work" "$seeds" -max_total_time="$seconds" -timeout=30 \
    -rss_limit_mb=2048 -max_len=200000 -print_final_stats=1 \
    -artifact_prefix=build-asan/fuzz-crashes/ 2>build-asan/$target.log || {
      tail -60 build-asan/$target.log >&2
      echo "fuzz: $target FAILED (input in build-asan/fuzz-crashes/)" >&2
      exit 1
    }
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" build-asan/$target.log >&2 || true
done
echo "fuzz: no crash, leak or sanitizer report" >&2
