#!/usr/bin/env bash
# Builds the Debian package from a build tree, unpacks it into a throwaway root, validates its
# desktop file and AppStream metainfo, and runs the installed pirl-studio --screenshot and pirl.
# Usage: installer/test-package.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$build" && cpack -G DEB -B "$work/out" > "$work/cpack.log" 2>&1) ||
  { tail -30 "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/out/*.deb)
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"
dpkg-deb --field "$deb" Package Version Depends | sed 's/^/  /'
dpkg-deb --field "$deb" Depends | grep -q "libqt6widgets6" || { echo "Depends lacks Qt"; exit 1; }
root="$work/root"
dpkg -x "$deb" "$root"
for f in usr/bin/pirl usr/bin/pirl-studio \
         usr/share/applications/org.pirlstudio.PirlStudio.desktop \
         usr/share/metainfo/org.pirlstudio.PirlStudio.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/pirl-studio.svg \
         usr/share/icons/hicolor/48x48/apps/pirl-studio.png; do
  [ -e "$root/$f" ] || { echo "missing $f"; exit 1; }
done
desktop-file-validate "$root/usr/share/applications/org.pirlstudio.PirlStudio.desktop"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.pirlstudio.PirlStudio.metainfo.xml"
"$root/usr/bin/pirl" --version
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
QT_QPA_PLATFORM=offscreen "$root/usr/bin/pirl-studio" --screenshot "$work/shot.png"
python3 - "$work/shot.png" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", data[16:24])
assert w >= 800 and h >= 600, (w, h)
print(f"installed pirl-studio --screenshot: {w}x{h} PNG")
PY
[ -e "$work/data/pirl-studio/pirl.db" ] || { echo "no default database created"; exit 1; }
echo "package ok"
