// Kept apart from the VTK code: Xlib defines macros (Status, None, Bool) that clash with it.
#include <X11/Xlib.h>

#include <cstdlib>

namespace pirl::render {

bool displayAvailable() {
  const char* name = std::getenv("DISPLAY");
  if (!name || !*name) return false;
  Display* display = XOpenDisplay(name);
  if (!display) return false;
  XCloseDisplay(display);
  return true;
}

}  // namespace pirl::render
