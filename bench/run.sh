#!/bin/sh
# Prints, as a markdown table, for each model: bundle time, app size, stub
# size, startup-to-first-output time (wall time of whole app runs on the
# golden inputs: exec, payload checks, model load, inference, output files;
# the median from hyperfine when installed, else the mean of a shell loop)
# and inference latency (median of in-process runs, `APP --benchmark N`).
#   bench/run.sh [-n RUNS] [MODEL_NAME ...]   (names as in ../shared/golden)
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
SHARED="${TFB_SHARED_DIR:-$ROOT/../shared}"
BUNDLE="$ROOT/build/bundler/bundle"
STUB="$ROOT/build/runtime-stub/tflstub"
RUNS=20
if [ "${1:-}" = "-n" ]; then RUNS=$2; shift 2; fi
[ $# -gt 0 ] || set -- hello_world_float hello_world_int8 micro_speech_int8 mobilenet_v1_025_224_float \
  mobilenet_v2_224_uint8 ssd_mobilenet_v1_coco_uint8 deeplabv3_257_float
[ -x "$BUNDLE" ] || { echo "bench: build first (scripts/build.sh)" >&2; exit 2; }
[ -d "$SHARED/golden" ] || { echo "bench: $SHARED/golden is absent" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
now_ns() { date +%s%N; }
ms() { echo "$1" | awk '{ printf "%.2f", $1 / 1e6 }'; }
kib() { awk -v b="$1" 'BEGIN { printf "%.0f KiB", b / 1024 }'; }

echo "stub: $(kib "$(stat -c %s "$STUB")"), $RUNS runs per timing, $(nproc) cores"
echo
echo "| model | model size | bundle time | app size | startup to first output | inference (median) |"
echo "|---|---:|---:|---:|---:|---:|"
skipped=""
for name in "$@"; do
  dir="$SHARED/golden/$name"
  if [ ! -f "$dir/meta.json" ]; then skipped="$skipped\n- $name: no golden data"; continue; fi
  model="$SHARED/$(sed -n 's/.*"model_file": "\(.*\)".*/\1/p' "$dir/meta.json")"
  t0=$(now_ns)
  if ! "$BUNDLE" --model "$model" -o "$WORK/$name" --force > "$WORK/log" 2>&1; then
    skipped="$skipped\n- $name: $(head -1 "$WORK/log" | cut -c1-120)"
    continue
  fi
  bundle_ns=$(($(now_ns) - t0))
  set --
  for f in "$dir"/input_*.npy; do set -- "$@" --input "$f"; done
  if command -v hyperfine > /dev/null; then
    cmd="$WORK/$name $* --output-dir $WORK/out"
    hyperfine -N -w 3 -r "$RUNS" --export-json "$WORK/h.json" "$cmd" > /dev/null 2>&1
    startup_ns=$(sed -n 's/.*"median": *\([0-9.e-]*\).*/\1/p' "$WORK/h.json" | head -1 | awk '{ printf "%d", $1 * 1e9 }')
  else
    t0=$(now_ns)
    for i in $(seq "$RUNS"); do "$WORK/$name" "$@" --output-dir "$WORK/out" > /dev/null; done
    startup_ns=$(( ($(now_ns) - t0) / RUNS ))
  fi
  latency=$("$WORK/$name" "$@" --output-dir "$WORK/out" --benchmark "$RUNS" | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p')
  echo "| $name | $(kib "$(stat -c %s "$model")") | $(ms "$bundle_ns") ms | $(kib "$(stat -c %s "$WORK/$name")") |" \
    "$(ms "$startup_ns") ms | $latency ms |"
done
[ -z "$skipped" ] || printf "\nnot bundled:%b\n" "$skipped"
