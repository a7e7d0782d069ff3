#!/bin/sh
# Rebuilds greet.wasm (no libc, no WASI). Needs Debian's clang-14 and lld-14.
set -eu
cd "$(dirname "$0")"
clang-14 --target=wasm32 -O2 -nostdlib -Wl,--no-entry -o greet.wasm greet.c
