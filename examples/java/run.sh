#!/bin/sh
# Runs HostFunctionExample.java against the Kiln jar (built first if needed by bin/kiln's rules).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/bin/jdk.sh"
"$root/bin/kiln" version >/dev/null
jar=$(ls "$root"/kiln/target/kiln-*.jar | head -n 1)
exec "$JAVA_HOME/bin/java" -p "$jar" --add-modules dev.kiln "$root/examples/java/HostFunctionExample.java" \
  "$root/examples/java/greet.wasm"
