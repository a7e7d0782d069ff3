# Sourced by ./mvnw and bin/kiln: sets KILN_JAVA_HOME to a JDK whose version is >= 25.
# Order: $JAVA_HOME, then the `java` on PATH, then every /usr/lib/jvm/* (newest first).
# Stops the calling script with a clear message when none is found.

kiln_java_major() {
  # Prints the feature version of the JDK at $1 (e.g. 25), or nothing. Every JDK since 9 ships
  # a `release` file (JAVA_VERSION="25.0.3"); reading it costs nothing, while asking the JVM
  # (`java -XshowSettings`) starts one, 60-100 ms per candidate on every `bin/kiln` run. A JDK
  # without the file, or without that line, is still asked.
  [ -x "$1/bin/java" ] || return 0
  if [ -f "$1/release" ]; then
    from_release=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1)
    if [ -n "$from_release" ]; then
      echo "$from_release"
      return 0
    fi
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

kiln_accept_jdk() {
  major=$(kiln_java_major "$1")
  [ -n "$major" ] && [ "$major" -ge 25 ] && [ -x "$1/bin/javac" ]
}

kiln_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && kiln_accept_jdk "$JAVA_HOME"; then
    KILN_JAVA_HOME=$JAVA_HOME; return 0
  fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if kiln_accept_jdk "$candidate"; then KILN_JAVA_HOME=$candidate; return 0; fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -r); do
    candidate=${candidate%/}
    if kiln_accept_jdk "$candidate"; then KILN_JAVA_HOME=$candidate; return 0; fi
  done
  echo "kiln: no JDK 25 or newer found (looked at \$JAVA_HOME, the java on PATH and /usr/lib/jvm/*)." >&2
  echo "kiln: install JDK 25+ or point JAVA_HOME at one." >&2
  exit 1
}

kiln_find_jdk
export JAVA_HOME="$KILN_JAVA_HOME"
