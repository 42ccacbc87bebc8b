#!/usr/bin/env bash
# Install Debian's chromium for the end-to-end browser test (tests/test_web.py) when missing.
# Playwright drives this system browser; it never downloads a browser build of its own.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser.sh: /usr/bin/chromium is missing; install Debian's 'chromium' package (as root: apt-get install chromium)." >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium
