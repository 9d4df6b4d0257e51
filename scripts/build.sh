#!/usr/bin/env bash
# Configures and builds aftale into build/ (or the folder given as $1).
#   AFTALE_SANITIZE=1 scripts/build.sh build-asan   clang, ASan + UBSan, and the
#                                                  libFuzzer targets (fuzz/)
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-build}"
args=(-G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}")
if [[ "${AFTALE_SANITIZE:-0}" == 1 ]]; then
  args+=(-DAFTALE_SANITIZE=ON -DAFTALE_FUZZ=ON -DAFTALE_BENCH=OFF
         -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang)
fi
cmake -S . -B "$dir" "${args[@]}" >/dev/null
# Two cores, 24 GiB: two compile jobs keep the machine responsive.
cmake --build "$dir" -j "${JOBS:-2}"
