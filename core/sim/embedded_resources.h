#pragma once

#include <string_view>
#include <vector>

namespace pirl::sim {

/// Contents of a file from `resources/` compiled into the binary, by its path relative to
/// `resources/` (e.g. "mjcf/widowx250.xml"); empty when there is no such resource.
std::string_view embeddedResource(std::string_view name);

/// Paths of all embedded resources, relative to `resources/`.
std::vector<std::string_view> embeddedResourceNames();

}  // namespace pirl::sim
