#!/bin/sh
# Runs the JMH micro-benchmarks (CallBench, CompileBench) with JMH's own command line; with no
# arguments, all of them. Examples:
#   bench/run-jmh.sh CallBench
#   bench/run-jmh.sh CompileBench -p kernel=qsort
#   bench/run-jmh.sh -h                    (JMH's options)
# Forked benchmark JVMs inherit this JVM's options, so -Dkiln.shared reaches CompileBench.
set -eu
. "$(cd "$(dirname "$0")" && pwd)/classpath.sh"

exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Dkiln.shared="$KILN_SHARED" -cp "$BENCH_CP" org.openjdk.jmh.Main "$@"
