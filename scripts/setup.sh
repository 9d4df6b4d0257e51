#!/usr/bin/env bash
# Installs what aftale needs to build, test and benchmark, from Debian 12's
# packages only. Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libpoppler-private-dev libpoppler-dev poppler-utils
  libicu-dev libre2-dev libpugixml-dev nlohmann-json3-dev libvalijson-dev
  libxml2-dev libxml2-utils libhunspell-dev hunspell-da libcli11-dev
  libsqlite3-dev libstemmer-dev
  libgtest-dev libgmock-dev libbenchmark-dev qpdf zlib1g-dev
  clang libclang-rt-14-dev
  python3 python3-reportlab fonts-dejavu-core
  chromium
)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(python3 python3-fitz python3-pdfminer time valgrind)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "setup: installing ${missing[*]}" >&2
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
