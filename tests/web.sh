#!/bin/sh
# web.sh - test the browser edition (build-web/trainable.html, built by
# scripts/build-web.sh) in headless Chromium: every sample export gives the
# CLI's JSON report, no network request, no console error; then the page as
# a person uses it: folder, drag and drop, cancel, keyboard alone, dark
# mode, a phone's width (web_check.py).
# Skipped (exit 77) without the page, Chromium, chromedriver or Selenium.
# Usage: web.sh TRAINABLE SOURCE_DIR [PAGE] [SHOT_DIR]
set -u
bin=$1 src=$2
page=${3:-$src/build-web/trainable.html}
shots=${4:-}
if [ ! -f "$page" ]; then
    echo "no $page (build it with scripts/build-web.sh): skipped"
    exit 77
fi
for tool in chromium chromedriver; do
    if ! command -v "$tool" > /dev/null 2>&1; then
        echo "no $tool (scripts/setup.sh --dev installs it): skipped"
        exit 77
    fi
done
# Debian's python3-selenium belongs to Debian's python3, which may not be
# the first python3 on PATH
py=
for p in python3 /usr/bin/python3; do
    if "$p" -c 'import selenium' 2> /dev/null; then py=$p; break; fi
done
if [ -z "$py" ]; then
    echo "no python3-selenium (scripts/setup.sh --dev installs it): skipped"
    exit 77
fi
TR_CHROMIUM=$(command -v chromium) TR_CHROMEDRIVER=$(command -v chromedriver) \
    exec "$py" "$src/tests/web_check.py" "$bin" "$page" "$src" $shots
