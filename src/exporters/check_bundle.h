// exporters: `stickerforge check`: judge a bundle made by anyone (folder or
// ZIP) against the same platform rules the builder meets.
#pragma once

#include <filesystem>
#include <string_view>

#include "base/problems.h"

namespace sf::exporters {

/// Every problem of the bundle at `path` for `platform`: a platform folder, a
/// whole build folder (its <platform>/ is used) or a ZIP archive
/// (.zip/.wastickers, unpacked to a temp folder with size and name limits).
/// Throws Error(bad_input) for an unknown platform (did-you-mean), a missing
/// path or an unreadable archive.
Problems check_bundle(const std::filesystem::path& path, std::string_view platform);

}  // namespace sf::exporters
