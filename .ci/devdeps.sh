# Sourced by the GPU scripts: adds the Debian 12 .deb files in .devdeps/ (when present) to the
# system without replacing any file, for machines that lack the project's Debian packages.
if compgen -G ".devdeps/*.deb" > /dev/null; then
  step "Debian libraries from .devdeps"
  mkdir -p /tmp/pirl-debs
  for f in .devdeps/*.deb; do dpkg -x "$f" /tmp/pirl-debs; done
  cp -r --update=none /tmp/pirl-debs/usr/. /usr/ 2>/dev/null || cp -rn /tmp/pirl-debs/usr/. /usr/
  ldconfig
fi
