#!/bin/sh
# Rebuilds the test programs next to this script from their C sources (wasm32-wasi, clang-14,
# Debian's wasi-libc: apt-get install clang-14 lld-14 wasi-libc). The .wasm files are committed,
# so the build does not need clang.
set -eu
cd "$(dirname "$0")"
for src in *.c; do
  clang-14 --target=wasm32-wasi --sysroot=/usr -O2 -Wl,--strip-debug -o "${src%.c}.wasm" "$src"
done
