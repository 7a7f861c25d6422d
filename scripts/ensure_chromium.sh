#!/bin/sh
# The browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
# Install it when it is missing and we are root; otherwise say exactly what to install.
set -e
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium >/dev/null
    exit 0
fi
echo "The browser tests need Debian's Chromium. Install it with:" >&2
echo "    sudo apt-get install chromium" >&2
exit 1
