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
"$B/bundler/bundle" --model "$D/digits.tflite" --labels "$D/labels.txt" -o "$D/digits-app" --force -- --top-k 1
file "$D/digits-app" | sed 's/, BuildID[^,]*//'
echo "== run the app on pictures of held-out digits"
"$D/digits-app" "$D"/images/*.pgm
echo "== and on all held-out digits at once, as one tensor"
rm -rf "$D/out"
"$D/digits-app" --input "$D/test_inputs.npy" --output-dir "$D/out" --quiet
"$B/examples/train_digits" score "$D/out/output_0.npy" "$D/test_labels.txt"
