#!/usr/bin/env bash
# Builds and runs the whole test suite.
#   scripts/test.sh                  the normal build, in build/
#   AFTALE_SANITIZE=1 scripts/test.sh   under AddressSanitizer + UBSan, in build-asan/
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build
if [[ "${AFTALE_SANITIZE:-0}" == 1 ]]; then
  dir=build-asan
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
fi
bash scripts/build.sh "$dir"
ctest --test-dir "$dir" --output-on-failure -j 2 --timeout 900
