#!/bin/sh
# README command 1: installs dependencies, builds, trains the demo's own digit
# classifier, bundles it into one static executable and runs that on held-out
# images, printing predictions and accuracy.
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
"$ROOT/scripts/install-deps.sh"
"$ROOT/scripts/build.sh"
B="$ROOT/build"
D="$B/demo"
mkdir -p "$D"
"$ROOT/examples/digits/fetch_digits.sh" "$D"
"$B/examples/train_digits" train "$D/digits.csv" "$D"
echo "== bundle"
"$B/bundler/bundle" --model "$D/digits.tflite" -o "$D/digits-app" --force
ls -l "$D/digits-app"
file "$D/digits-app" | sed 's/, BuildID[^,]*//'
echo "== run the app"
"$D/digits-app" --info
rm -rf "$D/out"
"$D/digits-app" --input "$D/test_inputs.npy" --output-dir "$D/out"
"$B/examples/train_digits" score "$D/out/output_0.npy" "$D/test_labels.txt"
