#!/bin/sh
# Installs the build and test dependencies from Debian packages (clang and
# its sanitizer/libFuzzer runtimes for scripts/check-robustness.sh;
# util-linux for setpriv, with which tests drop root privileges).
set -eu
PACKAGES="build-essential cmake ninja-build ccache pkg-config git file binutils
  libflatbuffers-dev flatbuffers-compiler libeigen3-dev libzstd-dev libarchive-dev
  libcli11-dev libstb-dev libxxhash-dev nlohmann-json3-dev libtomlplusplus-dev
  libgtest-dev libbenchmark-dev
  clang libclang-rt-dev util-linux"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# node + npm run the reference TFLite in tests; keep an existing install.
command -v npm >/dev/null || missing="$missing nodejs npm"
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing:$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
