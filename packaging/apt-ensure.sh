#!/bin/sh
# Install the Debian packages given as arguments, but only those not installed yet.
# Usage: apt-ensure.sh SUDO PACKAGE...   (SUDO is "sudo" or "" when already root)
set -e
sudo_cmd="$1"; shift
missing=""
for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "phototagger needs these system packages:$missing (no apt-get here: install them by hand)" >&2
    exit 1
fi
echo "installing system packages:$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
# shellcheck disable=SC2086
$sudo_cmd apt-get install -y -qq --no-install-recommends $missing >/dev/null
