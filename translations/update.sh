#!/usr/bin/env bash
# Refreshes the .ts files from the sources (new strings appear unfinished, vanished ones are
# dropped). Qt 6.4's lupdate does not see C++17 nested namespaces (`namespace pirl::widgets`),
# while the runtime context is the qualified class name: the contexts are unqualified for
# lupdate and qualified again afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
for ts in translations/pirl_studio_*.ts; do
  sed -i -E 's#<name>pirl::widgets::([A-Za-z]*)</name>#<name>\1</name>#' "$ts"
done
/usr/lib/qt6/bin/lupdate -no-obsolete -locations none widgets app \
  -ts translations/pirl_studio_de.ts translations/pirl_studio_zh_CN.ts
for ts in translations/pirl_studio_*.ts; do
  sed -i -E 's#<name>([A-Z][A-Za-z]*)</name>#<name>pirl::widgets::\1</name>#' "$ts"
done
