#!/bin/sh
# Runs the WASI kernels of ../shared/bench on Kiln, Chicory and native code in one JVM and prints
# the comparison table (see bench/README.md).
#   bench/run-kernels.sh [--size small|default] [--warmup N] [--runs M] [--engines kiln,chicory,native] [KERNEL...]
# The native engine's gcc builds are cached in bench/target/native.
# JVM options: BENCH_JAVA_OPTS (for example -Xmx4g).
set -eu
. "$(cd "$(dirname "$0")" && pwd)/classpath.sh"

exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Dkiln.shared="$KILN_SHARED" -Dkiln.native.dir="$root/bench/target/native" -cp "$BENCH_CP" dev.kiln.bench.KernelBench "$@"
