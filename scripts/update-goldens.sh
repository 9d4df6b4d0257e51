#!/usr/bin/env bash
# Rewrites golden/<case>.json and .xml from corpus/<case>.pdf with the current
# build. `aftale extract` validates both renderings first and writes nothing
# that fails a schema, so an invalid golden cannot be written. Afterwards:
# review `git diff golden/` against ../shared/seeds and explain it in the
# commit message.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${AFTALE:-build/aftale}"
[[ -x "$bin" ]] || { echo "update-goldens: build first (scripts/build.sh)" >&2; exit 1; }
mkdir -p golden
status=0
for pdf in corpus/*.pdf; do
  name=$(basename "$pdf" .pdf)
  if ! "$bin" extract "$pdf" --format both -o "golden/$name"; then
    echo "update-goldens: $name NOT written" >&2
    status=1
  fi
done
for g in golden/*.json golden/*.xml; do
  [[ -e "$g" ]] || continue
  name=$(basename "${g%.*}")
  [[ -e "corpus/$name.pdf" ]] || echo "update-goldens: $g has no corpus/$name.pdf (remove it?)" >&2
done
git --no-pager diff --stat -- golden/ || true
exit $status
