#!/bin/sh
# The Debian packages the publications need (social cards, PDF brochures) and, for the tests,
# the tools that read them back. `make site` runs `ensure_packages.sh site`, `make test`
# `ensure_packages.sh test`. Installs what is missing when we are root (as
# scripts/ensure_chromium.sh does); otherwise says exactly what to install.
#   site: Noto fonts (cards and brochures), FriBiDi (Pillow's text layout, raqm), Pango and
#         HarfBuzz's subsetter (WeasyPrint)
#   test: the same, plus Tesseract with its Khmer and Vietnamese data and poppler's tools
set -e
SITE_PACKAGES="fonts-noto-core libfribidi0 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
TEST_PACKAGES="tesseract-ocr tesseract-ocr-khm tesseract-ocr-vie poppler-utils"
case "$1" in
    site) wanted="$SITE_PACKAGES" ;;
    test) wanted="$SITE_PACKAGES $TEST_PACKAGES" ;;
    *) echo "usage: $0 site|test" >&2; exit 2 ;;
esac
if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "Not a Debian system: make sure these (or your system's equivalents) are installed:" >&2
    echo "    $wanted" >&2
    exit 0  # the build and the tests say which file or program they cannot find
fi
missing=""
for package in $wanted; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null || true)
    case "$status" in
        ii*) ;;
        *) missing="$missing $package" ;;
    esac
done
if [ -z "$missing" ]; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian packages for the publications:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086 # one word per package
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
    exit 0
fi
echo "The site's publications (social cards, PDF brochures) need Debian packages. Install them with:" >&2
echo "    sudo apt-get install$missing" >&2
exit 1
