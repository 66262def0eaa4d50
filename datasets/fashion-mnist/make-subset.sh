#!/usr/bin/env bash
# Regenerates the bundled Fashion-MNIST subset in this folder from Debian's package dataset-fashion-mnist:
# the first 6,000 training images and labels and the first 1,000 test images and labels, as gzipped IDX files.
# Usage: bash make-subset.sh [TRAIN_COUNT] [TEST_COUNT]     (needs: apt-get install dataset-fashion-mnist)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src=/usr/share/datasets/fashion-mnist
train_count="${1:-6000}"
test_count="${2:-1000}"
if [ ! -d "$src" ]; then
  echo "make-subset: $src not found; install it first: apt-get install dataset-fashion-mnist" >&2
  exit 2
fi

# Prints a number as 4 big-endian bytes, the way IDX stores every header integer.
be32() {
  local v=$1 i
  for i in 24 16 8 0; do printf "\\$(printf '%03o' $(( (v >> i) & 255 )))"; done
}

# subset IN OUT COUNT HEADER_BYTES ITEM_BYTES MAGIC [DIM...]: writes a new IDX header declaring COUNT items
# (and the given extra dimensions), then the first COUNT items of IN, gzipped without a name or timestamp.
subset() {
  local in=$1 out=$2 count=$3 header=$4 item=$5 magic=$6
  shift 6
  {
    be32 "$magic"
    be32 "$count"
    local d
    for d in "$@"; do be32 "$d"; done
    # head stops reading early, so gunzip ends on SIGPIPE: that is expected here (the size is checked below).
    (set +o pipefail; gzip -dc "$in" | tail -c +"$((header + 1))" | head -c "$((count * item))")
  } | gzip -9 -n > "$out.tmp"
  local want=$(( header + count * item )) got
  got=$(gzip -dc "$out.tmp" | wc -c)
  if [ "$got" -ne "$want" ]; then
    echo "make-subset: $out would have $got bytes, expected $want ($in holds fewer than $count items?)" >&2
    rm -f "$out.tmp"
    exit 1
  fi
  mv "$out.tmp" "$out"
  echo "wrote $out ($count items, $(stat -c %s "$out") bytes)"
}

subset "$src/train-images-idx3-ubyte.gz" "$here/train-images-idx3-ubyte.gz" "$train_count" 16 784 $((0x803)) 28 28
subset "$src/train-labels-idx1-ubyte.gz" "$here/train-labels-idx1-ubyte.gz" "$train_count" 8 1 $((0x801))
subset "$src/t10k-images-idx3-ubyte.gz" "$here/t10k-images-idx3-ubyte.gz" "$test_count" 16 784 $((0x803)) 28 28
subset "$src/t10k-labels-idx1-ubyte.gz" "$here/t10k-labels-idx1-ubyte.gz" "$test_count" 8 1 $((0x801))
