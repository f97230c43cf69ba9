#pragma once

#include <string>
#include <string_view>

namespace pirl {

/// SHA-256 of `data` as 64 lowercase hex digits (FIPS 180-4).
std::string sha256Hex(std::string_view data);

}  // namespace pirl
