# Sourced by the GPU scripts: adds the Debian 12 .deb files in .devdeps/ (when present) to the
# system without replacing any file, for machines that lack the project's Debian packages.
# Fill the (git-ignored) folder on a Debian 12 machine, then name it in the device tool's carry:
#   mkdir -p .devdeps && cd .devdeps && apt-get download libb2-1 libccd2 libcli11-dev \
#     libdouble-conversion3 libglib2.0-0 libicu72 liblodepng0 libmujoco-dev libmujoco2.2.2 \
#     libpcre2-16-0 libqhull-r8.0 libqt6concurrent6 libqt6core6 libqt6dbus6 libqt6gui6 \
#     libqt6network6 libqt6opengl6 libqt6openglwidgets6 libqt6printsupport6 libqt6sql6 \
#     libqt6test6 libqt6widgets6 libqt6xml6 libsqlite3-0 libsqlite3-dev libsqlitecpp-dev \
#     libtinyxml2-9 libyaml-cpp-dev libyaml-cpp0.7 nlohmann-json3-dev qmake6 qmake6-bin \
#     qt6-base-dev-tools qt6-base-dev zlib1g-dev
# (qmake6 and libglib2.0-0 are what Qt Test's CMake package and link need: without them the
# Qt Test suite, and with it the CUDA test, does not configure on the GPU machine.)
if compgen -G ".devdeps/*.deb" > /dev/null; then
  step "Debian libraries from .devdeps"
  mkdir -p /tmp/pirl-debs
  for f in .devdeps/*.deb; do dpkg -x "$f" /tmp/pirl-debs; done
  cp -r --update=none /tmp/pirl-debs/usr/. /usr/ 2>/dev/null || cp -rn /tmp/pirl-debs/usr/. /usr/
  ldconfig
fi
