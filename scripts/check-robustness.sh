#!/bin/sh
# CI stage after scripts/test.sh: the whole test suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer (LeakSanitizer included) in
# a clang build (build-fuzz/, where the stub links dynamically), then every
# libFuzzer target for SECONDS each (default 60), seeded with the models and
# apps that test run saved. Fails on a test failure, a sanitizer report, a
# leak or a fuzzer crash. Prints the time of each step.
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
SECONDS_PER_TARGET=${1:-60}
B="$ROOT/build-fuzz"
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(dirname "$ROOT")}"
"$ROOT/scripts/install-deps.sh"

step() { printf '%s: %s\n' "$(date +%T)" "$*"; }
t0=$(date +%s)
step "configure and build (clang, ASan + UBSan, fuzz targets)"
CC=clang CXX=clang++ cmake -S "$ROOT" -B "$B" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTFB_FUZZ=ON \
  -DTFB_SANITIZE=ON >/dev/null
cmake --build "$B" -j2 >"$B/build.log" 2>&1 || { tail -50 "$B/build.log"; exit 1; }
t1=$(date +%s)

step "test suite under the sanitizers"
# allocator_may_return_null: a failed huge allocation is tested to be an
# error (std::bad_alloc), which the default ASan setting would abort on.
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1:abort_on_error=1:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export TFB_FUZZ_SEEDS="$B/seeds"
[ -x "$ROOT/build/tflite-ref/tflite-ref" ] && export TFB_TFLITE_REF="$ROOT/build/tflite-ref/tflite-ref"
rm -rf "$B/seeds"
(cd "$B" && ctest --output-on-failure -j2 --timeout 1800)
t2=$(date +%s)

step "fuzzing, $SECONDS_PER_TARGET s per target"
unset TFB_FUZZ_SEEDS
"$ROOT/scripts/fuzz.sh" "$SECONDS_PER_TARGET"
t3=$(date +%s)
step "done: build $((t1 - t0)) s, sanitizer tests $((t2 - t1)) s, fuzzing $((t3 - t2)) s"
