#!/bin/sh
# Installs ../shared/tools/tflite-ref (the real TensorFlow Lite, as WebAssembly)
# into build/tflite-ref for the tests that compare against it. ../shared stays
# read-only; without node/npm or ../shared this does nothing and those tests skip.
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
SRC="$ROOT/../shared/tools/tflite-ref"
DST="${1:-$ROOT/build}/tflite-ref"
if [ ! -d "$SRC" ]; then echo "setup-tflite-ref: $SRC absent; skipping"; exit 0; fi
if ! command -v npm >/dev/null; then echo "setup-tflite-ref: npm absent; skipping"; exit 0; fi
if [ -d "$DST/node_modules/@tensorflow/tfjs-tflite" ]; then exit 0; fi
rm -rf "$DST" && mkdir -p "$DST"
cp -r "$SRC/." "$DST/"
chmod -R u+w "$DST"
(cd "$DST" && npm ci --no-audit --no-fund --loglevel=error) || { echo "setup-tflite-ref: npm ci failed; tests against it will skip"; rm -rf "$DST/node_modules"; }
