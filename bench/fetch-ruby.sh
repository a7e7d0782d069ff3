#!/bin/sh
# Fetches ruby.wasm (npm package @ruby/3.4-wasm-wasi, 16.6 MB, 17,825 functions) into
# bench/target/ruby/ and prints its path. Idempotent: a fetched copy is reused.
#   bench/fetch-ruby.sh
set -eu
dir="$(cd "$(dirname "$0")" && pwd)/target/ruby"
wasm="$dir/package/dist/ruby.wasm"
if [ ! -f "$wasm" ]; then
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent @ruby/3.4-wasm-wasi@2.10.1 >/dev/null && tar xzf ruby-3.4-wasm-wasi-*.tgz)
fi
echo "$wasm"
