#!/bin/sh
# Compile time (issue 9): Kiln's Runtime.compile of a big module on its optimizing compiler against
# V8's optimizing tier compiling it eagerly (node --no-liftoff --no-wasm-lazy-compilation,
# WebAssembly.compile), every run a fresh process, the two alternating, in one run.
#   bench/run-compile.sh [--runs N] [--threads T] [FILE.wasm]
# The default module is ruby.wasm (bench/fetch-ruby.sh, which needs npm); 3 runs each; Kiln
# compiles on every core unless --threads says otherwise. Prints each run, then the medians: Kiln
# ms, V8 ms, Kiln/V8, Kiln's MB of code per second per compile thread, and Kiln's peak heap.
# JVM options: -Xmx1g -XX:+ExitOnOutOfMemoryError (issue 9's heap bound: a compile needing more
# fails the run), then BENCH_JAVA_OPTS, which come later and so win (for example -Xmx2g or
# -XX:+UseSerialGC). Needs node >= 20 and a JDK >= 25.
set -eu
usage() {
  echo "usage: bench/run-compile.sh [--runs N] [--threads T] [FILE.wasm]" >&2
  exit 2
}
runs=3
threads=
wasm=
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --threads) threads="--threads $2"; shift 2 ;;
    -*) usage ;;
    *) [ -z "$wasm" ] || usage; wasm=$1; shift ;;
  esac
done
case $runs in '' | *[!0-9]* | 0) usage ;; esac
command -v node >/dev/null || { echo "run-compile: node is not on PATH" >&2; exit 1; }
. "$(cd "$(dirname "$0")" && pwd)/classpath.sh"
[ -n "$wasm" ] || wasm=$("$root/bench/fetch-ruby.sh")
[ -f "$wasm" ] || { echo "run-compile: no file $wasm" >&2; exit 1; }

run_kiln() {
  # $threads is unquoted on purpose: nothing, or the option and its value.
  "$JAVA_HOME/bin/java" -Xmx1g -XX:+ExitOnOutOfMemoryError ${BENCH_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED \
    -cp "$BENCH_CP" dev.kiln.bench.CompileTimeBench $threads "$wasm"
}
run_v8() {
  node --no-liftoff --no-wasm-lazy-compilation "$root/bench/src/main/js/compile.mjs" "$wasm"
}

work="$root/bench/target/compile"
mkdir -p "$work"
: > "$work/kiln"
: > "$work/v8"
i=0
while [ $i -lt "$runs" ]; do
  # The side that goes first changes every round, so drift of the machine hits both alike.
  if [ $((i % 2)) -eq 0 ]; then order="kiln v8"; else order="v8 kiln"; fi
  for side in $order; do
    line=$("run_$side") || { echo "run-compile: $side failed on $wasm" >&2; exit 1; }
    echo "run-compile: round $((i + 1)) of $runs: $line" >&2
    echo "$line" >> "$work/$side"
  done
  i=$((i + 1))
done

# field NAME: the value of NAME=... on every line of stdin.
field() {
  sed -n "s/.* $1=\([^ ]*\).*/\1/p"
}
median() {
  sort -n | awk '{ v[NR] = $1 }
    END { if (NR % 2) printf "%.1f\n", v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

k=$(field compile_ms < "$work/kiln" | median)
v=$(field compile_ms < "$work/v8" | median)
peak=$(field peak_heap_mib < "$work/kiln" | sort -n | tail -n 1)
# The same in every run of the module and the options.
last=$(tail -n 1 "$work/kiln")
functions=$(echo "$last" | field functions)
mb=$(echo "$last" | field code_mb)
t=$(echo "$last" | field threads)
xmx=$(echo "$last" | field max_heap_mib)
gc=$(echo "$last" | field gc)

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); node $(node --version)"
echo "module: $wasm"
echo "runs: $runs each, fresh processes; Kiln: compile threads $t, collector $gc, -Xmx $xmx MiB"
printf '%-12s %9s %8s %9s %9s %8s %15s %14s\n' module functions code_MB kiln_ms v8_ms kiln/v8 kiln_MB/s/core peak_heap_MiB
awk -v name="$(basename "$wasm")" -v f="$functions" -v mb="$mb" -v k="$k" -v v="$v" -v t="$t" -v peak="$peak" 'BEGIN {
  printf "%-12s %9s %8s %9s %9s %7.2fx %15.3f %14s\n", name, f, mb, k, v, k / v, mb / (k / 1000) / t, peak
}'
awk -v k="$k" -v v="$v" -v xmx="$xmx" 'BEGIN {
  printf "issue 9: kiln/v8 at most 0.70x: %s; peak heap under 1 GiB (every run within -Xmx %d MiB): %s\n",
    k / v <= 0.70 ? "met" : "not met", xmx, xmx <= 1024 ? "met" : "not shown (-Xmx above 1 GiB)"
}'
echo "kiln ms: $(field compile_ms < "$work/kiln" | tr '\n' ' ')"
echo "v8 ms: $(field compile_ms < "$work/v8" | tr '\n' ' ')"
