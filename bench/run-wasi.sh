#!/bin/sh
# WASI file I/O: `kiln run` against node's node:wasi and native cp, in one run, alternating.
#   bench/run-wasi.sh [--runs N] [--size-mib M]
# Guests (built from kiln/src/test/java/dev/kiln/wasi/WasiGuests.java, the project's test
# module builder; FileGuestsTest runs them on small inputs):
#   copy.wasm      in.bin -> out.bin through fd_read/fd_write in 64 KiB chunks (default 256 MiB)
#   statopen.wasm  path_filestat_get + path_open + fd_close of d/00000 .. d/09999
#   empty.wasm     nothing: the start-up of each runtime alone
# Every time is the wall time of a whole process; the table gives medians, and the same minus
# the runtime's empty.wasm median (start-up excluded). Needs node >= 20 and a JDK >= 25.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bin/jdk.sh"
runs=5
size=256
files=10000 # what statopen.wasm visits
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --size-mib) size=$2; shift 2 ;;
    *) echo "usage: bench/run-wasi.sh [--runs N] [--size-mib M]" >&2; exit 2 ;;
  esac
done
command -v node >/dev/null || { echo "run-wasi: node is not on PATH" >&2; exit 1; }

work="$root/bench/target/wasi"
data="$work/data"
mkdir -p "$data/d"

# Kiln's jar (bin/kiln builds it when missing or stale), then the guests from the test classes.
"$root/bin/kiln" version >/dev/null
guests="$root/kiln/src/test/java/dev/kiln/wasi/WasiGuests.java"
classes="$root/kiln/target/test-classes/dev/kiln/wasi/WasiGuests.class"
if [ ! -f "$classes" ] || [ "$guests" -nt "$classes" ]; then
  (cd "$root" && ./mvnw -q -B -pl kiln test-compile >&2)
fi
"$JAVA_HOME/bin/java" -cp "$root/kiln/target/classes:$root/kiln/target/test-classes" \
  dev.kiln.wasi.WasiGuests "$work"

# Inputs, made once: random bytes (nothing compresses or dedups them) and small files.
if [ ! -f "$data/in.bin" ] || [ "$(stat -c %s "$data/in.bin")" != $((size * 1024 * 1024)) ]; then
  head -c $((size * 1024 * 1024)) /dev/urandom > "$data/in.bin"
fi
if [ ! -f "$data/d/$(printf %05d $((files - 1)))" ]; then
  seq -f %05g 0 $((files - 1)) | while read -r n; do printf 'small file %s\n' "$n" > "$data/d/$n"; done
fi

cat > "$work/run-node.mjs" <<'EOF'
// node:wasi runner: run-node.mjs MODULE.wasm DIR (DIR preopened as "/", fd 3, as for Kiln).
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
const [wasm, dir] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [wasm], env: {}, preopens: { '/': dir }, returnOnExit: true });
const instance = await WebAssembly.instantiate(await WebAssembly.compile(await readFile(wasm)), wasi.getImportObject());
process.exitCode = wasi.start(instance);
EOF

# Kiln runs as a user runs it, through bin/kiln (serial GC, the jar's start-up cache). The cache
# is made by the first run of a jar and holds what that run loaded and profiled: here an untimed
# run of empty.wasm, so that no timed guest runs with profiles of itself. KILN_AOT=0 runs
# without the cache; KILN_JAVA_OPTS adds JVM options.
export KILN_AOT_DIR="$work/aot"
rm -rf "$KILN_AOT_DIR"
"$root/bin/kiln" run --dir "$data::/" "$work/empty.wasm" 2>/dev/null
run_kiln() {
  "$root/bin/kiln" run --dir "$data::/" "$work/$1"
}
run_node() {
  node --no-warnings "$work/run-node.mjs" "$work/$1" "$data"
}
run_cp() {
  cp "$data/in.bin" "$data/out.bin"
}

# time_run NAME TOOL ARG: one timed run, seconds appended to $work/NAME.TOOL; fails on a bad exit.
time_run() {
  rm -f "$data/out.bin"
  start=$(date +%s%N)
  if ! "run_$2" "$3" >/dev/null; then
    echo "run-wasi: $2 failed on $1" >&2
    exit 1
  fi
  end=$(date +%s%N)
  echo "scale=3; ($end - $start) / 1000000000" | bc >> "$work/$1.$2"
  if [ "$1" = copy ] && ! cmp -s "$data/in.bin" "$data/out.bin"; then
    echo "run-wasi: $2 produced a wrong copy" >&2
    exit 1
  fi
}

median() {
  sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.3f\n", v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

for name in copy statopen empty; do
  for tool in kiln node cp; do : > "$work/$name.$tool"; done
done
i=0
while [ $i -lt "$runs" ]; do
  # The tool that goes first changes every round, so drift of the machine hits all alike.
  if [ $((i % 2)) -eq 0 ]; then order="kiln node cp"; else order="cp node kiln"; fi
  for tool in $order; do
    time_run copy "$tool" copy.wasm
    if [ "$tool" != cp ]; then
      time_run statopen "$tool" statopen.wasm
      time_run empty "$tool" empty.wasm
    fi
  done
  echo "run-wasi: round $((i + 1)) of $runs done" >&2
  i=$((i + 1))
done
rm -f "$data/out.bin"

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); node $(node --version)"
echo "runs: $runs each; copy: $size MiB in 64 KiB chunks; statopen: $files files"
printf '%-10s %10s %10s %10s %14s %14s\n' guest kiln_s node_s cp_s kiln/node kiln/cp
for name in copy statopen empty; do
  k=$(median "$work/$name.kiln")
  n=$(median "$work/$name.node")
  if [ "$name" = copy ]; then c=$(median "$work/$name.cp"); kc=$(echo "scale=2; $k / $c" | bc)x; else c=-; kc=-; fi
  printf '%-10s %10s %10s %10s %14s %14s\n' "$name" "$k" "$n" "$c" "$(echo "scale=2; $k / $n" | bc)x" "$kc"
done
ke=$(median "$work/empty.kiln")
ne=$(median "$work/empty.node")
echo "without start-up (each runtime's empty.wasm median subtracted):"
for name in copy statopen; do
  k=$(echo "$(median "$work/$name.kiln") - $ke" | bc)
  n=$(echo "$(median "$work/$name.node") - $ne" | bc)
  if [ "$name" = copy ]; then
    c=$(median "$work/$name.cp")
    printf '%-10s kiln %s s  node %s s  cp %s s  kiln/node %sx  kiln/cp %sx\n' "$name" "$k" "$n" "$c" \
      "$(echo "scale=2; $k / $n" | bc)" "$(echo "scale=2; $k / $c" | bc)"
  else
    printf '%-10s kiln %s s  node %s s  kiln/node %sx\n' "$name" "$k" "$n" "$(echo "scale=2; $k / $n" | bc)"
  fi
done
for name in copy statopen empty; do
  for tool in kiln node cp; do
    if [ -s "$work/$name.$tool" ]; then echo "$name $tool: $(tr '\n' ' ' < "$work/$name.$tool")"; fi
  done
done
