#!/bin/sh
# Rebuilds hello.wasm. Needs Debian's clang-14, lld-14 and wasi-libc:
#   apt-get install -y clang-14 lld-14 wasi-libc
set -eu
cd "$(dirname "$0")"
clang-14 --target=wasm32-wasi --sysroot=/usr -O2 -o hello.wasm hello.c
