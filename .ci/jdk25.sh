# shellcheck shell=bash
# Sourced by .ci/run: the unit tests of the numeric packages (tensor, nn, series, training) on Temurin 25,
# so that the README's "tested on 17 and 25" has a CI leg behind it. The Spring/service tests run once, on
# the default JDK, in ./mvnw verify. Under CI=true a missing Temurin 25 fails the run; otherwise it warns.

# shellcheck source=.ci/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

seqcast_ci_jdk25() {
    local jdk="${SEQCAST_JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
    if [[ ! -x "$jdk/bin/java" ]]; then
        seqcast_ci_missing "Temurin 25 not found at $jdk (set SEQCAST_JDK25_HOME): the JDK 25 unit tests" || return 1
        return 0
    fi
    echo "java 25 leg: $("$jdk/bin/java" -version 2>&1 | head -n 1)"
    # test-compile again with JDK 25's javac (release 17), then only the fast unit-test packages
    JAVA_HOME="$jdk" ./mvnw -B -ntp test \
        -Dtest='io/seqcast/tensor/**/*Test.java,io/seqcast/nn/**/*Test.java,io/seqcast/series/**/*Test.java,io/seqcast/training/*Test.java' \
        -Dsurefire.failIfNoSpecifiedTests=false
}
