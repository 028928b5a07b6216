#!/bin/sh
# Inference latency of the core models next to the real TFLite, measured in
# the same run: for each model and thread count, ROUNDS interleaved rounds of
# our interpreter (build/tests/tflrun) and tflite-ref (the WebAssembly TFLite
# in build/tflite-ref), each the median of RUNS invokes on the golden inputs.
# Times are medians over rounds; ratios are taken within each round, then
# the median over rounds. The machine is shared and noisy, so compare the
# ratios, not the times.
#
# "bar" is the native TFLite + XNNPACK time scaled to this run: tflite-ref's
# time here x (native / tflite-ref) from ../shared/docs/native-tflite.md and
# ../shared/tools/REFERENCE_RESULTS.md (same machine type). A model is at
# native speed when ours <= bar (ours/bar <= 1).
#   bench/models.sh [-r ROUNDS] [-n RUNS] [-t "1 2"] [MODEL ...]
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
SHARED="${TFB_SHARED_DIR:-$ROOT/../shared}"
TFLRUN="$ROOT/build/tests/tflrun"
REF="$ROOT/build/tflite-ref/tflite-ref"
ROUNDS=5
RUNS=50
THREADS="1 2"
while [ $# -gt 0 ]; do
  case "$1" in
    -r) ROUNDS=$2; shift 2 ;;
    -n) RUNS=$2; shift 2 ;;
    -t) THREADS=$2; shift 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || set -- mobilenet_v1_025_224_float mobilenet_v1_025_224_uint8 mobilenet_v2_224_uint8 \
  tf2_mobilenet_v2_224_int8 deeplabv3_257_float ssd_mobilenet_v1_coco_uint8 face_landmark_float movenet_lightning_int8
[ -x "$TFLRUN" ] || { echo "models.sh: build first (cmake --build build)" >&2; exit 2; }
[ -x "$REF" ] || { echo "models.sh: run scripts/setup-tflite-ref.sh first" >&2; exit 2; }

# model: native median ms at 1 and 2 threads (native-tflite.md), tflite-ref
# median ms at 1 and 2 threads (REFERENCE_RESULTS.md).
reference() {
  case "$1" in
    mobilenet_v1_025_224_float) echo 1.171 0.641 3.250 1.749 ;;
    mobilenet_v1_025_224_uint8) echo 1.552 0.962 2.509 1.373 ;;
    mobilenet_v2_224_uint8) echo 10.228 5.910 15.5 8.205 ;;
    tf2_mobilenet_v2_224_int8) echo 4.266 2.871 14.7 7.931 ;;
    deeplabv3_257_float) echo 17.895 9.378 52.2 27.6 ;;
    ssd_mobilenet_v1_coco_uint8) echo 22.342 12.965 32.5 17.3 ;;
    face_landmark_float) echo 1.565 0.903 3.411 2.023 ;;
    movenet_lightning_int8) echo 5.487 3.739 15.3 9.034 ;;
    *) echo - - - - ;;
  esac
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo "$ROUNDS interleaved rounds x $RUNS invokes, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| model | threads | ours ms | tflite-ref ms | ours / tflite-ref | bar ms | ours / bar | native ms (doc) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for name in "$@"; do
  dir="$SHARED/golden/$name"
  [ -f "$dir/meta.json" ] || { echo "| $name | no golden data |"; continue; }
  model="$SHARED/$(sed -n 's/.*"model_file": "\(.*\)".*/\1/p' "$dir/meta.json")"
  set -- $(reference "$name")
  native1=$1 native2=$2 wasm1=$3 wasm2=$4
  for t in $THREADS; do
    : > "$WORK/rounds"
    for _ in $(seq "$ROUNDS"); do
      ours=$("$TFLRUN" "$model" "$dir"/input_*.npy --threads "$t" --repeat "$RUNS" |
        sed -n 's/^median of [0-9]*: \([0-9.]*\) ms.*/\1/p')
      ref=$( (cd "$WORK" && "$REF" "$model" "$dir"/input_*.npy --threads "$t" --repeat "$RUNS" -o "$WORK/out" 2>&1) |
        sed -n 's/.* median \([0-9.]*\) ms.*/\1/p')
      echo "$ours $ref" >> "$WORK/rounds"
    done
    if [ "$t" = 1 ]; then native=$native1 wasm=$wasm1; else native=$native2 wasm=$wasm2; fi
    # Ratios are taken within each round (both sides saw the same load),
    # then the median over rounds.
    ours=$(awk '{ print $1 }' "$WORK/rounds" | median)
    ref=$(awk '{ print $2 }' "$WORK/rounds" | median)
    ratio=$(awk '{ print $1 / $2 }' "$WORK/rounds" | median)
    awk -v m="$name" -v t="$t" -v o="$ours" -v r="$ref" -v q="$ratio" -v n="$native" -v w="$wasm" 'BEGIN {
      if (n == "-" || t > 2) { printf "| %s | %s | %.4f | %.4f | %.2f | - | - | - |\n", m, t, o, r, q; exit }
      printf "| %s | %s | %.4f | %.4f | %.2f | %.3f | %.2f | %.3f |\n", m, t, o, r, q, r * n / w, q * w / n, n }'
  done
done
