// codes: the "brand" object of the campaigns file, read and written by
// campaign_book.cpp only (so nlohmann stays out of the public headers).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "base/problems.h"
#include "codes/brand.h"

namespace sf::codes {

/// Reads `value` (an object) into a Brand, resolving the logo against
/// `campaigns_dir`; every problem goes to `problems` naming `where`.
Brand brand_from_json(const nlohmann::json& value, const std::string& where,
                      const std::filesystem::path& campaigns_dir, Problems& problems);

/// The object written back: only the fields that are set.
nlohmann::json brand_to_json(const Brand& brand);

}  // namespace sf::codes
