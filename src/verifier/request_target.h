// verifier: a request target ("/v1/downloads/a%20b/x?token=..&y") split into
// the decoded path and the decoded query parameters, as routes expect them.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sf::verifier {

struct RequestTarget {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
};

/// Percent-decodes the path (a '+' stays '+') and each query name and value
/// ('+' is a space, as forms send it). A '%' not followed by two hex digits
/// is kept as it is.
RequestTarget split_target(std::string_view target);

/// Percent-decoding; `plus_is_space` for query parts.
std::string percent_decode(std::string_view text, bool plus_is_space);

}  // namespace sf::verifier
