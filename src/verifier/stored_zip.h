// verifier (internal): a ZIP archive of files stored as they are (no
// compression: the PNGs inside are compressed already), made in memory for
// the "save the images" download. The verifier links no zip library; the
// format needs only headers and a CRC-32.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace sf::verifier {

/// The bytes of a ZIP holding each (name, content) in order. Names are
/// plain ASCII file names; at most 65535 entries, each under 4 GiB.
std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace sf::verifier
