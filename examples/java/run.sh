#!/bin/sh
# Runs HostFunctionExample.java (Java's source-file mode) against the Kiln jar, building it first
# when needed (bin/kiln does that).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/bin/jdk.sh"
"$root/bin/kiln" version >/dev/null
jar=$(ls "$root"/kiln/target/kiln-*.jar | head -n 1)
exec "$JAVA_HOME/bin/java" -p "$jar" --add-modules dev.kiln --enable-native-access=dev.kiln "$root/examples/java/HostFunctionExample.java" \
  "$root/examples/java/greet.wasm"
