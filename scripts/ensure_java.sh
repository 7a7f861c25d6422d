#!/bin/sh
# The HTML check (tests/test_html_valid.py) runs the W3C Nu HTML Checker, vnu.jar from npm
# vnu-jar, on Java 17 or newer: Debian's default-jre-headless (bookworm: OpenJDK 17). Install
# it when it is missing and we are root; otherwise say exactly what to install. (npm's vnu-jar
# would download a Java of its own from GitHub in its install script, which `npm ci
# --ignore-scripts` does not run.)
set -e
java_spec() {
    java -XshowSettings:properties -version 2>&1 |
        sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
if command -v java >/dev/null 2>&1 && [ "$(java_spec)" -ge 17 ] 2>/dev/null; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's Java (default-jre-headless) for the HTML check..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
    exit 0
fi
echo "The HTML check needs Java 17 or newer. Install it with:" >&2
echo "    sudo apt-get install default-jre-headless" >&2
exit 1
