# Sourced by ./mvnw (POSIX sh). Makes sure Maven and everything it forks run on a JDK >= 22,
# which the Foreign Function & Memory API of this project needs.
#
# Order: $JAVA_HOME if it is new enough, then `java` on PATH, then the newest JDK >= 22 found in
# the usual install locations (/usr/lib/jvm, /usr/local/lib/jvm, /opt, ~/.sdkman, ~/.jdks, macOS).
# On success JAVA_HOME is exported and its bin/ put first on PATH; otherwise this says what is
# missing and stops. Set UACCE_SKIP_JDK_SEARCH=1 to leave JAVA_HOME and PATH alone.

uacce_min_jdk=22

# Prints the feature version (e.g. 25) of the JDK at $1, or nothing.
uacce_jdk_feature() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -r "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1)
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
  fi
  [ "$v" = 1 ] && v=8
  printf '%s' "$v"
}

uacce_find_jdk() {
  if [ -n "${JAVA_HOME-}" ]; then
    v=$(uacce_jdk_feature "$JAVA_HOME")
    [ -n "$v" ] && [ "$v" -ge "$uacce_min_jdk" ] && return 0
    uacce_seen="JAVA_HOME=$JAVA_HOME (Java ${v:-?})"
  fi
  j=$(command -v java 2>/dev/null || true)
  if [ -n "$j" ]; then
    h=$(dirname "$(dirname "$(readlink -f "$j")")")
    v=$(uacce_jdk_feature "$h")
    if [ -n "$v" ] && [ "$v" -ge "$uacce_min_jdk" ]; then JAVA_HOME=$h; return 0; fi
    uacce_seen="${uacce_seen:+$uacce_seen, }java on PATH: $h (Java ${v:-?})"
  fi
  best=; bestv=0
  set +f
  for h in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* /opt/*jdk* \
           "${HOME:-/nonexistent}"/.sdkman/candidates/java/* "${HOME:-/nonexistent}"/.jdks/* \
           /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$h" ] || continue
    [ -L "$h" ] && continue
    v=$(uacce_jdk_feature "$h")
    [ -n "$v" ] || continue
    if [ "$v" -ge "$uacce_min_jdk" ] && [ "$v" -gt "$bestv" ]; then best=$h; bestv=$v; fi
  done
  set -f
  if [ -n "$best" ]; then JAVA_HOME=$best; return 0; fi
  {
    echo "This project needs a JDK $uacce_min_jdk or newer (Foreign Function & Memory API)."
    echo "Found: ${uacce_seen:-no JDK at all}."
    echo "Install one (for example Eclipse Temurin 25 from adoptium.net, or 'apt-get install openjdk-25-jdk'"
    echo "where your distribution has it) under /usr/lib/jvm, or point JAVA_HOME at it."
  } >&2
  return 1
}

if [ "${UACCE_SKIP_JDK_SEARCH-}" != 1 ]; then
  uacce_find_jdk || exit 1
  export JAVA_HOME
  PATH="$JAVA_HOME/bin:$PATH"
  export PATH
fi
