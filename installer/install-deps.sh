#!/usr/bin/env bash
# Installs every Debian 12 package that PiRL Studio needs to build, test and run.
# Idempotent and non-interactive: safe to run again; already-installed packages are kept.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git clang-format
  # simulation
  libmujoco-dev libmujoco-samples
  # core libraries
  libyaml-cpp-dev libcli11-dev libspdlog-dev libfmt-dev nlohmann-json3-dev
  libsqlite3-dev libsqlitecpp-dev zlib1g-dev
  # learning (LibTorch is ~10x faster on small MLPs with OpenBLAS)
  libtorch-dev libopenblas0-pthread
  # checking TorchScript exports from Python (Debian's PyTorch, same 1.13 as libtorch-dev)
  python3-torch
  # GUI, plots, 3D, translations, Qt Test
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-svg-dev libqcustomplot-dev libqcustomplot2.1-qt6 libvtk9-dev
  # Debian package (cpack -G DEB: dpkg-shlibdeps) and its desktop-file / AppStream checks
  dpkg-dev desktop-file-utils appstream
  # headless GUI tests and screenshots
  xvfb xauth libgl1-mesa-dri mesa-utils x11-apps
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "install-deps: done"
