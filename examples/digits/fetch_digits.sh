#!/bin/sh
# Gets the 8x8 handwritten digits data set (1797 images, UCI, public domain
# test set) that Debian's python3-sklearn package ships, without installing
# the package: download the .deb, unpack it into a temp dir, keep one file.
# Usage: fetch_digits.sh OUT_DIR   -> OUT_DIR/digits.csv
set -eu
OUT=$1
[ -s "$OUT/digits.csv" ] && exit 0
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && apt-get download python3-sklearn >/dev/null 2>&1) || {
  echo "fetch_digits: 'apt-get download python3-sklearn' failed (no network or apt sources?)" >&2
  exit 1
}
dpkg -x "$TMP"/python3-sklearn_*.deb "$TMP/x"
gzip -dc "$TMP"/x/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz > "$OUT/digits.csv.tmp"
mv "$OUT/digits.csv.tmp" "$OUT/digits.csv"
echo "fetch_digits: $(wc -l < "$OUT/digits.csv") images -> $OUT/digits.csv"
