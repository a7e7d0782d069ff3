# Sourced by bench/run-kernels.sh, bench/run-jmh.sh and bench/run-compile.sh: finds a JDK >= 25
# (bin/jdk.sh), builds Kiln and the bench module when they are missing or older than their
# sources, and sets BENCH_CP (the bench classes and every runtime dependency) and KILN_SHARED
# (kernels directory's parent, ../shared beside the checkout unless already set).
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bin/jdk.sh"

classpath_file="$root/bench/target/classpath.txt"
if [ ! -f "$classpath_file" ] || [ -n "$(find "$root/pom.xml" "$root/kiln/pom.xml" "$root/kiln/src/main" \
    "$root/bench/pom.xml" "$root/bench/src/main" -newer "$classpath_file" -print -quit)" ]; then
  echo "bench: building Kiln and the benchmarks (first run or sources changed)..." >&2
  (cd "$root" && ./mvnw -q -B -pl bench -am -DskipTests package >&2) || {
    echo "bench: build failed" >&2
    exit 1
  }
  # The build leaves an unchanged classpath file as it was, older than the sources just built,
  # which would make every later run build again.
  touch "$classpath_file"
fi

BENCH_CP="$root/bench/target/classes:$(cat "$classpath_file")"
KILN_SHARED=${KILN_SHARED:-$(cd "$root/.." && pwd)/shared}
