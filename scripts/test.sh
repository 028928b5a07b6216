#!/bin/sh
# README command 2: installs dependencies, builds, runs every test.
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
"$ROOT/scripts/install-deps.sh"
"$ROOT/scripts/build.sh"
"$ROOT/scripts/setup-tflite-ref.sh"
cd "$ROOT/build" && ctest --output-on-failure -j2 --timeout 600
