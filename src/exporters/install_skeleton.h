// exporters: the install description a build starts (<out>/install.json,
// docs/operations.md "Install description"): one entry per built platform
// that customers install, with the fields the operator completes (store
// links, add-links; empty until then). A rebuild keeps what the operator
// wrote and only adds entries for new platforms.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sf::exporters {

/// install.json's text for `platform_ids`, keeping every value of
/// `previous` (the file of the build being replaced; "" = none). A previous
/// file that is not a JSON object is kept aside as nothing: the skeleton
/// starts fresh (the build's report says so in its warnings).
std::string install_skeleton(const std::vector<std::string>& platform_ids,
                             const std::string& previous, std::vector<std::string>& warnings);

/// Writes `<staging>/install.json` from the skeleton and `<out_dir>/install.json`.
void write_install_skeleton(const std::filesystem::path& staging,
                            const std::filesystem::path& out_dir,
                            const std::vector<std::string>& platform_ids,
                            std::vector<std::string>& warnings);

}  // namespace sf::exporters
