#!/bin/sh
# The README's demo, as a test: fetch the digits data (skips when apt cannot
# download), train, bundle with labels and stored arguments, classify the
# sample pictures, and score the held-out set through the bundled app.
set -eu
BUILD=$1
LINKAGE=${2:-static}  # sanitizer builds link the stub dynamically
D="$BUILD/test-tmp/demo"
mkdir -p "$D"
"$(dirname -- "$0")/../examples/digits/fetch_digits.sh" "$D" || exit 77
"$BUILD/examples/train_digits" train "$D/digits.csv" "$D"
"$BUILD/bundler/bundle" --model "$D/digits.tflite" --labels "$D/labels.txt" -o "$D/digits-app" --force -- --top-k 1
[ "$LINKAGE" != static ] || file "$D/digits-app" | grep -q 'statically linked'
# Every sample picture is named after its digit; the app must name it too.
for img in "$D"/images/*.pgm; do
  want=$(basename "$img" .pgm | sed 's/.*_is_//')
  got=$("$D/digits-app" --json "$img" | sed 's/.*"index":\([0-9]*\).*/\1/')
  [ "$want" = "$got" ] || { echo "$img: app says $got" >&2; exit 1; }
done
rm -rf "$D/out"
"$D/digits-app" --input "$D/test_inputs.npy" --output-dir "$D/out" --quiet
"$BUILD/examples/train_digits" score "$D/out/output_0.npy" "$D/test_labels.txt"
