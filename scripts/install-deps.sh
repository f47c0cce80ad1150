#!/bin/sh
# Install the Debian packages heaplab needs, when any is missing.
# Run as root (CI and fresh machines), or with sudo available; otherwise it says what to install.
set -eu

PACKAGES="build-essential cmake pkg-config clang libcriterion-dev libjemalloc-dev libmimalloc-dev
libgc-dev libgmp-dev libbenchmark-dev graphviz python3 python3-matplotlib lua5.4 liblua5.4-dev valgrind libclang-rt-14-dev"

missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "install-deps: not root and no sudo; install these Debian packages:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
