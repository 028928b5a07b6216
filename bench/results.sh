#!/bin/sh
# Writes bench/RESULTS.md: every figure of the speed issue, measured in one
# run on this machine. Run it on a quiet machine after scripts/build.sh and
# scripts/setup-tflite-ref.sh:
#   bench/results.sh [-q]      (-q: fewer rounds, for a quick look)
# Sections: inference latency vs tflite-ref and the native bar (models.sh),
# speed per ISA level, float GEMM throughput vs the machine's peak, startup
# vs the bare-stub floor, peak RSS, bundle time, app and stub size, and a
# 100 MB model bundled and started.
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
SHARED="${TFB_SHARED_DIR:-$ROOT/../shared}"
B="$ROOT/build"
BUNDLE="$B/bundler/bundle" TFLRUN="$B/tests/tflrun" LAYERS="$B/tests/layer_bench"
EXEC_STATS="$B/bench/exec_stats" BARE="$B/bench/bare_stub"
ROUNDS=5 RUNS=30 EXECS=20
[ "${1:-}" = "-q" ] && ROUNDS=2 RUNS=10 EXECS=5
for tool in "$BUNDLE" "$TFLRUN" "$LAYERS" "$EXEC_STATS" "$BARE" "$B/bench/make_big_model" "$B/tflite-ref/tflite-ref"; do
  [ -x "$tool" ] || { echo "results.sh: $tool is missing: run scripts/build.sh and scripts/setup-tflite-ref.sh" >&2; exit 2; }
