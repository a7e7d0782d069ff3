#!/bin/sh
# Rebuilds the test programs next to this script from their C sources: wasm32-wasi commands
# made with Debian's clang-14 and wasi-libc. The .wasm files are committed, so neither the
# build nor CI needs clang.
#   ./build.sh           installs the toolchain with apt-get if clang-14 is missing, then builds
#   ./build.sh --check   builds into a scratch directory and fails if a committed .wasm differs
# Each build also records the SHA-256 of every source and binary in guests.sha256: GuestSourcesTest
# (which needs no clang) fails when one no longer matches it, that is, when a .c file was
# changed without rebuilding its .wasm.
set -eu
cd "$(dirname "$0")"
check=false
if [ "${1:-}" = --check ]; then check=true; fi

if ! command -v clang-14 >/dev/null 2>&1 || [ ! -d /usr/lib/wasm32-wasi ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "build.sh: needs clang-14, lld-14, wasi-libc and libclang-rt-14-dev-wasm32 (Debian packages)" >&2
    exit 1
  fi
  apt-get update -qq
  apt-get install -y -qq clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32 >/dev/null
fi

out=.
if $check; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
for src in *.c; do
  # Debian's wasi-libc lives in /usr/include/wasm32-wasi and /usr/lib/wasm32-wasi.
  clang-14 --target=wasm32-wasi --sysroot=/usr -O2 -Wl,--strip-debug -o "$out/${src%.c}.wasm" "$src"
  chmod 644 "$out/${src%.c}.wasm" # data, not a host program
done

if $check; then
  stale=0
  for src in *.c; do
    if ! cmp -s "$out/${src%.c}.wasm" "${src%.c}.wasm"; then
      echo "build.sh: ${src%.c}.wasm is not what $src builds to: run ./build.sh" >&2
      stale=1
    fi
  done
  exit $stale
fi
sha256sum *.c *.wasm > guests.sha256
