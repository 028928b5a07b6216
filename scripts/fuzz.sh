#!/bin/sh
# Builds the libFuzzer targets with clang + ASan + UBSan (build-fuzz/, or
# $TFB_FUZZ_BUILD) and runs each for SECONDS (default 60; a second argument
# picks one target), seeded from tests/fuzz/seeds, the regression inputs,
# ../shared and the inputs a test run saved in $B/seeds (ctest with
# TFB_FUZZ_SEEDS=$B/seeds, as scripts/check-robustness.sh does). The corpus
# in $B/corpus grows from run to run. Prints runs and coverage per target;
# exits non-zero on a crash, whose input libFuzzer leaves in $B/crashes/
# (fix it, then keep the input in tests/fuzz/regressions/<target>/).
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
SECONDS_PER_TARGET=${1:-60}
B="${TFB_FUZZ_BUILD:-$ROOT/build-fuzz}"
SHARED="$ROOT/../shared"
CC=clang CXX=clang++ cmake -S "$ROOT" -B "$B" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTFB_FUZZ=ON -DTFB_SANITIZE=ON >/dev/null
TARGETS=${2:-$(sed -n 's/^set(TFB_FUZZ_TARGETS \(.*\))$/\1/p' "$ROOT/tests/fuzz/CMakeLists.txt")}
for t in $TARGETS; do cmake --build "$B" --target "fuzz_$t" >/dev/null; done

seed() {  # seed TARGET: fills $B/corpus/TARGET
  dir="$B/corpus/$1"
  mkdir -p "$dir"
  for from in "$ROOT/tests/fuzz/regressions/$1" "$ROOT/tests/fuzz/seeds/$1" "$B/seeds/$1"; do
    [ -d "$from" ] && cp "$from"/* "$dir/" 2>/dev/null || true
  done
  [ -d "$SHARED" ] || return 0
  case $1 in
    npy) i=0; for f in $(find "$SHARED/golden" -name '*.npy' -size -64k | sort | head -40); do
           i=$((i + 1)); cp "$f" "$dir/seed_$i.npy"; done ;;
    image) cp "$SHARED"/models/inputs/mnist_*.png "$SHARED"/models/inputs/mnist_nine.bmp "$dir/" ;;
    wav) cp "$SHARED"/models/inputs/*_30ms.wav "$dir/" ;;
    model) find "$SHARED/models" -name '*.tflite' -size -64k | xargs -r cp -t "$dir" ;;
    *) ;;
  esac
}

# The report and a small crashing input, base64, so a CI log alone is
# enough to reproduce the crash.
report_crash() {  # report_crash TARGET LOG
  grep -m1 -A30 -E 'runtime error|ERROR: (Address|Leak)Sanitizer|ERROR: libFuzzer' "$2" | grep -v '^ *$' | head -30
  for f in "$B/crashes/$1"-*; do
    [ -f "$f" ] && [ "$(stat -c %s "$f")" -le 16384 ] || continue
    echo "crashing input $(basename "$f"), base64:"; base64 -w 0 "$f"; echo
  done
}

fuzz_one() {  # fuzz_one TARGET: runs it, leaves its table row in $B/fuzz_TARGET.row
  seed "$1"
  log="$B/fuzz_$1.log"
  if "$B/tests/fuzz/fuzz_$1" -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 -timeout=10 \
       -artifact_prefix="$B/crashes/$1-" "$B/corpus/$1" >"$log" 2>&1; then crashes=0; else crashes=1; fi
  runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  printf '| %s | %s | %s | %s | %s |\n' "$1" "${runs:-?}" "${cov:-?}" "${ft:-?}" "$crashes" >"$B/fuzz_$1.row"
}

# Two targets at a time: the machines have two cores.
status=0
mkdir -p "$B/crashes"
printf '| target | runs | coverage (edges) | features | crashes |\n|---|---:|---:|---:|---:|\n'
set -- $TARGETS
while [ $# -gt 0 ]; do
  pair="$1"; shift
  if [ $# -gt 0 ]; then pair="$pair $1"; shift; fi
  for t in $pair; do rm -f "$B/fuzz_$t.row"; fuzz_one "$t" & done
  wait
  for t in $pair; do
    row=$(cat "$B/fuzz_$t.row" 2>/dev/null || echo "| $t | ? | ? | ? | did not run |"); echo "$row"
    case $row in *"| 0 |") ;; *) status=1; report_crash "$t" "$B/fuzz_$t.log" >&2 ;; esac
  done
done
exit $status
