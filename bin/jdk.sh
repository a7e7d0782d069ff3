# Sourced by ./mvnw and bin/kiln: sets KILN_JAVA_HOME to a JDK whose version is >= 25.
# Order: $JAVA_HOME, then the `java` on PATH, then every /usr/lib/jvm/* (newest first).
# Stops the calling script with a clear message when none is found.
#
# Every `bin/kiln` command runs this, so it starts as few processes as it can: the version comes
# from the JDK's `release` file, read with shell built-ins, rather than from starting that JDK's
# JVM (`java -XshowSettings`, 60-100 ms per candidate), and /usr/lib/jvm is listed by a glob.

kiln_java_major() {
  # Sets kiln_major to the feature version of the JDK at $1 (e.g. 25), or to nothing. Every JDK
  # since 9 ships a `release` file with a line JAVA_VERSION="25.0.3". A JDK without the file,
  # or without that line, is asked itself.
  kiln_major=
  [ -x "$1/bin/java" ] || return 0
  if [ -f "$1/release" ]; then
    while IFS= read -r kiln_line || [ -n "$kiln_line" ]; do
      case $kiln_line in
        JAVA_VERSION=\"[0-9]*)
          kiln_line=${kiln_line#JAVA_VERSION=\"}
          kiln_major=${kiln_line%%[!0-9]*}
          return 0
          ;;
      esac
    done < "$1/release"
  fi
  kiln_major=$("$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1)
}

kiln_accept_jdk() {
  kiln_java_major "$1"
  [ -n "$kiln_major" ] && [ "$kiln_major" -ge 25 ] && [ -x "$1/bin/javac" ]
}

kiln_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && kiln_accept_jdk "$JAVA_HOME"; then
    KILN_JAVA_HOME=$JAVA_HOME; return 0
  fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(readlink -f "$(command -v java)")
    candidate=${candidate%/bin/java}
    if kiln_accept_jdk "$candidate"; then KILN_JAVA_HOME=$candidate; return 0; fi
  fi
  # Newest first: the glob lists in ascending order, so reverse it.
  candidates=
  for candidate in /usr/lib/jvm/*/; do
    [ -d "$candidate" ] && candidates="${candidate%/} $candidates"
  done
  for candidate in $candidates; do
    if kiln_accept_jdk "$candidate"; then KILN_JAVA_HOME=$candidate; return 0; fi
  done
  echo "kiln: no JDK 25 or newer found (looked at \$JAVA_HOME, the java on PATH and /usr/lib/jvm/*)." >&2
  echo "kiln: install JDK 25+ or point JAVA_HOME at one." >&2
  exit 1
}

kiln_find_jdk
export JAVA_HOME="$KILN_JAVA_HOME"
