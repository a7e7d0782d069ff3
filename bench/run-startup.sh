#!/bin/sh
# Start-up: the wall time of a whole `bin/kiln run ruby.wasm` process (decode, validate,
# instantiate; ruby.wasm is a reactor, so run ends with "not a WASI command"), for this
# checkout and for a base revision built in a scratch worktree, alternating, in one run.
#   bench/run-startup.sh [--base REV] [--runs N]
# Prints each run's seconds and the medians; needs npm (bench/fetch-ruby.sh).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
base=f7a2c8c
runs=5
while [ $# -gt 0 ]; do
  case "$1" in
    --base) base=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "usage: bench/run-startup.sh [--base REV] [--runs N]" >&2; exit 2 ;;
  esac
done
wasm=$("$root/bench/fetch-ruby.sh")
scratch="$root/bench/target/startup-base"
if [ ! -d "$scratch" ] || [ "$(git -C "$scratch" rev-parse HEAD)" != "$(git -C "$root" rev-parse "$base")" ]; then
  rm -rf "$scratch"
  git -C "$root" worktree prune
  git -C "$root" worktree add --detach "$scratch" "$base" >/dev/null
fi
"$scratch/bin/kiln" version >/dev/null
"$root/bin/kiln" version >/dev/null
# One untimed run each: the module in the file cache for both, and bin/kiln's one-time start-up
# cache (made by the first `run` of a jar, see bin/kiln) for a checkout that has it.
"$scratch/bin/kiln" run "$wasm" >/dev/null 2>&1 || true
"$root/bin/kiln" run "$wasm" >/dev/null 2>&1 || true

# One timed run: seconds of wall time, the command's exit status ignored (a reactor exits 1).
time_run() {
  start=$(date +%s%N)
  "$1/bin/kiln" run "$wasm" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo "scale=3; ($end - $start) / 1000000000" | bc
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

: > "$scratch.base"
: > "$scratch.head"
i=0
while [ $i -lt "$runs" ]; do
  time_run "$scratch" >> "$scratch.base"
  time_run "$root" >> "$scratch.head"
  i=$((i + 1))
done
b=$(median < "$scratch.base")
h=$(median < "$scratch.head")
echo "base $base: $(tr '\n' ' ' < "$scratch.base")-> median ${b} s"
echo "this checkout: $(tr '\n' ' ' < "$scratch.head")-> median ${h} s"
echo "speed-up: $(echo "scale=2; $b / $h" | bc)x"
