// verifier (internal): JSON text for replies and log lines. Callers' text
// may hold invalid UTF-8 (it came from a request), so it is replaced, never
// thrown about: a reply must not turn into a 500 over a byte.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace sf::verifier {

/// One line of compact JSON followed by "\n". Never throws for bad UTF-8.
inline std::string dump_json(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace sf::verifier
