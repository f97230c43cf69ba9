// Kept apart from the VTK code: Xlib defines macros (Status, None, Bool) that clash with it.
#include <X11/Xlib.h>

#include <cstdlib>

namespace pirl::render {

bool displayAvailable() {
  // one connection stays open for the life of the process: an X server (Xvfb by default)
  // resets when its last client disconnects, and a window opened during that reset fails
  // ("bad X server connection", after which VTK aborts)
  static Display* const kept = [] {
    const char* name = std::getenv("DISPLAY");
    return name && *name ? XOpenDisplay(name) : nullptr;
  }();
  return kept != nullptr;
}

}  // namespace pirl::render
