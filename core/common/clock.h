#pragma once

#include <string>

namespace pirl {

/// The current UTC time in ISO 8601 ("2026-11-26T13:45:00Z").
std::string utcTimestamp();

}  // namespace pirl
