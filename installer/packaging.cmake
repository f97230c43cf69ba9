# Desktop integration and the Debian package (`cpack -G DEB` in the build tree).
install(FILES ${PROJECT_SOURCE_DIR}/resources/org.pirlstudio.PirlStudio.desktop
  DESTINATION share/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/org.pirlstudio.PirlStudio.metainfo.xml
  DESTINATION share/metainfo)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/pirl-studio.svg
  DESTINATION share/icons/hicolor/scalable/apps)
foreach(size 16 32 48 64 128 256)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/pirl-studio-${size}.png
    DESTINATION share/icons/hicolor/${size}x${size}/apps RENAME pirl-studio.png)
endforeach()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME pirl-studio)
set(CPACK_PACKAGE_VENDOR "PiRL Studio developers")
set(CPACK_PACKAGE_CONTACT "PiRL Studio developers <pirl-studio@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "Online RL fine-tuning of flow-matching robot policies (Flow-Noise, Flow-SDE)")
set(CPACK_PACKAGE_DESCRIPTION
  "PiRL Studio fine-tunes flow-matching robot policies online with Flow-Noise and Flow-SDE \
(PPO or GRPO) on a MuJoCo manipulation suite: a desktop application with a launcher, live \
metric charts, 3D views and a checkpoint browser, and the headless `pirl` command.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/pirl-studio/pirl-studio")
# the shared libraries the binaries link (Qt 6, VTK, LibTorch, MuJoCo, ...) become the
# dependencies, as dpkg-shlibdeps finds them; OpenBLAS makes LibTorch ~10x faster and Mesa's
# drivers let VTK render without a GPU
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libopenblas0-pthread, libgl1-mesa-dri")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "xvfb, python3-torch")
include(CPack)
