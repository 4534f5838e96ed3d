#!/usr/bin/env bash
# Make sure headless Chromium and a CJK font are present for the dashboard's browser tests.
# Idempotent: prints nothing and exits 0 when everything is already installed.
# Uses Debian's packages (the machine runs as root); `apt-get update` runs only when an
# install fails without it, so a warm machine never touches the network.
set -euo pipefail

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
if ! dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed" \
   && ! dpkg-query -W -f='${Status}' fonts-wqy-zenhei 2>/dev/null | grep -q "ok installed"; then
    packages+=(fonts-noto-cjk)
fi
[ ${#packages[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
apt_install() {
    $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
}
echo "ensure_chromium: installing ${packages[*]}" >&2
if ! apt_install 2>/dev/null; then
    $SUDO apt-get update -qq >/dev/null
    apt_install
fi
[ -x /usr/bin/chromium ] || { echo "ensure_chromium: /usr/bin/chromium still missing" >&2; exit 1; }
echo "ensure_chromium: $(/usr/bin/chromium --version 2>/dev/null || echo chromium installed)" >&2
