// triggers (internal): reading provider payloads without exceptions: a
// field of the wrong type reads as absent, and ids arrive as numbers
// (Shopify) or strings (everyone else) and are compared as text.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace sf::triggers {

/// The value at a JSON pointer ("/data/object/id"), or null.
inline const nlohmann::json& at(const nlohmann::json& doc, const char* pointer) {
  static const nlohmann::json null_value;
  try {
    const nlohmann::json::json_pointer path(pointer);
    return doc.contains(path) ? doc.at(path) : null_value;
  } catch (const nlohmann::json::exception&) {
    return null_value;  // a path through a value of another type
  }
}

/// A string or integer value as text; "" otherwise.
inline std::string text_at(const nlohmann::json& doc, const char* pointer) {
  const nlohmann::json& value = at(doc, pointer);
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  return "";
}

/// The body as JSON, or a discarded value.
inline nlohmann::json parse_body(const std::string& body) {
  return nlohmann::json::parse(body, nullptr, false);
}

}  // namespace sf::triggers