done
[ -f "$SHARED/models/manifest.json" ] || { echo "results.sh: $SHARED/models is absent" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
OUT="$WORK/RESULTS.md"
# The core tier of the manifest, in its order.
CORE=$(tr -d '\n ' < "$SHARED/models/manifest.json" | grep -o '"name":"[^"]*"[^{}]*"tier":"core"' |
  sed 's/"name":"\([^"]*\)".*/\1/')
WITH_BAR="mobilenet_v1_025_224_float mobilenet_v1_025_224_uint8 mobilenet_v2_224_uint8 tf2_mobilenet_v2_224_int8
  deeplabv3_257_float ssd_mobilenet_v1_coco_uint8 face_landmark_float movenet_lightning_int8"
model_of() { echo "$SHARED/$(sed -n 's/.*"model_file": "\(.*\)".*/\1/p' "$SHARED/golden/$1/meta.json")"; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
mib() { awk -v b="$1" 'BEGIN { printf "%.2f", b / 1048576 }'; }
progress() { echo "results.sh: $*" >&2; }

{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/results.sh\` on $(date -u +%Y-%m-%d), commit $(git -C "$ROOT" rev-parse --short HEAD)."
  "$BUNDLE" --model "$SHARED/models/hello_world_float.tflite" -o "$WORK/hello" > /dev/null
  echo "Machine: $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1), $(nproc) cores, ISA level used:" \
    "$("$WORK/hello" --input "$SHARED/golden/hello_world_float/input_0.npy" --benchmark --runs 1 | sed -n 's/.*ISA: //p')."
  echo "The machine is shared and noisy: read the ratios (taken within each round), not lone times."
  echo
} > "$OUT"

progress "inference latency ($ROUNDS rounds x $RUNS invokes)"
{
  echo "## Inference latency vs TFLite"
  echo
  echo "Median latency of our interpreter and of tflite-ref (the real TFLite, WebAssembly build) on the golden"
  echo "inputs, interleaved in $ROUNDS rounds of $RUNS invokes. **bar** = native TFLite + XNNPACK on this machine"
  echo "type, scaled from tflite-ref's time in this run (\`../shared/docs/native-tflite.md\`); ours / bar <= 1"
  echo "means at native speed or faster. Models without a native measurement are compared with tflite-ref only."
  echo
  # shellcheck disable=SC2086
  "$ROOT/bench/models.sh" -r "$ROUNDS" -n "$RUNS" $WITH_BAR | sed 1,2d
  others=""
  for m in $CORE; do case " $(echo $WITH_BAR) " in *" $m "*) ;; *) others="$others $m" ;; esac; done
  # shellcheck disable=SC2086
  "$ROOT/bench/models.sh" -r "$ROUNDS" -n "$RUNS" $others | sed 1,4d
  echo
} >> "$OUT"

progress "speed per ISA level"
{
  echo "## Speed per ISA level (1 thread)"
  echo
  echo "The same interpreter with \`TFB_ISA\` forcing each level this CPU has; median of $RUNS invokes, ms."
  echo "Every level gives the same answers (\`tests/isa\`, and the golden tests run at each level)."
  echo
  levels="baseline avx2 avx512 avx512vnni"
  printf '| model |'; for l in $levels; do printf ' %s |' "$l"; done; echo
  printf '|---|'; for _ in $levels; do printf -- '---:|'; done; echo
  for m in mobilenet_v1_025_224_float mobilenet_v1_025_224_uint8 tf2_mobilenet_v2_224_int8 deeplabv3_257_float; do
    printf '| %s |' "$m"
    for l in $levels; do
      t=$(TFB_ISA=$l "$TFLRUN" "$(model_of "$m")" "$SHARED/golden/$m"/input_*.npy --threads 1 --repeat "$RUNS" |
        sed -n 's/^median of [0-9]*: \([0-9.]*\) ms.*/\1/p')
      printf ' %s |' "$t"
    done
    echo
  done
  echo
} >> "$OUT"

progress "GEMM throughput"
{
  echo "## Float convolutions vs the machine's peak (1 thread)"
  echo
  peak=$("$B/bench/f32_gemm_bench" --benchmark_filter='f32_peak/zmm' --benchmark_min_time=0.5 2>/dev/null |
    sed -n 's/.*GFLOP\/s=\([0-9.]*\)G.*/\1/p')
  echo "Every CONV_2D and FULLY_CONNECTED layer of each float model timed alone (\`tests/tools/layer_bench\`),"
  echo "summed. Peaks: Eigen's float GEMM reaches 99 GFLOP/s per core here (AVX-512, from the issue); the raw"
  echo "AVX-512 FMA throughput measured now (\`bench/f32_gemm_bench\` f32_peak) is ${peak:-?} GFLOP/s."
  echo
  echo "| model | conv + FC layers, ms | GFLOP/s | % of Eigen's 99 | % of FMA peak |"
  echo "|---|---:|---:|---:|---:|"
  for m in mobilenet_v1_025_224_float deeplabv3_257_float face_landmark_float cifar10_resnet_float; do
    "$LAYERS" "$(model_of "$m")" --threads 1 --repeat "$RUNS" |
      awk -v m="$m" -v peak="${peak:-0}" '/ (CONV_2D|FULLY_CONNECTED) / && / f32 / {
          ms = $(NF - 3); rate = $(NF - 1); t += ms; mac += ms * rate * 1e6 }
        END { g = 2 * mac / (t * 1e6); printf "| %s | %.3f | %.1f | %.0f%% | %s |\n", m, t, g, 100 * g / 99,
          (peak > 0 ? sprintf("%.0f%%", 100 * g / peak) : "-") }'
  done
  echo
} >> "$OUT"

progress "startup, memory, bundle time and sizes"
{
  echo "## Startup, memory, bundling and size"
  echo
  echo "Per core model, bundled with default settings (zstd). **bundle**: median wall time of \`bundle\`"
  echo "(parse, check, self-test inference, compress, write). **exec to output**: median wall time of the app"
  echo "run on the golden input, from exec to its output file (\`--output-dir\`, written atomically). **startup**:"
  echo "median wall time of a quiet run (\`-q\`, no output file) minus the app's own first inference"
  echo "(\`--benchmark\`): exec to ready, plus exit. **floor**: a bare static C stub (\`bench/bare_stub.c\`)"
  echo "that maps the same app, hashes the model entry with XXH3 and decompresses it: the least any stub must do."
  echo "**RSS**: the app's peak resident memory; **budget** = model + activation arena + 10 MiB (the target)."
  echo
  echo "| model | model MiB | bundle ms | app MiB | exec to output ms | first inference ms | startup ms | floor ms | startup / floor | RSS MiB | budget MiB |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for m in $CORE; do
    [ -f "$SHARED/golden/$m/meta.json" ] || continue
    model=$(model_of "$m") app="$WORK/app_$m"
    bundle_ms=$("$EXEC_STATS" -n 3 -w 0 -- "$BUNDLE" --model "$model" -o "$app" --force | field wall_ms)
    set --
    for f in "$SHARED/golden/$m"/input_*.npy; do set -- "$@" --input "$f"; done
    stats=$("$EXEC_STATS" -n "$EXECS" -- "$app" "$@" --output-dir "$WORK/out" --threads 1)
    quiet_ms=$("$EXEC_STATS" -n "$EXECS" -- "$app" "$@" -q --threads 1 | field wall_ms)
    first_us=$("$app" "$@" --benchmark --runs 1 --threads 1 | sed -n 's/.*First inference: \([0-9]*\),.*/\1/p')
    # Model entry: payload offset + entry offset, stored and original sizes.
    entry=$("$BUNDLE" inspect "$app" | awk '/^payload:/ { for (i = 1; i <= NF; i++) if ($i == "offset") base = $(i + 1) }
      $1 == "model.tflite" { print base + $4, $5, ($3 == "zstd" ? $6 : "") }')
    # shellcheck disable=SC2086
    floor=$("$EXEC_STATS" -n "$EXECS" -- "$BARE" "$app" $entry | field wall_ms)
    memory=$("$app" --info --json | sed -n 's/.*"memory_bytes": \([0-9]*\).*/\1/p')
    awk -v m="$m" -v size="$(stat -c %s "$model")" -v b="$bundle_ms" -v app="$(stat -c %s "$app")" \
      -v wall="$(echo "$stats" | field wall_ms)" -v first="$first_us" -v quiet="$quiet_ms" -v floor="$floor" \
      -v rss="$(echo "$stats" | field max_rss_kib)" -v mem="$memory" 'BEGIN {
        s = quiet - first / 1000; M = 1048576
        printf "| %s | %.2f | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f |\n", m, size / M, b,
          app / M, wall, first / 1000, s, floor, s / floor, rss / 1024, (size + mem) / M + 10 }'
  done
  echo
  echo "Stub: $(mib "$(stat -c %s "$B/runtime-stub/tflstub")") MiB (static, stripped); \`bundle\`:" \
    "$(mib "$(stat -c %s "$BUNDLE")") MiB (stub included)."
  echo
} >> "$OUT"

progress "100 MB model"
{
  echo "## A 100 MB model"
  echo
  echo "A float model of six 2048x2048 FULLY_CONNECTED layers with random weights (\`bench/make_big_model\`),"
  echo "bundled compressed (default) and stored (\`--store\`: uncompressed, page-aligned, mapped in place)."
  echo "**start and answer**: median wall time of \`APP --self-test\` (exec, checks, load, one inference)."
  echo
  echo "| mode | model MiB | bundle ms | app MiB | start and answer ms | RSS MiB |"
  echo "|---|---:|---:|---:|---:|---:|"
  "$B/bench/make_big_model" 100 "$WORK/big.tflite"
  for mode in compressed stored; do
    flag=""; [ $mode = stored ] && flag=--store
    b=$("$EXEC_STATS" -n 3 -w 0 -- "$BUNDLE" --model "$WORK/big.tflite" -o "$WORK/big_$mode" --force $flag | field wall_ms)
    stats=$("$EXEC_STATS" -n 5 -- "$WORK/big_$mode" --self-test --threads 1)
    awk -v mode="$mode" -v size="$(stat -c %s "$WORK/big.tflite")" -v b="$b" -v app="$(stat -c %s "$WORK/big_$mode")" \
      -v wall="$(echo "$stats" | field wall_ms)" -v rss="$(echo "$stats" | field max_rss_kib)" 'BEGIN {
        M = 1048576; printf "| %s | %.1f | %.0f | %.1f | %.1f | %.1f |\n", mode, size / M, b, app / M, wall, rss / 1024 }'
  done
  echo
} >> "$OUT"

mv "$OUT" "$ROOT/bench/RESULTS.md"
progress "wrote bench/RESULTS.md"
