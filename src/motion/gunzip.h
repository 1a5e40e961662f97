// motion (internal): bounded gunzip for TGS files, so a gzip bomb costs at
// most `max_bytes` of memory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "base/files.h"

namespace sf::motion::detail {

/// Inflates gzip `data`. Throws Error(bad_input) naming `file` when the data
/// is not gzip, is truncated, or inflates past `max_bytes`.
std::string gunzip(const Bytes& data, const std::filesystem::path& file, std::uint64_t max_bytes);

/// gzip of `text` at the best compression (for Lottie -> TGS).
Bytes gzip(const std::string& text);

}  // namespace sf::motion::detail
