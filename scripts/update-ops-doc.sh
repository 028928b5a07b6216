#!/bin/sh
# Regenerates docs/OPS.md from the kernel registry (builds `bundle` first).
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cmake --build "$ROOT/build" --target bundle >/dev/null
"$ROOT/build/bundler/bundle" --list-ops --markdown > "$ROOT/docs/OPS.md"
echo "wrote docs/OPS.md"
